#include "engine/executors/ChildPriority.h"
#include "engine/executors/DescriptorLimit.h"
#include "engine/executors/LineSplitter.h"
#include "engine/executors/ShellExecutor.h"
#include "engine/executors/ShellOutputFile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <memory>
#include <optional>

#include <sys/resource.h>
#include <sys/types.h>

using pw::engine::AttemptOutcome;
using pw::engine::AttemptRequest;
using pw::engine::CancelReason;
using pw::engine::currentThreadNiceValue;
using pw::engine::LineSplitter;
using pw::engine::LogLine;
using pw::engine::reserveDescriptorTable;
using pw::engine::setChildNiceValueForThisThread;
using pw::engine::ShellExecutor;
using pw::engine::StepExecutor;
using pw::model::Duration;
using pw::model::ErrorType;
using pw::model::ShellSpec;
using Stream = LogLine::Stream;
using ExitCodes = QList<std::pair<int, ErrorType>>;

Q_DECLARE_METATYPE(ExitCodes)
Q_DECLARE_METATYPE(pw::model::ErrorType)

namespace {

constexpr int kFinishTimeoutMs = 15000;

// Records what an executor reports during one attempt.
struct Probe
{
    explicit Probe(StepExecutor &executor) : finishedSpy(&executor, &StepExecutor::finished)
    {
        QObject::connect(
            &executor, &StepExecutor::logLine, &executor,
            [this](Stream stream, const QString &text) {
                (stream == Stream::Out ? out : stream == Stream::Err ? err : engine).append(text);
            });
    }
    bool waitForOutcome(int timeoutMs = kFinishTimeoutMs)
    {
        return !finishedSpy.isEmpty() || finishedSpy.wait(timeoutMs);
    }
    AttemptOutcome outcome() const
    {
        return qvariant_cast<AttemptOutcome>(finishedSpy.at(0).at(0));
    }

    QSignalSpy finishedSpy;
    QStringList out;
    QStringList err;
    QStringList engine;
};

// Gone, or dead and waiting to be reaped: inside containers whose init never reaps, a killed
// orphan stays a zombie forever, which still answers kill(pid, 0).
bool processGone(pid_t pid)
{
    if (::kill(pid, 0) == -1 && errno == ESRCH)
        return true;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray content = stat.readAll();
    const qsizetype afterName = content.lastIndexOf(')');
    return afterName > 0 && afterName + 2 < content.size()
        && (content[afterName + 2] == 'Z' || content[afterName + 2] == 'X');
}

pid_t readPid(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return static_cast<pid_t>(file.readAll().trimmed().toInt());
}

// The shell writes its pid to $SHELLPID and starts a grandchild in the background that
// ignores SIGTERM, writes its pid to $PIDFILE (atomically) and becomes `sleep 30`.
const QString kGrandchildScript = QStringLiteral(
    "echo $$ > \"$SHELLPID\"; "
    "sh -c 'trap \"\" TERM; echo $$ > \"$PIDFILE.tmp\"; mv \"$PIDFILE.tmp\" \"$PIDFILE\"; "
    "exec sleep 30' & wait");

} // namespace

class TestShellExecutor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    ShellSpec shell(const QString &command) const
    {
        ShellSpec spec;
        spec.command = command;
        spec.env = {{QStringLiteral("PIDFILE"), m_dir.filePath(QStringLiteral("grandchild.pid"))},
                    {QStringLiteral("SHELLPID"), m_dir.filePath(QStringLiteral("shell.pid"))}};
        return spec;
    }
    AttemptRequest request(const ShellSpec &spec) const
    {
        AttemptRequest request;
        request.runId = QStringLiteral("run");
        request.stepId = QStringLiteral("step");
        request.spec = spec;
        request.environment = QProcessEnvironment::systemEnvironment();
        request.defaultWorkingDir = m_dir.path();
        return request;
    }
    // Runs one attempt to its end and checks the executor's promises on the way.
    AttemptOutcome run(Probe &probe, ShellExecutor &executor, const ShellSpec &spec)
    {
        executor.start(request(spec));
        if (probe.finishedSpy.size() != 0)
            qWarning("finished emitted inside start()");
        if (!probe.waitForOutcome())
            qWarning("no outcome");
        QCoreApplication::processEvents();
        if (probe.finishedSpy.size() != 1)
            qWarning("finished emitted %d times", int(probe.finishedSpy.size()));
        return probe.finishedSpy.isEmpty() ? AttemptOutcome{} : probe.outcome();
    }
    pid_t waitForPidFile(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), kFinishTimeoutMs);
        }();
        return readPid(path);
    }

