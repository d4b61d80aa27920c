// `pipewright run` as a real process (cli.md): exit codes, the JSON report, answer modes for
// interventions and approvals, inputs and secrets, Ctrl+C, and every example pipeline with
// the outcome its comments promise. Stdin is a pipe here, so the answer modes default to wait.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

constexpr int kTimeoutMs = 60000;

QString binary()
{
    return QStringLiteral(PW_BINARY);
}
QString examplesDir()
{
    return QStringLiteral(PW_EXAMPLES_DIR);
}

QStringList lines(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes);
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text.isEmpty() ? QStringList() : text.split(u'\n');
}

struct Result
{
    bool finished = false;
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject report; // when a report was asked for and could be read

    bool ranToEnd() const { return finished && status == QProcess::NormalExit; }
    QByteArray describe() const
    {
        return "exit code " + QByteArray::number(exitCode) + (finished ? "" : " (timed out)")
               + (status == QProcess::CrashExit ? " (crashed)" : "") + "\n--- stdout:\n" + out
               + "--- stderr:\n" + err;
    }
};

QProcessEnvironment baseEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return environment;
}

QJsonObject readReport(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void collect(QProcess &process, Result &result, const QString &reportPath)
{
    result.status = process.exitStatus();
    result.exitCode = result.finished ? process.exitCode() : -1;
    result.out += process.readAllStandardOutput();
    result.err += process.readAllStandardError();
    if (!reportPath.isEmpty())
        result.report = readReport(reportPath);
}

// Runs `pipewright run` with `arguments` in `workingDir`; with `reportPath`, reads the report.
Result runPipewright(const QStringList &arguments, const QString &workingDir,
                     const QString &reportPath = {},
                     const QProcessEnvironment &environment = baseEnvironment())
{
    Result result;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workingDir);
    process.start(binary(), QStringList{QStringLiteral("run")} + arguments
                                + (reportPath.isEmpty()
                                       ? QStringList()
                                       : QStringList{QStringLiteral("--report"), reportPath}));
    if (!process.waitForStarted(kTimeoutMs))
        return result;
    result.finished = process.waitForFinished(kTimeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(kTimeoutMs);
    }
    collect(process, result, reportPath);
    return result;
}

// The report's events of one node as "event#attempt" / "ended=Status" / "decided=X/by".
QStringList trail(const QJsonObject &report, const QString &node)
{
    QStringList entries;
    for (const QJsonValue &value : report.value(QStringLiteral("events")).toArray()) {
        const QJsonObject event = value.toObject();
        if (event.value(QStringLiteral("node")).toString() != node)
            continue;
        QString entry = event.value(QStringLiteral("event")).toString();
        if (event.contains(QStringLiteral("attempt")))
            entry += u'#' + QString::number(event.value(QStringLiteral("attempt")).toInt());
        if (event.contains(QStringLiteral("status")))
            entry += u'=' + event.value(QStringLiteral("status")).toString();
        if (event.contains(QStringLiteral("decision")))
            entry += u'=' + event.value(QStringLiteral("decision")).toString() + u'/'
                     + event.value(QStringLiteral("by")).toString();
        entries << entry;
    }
    return entries;
}

QJsonObject node(const QJsonObject &report, const QString &id)
{
    return report.value(QStringLiteral("nodes")).toObject().value(id).toObject();
}

QString nodeStatus(const QJsonObject &report, const QString &id)
{
    return node(report, id).value(QStringLiteral("status")).toString();
}

// "decision/by" of every intervention of the report, in order.
QStringList decisions(const QJsonObject &report)
{
    QStringList list;
    for (const QJsonValue &value : report.value(QStringLiteral("interventions")).toArray()) {
        const QJsonObject record = value.toObject();
        list << record.value(QStringLiteral("decision")).toString() + u'/'
                    + record.value(QStringLiteral("by")).toString();
    }
    return list;
}

// A pipeline with one stage `s` holding `steps` (YAML, indented for `steps:`), plus `extra`
// at pipeline level.
QByteArray oneStage(const QByteArray &steps, const QByteArray &extra = {})
{
    return "pipeline:\n  id: p\n" + extra
           + "  stages:\n    - stage:\n        id: s\n        steps:\n" + steps;
}

// A step that always fails, asking for a manual intervention that times out after `timeout`.
QByteArray failingWithIntervention(const QByteArray &timeout, const QByteArray &onTimeout)
{
    QByteArray yaml = "          - step:\n"
                      "              id: flaky\n"
                      "              type: Fail\n"
                      "              spec: {message: broken}\n"
                      "              failureStrategies:\n"
                      "                - onFailure:\n"
                      "                    errors: [AllErrors]\n"
                      "                    action:\n"
                      "                      type: ManualIntervention\n"
                      "                      spec:\n"
                      "                        timeout: TIMEOUT\n"
                      "                        onTimeout:\n"
                      "                          action: {type: ON_TIMEOUT}\n";
    return yaml.replace("ON_TIMEOUT", onTimeout).replace("TIMEOUT", timeout);
}

QByteArray approvalStep(const QByteArray &timeout)
{
    QByteArray yaml = "          - step:\n"
                      "              id: gate\n"
                      "              type: Approval\n"
                      "              spec: {message: \"Ship it?\", approvers: release-managers}\n"
                      "              timeout: TIMEOUT\n"
                      "          - step: {id: after, type: Echo, spec: {message: shipped}}\n";
    return yaml.replace("TIMEOUT", timeout);
}

