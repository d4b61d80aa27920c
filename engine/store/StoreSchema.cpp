#include "StoreSchema.h"

#include "RunDatabase.h"

#include <QSqlError>
#include <QSqlQuery>

namespace pw::engine {
namespace {

// Version 1: runs, their nodes, attempts (with their logs), interventions and events. Times are
// milliseconds since the epoch (UTC); `rid` is a run's key inside the database, `run_id`
// the id people see. Tables keyed by (rid, ...) are WITHOUT ROWID: they are read by run.
//
// What a run writes once and only ever reads whole is one value, not a row per item: the
// nodes' places in the pipeline (runs.node_plan: a line per node) and the events (a row per
// batch of them, JSON lines). A row costs SQLite ~10,000 instructions to insert, a third of
// an Echo step; a 10,000-step run would spend more time storing its events than running.
// Node states, attempts and interventions change as the run goes: a row each. An attempt's
// log is on its row while it is small (`log`), in a file beside the database once it is not
// (`log_file`); the run's own notes the same way on the run's row.
const char *const kVersion1[] = {
    R"(CREATE TABLE runs (
        rid INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL UNIQUE,
        pipeline_id TEXT NOT NULL,
        pipeline_name TEXT NOT NULL DEFAULT '',
        pipeline_file TEXT NOT NULL DEFAULT '',
        pipeline_text BLOB NOT NULL,
        inputs TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL,
        warning INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        vars TEXT NOT NULL DEFAULT '{}',
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        origin_run_id TEXT,
        owner TEXT NOT NULL DEFAULT '',
        node_plan BLOB NOT NULL DEFAULT '',
        notes BLOB,
        notes_file TEXT,
        notes_bytes INTEGER NOT NULL DEFAULT 0,
        notes_lines INTEGER NOT NULL DEFAULT 0)
    )",
    "CREATE INDEX runs_by_start ON runs (started_at)",
    "CREATE INDEX runs_by_status ON runs (status)",
    R"(CREATE TABLE nodes (
        rid INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        node_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        warning INTEGER NOT NULL DEFAULT 0,
        cloned INTEGER NOT NULL DEFAULT 0,
        error_type TEXT,
        error_message TEXT,
        outputs TEXT,
        vars TEXT,
        started_at INTEGER,
        ended_at INTEGER,
        PRIMARY KEY (rid, seq)) WITHOUT ROWID
    )",
    R"(CREATE TABLE attempts (
        rid INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        node_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        outcome TEXT,
        error_type TEXT,
        error_message TEXT,
        log BLOB,
        log_file TEXT,
        log_bytes INTEGER NOT NULL DEFAULT 0,
        log_lines INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (rid, seq)) WITHOUT ROWID
    )",
    R"(CREATE TABLE interventions (
        rid INTEGER NOT NULL,
        request_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        node_id TEXT NOT NULL,
        stage TEXT NOT NULL DEFAULT '',
        error_type TEXT,
        error_message TEXT,
        message TEXT,
        approvers TEXT,
        allowed TEXT NOT NULL DEFAULT '',
        requested_at INTEGER NOT NULL,
        deadline INTEGER NOT NULL,
        on_timeout TEXT NOT NULL DEFAULT '',
        decision TEXT,
        decided_by TEXT,
        comment TEXT,
        decided_at INTEGER,
        PRIMARY KEY (rid, request_id)) WITHOUT ROWID
    )",
    R"(CREATE TABLE events (
        rid INTEGER NOT NULL,
        batch INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (rid, batch)) WITHOUT ROWID
    )",
};

// Version 2: what executors other than `local` run under (a Slurm job id per attempt),
// rehearsals, and the login name of whoever decided a request.
const char *const kVersion2[] = {
    "ALTER TABLE attempts ADD COLUMN external_id TEXT",
    "ALTER TABLE runs ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE interventions ADD COLUMN decided_user TEXT",
};

struct Step
{
    const char *const *statements;
    int count;
};

template<std::size_t N>
constexpr Step step(const char *const (&statements)[N])
{
    return {statements, int(N)};
}

// kSteps[i] takes a database from version i to version i + 1.
constexpr Step kSteps[] = {step(kVersion1), step(kVersion2)};
static_assert(std::size(kSteps) == StoreSchema::kCurrentVersion);

int userVersion(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        *error = query.lastError().text();
        return -1;
    }
    return query.value(0).toInt();
}

} // namespace

std::optional<QString> StoreSchema::migrateTo(QSqlDatabase &db, int version)
{
    QSqlQuery query(db);
    // IMMEDIATE: take the write lock before reading the version, so that two programs never
    // both decide to create the tables.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return query.lastError().databaseText().isEmpty() ? query.lastError().text()
                                                          : query.lastError().databaseText();
    QString error;
    const int current = userVersion(db, &error);
    const auto rollback = [&](const QString &why) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return std::optional<QString>(why);
    };
    if (current < 0)
        return rollback(error);
    for (int from = current; from < version; ++from) {
        const Step &migration = kSteps[from];
        for (int i = 0; i < migration.count; ++i) {
            if (!query.exec(QString::fromLatin1(migration.statements[i]))) {
                return rollback(QStringLiteral("schema version %1: %2")
                                    .arg(from + 1)
                                    .arg(query.lastError().databaseText()));
            }
        }
    }
    if (current < version && !query.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)))
        return rollback(query.lastError().databaseText());
    if (!query.exec(QStringLiteral("COMMIT")))
        return rollback(query.lastError().databaseText());
    return std::nullopt;
}

std::optional<QString> StoreSchema::migrate(RunDatabase &database)
{
    // Most opens find the schema current: no write lock for them (a reader must not wait for
    // a busy writer just to learn that).
    QString error;
    const int current = userVersion(database.db(), &error);
    if (current < 0)
        return error;
    if (current == kCurrentVersion)
        return std::nullopt;
    return migrateTo(database.db(), kCurrentVersion);
}

} // namespace pw::engine