private slots:
    void init()
    {
        // Qt warns about misuse (reading a closed reply, destroying a running QProcess).
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(QStringLiteral("grandchild.pid")));
        QFile::remove(m_dir.filePath(QStringLiteral("shell.pid")));
    }

    void succeedsWithOutputs()
    {
        ShellExecutor executor;
        Probe probe(executor);
        const QString command
            = QStringLiteral("echo a=1 >> \"$PW_OUTPUT\"; echo 'b=x=y' >> \"$PW_OUTPUT\"; "
                             "echo a=2 >> \"$PW_OUTPUT\"; echo >> \"$PW_OUTPUT\"; "
                             "echo ' spaced = v' >> \"$PW_OUTPUT\"; "
                             "echo no_equals >> \"$PW_OUTPUT\"");
        const AttemptOutcome outcome = run(probe, executor, shell(command));
        QCOMPARE(probe.finishedSpy.size(), 1);
        QVERIFY(outcome.succeeded);
        QVERIFY(!outcome.cancelled);
        const QVariantMap expected{{QStringLiteral("a"), QStringLiteral("2")},
                                   {QStringLiteral("b"), QStringLiteral("x=y")},
                                   {QStringLiteral("spaced"), QStringLiteral(" v")}};
        QCOMPARE(outcome.outputs, expected);
        QCOMPARE(probe.engine.size(), 1);
        QVERIFY2(probe.engine.first().contains(QStringLiteral("no_equals")),
                 qPrintable(probe.engine.first()));
    }

    // A step started on a thread that lowers its children runs at that nice value, and so do
    // the processes it starts; the thread itself keeps its own.
    void aStepRunsAtTheNiceValueItsThreadGivesChildren()
    {
        const std::optional<int> ours = currentThreadNiceValue();
        QVERIFY(ours);
        if (*ours >= 19)
            QSKIP("the tests run at the lowest priority already: there is none lower to see");
        setChildNiceValueForThisThread(19);
        const auto restore = qScopeGuard([] { setChildNiceValueForThisThread(std::nullopt); });
        ShellExecutor executor;
        Probe probe(executor);
        const AttemptOutcome outcome = run(probe, executor, shell(QStringLiteral("nice; sh -c nice")));
        QVERIFY(outcome.succeeded);
        QCOMPARE(probe.out, QStringList({QStringLiteral("19"), QStringLiteral("19")}));
        QCOMPARE(currentThreadNiceValue(), ours);
    }

    // The table of descriptors is made big enough at start, when growing it costs nothing:
    // grown later, once threads share it, it waits an RCU grace period in whichever thread
    // opens the descriptor that does not fit. Nothing stays open for it.
    void theDescriptorTableIsReservedWithoutHoldingADescriptor()
    {
        const auto tableSize = [] {
            QFile status(QStringLiteral("/proc/self/status"));
            if (!status.open(QIODevice::ReadOnly))
                return 0;
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("FDSize:"))
                    return line.mid(7).trimmed().toInt();
            }
            return 0;
        };
        const auto openCount = [] {
            return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
        };
        rlimit limit{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
        const int wanted = int(std::min<rlim_t>(2048, limit.rlim_cur));
        if (tableSize() >= wanted)
            QSKIP("the table is that big already");
        const auto before = openCount();
        reserveDescriptorTable(wanted);
        QVERIFY2(tableSize() >= wanted, qPrintable(QString::number(tableSize())));
        QCOMPARE(openCount(), before);
    }

    void streamsLinesInOrder()
    {
        ShellExecutor executor;
        Probe probe(executor);
        const QString command = QStringLiteral(
            "printf 'one\\n'; printf 'err one\\n' >&2; printf 'two\\r\\n'; "
            "printf 'par'; sleep 0.2; printf 'tial\\n\\n'; printf 'h\\303\\251\\n'; "
            "printf 'err last' >&2; printf 'last'");
        const AttemptOutcome outcome = run(probe, executor, shell(command));
        QVERIFY(outcome.succeeded);
        QCOMPARE(
            probe.out,
            (QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("partial"),
                         QString(), QStringLiteral("h\u00e9"), QStringLiteral("last")}));
        QCOMPARE(probe.err, (QStringList{QStringLiteral("err one"), QStringLiteral("err last")}));
    }

    void failsByExit_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<ExitCodes>("exitCodes");
        QTest::addColumn<ErrorType>("type");
        QTest::addColumn<QString>("message");
        const ExitCodes mapping{{2, ErrorType::Connectivity}, {4, ErrorType::Authorization}};
        QTest::newRow("exit 1") << QStringLiteral("exit 1") << ExitCodes() << ErrorType::Unknown
                                << QStringLiteral("exit code 1");
        QTest::newRow("mapped") << QStringLiteral("exit 2") << mapping << ErrorType::Connectivity
                                << QStringLiteral("exit code 2");
        QTest::newRow("mapped, second")
            << QStringLiteral("exit 4") << mapping << ErrorType::Authorization
            << QStringLiteral("exit code 4");
        QTest::newRow("not mapped") << QStringLiteral("exit 3") << mapping << ErrorType::Unknown
                                    << QStringLiteral("exit code 3");
        QTest::newRow("SIGKILL") << QStringLiteral("kill -KILL $$") << mapping << ErrorType::Unknown
                                 << QStringLiteral("killed by signal 9");
        QTest::newRow("SIGTERM") << QStringLiteral("kill -TERM $$") << mapping << ErrorType::Unknown
                                 << QStringLiteral("killed by signal 15");
    }
    void failsByExit()
    {
        QFETCH(QString, command);
        QFETCH(ExitCodes, exitCodes);
        QFETCH(ErrorType, type);
        QFETCH(QString, message);
        ShellSpec spec = shell(QStringLiteral("echo a=1 >> \"$PW_OUTPUT\"; ") + command);
        spec.exitCodes = exitCodes;
        ShellExecutor executor;
        Probe probe(executor);
        const AttemptOutcome outcome = run(probe, executor, spec);
        QCOMPARE(probe.finishedSpy.size(), 1);
        QVERIFY(!outcome.succeeded);
        QVERIFY(!outcome.cancelled);
        QCOMPARE(toString(outcome.errorType), toString(type));
        QCOMPARE(outcome.message, message);
        QVERIFY(outcome.outputs.isEmpty());
    }

    void cannotStart_data()
    {
        QTest::addColumn<QString>("shell");
        QTest::addColumn<QString>("workingDir");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no such shell")
            << QStringLiteral("/nonexistent/sh") << QString() << QStringLiteral("/nonexistent/sh");
        QTest::newRow("shell is not executable")
            << QStringLiteral("/etc/hostname") << QString() << QStringLiteral("/etc/hostname");
        QTest::newRow("absolute workingDir") << QString() << QStringLiteral("/nonexistent/dir")
                                             << QStringLiteral("'/nonexistent/dir' does not exist");
        QTest::newRow("relative workingDir")
            << QString() << QStringLiteral("missing") << QStringLiteral("/missing' does not exist");
        QTest::newRow("workingDir is a file")
            << QString() << QStringLiteral("/etc/hostname")
            << QStringLiteral("'/etc/hostname' is not a directory");
    }
    void cannotStart()
    {
        QFETCH(QString, shell);
        QFETCH(QString, workingDir);
        QFETCH(QString, messagePart);
        ShellSpec spec = this->shell(QStringLiteral("true"));
        if (!shell.isEmpty())
            spec.shell = shell;
        spec.workingDir = workingDir;
        ShellExecutor executor;
        Probe probe(executor);
        const AttemptOutcome outcome = run(probe, executor, spec);
        QCOMPARE(probe.finishedSpy.size(), 1);
        QVERIFY(!outcome.succeeded);
        QCOMPARE(toString(outcome.errorType), toString(ErrorType::DelegateProvisioning));
        QVERIFY2(outcome.message.contains(messagePart), qPrintable(outcome.message));
    }

    void runsInWorkingDir_data()
    {
        QTest::addColumn<QString>("workingDir");
        QTest::addColumn<QString>("expected"); // relative to the default working dir
        QTest::newRow("default") << QString() << QString();
        QTest::newRow("relative") << QStringLiteral("sub") << QStringLiteral("/sub");
        QTest::newRow("absolute") << m_dir.filePath(QStringLiteral("sub"))
                                  << QStringLiteral("/sub");
    }
    void runsInWorkingDir()
    {
        QFETCH(QString, workingDir);
        QFETCH(QString, expected);
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("sub")));
        ShellSpec spec = shell(QStringLiteral("pwd -P"));
        spec.workingDir = workingDir;
        ShellExecutor executor;
        Probe probe(executor);
        QVERIFY(run(probe, executor, spec).succeeded);
        QCOMPARE(probe.out, QStringList{QDir(m_dir.path()).canonicalPath() + expected});
    }

    // A simple command runs without the shell in between (one process, one exec), with its
    // arguments, and what it cannot do alone (a script without #!) the shell still does.
    void simpleCommandRunsWithoutShell()
    {
        QFile script(m_dir.filePath(QStringLiteral("report.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\necho \"parent=$(cat /proc/$PPID/comm) args=$*\"\n");
        script.close();
        script.setPermissions(script.permissions() | QFile::ExeOwner);
        QFile bare(m_dir.filePath(QStringLiteral("bare.sh")));
        QVERIFY(bare.open(QIODevice::WriteOnly));
        bare.write("echo \"no #! line, run by the shell\"\n");
        bare.close();
        bare.setPermissions(bare.permissions() | QFile::ExeOwner);

        ShellExecutor direct;
        Probe directProbe(direct);
        QVERIFY(run(directProbe, direct, shell(QStringLiteral("./report.sh a b=c"))).succeeded);
        QCOMPARE(directProbe.out, QStringList{QStringLiteral("parent=tst_shell_execu args=a b=c")});

        ShellExecutor piped;
        Probe pipedProbe(piped);
        QVERIFY(run(pipedProbe, piped, shell(QStringLiteral("./report.sh a | cat"))).succeeded);
        QCOMPARE(pipedProbe.out, QStringList{QStringLiteral("parent=sh args=a")});

        ShellExecutor withoutInterpreter;
        Probe bareProbe(withoutInterpreter);
        QVERIFY(run(bareProbe, withoutInterpreter, shell(QStringLiteral("./bare.sh"))).succeeded);
        QCOMPARE(bareProbe.out, QStringList{QStringLiteral("no #! line, run by the shell")});
    }

    void missingProgramIsTheShellsExitCode127()
    {
        ShellExecutor executor;
        Probe probe(executor);
        const AttemptOutcome outcome
            = run(probe, executor, shell(QStringLiteral("no-such-program-pw --flag")));
        QVERIFY(!outcome.succeeded);
        QCOMPARE(outcome.message, QStringLiteral("exit code 127"));
        QCOMPARE(probe.err.size(), 1);
        QVERIFY2(probe.err.first().contains(QStringLiteral("not found")),
                 qPrintable(probe.err.first()));
    }

    void passesEnvironment()
    {
        ShellSpec spec = shell(QStringLiteral("echo \"$FROM_REQUEST|$FROM_SPEC|$SHARED\"; "
                                              "test -d \"${PW_OUTPUT%/*}\" && test ! -e \"$PW_OUTPUT\" "
                                              "&& echo \"$PW_OUTPUT\" && echo a=1 >> \"$PW_OUTPUT\""));
        spec.env.append({QStringLiteral("FROM_SPEC"), QStringLiteral("spec value")});
        spec.env.append({QStringLiteral("SHARED"), QStringLiteral("from spec")});
        AttemptRequest attempt = request(spec);
        attempt.environment.insert(QStringLiteral("FROM_REQUEST"), QStringLiteral("request value"));
        attempt.environment.insert(QStringLiteral("SHARED"), QStringLiteral("from request"));
        ShellExecutor executor;
        Probe probe(executor);
        executor.start(attempt);
        QVERIFY(probe.waitForOutcome());
        QVERIFY(probe.outcome().succeeded);
        // $PW_OUTPUT names a file that does not exist yet, in a directory only we can read,
        // and the file is gone once its outputs have been read.
        QCOMPARE(probe.out.size(), 2);
        QCOMPARE(probe.out.at(0), QStringLiteral("request value|spec value|from spec"));
        const QFileInfo outputFile(probe.out.at(1));
        QCOMPARE(QFileInfo(outputFile.path()).permissions() & (QFile::ReadOther | QFile::ReadGroup),
                 QFileDevice::Permissions());
        QVERIFY(!outputFile.exists());
        QCOMPARE(probe.outcome().outputs.value(QStringLiteral("a")).toString(), QStringLiteral("1"));
    }

    void eachAttemptSeesItsOwnEnvironment()
    {
        // The encoded environment is remembered between attempts (ChildEnvironment): a changed
        // one, or a copy changed after it was shared, must never be served from the memory.
        const ShellSpec spec = shell(QStringLiteral("echo \"$WHICH\""));
        AttemptRequest first = request(spec);
        first.environment.insert(QStringLiteral("WHICH"), QStringLiteral("first"));
        AttemptRequest second = first;
        second.environment.insert(QStringLiteral("WHICH"), QStringLiteral("second"));
        QStringList seen;
        for (const AttemptRequest *attempt : {&first, &second, &first}) {
            ShellExecutor executor;
            Probe probe(executor);
            executor.start(*attempt);
            QVERIFY(probe.waitForOutcome());
            QVERIFY(probe.outcome().succeeded);
            seen << probe.out;
        }
        QCOMPARE(seen, (QStringList{QStringLiteral("first"), QStringLiteral("second"),
                                    QStringLiteral("first")}));
    }

    void emptyEnvironmentMeansInherit()
    {
        AttemptRequest attempt = request(shell(QStringLiteral("test -n \"$PATH\" && echo ok")));
        attempt.environment = QProcessEnvironment();
        ShellExecutor executor;
        Probe probe(executor);
        executor.start(attempt);
        QVERIFY(probe.waitForOutcome());
        QVERIFY(probe.outcome().succeeded);
        QCOMPARE(probe.out, QStringList{QStringLiteral("ok")});
    }

    void cancels_data()
    {
        QTest::addColumn<CancelReason>("reason");
        QTest::addColumn<ErrorType>("type");
        QTest::addColumn<QString>("message");
        QTest::newRow("timeout") << CancelReason::Timeout << ErrorType::Timeout
                                 << QStringLiteral("timed out");
        QTest::newRow("abort") << CancelReason::Abort << ErrorType::Unknown
                               << QStringLiteral("cancelled");
    }
    void cancels()
    {
        QFETCH(CancelReason, reason);
        QFETCH(ErrorType, type);
        QFETCH(QString, message);
        ShellSpec spec = shell(QStringLiteral("echo started; exec sleep 30"));
        spec.killGrace = Duration::fromMilliseconds(2000);
        ShellExecutor executor;
        Probe probe(executor);
        executor.start(request(spec));
        QTRY_COMPARE_WITH_TIMEOUT(probe.out, QStringList{QStringLiteral("started")},
                                  kFinishTimeoutMs);
        QElapsedTimer clock;
        clock.start();
        executor.cancel(reason);
        QCOMPARE(probe.finishedSpy.size(), 0); // never inside cancel()
        QVERIFY(probe.waitForOutcome());
        QVERIFY(clock.elapsed() < 2000 + 1500);
        const AttemptOutcome outcome = probe.outcome();
        QVERIFY(outcome.cancelled);
        QVERIFY(!outcome.succeeded);
        QCOMPARE(toString(outcome.errorType), toString(type));
        QCOMPARE(outcome.message, message);
        executor.cancel(CancelReason::Abort); // after finished: nothing happens
        QCoreApplication::processEvents();
        QCOMPARE(probe.finishedSpy.size(), 1);
    }

    void cancelRightAfterStart()
    {
        ShellExecutor executor;
        Probe probe(executor);
        executor.start(request(shell(QStringLiteral("exec sleep 30"))));
        executor.cancel(CancelReason::Timeout);
        QVERIFY(probe.waitForOutcome(5000));
        QVERIFY(probe.outcome().cancelled);
        QCOMPARE(toString(probe.outcome().errorType), toString(ErrorType::Timeout));
    }

    // A shell deaf to SIGTERM is killed once killGrace is over, not earlier.
    void killsAfterKillGrace()
    {
        ShellSpec spec = shell(QStringLiteral("trap '' TERM; echo ready; sleep 30 & wait; wait"));
        spec.killGrace = Duration::fromMilliseconds(300);
        ShellExecutor executor;
        Probe probe(executor);
        executor.start(request(spec));
        QTRY_COMPARE_WITH_TIMEOUT(probe.out, QStringList{QStringLiteral("ready")},
                                  kFinishTimeoutMs);
        QElapsedTimer clock;
        clock.start();
        executor.cancel(CancelReason::Timeout);
        QVERIFY(probe.waitForOutcome(5000));
        QVERIFY2(clock.elapsed() >= 300, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(clock.elapsed() < 300 + 2000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(probe.outcome().cancelled);
        QCOMPARE(toString(probe.outcome().errorType), toString(ErrorType::Timeout));
    }

    // The shell dies of SIGTERM, its background child ignores it: killing the group after the
    // shell's exit must take the child too, long before its killGrace would.
    void cancelKillsGrandchildIgnoringTerm()
    {
        ShellSpec spec = shell(kGrandchildScript);
        spec.killGrace = Duration::fromMilliseconds(300);
        ShellExecutor executor;
        Probe probe(executor);
        executor.start(request(spec));
        const pid_t grandchild = waitForPidFile(QStringLiteral("grandchild.pid"));
        QVERIFY(grandchild > 0);
        QVERIFY(!processGone(grandchild));
        executor.cancel(CancelReason::Abort);
        QVERIFY(probe.waitForOutcome(5000));
        QVERIFY(probe.outcome().cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(grandchild), 1000);
    }

    void exitKillsLeftoverBackgroundProcesses()
    {
        ShellExecutor executor;
        Probe probe(executor);
        QVERIFY(run(probe, executor,
                    shell(QStringLiteral("sleep 30 & echo $! > \"$PIDFILE\"; echo done")))
                    .succeeded);
        const pid_t leftover = readPid(m_dir.filePath(QStringLiteral("grandchild.pid")));
        QVERIFY(leftover > 0);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(leftover), 1000);
    }

    void destroyingKillsTheGroup()
    {
        auto executor = std::make_unique<ShellExecutor>();
        Probe probe(*executor);
        executor->start(request(shell(kGrandchildScript)));
        const pid_t grandchild = waitForPidFile(QStringLiteral("grandchild.pid"));
        const pid_t shellPid = readPid(m_dir.filePath(QStringLiteral("shell.pid")));
        QVERIFY(grandchild > 0 && shellPid > 0);
        QElapsedTimer clock;
        clock.start();
        executor.reset();
        QVERIFY(clock.elapsed() < 100); // no waiting in the destructor
        QTRY_VERIFY_WITH_TIMEOUT(processGone(grandchild), 1000);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(shellPid), 1000);
    }

    // The program itself is killed with SIGKILL, so no destructor runs: the shell must still
    // die (PR_SET_PDEATHSIG). The test binary plays the program: it runs itself again with
    // this one test function and PW_TEST_HELPER_PIDFILE set, which starts a shell and idles.
    void shellDiesWithTheProgram()
    {
        const QString helperPidFile = qEnvironmentVariable("PW_TEST_HELPER_PIDFILE");
        if (!helperPidFile.isEmpty()) {
            const ShellSpec spec = shell(QStringLiteral(
                "echo $$ > \"$PW_TEST_HELPER_PIDFILE.tmp\"; "
                "mv \"$PW_TEST_HELPER_PIDFILE.tmp\" \"$PW_TEST_HELPER_PIDFILE\"; exec sleep 30"));
            ShellExecutor executor;
            Probe probe(executor);
            executor.start(request(spec));
            probe.waitForOutcome(30000); // killed long before
            QFAIL("the helper should have been killed");
        }
        const QString pidFile = m_dir.filePath(QStringLiteral("helper-shell.pid"));
        QProcess helper;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PW_TEST_HELPER_PIDFILE"), pidFile);
        helper.setProcessEnvironment(environment);
        helper.start(QCoreApplication::applicationFilePath(),
                     {QStringLiteral("shellDiesWithTheProgram")});
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(pidFile), kFinishTimeoutMs);
        const pid_t shellPid = readPid(pidFile);
        QVERIFY(shellPid > 0);
        QVERIFY(!processGone(shellPid));
        ::kill(static_cast<pid_t>(helper.processId()), SIGKILL);
        QTRY_COMPARE_WITH_TIMEOUT(helper.state(), QProcess::NotRunning, kFinishTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(shellPid), 1000);
    }

    void runsAgainAfterFinishing()
    {
        ShellExecutor executor;
        Probe first(executor);
        QVERIFY(
            run(first, executor, shell(QStringLiteral("echo x=1 >> \"$PW_OUTPUT\""))).succeeded);
        Probe second(executor);
        const AttemptOutcome outcome = run(second, executor, shell(QStringLiteral("echo again")));
        QVERIFY(outcome.succeeded);
        QVERIFY(outcome.outputs.isEmpty()); // a fresh PW_OUTPUT file per attempt
        QCOMPARE(second.out, QStringList{QStringLiteral("again")});
    }

    void parsesOutputFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QVariantMap>("values");
        QTest::addColumn<int>("warnings");
        const auto map = [](std::initializer_list<std::pair<const char *, const char *>> pairs) {
            QVariantMap values;
            for (const auto &[key, value] : pairs)
                values.insert(QString::fromUtf8(key), QString::fromUtf8(value));
            return values;
        };
        QTest::newRow("empty") << QByteArray() << QVariantMap() << 0;
        QTest::newRow("last wins") << QByteArray("a=1\na=2\n") << map({{"a", "2"}}) << 0;
        QTest::newRow("no final newline")
            << QByteArray("a=1\nb=2") << map({{"a", "1"}, {"b", "2"}}) << 0;
        QTest::newRow("crlf") << QByteArray("a=1\r\n") << map({{"a", "1"}}) << 0;
        QTest::newRow("blank lines") << QByteArray("\n  \na=\n\n") << map({{"a", ""}}) << 0;
        QTest::newRow("value with =") << QByteArray("url=a?b=c\n") << map({{"url", "a?b=c"}}) << 0;
        QTest::newRow("no =") << QByteArray("junk\na=1\n") << map({{"a", "1"}}) << 1;
        QTest::newRow("empty key") << QByteArray("=1\n") << QVariantMap() << 1;
        QTest::newRow("utf-8") << QByteArray("name=h\xc3\xa9\n") << map({{"name", "h\xc3\xa9"}})
                               << 0;
    }
    void parsesOutputFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QVariantMap, values);
        QFETCH(int, warnings);
        const auto outputs = pw::engine::parseShellOutputs(content);
        QCOMPARE(outputs.values, values);
        QCOMPARE(outputs.warnings.size(), warnings);
    }

    void splitsLines()
    {
        LineSplitter splitter(8);
        QCOMPARE(splitter.feed("ab"), QStringList());
        QCOMPARE(splitter.feed("c\nde"), QStringList{QStringLiteral("abc")});
        // Too long without a newline: cut at 8 bytes, but not inside the 2-byte "é".
        QCOMPARE(splitter.feed("fghij\xc3\xa9k"), (QStringList{QStringLiteral("defghij")}));
        QCOMPARE(splitter.feed("\n"), QStringList{QStringLiteral("\u00e9k")});
        QCOMPARE(splitter.finish(), std::nullopt);
        QCOMPARE(splitter.feed("tail"), QStringList());
        QCOMPARE(splitter.finish(), std::optional(QStringLiteral("tail")));
    }
};

QTEST_GUILESS_MAIN(TestShellExecutor)
#include "tst_shell_executor.moc"
