#include "LongTimer.h"

#include <algorithm>
#include <climits>

namespace pw::engine {

void LongTimer::start(std::chrono::milliseconds delay, std::function<void()> onTimeout)
{
    if (!m_timer) {
        m_timer = std::make_unique<QTimer>();
        m_timer->setSingleShot(true);
        m_timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(m_timer.get(), &QTimer::timeout, m_timer.get(), [this] { expired(); });
    }
    m_onTimeout = std::move(onTimeout);
    m_deadline = QDeadlineTimer(std::max<qint64>(0, delay.count()), Qt::PreciseTimer);
    arm();
}

void LongTimer::expired()
{
    if (m_deadline.remainingTime() > 0) {
        arm(); // a chunk of a long wait ended, or the timer woke a hair early
        return;
    }
    auto callback = std::move(m_onTimeout);
    m_onTimeout = nullptr;
    if (callback)
        callback();
}

void LongTimer::arm()
{
    const qint64 left = std::max<qint64>(0, m_deadline.remainingTime());
    m_timer->start(int(std::min<qint64>(left, INT_MAX)));
}

void LongTimer::stop()
{
    if (m_timer)
        m_timer->stop();
    m_onTimeout = nullptr;
}

std::chrono::milliseconds LongTimer::remaining() const
{
    return std::chrono::milliseconds(isActive() ? std::max<qint64>(0, m_deadline.remainingTime()) : 0);
}

} // namespace pw::engine
