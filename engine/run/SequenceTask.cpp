#include "SequenceTask.h"

#include "GroupTask.h"
#include "ParallelTask.h"
#include "Run.h"
#include "StepTask.h"

namespace pw::engine {

SequenceTask::SequenceTask(Run &run, const model::NodeList &nodes, Frame frame)
    : Task(run), m_nodes(nodes), m_frame(std::move(frame))
{
}

SequenceTask::~SequenceTask() = default;

void SequenceTask::begin()
{
    m_index = 0;
    next();
}

void SequenceTask::next()
{
    m_current.reset();
    if (m_stop) {
        if (*m_stop != CancelKind::GroupRetry) {
            for (; m_index < m_nodes.size(); ++m_index)
                m_run.settle(m_nodes[m_index], NodeStatus::Aborted);
        }
        finish();
        return;
    }
    if (m_interlude && m_interlude([this] { next(); }))
        return;
    while (m_index < m_nodes.size()) {
        const model::Node &node = m_nodes[m_index++];
        if (!m_run.mayStartNew(m_frame)) {
            m_run.settle(node, NodeStatus::Aborted);
            continue;
        }
        m_current = createNodeTask(m_run, node, m_frame);
        if (!m_current)
            continue; // skipped, or failed by its condition
        m_current->start([this] { next(); });
        return;
    }
    finish();
}

void SequenceTask::cancel(CancelKind kind)
{
    if (kind != CancelKind::Rollback && (!m_stop || kind != CancelKind::GroupRetry))
        m_stop = kind;
    if (m_current && m_current->isActive())
        m_current->cancel(kind);
}

std::unique_ptr<Task> createNodeTask(Run &run, const model::Node &node, const Frame &frame)
{
    if (const model::ParallelBlock *parallel = node.parallel())
        return std::make_unique<ParallelTask>(run, *parallel, frame);
    // Reused by a resume: not run, and its `when` was settled by the original run.
    if (frame.role == NodeRole::Main && run.cloneIfReused(node))
        return nullptr;
    if (!run.passesWhen(node, frame))
        return nullptr;
    return createCheckedNodeTask(run, node, frame);
}

std::unique_ptr<Task> createCheckedNodeTask(Run &run, const model::Node &node, const Frame &frame)
{
    if (const model::ParallelBlock *parallel = node.parallel())
        return std::make_unique<ParallelTask>(run, *parallel, frame);
    if (const model::StepGroup *group = node.group())
        return std::make_unique<GroupTask>(run, *group, frame);
    return std::make_unique<StepTask>(run, *node.step(), frame);
}

} // namespace pw::engine
