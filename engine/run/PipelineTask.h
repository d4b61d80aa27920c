#pragma once

#include "SequenceTask.h"
#include "model/Pipeline.h"

#include <memory>
#include <vector>

namespace pw::engine {

class StageTask;

// The whole run: stages in file order (a `parallel` of stages side by side), a pipeline
// rollback's lanes, then the pipeline's error handler when the run is not Succeeded.
class PipelineTask : public Task
{
public:
    explicit PipelineTask(Run &run);
    ~PipelineTask() override;

    void cancel(CancelKind kind) override;
    // PipelineRollback: cancel everything, then run the rollbackSteps of every stage that
    // started, the latest first.
    void requestRollback();
    // Runs the lanes of a requested rollback, then `resume`; false if none is pending.
    bool runPendingRollback(std::function<void()> resume);

protected:
    void begin() override;

private:
    void nextStageItem();
    void rollbackNextStage();
    void stagesDone();

    std::size_t m_index = 0;
    std::unique_ptr<Task> m_current;
    std::vector<std::unique_ptr<StageTask>> m_startedStages; // in start order, kept for rollback
    bool m_rollbackPending = false;
    std::vector<const model::Stage *> m_rollbackQueue;
    std::vector<std::function<void()>> m_afterRollback; // every sequence held while lanes run
    bool m_rollbackRunning = false;
    Progress m_laneProgress;
    std::unique_ptr<SequenceTask> m_lane;
    bool m_inHandler = false;
    bool m_abortedBeforeHandler = false;
    bool m_abortSeenInHandler = false;
};

} // namespace pw::engine
