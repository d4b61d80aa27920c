// `pipewright rehearse` and `pipewright explain` as a user runs them (cli.md, semantics.md
// "Rehearsal"): the story in virtual time, the report and the store, the failure-coverage
// table of the examples against tables written by hand, and the explanation of every level of
// the strategy precedence.
#include "PipewrightProcess.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pwtest;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString example(const char *name)
{
    return QStringLiteral(PW_EXAMPLES_DIR "/") + QString::fromUtf8(name);
}

// The scenario of the issue: a deploy that times out, is retried twice (5s, then 10s) by
// its own strategy, and then rolls its stage back.
const char *const kDeploy = R"(
pipeline:
  id: release
  stages:
    - stage:
        id: release
        steps:
          - step:
              id: build
              type: Shell
              spec:
                command: make
          - step:
              id: deploy
              type: Shell
              spec:
                command: ./deploy.sh {{ steps.build.outputs.version }}
              failureStrategies:
                - onFailure:
                    errors: [Timeout]
                    action:
                      type: Retry
                      spec:
                        retryCount: 2
                        retryIntervals: [5s, 10s]
                        onRetryFailure:
                          action:
                            type: StageRollback
          - step:
              id: announce
              type: Echo
              spec:
                message: released {{ steps.build.outputs.version }}
        rollbackSteps:
          - step:
              id: undo_deploy
              type: Shell
              spec:
                command: ./undo.sh
)";

// One strategy at every level, so that explain can name each of them.
const char *const kLevels = R"(
pipeline:
  id: levels
  failureStrategies:
    - onFailure:
        errors: [PolicyEvaluationFailure]
        action:
          type: Abort
  stages:
    - stage:
        id: deploy
        failureStrategies:
          - onFailure:
              errors: [Authentication, Authorization]
              action:
                type: Abort
          - onFailure:
              errors: [Connectivity]
              action:
                type: ManualIntervention
                spec:
                  timeout: 1h
                  onTimeout:
                    action:
                      type: StageRollback
        steps:
          - stepGroup:
              id: integration_tests
              failureStrategies:
                - onFailure:
                    errors: [Verification]
                    action:
                      type: RetryStepGroup
                      spec:
                        retryCount: 1
                        retryIntervals: [30s]
              steps:
                - step:
                    id: itest
                    type: Shell
                    spec:
                      command: ./itest.sh
                    retry:
                      type: exponential
                      maxAttempts: 4
                      interval: 1s
                      onErrors: [Timeout]
                    failureStrategies:
                      - onFailure:
                          errors: [Timeout]
                          action:
                            type: Retry
                            spec:
                              retryCount: 2
                              retryIntervals: [5s]
                              onRetryFailure:
                                action:
                                  type: StageRollback
          - step:
              id: guarded
              type: Shell
              spec:
                command: ./risky.sh
              catch: failure_info
)";

} // namespace

class TestCliRehearse : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void tellsTheStoryInVirtualTime();
    void reportAndStoreMarkTheRehearsal();
    void givenOutputsReachLaterSteps();
    void answersInterventionsAsTold();
    void refusesBadArguments_data();
    void refusesBadArguments();
    void allFailuresOfTheExamples_data();
    void allFailuresOfTheExamples();
    void allFailuresTableForPeople();
    void explainNamesEveryLevel();
    void explainJson();

private:
    Result run(const QStringList &arguments, int timeoutMs = 60000)
    {
        return runProgram(arguments, m_dir->path(), m_environment, timeoutMs);
    }
    QString write(const QString &name, const char *text)
    {
        const QString path = m_dir->filePath(name);
        writeFile(path, QByteArray(text));
        return path;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_environment;
};

void TestCliRehearse::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(s("XDG_DATA_HOME"), m_dir->filePath(s("data")));
    m_environment.insert(s("QT_QPA_PLATFORM"), s("offscreen"));
}

