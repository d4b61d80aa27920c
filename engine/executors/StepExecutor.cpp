#include "StepExecutor.h"

#include "engine/run/PendingWork.h"

namespace pw::engine {

void StepExecutor::writeOutput(LogLine::Stream stream, QByteArrayView bytes)
{
    if (m_sink) {
        m_sink->write(stream, bytes);
        return;
    }
    LineSplitter &lines = stream == LogLine::Stream::Err ? m_stderrLines : m_stdoutLines;
    for (const QString &line : lines.feed(bytes))
        emit logLine(stream, line);
}

void StepExecutor::endOutput(LogLine::Stream stream)
{
    if (m_sink) {
        m_sink->endOfStream(stream);
        return;
    }
    LineSplitter &lines = stream == LogLine::Stream::Err ? m_stderrLines : m_stdoutLines;
    if (const auto last = lines.finish())
        emit logLine(stream, *last);
}

void StepExecutor::resetOutput()
{
    m_stdoutLines = LineSplitter();
    m_stderrLines = LineSplitter();
}

void StepExecutor::finishSoon(const AttemptOutcome &outcome)
{
    if (m_pendingOutcome)
        return; // the attempt already has its outcome; the first one stands
    m_pendingOutcome = outcome;
    // The functor form with `this` as context is dropped if we are destroyed before it runs.
    QMetaObject::invokeMethod(
        this,
        [this, pending = pendingWork::token()] {
            const AttemptOutcome delivered = *m_pendingOutcome;
            // Cleared before emitting, so that a receiver may start() the next attempt.
            m_pendingOutcome.reset();
            emit finished(delivered);
        },
        Qt::QueuedConnection);
}

bool StepExecutor::cancelPending(CancelReason reason)
{
    if (!m_pendingOutcome)
        return false;
    if (!m_pendingOutcome->cancelled)
        *m_pendingOutcome = cancelledOutcome(reason);
    return true;
}

AttemptOutcome StepExecutor::cancelledOutcome(CancelReason reason)
{
    AttemptOutcome outcome;
    outcome.cancelled = true;
    if (reason == CancelReason::Timeout) {
        outcome.errorType = model::ErrorType::Timeout;
        outcome.message = QStringLiteral("timed out");
    } else {
        outcome.errorType = model::ErrorType::Unknown;
        outcome.message = QStringLiteral("cancelled");
    }
    return outcome;
}

AttemptOutcome StepExecutor::failure(model::ErrorType type, const QString &message)
{
    AttemptOutcome outcome;
    outcome.errorType = type;
    outcome.message = message;
    return outcome;
}

AttemptOutcome StepExecutor::success(const QVariantMap &outputs)
{
    AttemptOutcome outcome;
    outcome.succeeded = true;
    outcome.outputs = outputs;
    return outcome;
}

} // namespace pw::engine
