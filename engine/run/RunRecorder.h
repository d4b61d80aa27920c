#pragma once

#include "RecordObserver.h"
#include "RunClock.h"
#include "RunPlan.h"
#include "engine/RunTypes.h"
#include "engine/output/LiveFeed.h"
#include "model/IdKey.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace pw::engine {

// The record of one run: every node's state, the events in order, the interventions and the
// live feed of log lines. Changes go out as signals, events and log lines in batches (a burst
// of 10,000 lines becomes a few signals), so observers on other threads are never flooded;
// the store sees every change at once (RecordObserver).
//
// The live feed is bounded: at most kLiveLinesPerBatch lines per batch, and no new batch of
// lines while kLiveWindow batches are not acknowledged (acknowledgeLines()) by the observer,
// so a reader that falls behind (a slow terminal, a busy window) costs no memory. What it
// misses is counted and said in its place (LogLine::skipped); the stored log keeps it all.
class RunRecorder : public QObject, public LiveFeed
{
    Q_OBJECT

public:
    static constexpr qsizetype kLiveLinesPerBatch = 1000;
    static constexpr int kLiveWindow = 2;

    // `clock` (the run's) must outlive the recorder.
    RunRecorder(const RunPlan &plan, const RunClock &clock, QObject *parent = nullptr);

    void setObserver(RecordObserver *observer) { m_observer = observer; }
    // Off: no line goes to the live feed (`run -q`); they are still stored.
    void setLiveFeedEnabled(bool enabled) { m_liveEnabled = enabled; }

    const NodeState &node(const QString &id) const;
    NodeStatus status(const QString &id) const { return node(id).status; }

    // Each records the node's new state and the matching event.
    void started(const QString &id);
    void attemptStarted(const QString &id, int attempt);
    // The attempt runs elsewhere under this id (a Slurm job): stored and journaled at once.
    void attemptExternalId(const QString &id, int attempt, const QString &externalId);
    // The attempt waits in a cluster's queue (Pending, with the reason there), or has started
    // there (Running again, the reason cleared).
    void queuedElsewhere(const QString &id, const QString &reason);
    void startedElsewhere(const QString &id);
    // The attempt is over: outcome Succeeded, Failed or Cancelled (with the error, if any).
    void attemptEnded(const QString &id, int attempt, const QString &outcome,
                      const std::optional<NodeError> &error = std::nullopt);
    void attemptFailed(const QString &id, int attempt, const NodeError &error);
    void retryScheduled(const QString &id, int attempt, qint64 delayMs);
    void setStatus(const QString &id, NodeStatus status); // Running, Retrying, Waiting, Pending
    void waiting(const QString &id);
    void decided(const QString &id, const QString &decision, const QString &by);
    void ended(const QString &id, NodeStatus status);
    void settled(const QString &id, NodeStatus status); // never started: Skipped or Aborted
    void failedWithoutStart(const QString &id, const NodeError &error);
    void setOutputs(const QString &id, const QVariantMap &outputs);
    void setVars(const QString &id, const QVariantMap &vars);
    // Reused from the original run by a resume: the original's final state, a `cloned` event.
    void cloned(const QString &id, const NodeState &original);
    void setWarning(const QString &id);
    void setError(const QString &id, const NodeError &error);
    // A RetryStepGroup runs these nodes again: back to Pending, attempts kept.
    void reset(const QString &id);

    // A note of the engine's on the live feed (the stored log gets it from AttemptOutput).
    void log(const QString &node, int attempt, LogLine::Stream stream, const QString &text);

    // --- LiveFeed ---
    bool hasRoom() const override;
    void add(LogLine line) override;
    void skipped(const QString &node, int attempt, qint64 count, qint64 firstNumber) override;
    // The observer has taken a batch of lines.
    void acknowledgeLines();
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
    void attemptsChanged(const QList<pw::engine::AttemptRecord> &attempts); // batched, latest each
    void interventionRequested(const pw::engine::InterventionRequest &request);
    void interventionDecided(const pw::engine::InterventionRecord &record);

private:
    NodeState &mutableNode(const QString &id);
    void addEvent(RunEvent event);
    void changed(const NodeState &state);
    void attemptChanged(const AttemptRecord &record);
    void scheduleFlush();

    const RunPlan &m_plan;
    const RunClock &m_clock;
    std::vector<NodeState> m_nodes; // in plan order
    QList<RunEvent> m_events;
    QList<RunEvent> m_pendingEvents;
    QList<NodeState> m_pendingNodes;
    QHash<model::IdKey, qsizetype> m_pendingNodeIndex; // id -> position in m_pendingNodes
    QList<LogLine> m_pendingLines;
    QHash<QPair<QString, int>, qsizetype> m_skipNotice; // (node, attempt) -> its entry in m_pendingLines
    int m_unacknowledged = 0;
    bool m_liveEnabled = true;
    QHash<QPair<QString, int>, AttemptRecord> m_openAttempts;
    QList<AttemptRecord> m_pendingAttempts;
    QList<InterventionRecord> m_interventions;
    RecordObserver *m_observer = nullptr;
    QTimer m_flushTimer;
};

} // namespace pw::engine
