#include "ContainerTask.h"

#include "Run.h"

namespace pw::engine {

QStringList childIds(const model::NodeList &nodes)
{
    QStringList ids;
    for (const model::Node &node : nodes) {
        if (const model::ParallelBlock *parallel = node.parallel())
            ids += childIds(parallel->items);
        else if (const model::StepGroup *group = node.group())
            ids << group->id;
        else if (const model::Step *step = node.step())
            ids << step->id;
    }
    return ids;
}

ContainerTask::ContainerTask(Run &run, QString id, const model::NodeList &steps,
                             const model::NodeList &rollbackSteps, const model::NodeList &errorHandler,
                             Frame outer)
    : Task(run)
    , m_id(std::move(id))
    , m_steps(steps)
    , m_rollbackSteps(rollbackSteps)
    , m_errorHandler(errorHandler)
    , m_outer(std::move(outer))
{
}

ContainerTask::~ContainerTask() = default;

void ContainerTask::begin()
{
    m_started = true;
    m_run.record().started(m_id);
    startMain();
}

void ContainerTask::startMain()
{
    m_main = std::make_unique<SequenceTask>(m_run, m_steps, mainFrame());
    m_main->setInterlude([this](std::function<void()> resume) { return runPendingRollbacks(std::move(resume)); });
    m_main->start([this] { mainDone(); });
}

void ContainerTask::cancel(CancelKind kind)
{
    if (kind != CancelKind::Rollback || !m_cancelled)
        m_cancelled = kind;
    if (m_main && m_main->isActive())
        m_main->cancel(kind);
    // A rollback lane is finished even when the run is aborted; only an abort stops it.
    if (m_lane && m_lane->isActive() && (kind == CancelKind::RunAbort || kind == CancelKind::RunTimeout))
        m_lane->cancel(kind);
}

void ContainerTask::requestRollback(const RunError &cause)
{
    if (m_rolledBack || m_rollbackPending)
        return;
    m_rollbackPending = true;
    m_rolledBack = true;
    m_rollbackCause = cause;
    // Cancel what still runs; the lane then runs before the next node of the main list.
    if (m_main && m_main->isActive())
        m_main->cancel(CancelKind::Rollback);
}

bool ContainerTask::runPendingRollbacks(std::function<void()> resume)
{
    ContainerTask *parent = parentContainer();
    if (parent ? parent->runPendingRollbacks(resume) : m_run.runPendingPipelineRollback(resume))
        return true;
    return runRollbackLane(std::move(resume));
}

bool ContainerTask::runRollbackLane(std::function<void()> resume)
{
    if (!m_rollbackPending || m_rollbackRan)
        return false;
    m_rollbackPending = false;
    m_rollbackRan = true;
    if (m_rollbackSteps.empty())
        return false;
    m_laneProgress = {};
    Frame frame = mainFrame();
    frame.progress = &m_laneProgress;
    frame.role = NodeRole::Rollback;
    frame.error = m_rollbackCause;
    m_lane = std::make_unique<SequenceTask>(m_run, m_rollbackSteps, frame);
    m_lane->start(std::move(resume));
    return true;
}

void ContainerTask::mainDone()
{
    // A rollback requested by the last node still has to run its lane.
    if (runPendingRollbacks([this] { conclude(); }))
        return;
    conclude();
}

NodeStatus ContainerTask::outcome() const
{
    if (m_rolledBack)
        return NodeStatus::RolledBack;
    if (m_cancelled && *m_cancelled != CancelKind::GroupRetry)
        return NodeStatus::Aborted;
    bool allSkipped = true;
    bool failed = false;
    for (const QString &child : childIds(m_steps)) {
        const NodeStatus status = m_run.nodeStatus(child);
        failed = failed || status == NodeStatus::Failed;
        allSkipped = allSkipped && status == NodeStatus::Skipped;
    }
    if (failed)
        return NodeStatus::Failed;
    return allSkipped ? NodeStatus::Skipped : NodeStatus::Succeeded;
}

void ContainerTask::conclude()
{
    const NodeStatus status = outcome();
    if (status == NodeStatus::Failed && !m_errorHandler.empty() && m_run.mayStartNew(m_outer)) {
        runErrorHandler();
        return;
    }
    finishWith(status);
}

void ContainerTask::runErrorHandler()
{
    m_laneProgress = {};
    Frame frame = mainFrame();
    frame.progress = &m_laneProgress;
    frame.role = NodeRole::ErrorHandler;
    // The failure that made this container fail: its first Failed step.
    for (const PlannedNode &node : m_run.plan().nodes()) {
        if (node.kind != NodeKind::Stage && node.role == NodeRole::Main && node.parents.contains(m_id)
            && m_run.nodeStatus(node.id) == NodeStatus::Failed && m_run.record().node(node.id).error) {
            const NodeState &state = m_run.record().node(node.id);
            frame.error = RunError{state.error ? state.error->type : model::ErrorType::Unknown,
                                   state.error ? state.error->message : QString(), node.id, node.stage};
            break;
        }
    }
    m_lane = std::make_unique<SequenceTask>(m_run, m_errorHandler, frame);
    m_lane->start([this] { finishWith(NodeStatus::Failed); });
}

void ContainerTask::finishWith(NodeStatus status)
{
    if (m_cancelled == CancelKind::GroupRetry) {
        finish(); // the enclosing group runs again: this node is reset, not ended
        return;
    }
    for (const QString &child : childIds(m_steps)) {
        if (m_run.record().node(child).warning) {
            m_run.record().setWarning(m_id);
            break;
        }
    }
    if (!m_rollbackLaneOutlivesTask)
        m_run.settle(m_rollbackSteps, NodeStatus::Skipped);
    m_run.settle(m_errorHandler, NodeStatus::Skipped);
    m_run.endNode(m_id, status, m_outer);
    ended(status);
    finish();
}

} // namespace pw::engine