void TestCliRehearse::tellsTheStoryInVirtualTime()
{
    const QString file = write(s("deploy.yaml"), kDeploy);
    QElapsedTimer real;
    real.start();
    const Result result = run({s("rehearse"), file, s("--fail"), s("deploy=Timeout")});
    PW_CHECK_EXIT(result, 4); // RolledBack
    QVERIFY2(real.elapsed() < 10000, "15 s of retry delays were waited for real");
    // Spaces collapsed: the columns are aligned with padding that depends on the ids.
    const QString out = QString::fromUtf8(result.out).replace(QRegularExpression(s(" {2,}")), s(" "));
    const QStringList expected{
        s("+0s step release/deploy attempt 1 failed: Timeout"),
        s("+0s step release/deploy failure strategy: Retry (step entry 1)"),
        s("+0s step release/deploy retry in 5s (attempt 2)"),
        s("+5s step release/deploy attempt 2 started"),
        s("+5s step release/deploy attempt 2 failed: Timeout"),
        s("+5s step release/deploy retry in 10s (attempt 3)"),
        s("+15s step release/deploy attempt 3 failed: Timeout"),
        s("+15s step release/deploy retries used up: StageRollback"),
        s("+15s step release/deploy Failed (attempts 3)"),
        s("+15s step release/undo_deploy Succeeded (attempt 1)"),
        s("+15s step release/announce Skipped"),
        s("+15s stage release RolledBack"),
    };
    // In this order, each on its own line (leading spaces align the time column).
    qsizetype from = 0;
    for (const QString &line : expected) {
        const qsizetype at = out.indexOf(line, from);
        QVERIFY2(at >= 0, qPrintable(QStringLiteral("missing or out of order: %1\n%2").arg(line, out)));
        from = at + line.size();
    }
    QVERIFY2(out.contains(s("rehearsal ")) && out.contains(s("RolledBack after 15s of virtual time")), qPrintable(out));

    // Offsets below a second and beyond a minute, exact to the millisecond.
    const Result smoke = run({s("rehearse"), example("harness-deploy.yaml"), s("--fail"), s("smoke_test=Timeout"),
                              s("--output"), s("deploy_api.healthy=true")});
    PW_CHECK_EXIT(smoke, 1);
    const QString story = QString::fromUtf8(smoke.out).replace(QRegularExpression(s(" {2,}")), s(" "));
    QVERIFY2(story.contains(s("+500ms step deploy/smoke_test attempt 1 failed: Timeout"))
                 && story.contains(s("+600ms step deploy/smoke_test attempt 2 started"))
                 && story.contains(s("+700ms step deploy/smoke_test retries used up: MarkAsFailure")),
             qPrintable(story));
    QVERIFY2(out.contains(s("nothing is executed; times are virtual")), qPrintable(out));
}

void TestCliRehearse::reportAndStoreMarkTheRehearsal()
{
    const QString file = write(s("deploy.yaml"), kDeploy);
    const QString report = m_dir->filePath(s("report.json"));
    PW_CHECK_EXIT(run({s("rehearse"), file, s("--fail"), s("deploy=Timeout:1"), s("--report"), report, s("-q")}), 0);
    const QJsonObject json = QJsonDocument::fromJson(readFile(report)).object();
    QCOMPARE(json.value(s("rehearsal")).toBool(), true);
    QCOMPARE(json.value(s("status")).toString(), s("Succeeded"));
    const QJsonObject deploy = json.value(s("nodes")).toObject().value(s("deploy")).toObject();
    QCOMPARE(deploy.value(s("attempts")).toInt(), 2);
    // The report's times are the virtual ones: the 5 s retry delay, to the millisecond.
    const QDateTime started = QDateTime::fromString(json.value(s("startedAt")).toString(), Qt::ISODateWithMs);
    const QDateTime ended = QDateTime::fromString(json.value(s("endedAt")).toString(), Qt::ISODateWithMs);
    QCOMPARE(started.msecsTo(ended), 5000);

    const Result runs = run({s("runs"), s("--json")});
    PW_CHECK_EXIT(runs, 0);
    const QJsonArray list = runs.json().array();
    QCOMPARE(list.size(), 1);
    const QString runId = list.first().toObject().value(s("runId")).toString();
    QCOMPARE(runId, json.value(s("runId")).toString());
    const Result shown = run({s("show"), runId});
    QVERIFY2(shown.out.contains("rehearsal"), shown.describe().constData());
    const Result resumed = run({s("resume"), runId});
    PW_CHECK_EXIT(resumed, 2);
    QVERIFY2(resumed.err.contains("is a rehearsal"), resumed.describe().constData());

    // --no-store keeps nothing.
    PW_CHECK_EXIT(run({s("rehearse"), file, s("--no-store"), s("-q")}), 0);
    QCOMPARE(run({s("runs"), s("--json")}).json().array().size(), 1);
}

