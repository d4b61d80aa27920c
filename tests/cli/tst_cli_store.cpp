// The run store from the command line (cli.md): every run kept by default, the commands on
// stored runs (runs, show, logs, delete, prune, report), resume after a fix or a crash, two
// programs on one database, and databases that must be refused.
#include "PipewrightProcess.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace pwtest;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QByteArray pipeline(const QByteArray &steps, const QByteArray &id = "p")
{
    return "pipeline:\n  id: " + id + "\n  stages:\n    - stage:\n        id: s\n        steps:\n" + steps;
}

QJsonObject nodeOf(const QJsonObject &report, const QString &id)
{
    return report.value(s("nodes")).toObject().value(id).toObject();
}

QString statusOf(const QJsonObject &report, const QString &id)
{
    return nodeOf(report, id).value(s("status")).toString();
}

QStringList eventsOf(const QJsonObject &report, const QString &node)
{
    QStringList events;
    for (const QJsonValue &value : report.value(s("events")).toArray()) {
        if (value.toObject().value(s("node")).toString() == node)
            events << value.toObject().value(s("event")).toString();
    }
    return events;
}

// The run id from the first progress line ("[ 0.000s] run  <id> of pipeline p started").
QString runIdIn(const QByteArray &out)
{
    const QRegularExpression started(s("run\\s+(\\S+) of pipeline"));
    return started.match(QString::fromUtf8(out)).captured(1);
}

} // namespace

class TestCliStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void storedByDefault();
    void noStoreKeepsNothing();
    void peopleFormats();
    void logsCommand();
    void logsFollowsALiveRun();
    void logsFollowShowsALineBeforeTheStepEnds();
    void killedRunIsRecoveredAndResumed();
    void resumeAfterAFix();
    void resumeFrom();
    void resumeRefusals();
    void twoRunsAtOnce();
    void unusableDatabaseIsRefused();
    void deleteAndPrune();
    void htmlReport();

private:
    QString write(const QString &name, const QByteArray &yaml);
    Result pw(const QStringList &arguments, int timeoutMs = 60000);
    QJsonObject show(const QString &runId);
    QString db() const { return m_dir->filePath(s("runs.sqlite")); }
    void start(QProcess &program, const QStringList &arguments);
    static QByteArray readUntil(QProcess &program, const QByteArray &text, int timeoutMs = 30000);

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_environment;
};

void TestCliStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(s("XDG_DATA_HOME"), m_dir->filePath(s("data")));
    m_environment.insert(s("QT_QPA_PLATFORM"), s("offscreen"));
}

QString TestCliStore::write(const QString &name, const QByteArray &yaml)
{
    const QString path = m_dir->filePath(name);
    writeFile(path, yaml);
    return path;
}

Result TestCliStore::pw(const QStringList &arguments, int timeoutMs)
{
    return runProgram(arguments, m_dir->path(), m_environment, timeoutMs);
}

QJsonObject TestCliStore::show(const QString &runId)
{
    return pw({s("show"), runId, s("--db"), db(), s("--json")}).json().object();
}

// A run is kept without being asked, in the user's data directory; `show --json` gives back
// exactly the report the run wrote.
void TestCliStore::storedByDefault()
{
    const QString file = write(s("p.yaml"), pipeline("          - step: {id: a, type: Echo, spec: {message: hi}}\n"
                                                     "          - step: {id: b, type: Fail, retry: {type: constant, maxAttempts: 2, interval: 10ms}}\n"));
    const QString report = m_dir->filePath(s("report.json"));
    const Result run = pw({s("run"), file, s("--report"), report});
    PW_CHECK_EXIT(run, 1);
    const QString defaultDb = m_dir->filePath(s("data/pipewright/runs.sqlite"));
    QVERIFY2(QFileInfo::exists(defaultDb), qPrintable(defaultDb));

    const Result runs = pw({s("runs"), s("--json")});
    PW_CHECK_EXIT(runs, 0);
    const QJsonArray list = runs.json().array();
    QCOMPARE(list.size(), 1);
    const QJsonObject entry = list.first().toObject();
    const QJsonObject written = QJsonDocument::fromJson(readFile(report)).object();
    QCOMPARE(entry.value(s("runId")).toString(), written.value(s("runId")).toString());
    QCOMPARE(entry.keys(), QStringList({s("endedAt"), s("originRunId"), s("pipeline"), s("runId"), s("startedAt"),
                                        s("status"), s("warning")}));
    QCOMPARE(entry.value(s("status")).toString(), s("Failed"));
    QVERIFY(entry.value(s("originRunId")).isNull());

    const Result shown = pw({s("show"), entry.value(s("runId")).toString(), s("--json")});
    PW_CHECK_EXIT(shown, 0);
    QCOMPARE(QString::fromUtf8(shown.out), QString::fromUtf8(readFile(report)));
}

