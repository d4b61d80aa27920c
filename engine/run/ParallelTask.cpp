#include "ParallelTask.h"

#include "Run.h"
#include "SequenceTask.h"

namespace pw::engine {

namespace {

QString idOf(const model::Node &node)
{
    if (const model::Step *step = node.step())
        return step->id;
    if (const model::StepGroup *group = node.group())
        return group->id;
    return {};
}

} // namespace

ParallelTask::ParallelTask(Run &run, const model::ParallelBlock &block, Frame frame)
    : Task(run), m_block(&block), m_frame(std::move(frame))
{
}

ParallelTask::ParallelTask(Run &run, std::vector<std::unique_ptr<Task>> branches, QStringList branchIds)
    : Task(run), m_branches(std::move(branches)), m_branchIds(std::move(branchIds))
{
}

ParallelTask::~ParallelTask() = default;

void ParallelTask::begin()
{
    if (m_block) {
        // Every `when` against the "so far" of the moment the block starts, then all starts:
        // an item failed by its condition cannot change what its siblings decide.
        const Progress asTheBlockStarts = *m_frame.progress;
        int failedByCondition = 0;
        for (const model::Node &node : m_block->items) {
            if (!m_run.mayStartNew(m_frame)) {
                m_run.settle(node, NodeStatus::Aborted);
                continue;
            }
            if (m_frame.role == NodeRole::Main && m_run.cloneIfReused(node))
                continue;
            Progress checked = asTheBlockStarts;
            Frame checkFrame = m_frame;
            checkFrame.progress = &checked;
            const bool runs = node.parallel() || m_run.passesWhen(node, checkFrame);
            failedByCondition += checked.failed - asTheBlockStarts.failed;
            if (!runs)
                continue;
            m_branches.push_back(createCheckedNodeTask(m_run, node, m_frame));
            m_branchIds << idOf(node);
        }
        m_frame.progress->failed += failedByCondition;
    }
    if (m_block && m_run.failFast()) {
        // An item whose condition failed has already ended Failed: under failFast its
        // siblings are cancelled before they start.
        bool failed = false;
        for (const model::Node &node : m_block->items) {
            const QString id = idOf(node);
            failed = failed || (!id.isEmpty() && m_run.nodeStatus(id) == NodeStatus::Failed);
        }
        if (failed) {
            for (const model::Node &node : m_block->items)
                m_run.settle(node, NodeStatus::Aborted);
            m_branches.clear();
        }
    }
    m_running = m_branches.size();
    if (m_running == 0) {
        finish();
        return;
    }
    for (std::size_t i = 0; i < m_branches.size(); ++i)
        m_branches[i]->start([this, i] { branchDone(i); });
}

void ParallelTask::branchDone(std::size_t index)
{
    --m_running;
    if (m_run.failFast() && m_run.nodeStatus(m_branchIds.value(int(index))) == NodeStatus::Failed) {
        for (auto &branch : m_branches) {
            if (branch->isActive())
                branch->cancel(CancelKind::Sibling);
        }
    }
    if (m_running == 0)
        finish();
}

void ParallelTask::cancel(CancelKind kind)
{
    for (auto &branch : m_branches) {
        if (branch->isActive())
            branch->cancel(kind);
    }
}

} // namespace pw::engine