void TestCliRehearse::givenOutputsReachLaterSteps()
{
    const QString file = write(s("deploy.yaml"), kDeploy);
    const QString report = m_dir->filePath(s("report.json"));
    PW_CHECK_EXIT(run({s("rehearse"), file, s("--output"), s("build.version=1.4.2"), s("--report"), report, s("-q")}), 0);
    const QJsonObject nodes = QJsonDocument::fromJson(readFile(report)).object().value(s("nodes")).toObject();
    QCOMPARE(nodes.value(s("build")).toObject().value(s("outputs")).toObject().value(s("version")).toString(),
             s("1.4.2"));
    QCOMPARE(nodes.value(s("announce")).toObject().value(s("outputs")).toObject().value(s("message")).toString(),
             s("released 1.4.2"));
}

void TestCliRehearse::answersInterventionsAsTold()
{
    // approval.yaml: an approval gate. Rejected, its strategy decides; approved, the run goes on.
    const Result rejected = run({s("rehearse"), example("approval.yaml"), s("--on-approval"), s("reject"), s("-q")});
    const Result approved = run({s("rehearse"), example("approval.yaml"), s("--on-approval"), s("approve"), s("-q")});
    const Result waited = run({s("rehearse"), example("approval.yaml"), s("--on-approval"), s("wait")});
    QVERIFY2(approved.ranToEnd() && approved.out.contains("Succeeded"), approved.describe().constData());
    QVERIFY2(rejected.ranToEnd() && rejected.exitCode != 0, rejected.describe().constData());
    // Nobody answers: the 3s deadline passes in virtual time, at once.
    QVERIFY2(waited.ranToEnd() && waited.out.contains("+3s"), waited.describe().constData());
    // The engine answered: no decision of the command line's was refused as a duplicate.
    QVERIFY2(!rejected.err.contains("refused") && !approved.err.contains("refused"),
             QByteArray(rejected.err + approved.err).constData());
}

void TestCliRehearse::refusesBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown step") << QStringList{s("--fail"), s("nosuch=Timeout")} << s("no step 'nosuch'");
    QTest::newRow("a stage") << QStringList{s("--fail"), s("release=Timeout")} << s("no step 'release'");
    QTest::newRow("bad type") << QStringList{s("--fail"), s("deploy=Slow")} << s("'Slow' is not an error type");
    QTest::newRow("AllErrors") << QStringList{s("--fail"), s("deploy=AllErrors")} << s("is not an error type");
    QTest::newRow("zero attempts") << QStringList{s("--fail"), s("deploy=Timeout:0")} << s("at least 1");
    QTest::newRow("no type") << QStringList{s("--fail"), s("deploy")} << s("expected STEP=TYPE");
    QTest::newRow("twice") << QStringList{s("--fail"), s("deploy=Timeout"), s("--fail"), s("deploy=Unknown")}
                           << s("given twice");
    QTest::newRow("output of an Echo") << QStringList{s("--output"), s("announce.x=1")} << s("only Shell and Http");
    QTest::newRow("output without key") << QStringList{s("--output"), s("build=1")} << s("STEP.KEY=VALUE");
    QTest::newRow("json alone") << QStringList{s("--json")} << s("--json goes with --all-failures");
    QTest::newRow("all and fail") << QStringList{s("--all-failures"), s("--fail"), s("deploy=Timeout")}
                                  << s("leave out --fail");
}

void TestCliRehearse::refusesBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString file = write(s("deploy.yaml"), kDeploy);
    const Result result = run(QStringList{s("rehearse"), file} + arguments);
    PW_CHECK_EXIT(result, 2);
    QVERIFY2(QString::fromUtf8(result.err).contains(message), result.describe().constData());
    QCOMPARE(run({s("runs"), s("--json")}).json().array().size(), 0); // nothing ran, nothing stored
}

