#include "VerifyExecutor.h"

namespace pw::engine {

void VerifyExecutor::start(const AttemptRequest &request)
{
    const auto *spec = std::get_if<model::VerifySpec>(&request.spec);
    if (!spec) {
        finishSoon(failure(model::ErrorType::Unknown,
                           QStringLiteral("internal error: not a Verify step")));
        return;
    }
    if (!request.verifyError.isEmpty()) {
        finishSoon(failure(model::ErrorType::Unknown, request.verifyError));
    } else if (!request.verifyResult) {
        finishSoon(failure(model::ErrorType::Unknown,
                           QStringLiteral("internal error: condition was not evaluated: %1")
                               .arg(spec->condition)));
    } else if (*request.verifyResult) {
        finishSoon(success());
    } else {
        finishSoon(failure(model::ErrorType::Verification,
                           spec->message.isEmpty()
                               ? QStringLiteral("condition is false: %1").arg(spec->condition)
                               : spec->message));
    }
}

void VerifyExecutor::cancel(CancelReason reason)
{
    cancelPending(reason);
}

} // namespace pw::engine