// The `# expect:` and `# expect-node:` lines of an example.
struct Expectation
{
    QString status;
    int exitCode = -1;
    QString onIntervention;
    QString onApproval;
    struct NodeExpectation
    {
        QString id;
        QString status;
        int attempts = -1; // -1: not given
    };
    QList<NodeExpectation> nodes;
};

QMap<QString, QString> keyValues(const QString &text)
{
    QMap<QString, QString> map;
    for (const QString &pair : text.split(u' ', Qt::SkipEmptyParts))
        map.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    return map;
}

Expectation readExpectation(const QString &path)
{
    Expectation expectation;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return expectation;
    for (const QString &line : lines(file.readAll())) {
        if (line.startsWith(QLatin1String("# expect: "))) {
            const auto values = keyValues(line.mid(10));
            expectation.status = values.value(QStringLiteral("status"));
            expectation.exitCode =
                values.value(QStringLiteral("exit"), QStringLiteral("-1")).toInt();
            expectation.onIntervention = values.value(QStringLiteral("on-intervention"));
            expectation.onApproval = values.value(QStringLiteral("on-approval"));
        } else if (line.startsWith(QLatin1String("# expect-node: "))) {
            const QString rest = line.mid(15);
            const auto values = keyValues(rest.section(u' ', 1));
            expectation.nodes.append(
                {rest.section(u' ', 0, 0), values.value(QStringLiteral("status")),
                 values.value(QStringLiteral("attempts"), QStringLiteral("-1")).toInt()});
        }
    }
    return expectation;
}

QByteArray exitMismatch(const Result &result, int expected)
{
    return QByteArray("expected exit code ") + QByteArray::number(expected) + ", got "
           + result.describe();
}

} // namespace

#define CHECK_RAN(result) QVERIFY2((result).ranToEnd(), (result).describe().constData())
#define CHECK_EXIT(result, code)                                                                   \
    do {                                                                                           \
        CHECK_RAN(result);                                                                         \
        QVERIFY2((result).exitCode == (code), exitMismatch((result), (code)).constData());         \
    } while (false)

class TestCliRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &yaml)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(yaml) != yaml.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    QString reportPath(const QString &name) const
    {
        return m_dir.filePath(name + QStringLiteral(".json"));
    }

    // Starts a run, waits until stdout shows `marker`, sends `signals` one by one (waiting
    // `pauseMs` in between) and returns how it ended.
    Result interrupt(const QString &file, const QString &report, const QByteArray &marker,
                     const QList<int> &signalNumbers, int pauseMs = 300);

private slots:
    void initTestCase();
    void help();
    void usageErrors_data();
    void usageErrors();
    void invalidPipeline();
    void exitCodes_data();
    void exitCodes();
    void reportHasNodesAndEventsInOrder();
    void progressLines();
    void quietPrintsOneLine();
    void maxParallelOverrides();
    void dbIsAcceptedAndIgnored();
    void interventionAnsweredAtOnce();
    void interventionWaitsForTimeout();
    void interventionRetryGivenThreeTimes();
    void interventionActionNotAllowedWaits();
    void approval_data();
    void approval();
    void inputs_data();
    void inputs();
    void typedInputsReachTheRun();
    void missingSecret();
    void secretNeverShown();
    void noShellInjectionThroughInputs();
    void interruptAbortsRunsHandler_data();
    void interruptAbortsRunsHandler();
    void secondInterruptStopsAtOnce();
    void examples_data();
    void examples();
    void exampleVariants_data();
    void exampleVariants();
};

void TestCliRun::initTestCase()
{
    QVERIFY2(QFileInfo(binary()).isExecutable(), qPrintable(binary()));
    QVERIFY(m_dir.isValid());
}

void TestCliRun::help()
{
    const Result result = runPipewright({QStringLiteral("--help")}, m_dir.path());
    CHECK_EXIT(result, 0);
    const QString text = QString::fromUtf8(result.out);
    for (const char *option : {"--input", "--report", "--on-intervention", "--on-approval",
                               "--max-parallel", "--quiet", "--db", "--no-store"})
        QVERIFY2(text.contains(QLatin1String(option)), option);
    QVERIFY2(text.contains(QLatin1String("XDG_DATA_HOME")),
             result.out.constData()); // --db says where runs go by default
}

void TestCliRun::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString file = QStringLiteral("ok.yaml");
    QTest::newRow("no file") << QStringList{} << QStringLiteral("no file given");
    QTest::newRow("two files") << QStringList{file, file} << QStringLiteral("one file at a time");
    QTest::newRow("unknown option")
        << QStringList{file, QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("max-parallel 0")
        << QStringList{file, QStringLiteral("--max-parallel"), QStringLiteral("0")}
        << QStringLiteral("--max-parallel");
    QTest::newRow("max-parallel abc")
        << QStringList{file, QStringLiteral("--max-parallel"), QStringLiteral("abc")}
        << QStringLiteral("--max-parallel");
    QTest::newRow("unknown decision")
        << QStringList{file, QStringLiteral("--on-intervention"), QStringLiteral("Retyr")}
        << QStringLiteral("'Retyr' is not wait, prompt or a decision");
    QTest::newRow("approval mode")
        << QStringList{file, QStringLiteral("--on-approval"), QStringLiteral("maybe")}
        << QStringLiteral("'maybe'");
    QTest::newRow("prompt without terminal")
        << QStringList{file, QStringLiteral("--on-intervention"), QStringLiteral("prompt")}
        << QStringLiteral("needs a terminal");
    QTest::newRow("report dir missing")
        << QStringList{file, QStringLiteral("--report"), QStringLiteral("no/such/dir/r.json")}
        << QStringLiteral("does not exist");
    QTest::newRow("report is a directory")
        << QStringList{file, QStringLiteral("--report"), QStringLiteral(".")}
        << QStringLiteral("is a directory");
    QTest::newRow("file missing") << QStringList{QStringLiteral("missing.yaml")}
                                  << QStringLiteral("missing.yaml");
}

