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
        // All `when`s first, then all starts: a sibling that ends at once cannot change
        // what the others decide.
        for (const model::Node &node : m_block->items) {
            if (!m_run.mayStartNew(m_frame)) {
                m_run.settle(node, NodeStatus::Aborted);
                continue;
            }
            if (auto task = createNodeTask(m_run, node, m_frame)) {
                m_branches.push_back(std::move(task));
                m_branchIds << idOf(node);
            }
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
