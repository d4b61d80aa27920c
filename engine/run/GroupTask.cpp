#include "GroupTask.h"

#include "Run.h"
#include "StageTask.h"
#include "engine/RetrySchedule.h"

namespace pw::engine {

GroupTask::GroupTask(Run &run, const model::StepGroup &group, Frame outer)
    : ContainerTask(run, group.id, group.steps, group.rollbackSteps, group.errorHandler, std::move(outer))
    , m_group(group)
{
}

Frame GroupTask::mainFrame()
{
    Frame frame = m_outer;
    frame.group = this;
    return frame;
}

bool GroupTask::requestRetry(const model::FailureAction &action)
{
    const RetryActionSchedule schedule(action);
    if (!schedule.allowsAnotherRetry(m_retriesRun) || m_retryDelay || m_cancelled)
        return false;
    ++m_retriesRun;
    m_retryDelay = schedule.delayBeforeRetry(m_retriesRun);
    if (m_main && m_main->isActive())
        m_main->cancel(CancelKind::GroupRetry);
    return true;
}

void GroupTask::cancel(CancelKind kind)
{
    ContainerTask::cancel(kind);
    if (!m_retryTimer.isActive() || kind == CancelKind::GroupRetry)
        return;
    // Cancelled while waiting to run again: what waited for the re-run is Aborted now.
    m_retryTimer.stop();
    m_retryDelay.reset();
    QStringList ids;
    RunPlan::collectIds(m_group.steps, ids);
    for (const QString &id : std::as_const(ids)) {
        if (!isFinal(m_run.nodeStatus(id)))
            m_run.record().settled(id, NodeStatus::Aborted);
    }
    ContainerTask::mainDone();
}

void GroupTask::mainDone()
{
    if (!m_retryDelay || m_cancelled) {
        m_retryDelay.reset();
        ContainerTask::mainDone();
        return;
    }
    m_run.record().retryScheduled(m_id, m_retriesRun + 1, m_retryDelay->count());
    m_run.note(m_id, QStringLiteral("RetryStepGroup: running the group again (%1 of its retries)").arg(m_retriesRun));
    m_retryTimer.start(m_run.clock(), *m_retryDelay, [this] { rerun(); });
}

void GroupTask::rerun()
{
    m_retryDelay.reset();
    if (m_cancelled) {
        ContainerTask::mainDone();
        return;
    }
    QStringList ids;
    RunPlan::collectIds(m_group.steps, ids);
    const Frame frame = mainFrame();
    for (const QString &id : std::as_const(ids))
        m_run.resetNode(id, frame);
    m_run.record().setStatus(m_id, NodeStatus::Running);
    startMain();
}

ContainerTask *GroupTask::parentContainer() const
{
    if (m_outer.group)
        return m_outer.group;
    return m_outer.stage;
}

void GroupTask::ended(NodeStatus status)
{
    // "The group and its stage end RolledBack"; the rest of the stage and the later stages
    // then run only nodes with `All`.
    if (status == NodeStatus::RolledBack && m_outer.stage)
        m_outer.stage->markRolledBack();
}

} // namespace pw::engine
