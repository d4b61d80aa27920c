#pragma once

#include "ContainerTask.h"
#include "LongTimer.h"

namespace pw::engine {

class StageTask;

// A step group: a container that shares its stage's "so far", can be rolled back
// (StepGroupRollback) and run again from its first node (RetryStepGroup).
class GroupTask : public ContainerTask
{
public:
    GroupTask(Run &run, const model::StepGroup &group, Frame outer);

    // RetryStepGroup from a step inside: false when the retries are used up (the step then
    // applies onRetryFailure). Otherwise the group cancels what runs, waits and runs again.
    bool requestRetry(const model::FailureAction &action);
    void cancel(CancelKind kind) override;

protected:
    Frame mainFrame() override;
    void mainDone() override;
    void ended(NodeStatus status) override;
    ContainerTask *parentContainer() const override;

private:
    void rerun();

    const model::StepGroup &m_group;
    int m_retriesRun = 0;
    std::optional<std::chrono::milliseconds> m_retryDelay;
    LongTimer m_retryTimer;
};

} // namespace pw::engine