void TestCliRun::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    write(QStringLiteral("ok.yaml"),
          oneStage("          - step: {id: a, type: Echo, spec: {message: hi}}\n"));
    const Result result = runPipewright(arguments, m_dir.path());
    CHECK_EXIT(result, 2);
    QVERIFY2(result.out.isEmpty(), result.describe().constData()); // nothing ran
    QVERIFY2(QString::fromUtf8(result.err).contains(message), result.describe().constData());
}

void TestCliRun::invalidPipeline()
{
    const QString file = write(QStringLiteral("bad.yaml"),
                               oneStage("          - step: {id: a, type: Ecko, spec: {}}\n"));
    const Result result = runPipewright({file}, m_dir.path(), reportPath(QStringLiteral("bad")));
    CHECK_EXIT(result, 2);
    QVERIFY2(result.out.isEmpty(), result.describe().constData());
    const QRegularExpression problem(u'^' + QRegularExpression::escape(file)
                                         + QStringLiteral(":\\d+:\\d+: .*Ecko"),
                                     QRegularExpression::MultilineOption);
    QVERIFY2(problem.match(QString::fromUtf8(result.err)).hasMatch(),
             result.describe().constData());
    QVERIFY(!QFileInfo::exists(reportPath(QStringLiteral("bad"))));
}

void TestCliRun::exitCodes_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("status");
    const QByteArray fail = "          - step:\n              id: a\n              type: Fail\n";
    const auto withAction = [&](const char *action) {
        return oneStage(
            fail
            + "              failureStrategies:\n                - onFailure:\n"
              "                    errors: [AllErrors]\n                    action: {type: "
            + QByteArray(action)
            + "}\n"
              "          - step: {id: b, type: Echo, spec: {message: later}}\n");
    };
    QTest::newRow("Succeeded") << oneStage(
        "          - step: {id: a, type: Echo, spec: {message: hi}}\n")
                               << 0 << QStringLiteral("Succeeded");
    QTest::newRow("Succeeded with warning")
        << withAction("Ignore") << 0 << QStringLiteral("Succeeded");
    QTest::newRow("Failed") << oneStage(fail) << 1 << QStringLiteral("Failed");
    QTest::newRow("Aborted") << withAction("Abort") << 3 << QStringLiteral("Aborted");
    QTest::newRow("RolledBack") << withAction("StageRollback") << 4 << QStringLiteral("RolledBack");
}

void TestCliRun::exitCodes()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, exitCode);
    QFETCH(QString, status);
    const QString file = write(QStringLiteral("codes.yaml"), yaml);
    const Result result = runPipewright({file}, m_dir.path(), reportPath(QStringLiteral("codes")));
    CHECK_EXIT(result, exitCode);
    QCOMPARE(result.report.value(QStringLiteral("status")).toString(), status);
}

void TestCliRun::reportHasNodesAndEventsInOrder()
{
    const QString file = write(
        QStringLiteral("retry.yaml"),
        oneStage(
            "          - step:\n"
            "              id: a\n"
            "              type: Fail\n"
            "              spec: {message: not yet, errorType: Connectivity, succeedOnAttempt: 2}\n"
            "              retry: {type: constant, interval: 100ms, maxAttempts: 3}\n"));
    const QString report = reportPath(QStringLiteral("retry"));
    const Result result = runPipewright({file}, m_dir.path(), report);
    CHECK_EXIT(result, 0);
    const QJsonObject &json = result.report;
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{8}-\\d{6}-[0-9a-f]{4}$"))
                 .match(json.value(QStringLiteral("runId")).toString())
                 .hasMatch(),
             result.describe().constData());
    QCOMPARE(json.value(QStringLiteral("pipeline")).toString(), QStringLiteral("p"));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(node(json, QStringLiteral("s")).value(QStringLiteral("kind")).toString(),
             QStringLiteral("stage"));
    QCOMPARE(node(json, QStringLiteral("s")).value(QStringLiteral("status")).toString(),
             QStringLiteral("Succeeded"));
    const QJsonObject step = node(json, QStringLiteral("a"));
    QCOMPARE(step.value(QStringLiteral("kind")).toString(), QStringLiteral("step"));
    QCOMPARE(step.value(QStringLiteral("status")).toString(), QStringLiteral("Succeeded"));
    QCOMPARE(step.value(QStringLiteral("attempts")).toInt(), 2);
    QCOMPARE(trail(json, QStringLiteral("a")),
             (QStringList{QStringLiteral("started"), QStringLiteral("attemptStarted#1"),
                          QStringLiteral("attemptFailed#1"), QStringLiteral("retryScheduled#2"),
                          QStringLiteral("attemptStarted#2"), QStringLiteral("ended=Succeeded")}));
    for (const QJsonValue &value : json.value(QStringLiteral("events")).toArray()) {
        const QJsonObject event = value.toObject();
        if (event.value(QStringLiteral("event")).toString() == QLatin1String("retryScheduled"))
            QCOMPARE(event.value(QStringLiteral("delayMs")).toInt(), 100);
        if (event.value(QStringLiteral("event")).toString() == QLatin1String("attemptFailed"))
            QCOMPARE(event.value(QStringLiteral("errorType")).toString(),
                     QStringLiteral("Connectivity"));
    }
    // The whole file is indented JSON, written in one piece.
    QFile raw(report);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(raw.readAll().startsWith("{\n    \""));
}