void TestCliStore::noStoreKeepsNothing()
{
    const QString file = write(s("p.yaml"), pipeline("          - step: {id: a, type: Echo, spec: {message: hi}}\n"));
    const Result run = pw({s("run"), file, s("--no-store")});
    PW_CHECK_EXIT(run, 0);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(s("data/pipewright"))));
    const Result both = pw({s("run"), file, s("--no-store"), s("--db"), db()});
    PW_CHECK_EXIT(both, 2);
}

void TestCliStore::peopleFormats()
{
    const QString file = write(s("p.yaml"), pipeline("          - step: {id: a, type: Echo, spec: {message: hi}}\n"
                                                     "          - step: {id: b, type: Fail, spec: {message: broke}}\n",
                                                     "people"));
    const Result run = pw({s("run"), file, s("--db"), db()});
    PW_CHECK_EXIT(run, 1);
    const QString runId = runIdIn(run.out);
    QVERIFY(!runId.isEmpty());

    const Result runs = pw({s("runs"), s("--db"), db()});
    PW_CHECK_EXIT(runs, 0);
    const QStringList lines = QString::fromUtf8(runs.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(s("RUN ID")), runs.out.constData());
    QVERIFY2(lines.at(1).startsWith(runId) && lines.at(1).contains(s("people")) && lines.at(1).contains(s("Failed")),
             runs.out.constData());

    // A unique prefix of the id will do.
    const Result shown = pw({s("show"), runId.left(runId.size() - 2), s("--db"), db()});
    PW_CHECK_EXIT(shown, 0);
    QVERIFY2(shown.out.contains("status:   Failed"), shown.out.constData());
    QVERIFY2(shown.out.contains("Unknown: broke"), shown.out.constData());
    QVERIFY2(shown.out.contains(QString(s("logs:     pipewright logs ") + runId).toUtf8()), shown.out.constData());

    const Result unknown = pw({s("show"), s("nosuchrun"), s("--db"), db()});
    PW_CHECK_EXIT(unknown, 2);
    QVERIFY2(unknown.err.contains("no run 'nosuchrun'"), unknown.describe().constData());
}

