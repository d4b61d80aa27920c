#pragma once

#include "Task.h"
#include "model/Node.h"

#include <memory>
#include <vector>

namespace pw::engine {

// Items that start together. Every item's `when` is checked when the block starts, so the
// outcome never depends on maxParallel. Under failFast a Failed item cancels its siblings.
class ParallelTask : public Task
{
public:
    ParallelTask(Run &run, const model::ParallelBlock &block, Frame frame);
    // Already-created branches with the ids whose status tells whether a branch failed
    // (stages started side by side).
    ParallelTask(Run &run, std::vector<std::unique_ptr<Task>> branches, QStringList branchIds);
    ~ParallelTask() override;

    void cancel(CancelKind kind) override;

protected:
    void begin() override;

private:
    void branchDone(std::size_t index);

    const model::ParallelBlock *m_block = nullptr;
    Frame m_frame;
    std::vector<std::unique_ptr<Task>> m_branches;
    QStringList m_branchIds;
    std::size_t m_running = 0;
};

} // namespace pw::engine
