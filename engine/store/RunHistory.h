#pragma once

#include "RunDatabase.h"
#include "engine/RunTypes.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace pw::engine {

// One line of the history.
struct RunSummary
{
    QString runId;
    QString originRunId;
    QString pipelineId;
    QString pipelineName;
    QString pipelineFile;
    RunStatus status = RunStatus::Pending;
    bool warning = false;
    bool rehearsal = false;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while running
    QString owner;
    QStringList deciders; // who answered its requests: login names, or "timeout"
};

// Everything stored of one run.
struct StoredRun
{
    RunSummary summary;
    RunSnapshot snapshot; // as `run --report` wrote it (a live run: as far as it got)
    QByteArray pipelineText;
    QList<AttemptRecord> attempts; // in the order they started
    QList<InterventionRecord> requests; // every request, open ones too (no decision yet)
};

// Where one attempt's log is.
struct StoredLogRef
{
    QString node; // empty: the run's own notes
    int attempt = 0;
    QDateTime startedAt;
    qint64 bytes = 0;
    qint64 lines = 0;
    QString filePath; // absolute; empty when the log is in the database
    QByteArray content; // when in the database
};

// Reads the run database with a connection of its own (commands, the GUI), and does what
// readers may do: detect interrupted runs when opening (semantics.md), delete and prune.
class RunHistory
{
public:
    // Opens the database and marks runs whose program is gone as Interrupted.
    std::optional<QString> open(const QString &path, int busyTimeoutMs = RunDatabase::kBusyTimeoutMs);
    const QString &path() const { return m_db.path(); }
    QString logsDirectory() const { return m_db.logsDirectory(); }

    // Newest first.
    QList<RunSummary> runs(std::optional<int> limit = std::nullopt);
    // The run with that id, or the only one whose id starts with it; the reason otherwise.
    std::optional<QString> resolveRunId(const QString &idOrPrefix, QString *runId);
    std::optional<StoredRun> run(const QString &runId, QString *error = nullptr);
    // The run's status now; a Running run whose program is gone is marked Interrupted first.
    std::optional<RunStatus> statusOf(const QString &runId);

    // The logs of a run: all (node empty), one node's, or one attempt's (attempt > 0).
    QList<StoredLogRef> logs(const QString &runId, const QString &node = {}, int attempt = 0);
    // A log's bytes from `offset` (the format of LogFormat.h), as far as they are written now.
    static QByteArray readLog(const StoredLogRef &log, qint64 offset = 0);
    // The same log as stored now (for following a live one).
    std::optional<StoredLogRef> refresh(const QString &runId, const StoredLogRef &log);

    struct Removal
    {
        QStringList removed;
        QStringList refused; // "id: why"
        qint64 freedBytes = 0; // log files and database pages
    };
    // Deletes finished runs with their logs; live runs are refused.
    Removal remove(const QStringList &runIds);
    // Finished runs beyond the newest `keep`, or started before `olderThan`.
    QStringList finishedRunsBeyond(int keep);
    QStringList finishedRunsBefore(const QDateTime &olderThan);

    // Runs found Running without a live program, now marked Interrupted, by open().
    const QStringList &recovered() const { return m_recovered; }
    RunDatabase &database() { return m_db; }

    QString lockPath(const QString &runId) const;

private:
    void recoverInterrupted();
    qint64 ridOf(const QString &runId);

    RunDatabase m_db;
    QStringList m_recovered;
};

} // namespace pw::engine
