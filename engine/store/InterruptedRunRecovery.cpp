#include "InterruptedRunRecovery.h"

#include "RunJournal.h"
#include "StoreValues.h"
#include "engine/EngineLog.h"

#include <QFile>
#include <QHash>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>

namespace pw::engine {
namespace {

namespace sv = storevalues;

const QString kInterruptedMessage =
    QStringLiteral("the program running this step stopped before the step ended (interrupted run)");

} // namespace

InterruptedRunRecovery::InterruptedRunRecovery(RunDatabase &db) : m_db(db) {}

bool InterruptedRunRecovery::recover(qint64 rid, const QString &runId)
{
    QSqlDatabase &db = m_db.db();
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    const auto rollback = [&] {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    // What the program had done but not yet batched into the database (RunJournal).
    if (!applyJournal(rid, runId)) {
        log()->warn("cannot apply the journal of run {}", runId.toStdString());
        return rollback();
    }
    // The last sign of life is the best guess of when the program died.
    query.prepare(QStringLiteral(
        "SELECT max(coalesce((SELECT max(max(started_at), coalesce(ended_at, 0)) FROM attempts WHERE rid = :rid), 0), "
        "           coalesce((SELECT max(max(coalesce(started_at, 0), coalesce(ended_at, 0))) FROM nodes "
        "                     WHERE rid = :rid), 0), "
        "           (SELECT started_at FROM runs WHERE rid = :rid))"));
    query.bindValue(QStringLiteral(":rid"), rid);
    if (!query.exec() || !query.next()) {
        log()->warn("cannot mark run {} Interrupted: {}", runId.toStdString(), query.lastError().text().toStdString());
        return rollback();
    }
    const qint64 lastSeen = query.value(0).toLongLong();

    // Only if it is still Running: its program may have just finished it.
    query.prepare(QStringLiteral("UPDATE runs SET status = 'Interrupted', ended_at = ? "
                                 "WHERE rid = ? AND status = 'Running'"));
    query.addBindValue(lastSeen);
    query.addBindValue(rid);
    if (!query.exec() || query.numRowsAffected() != 1)
        return rollback();

    const auto run = [&](const QString &sql) {
        query.prepare(sql);
        query.bindValue(QStringLiteral(":at"), lastSeen);
        query.bindValue(QStringLiteral(":rid"), rid);
        query.bindValue(QStringLiteral(":message"), kInterruptedMessage);
        return query.exec();
    };
    // Attempts that never ended were cut: their steps get DelegateRestart (semantics.md).
    QStringList cut;
    query.prepare(QStringLiteral("SELECT DISTINCT node_id FROM attempts WHERE rid = ? AND ended_at IS NULL"));
    query.addBindValue(rid);
    if (!query.exec())
        return rollback();
    while (query.next())
        cut << query.value(0).toString();
    const QList<NodeState> plan = planOf(rid);
    QSqlQuery failStep(m_db.db());
    // Named placeholders: Qt's SQLite driver binds a name used twice as one parameter.
    failStep.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO nodes (rid, seq, node_id, kind, status, attempts, warning, cloned, error_type, "
        "error_message, outputs, vars, started_at, ended_at) "
        "SELECT :rid, :seq, :node, 'step', 'Failed', coalesce(n.attempts, (SELECT max(attempt) FROM attempts a "
        "WHERE a.rid = :rid AND a.node_id = :node), 0), coalesce(n.warning, 0), 0, 'DelegateRestart', :message, "
        "n.outputs, n.vars, coalesce(n.started_at, :at), :at "
        "FROM (SELECT 1) LEFT JOIN nodes n ON n.rid = :rid AND n.seq = :seq"));
    for (qsizetype seq = 0; seq < plan.size(); ++seq) {
        if (!cut.contains(plan.at(seq).id))
            continue;
        failStep.bindValue(QStringLiteral(":rid"), rid);
        failStep.bindValue(QStringLiteral(":seq"), seq);
        failStep.bindValue(QStringLiteral(":node"), plan.at(seq).id);
        failStep.bindValue(QStringLiteral(":message"), kInterruptedMessage);
        failStep.bindValue(QStringLiteral(":at"), lastSeen);
        if (!failStep.exec()) {
            log()->warn("cannot mark run {} Interrupted: {}", runId.toStdString(),
                        failStep.lastError().text().toStdString());
            return rollback();
        }
    }
    // Cluster jobs of the cut attempts may still run: they are cancelled once this is
    // committed (semantics.md "Executors"), and their attempts say so.
    QStringList liveJobs;
    query.prepare(QStringLiteral("SELECT external_id FROM attempts WHERE rid = ? AND ended_at IS NULL "
                                 "AND external_id IS NOT NULL AND external_id != ''"));
    query.addBindValue(rid);
    if (!query.exec())
        return rollback();
    while (query.next())
        liveJobs << query.value(0).toString();
    if (!liveJobs.isEmpty()
        && !run(QStringLiteral("UPDATE attempts SET ended_at = :at, outcome = 'Interrupted', "
                               "error_type = 'DelegateRestart', "
                               "error_message = :message || ' (Slurm job ' || external_id || ' cancelled)' "
                               "WHERE rid = :rid AND ended_at IS NULL AND external_id IS NOT NULL AND external_id != ''")))
        return rollback();
    const bool updated
        = run(QStringLiteral("UPDATE attempts SET ended_at = :at, outcome = 'Interrupted', "
                             "error_type = 'DelegateRestart', error_message = :message "
                             "WHERE rid = :rid AND ended_at IS NULL"))
          // Steps waiting for a retry or for a person: their work was cut too.
          && run(QStringLiteral("UPDATE nodes SET status = 'Failed', error_type = 'DelegateRestart', "
                                "error_message = :message, ended_at = :at "
                                "WHERE rid = :rid AND kind = 'step' "
                                "AND status IN ('Running', 'Retrying', 'Waiting')"))
          // Everything else that had not ended never will (nodes without a row at all are
          // shown Aborted by the reader).
          && run(QStringLiteral("UPDATE nodes SET status = 'Aborted', ended_at = :at "
                                "WHERE rid = :rid AND status IN ('Pending', 'Running', 'Retrying', 'Waiting')"))
          && run(QStringLiteral("UPDATE interventions SET decision = 'Interrupted', decided_by = 'engine', "
                                "decided_at = :at WHERE rid = :rid AND decided_at IS NULL"));
    if (!updated) {
        log()->warn("cannot mark run {} Interrupted: {}", runId.toStdString(),
                    query.lastError().text().toStdString());
        return rollback();
    }
    if (!query.exec(QStringLiteral("COMMIT")))
        return rollback();
    QFile::remove(RunJournal::pathFor(m_db.logsDirectory(), runId));
    if (!liveJobs.isEmpty()) {
        // Detached: scancel returns at once, and a reader must not wait on the cluster.
        QProcess::startDetached(QStringLiteral("scancel"), liveJobs);
        log()->warn("run {}: cancelled its Slurm jobs {}", runId.toStdString(),
                    liveJobs.join(QStringLiteral(", ")).toStdString());
    }
    return true;
}

QList<NodeState> InterruptedRunRecovery::planOf(qint64 rid)
{
    QSqlQuery query(m_db.db());
    query.prepare(QStringLiteral("SELECT node_plan FROM runs WHERE rid = ?"));
    query.addBindValue(rid);
    if (!query.exec() || !query.next())
        return {};
    return sv::decodeNodePlan(query.value(0).toByteArray());
}

bool InterruptedRunRecovery::applyJournal(qint64 rid, const QString &runId)
{
    const QList<JournalEntry> entries = RunJournal::read(RunJournal::pathFor(m_db.logsDirectory(), runId));
    if (entries.isEmpty())
        return true;
    QHash<QString, qsizetype> seqOf;
    const QList<NodeState> plan = planOf(rid);
    for (qsizetype seq = 0; seq < plan.size(); ++seq)
        seqOf.insert(plan.at(seq).id, seq);
    QSqlQuery node(m_db.db());
    node.prepare(QStringLiteral("INSERT OR REPLACE INTO nodes (rid, seq, node_id, kind, status, attempts, warning, "
                                "cloned, error_type, error_message, outputs, vars, started_at, ended_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery attempt(m_db.db());
    // An attempt the batches had not stored yet, after the others.
    attempt.prepare(QStringLiteral(
        "INSERT INTO attempts (rid, seq, node_id, attempt, started_at, ended_at, outcome, error_type, "
        "error_message, external_id) "
        "SELECT :rid, (SELECT coalesce(max(seq), -1) + 1 FROM attempts WHERE rid = :rid), :node, :attempt, "
        ":started, :ended, :outcome, :errorType, :errorMessage, :external "
        "WHERE NOT EXISTS (SELECT 1 FROM attempts WHERE rid = :rid AND node_id = :node AND attempt = :attempt)"));
    const QVariant noText(QMetaType::fromType<QString>());
    for (const JournalEntry &entry : entries) {
        if (entry.node && seqOf.contains(entry.node->id)) {
            const NodeState &state = *entry.node;
            const NodeState &placed = plan.at(seqOf.value(state.id));
            node.bindValue(0, rid);
            node.bindValue(1, seqOf.value(state.id));
            node.bindValue(2, state.id);
            node.bindValue(3, toString(placed.kind));
            node.bindValue(4, toString(state.status));
            node.bindValue(5, state.attempts);
            node.bindValue(6, state.warning ? 1 : 0);
            node.bindValue(7, state.cloned ? 1 : 0);
            node.bindValue(8, state.error ? QVariant(model::toString(state.error->type)) : noText);
            node.bindValue(9, state.error ? QVariant(state.error->message) : noText);
            node.bindValue(10, sv::json(state.outputs));
            node.bindValue(11, sv::json(state.vars));
            node.bindValue(12, sv::time(state.startedAt));
            node.bindValue(13, sv::time(state.endedAt));
            if (!node.exec())
                return false;
        } else if (entry.attempt) {
            const AttemptRecord &record = *entry.attempt;
            attempt.bindValue(QStringLiteral(":rid"), rid);
            attempt.bindValue(QStringLiteral(":node"), record.node);
            attempt.bindValue(QStringLiteral(":attempt"), record.attempt);
            attempt.bindValue(QStringLiteral(":started"), sv::time(record.startedAt));
            attempt.bindValue(QStringLiteral(":ended"), sv::time(record.endedAt));
            attempt.bindValue(QStringLiteral(":outcome"), sv::text(record.outcome));
            attempt.bindValue(QStringLiteral(":errorType"),
                              record.error ? QVariant(model::toString(record.error->type)) : noText);
            attempt.bindValue(QStringLiteral(":errorMessage"), record.error ? QVariant(record.error->message) : noText);
            attempt.bindValue(QStringLiteral(":external"), sv::text(record.externalId));
            if (!attempt.exec())
                return false;
        }
    }
    return true;
}

} // namespace pw::engine
