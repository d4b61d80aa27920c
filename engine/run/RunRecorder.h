#pragma once

#include "RunPlan.h"
#include "engine/RunTypes.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace pw::engine {

// The record of one run: every node's state, the events in order, the interventions and the
// log. Changes go out as signals, events and log lines in batches (a burst of 10,000 lines
// becomes a few signals), so observers on other threads are never flooded.
class RunRecorder : public QObject
{
    Q_OBJECT

public:
    RunRecorder(const RunPlan &plan, QObject *parent = nullptr);

    const NodeState &node(const QString &id) const;
    NodeStatus status(const QString &id) const { return node(id).status; }

    // Each records the node's new state and the matching event.
    void started(const QString &id);
    void attemptStarted(const QString &id, int attempt);
    void attemptFailed(const QString &id, int attempt, const NodeError &error);
    void retryScheduled(const QString &id, int attempt, qint64 delayMs);
    void setStatus(const QString &id, NodeStatus status); // Running, Retrying, Waiting, Pending
    void waiting(const QString &id);
    void decided(const QString &id, const QString &decision, const QString &by);
    void ended(const QString &id, NodeStatus status);
    void settled(const QString &id, NodeStatus status); // never started: Skipped or Aborted
    void failedWithoutStart(const QString &id, const NodeError &error);
    void setOutputs(const QString &id, const QVariantMap &outputs);
    void setWarning(const QString &id);
    void setError(const QString &id, const NodeError &error);
    // A RetryStepGroup runs these nodes again: back to Pending, attempts kept.
    void reset(const QString &id);

    void log(const QString &node, int attempt, LogLine::Stream stream, const QString &text);
    void interventionOpened(const InterventionRequest &request);
    void interventionClosed(const InterventionRecord &record);

    const QList<RunEvent> &events() const { return m_events; }
    const QList<InterventionRecord> &interventions() const { return m_interventions; }
    QList<NodeState> nodes() const;
    void flush();

    // Called for every node change; the run uses it to keep expressions current.
    std::function<void(const NodeState &)> onNodeChanged;

signals:
    void nodesChanged(const QList<pw::engine::NodeState> &states); // batched, latest state each
    void eventsAdded(const QList<pw::engine::RunEvent> &events);
    void logLinesAdded(const QList<pw::engine::LogLine> &lines);
    void interventionRequested(const pw::engine::InterventionRequest &request);
    void interventionDecided(const pw::engine::InterventionRecord &record);

private:
    NodeState &mutableNode(const QString &id);
    void addEvent(RunEvent event);
    void changed(const NodeState &state);
    void scheduleFlush();

    const RunPlan &m_plan;
    std::vector<NodeState> m_nodes; // in plan order
    QList<RunEvent> m_events;
    QList<RunEvent> m_pendingEvents;
    QList<NodeState> m_pendingNodes;
    QHash<QString, qsizetype> m_pendingNodeIndex; // id -> position in m_pendingNodes
    QList<LogLine> m_pendingLines;
    QList<InterventionRecord> m_interventions;
    QTimer m_flushTimer;
};

} // namespace pw::engine