// Tables written by hand from reading the examples (and their comments).
// Row: step | error types (first of the group) | run status | handlers ran | never ran.
void TestCliRehearse::allFailuresOfTheExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QStringList>("rows");
    // Metaflow: the flaky call's automatic retry covers any error; the risky step's catch
    // absorbs any error (its Verify still sees an Unknown caught, the first type rehearsed).
    QTest::newRow("metaflow-retry-catch")
        << example("metaflow-retry-catch.yaml") << QStringList()
        << QStringList{
               s("hello | any | Failed | - | api_call,risky_logic,summarize,check_caught,done"),
               s("api_call | any | Failed | - | risky_logic,summarize,check_caught,done"),
               s("risky_logic | any | Succeeded | - | -"),
               s("summarize | any | Failed | - | check_caught,done"),
               s("check_caught | any | Failed | - | done"),
               s("done | any | Failed | - | -"),
           };
    // Harness: with a healthy API (the simulated deploy gives healthy=true) the run succeeds;
    // each failure below is handled by the level the example's comments describe.
    QTest::newRow("harness-deploy")
        << example("harness-deploy.yaml") << QStringList{s("--output"), s("deploy_api.healthy=true")}
        << QStringList{
               // Abort: nothing new starts, not even notify (when: All) - only a pipeline error handler would.
               s("checkout | Unknown | Aborted | - | compile,unit_tests,lint,start_test_db,run_itests,provision,deploy_api,deploy_worker,smoke_test,announce_deploy,promote_to_prod,notify_team"),
               s("checkout | Timeout | Aborted | - | compile,unit_tests,lint,start_test_db,run_itests,provision,deploy_api,deploy_worker,smoke_test,announce_deploy,promote_to_prod,notify_team"),
               s("lint | Unknown | Succeeded | - | -"),
               s("run_itests | any | RolledBack | stop_test_db | provision,deploy_api,deploy_worker,smoke_test,announce_deploy,promote_to_prod"),
               s("provision | Unknown | RolledBack | rollback_api,rollback_worker | deploy_api,deploy_worker,smoke_test,announce_deploy,promote_to_prod"),
               s("provision | Connectivity | Failed | - | deploy_api,deploy_worker,smoke_test,announce_deploy,promote_to_prod"),
               s("provision | Authentication | Aborted | - | deploy_api,deploy_worker,smoke_test,announce_deploy,promote_to_prod,notify_team"),
               s("smoke_test | Unknown | RolledBack | rollback_api,rollback_worker | announce_deploy,promote_to_prod"),
               s("smoke_test | Timeout | Failed | - | announce_deploy,promote_to_prod"),
               s("promote_to_prod | any | Failed | - | -"),
               s("notify_team | any | Failed | - | -"),
           };
}

void TestCliRehearse::allFailuresOfTheExamples()
{
    QFETCH(QString, file);
    QFETCH(QStringList, extra);
    QFETCH(QStringList, rows);
    const Result result = run(QStringList{s("rehearse"), file, s("--all-failures"), s("--json")} + extra);
    PW_CHECK_EXIT(result, 0);
    const QJsonArray table = result.json().array();
    QVERIFY2(!table.isEmpty(), result.describe().constData());
    QStringList got;
    for (const QJsonValue &value : table) {
        const QJsonObject row = value.toObject();
        const QJsonArray types = row.value(s("errorTypes")).toArray();
        const auto names = [&](const char *key) {
            QStringList list;
            for (const QJsonValue &name : row.value(QString::fromUtf8(key)).toArray())
                list << name.toString();
            return list.isEmpty() ? s("-") : list.join(u',');
        };
        got << QStringLiteral("%1 | %2 | %3 | %4 | %5")
                   .arg(row.value(s("step")).toString(),
                        types.size() == 11 ? s("any") : types.first().toString(),
                        row.value(s("status")).toString(), names("handlersRan"), names("neverRan"));
    }
    for (const QString &row : rows)
        QVERIFY2(got.contains(row), qPrintable(QStringLiteral("expected row: %1\ngot:\n%2").arg(row, got.join(u'\n'))));
}

void TestCliRehearse::allFailuresTableForPeople()
{
    const Result result = run({s("rehearse"), example("harness-deploy.yaml"), s("--all-failures")});
    PW_CHECK_EXIT(result, 0);
    const QString out = QString::fromUtf8(result.out);
    QVERIFY2(out.startsWith(s("STEP")) && out.contains(s("HANDLING")) && out.contains(s("NEVER RAN")), qPrintable(out));
    QVERIFY2(out.contains(s("group 'prepare_env' entry 1: Retry 2x (100ms, 200ms), then MarkAsFailure")), qPrintable(out));
    // A rollback step fails only once something else failed: its row says it was not reached.
    QVERIFY2(out.contains(s("not reached (stop_test_db did not run)")), qPrintable(out));
    QVERIFY2(result.err.contains("nothing was executed"), result.describe().constData());
    QCOMPARE(run({s("runs"), s("--json")}).json().array().size(), 0); // coverage is not stored
}

