// The run store (engine/store): what a run leaves in the database, its logs, migrations from
// older schema versions, and databases that must be refused and left alone.
#include "RunHarness.h"

#include "engine/run/RunRecorder.h"
#include "engine/store/LogFormat.h"
#include "engine/store/RunDatabase.h"
#include "engine/store/RunHistory.h"
#include "engine/store/StoreSchema.h"

#include <QCryptographicHash>
#include <QDir>
#include <QRegularExpression>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <unistd.h>

using namespace pw::engine;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// The lines of a stored log as "o:text" / "e:text" / "p:text".
QStringList storedLines(const StoredLogRef &log)
{
    QStringList lines;
    for (const StoredLogLine &line : parseStoredLog(RunHistory::readLog(log)))
        lines << QString(QLatin1Char(streamLetter(line.stream))) + u':' + QString::fromUtf8(line.text);
    return lines;
}

const QByteArray kMixed = R"(pipeline:
  id: mixed
  name: Mixed bag
  inputs:
    - {id: who, type: string, default: world}
  stages:
    - stage:
        id: build
        steps:
          - step: {id: hello, type: Shell, spec: {command: "echo hello {{ inputs.who }}; echo oops >&2; echo v=1 >> $PW_OUTPUT"}}
          - step: {id: flaky, type: Fail, spec: {succeedOnAttempt: 2}, retry: {type: constant, interval: 10ms, maxAttempts: 3}}
          - step:
              id: risky
              type: Fail
              catch: caught
          - stepGroup:
              id: grp
              steps:
                - step: {id: inner, type: Echo, spec: {message: "{{ steps.hello.outputs.v }}"}}
    - stage:
        id: deploy
        steps:
          - step:
              id: ask
              type: Fail
              failureStrategies:
                - onFailure: {errors: [AllErrors], action: {type: ManualIntervention, spec: {timeout: 5s}}}
)";

} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("runs.sqlite"));
        QFile::remove(m_db);
    }

    // Everything the report holds comes back from the database exactly: `show --json` is
    // byte for byte what `run --report` wrote.
    void roundTrip()
    {
        RunHarness harness;
        harness.databasePath = m_db;
        harness.answer = [](const InterventionRequest &) { return QStringLiteral("Ignore"); };
        const auto snapshot = harness.run(kMixed);
        QVERIFY(snapshot);
        QCOMPARE(toString(snapshot->status), s("Succeeded"));

        RunHistory history;
        QVERIFY(!history.open(m_db));
        const QList<RunSummary> runs = history.runs();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().runId, snapshot->runId);
        QCOMPARE(runs.first().pipelineName, QStringLiteral("Mixed bag"));
        QCOMPARE(runs.first().deciders, QStringList{QStringLiteral("tester")});
        QString error;
        const auto stored = history.run(snapshot->runId, &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(QString::fromUtf8(runReportText(stored->snapshot)), QString::fromUtf8(runReportText(*snapshot)));
        QCOMPARE(stored->pipelineText, kMixed);

        // Attempts with their outcomes, in order.
        QStringList attempts;
        for (const AttemptRecord &attempt : stored->attempts)
            attempts << QStringLiteral("%1#%2=%3").arg(attempt.node).arg(attempt.attempt).arg(attempt.outcome);
        QCOMPARE(attempts, list({"hello#1=Succeeded", "flaky#1=Failed", "flaky#2=Succeeded", "risky#1=Failed",
                                 "inner#1=Succeeded", "ask#1=Failed"}));
        // The request with its decision and who made it.
        QCOMPARE(stored->requests.size(), 1);
        QCOMPARE(stored->requests.first().decision, QStringLiteral("Ignore"));
        QCOMPARE(stored->requests.first().who, QStringLiteral("tester"));
        QVERIFY(stored->requests.first().request.deadline > stored->requests.first().request.requestedAt);
        // The catch's var is kept on its node, for a resume to copy.
        const NodeState *risky = findNode(stored->snapshot, s("risky"));
        QVERIFY(risky);
        QCOMPARE(risky->vars.value(s("caught")).toMap().value(s("type")).toString(), s("Unknown"));
    }

    // Each attempt's output, stdout and stderr told apart, with the engine's own notes.
    void logsPerAttempt()
    {
        RunHarness harness;
        harness.databasePath = m_db;
        harness.answer = [](const InterventionRequest &) { return QStringLiteral("Ignore"); };
        const auto snapshot = harness.run(kMixed);
        QVERIFY(snapshot);
        RunHistory history;
        QVERIFY(!history.open(m_db));
        const QList<StoredLogRef> hello = history.logs(snapshot->runId, s("hello"));
        QCOMPARE(hello.size(), 1);
        QCOMPARE(hello.first().attempt, 1);
        QVERIFY(hello.first().filePath.isEmpty()); // small: in the database
        const QStringList lines = storedLines(hello.first());
        QVERIFY2(lines.contains(s("o:hello world")), qPrintable(lines.join(u'\n')));
        QVERIFY2(lines.contains(s("e:oops")), qPrintable(lines.join(u'\n')));

        const QList<StoredLogRef> flaky = history.logs(snapshot->runId, s("flaky"));
        QCOMPARE(flaky.size(), 2);
        QVERIFY(storedLines(flaky.at(0)).filter(s("attempt 1 failed")).size() == 1);
        QCOMPARE(history.logs(snapshot->runId, s("flaky"), 2).size(), 1);
    }

    // A log larger than what the database row keeps moves to a file of its own, whole.
    void largeLogMovesToAFile()
    {
        RunHarness harness;
        harness.databasePath = m_db;
        const auto snapshot = harness.run(R"(pipeline:
  id: big
  stages:
    - stage:
        id: s
        steps:
          - step: {id: talk, type: Shell, spec: {command: "seq 1 20000; echo done >&2"}}
)");
        QVERIFY(snapshot);
        RunHistory history;
        QVERIFY(!history.open(m_db));
        const QList<StoredLogRef> logs = history.logs(snapshot->runId, s("talk"));
        QCOMPARE(logs.size(), 1);
        QVERIFY(!logs.first().filePath.isEmpty());
        QVERIFY(QFile::exists(logs.first().filePath));
        QVERIFY(logs.first().filePath.startsWith(RunDatabase::logsDirectoryFor(m_db)));
        const QStringList lines = storedLines(logs.first());
        QCOMPARE(lines.filter(QRegularExpression(s("^o:"))).size(), 20000);
        QCOMPARE(lines.first(), s("o:1"));
        QVERIFY(lines.contains(s("o:20000")));
        QVERIFY(lines.contains(s("e:done")));
        QCOMPARE(logs.first().lines, qint64(lines.size()));
    }

    // Secrets never reach the database or the log files: not in output, not in inputs, not
    // line by line for a secret of several lines.
    void secretsMasked()
    {
        RunHarness harness;
        harness.databasePath = m_db;
        harness.secrets = {{s("TOKEN"), s("s3cr3t-value")},
                           {s("KEY"), s("-----BEGIN KEY-----\nAAAABBBBCCCC\nDDDDEEEEFFFF\n-----END KEY-----")}};
        harness.inputs = {{s("echo"), s("s3cr3t-value")}};
        // (Not a raw string: moc misreads the quotes inside one.)
        const auto snapshot = harness.run("pipeline:\n"
                                          "  id: sec\n"
                                          "  inputs: [{id: echo}]\n"
                                          "  secrets: [TOKEN, KEY]\n"
                                          "  stages:\n"
                                          "    - stage:\n"
                                          "        id: s\n"
                                          "        steps:\n"
                                          "          - step:\n"
                                          "              id: leak\n"
                                          "              type: Shell\n"
                                          "              spec:\n"
                                          "                command: |\n"
                                          "                  echo token=$TOKEN\n"
                                          "                  cat <<EOF\n"
                                          "                  $KEY\n"
                                          "                  EOF\n"
                                          "                  echo out=$TOKEN >> $PW_OUTPUT\n");
        QVERIFY(snapshot);
        RunHistory history;
        QVERIFY(!history.open(m_db));
        const auto stored = history.run(snapshot->runId);
        QVERIFY(stored);
        const QByteArray report = runReportText(stored->snapshot);
        QVERIFY2(!report.contains("s3cr3t"), report.constData());
        QVERIFY(report.contains("\"out\": \"***\""));
        const QStringList lines = storedLines(history.logs(snapshot->runId, s("leak")).first());
        const QString all = lines.join(u'\n');
        QVERIFY2(!all.contains(s("s3cr3t")) && !all.contains(s("AAAABBBB")) && !all.contains(s("DDDDEEEE")),
                 qPrintable(all));
        QVERIFY2(lines.contains(s("o:token=***")), qPrintable(all));
        // And nothing in the database file itself.
        QFile file(m_db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("s3cr3t"));
    }

    // A database of schema version 1 (before external ids, rehearsals and decided_user)
    // opens, migrates to the current version, and keeps its runs.
    void migratesFromVersion1()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(s("QSQLITE"), s("v1"));
            db.setDatabaseName(m_db);
            QVERIFY(db.open());
            QVERIFY(!StoreSchema::migrateTo(db, 1));
            QSqlQuery query(db);
            QVERIFY(query.prepare(s("INSERT INTO runs (run_id, pipeline_id, pipeline_text, status, started_at, "
                                    "ended_at, node_plan) VALUES ('20260101-000000-0001', 'old', 'pipeline: {}', "
                                    "'Succeeded', 1000, 2000, ?)")));
            query.addBindValue(QByteArray("a\tstep\ts\ts\tmain\tEcho\n"));
            QVERIFY(query.exec());
            QVERIFY(query.exec(s("INSERT INTO nodes (rid, seq, node_id, kind, status, attempts) "
                                 "VALUES (1, 0, 'a', 'step', 'Succeeded', 1)")));
            QVERIFY(query.exec(s("INSERT INTO attempts (rid, seq, node_id, attempt, started_at, ended_at, outcome, "
                                 "log, log_lines) VALUES (1, 0, 'a', 1, 1000, 1500, 'Succeeded', 'o0\thi\n', 1)")));
            QVERIFY(query.exec(s("PRAGMA user_version")) && query.next());
            QCOMPARE(query.value(0).toInt(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(s("v1"));

        RunHistory history;
        QVERIFY(!history.open(m_db));
        QSqlQuery query(history.database().db());
        QVERIFY(query.exec(s("PRAGMA user_version")) && query.next());
        QCOMPARE(query.value(0).toInt(), StoreSchema::kCurrentVersion);
        query.finish(); // an open statement would keep this connection on its old snapshot
        const auto stored = history.run(s("20260101-000000-0001"));
        QVERIFY(stored);
        QCOMPARE(toString(stored->summary.status), s("Succeeded"));
        QVERIFY(!stored->summary.rehearsal);
        QCOMPARE(stored->attempts.size(), 1);
        QVERIFY(stored->attempts.first().externalId.isEmpty());
        QCOMPARE(statuses(stored->snapshot), QStringList{s("a=Succeeded")});
        QCOMPARE(stored->snapshot.nodes.first().stage, s("s"));
        QCOMPARE(storedLines(history.logs(s("20260101-000000-0001"), s("a")).value(0)), QStringList{s("o:hi")});
        // And a new run goes into the migrated database.
        RunHarness harness;
        harness.databasePath = m_db;
        QVERIFY(harness.run("pipeline: {id: p, stages: [{stage: {id: s, steps: [{step: {id: e, type: Echo, spec: {message: hi}}}]}}]}"));
        QCOMPARE(history.runs().size(), 2);
    }

    // What is not a run database of ours is refused with a clear message and left as it is.
    void refusesAndLeavesAlone_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("text file") << QByteArray("just some notes\n") << s("not a SQLite database");
        QByteArray damaged("SQLite format 3", 16);
        damaged += QByteArray(4096, '\xff');
        QTest::newRow("damaged header") << damaged << s("damaged");
        QByteArray truncated("SQLite format 3", 16);
        truncated += QByteArray("\x10\x00", 2) + QByteArray(100, '\0'); // 4 KiB pages, 118 bytes
        QTest::newRow("cut short") << truncated << s("damaged");
    }
    void refusesAndLeavesAlone()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QFile file(m_db);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        const QByteArray before = fileHash(m_db);
        RunHistory history;
        const auto error = history.open(m_db);
        QVERIFY(error);
        QVERIFY2(error->contains(message), qPrintable(*error));
        QVERIFY2(error->contains(m_db), qPrintable(*error));
        // A run with the engine on it does not overwrite it either.
        RunHarness harness;
        harness.databasePath = m_db;
        QVERIFY(harness.run("pipeline: {id: p, stages: [{stage: {id: s, steps: [{step: {id: e, type: Echo, spec: {message: hi}}}]}}]}"));
        QCOMPARE(fileHash(m_db), before);
    }

    void refusesOtherProgramsAndNewerVersions()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(s("QSQLITE"), s("other"));
            db.setDatabaseName(m_db);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(s("CREATE TABLE contacts (name TEXT)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(s("other"));
        RunHistory history;
        auto error = history.open(m_db);
        QVERIFY(error && error->contains(s("another program")));

        QFile::remove(m_db);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(s("QSQLITE"), s("newer"));
            db.setDatabaseName(m_db);
            QVERIFY(db.open());
            QVERIFY(!StoreSchema::migrateTo(db, StoreSchema::kCurrentVersion));
            QVERIFY(QSqlQuery(db).exec(s("PRAGMA user_version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(s("newer"));
        const QByteArray before = fileHash(m_db);
        RunHistory newer;
        error = newer.open(m_db);
        QVERIFY(error && error->contains(s("newer Pipewright")));
        QCOMPARE(fileHash(m_db), before);
    }

    void unusablePaths()
    {
        QDir().mkpath(m_db); // a directory where the database should be
        RunHistory history;
        auto error = history.open(m_db);
        QVERIFY(error && error->contains(s("is a directory")));
        QDir(m_db).removeRecursively();
        const QString underAFile = m_dir.filePath(s("plain.txt"));
        QFile file(underAFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        error = history.open(underAFile + s("/runs.sqlite"));
        QVERIFY2(error && error->contains(s("cannot create the folder")), qPrintable(error.value_or(QString())));
    }

    void unreadableDatabase()
    {
        if (::geteuid() == 0)
            QSKIP("root reads every file: permissions cannot be tested as root");
        QFile file(m_db);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::WriteOwner));
        RunHistory history;
        const auto error = history.open(m_db);
        QVERIFY(error && error->contains(s("cannot read")));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    // Another program holding the write lock: we wait for it, then either go on or say so.
    void lockedDatabase()
    {
        RunHistory first;
        QVERIFY(!first.open(m_db));
        QSqlQuery lock(first.database().db());
        QVERIFY(lock.exec(s("BEGIN EXCLUSIVE")));
        QSqlQuery write(first.database().db());
        QVERIFY(write.exec(s("INSERT INTO runs (run_id, pipeline_id, pipeline_text, status, started_at) "
                             "VALUES ('x', 'p', '', 'Succeeded', 0)")));

        RunDatabase second;
        QVERIFY(!second.open(m_db, 300)); // readers are not blocked by a writer (WAL)
        QSqlQuery blocked(second.db());
        QVERIFY(!blocked.exec(s("BEGIN IMMEDIATE")));
        QVERIFY2(second.describe(s("writing"), blocked).contains(s("locked by another program")),
                 qPrintable(second.describe(s("writing"), blocked)));
        QVERIFY(lock.exec(s("COMMIT")));
        QVERIFY(blocked.exec(s("BEGIN IMMEDIATE")));
        QVERIFY(blocked.exec(s("COMMIT")));
    }

    // A reader sees a run while it is going: Running, with the logs written so far, even a
    // line printed when nothing else happens in the run (the step prints after the store has
    // written the attempt's start, then sleeps).
    void readerWhileRunning()
    {
        RunHarness harness;
        harness.databasePath = m_db;
        bool sawRunning = false;
        QStringList seenLines;
        harness.onEvent = [&](Engine &, const QString &runId, const RunEvent &event) {
            if (event.node != QLatin1String("slow") || event.event != QLatin1String("attemptStarted"))
                return;
            // Read the database meanwhile, until the step's first line is there.
            RunHistory reader;
            QVERIFY(!reader.open(m_db));
            (void)QTest::qWaitFor([&] { // seen or not, the checks after the run say
                sawRunning = reader.statusOf(runId) == RunStatus::Running;
                const QList<StoredLogRef> logs = reader.logs(runId, s("slow"));
                seenLines = logs.isEmpty() ? QStringList() : storedLines(logs.first());
                return seenLines.contains(s("o:early"));
            }, 2500);
        };
        const auto snapshot = harness.run(R"(pipeline:
  id: live
  stages:
    - stage:
        id: s
        steps:
          - step: {id: slow, type: Shell, spec: {command: "sleep 0.3; echo early; sleep 3; echo late"}}
)");
        QVERIFY(snapshot);
        QVERIFY(sawRunning);
        QVERIFY2(seenLines.contains(s("o:early")), qPrintable(seenLines.join(u'\n')));
        QVERIFY(!seenLines.contains(s("o:late")));
    }

    // A reader that takes no lines costs no memory: the feed holds a batch, counts the rest and
    // says how many it left out, in order; the stored log keeps every line.
    void liveFeedIsBounded()
    {
        RunHarness harness;
        harness.databasePath = m_db;
        harness.acknowledgeLines = false; // a reader that has fallen behind, for the whole run
        const auto snapshot = harness.run(R"(pipeline:
  id: flood
  stages:
    - stage:
        id: s
        steps:
          - step: {id: loud, type: Shell, spec: {command: "seq 1 200000"}}
)");
        QVERIFY(snapshot);
        qint64 shown = 0;
        qint64 skipped = 0;
        for (const LogLine &line : std::as_const(harness.logLines)) {
            if (line.node != QLatin1String("loud") || line.stream == LogLine::Stream::Engine)
                continue;
            if (line.skipped > 0)
                skipped += line.skipped;
            else
                ++shown;
        }
        QVERIFY2(shown <= RunRecorder::kLiveLinesPerBatch * (RunRecorder::kLiveWindow + 1),
                 qPrintable(QString::number(shown)));
        QCOMPARE(shown + skipped, 200000);
        RunHistory history;
        QVERIFY(!history.open(m_db));
        QCOMPARE(history.logs(snapshot->runId, s("loud")).first().lines, 200000);
    }

    // A new database gives deleted runs' pages back; delete removes rows and log files.
    void deleteRemovesEverything()
    {
        RunHarness harness;
        harness.databasePath = m_db;
        const auto first = harness.run(R"(pipeline:
  id: big
  stages:
    - stage:
        id: s
        steps:
          - step: {id: talk, type: Shell, spec: {command: "seq 1 20000"}}
)");
        QVERIFY(first);
        RunHistory history;
        QVERIFY(!history.open(m_db));
        const QString file = history.logs(first->runId, s("talk")).first().filePath;
        QVERIFY(QFile::exists(file));
        QSqlQuery query(history.database().db());
        QVERIFY(query.exec(s("PRAGMA auto_vacuum")) && query.next());
        QCOMPARE(query.value(0).toInt(), 2); // incremental
        const RunHistory::Removal removal = history.remove({first->runId});
        QCOMPARE(removal.removed, QStringList{first->runId});
        QVERIFY(removal.freedBytes > 100000);
        QVERIFY(!QFile::exists(file));
        QVERIFY(history.runs().isEmpty());
        for (const char *table : {"nodes", "attempts", "events", "interventions", "runs"}) {
            QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))) && query.next());
            QCOMPARE(query.value(0).toInt(), 0);
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_run_store.moc"
