#include "EchoExecutor.h"

namespace pw::engine {

void EchoExecutor::start(const AttemptRequest &request)
{
    const auto *spec = std::get_if<model::EchoSpec>(&request.spec);
    if (!spec) {
        finishSoon(
            failure(model::ErrorType::Unknown, QStringLiteral("internal error: not an Echo step")));
        return;
    }
    const model::LogLevel level = spec->level.value_or(model::LogLevel::Info);
    if (level == model::LogLevel::Info)
        emit logLine(LogLine::Stream::Out, spec->message);
    else
        emit logLine(LogLine::Stream::Err, u'[' + model::toString(level) + u"] " + spec->message);
    finishSoon(success({{QStringLiteral("message"), spec->message}}));
}

void EchoExecutor::cancel(CancelReason reason)
{
    cancelPending(reason);
}

} // namespace pw::engine