void TestCliStore::logsCommand()
{
    const QString file = write(s("p.yaml"), pipeline(
        "          - step:\n"
        "              id: talk\n"
        "              type: Shell\n"
        "              spec: {command: \"echo hello; echo oops >&2; printf 'screen\\\\033[2J clear\\\\n'; "
        "printf '\\\\033[31mred\\\\033[0m\\\\n'\"}\n"
        "          - step: {id: again, type: Shell, spec: {command: \"echo try {{ attempt }}; test {{ attempt }} -eq 2\"}, "
        "retry: {type: constant, maxAttempts: 2, interval: 10ms}}\n"));
    const Result run = pw({s("run"), file, s("--db"), db()});
    PW_CHECK_EXIT(run, 0);
    const QString runId = runIdIn(run.out);
    // The live progress already shows escapes, never the raw control sequence.
    QVERIFY2(!run.out.contains("\x1b[2J"), run.out.constData());
    QVERIFY2(run.out.contains("screen\\e[2J clear"), run.out.constData());
    QVERIFY2(run.out.contains("\x1b[31mred\x1b[0m"), run.out.constData()); // colours pass

    const Result all = pw({s("logs"), runId, s("--db"), db()});
    PW_CHECK_EXIT(all, 0);
    QVERIFY2(all.out.contains("talk#1 | hello\n"), all.out.constData());
    QVERIFY2(all.out.contains("talk#1 ! oops\n"), all.out.constData());
    QVERIFY2(all.out.contains("talk#1 | screen\\e[2J clear\n"), all.out.constData());
    QVERIFY2(all.out.contains("again#1 | try 1\n") && all.out.contains("again#2 | try 2\n"), all.out.constData());
    QVERIFY2(all.out.indexOf("again#1 | try 1") < all.out.indexOf("again#2 | try 2"), all.out.constData());

    const Result one = pw({s("logs"), runId, s("again"), s("--attempt"), s("2"), s("--db"), db()});
    PW_CHECK_EXIT(one, 0);
    QVERIFY2(one.out.contains("again#2 | try 2") && !one.out.contains("try 1"), one.out.constData());

    const Result raw = pw({s("logs"), runId, s("talk"), s("--raw"), s("--db"), db()});
    PW_CHECK_EXIT(raw, 0);
    // Byte for byte, each stream in its order (the two pipes have no order between them).
    QByteArray stdoutOnly = raw.out;
    stdoutOnly.replace("oops\n", "");
    QCOMPARE(stdoutOnly, QByteArray("hello\nscreen\x1b[2J clear\n\x1b[31mred\x1b[0m\n"));
    QCOMPARE(raw.out.count("oops\n"), 1);

    PW_CHECK_EXIT(pw({s("logs"), runId, s("nosuchstep"), s("--db"), db()}), 2);
    PW_CHECK_EXIT(pw({s("logs"), runId, s("--attempt"), s("1"), s("--db"), db()}), 2);
}

void TestCliStore::start(QProcess &program, const QStringList &arguments)
{
    program.setProcessEnvironment(m_environment);
    program.setWorkingDirectory(m_dir->path());
    program.start(pipewrightBinary(), arguments);
    QVERIFY(program.waitForStarted());
}

// What a program printed on stdout until `text` (or the timeout).
QByteArray TestCliStore::readUntil(QProcess &program, const QByteArray &text, int timeoutMs)
{
    QByteArray out;
    waitUntil([&] {
        program.waitForReadyRead(50);
        out += program.readAllStandardOutput();
        return out.contains(text);
    }, timeoutMs);
    return out;
}

// `logs -f` prints what a live run's step prints, as it prints it, and ends with the run.
void TestCliStore::logsFollowsALiveRun()
{
    const QString file = write(s("p.yaml"), pipeline(
        "          - step: {id: tick, type: Shell, spec: {command: \"for i in 1 2 3 4 5 6 7 8 9 10; do echo tick $i; sleep 0.1; done\"}}\n"));
    QProcess run;
    start(run, {s("run"), file, s("--db"), db()});
    const QByteArray out = readUntil(run, "tick 1");
    QVERIFY2(out.contains("tick 1"), out.constData());
    const Result follow = pw({s("logs"), runIdIn(out), s("tick"), s("-f"), s("--db"), db()});
    QVERIFY(run.waitForFinished(30000));
    PW_CHECK_EXIT(follow, 0);
    for (int i = 1; i <= 10; ++i)
        QVERIFY2(follow.out.contains(QStringLiteral("tick#1 | tick %1\n").arg(i).toUtf8()), follow.out.constData());
}

