#include "PipelineTask.h"

#include "ParallelTask.h"
#include "Run.h"
#include "StageTask.h"

namespace pw::engine {

namespace {

// Runs a stage and keeps it alive for a later PipelineRollback, owned by the PipelineTask.
class StageRunner : public Task
{
public:
    StageRunner(Run &run, StageTask &stage) : Task(run), m_stage(stage) {}
    void cancel(CancelKind kind) override
    {
        if (m_stage.isActive())
            m_stage.cancel(kind);
    }

protected:
    void begin() override { m_stage.start([this] { finish(); }); }

private:
    StageTask &m_stage;
};

} // namespace

PipelineTask::PipelineTask(Run &run) : Task(run) {}
PipelineTask::~PipelineTask() = default;

void PipelineTask::begin()
{
    m_index = 0;
    nextStageItem();
}

void PipelineTask::nextStageItem()
{
    m_current.reset();
    if (runPendingRollback([this] { nextStageItem(); }))
        return;
    const auto &items = m_run.pipeline().stages;
    while (m_index < items.size()) {
        const model::StageItem &item = items[m_index++];
        std::vector<const model::Stage *> stages;
        if (const model::Stage *stage = item.stage())
            stages.push_back(stage);
        else
            for (const model::Stage &parallelStage : item.parallel()->stages)
                stages.push_back(&parallelStage);

        // `when` of every stage of a parallel item first, so none depends on the others.
        std::vector<std::unique_ptr<Task>> runners;
        QStringList ids;
        const Frame pipelineFrame{&m_run.pipelineProgress(), nullptr, nullptr, NodeRole::Main, {}};
        for (const model::Stage *stage : stages) {
            if (!m_run.mayStartNew(pipelineFrame)) {
                m_run.settleStage(*stage, NodeStatus::Aborted);
                continue;
            }
            if (m_run.cloneStageIfReused(*stage) || !m_run.passesStageWhen(*stage))
                continue;
            m_startedStages.push_back(std::make_unique<StageTask>(m_run, *stage));
            runners.push_back(std::make_unique<StageRunner>(m_run, *m_startedStages.back()));
            ids << stage->id;
        }
        if (runners.empty())
            continue;
        if (runners.size() == 1)
            m_current = std::move(runners.front());
        else
            m_current = std::make_unique<ParallelTask>(m_run, std::move(runners), ids);
        m_current->start([this] { nextStageItem(); });
        return;
    }
    stagesDone();
}

void PipelineTask::requestRollback()
{
    if (m_rollbackPending || m_inHandler)
        return;
    m_rollbackPending = true;
    m_run.pipelineProgress().rolledBack = true;
    for (auto &stage : m_startedStages) {
        if (stage->isActive())
            stage->markRolledBack();
    }
    if (m_current && m_current->isActive())
        m_current->cancel(CancelKind::Rollback);
}

bool PipelineTask::runPendingRollback(std::function<void()> resume)
{
    if (m_rollbackRunning) {
        // Another branch (a parallel stage) is running the lanes: nothing new starts here
        // until they are done.
        m_afterRollback.push_back(std::move(resume));
        return true;
    }
    if (!m_rollbackPending)
        return false;
    m_rollbackPending = false;
    m_rollbackRunning = true;
    m_afterRollback.push_back(std::move(resume));
    // Every stage that started, the latest first; one already rolled back keeps its rollback.
    m_rollbackQueue.clear();
    for (auto it = m_startedStages.rbegin(); it != m_startedStages.rend(); ++it) {
        const StageTask &stage = **it;
        if (!stage.isActive() && m_run.nodeStatus(stage.id()) == NodeStatus::RolledBack)
            continue;
        if (!stage.isActive())
            m_run.record().ended(stage.id(), NodeStatus::RolledBack); // its outcome changes
        m_rollbackQueue.push_back(&stage.stage());
    }
    rollbackNextStage();
    return true;
}

void PipelineTask::rollbackNextStage()
{
    while (!m_rollbackQueue.empty()) {
        const model::Stage *stage = m_rollbackQueue.front();
        m_rollbackQueue.erase(m_rollbackQueue.begin());
        if (stage->rollbackSteps.empty())
            continue;
        m_laneProgress = {};
        Frame frame{&m_laneProgress, nullptr, nullptr, NodeRole::Rollback, m_run.firstFailure()};
        m_lane = std::make_unique<SequenceTask>(m_run, stage->rollbackSteps, frame);
        m_lane->start([this] { rollbackNextStage(); });
        return;
    }
    m_rollbackRunning = false;
    for (auto &resume : std::exchange(m_afterRollback, {}))
        m_run.post(std::move(resume));
}

void PipelineTask::stagesDone()
{
    const model::NodeList &handler = m_run.pipeline().errorHandler;
    const bool succeeded = m_run.outcomeSoFar() == RunStatus::Succeeded;
    if (succeeded || handler.empty() || m_inHandler) {
        finish();
        return;
    }
    m_inHandler = true;
    m_abortedBeforeHandler = m_run.isAborted();
    m_laneProgress = {};
    Frame frame{&m_laneProgress, nullptr, nullptr, NodeRole::ErrorHandler, m_run.firstFailure()};
    m_lane = std::make_unique<SequenceTask>(m_run, handler, frame);
    m_lane->start([this] { finish(); });
}

void PipelineTask::cancel(CancelKind kind)
{
    if (m_inHandler) {
        // The handler outlives the abort that made it run; a second abort stops it.
        if (kind != CancelKind::RunAbort)
            return;
        if (m_abortedBeforeHandler || m_abortSeenInHandler) {
            if (m_lane && m_lane->isActive())
                m_lane->cancel(kind);
        }
        m_abortSeenInHandler = true;
        return;
    }
    if (m_current && m_current->isActive())
        m_current->cancel(kind);
    if (m_lane && m_lane->isActive() && kind != CancelKind::Rollback)
        m_lane->cancel(kind);
}

} // namespace pw::engine
