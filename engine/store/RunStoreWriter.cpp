#include "RunStoreWriter.h"

#include "RunDatabase.h"
#include "StoreValues.h"
#include "engine/EngineLog.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <sqlite3.h>

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

// The run's first failure as JSON text; a null QString (NULL) when there is none.
QString errorJson(const std::optional<RunError> &error)
{
    if (!error)
        return {};
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

RunStoreWriter::~RunStoreWriter()
{
    for (auto &[key, log] : m_logs)
        log->setOnStale({}); // an output still open holds its log
}

void RunStoreWriter::fail(const QString &what, const QString &why)
{
    if (m_failed)
        return;
    m_failed = true;
    m_rollback.run();
    const QString message = QStringLiteral("%1 (%2): %3").arg(what, m_db.path(), why);
    log()->error("run store: {}", message.toStdString());
    if (onError)
        onError(message);
}

void RunStoreWriter::fail(const QString &what, const SqliteStatement &statement)
{
    QString why = statement.errorText();
    if (statement.errorCode() == 5 /* SQLITE_BUSY */ || statement.errorCode() == 6 /* SQLITE_LOCKED */)
        why = QStringLiteral("the database is locked by another program: ") + why;
    fail(what, why);
}

bool RunStoreWriter::prepareStatements()
{
    sqlite3 *db = sqliteHandle(m_db.db());
    const auto prepare = [this, db](SqliteStatement &statement, const char *sql) {
        if (statement.prepare(db, sql))
            return true;
        fail(QStringLiteral("preparing to write"), statement);
        return false;
    };
    return prepare(m_begin, "BEGIN IMMEDIATE") && prepare(m_commit, "COMMIT") && prepare(m_rollback, "ROLLBACK")
           && prepare(m_insertRun,
                      "INSERT INTO runs (run_id, pipeline_id, pipeline_name, pipeline_file, pipeline_text, inputs, "
                      "status, warning, started_at, origin_run_id, owner, rehearsal, node_plan) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'Running', 0, ?7, ?8, ?9, ?10, ?11)")
           && prepare(m_finishRun,
                      "UPDATE runs SET status = ?1, warning = ?2, error = ?3, vars = ?4, ended_at = ?5 WHERE rid = ?6")
           && prepare(m_upsertNode,
                      "INSERT OR REPLACE INTO nodes (status, attempts, warning, cloned, error_type, error_message, "
                      "outputs, vars, started_at, ended_at, rid, seq, node_id, kind) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")
           && prepare(m_upsertAttempt,
                      "INSERT OR REPLACE INTO attempts (rid, node_id, attempt, started_at, ended_at, outcome, "
                      "error_type, error_message, external_id, seq, log, log_file, log_bytes, log_lines) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")
           && prepare(m_upsertRequest,
                      "INSERT OR REPLACE INTO interventions (rid, request_id, kind, node_id, stage, error_type, "
                      "error_message, message, approvers, allowed, requested_at, deadline, on_timeout, decision, "
                      "decided_by, comment, decided_at, decided_user) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)")
           && prepare(m_insertEvents, "INSERT INTO events (rid, batch, data) VALUES (?1, ?2, ?3)")
           && prepare(m_updateLog,
                      "UPDATE attempts SET log = ?1, log_file = ?2, log_bytes = ?3, log_lines = ?4 "
                      "WHERE rid = ?5 AND seq = ?6")
           && prepare(m_updateNotes,
                      "UPDATE runs SET notes = ?1, notes_file = ?2, notes_bytes = ?3, notes_lines = ?4 WHERE rid = ?5");
}

bool RunStoreWriter::beginTransaction()
{
    if (m_begin.run())
        return true;
    fail(QStringLiteral("starting a transaction"), m_begin);
    return false;
}

bool RunStoreWriter::commit()
{
    if (m_commit.run())
        return true;
    fail(QStringLiteral("committing"), m_commit);
    return false;
}

bool RunStoreWriter::begin(const RunSnapshot &initial, const StoredRunInfo &info)
{
    m_runId = initial.runId;
    m_logDirectory = QDir(m_db.logsDirectory()).filePath(m_runId);
    // The lock first: a reader that finds the run Running must also find it locked.
    if (const auto error = m_owner.acquire(m_db.logsDirectory() + u'/' + m_runId + QStringLiteral(".lock"))) {
        fail(QStringLiteral("marking the run as live"), *error);
        return false;
    }
    if (const auto error = m_journal.open(RunJournal::pathFor(m_db.logsDirectory(), m_runId))) {
        fail(QStringLiteral("opening the run's journal"), *error);
        return false;
    }
    if (!prepareStatements() || !beginTransaction())
        return false;
    m_insertRun.bindText(1, initial.runId);
    m_insertRun.bindText(2, initial.pipelineId);
    m_insertRun.bindText(3, info.pipelineName);
    m_insertRun.bindText(4, info.pipelineFile);
    m_insertRun.bindBlob(5, info.pipelineText);
    m_insertRun.bindText(6, info.inputs.isEmpty() ? QStringLiteral("{}") : sv::json(info.inputs).toString());
    m_insertRun.bindTime(7, initial.startedAt);
    m_insertRun.bind(8, initial.originRunId.isEmpty() ? QString() : initial.originRunId);
    m_insertRun.bindText(9, info.owner);
    m_insertRun.bind(10, qint64(info.rehearsal ? 1 : 0));
    m_insertRun.bindBlob(11, sv::encodeNodePlan(initial.nodes));
    if (!m_insertRun.run()) {
        fail(QStringLiteral("storing the run"), m_insertRun);
        return false;
    }
    m_rid = sqlite3_last_insert_rowid(sqliteHandle(m_db.db()));
    int seq = 0;
    for (const NodeState &node : initial.nodes) {
        m_seqOf.insert(node.id, seq++);
        if (node.kind == NodeKind::Step
            && (node.stepType == model::StepType::Shell || node.stepType == model::StepType::Http))
            m_effectful.insert(node.id);
    }
    return commit();
}

void RunStoreWriter::finish(const RunSnapshot &snapshot, bool writeAllNodes)
{
    if (ok()) {
        for (auto &[key, log] : m_logs) {
            log->setOnStale({});
            m_closedLogs[key] = std::move(log);
        }
        m_logs.clear();
        if (writeAllNodes) {
            for (const NodeState &node : snapshot.nodes)
                m_dirtyNodes[node.id] = PendingNode{node, {}, {}, false};
        }
        m_flushTimer.stop();
        if (beginTransaction() && writeNodes() && writeAttempts() && writeInterventions() && writeEvents()
            && writeLogs()) {
            m_finishRun.bindText(1, toString(snapshot.status));
            m_finishRun.bind(2, qint64(snapshot.warning ? 1 : 0));
            m_finishRun.bind(3, errorJson(snapshot.error));
            m_finishRun.bindText(4, snapshot.vars.isEmpty() ? QStringLiteral("{}") : sv::json(snapshot.vars).toString());
            m_finishRun.bindTime(5, snapshot.endedAt);
            m_finishRun.bind(6, m_rid);
            if (!m_finishRun.run())
                fail(QStringLiteral("storing the run's end"), m_finishRun);
            else if (commit())
                m_journal.remove();
        }
    }
    m_closedLogs.clear();
    m_owner.release();
}

std::shared_ptr<StoredLog> RunStoreWriter::openLog(const QString &node, int attempt, const QDateTime &startedAt)
{
    auto &slot = m_logs[{node, attempt}];
    if (!slot) {
        slot = std::make_shared<StoredLog>(m_logDirectory, logFileName(node, attempt), node, attempt, startedAt);
        slot->setOnStale([this] { scheduleFlush(); });
        scheduleFlush(); // its row
    }
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
    log->setOnStale({}); // nothing writes to it any more, and it may outlive this writer
    m_closedLogs[found->first] = std::move(found->second);
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
    PendingNode &pending = m_dirtyNodes[state.id];
    pending.state = state;
    pending.jsonReady = false;
    // Durable before the run moves on; the database gets it with the next batch.
    if (isFinal(state.status)) {
        pending.outputsJson = sv::jsonText(state.outputs);
        pending.varsJson = sv::jsonText(state.vars);
        pending.jsonReady = true;
        if (!m_journal.append(state, pending.outputsJson, pending.varsJson))
            flush();
    }
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
    // What recovery reads to know what was running (and, for a cluster job, what to cancel).
    if (!attempt.endedAt.isValid() && m_effectful.contains(attempt.node) && !m_journal.append(attempt))
        flush();
    scheduleFlush();
}

// A person is asked, or has answered: into the database at once (rare, and readers such as
// the GUI of another program show it).
void RunStoreWriter::interventionOpened(const InterventionRequest &request)
{
    if (!ok())
        return;
    InterventionRecord open;
    open.request = request;
    m_dirtyRequests.append(open);
    flush();
}

void RunStoreWriter::interventionClosed(const InterventionRecord &record)
{
    if (!ok())
        return;
    m_dirtyRequests.append(record);
    flush();
}

void RunStoreWriter::flush()
{
    m_flushTimer.stop();
    if (!ok())
        return;
    for (auto &[key, log] : m_logs)
        log->flush();
    const bool anything = !m_dirtyNodes.isEmpty() || !m_dirtyAttempts.empty() || !m_dirtyRequests.isEmpty()
                          || !m_pendingEvents.isEmpty() || !m_closedLogs.empty()
                          || std::any_of(m_logs.cbegin(), m_logs.cend(),
                                         [](const auto &entry) { return entry.second->isDirty(); });
    if (!anything)
        return;
    if (beginTransaction() && writeNodes() && writeAttempts() && writeInterventions() && writeEvents()
        && writeLogs() && commit())
        m_journal.clear(); // all of it is in the database now
    m_closedLogs.clear();
}

bool RunStoreWriter::writeNodes()
{
    for (PendingNode &pending : m_dirtyNodes) {
        const NodeState &node = pending.state;
        if (!pending.jsonReady) {
            pending.outputsJson = sv::jsonText(node.outputs);
            pending.varsJson = sv::jsonText(node.vars);
        }
        m_upsertNode.bindText(1, toString(node.status));
        m_upsertNode.bind(2, qint64(node.attempts));
        m_upsertNode.bind(3, qint64(node.warning ? 1 : 0));
        m_upsertNode.bind(4, qint64(node.cloned ? 1 : 0));
        m_upsertNode.bind(5, node.error ? model::toString(node.error->type) : QString());
        m_upsertNode.bind(6, node.error ? node.error->message : QString());
        m_upsertNode.bindUtf8(7, pending.outputsJson);
        m_upsertNode.bindUtf8(8, pending.varsJson);
        m_upsertNode.bindTime(9, node.startedAt);
        m_upsertNode.bindTime(10, node.endedAt);
        m_upsertNode.bind(11, m_rid);
        m_upsertNode.bind(12, qint64(m_seqOf.value(node.id, -1)));
        m_upsertNode.bindText(13, node.id);
        m_upsertNode.bindText(14, toString(node.kind));
        if (!m_upsertNode.run()) {
            fail(QStringLiteral("storing node '%1'").arg(node.id), m_upsertNode);
            return false;
        }
    }
    m_dirtyNodes.clear();
    return true;
}

bool RunStoreWriter::writeAttempts()
{
    for (const auto &[key, attempt] : m_dirtyAttempts) {
        m_upsertAttempt.bind(1, m_rid);
        m_upsertAttempt.bindText(2, attempt.node);
        m_upsertAttempt.bind(3, qint64(attempt.attempt));
        m_upsertAttempt.bindTime(4, attempt.startedAt);
        m_upsertAttempt.bindTime(5, attempt.endedAt);
        m_upsertAttempt.bind(6, attempt.outcome.isEmpty() ? QString() : attempt.outcome);
        m_upsertAttempt.bind(7, attempt.error ? model::toString(attempt.error->type) : QString());
        m_upsertAttempt.bind(8, attempt.error ? attempt.error->message : QString());
        m_upsertAttempt.bind(9, attempt.externalId.isEmpty() ? QString() : attempt.externalId);
        m_upsertAttempt.bind(10, qint64(m_attemptSeq.value(key, 0)));
        // The attempt's log goes on its row (most logs are a line or two).
        StoredLog *stored = logOf(key);
        if (stored && stored->storedFileName().isEmpty())
            m_upsertAttempt.bindBlob(11, stored->inlineContent());
        else
            m_upsertAttempt.bindNull(11);
        m_upsertAttempt.bind(12, stored && !stored->storedFileName().isEmpty() ? stored->storedFileName() : QString());
        m_upsertAttempt.bind(13, stored ? stored->bytes() : 0);
        m_upsertAttempt.bind(14, stored ? stored->lines() : 0);
        if (stored)
            stored->markWritten();
        if (!m_upsertAttempt.run()) {
            fail(QStringLiteral("storing attempt %1 of '%2'").arg(attempt.attempt).arg(attempt.node), m_upsertAttempt);
            return false;
        }
    }
    m_dirtyAttempts.clear();
    return true;
}

bool RunStoreWriter::writeInterventions()
{
    const auto orNull = [](const QString &text) { return text.isEmpty() ? QString() : text; };
    for (const InterventionRecord &record : std::as_const(m_dirtyRequests)) {
        const InterventionRequest &request = record.request;
        m_upsertRequest.bind(1, m_rid);
        m_upsertRequest.bindText(2, request.id);
        m_upsertRequest.bindText(3, request.kind == RequestKind::Approval ? QStringLiteral("approval")
                                                                         : QStringLiteral("intervention"));
        m_upsertRequest.bindText(4, request.step);
        m_upsertRequest.bindText(5, request.stage);
        m_upsertRequest.bind(6, request.errorType ? model::toString(*request.errorType) : QString());
        m_upsertRequest.bind(7, orNull(request.errorMessage));
        m_upsertRequest.bind(8, orNull(request.message));
        m_upsertRequest.bind(9, orNull(request.approvers));
        m_upsertRequest.bindText(10, request.allowedDecisions.join(u','));
        m_upsertRequest.bindTime(11, request.requestedAt);
        m_upsertRequest.bindTime(12, request.deadline);
        m_upsertRequest.bindText(13, request.onTimeout);
        m_upsertRequest.bind(14, orNull(record.decision));
        m_upsertRequest.bind(15, orNull(record.by));
        m_upsertRequest.bind(16, orNull(record.comment));
        m_upsertRequest.bindTime(17, record.decidedAt);
        m_upsertRequest.bind(18, orNull(record.who));
        if (!m_upsertRequest.run()) {
            fail(QStringLiteral("storing request %1").arg(request.id), m_upsertRequest);
            return false;
        }
    }
    m_dirtyRequests.clear();
    return true;
}

bool RunStoreWriter::writeEvents()
{
    if (m_pendingEvents.isEmpty())
        return true;
    QByteArray batch;
    for (const RunEvent &event : std::as_const(m_pendingEvents))
        sv::appendEvent(batch, event);
    m_insertEvents.bind(1, m_rid);
    m_insertEvents.bind(2, m_eventBatch++);
    m_insertEvents.bindBlob(3, batch);
    if (!m_insertEvents.run()) {
        fail(QStringLiteral("storing events"), m_insertEvents);
        return false;
    }
    m_pendingEvents.clear();
    return true;
}

StoredLog *RunStoreWriter::logOf(const LogKey &key) const
{
    if (const auto open = m_logs.find(key); open != m_logs.end())
        return open->second.get();
    if (const auto closed = m_closedLogs.find(key); closed != m_closedLogs.end())
        return closed->second.get();
    return nullptr;
}

bool RunStoreWriter::writeLog(StoredLog &stored)
{
    if (const QString error = stored.takeError(); !error.isEmpty()) {
        log()->warn("run store: {}", error.toStdString());
        if (onError)
            onError(error);
    }
    if (!stored.isDirty())
        return true;
    const bool inFile = !stored.storedFileName().isEmpty();
    SqliteStatement &update = stored.node().isEmpty() ? m_updateNotes : m_updateLog;
    if (inFile)
        update.bindNull(1);
    else
        update.bindBlob(1, stored.inlineContent());
    update.bind(2, inFile ? stored.storedFileName() : QString());
    update.bind(3, stored.bytes());
    update.bind(4, stored.lines());
    update.bind(5, m_rid);
    if (!stored.node().isEmpty()) {
        const auto seq = m_attemptSeq.constFind({stored.node(), stored.attempt()});
        if (seq == m_attemptSeq.cend())
            return true; // no attempt row to put it on
        update.bind(6, qint64(*seq));
    }
    if (!update.run()) {
        fail(QStringLiteral("storing the log of '%1'").arg(stored.node()), update);
        return false;
    }
    stored.markWritten();
    return true;
}

bool RunStoreWriter::writeLogs()
{
    for (const auto &[key, stored] : m_logs) {
        if (!writeLog(*stored))
            return false;
    }
    for (const auto &[key, stored] : m_closedLogs) {
        if (!writeLog(*stored))
            return false;
    }
    return true;
}

} // namespace pw::engine
