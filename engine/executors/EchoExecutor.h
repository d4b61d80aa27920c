#pragma once

#include "StepExecutor.h"

namespace pw::engine {

// Echo: writes its message to the step's log (INFO to Out, WARN and ERROR to Err, marked
// with their level) and hands it on as output `message`.
class EchoExecutor : public StepExecutor
{
    Q_OBJECT

public:
    using StepExecutor::StepExecutor;

    void start(const AttemptRequest &request) override;
    void cancel(CancelReason reason) override;
};

} // namespace pw::engine