void TestCliRun::progressLines()
{
    const QString file =
        write(QStringLiteral("progress.yaml"),
              oneStage("          - step: {id: hello, type: Shell, spec: {command: echo hello from "
                       "the shell}}\n"
                       "          - step:\n"
                       "              id: flaky\n"
                       "              type: Fail\n"
                       "              spec: {message: wobbly, succeedOnAttempt: 2}\n"
                       "              retry: {type: constant, interval: 50ms, maxAttempts: 2}\n"));
    const QString report = reportPath(QStringLiteral("progress"));
    const Result result = runPipewright({file}, m_dir.path(), report);
    CHECK_EXIT(result, 0);
    const QString out = QString::fromUtf8(result.out);
    const auto has = [&](const QString &pattern) {
        return QRegularExpression(pattern, QRegularExpression::MultilineOption)
            .match(out)
            .hasMatch();
    };
    const QString at = QStringLiteral("^\\[ *\\d+\\.\\d{3}s\\] ");
    QVERIFY2(has(at + QStringLiteral("stage s +started$")), result.out.constData());
    QVERIFY2(has(at + QStringLiteral("step s/hello +started$")), result.out.constData());
    QVERIFY2(has(at + QStringLiteral(" +hello \\| hello from the shell$")), result.out.constData());
    QVERIFY2(has(at + QStringLiteral("step s/hello +Succeeded +\\(attempt 1\\)$")),
             result.out.constData());
    QVERIFY2(has(at + QStringLiteral("step s/flaky +attempt 1 failed: Unknown: wobbly$")),
             result.out.constData());
    QVERIFY2(has(at + QStringLiteral("step s/flaky +retry in 50ms \\(attempt 2\\)$")),
             result.out.constData());
    QVERIFY2(has(at + QStringLiteral("step s/flaky +Succeeded +\\(attempts 2\\)$")),
             result.out.constData());
    // The shell's output comes after its step started and before it ended.
    const QStringList all = lines(result.out);
    const auto indexOf = [&](const QString &pattern) { // QStringList::indexOf matches whole lines
        return all.indexOf(QRegularExpression(at + pattern + QStringLiteral(".*")));
    };
    QVERIFY(indexOf(QStringLiteral("step s/hello +started$"))
            < indexOf(QStringLiteral(" +hello \\| ")));
    QVERIFY(indexOf(QStringLiteral(" +hello \\| "))
            < indexOf(QStringLiteral("step s/hello +Succeeded")));
    QVERIFY2(QRegularExpression(
                 QStringLiteral("^run \\d{8}-\\d{6}-[0-9a-f]{4} Succeeded in \\S+ — report: ")
                 + QRegularExpression::escape(report) + u'$')
                 .match(all.last())
                 .hasMatch(),
             qPrintable(all.last()));
}

void TestCliRun::quietPrintsOneLine()
{
    const QString file =
        write(QStringLiteral("quiet.yaml"),
              oneStage("          - step: {id: a, type: Shell, spec: {command: echo noisy}}\n"
                       "          - step: {id: b, type: Echo, spec: {message: chatty}}\n"));
    const Result result = runPipewright({file, QStringLiteral("-q")}, m_dir.path());
    CHECK_EXIT(result, 0);
    const QStringList out = lines(result.out);
    QCOMPARE(out.size(), 1);
    QVERIFY2(out.first().startsWith(QLatin1String("run "))
                 && out.first().contains(QLatin1String(" Succeeded in ")),
             result.out.constData());
    QVERIFY2(result.err.isEmpty(), result.err.constData());
}

void TestCliRun::maxParallelOverrides()
{
    const QString file =
        write(QStringLiteral("parallel.yaml"),
              oneStage("          - parallel:\n"
                       "              - step: {id: a, type: Wait, spec: {duration: 200ms}}\n"
                       "              - step: {id: b, type: Wait, spec: {duration: 200ms}}\n",
                       "  maxParallel: 4\n"));
    const QString report = reportPath(QStringLiteral("parallel"));
    const Result result = runPipewright(
        {file, QStringLiteral("--max-parallel"), QStringLiteral("1")}, m_dir.path(), report);
    CHECK_EXIT(result, 0);
    // One slot: b starts only once a has ended.
    QStringList order;
    for (const QJsonValue &value : result.report.value(QStringLiteral("events")).toArray()) {
        const QJsonObject event = value.toObject();
        const QString name = event.value(QStringLiteral("event")).toString();
        if (name == QLatin1String("started") || name == QLatin1String("ended"))
            order << event.value(QStringLiteral("node")).toString() + u':' + name;
    }
    QVERIFY2(order.indexOf(QStringLiteral("a:ended")) < order.indexOf(QStringLiteral("b:started")),
             qPrintable(order.join(u' ')));
}

void TestCliRun::dbIsAcceptedAndIgnored()
{
    const QString file =
        write(QStringLiteral("db.yaml"),
              oneStage("          - step: {id: a, type: Echo, spec: {message: hi}}\n"));
    const Result result =
        runPipewright({file, QStringLiteral("--db"), m_dir.filePath(QStringLiteral("runs.sqlite"))},
                      m_dir.path());
    CHECK_EXIT(result, 0);
    QVERIFY2(result.err.isEmpty(), result.err.constData());
}