// A step that prints a line and then stays quiet: `logs -f` shows the line while the step
// still runs (the store once kept it until something else happened in the run).
void TestCliStore::logsFollowShowsALineBeforeTheStepEnds()
{
    const QString file = write(s("quiet.yaml"), pipeline(
        "          - step: {id: quiet, type: Shell, spec: {command: \"sleep 0.3; echo first; sleep 4; echo last\"}}\n"));
    QProcess run;
    start(run, {s("run"), file, s("--db"), db()});
    const QByteArray out = readUntil(run, "first");
    QVERIFY2(out.contains("first"), out.constData());
    QProcess follow;
    start(follow, {s("logs"), runIdIn(out), s("quiet"), s("-f"), s("--db"), db()});
    const QByteArray followed = readUntil(follow, "quiet#1 | first\n", 2500);
    const bool shown = followed.contains("quiet#1 | first\n");
    const bool stepStillRunning = !followed.contains("last") && run.state() == QProcess::Running;
    QVERIFY(run.waitForFinished(30000));
    QVERIFY(follow.waitForFinished(30000));
    QVERIFY2(shown, followed.constData());
    QVERIFY(stepStillRunning);
}

// Killed at any moment, a run loses no finished step: found Interrupted by the next program
// that opens the store, it resumes to its end without running what had finished.
void TestCliStore::killedRunIsRecoveredAndResumed()
{
    const QByteArray steps = "          - step: {id: first, type: Shell, spec: {command: \"echo ran >> counter; echo n=7 >> $PW_OUTPUT\"}}\n"
                             "          - step: {id: slow, type: Shell, spec: {command: \"sleep 30\"}}\n"
                             "          - step: {id: last, type: Shell, spec: {command: \"test {{ steps.first.outputs.n }} = 7\"}}\n";
    const QString file = write(s("p.yaml"), pipeline(steps));
    QProcess run;
    run.setProcessEnvironment(m_environment);
    run.setWorkingDirectory(m_dir->path());
    run.start(pipewrightBinary(), {s("run"), file, s("--db"), db()});
    QVERIFY(run.waitForStarted());
    QByteArray out;
    QVERIFY(waitUntil([&] {
        run.waitForReadyRead(50);
        out += run.readAllStandardOutput();
        return !runIdIn(out).isEmpty();
    }));
    const QString runId = runIdIn(out);
    QVERIFY(waitUntil([&] { return statusOf(show(runId), s("slow")) == s("Running"); }));
    ::kill(pid_t(run.processId()), SIGKILL);
    QVERIFY(run.waitForFinished(10000));

    const Result runs = pw({s("runs"), s("--json"), s("--db"), db()});
    PW_CHECK_EXIT(runs, 0);
    QCOMPARE(runs.json().array().first().toObject().value(s("status")).toString(), s("Interrupted"));
    const QJsonObject interrupted = show(runId);
    QCOMPARE(statusOf(interrupted, s("first")), s("Succeeded"));
    QCOMPARE(statusOf(interrupted, s("slow")), s("Failed"));
    QCOMPARE(nodeOf(interrupted, s("slow")).value(s("error")).toObject().value(s("type")).toString(),
             s("DelegateRestart"));
    QCOMPARE(statusOf(interrupted, s("last")), s("Aborted"));

    // Fixed, and resumed: `first` is reused with its output, not run again.
    QByteArray fixed = steps;
    fixed.replace("sleep 30", "true");
    write(s("p.yaml"), pipeline(fixed));
    const QString report = m_dir->filePath(s("resumed.json"));
    const Result resumed = pw({s("resume"), runId, s("--file"), file, s("--db"), db(), s("--report"), report});
    PW_CHECK_EXIT(resumed, 0);
    const QJsonObject after = QJsonDocument::fromJson(readFile(report)).object();
    QCOMPARE(after.value(s("originRunId")).toString(), runId);
    QCOMPARE(eventsOf(after, s("first")), QStringList{s("cloned")});
    QVERIFY(nodeOf(after, s("first")).value(s("cloned")).toBool());
    QCOMPARE(statusOf(after, s("slow")), s("Succeeded"));
    QCOMPARE(statusOf(after, s("last")), s("Succeeded"));
    QCOMPARE(readFile(m_dir->filePath(s("counter"))), QByteArray("ran\n"));
}

