#include "WaitExecutor.h"

namespace pw::engine {

WaitExecutor::WaitExecutor(QObject *parent) : StepExecutor(parent), m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &WaitExecutor::armOrFinish);
}

void WaitExecutor::setMaxTimerInterval(std::chrono::milliseconds interval)
{
    m_maxInterval
        = std::clamp(interval, std::chrono::milliseconds(1), std::chrono::milliseconds(INT_MAX));
}

void WaitExecutor::start(const AttemptRequest &request)
{
    Q_ASSERT(!m_running);
    const auto *spec = std::get_if<model::WaitSpec>(&request.spec);
    if (!spec || !spec->duration) { // validation rejects a Wait without duration
        finishSoon(failure(model::ErrorType::Unknown,
                           QStringLiteral("internal error: not a Wait step with a duration")));
        return;
    }
    m_durationMs = qMax<qint64>(0, spec->duration->milliseconds());
    m_running = true;
    m_clock.start();
    armOrFinish();
}

void WaitExecutor::cancel(CancelReason reason)
{
    if (cancelPending(reason) || !m_running)
        return;
    m_running = false;
    m_timer.stop();
    finishSoon(cancelledOutcome(reason));
}

void WaitExecutor::armOrFinish()
{
    // Whole elapsed milliseconds, rounded down: remaining <= 0 exactly when the full
    // duration has passed, with no nanosecond arithmetic that could overflow.
    const qint64 remainingMs = m_durationMs - m_clock.nsecsElapsed() / 1'000'000;
    if (remainingMs <= 0) {
        m_running = false;
        finishSoon(success());
        return;
    }
    m_timer.start(std::chrono::milliseconds(qMin<qint64>(remainingMs, m_maxInterval.count())));
}

} // namespace pw::engine