void TestCliRun::interventionAnsweredAtOnce()
{
    const QString file = write(QStringLiteral("answer.yaml"),
                               oneStage(failingWithIntervention("30s", "MarkAsFailure")));
    const Result result =
        runPipewright({file, QStringLiteral("--on-intervention"), QStringLiteral("MarkAsSuccess")},
                      m_dir.path(), reportPath(QStringLiteral("answer")));
    CHECK_EXIT(result, 0); // answered at once, long before the 30s deadline
    QCOMPARE(decisions(result.report), QStringList{QStringLiteral("MarkAsSuccess/cli")});
    QCOMPARE(nodeStatus(result.report, QStringLiteral("flaky")), QStringLiteral("Succeeded"));
    QCOMPARE(node(result.report, QStringLiteral("flaky")).value(QStringLiteral("warning")).toBool(),
             true);
    QVERIFY(trail(result.report, QStringLiteral("flaky"))
                .contains(QStringLiteral("decided=MarkAsSuccess/cli")));
}

void TestCliRun::interventionWaitsForTimeout()
{
    const QString file =
        write(QStringLiteral("wait.yaml"), oneStage(failingWithIntervention("300ms", "Ignore")));
    const Result result =
        runPipewright({file, QStringLiteral("--on-intervention"), QStringLiteral("wait")},
                      m_dir.path(), reportPath(QStringLiteral("wait")));
    CHECK_EXIT(result, 0);
    QCOMPARE(decisions(result.report), QStringList{QStringLiteral("Ignore/timeout")});
    QCOMPARE(nodeStatus(result.report, QStringLiteral("flaky")), QStringLiteral("IgnoredFailure"));
}

void TestCliRun::interventionRetryGivenThreeTimes()
{
    const QString file = write(QStringLiteral("retries.yaml"),
                               oneStage(failingWithIntervention("400ms", "MarkAsFailure")));
    const Result result =
        runPipewright({file, QStringLiteral("--on-intervention"), QStringLiteral("retry")},
                      m_dir.path(), reportPath(QStringLiteral("retries")));
    CHECK_EXIT(result, 1);
    QCOMPARE(decisions(result.report),
             (QStringList{QStringLiteral("Retry/cli"), QStringLiteral("Retry/cli"),
                          QStringLiteral("Retry/cli"), QStringLiteral("MarkAsFailure/timeout")}));
    QCOMPARE(node(result.report, QStringLiteral("flaky")).value(QStringLiteral("attempts")).toInt(),
             4);
    QVERIFY2(result.err.contains("Retry given 3 times"), result.describe().constData());
}

void TestCliRun::interventionActionNotAllowedWaits()
{
    // RetryStepGroup is offered only inside a step group.
    const QString file = write(QStringLiteral("notallowed.yaml"),
                               oneStage(failingWithIntervention("300ms", "Ignore")));
    const Result result =
        runPipewright({file, QStringLiteral("--on-intervention"), QStringLiteral("RetryStepGroup")},
                      m_dir.path(), reportPath(QStringLiteral("notallowed")));
    CHECK_EXIT(result, 0);
    QCOMPARE(decisions(result.report), QStringList{QStringLiteral("Ignore/timeout")});
    QVERIFY2(result.err.contains("RetryStepGroup is not allowed here"),
             result.describe().constData());
}

void TestCliRun::approval_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("gate");
    QTest::addColumn<QString>("decision");
    QTest::addColumn<QString>("errorType");
    QTest::newRow("approve") << QStringLiteral("approve") << 0 << QStringLiteral("Succeeded")
                             << QStringLiteral("Approve/cli") << QString();
    QTest::newRow("reject") << QStringLiteral("reject") << 1 << QStringLiteral("Failed")
                            << QStringLiteral("Reject/cli") << QStringLiteral("ApprovalRejection");
    QTest::newRow("wait") << QStringLiteral("wait") << 1 << QStringLiteral("Failed")
                          << QStringLiteral("Timeout/timeout") << QStringLiteral("Timeout");
}

void TestCliRun::approval()
{
    QFETCH(QString, mode);
    QFETCH(int, exitCode);
    QFETCH(QString, gate);
    QFETCH(QString, decision);
    QFETCH(QString, errorType);
    const bool waits = mode == QLatin1String("wait");
    const QString file =
        write(QStringLiteral("approval.yaml"), oneStage(approvalStep(waits ? "300ms" : "30s")));
    const Result result = runPipewright({file, QStringLiteral("--on-approval"), mode}, m_dir.path(),
                                        reportPath(QStringLiteral("approval")));
    CHECK_EXIT(result, exitCode);
    QCOMPARE(nodeStatus(result.report, QStringLiteral("gate")), gate);
    QCOMPARE(decisions(result.report), QStringList{decision});
    const QJsonArray interventions = result.report.value(QStringLiteral("interventions")).toArray();
    QCOMPARE(interventions.first().toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("approval"));
    const QJsonValue error =
        node(result.report, QStringLiteral("gate")).value(QStringLiteral("error"));
    QCOMPARE(error.toObject().value(QStringLiteral("type")).toString(), errorType);
}