void TestCliRehearse::explainNamesEveryLevel()
{
    const QString file = write(s("levels.yaml"), kLevels);
    const Result result = run({s("explain"), file});
    PW_CHECK_EXIT(result, 0);
    const QString out = QString::fromUtf8(result.out);
    const QStringList expected{
        // step: automatic retry first (exponential 1s, 2s, 4s), then the step's own Retry.
        s("  Timeout: retry 3x (1s, 2s, 4s), then step entry 1: Retry 2x (5s, 5s), then StageRollback"),
        // group
        s("  Verification: group 'integration_tests' entry 1: RetryStepGroup 1x (30s), then MarkAsFailure"),
        // stage, entries 1 and 2
        s("  Authentication, Authorization: stage 'deploy' entry 1: Abort"),
        s("  Connectivity: stage 'deploy' entry 2: ManualIntervention (no decision within 1h: StageRollback)"),
        // pipeline
        s("  PolicyEvaluationFailure: pipeline entry 1: Abort"),
        // nothing matches
        s(": default: MarkAsFailure"),
        // catch
        s("  any error: catch into vars.failure_info (IgnoredFailure, the run goes on)"),
    };
    for (const QString &line : expected)
        QVERIFY2(out.contains(line), qPrintable(QStringLiteral("missing: %1\n%2").arg(line, out)));
    // One step only.
    const Result one = run({s("explain"), file, s("guarded")});
    PW_CHECK_EXIT(one, 0);
    QVERIFY2(one.out.startsWith("guarded (Shell step in stage deploy)") && !one.out.contains("itest"),
             one.describe().constData());
    PW_CHECK_EXIT(run({s("explain"), file, s("nosuch")}), 2);
    // A file with errors explains nothing.
    const QString broken = write(s("broken.yaml"), "pipeline:\n  id: x\n  stages: 3\n");
    const Result refused = run({s("explain"), broken});
    PW_CHECK_EXIT(refused, 2);
    QVERIFY2(refused.err.contains("broken.yaml:3:"), refused.describe().constData());
}

void TestCliRehearse::explainJson()
{
    const QString file = write(s("levels.yaml"), kLevels);
    const Result result = run({s("explain"), file, s("itest"), s("--json")});
    PW_CHECK_EXIT(result, 0);
    const QJsonArray steps = result.json().array();
    QCOMPARE(steps.size(), 1);
    const QJsonObject step = steps.first().toObject();
    QCOMPARE(step.value(s("step")).toString(), s("itest"));
    QCOMPARE(step.value(s("stage")).toString(), s("deploy"));
    const QJsonArray errors = step.value(s("errors")).toArray();
    QCOMPARE(errors.size(), 11); // every error type
    QHash<QString, QJsonObject> byType;
    for (const QJsonValue &value : errors)
        byType.insert(value.toObject().value(s("errorType")).toString(), value.toObject());
    const QJsonObject timeout = byType.value(s("Timeout"));
    QCOMPARE(timeout.value(s("automaticRetry")).toString(), s("retry 3x (1s, 2s, 4s)"));
    QCOMPARE(timeout.value(s("strategy")).toObject().value(s("level")).toString(), s("step"));
    QCOMPARE(timeout.value(s("strategy")).toObject().value(s("entry")).toInt(), 1);
    const QJsonObject connectivity = byType.value(s("Connectivity"));
    QCOMPARE(connectivity.value(s("strategy")).toObject().value(s("level")).toString(), s("stage"));
    QCOMPARE(connectivity.value(s("strategy")).toObject().value(s("owner")).toString(), s("deploy"));
    QCOMPARE(connectivity.value(s("strategy")).toObject().value(s("entry")).toInt(), 2);
    QCOMPARE(connectivity.value(s("waitsForPerson")).toBool(), true);
    QVERIFY(byType.value(s("Unknown")).value(s("strategy")).isNull());
    QCOMPARE(byType.value(s("Unknown")).value(s("automaticRetry")).isNull(), true);
}

QTEST_GUILESS_MAIN(TestCliRehearse)
#include "tst_cli_rehearse.moc"