// Resumed with the stored text when no file is given: the same failure again, nothing new.
void TestCliStore::resumeAfterAFix()
{
    const QString file = write(s("p.yaml"), pipeline("          - step: {id: a, type: Shell, spec: {command: \"echo a >> trail\"}}\n"
                                                     "          - step: {id: b, type: Shell, spec: {command: \"test -f fixed\"}}\n"));
    const Result run = pw({s("run"), file, s("--db"), db()});
    PW_CHECK_EXIT(run, 1);
    const QString runId = runIdIn(run.out);
    const Result again = pw({s("resume"), runId, s("--db"), db()});
    PW_CHECK_EXIT(again, 1);
    writeFile(m_dir->filePath(s("fixed")), "yes");
    const Result fixed = pw({s("resume"), runIdIn(again.out), s("--db"), db()});
    PW_CHECK_EXIT(fixed, 0);
    QCOMPARE(readFile(m_dir->filePath(s("trail"))), QByteArray("a\n"));
    QVERIFY2(fixed.err.contains("1 node(s) reused"), fixed.describe().constData());
}

void TestCliStore::resumeFrom()
{
    const QString file = write(s("p.yaml"), pipeline("          - step: {id: a, type: Shell, spec: {command: \"echo a >> trail\"}}\n"
                                                     "          - step: {id: b, type: Shell, spec: {command: \"echo b >> trail\"}}\n"
                                                     "          - step: {id: c, type: Shell, spec: {command: \"echo c >> trail\"}}\n"));
    const Result run = pw({s("run"), file, s("--db"), db()});
    PW_CHECK_EXIT(run, 0);
    const Result resumed = pw({s("resume"), runIdIn(run.out), s("--from"), s("b"), s("--db"), db()});
    PW_CHECK_EXIT(resumed, 0);
    QCOMPARE(readFile(m_dir->filePath(s("trail"))), QByteArray("a\nb\nc\nb\nc\n"));
}

void TestCliStore::resumeRefusals()
{
    const QString file = write(s("p.yaml"), pipeline("          - step: {id: a, type: Echo, spec: {message: hi}}\n"));
    const Result run = pw({s("run"), file, s("--db"), db()});
    PW_CHECK_EXIT(run, 0);
    const QString runId = runIdIn(run.out);
    PW_CHECK_EXIT(pw({s("resume"), s("nosuchrun"), s("--db"), db()}), 2);
    const Result badFrom = pw({s("resume"), runId, s("--from"), s("zzz"), s("--db"), db()});
    PW_CHECK_EXIT(badFrom, 2);
    QVERIFY2(badFrom.err.contains("--from zzz"), badFrom.describe().constData());
    PW_CHECK_EXIT(pw({s("resume"), runId, s("--input"), s("x=1"), s("--db"), db()}), 2);
}

// Two programs writing one database at once: both runs complete and are stored whole.
void TestCliStore::twoRunsAtOnce()
{
    QByteArray steps = "          - parallel:\n";
    for (int i = 0; i < 40; ++i)
        steps += "              - step: {id: s" + QByteArray::number(i) + ", type: Shell, spec: {command: \"echo " + QByteArray::number(i) + "\"}}\n";
    const QString file = write(s("p.yaml"), pipeline(steps));
    QProcess one;
    QProcess two;
    for (QProcess *process : {&one, &two}) {
        process->setProcessEnvironment(m_environment);
        process->setWorkingDirectory(m_dir->path());
        process->start(pipewrightBinary(), {s("run"), file, s("--db"), db(), s("-q")});
    }
    QVERIFY(one.waitForFinished(60000) && two.waitForFinished(60000));
    QCOMPARE(one.exitCode(), 0);
    QCOMPARE(two.exitCode(), 0);
    const QJsonArray runs = pw({s("runs"), s("--json"), s("--db"), db()}).json().array();
    QCOMPARE(runs.size(), 2);
    for (const QJsonValue &run : runs) {
        const QJsonObject report = show(run.toObject().value(s("runId")).toString());
        QCOMPARE(report.value(s("status")).toString(), s("Succeeded"));
        for (int i = 0; i < 40; ++i)
            QCOMPARE(statusOf(report, QStringLiteral("s%1").arg(i)), s("Succeeded"));
    }
}