void TestCliRun::inputs_data()
{
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QString>("message");
    QTest::newRow("integer given abc")
        << QStringList{QStringLiteral("count=abc"), QStringLiteral("name=x")}
        << QStringLiteral("--input count: 'abc' is not a valid integer");
    QTest::newRow("unknown input")
        << QStringList{QStringLiteral("name=x"), QStringLiteral("colour=red")}
        << QStringLiteral("no input named 'colour'");
    QTest::newRow("required missing")
        << QStringList{QStringLiteral("count=2")} << QStringLiteral("not given: name");
    QTest::newRow("no equals sign")
        << QStringList{QStringLiteral("name")} << QStringLiteral("expected ID=VALUE");
    QTest::newRow("given twice") << QStringList{QStringLiteral("name=x"), QStringLiteral("name=y")}
                                 << QStringLiteral("more than once");
    QTest::newRow("boolean given yes")
        << QStringList{QStringLiteral("name=x"), QStringLiteral("dry=yes")}
        << QStringLiteral("not a valid boolean");
    QTest::newRow("number given 1,5")
        << QStringList{QStringLiteral("name=x"), QStringLiteral("ratio=1,5")}
        << QStringLiteral("not a valid number");
}

static QByteArray inputsPipeline()
{
    return "pipeline:\n"
           "  id: p\n"
           "  inputs:\n"
           "    - {id: name, type: string}\n"
           "    - {id: count, type: integer, default: \"1\"}\n"
           "    - {id: ratio, type: number, default: \"0.5\"}\n"
           "    - {id: dry, type: boolean, default: \"false\"}\n"
           "  stages:\n"
           "    - stage:\n"
           "        id: s\n"
           "        steps:\n"
           "          - step: {id: show, type: Echo, spec: {message: \"{{ inputs.name }} {{ "
           "inputs.count + 1 }}\"}}\n"
           "          - step: {id: check, type: Verify, spec: {condition: \"typeof inputs.count "
           "=== 'number' && "
           "inputs.dry === false && inputs.ratio === 0.5\"}}\n";
}

void TestCliRun::inputs()
{
    QFETCH(QStringList, inputs);
    QFETCH(QString, message);
    const QString file = write(QStringLiteral("inputs.yaml"), inputsPipeline());
    QStringList arguments{file};
    for (const QString &input : inputs)
        arguments << QStringLiteral("--input") << input;
    const Result result = runPipewright(arguments, m_dir.path());
    CHECK_EXIT(result, 2);
    QVERIFY2(result.out.isEmpty(), result.describe().constData());
    QVERIFY2(QString::fromUtf8(result.err).contains(message), result.describe().constData());
}

void TestCliRun::typedInputsReachTheRun()
{
    const QString file = write(QStringLiteral("typed.yaml"), inputsPipeline());
    const Result result =
        runPipewright({file, QStringLiteral("--input"), QStringLiteral("name=web"),
                       QStringLiteral("--input"), QStringLiteral("count=41")},
                      m_dir.path(), reportPath(QStringLiteral("typed")));
    CHECK_EXIT(result, 0);
    const QJsonObject inputs = result.report.value(QStringLiteral("inputs")).toObject();
    QCOMPARE(inputs.value(QStringLiteral("name")).toString(), QStringLiteral("web"));
    QCOMPARE(inputs.value(QStringLiteral("count")).toDouble(), 41.0);
    QCOMPARE(inputs.value(QStringLiteral("ratio")).toDouble(), 0.5);
    QCOMPARE(inputs.value(QStringLiteral("dry")).toBool(false), false);
    QVERIFY(inputs.value(QStringLiteral("dry")).isBool());
    QVERIFY2(result.out.contains("show | web 42"),
             result.out.constData()); // a number, not the text "41"
}

void TestCliRun::missingSecret()
{
    const QString file =
        write(QStringLiteral("secret.yaml"),
              oneStage("          - step: {id: a, type: Echo, spec: {message: hi}}\n",
                       "  secrets: [PW_TEST_NO_SUCH_TOKEN]\n"));
    QProcessEnvironment environment = baseEnvironment();
    environment.remove(QStringLiteral("PW_TEST_NO_SUCH_TOKEN"));
    const Result result = runPipewright({file}, m_dir.path(), {}, environment);
    CHECK_EXIT(result, 2);
    QVERIFY2(result.out.isEmpty(), result.describe().constData());
    QVERIFY2(result.err.contains("PW_TEST_NO_SUCH_TOKEN"), result.describe().constData());
}

void TestCliRun::secretNeverShown()
{
    const QByteArray secret = "s3cr3t-V4lue-42";
    const QString file =
        write(QStringLiteral("masked.yaml"),
              oneStage("          - step:\n"
                       "              id: use\n"
                       "              type: Shell\n"
                       "              spec:\n"
                       "                command: |\n"
                       "                  echo \"token is $PW_TEST_TOKEN\"\n"
                       "                  echo to stderr: {{ secrets.PW_TEST_TOKEN }} >&2\n"
                       "                  echo \"copy=$PW_TEST_TOKEN\" >> \"$PW_OUTPUT\"\n"
                       "          - step: {id: say, type: Echo, spec: {message: \"echo {{ "
                       "secrets.PW_TEST_TOKEN }}\"}}\n"
                       "          - step: {id: fail, type: Fail, spec: {message: \"failed with {{ "
                       "secrets.PW_TEST_TOKEN }}\"}}\n",
                       "  secrets: [PW_TEST_TOKEN]\n"));
    QProcessEnvironment environment = baseEnvironment();
    environment.insert(QStringLiteral("PW_TEST_TOKEN"), QString::fromUtf8(secret));
    const QString report = reportPath(QStringLiteral("masked"));
    const Result result = runPipewright({file}, m_dir.path(), report, environment);
    CHECK_EXIT(result, 1);
    QFile raw(report);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray reportText = raw.readAll();
    QVERIFY2(!result.out.contains(secret), result.out.constData());
    QVERIFY2(!result.err.contains(secret), result.err.constData());
    QVERIFY2(!reportText.contains(secret), reportText.constData());
    QVERIFY2(result.out.contains("token is ***"), result.out.constData());
    QVERIFY2(result.out.contains("to stderr: ***"), result.out.constData());
    QVERIFY2(reportText.contains("failed with ***"), reportText.constData());
    QCOMPARE(node(result.report, QStringLiteral("use"))
                 .value(QStringLiteral("outputs"))
                 .toObject()
                 .value(QStringLiteral("copy"))
                 .toString(),
             QStringLiteral("***"));
}

