#pragma once

#include "StoredLog.h"
#include "OwnerLock.h"
#include "engine/run/RecordObserver.h"

#include <QHash>
#include <QSqlQuery>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>

namespace pw::engine {

class RunDatabase;

// What the store keeps of a run besides its record.
struct StoredRunInfo
{
    QByteArray pipelineText;
    QString pipelineFile; // where it came from, when it came from a file
    QString pipelineName;
    QVariantMap inputs; // secrets already masked
    bool rehearsal = false;
    QString owner; // "user@host, pid N"
};

// Writes one run into the run database, on the engine thread, through the engine's connection.
//
// When: a node's final state, an attempt's start and end, and interventions are committed at
// once, before the run moves on (so a crash never loses a finished step and recovery knows
// what was running); events, live node states and logs are committed in batches every 30 ms,
// because committing them one by one cost more than the steps themselves (10,000 Echo steps:
// +0.3 s). A failed write is reported once through onError, and the store is then left alone
// for the rest of the run: the run goes on.
class RunStoreWriter : public QObject, public RecordObserver
{
    Q_OBJECT

public:
    RunStoreWriter(RunDatabase &database, QObject *parent = nullptr);
    ~RunStoreWriter() override;

    // Locks the run as live, inserts it with every node (Pending); false if it could not.
    bool begin(const RunSnapshot &initial, const StoredRunInfo &info);
    // The final state of the run; releases the lock.
    void finish(const RunSnapshot &snapshot);

    // The stored log of one attempt (attempt 0 with an empty node: the run's own notes);
    // closeLog() says it is complete. Shared: whatever still holds it after the run ended
    // writes into a log nobody stores any more, never into freed memory.
    std::shared_ptr<StoredLog> openLog(const QString &node, int attempt, const QDateTime &startedAt);
    void closeLog(const std::shared_ptr<StoredLog> &log);

    // Commits what is pending now.
    void flush();

    std::function<void(const QString &message)> onError;

    // --- RecordObserver ---
    void nodeChanged(const NodeState &state) override;
    void eventAdded(const RunEvent &event) override;
    void attemptChanged(const AttemptRecord &attempt) override;
    void interventionOpened(const InterventionRequest &request) override;
    void interventionClosed(const InterventionRecord &record) override;

private:
    bool prepareStatements();
    void commitDurable();
    void scheduleFlush();
    bool writeNodes();
    bool writeAttempts();
    bool writeInterventions();
    bool writeEvents();
    bool writeLogs();
    bool beginTransaction();
    bool commit();
    void fail(const QString &what, const QSqlQuery &query);
    bool ok() const { return !m_failed && m_rid > 0; }

    RunDatabase &m_db;
    qint64 m_rid = 0;
    QString m_runId;
    QString m_logDirectory;
    OwnerLock m_owner;
    bool m_failed = false;
    QTimer m_flushTimer;

    QHash<QString, int> m_seqOf; // node id -> plan order
    QHash<QString, NodeState> m_dirtyNodes;
    std::map<std::pair<QString, int>, AttemptRecord> m_dirtyAttempts;
    QHash<std::pair<QString, int>, int> m_attemptSeq;
    QList<InterventionRecord> m_dirtyRequests; // open ones have no decision yet
    QList<RunEvent> m_pendingEvents;
    qint64 m_eventSeq = 0;
    std::map<std::pair<QString, int>, std::shared_ptr<StoredLog>> m_logs;
    QList<std::shared_ptr<StoredLog>> m_closedLogs; // written at the next flush, then dropped

    QSqlQuery m_updateNode;
    QSqlQuery m_upsertAttempt;
    QSqlQuery m_upsertRequest;
    QSqlQuery m_insertEvent;
    QSqlQuery m_upsertLog;
};

} // namespace pw::engine
