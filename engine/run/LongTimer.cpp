#include "LongTimer.h"

#include "engine/rehearsal/VirtualClock.h"

#include <algorithm>
#include <climits>

namespace pw::engine {

void LongTimer::start(RunClock &clock, std::chrono::milliseconds delay, std::function<void()> onTimeout)
{
    stop();
    if (VirtualClock *virtualClock = clock.virtualClock()) {
        m_virtual = virtualClock;
        m_virtualTimer = virtualClock->addTimer(delay, [this] {
            m_virtualTimer = 0;
            auto callback = std::move(m_onTimeout);
            m_onTimeout = nullptr;
            if (callback)
                callback();
        });
        m_onTimeout = std::move(onTimeout);
        return;
    }
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
    if (m_virtualTimer != 0) {
        m_virtual->removeTimer(m_virtualTimer);
        m_virtualTimer = 0;
    }
    if (m_timer)
        m_timer->stop();
    m_onTimeout = nullptr;
}

} // namespace pw::engine
