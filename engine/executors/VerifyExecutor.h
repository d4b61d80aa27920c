#pragma once

#include "StepExecutor.h"

namespace pw::engine {

// Verify: turns the condition the scheduler evaluated (AttemptRequest::verifyResult, or
// verifyError when the expression failed) into the step's outcome. The executor has no
// expression context of its own.
class VerifyExecutor : public StepExecutor
{
    Q_OBJECT

public:
    using StepExecutor::StepExecutor;

    void start(const AttemptRequest &request) override;
    void cancel(CancelReason reason) override;
};

} // namespace pw::engine
