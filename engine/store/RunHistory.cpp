#include "RunHistory.h"

#include "InterruptedRunRecovery.h"
#include "OwnerLock.h"
#include "RunJournal.h"
#include "StoreValues.h"
#include "engine/EngineLog.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace pw::engine {
namespace {

namespace sv = storevalues;

QString optionalText(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

std::optional<model::ErrorType> errorTypeOf(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return model::parseErrorType(value.toString());
}

std::optional<NodeError> nodeErrorOf(const QVariant &type, const QVariant &message)
{
    const auto parsed = errorTypeOf(type);
    if (!parsed)
        return std::nullopt;
    return NodeError{*parsed, optionalText(message)};
}

std::optional<RunError> runErrorOf(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(value.toString().toUtf8()).object();
    const auto type = model::parseErrorType(object.value(QStringLiteral("type")).toString());
    if (!type)
        return std::nullopt;
    return RunError{*type, object.value(QStringLiteral("message")).toString(),
                    object.value(QStringLiteral("step")).toString(),
                    object.value(QStringLiteral("stage")).toString()};
}

qint64 dirSize(const QString &path)
{
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

RunSummary summaryOf(const QSqlQuery &query)
{
    // Columns as selected by kSummaryColumns.
    RunSummary summary;
    summary.runId = query.value(0).toString();
    summary.originRunId = optionalText(query.value(1));
    summary.pipelineId = query.value(2).toString();
    summary.pipelineName = query.value(3).toString();
    summary.pipelineFile = query.value(4).toString();
    summary.status = parseRunStatus(query.value(5).toString()).value_or(RunStatus::Interrupted);
    summary.warning = query.value(6).toBool();
    summary.rehearsal = query.value(7).toBool();
    summary.startedAt = sv::time(query.value(8));
    summary.endedAt = sv::time(query.value(9));
    summary.owner = query.value(10).toString();
    const QString deciders = optionalText(query.value(11));
    if (!deciders.isEmpty())
        summary.deciders = deciders.split(u',');
    return summary;
}

const QString kSummaryColumns = QStringLiteral(
    "r.run_id, r.origin_run_id, r.pipeline_id, r.pipeline_name, r.pipeline_file, r.status, r.warning, "
    "r.rehearsal, r.started_at, r.ended_at, r.owner, "
    "(SELECT group_concat(DISTINCT coalesce(i.decided_user, i.decided_by)) FROM interventions i "
    " WHERE i.rid = r.rid AND i.decided_by IS NOT NULL AND i.decided_by != 'engine')");

} // namespace

std::optional<QString> RunHistory::open(const QString &path, int busyTimeoutMs)
{
    if (const auto error = m_db.open(path, busyTimeoutMs))
        return error;
    recoverInterrupted();
    return std::nullopt;
}

QString RunHistory::lockPath(const QString &runId) const
{
    return m_db.logsDirectory() + u'/' + runId + QStringLiteral(".lock");
}

void RunHistory::recoverInterrupted()
{
    QSqlQuery query(m_db.db());
    if (!query.exec(QStringLiteral("SELECT rid, run_id FROM runs WHERE status = 'Running'")))
        return;
    QList<QPair<qint64, QString>> running;
    while (query.next())
        running.append({query.value(0).toLongLong(), query.value(1).toString()});
    query.finish();
    for (const auto &[rid, runId] : running) {
        if (OwnerLock::isHeldByAnyone(lockPath(runId)))
            continue;
        if (InterruptedRunRecovery(m_db).recover(rid, runId)) {
            m_recovered << runId;
            QFile::remove(lockPath(runId));
            log()->warn("run {} had no program behind it any more: marked Interrupted", runId.toStdString());
        }
    }
}

QList<RunSummary> RunHistory::runs(std::optional<int> limit)
{
    QList<RunSummary> list;
    QSqlQuery query(m_db.db());
    query.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT ") + kSummaryColumns
                  + QStringLiteral(" FROM runs r ORDER BY r.started_at DESC, r.rid DESC");
    if (limit)
        sql += QStringLiteral(" LIMIT %1").arg(*limit);
    if (!query.exec(sql))
        return list;
    while (query.next())
        list.append(summaryOf(query));
    return list;
}

std::optional<QString> RunHistory::resolveRunId(const QString &idOrPrefix, QString *runId)
{
    QSqlQuery query(m_db.db());
    query.prepare(QStringLiteral("SELECT run_id FROM runs WHERE run_id = ? OR substr(run_id, 1, ?) = ? "
                                 "ORDER BY run_id = ? DESC LIMIT 3"));
    query.addBindValue(idOrPrefix);
    query.addBindValue(idOrPrefix.size());
    query.addBindValue(idOrPrefix);
    query.addBindValue(idOrPrefix);
    if (!query.exec())
        return m_db.describe(QStringLiteral("reading runs"), query);
    QStringList found;
    while (query.next())
        found << query.value(0).toString();
    if (found.isEmpty())
        return QStringLiteral("no run '%1' in %2").arg(idOrPrefix, m_db.path());
    if (found.first() != idOrPrefix && found.size() > 1)
        return QStringLiteral("'%1' names several runs (%2, ...): give more of the id")
            .arg(idOrPrefix, found.mid(0, 2).join(QStringLiteral(", ")));
    *runId = found.first();
    return std::nullopt;
}

std::optional<RunStatus> RunHistory::statusOf(const QString &runId)
{
    QSqlQuery query(m_db.db());
    query.prepare(QStringLiteral("SELECT rid, status FROM runs WHERE run_id = ?"));
    query.addBindValue(runId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    const qint64 rid = query.value(0).toLongLong();
    const auto status = parseRunStatus(query.value(1).toString());
    query.finish();
    if (status == RunStatus::Running && !OwnerLock::isHeldByAnyone(lockPath(runId))
        && InterruptedRunRecovery(m_db).recover(rid, runId)) {
        m_recovered << runId;
        return RunStatus::Interrupted;
    }
    return status;
}

qint64 RunHistory::ridOf(const QString &runId)
{
    QSqlQuery query(m_db.db());
    query.prepare(QStringLiteral("SELECT rid FROM runs WHERE run_id = ?"));
    query.addBindValue(runId);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

std::optional<StoredRun> RunHistory::run(const QString &runId, QString *error)
{
    const auto failed = [&](const QString &what, const QSqlQuery &query) -> std::optional<StoredRun> {
        if (error)
            *error = m_db.describe(what, query);
        return std::nullopt;
    };
    QSqlQuery query(m_db.db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + kSummaryColumns
                  + QStringLiteral(", r.rid, r.pipeline_text, r.inputs, r.error, r.vars, r.node_plan "
                                   "FROM runs r WHERE r.run_id = ?"));
    query.addBindValue(runId);
    if (!query.exec())
        return failed(QStringLiteral("reading run ") + runId, query);
    if (!query.next()) {
        if (error)
            *error = QStringLiteral("no run '%1' in %2").arg(runId, m_db.path());
        return std::nullopt;
    }
    StoredRun stored;
    stored.summary = summaryOf(query);
    const qint64 rid = query.value(12).toLongLong();
    stored.pipelineText = query.value(13).toByteArray();
    RunSnapshot &snapshot = stored.snapshot;
    snapshot.runId = stored.summary.runId;
    snapshot.originRunId = stored.summary.originRunId;
    snapshot.pipelineId = stored.summary.pipelineId;
    snapshot.status = stored.summary.status;
    snapshot.warning = stored.summary.warning;
    snapshot.rehearsal = stored.summary.rehearsal;
    snapshot.startedAt = stored.summary.startedAt;
    snapshot.endedAt = stored.summary.endedAt;
    snapshot.inputs = sv::map(query.value(14));
    snapshot.error = runErrorOf(query.value(15));
    snapshot.vars = sv::map(query.value(16));
    const QByteArray nodePlan = query.value(17).toByteArray();
    query.finish();

    // Every node in plan order; states from their rows. A node without a row never changed:
    // Pending while the run goes on, and it never will have started once it has ended.
    snapshot.nodes = sv::decodeNodePlan(nodePlan);
    for (NodeState &node : snapshot.nodes)
        node.status = stored.summary.status == RunStatus::Running ? NodeStatus::Pending : NodeStatus::Aborted;
    query.prepare(QStringLiteral("SELECT seq, status, attempts, warning, cloned, error_type, error_message, outputs, "
                                 "vars, started_at, ended_at FROM nodes WHERE rid = ?"));
    query.addBindValue(rid);
    if (!query.exec())
        return failed(QStringLiteral("reading the nodes of ") + runId, query);
    while (query.next()) {
        const qsizetype seq = query.value(0).toLongLong();
        if (seq < 0 || seq >= snapshot.nodes.size())
            continue;
        NodeState &node = snapshot.nodes[seq];
        node.status = parseNodeStatus(query.value(1).toString()).value_or(NodeStatus::Pending);
        node.attempts = query.value(2).toInt();
        node.warning = query.value(3).toBool();
        node.cloned = query.value(4).toBool();
        node.error = nodeErrorOf(query.value(5), query.value(6));
        node.outputs = sv::map(query.value(7));
        node.vars = sv::map(query.value(8));
        node.startedAt = sv::time(query.value(9));
        node.endedAt = sv::time(query.value(10));
    }
    query.finish();

    query.prepare(QStringLiteral("SELECT data FROM events WHERE rid = ? ORDER BY batch"));
    query.addBindValue(rid);
    if (!query.exec())
        return failed(QStringLiteral("reading the events of ") + runId, query);
    while (query.next())
        sv::decodeEvents(query.value(0).toByteArray(), snapshot.events);
    query.finish();

    query.prepare(QStringLiteral("SELECT node_id, attempt, started_at, ended_at, outcome, error_type, "
                                 "error_message, external_id FROM attempts WHERE rid = ? ORDER BY seq"));
    query.addBindValue(rid);
    if (!query.exec())
        return failed(QStringLiteral("reading the attempts of ") + runId, query);
    while (query.next()) {
        AttemptRecord attempt;
        attempt.node = query.value(0).toString();
        attempt.attempt = query.value(1).toInt();
        attempt.startedAt = sv::time(query.value(2));
        attempt.endedAt = sv::time(query.value(3));
        attempt.outcome = optionalText(query.value(4));
        attempt.error = nodeErrorOf(query.value(5), query.value(6));
        attempt.externalId = optionalText(query.value(7));
        stored.attempts.append(std::move(attempt));
    }
    query.finish();
    // Each node's job ids, in the order its attempts started.
    QHash<QString, qsizetype> nodeIndex;
    for (const AttemptRecord &attempt : std::as_const(stored.attempts)) {
        if (attempt.externalId.isEmpty())
            continue;
        if (nodeIndex.isEmpty()) {
            for (qsizetype i = 0; i < snapshot.nodes.size(); ++i)
                nodeIndex.insert(snapshot.nodes.at(i).id, i);
        }
        if (const auto found = nodeIndex.constFind(attempt.node); found != nodeIndex.cend())
            snapshot.nodes[*found].jobs.append(attempt.externalId);
    }

    query.prepare(QStringLiteral(
        "SELECT request_id, kind, node_id, stage, error_type, error_message, message, approvers, allowed, "
        "requested_at, deadline, on_timeout, decision, decided_by, comment, decided_at, decided_user "
        "FROM interventions WHERE rid = ? ORDER BY decided_at IS NULL, decided_at, requested_at"));
    query.addBindValue(rid);
    if (!query.exec())
        return failed(QStringLiteral("reading the interventions of ") + runId, query);
    while (query.next()) {
        InterventionRecord record;
        InterventionRequest &request = record.request;
        request.id = query.value(0).toString();
        request.runId = runId;
        request.kind = query.value(1).toString() == QLatin1String("approval") ? RequestKind::Approval
                                                                             : RequestKind::Intervention;
        request.step = query.value(2).toString();
        request.stage = query.value(3).toString();
        request.errorType = errorTypeOf(query.value(4));
        request.errorMessage = optionalText(query.value(5));
        request.message = optionalText(query.value(6));
        request.approvers = optionalText(query.value(7));
        const QString allowed = query.value(8).toString();
        if (!allowed.isEmpty())
            request.allowedDecisions = allowed.split(u',');
        request.requestedAt = sv::time(query.value(9));
        request.deadline = sv::time(query.value(10));
        request.onTimeout = query.value(11).toString();
        record.decision = optionalText(query.value(12));
        record.by = optionalText(query.value(13));
        record.comment = optionalText(query.value(14));
        record.decidedAt = sv::time(query.value(15));
        record.who = optionalText(query.value(16));
        stored.requests.append(record);
        if (!record.decision.isEmpty())
            snapshot.interventions.append(record);
    }
    return stored;
}

QList<StoredLogRef> RunHistory::logs(const QString &runId, const QString &node, int attempt)
{
    QList<StoredLogRef> list;
    const qint64 rid = ridOf(runId);
    if (rid == 0)
        return list;
    const QDir runDir(QDir(m_db.logsDirectory()).filePath(runId));
    const auto place = [&runDir](StoredLogRef &ref, const QVariant &file, const QVariant &content) {
        if (!file.isNull())
            ref.filePath = runDir.filePath(file.toString());
        else
            ref.content = content.toByteArray();
    };
    QSqlQuery query(m_db.db());
    query.setForwardOnly(true);
    // The run's own notes first (they come before anything when a node is not asked for).
    if (node.isEmpty()) {
        query.prepare(QStringLiteral("SELECT started_at, notes_bytes, notes_lines, notes_file, notes FROM runs "
                                     "WHERE rid = ? AND notes_lines > 0"));
        query.addBindValue(rid);
        if (query.exec() && query.next()) {
            StoredLogRef ref;
            ref.startedAt = sv::time(query.value(0));
            ref.bytes = query.value(1).toLongLong();
            ref.lines = query.value(2).toLongLong();
            place(ref, query.value(3), query.value(4));
            list.append(std::move(ref));
        }
        query.finish();
    }
    QString sql = QStringLiteral("SELECT node_id, attempt, started_at, log_bytes, log_lines, log_file, log FROM attempts "
                                 "WHERE rid = :rid AND log_lines > 0");
    if (!node.isEmpty())
        sql += QStringLiteral(" AND node_id = :node");
    if (attempt > 0)
        sql += QStringLiteral(" AND attempt = :attempt");
    sql += QStringLiteral(" ORDER BY seq");
    query.prepare(sql);
    query.bindValue(QStringLiteral(":rid"), rid);
    if (!node.isEmpty())
        query.bindValue(QStringLiteral(":node"), node);
    if (attempt > 0)
        query.bindValue(QStringLiteral(":attempt"), attempt);
    if (!query.exec())
        return list;
    while (query.next()) {
        StoredLogRef ref;
        ref.node = query.value(0).toString();
        ref.attempt = query.value(1).toInt();
        ref.startedAt = sv::time(query.value(2));
        ref.bytes = query.value(3).toLongLong();
        ref.lines = query.value(4).toLongLong();
        place(ref, query.value(5), query.value(6));
        list.append(std::move(ref));
    }
    return list;
}

std::optional<StoredLogRef> RunHistory::refresh(const QString &runId, const StoredLogRef &log)
{
    const QList<StoredLogRef> found = logs(runId, log.node.isEmpty() ? QString() : log.node, log.attempt);
    for (const StoredLogRef &ref : found) {
        if (ref.node == log.node && ref.attempt == log.attempt)
            return ref;
    }
    return std::nullopt;
}

QByteArray RunHistory::readLog(const StoredLogRef &log, qint64 offset)
{
    if (log.filePath.isEmpty())
        return log.content.mid(offset);
    QFile file(log.filePath);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    return file.readAll();
}

QStringList RunHistory::finishedRunsBeyond(int keep)
{
    QStringList ids;
    QSqlQuery query(m_db.db());
    query.prepare(QStringLiteral("SELECT run_id FROM runs WHERE status != 'Running' "
                                 "ORDER BY started_at DESC, rid DESC LIMIT -1 OFFSET ?"));
    query.addBindValue(std::max(0, keep));
    if (query.exec()) {
        while (query.next())
            ids << query.value(0).toString();
    }
    return ids;
}

QStringList RunHistory::finishedRunsBefore(const QDateTime &olderThan)
{
    QStringList ids;
    QSqlQuery query(m_db.db());
    query.prepare(QStringLiteral("SELECT run_id FROM runs WHERE status != 'Running' AND started_at < ? "
                                 "ORDER BY started_at"));
    query.addBindValue(olderThan.toMSecsSinceEpoch());
    if (query.exec()) {
        while (query.next())
            ids << query.value(0).toString();
    }
    return ids;
}

RunHistory::Removal RunHistory::remove(const QStringList &runIds)
{
    Removal removal;
    const QFileInfo databaseFile(m_db.path());
    const qint64 sizeBefore = databaseFile.size() + QFileInfo(m_db.path() + QStringLiteral("-wal")).size();
    for (const QString &runId : runIds) {
        const qint64 rid = ridOf(runId);
        if (rid == 0) {
            removal.refused << QStringLiteral("%1: no such run").arg(runId);
            continue;
        }
        if (OwnerLock::isHeldByAnyone(lockPath(runId))) {
            removal.refused << QStringLiteral("%1: still running (abort it first)").arg(runId);
            continue;
        }
        QSqlQuery query(m_db.db());
        bool ok = query.exec(QStringLiteral("BEGIN IMMEDIATE"));
        for (const char *table : {"nodes", "attempts", "interventions", "events", "runs"}) {
            if (!ok)
                break;
            query.prepare(QStringLiteral("DELETE FROM %1 WHERE rid = ?").arg(QLatin1String(table)));
            query.addBindValue(rid);
            ok = query.exec();
        }
        if (!ok || !query.exec(QStringLiteral("COMMIT"))) {
            removal.refused << QStringLiteral("%1: %2").arg(runId, query.lastError().text());
            QSqlQuery(m_db.db()).exec(QStringLiteral("ROLLBACK"));
            continue;
        }
        const QString runDir = QDir(m_db.logsDirectory()).filePath(runId);
        const QString journal = RunJournal::pathFor(m_db.logsDirectory(), runId);
        removal.freedBytes += dirSize(runDir) + QFileInfo(journal).size();
        QFile::remove(journal);
        QDir(runDir).removeRecursively();
        removal.removed << runId;
    }
    if (!removal.removed.isEmpty()) {
        // Give the freed pages back to the file system (new databases are made with
        // auto_vacuum=INCREMENTAL; in older ones the pages are reused by later runs).
        QSqlQuery(m_db.db()).exec(QStringLiteral("PRAGMA incremental_vacuum"));
        QSqlQuery(m_db.db()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        const qint64 sizeAfter = QFileInfo(m_db.path()).size() + QFileInfo(m_db.path() + QStringLiteral("-wal")).size();
        removal.freedBytes += std::max<qint64>(0, sizeBefore - sizeAfter);
    }
    return removal;
}

} // namespace pw::engine