void TestCliRun::noShellInjectionThroughInputs()
{
    const QString file =
        write(QStringLiteral("inject.yaml"), "pipeline:\n"
                                             "  id: p\n"
                                             "  inputs:\n"
                                             "    - {id: name}\n"
                                             "  stages:\n"
                                             "    - stage:\n"
                                             "        id: s\n"
                                             "        steps:\n"
                                             "          - step: {id: greet, type: Shell, spec: "
                                             "{command: \"echo {{ inputs.name }}\"}}\n");
    const QString pwned = m_dir.filePath(QStringLiteral("pwned"));
    QFile::remove(pwned);
    const Result result = runPipewright(
        {file, QStringLiteral("--input"), QStringLiteral("name=x; touch pwned")}, m_dir.path());
    CHECK_EXIT(result, 0);
    QVERIFY2(!QFileInfo::exists(pwned), "the input's value ran as a command");
    QVERIFY2(result.out.contains("greet | x; touch pwned"), result.out.constData());
}

Result TestCliRun::interrupt(const QString &file, const QString &report, const QByteArray &marker,
                             const QList<int> &signalNumbers, int pauseMs)
{
    Result result;
    QProcess process;
    process.setProcessEnvironment(baseEnvironment());
    process.setWorkingDirectory(m_dir.path());
    process.start(binary(), {QStringLiteral("run"), file, QStringLiteral("--report"), report});
    if (!process.waitForStarted(kTimeoutMs))
        return result;
    QElapsedTimer clock;
    clock.start();
    while (!result.out.contains(marker) && clock.elapsed() < kTimeoutMs
           && process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        result.out += process.readAllStandardOutput();
    }
    for (int signalNumber : signalNumbers) {
        if (process.state() == QProcess::Running)
            ::kill(pid_t(process.processId()), signalNumber);
        process.waitForFinished(pauseMs);
    }
    // waitForFinished() is false for a process that has already finished.
    result.finished = process.state() == QProcess::NotRunning || process.waitForFinished(20000);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(kTimeoutMs);
    }
    collect(process, result, report);
    return result;
}

static QByteArray longWaitWithHandler(const QByteArray &handlerSteps)
{
    return oneStage("          - step: {id: long, type: Wait, spec: {duration: 60s}}\n"
                    "          - step: {id: next, type: Echo, spec: {message: never}}\n",
                    "  errorHandler:\n" + handlerSteps);
}

void TestCliRun::interruptAbortsRunsHandler_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestCliRun::interruptAbortsRunsHandler()
{
    QFETCH(int, signalNumber);
    const QString file =
        write(QStringLiteral("interrupt.yaml"),
              longWaitWithHandler(
                  "    - step: {id: cleanup, type: Echo, spec: {message: cleaning up}}\n"));
    const QString report = reportPath(QStringLiteral("interrupt"));
    QFile::remove(report);
    QElapsedTimer clock;
    clock.start();
    const Result result = interrupt(file, report, "step s/long", {signalNumber});
    CHECK_EXIT(result, 3);
    QVERIFY2(clock.elapsed() < 30000, "the 60s Wait was not cancelled");
    QCOMPARE(result.report.value(QStringLiteral("status")).toString(), QStringLiteral("Aborted"));
    QCOMPARE(nodeStatus(result.report, QStringLiteral("long")), QStringLiteral("Aborted"));
    QCOMPARE(nodeStatus(result.report, QStringLiteral("next")), QStringLiteral("Aborted"));
    QCOMPARE(nodeStatus(result.report, QStringLiteral("cleanup")), QStringLiteral("Succeeded"));
    QVERIFY2(result.out.contains("cleanup | cleaning up"), result.describe().constData());
    QVERIFY2(lines(result.out).last().contains(QLatin1String(" Aborted in ")),
             result.describe().constData());
}

void TestCliRun::secondInterruptStopsAtOnce()
{
    // The error handler itself hangs: only a second Ctrl+C ends the program.
    const QString file =
        write(QStringLiteral("twice.yaml"),
              longWaitWithHandler(
                  "    - step: {id: slow_cleanup, type: Shell, spec: {command: sleep 60}}\n"));
    const QString report = reportPath(QStringLiteral("twice"));
    QFile::remove(report);
    QElapsedTimer clock;
    clock.start();
    const Result result = interrupt(file, report, "step s/long", {SIGINT, SIGINT}, 1000);
    CHECK_EXIT(result, 3);
    QVERIFY2(clock.elapsed() < 30000, "the second Ctrl+C did not stop the program");
    QCOMPARE(result.report.value(QStringLiteral("status")).toString(), QStringLiteral("Aborted"));
    // The handler had started; whatever had not ended is Aborted, nothing is left running.
    QVERIFY2(result.out.contains("step slow_cleanup"), result.describe().constData());
    for (const QString &id :
         {QStringLiteral("s"), QStringLiteral("long"), QStringLiteral("slow_cleanup")})
        QCOMPARE(nodeStatus(result.report, id), QStringLiteral("Aborted"));
    QVERIFY2(lines(result.out).last().contains(QLatin1String("stopped at once")),
             result.describe().constData());
}