// A database that cannot be used stops the run before anything runs, says why and where,
// and is left exactly as it was.
void TestCliStore::unusableDatabaseIsRefused()
{
    const QString file = write(s("p.yaml"), pipeline("          - step: {id: a, type: Shell, spec: {command: \"touch ran\"}}\n"));
    writeFile(db(), "these are my notes, not a database\n");
    const Result run = pw({s("run"), file, s("--db"), db()});
    PW_CHECK_EXIT(run, 5);
    QVERIFY2(run.err.contains(db().toUtf8()) && run.err.contains("not a SQLite database"), run.describe().constData());
    QVERIFY(!QFileInfo::exists(m_dir->filePath(s("ran"))));
    QCOMPARE(readFile(db()), QByteArray("these are my notes, not a database\n"));
    PW_CHECK_EXIT(pw({s("runs"), s("--db"), db()}), 5);
}

void TestCliStore::deleteAndPrune()
{
    const QString file = write(s("p.yaml"), pipeline("          - step: {id: a, type: Shell, spec: {command: \"seq 1 5000\"}}\n"));
    for (int i = 0; i < 4; ++i)
        PW_CHECK_EXIT(pw({s("run"), file, s("--db"), db(), s("-q")}), 0);
    QCOMPARE(pw({s("runs"), s("--json"), s("--db"), db()}).json().array().size(), 4);
    const QString first = pw({s("runs"), s("--json"), s("--db"), db()}).json().array().last().toObject().value(s("runId")).toString();

    const Result deleted = pw({s("delete"), first, s("--db"), db()});
    PW_CHECK_EXIT(deleted, 0);
    QVERIFY2(deleted.out.contains("deleted 1 run(s), freed"), deleted.out.constData());
    QVERIFY(!QFileInfo::exists(QDir(m_dir->filePath(s("runs-logs"))).filePath(first)));
    PW_CHECK_EXIT(pw({s("delete"), first, s("--db"), db()}), 2); // gone now

    const Result kept = pw({s("prune"), s("--keep"), s("1"), s("--db"), db()});
    PW_CHECK_EXIT(kept, 0);
    QVERIFY2(kept.out.contains("deleted 2 run(s)"), kept.out.constData());
    QCOMPARE(pw({s("runs"), s("--json"), s("--db"), db()}).json().array().size(), 1);
    const Result old = pw({s("prune"), s("--older-than"), s("0s"), s("--db"), db()});
    PW_CHECK_EXIT(old, 0);
    QCOMPARE(pw({s("runs"), s("--json"), s("--db"), db()}).json().array().size(), 0);
    PW_CHECK_EXIT(pw({s("prune"), s("--db"), db()}), 2);
}

void TestCliStore::htmlReport()
{
    const QString file = write(s("p.yaml"), pipeline("          - step: {id: a, type: Fail, spec: {succeedOnAttempt: 2}, retry: {type: constant, maxAttempts: 2, interval: 50ms}}\n"));
    const Result run = pw({s("run"), file, s("--db"), db()});
    PW_CHECK_EXIT(run, 0);
    const QString html = m_dir->filePath(s("report.html"));
    const Result report = pw({s("report"), runIdIn(run.out), s("-o"), html, s("--db"), db()});
    PW_CHECK_EXIT(report, 0);
    const QByteArray page = readFile(html);
    QVERIFY(page.contains("<svg id=\"timeline\""));
    QCOMPARE(page.count("class=\"attempt\""), 2);
    QVERIFY(!page.contains("http://") && !page.contains("https://"));
    PW_CHECK_EXIT(pw({s("report"), runIdIn(run.out), s("--db"), db()}), 2); // -o is required
}

QTEST_GUILESS_MAIN(TestCliStore)
#include "tst_cli_store.moc"
