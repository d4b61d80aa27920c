#pragma once

#include "SequenceTask.h"

namespace pw::engine {

// What stages and step groups share: a main node list, a rollback lane run by a rollback
// action before anything else of the container starts, an error handler run when it ends
// Failed, and the outcome rules of semantics.md ("Stage, group and run outcome").
class ContainerTask : public Task
{
public:
    ContainerTask(Run &run, QString id, const model::NodeList &steps,
                  const model::NodeList &rollbackSteps, const model::NodeList &errorHandler,
                  Frame outer);
    ~ContainerTask() override;

    const QString &id() const { return m_id; }
    void cancel(CancelKind kind) override;
    // A rollback of this container: cancel what runs in it, then run its rollbackSteps.
    void requestRollback(const RunError &cause);
    // Rolled back by something else (a group inside this stage, or a pipeline rollback).
    void markRolledBack() { m_rolledBack = true; }
    bool hasStarted() const { return m_started; }

    // Runs whatever rollback is pending around this container's next node, outermost first
    // (a pipeline rollback, an enclosing stage's or group's, then its own), then `resume`.
    // False when none is pending.
    bool runPendingRollbacks(std::function<void()> resume);

protected:
    void begin() override;
    // The frame the main list runs in.
    virtual Frame mainFrame() = 0;
    // Called when the main list has ended; the default settles the outcome.
    virtual void mainDone();
    // Called once the outcome is recorded.
    virtual void ended(NodeStatus) {}
    // The stage or group around this one; null for a stage.
    virtual ContainerTask *parentContainer() const { return nullptr; }
    // A stage's rollbackSteps may still run after it ended (a later PipelineRollback).
    bool m_rollbackLaneOutlivesTask = false;
    void startMain();
    void conclude();

    QString m_id;
    const model::NodeList &m_steps;
    const model::NodeList &m_rollbackSteps;
    const model::NodeList &m_errorHandler;
    Frame m_outer;
    std::unique_ptr<SequenceTask> m_main;
    std::optional<CancelKind> m_cancelled;

private:
    bool runRollbackLane(std::function<void()> resume);
    NodeStatus outcome() const;
    void runErrorHandler();
    void finishWith(NodeStatus status);

    std::unique_ptr<SequenceTask> m_lane;
    Progress m_laneProgress;
    std::optional<RunError> m_rollbackCause;
    bool m_rollbackPending = false;
    bool m_rollbackRan = false;
    bool m_rolledBack = false;
    bool m_started = false;
};

// The ids of a node list's own children: its steps and groups, through parallel blocks.
QStringList childIds(const model::NodeList &nodes);

} // namespace pw::engine
