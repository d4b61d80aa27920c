#pragma once

#include "Task.h"
#include "model/Node.h"

#include <memory>

namespace pw::engine {

// A node list run in order (a stage's or group's steps, a rollback or handler lane): each
// node's `when` is checked as it comes up, against the frame's "so far".
class SequenceTask : public Task
{
public:
    SequenceTask(Run &run, const model::NodeList &nodes, Frame frame);
    ~SequenceTask() override;

    // Runs before each next node; when it returns true it has taken over and calls
    // `resume` later (a rollback lane that must run before the rest of the stage).
    using Interlude = std::function<bool(std::function<void()> resume)>;
    void setInterlude(Interlude interlude) { m_interlude = std::move(interlude); }

    void cancel(CancelKind kind) override;

protected:
    void begin() override;

private:
    void next();

    const model::NodeList &m_nodes;
    Frame m_frame;
    std::size_t m_index = 0;
    std::unique_ptr<Task> m_current;
    Interlude m_interlude;
    // After RunAbort, RunTimeout or Sibling the rest is settled Aborted; after GroupRetry it
    // is left for the group to reset.
    std::optional<CancelKind> m_stop;
};

// A task for one node of a list: a step, a group or a parallel block. Null when the node's
// `when` settled it without running.
std::unique_ptr<Task> createNodeTask(Run &run, const model::Node &node, const Frame &frame);
// The same without the `when` check, for a caller that checked it already.
std::unique_ptr<Task> createCheckedNodeTask(Run &run, const model::Node &node, const Frame &frame);

} // namespace pw::engine
