#pragma once

#include "ContainerTask.h"
#include "model/Pipeline.h"

namespace pw::engine {

// A stage: a container with its own "so far" for its nodes' stageStatus, whose outcome
// counts in the pipeline's "so far" for later stages' pipelineStatus.
class StageTask : public ContainerTask
{
public:
    StageTask(Run &run, const model::Stage &stage);

    const model::Stage &stage() const { return m_stage; }
    // Rolled back: the rest of this stage and the later stages run only `All` nodes.
    void markRolledBack();
    void requestStageRollback(const RunError &cause);

protected:
    Frame mainFrame() override;

private:
    const model::Stage &m_stage;
    Progress m_progress;
};

} // namespace pw::engine
