#include "SimulatedExecutor.h"

namespace pw::engine {

bool runsForRealInRehearsal(model::StepType type)
{
    return type == model::StepType::Echo || type == model::StepType::Fail || type == model::StepType::Verify;
}

SimulatedExecutor::SimulatedExecutor(RunClock &clock, Outcome outcome, QObject *parent)
    : StepExecutor(parent), m_clock(clock), m_outcome(std::move(outcome))
{}

void SimulatedExecutor::start(const AttemptRequest &request)
{
    if (m_outcome.injectedFailure) {
        emit logLine(LogLine::Stream::Engine,
                     QStringLiteral("rehearsal: %1 injected into attempt %2")
                         .arg(model::toString(*m_outcome.injectedFailure))
                         .arg(request.attempt));
        finishSoon(failure(*m_outcome.injectedFailure,
                           QStringLiteral("injected %1 (rehearsal)").arg(model::toString(*m_outcome.injectedFailure))));
        return;
    }
    if (const auto *wait = std::get_if<model::WaitSpec>(&request.spec)) {
        m_running = true;
        const qint64 durationMs = wait->duration ? std::max<qint64>(0, wait->duration->milliseconds()) : 0;
        m_wait.start(m_clock, std::chrono::milliseconds(durationMs), [this] {
            m_running = false;
            finishSoon(success());
        });
        return;
    }
    emit logLine(LogLine::Stream::Engine, QStringLiteral("rehearsal: not executed, succeeds"));
    finishSoon(success(m_outcome.outputs));
}

void SimulatedExecutor::cancel(CancelReason reason)
{
    if (cancelPending(reason) || !m_running)
        return;
    m_running = false;
    m_wait.stop();
    finishSoon(cancelledOutcome(reason));
}

} // namespace pw::engine