void TestCliRun::examples_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(examplesDir());
    const QStringList names = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    QVERIFY2(names.size() >= 5, qPrintable(examplesDir())); // must not pass by finding nothing
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestCliRun::examples()
{
    QFETCH(QString, path);
    const QString example = QFileInfo(path).fileName();
    const Expectation expected = readExpectation(path);
    QVERIFY2(!expected.status.isEmpty() && expected.exitCode >= 0, "no `# expect:` line");
    QVERIFY2(!expected.onIntervention.isEmpty() && !expected.onApproval.isEmpty(),
             "no answer modes");
    QVERIFY2(!expected.nodes.isEmpty(), "no `# expect-node:` lines");
    const QString report = reportPath(QFileInfo(path).completeBaseName());
    const Result result =
        runPipewright({path, QStringLiteral("--on-intervention"), expected.onIntervention,
                       QStringLiteral("--on-approval"), expected.onApproval},
                      m_dir.path(), report);
    CHECK_EXIT(result, expected.exitCode);
    QCOMPARE(result.report.value(QStringLiteral("status")).toString(), expected.status);
    for (const Expectation::NodeExpectation &expectedNode : expected.nodes) {
        const QJsonObject actual = node(result.report, expectedNode.id);
        QVERIFY2(!actual.isEmpty(),
                 qPrintable(QStringLiteral("no node '%1' in the report").arg(expectedNode.id)));
        QCOMPARE(expectedNode.id + u'=' + actual.value(QStringLiteral("status")).toString(),
                 expectedNode.id + u'=' + expectedNode.status);
        if (expectedNode.attempts >= 0) {
            QCOMPARE(expectedNode.id + QStringLiteral(" attempts=")
                         + QString::number(actual.value(QStringLiteral("attempts")).toInt()),
                     expectedNode.id + QStringLiteral(" attempts=")
                         + QString::number(expectedNode.attempts));
        }
    }
    // cli.md: `ended` with the final status (a node run again by RetryStepGroup, or a stage
    // rolled back after it ended, ends again: the last `ended` is the final one); `Pending`
    // never in a final report.
    QStringList endedWrong;
    QStringList notFinal;
    const QJsonObject nodes = result.report.value(QStringLiteral("nodes")).toObject();
    for (auto it = nodes.constBegin(); it != nodes.constEnd(); ++it) {
        const QString status = it.value().toObject().value(QStringLiteral("status")).toString();
        if (status == QLatin1String("Pending") || status == QLatin1String("Running"))
            notFinal << it.key();
        const QStringList ended =
            trail(result.report, it.key()).filter(QRegularExpression(QStringLiteral("^ended=")));
        if (ended.isEmpty() || ended.last() != QStringLiteral("ended=") + status)
            endedWrong << it.key() + u':' + ended.join(u',');
    }
    QCOMPARE(notFinal, QStringList());
    QCOMPARE(endedWrong, QStringList());
}

// The other outcomes the examples' comments promise (README.md).
void TestCliRun::exampleVariants_data()
{
    QTest::addColumn<QString>("example");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("warning");
    QTest::addColumn<QStringList>("nodes"); // id=Status
    QTest::newRow("approval approved")
        << QStringLiteral("approval.yaml")
        << QStringList{QStringLiteral("--on-approval"), QStringLiteral("approve")} << 0 << false
        << QStringList{QStringLiteral("approve_release=Succeeded"),
                       QStringLiteral("deploy_app=Succeeded")};
    QTest::newRow("approval rejected")
        << QStringLiteral("approval.yaml")
        << QStringList{QStringLiteral("--on-approval"), QStringLiteral("reject")} << 3 << false
        << QStringList{QStringLiteral("approve_release=Failed"),
                       QStringLiteral("deploy_app=Aborted")};
    QTest::newRow("inputs dry run")
        << QStringLiteral("inputs-outputs.yaml")
        << QStringList{QStringLiteral("--input"), QStringLiteral("dry_run=true")} << 0 << false
        << QStringList{QStringLiteral("dry_run_notice=Succeeded"), QStringLiteral("deploy=Skipped"),
                       QStringLiteral("push_image=Skipped")};
}

void TestCliRun::exampleVariants()
{
    QFETCH(QString, example);
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(bool, warning);
    QFETCH(QStringList, nodes);
    const Result result = runPipewright(QStringList{examplesDir() + u'/' + example} + arguments,
                                        m_dir.path(), reportPath(QStringLiteral("variant")));
    CHECK_EXIT(result, exitCode);
    QCOMPARE(result.report.value(QStringLiteral("warning")).toBool(), warning);
    QStringList actual;
    for (const QString &expected : nodes) {
        const QString id = expected.section(u'=', 0, 0);
        actual << id + u'=' + nodeStatus(result.report, id);
    }
    QCOMPARE(actual, nodes);
}

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_cli_run.moc"
