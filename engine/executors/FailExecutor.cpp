#include "FailExecutor.h"

namespace pw::engine {

void FailExecutor::start(const AttemptRequest &request)
{
    const auto *spec = std::get_if<model::FailSpec>(&request.spec);
    if (!spec) {
        finishSoon(
            failure(model::ErrorType::Unknown, QStringLiteral("internal error: not a Fail step")));
        return;
    }
    if (spec->succeedOnAttempt && request.attempt >= *spec->succeedOnAttempt) {
        emit logLine(LogLine::Stream::Engine,
                     QStringLiteral("attempt %1 succeeds (succeedOnAttempt: %2)")
                         .arg(request.attempt)
                         .arg(*spec->succeedOnAttempt));
        finishSoon(success());
        return;
    }
    finishSoon(
        failure(spec->errorType.value_or(model::ErrorType::Unknown),
                spec->message.isEmpty() ? QStringLiteral("failed on purpose") : spec->message));
}

void FailExecutor::cancel(CancelReason reason)
{
    cancelPending(reason);
}

} // namespace pw::engine
