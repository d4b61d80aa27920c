#include "StageTask.h"

#include "Run.h"

namespace pw::engine {

StageTask::StageTask(Run &run, const model::Stage &stage)
    : ContainerTask(run, stage.id, stage.steps, stage.rollbackSteps, stage.errorHandler,
                    Frame{&run.pipelineProgress(), nullptr, nullptr, NodeRole::Main, {}})
    , m_stage(stage)
{
    m_rollbackLaneOutlivesTask = true;
}

Frame StageTask::mainFrame()
{
    return Frame{&m_progress, this, nullptr, NodeRole::Main, {}};
}

void StageTask::markRolledBack()
{
    ContainerTask::markRolledBack();
    m_progress.rolledBack = true;
    m_run.pipelineProgress().rolledBack = true;
}

void StageTask::requestStageRollback(const RunError &cause)
{
    m_progress.rolledBack = true;
    m_run.pipelineProgress().rolledBack = true;
    requestRollback(cause);
}

} // namespace pw::engine
