#pragma once

#include "engine/RunTypes.h"

#include <functional>
#include <optional>

namespace pw::engine {

class Run;
class ContainerTask;
class StageTask;
class GroupTask;

// Why something is being cancelled: it decides what the cancelled nodes become.
enum class CancelKind {
    RunAbort, // Abort action or user abort: running and unstarted nodes end Aborted
    RunTimeout, // the run's timeout: as RunAbort, and running steps get error Timeout
    Sibling, // failFast: a parallel sibling failed; this branch ends Aborted
    Rollback, // a stage, group or pipeline rollback: running nodes end Aborted, the rest
              // of the sequence goes on under the rollback's `when` rule
    GroupRetry, // RetryStepGroup: the group runs again, its nodes are reset, not settled
};

// "So far" of a stage (for steps' stageStatus) or of the pipeline (for stages'
// pipelineStatus). Failures are counted, not flagged, because a RetryStepGroup that resets
// a failed step takes its failure back.
struct Progress
{
    int failed = 0;
    bool rolledBack = false;
};

// Where a node list runs: the "so far" its `when`s look at, the containers around it (for
// the actions that name them) and its role.
struct Frame
{
    Progress *progress = nullptr;
    StageTask *stage = nullptr; // null: the pipeline's error handler
    GroupTask *group = nullptr; // innermost enclosing group, or null
    NodeRole role = NodeRole::Main;
    std::optional<RunError> error; // what handlers and rollback steps see as `error`
};

// One piece of a run that starts, ends once, and can be cancelled (a step, a group, a stage,
// a sequence or a parallel block), in the spirit of Qt Creator's task tree.
class Task
{
public:
    explicit Task(Run &run) : m_run(run) {}
    virtual ~Task() = default;
    Task(const Task &) = delete;
    Task &operator=(const Task &) = delete;

    // `done` runs once, from the event loop, when the task has ended.
    void start(std::function<void()> done);
    virtual void cancel(CancelKind kind) = 0;
    bool isActive() const { return m_active; }

protected:
    virtual void begin() = 0;
    void finish();

    Run &m_run;

private:
    std::function<void()> m_done;
    bool m_active = false;
};

} // namespace pw::engine
