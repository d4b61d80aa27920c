#pragma once

#include "StepExecutor.h"

namespace pw::engine {

// Fail: fails on purpose with the spec's error type and message, to try out failure
// strategies; from attempt `succeedOnAttempt` on it succeeds, to show retries working.
class FailExecutor : public StepExecutor
{
    Q_OBJECT

public:
    using StepExecutor::StepExecutor;

    void start(const AttemptRequest &request) override;
    void cancel(CancelReason reason) override;
};

} // namespace pw::engine
