#pragma once

#include "StoredLog.h"
#include "OwnerLock.h"
#include "RunJournal.h"
#include "engine/run/RecordObserver.h"

#include "SqliteStatement.h"
#include "model/IdKey.h"

#include <QHash>
#include <QSet>
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
// When: everything goes into the database in batches, one transaction every 30 ms (one per
// step cost more than the steps themselves: 10,000 Echo steps +1.5 s). What must not wait for
// the batch — a node's final state, the start of a Shell or Http attempt — goes into the run's
// journal (RunJournal) the moment it happens, so a program killed at any moment loses no
// finished step and recovery knows what was running. Requests to people are committed at once.
// A failed write is reported once through onError, and the store is then left alone for the
// rest of the run: the run goes on (and is found Interrupted later, its journal applied).
class RunStoreWriter : public QObject, public RecordObserver
{
    Q_OBJECT

public:
    RunStoreWriter(RunDatabase &database, QObject *parent = nullptr);
    ~RunStoreWriter() override;

    // Locks the run as live, inserts it with every node (Pending); false if it could not.
    bool begin(const RunSnapshot &initial, const StoredRunInfo &info);
    // The final state of the run; releases the lock. `writeAllNodes`: the snapshot's nodes did
    // not all come through nodeChanged (a run abandoned by a program that stops at once).
    void finish(const RunSnapshot &snapshot, bool writeAllNodes = false);

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
    using LogKey = std::pair<QString, int>; // node (empty: the run's notes), attempt

    bool prepareStatements();
    void scheduleFlush();
    bool writeNodes();
    bool writeAttempts();
    bool writeInterventions();
    bool writeEvents();
    bool writeLogs();
    StoredLog *logOf(const LogKey &key) const;
    bool writeLog(StoredLog &log);
    bool beginTransaction();
    bool commit();
    void fail(const QString &what, const QString &why);
    void fail(const QString &what, const SqliteStatement &statement);
    bool ok() const { return !m_failed && m_rid > 0; }

    RunDatabase &m_db;
    qint64 m_rid = 0;
    QString m_runId;
    QString m_logDirectory;
    OwnerLock m_owner;
    RunJournal m_journal;
    bool m_failed = false;
    QTimer m_flushTimer;

    QHash<model::IdKey, int> m_seqOf; // node id -> plan order
    // Steps whose attempts reach outside the program (Shell, Http): what recovery must know
    // was running. Attempts of the others (Echo, Wait...) go with the batches.
    QSet<model::IdKey> m_effectful;
    struct PendingNode
    {
        NodeState state;
        QByteArray outputsJson; // computed once, for the journal and the database
        QByteArray varsJson;
        bool jsonReady = false;
    };
    QHash<model::IdKey, PendingNode> m_dirtyNodes;
    std::map<std::pair<QString, int>, AttemptRecord> m_dirtyAttempts;
    QHash<std::pair<model::IdKey, int>, int> m_attemptSeq;
    QList<InterventionRecord> m_dirtyRequests; // open ones have no decision yet
    QList<RunEvent> m_pendingEvents;
    qint64 m_eventBatch = 0;
    std::map<LogKey, std::shared_ptr<StoredLog>> m_logs;
    std::map<LogKey, std::shared_ptr<StoredLog>> m_closedLogs; // written at the next flush, then dropped

    SqliteStatement m_begin;
    SqliteStatement m_commit;
    SqliteStatement m_rollback;
    SqliteStatement m_insertRun;
    SqliteStatement m_finishRun;
    SqliteStatement m_upsertNode;
    SqliteStatement m_upsertAttempt;
    SqliteStatement m_upsertRequest;
    SqliteStatement m_insertEvents;
    SqliteStatement m_updateLog;
    SqliteStatement m_updateNotes;
};

} // namespace pw::engine
