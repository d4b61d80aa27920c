#include "RunStoreWriter.h"

#include "RunDatabase.h"
#include "StoreValues.h"
#include "engine/EngineLog.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

namespace pw::engine {
namespace {

namespace sv = storevalues;

// Short enough that a person watching from another program (the GUI, `logs -f`) sees the run
// live; long enough that a burst of events becomes one transaction.
constexpr int kFlushIntervalMs = 30;

QString logFileName(const QString &node, int attempt)
{
    // Ids are identifiers ([A-Za-z_][A-Za-z0-9_]*), safe as file names; the run's own notes
    // get a name no id can have.
    return node.isEmpty() ? QStringLiteral(".run.log")
                          : QStringLiteral("%1.%2.log").arg(node).arg(attempt);
}

// For NOT NULL text columns: an empty QString may be a null one, which binds as NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QVariant errorJson(const std::optional<RunError> &error)
{
    if (!error)
        return QVariant(QMetaType::fromType<QString>());
    QJsonObject object{{QStringLiteral("type"), model::toString(error->type)},
                       {QStringLiteral("message"), error->message},
                       {QStringLiteral("step"), error->step},
                       {QStringLiteral("stage"), error->stage}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

RunStoreWriter::RunStoreWriter(RunDatabase &database, QObject *parent)
    : QObject(parent), m_db(database)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &RunStoreWriter::flush);
}

RunStoreWriter::~RunStoreWriter() = default;

void RunStoreWriter::fail(const QString &what, const QSqlQuery &query)
{
    if (m_failed)
        return;
    m_failed = true;
    QSqlQuery(m_db.db()).exec(QStringLiteral("ROLLBACK"));
    const QString message = m_db.describe(what, query);
    log()->error("run store: {}", message.toStdString());
    if (onError)
        onError(message);
}

bool RunStoreWriter::prepareStatements()
{
    const auto prepare = [this](QSqlQuery &query, const QString &sql) {
        query = QSqlQuery(m_db.db());
        if (query.prepare(sql))
            return true;
        fail(QStringLiteral("preparing to write"), query);
        return false;
    };
    return prepare(m_updateNode,
                   QStringLiteral("UPDATE nodes SET status = ?, attempts = ?, warning = ?, cloned = ?, "
                                  "error_type = ?, error_message = ?, outputs = ?, vars = ?, "
                                  "started_at = ?, ended_at = ? WHERE rid = ? AND seq = ?"))
           && prepare(m_upsertAttempt,
                      QStringLiteral("INSERT OR REPLACE INTO attempts (rid, node_id, attempt, started_at, "
                                     "ended_at, outcome, error_type, error_message, external_id, seq) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
           && prepare(m_upsertRequest,
                      QStringLiteral("INSERT OR REPLACE INTO interventions (rid, request_id, kind, node_id, "
                                     "stage, error_type, error_message, message, approvers, allowed, "
                                     "requested_at, deadline, on_timeout, decision, decided_by, comment, "
                                     "decided_at, decided_user) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
           && prepare(m_insertEvent,
                      QStringLiteral("INSERT INTO events (rid, seq, at, node_id, event, attempt, error_type, "
                                     "delay_ms, status, decision, decided_by) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
           && prepare(m_upsertLog,
                      QStringLiteral("INSERT OR REPLACE INTO logs (rid, node_id, attempt, started_at, "
                                     "content, file, bytes, lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
}

bool RunStoreWriter::beginTransaction()
{
    QSqlQuery query(m_db.db());
    if (query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return true;
    fail(QStringLiteral("starting a transaction"), query);
    return false;
}

bool RunStoreWriter::commit()
{
    QSqlQuery query(m_db.db());
    if (query.exec(QStringLiteral("COMMIT")))
        return true;
    fail(QStringLiteral("committing"), query);
    return false;
}

bool RunStoreWriter::begin(const RunSnapshot &initial, const StoredRunInfo &info)
{
    m_runId = initial.runId;
    m_logDirectory = QDir(m_db.logsDirectory()).filePath(m_runId);
    // The lock first: a reader that finds the run Running must also find it locked.
    if (const auto error = m_owner.acquire(m_db.logsDirectory() + u'/' + m_runId + QStringLiteral(".lock"))) {
        m_failed = true;
        if (onError)
            onError(*error);
        return false;
    }
    if (!prepareStatements() || !beginTransaction())
        return false;
    QSqlQuery insertRun(m_db.db());
    insertRun.prepare(QStringLiteral(
        "INSERT INTO runs (run_id, pipeline_id, pipeline_name, pipeline_file, pipeline_text, inputs, "
        "status, warning, started_at, origin_run_id, owner, rehearsal) "
        "VALUES (?, ?, ?, ?, ?, ?, 'Running', 0, ?, ?, ?, ?)"));
    insertRun.addBindValue(initial.runId);
    insertRun.addBindValue(initial.pipelineId);
    insertRun.addBindValue(notNull(info.pipelineName));
    insertRun.addBindValue(notNull(info.pipelineFile));
    insertRun.addBindValue(info.pipelineText);
    insertRun.addBindValue(sv::json(info.inputs).toString().isEmpty() ? QStringLiteral("{}")
                                                                     : sv::json(info.inputs).toString());
    insertRun.addBindValue(sv::time(initial.startedAt));
    insertRun.addBindValue(sv::text(initial.originRunId));
    insertRun.addBindValue(notNull(info.owner));
    insertRun.addBindValue(info.rehearsal ? 1 : 0);
    if (!insertRun.exec()) {
        fail(QStringLiteral("storing the run"), insertRun);
        return false;
    }
    m_rid = insertRun.lastInsertId().toLongLong();

    QSqlQuery insertNode(m_db.db());
    insertNode.prepare(QStringLiteral("INSERT INTO nodes (rid, seq, node_id, kind, stage, parents, role, "
                                      "step_type, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Pending')"));
    int seq = 0;
    for (const NodeState &node : initial.nodes) {
        m_seqOf.insert(node.id, seq);
        insertNode.bindValue(0, m_rid);
        insertNode.bindValue(1, seq++);
        insertNode.bindValue(2, node.id);
        insertNode.bindValue(3, toString(node.kind));
        insertNode.bindValue(4, notNull(node.stage));
        insertNode.bindValue(5, notNull(node.parents.join(u',')));
        insertNode.bindValue(6, toString(node.role));
        insertNode.bindValue(7, node.kind == NodeKind::Step ? model::toString(node.stepType) : notNull({}));
        if (!insertNode.exec()) {
            fail(QStringLiteral("storing the run's nodes"), insertNode);
            return false;
        }
    }
    return commit();
}

void RunStoreWriter::finish(const RunSnapshot &snapshot)
{
    if (ok()) {
        for (auto &[key, log] : m_logs)
            m_closedLogs.append(std::move(log));
        m_logs.clear();
        for (const NodeState &node : snapshot.nodes)
            m_dirtyNodes.insert(node.id, node); // final states, whatever was batched before
        m_flushTimer.stop();
        if (beginTransaction() && writeNodes() && writeAttempts() && writeInterventions() && writeEvents()
            && writeLogs()) {
            QSqlQuery update(m_db.db());
            update.prepare(QStringLiteral("UPDATE runs SET status = ?, warning = ?, error = ?, vars = ?, "
                                          "ended_at = ? WHERE rid = ?"));
            update.addBindValue(toString(snapshot.status));
            update.addBindValue(snapshot.warning ? 1 : 0);
            update.addBindValue(errorJson(snapshot.error));
            update.addBindValue(sv::json(snapshot.vars).isNull() ? QStringLiteral("{}")
                                                                 : sv::json(snapshot.vars).toString());
            update.addBindValue(sv::time(snapshot.endedAt));
            update.addBindValue(m_rid);
            if (!update.exec())
                fail(QStringLiteral("storing the run's end"), update);
            else
                commit();
        }
    }
    m_closedLogs.clear();
    m_owner.release();
}

std::shared_ptr<StoredLog> RunStoreWriter::openLog(const QString &node, int attempt, const QDateTime &startedAt)
{
    auto &slot = m_logs[{node, attempt}];
    if (!slot)
        slot = std::make_shared<StoredLog>(m_logDirectory, logFileName(node, attempt), node, attempt, startedAt);
    return slot;
}

void RunStoreWriter::closeLog(const std::shared_ptr<StoredLog> &log)
{
    if (!log)
        return;
    auto found = m_logs.find({log->node(), log->attempt()});
    if (found == m_logs.end() || found->second != log)
        return;
    log->flush();
    m_closedLogs.append(std::move(found->second));
    m_logs.erase(found);
    scheduleFlush();
}

void RunStoreWriter::scheduleFlush()
{
    if (ok() && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void RunStoreWriter::nodeChanged(const NodeState &state)
{
    if (!ok())
        return;
    m_dirtyNodes.insert(state.id, state);
    if (isFinal(state.status))
        commitDurable();
    else
        scheduleFlush();
}

void RunStoreWriter::eventAdded(const RunEvent &event)
{
    if (!ok())
        return;
    m_pendingEvents.append(event);
    scheduleFlush();
}

void RunStoreWriter::attemptChanged(const AttemptRecord &attempt)
{
    if (!ok())
        return;
    const std::pair<QString, int> key{attempt.node, attempt.attempt};
    if (!m_attemptSeq.contains(key))
        m_attemptSeq.insert(key, m_attemptSeq.size()); // the order attempts started in
    m_dirtyAttempts[key] = attempt;
    // An attempt's start is what recovery reads to know what was running (and, for a cluster
    // job, which job to cancel); its end comes with the node's final state or the next batch.
    if (!attempt.endedAt.isValid())
        commitDurable();
    else
        scheduleFlush();
}

void RunStoreWriter::interventionOpened(const InterventionRequest &request)
{
    if (!ok())
        return;
    InterventionRecord open;
    open.request = request;
    m_dirtyRequests.append(open);
    commitDurable();
}

void RunStoreWriter::interventionClosed(const InterventionRecord &record)
{
    if (!ok())
        return;
    m_dirtyRequests.append(record);
    commitDurable();
}

void RunStoreWriter::commitDurable()
{
    if (!ok())
        return;
    if (beginTransaction() && writeNodes() && writeAttempts() && writeInterventions())
        commit();
    scheduleFlush(); // events and logs follow with the next batch
}

void RunStoreWriter::flush()
{
    m_flushTimer.stop();
    if (!ok())
        return;
    for (auto &[key, log] : m_logs)
        log->flush();
    const bool anything = !m_dirtyNodes.isEmpty() || !m_dirtyAttempts.empty() || !m_dirtyRequests.isEmpty()
                          || !m_pendingEvents.isEmpty() || !m_closedLogs.isEmpty()
                          || std::any_of(m_logs.cbegin(), m_logs.cend(),
                                         [](const auto &entry) { return entry.second->isDirty(); });
    if (!anything)
        return;
    if (beginTransaction() && writeNodes() && writeAttempts() && writeInterventions() && writeEvents()
        && writeLogs())
        commit();
    m_closedLogs.clear();
}

bool RunStoreWriter::writeNodes()
{
    for (const NodeState &node : std::as_const(m_dirtyNodes)) {
        m_updateNode.bindValue(0, toString(node.status));
        m_updateNode.bindValue(1, node.attempts);
        m_updateNode.bindValue(2, node.warning ? 1 : 0);
        m_updateNode.bindValue(3, node.cloned ? 1 : 0);
        m_updateNode.bindValue(4, node.error ? QVariant(model::toString(node.error->type))
                                             : QVariant(QMetaType::fromType<QString>()));
        m_updateNode.bindValue(5, node.error ? QVariant(node.error->message) : QVariant(QMetaType::fromType<QString>()));
        m_updateNode.bindValue(6, sv::json(node.outputs));
        m_updateNode.bindValue(7, sv::json(node.vars));
        m_updateNode.bindValue(8, sv::time(node.startedAt));
        m_updateNode.bindValue(9, sv::time(node.endedAt));
        m_updateNode.bindValue(10, m_rid);
        m_updateNode.bindValue(11, m_seqOf.value(node.id, -1));
        if (!m_updateNode.exec()) {
            fail(QStringLiteral("storing node '%1'").arg(node.id), m_updateNode);
            return false;
        }
    }
    m_dirtyNodes.clear();
    return true;
}

bool RunStoreWriter::writeAttempts()
{
    for (const auto &[key, attempt] : m_dirtyAttempts) {
        m_upsertAttempt.bindValue(0, m_rid);
        m_upsertAttempt.bindValue(1, notNull(attempt.node));
        m_upsertAttempt.bindValue(2, attempt.attempt);
        m_upsertAttempt.bindValue(3, sv::time(attempt.startedAt));
        m_upsertAttempt.bindValue(4, sv::time(attempt.endedAt));
        m_upsertAttempt.bindValue(5, sv::text(attempt.outcome));
        m_upsertAttempt.bindValue(6, attempt.error ? QVariant(model::toString(attempt.error->type))
                                                   : QVariant(QMetaType::fromType<QString>()));
        m_upsertAttempt.bindValue(7, attempt.error ? QVariant(attempt.error->message)
                                                   : QVariant(QMetaType::fromType<QString>()));
        m_upsertAttempt.bindValue(8, sv::text(attempt.externalId));
        m_upsertAttempt.bindValue(9, m_attemptSeq.value(key, 0));
        if (!m_upsertAttempt.exec()) {
            fail(QStringLiteral("storing attempt %1 of '%2'").arg(attempt.attempt).arg(attempt.node),
                 m_upsertAttempt);
            return false;
        }
    }
    m_dirtyAttempts.clear();
    return true;
}

bool RunStoreWriter::writeInterventions()
{
    for (const InterventionRecord &record : std::as_const(m_dirtyRequests)) {
        const InterventionRequest &request = record.request;
        m_upsertRequest.bindValue(0, m_rid);
        m_upsertRequest.bindValue(1, request.id);
        m_upsertRequest.bindValue(2, request.kind == RequestKind::Approval ? QStringLiteral("approval")
                                                                          : QStringLiteral("intervention"));
        m_upsertRequest.bindValue(3, request.step);
        m_upsertRequest.bindValue(4, notNull(request.stage));
        m_upsertRequest.bindValue(5, request.errorType ? QVariant(model::toString(*request.errorType))
                                                       : QVariant(QMetaType::fromType<QString>()));
        m_upsertRequest.bindValue(6, sv::text(request.errorMessage));
        m_upsertRequest.bindValue(7, sv::text(request.message));
        m_upsertRequest.bindValue(8, sv::text(request.approvers));
        m_upsertRequest.bindValue(9, notNull(request.allowedDecisions.join(u',')));
        m_upsertRequest.bindValue(10, sv::time(request.requestedAt));
        m_upsertRequest.bindValue(11, sv::time(request.deadline));
        m_upsertRequest.bindValue(12, notNull(request.onTimeout));
        m_upsertRequest.bindValue(13, sv::text(record.decision));
        m_upsertRequest.bindValue(14, sv::text(record.by));
        m_upsertRequest.bindValue(15, sv::text(record.comment));
        m_upsertRequest.bindValue(16, sv::time(record.decidedAt));
        m_upsertRequest.bindValue(17, sv::text(record.who));
        if (!m_upsertRequest.exec()) {
            fail(QStringLiteral("storing request %1").arg(request.id), m_upsertRequest);
            return false;
        }
    }
    m_dirtyRequests.clear();
    return true;
}

bool RunStoreWriter::writeEvents()
{
    const QVariant nullText(QMetaType::fromType<QString>());
    const QVariant nullNumber(QMetaType::fromType<qint64>());
    for (const RunEvent &event : std::as_const(m_pendingEvents)) {
        m_insertEvent.bindValue(0, m_rid);
        m_insertEvent.bindValue(1, m_eventSeq++);
        m_insertEvent.bindValue(2, sv::time(event.at));
        m_insertEvent.bindValue(3, notNull(event.node));
        m_insertEvent.bindValue(4, event.event);
        m_insertEvent.bindValue(5, event.attempt > 0 ? QVariant(event.attempt) : nullNumber);
        m_insertEvent.bindValue(6, event.errorType ? QVariant(model::toString(*event.errorType)) : nullText);
        m_insertEvent.bindValue(7, event.delayMs >= 0 ? QVariant(event.delayMs) : nullNumber);
        m_insertEvent.bindValue(8, event.status ? QVariant(toString(*event.status)) : nullText);
        m_insertEvent.bindValue(9, sv::text(event.decision));
        m_insertEvent.bindValue(10, sv::text(event.by));
        if (!m_insertEvent.exec()) {
            fail(QStringLiteral("storing events"), m_insertEvent);
            return false;
        }
    }
    m_pendingEvents.clear();
    return true;
}

bool RunStoreWriter::writeLogs()
{
    const auto write = [this](StoredLog &stored) {
        if (const QString error = stored.takeError(); !error.isEmpty()) {
            log()->warn("run store: {}", error.toStdString());
            if (onError)
                onError(error);
        }
        if (!stored.isDirty())
            return true;
        m_upsertLog.bindValue(0, m_rid);
        m_upsertLog.bindValue(1, notNull(stored.node()));
        m_upsertLog.bindValue(2, stored.attempt());
        m_upsertLog.bindValue(3, sv::time(stored.startedAt()));
        m_upsertLog.bindValue(4, stored.storedFileName().isEmpty() ? QVariant(stored.inlineContent())
                                                                    : QVariant(QMetaType::fromType<QByteArray>()));
        m_upsertLog.bindValue(5, sv::text(stored.storedFileName()));
        m_upsertLog.bindValue(6, stored.bytes());
        m_upsertLog.bindValue(7, stored.lines());
        if (!m_upsertLog.exec()) {
            fail(QStringLiteral("storing the log of '%1'").arg(stored.node()), m_upsertLog);
            return false;
        }
        stored.markWritten();
        return true;
    };
    for (auto &[key, log] : m_logs) {
        if (!write(*log))
            return false;
    }
    for (const auto &log : std::as_const(m_closedLogs)) {
        if (!write(*log))
            return false;
    }
    return true;
}

} // namespace pw::engine
