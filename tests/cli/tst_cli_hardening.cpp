// The program as an adversarial user meets it (issue: Hardening): output into a closed pipe,
// more parallel steps than file descriptors, and what a killed program leaves behind.
#include "PipewrightProcess.h"

#include <QDir>
#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <fcntl.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

using namespace pwtest;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QByteArray pipeline(const QByteArray &steps, const QByteArray &extra = {})
{
    return "pipeline:\n  id: p\n" + extra + "  stages:\n    - stage:\n        id: s\n        steps:\n" + steps;
}

// `count` Shell steps in one parallel block, each sleeping a little and saying so.
QByteArray parallelSleepers(int count)
{
    QByteArray steps = "          - parallel:\n";
    for (int i = 0; i < count; ++i)
        steps += "              - step: {id: t" + QByteArray::number(i)
                 + ", type: Shell, spec: {command: 'sleep 0.2; echo done'}}\n";
    return pipeline(steps, "  maxParallel: " + QByteArray::number(count) + "\n");
}

QJsonObject nodes(const QString &reportPath)
{
    return QJsonDocument::fromJson(readFile(reportPath)).object().value(s("nodes")).toObject();
}

// Processes whose command line holds `marker` (a sleep of an unusual length), ours or not.
int processesWith(const QByteArray &marker)
{
    int count = 0;
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool numeric = false;
        pid.toInt(&numeric);
        if (numeric && readFile(QStringLiteral("/proc/") + pid + QStringLiteral("/cmdline")).replace('\0', ' ').contains(marker))
            ++count;
    }
    return count;
}

int countWithStatus(const QJsonObject &nodes, const QString &status)
{
    int count = 0;
    for (const QJsonValue &node : nodes)
        count += node.toObject().value(s("status")).toString() == status ? 1 : 0;
    return count;
}

} // namespace

class TestCliHardening : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void killedProgramTakesEveryStepProcess();
    void endedStepsTakeWhatLeftTheirGroup();
    void closedStandardOutputDoesNotStopTheRun_data();
    void closedStandardOutputDoesNotStopTheRun();
    void moreStepsThanTheSoftDescriptorLimit();
    void stepsWaitForDescriptors();
    void formatNeverDropsContent_data();
    void formatNeverDropsContent();
    void valuesArriveExactlyInEveryShellContext_data();
    void valuesArriveExactlyInEveryShellContext();
    void valueCannotEndItsHereDocument();
    void validateWarnsWhereAnotherShellParsesAValue();
    void httpEndlessBodyCostsNoMemory();
    void secretsAreMaskedEverywhere();
    void tooShortSecretIsNotMaskedAndSaysSo();
    void problemsArePrintedUpToAHundred();
    void aliasBombIsRefusedAtOnce();
    void hundredThousandStepsLoadAndRun();
    void farTooManyStepsAreRefusedBeforeParsing();
    void loadingMemoryStaysUnderThirtyTimesTheFile();
    void leftoverOutputDirectoriesAreRemoved();
    void killedProgramsDirectoryIsRemovedNextTime();

private:
    QString write(const QString &name, const QByteArray &yaml);
    // `script` run by bash with $PW the program, in the test's directory.
    Result bash(const QString &script, int timeoutMs = 60000);
    QString db() const { return m_dir->filePath(s("runs.sqlite")); }
    QString temp() const { return m_dir->filePath(s("tmp")); }
    QStringList outputDirectories() const
    {
        return QDir(temp()).entryList({s("pipewright-outputs-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_environment;
};

void TestCliHardening::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(temp()));
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(s("XDG_DATA_HOME"), m_dir->filePath(s("data")));
    m_environment.insert(s("QT_QPA_PLATFORM"), s("offscreen"));
    m_environment.insert(s("TMPDIR"), temp());
    m_environment.insert(s("PW"), pipewrightBinary());
}

QString TestCliHardening::write(const QString &name, const QByteArray &yaml)
{
    const QString path = m_dir->filePath(name);
    writeFile(path, yaml);
    return path;
}

Result TestCliHardening::bash(const QString &script, int timeoutMs)
{
    return runCommand(s("/bin/bash"), {s("-c"), script}, m_dir->path(), m_environment, timeoutMs);
}

// kill -9 of `pipewright run` while a step has a background job, a `setsid` child, a
// subshell's orphan and a new session with children of its own: within 2 s all are gone.
void TestCliHardening::killedProgramTakesEveryStepProcess()
{
    const QByteArray marker = "sleep 4242." + QByteArray::number(QCoreApplication::applicationPid() % 1000);
    write(s("escape.yaml"), pipeline("          - step: {id: spawn, type: Shell, spec: {command: '" + marker + "1 & setsid "
                                     + marker + "2 & (" + marker + "3 &); setsid sh -c \"" + marker + "5 & " + marker
                                     + "6\" & " + marker + "4'}}\n"));
    QProcess program;
    program.setProcessEnvironment(m_environment);
    program.setWorkingDirectory(m_dir->path());
    program.start(pipewrightBinary(), {s("run"), s("escape.yaml"), s("-q"), s("--no-store")});
    QVERIFY(program.waitForStarted());
    QVERIFY2(waitUntil([&] { return processesWith(marker) >= 6; }, 20000), "the step's processes did not all start");
    ::kill(pid_t(program.processId()), SIGKILL);
    QVERIFY(program.waitForFinished());
    QVERIFY2(waitUntil([&] { return processesWith(marker) == 0; }, 2000),
             qPrintable(QStringLiteral("%1 process(es) outlived the program by 2 s").arg(processesWith(marker))));
}

// A step that times out, and one that ends leaving a daemon behind: what left their process
// group is gone before the next step looks (it runs half a second later).
void TestCliHardening::endedStepsTakeWhatLeftTheirGroup()
{
    const QByteArray serial = QByteArray::number(QCoreApplication::applicationPid() % 1000);
    const QByteArray marker = "sleep 4343." + serial;
    const QByteArray pattern = "sleep 4343[.]" + serial; // matches the sleeps, not the pgrep's shell
    write(s("left.yaml"), pipeline(
        "          - step: {id: slow, type: Shell, timeout: 1s, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Ignore}}}],"
        " spec: {command: 'setsid " + marker + "1 & setsid sh -c \"" + marker + "2 & " + marker + "3\" & sleep 30'}}\n"
        "          - step: {id: daemon, type: Shell, spec: {command: 'setsid " + marker + "4 & echo started'}}\n"
        "          - step: {id: look, type: Shell, spec: {command: 'sleep 0.5; n=$(pgrep -fc \"" + pattern
        + "\" || true); echo \"left=$n\" >> \"$PW_OUTPUT\"'}}\n"));
    const Result result = runProgram({s("run"), s("left.yaml"), s("--no-store"), s("--report"), s("report.json")},
                                     m_dir->path(), m_environment);
    PW_CHECK_EXIT(result, 0);
    const QJsonObject all = nodes(m_dir->filePath(s("report.json")));
    QCOMPARE(all.value(s("slow")).toObject().value(s("status")).toString(), s("IgnoredFailure"));
    QCOMPARE(all.value(s("look")).toObject().value(s("outputs")).toObject().value(s("left")).toString(), s("0"));
    QCOMPARE(processesWith(marker), 0);
}

void TestCliHardening::closedStandardOutputDoesNotStopTheRun_data()
{
    QTest::addColumn<QByteArray>("lastStep");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("status");
    QTest::newRow("succeeds") << QByteArray("{id: last, type: Echo, spec: {message: after}}") << 0 << s("Succeeded");
    QTest::newRow("fails") << QByteArray("{id: last, type: Fail, spec: {message: broken}}") << 1 << s("Failed");
}

// `pipewright run FILE | head -1`: head exits after one line, later writes hit a closed pipe.
void TestCliHardening::closedStandardOutputDoesNotStopTheRun()
{
    QFETCH(QByteArray, lastStep);
    QFETCH(int, exitCode);
    QFETCH(QString, status);
    write(s("p.yaml"), pipeline("          - step: {id: talk, type: Shell, spec: {command: 'seq 1 200; sleep 0.5; echo late'}}\n"
                                "          - step: " + lastStep + "\n"));
    const Result result = bash(s("\"$PW\" run p.yaml --db runs.sqlite --report report.json | head -1 >/dev/null; "
                                 "echo \"exit=${PIPESTATUS[0]}\""));
    QVERIFY2(result.ranToEnd(), result.describe().constData());
    QCOMPARE(result.out.trimmed(), "exit=" + QByteArray::number(exitCode));
    const QJsonObject report = QJsonDocument::fromJson(readFile(m_dir->filePath(s("report.json")))).object();
    QCOMPARE(report.value(s("status")).toString(), status);
    QCOMPARE(report.value(s("nodes")).toObject().value(s("talk")).toObject().value(s("status")).toString(), s("Succeeded"));
    // Stored to its end: the step's last line, printed after the pipe had closed, is in its log.
    const Result logs = runProgram({s("logs"), report.value(s("runId")).toString(), s("talk"), s("--db"), db(), s("--raw")},
                                   m_dir->path(), m_environment);
    QVERIFY2(logs.out.endsWith("late\n"), logs.describe().constData());
}

// Soft limit 32, hard limit as it was: 120 steps at once run side by side, and the steps see
// the limit they were given, not the raised one.
void TestCliHardening::moreStepsThanTheSoftDescriptorLimit()
{
    QByteArray yaml = parallelSleepers(120);
    yaml += "    - stage:\n        id: after\n        steps:\n"
            "          - step: {id: limit, type: Shell, spec: {command: 'echo \"limit=$(ulimit -n)\" >> \"$PW_OUTPUT\"'}}\n";
    write(s("many.yaml"), yaml);
    const Result result = bash(s("ulimit -Sn 32 && exec \"$PW\" run many.yaml -q --no-store --report report.json"));
    PW_CHECK_EXIT(result, 0);
    const QJsonObject all = nodes(m_dir->filePath(s("report.json")));
    QCOMPARE(countWithStatus(all, s("Succeeded")), 123); // 121 steps, 2 stages (a parallel block is no node)
    QCOMPARE(all.value(s("limit")).toObject().value(s("outputs")).toObject().value(s("limit")).toString(), s("32"));
}

// Hard limit 40: not enough for 100 steps at once; they wait for descriptors, none fails.
void TestCliHardening::stepsWaitForDescriptors()
{
    write(s("many.yaml"), parallelSleepers(100));
    const Result result = bash(s("ulimit -n 40 && exec \"$PW\" run many.yaml -q --db runs.sqlite --report report.json"), 120000);
    PW_CHECK_EXIT(result, 0);
    const QJsonObject all = nodes(m_dir->filePath(s("report.json")));
    QCOMPARE(countWithStatus(all, s("Succeeded")), 101); // 100 steps, 1 stage
    QVERIFY(!result.err.contains("Too many open files"));
}

void TestCliHardening::formatNeverDropsContent_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("error");
    const QByteArray head = "pipeline:\n  id: x\n  stages:\n    - stage:\n        id: s\n        steps:\n";
    const QByteArray step = "          - step: {id: a, type: Echo, spec: {message: hi}}\n";
    QTest::newRow("latin-1") << head + "          - step: {id: a, type: Echo, spec: {message: caf\xe9}}\n"
                             << QByteArray("7:58: not UTF-8 (byte 0xE9)");
    QTest::newRow("NUL") << QByteArray(head + step).replace("message: hi", QByteArray("message: a\0b", 12))
                         << QByteArray("7:56: NUL byte");
    QTest::newRow("second document") << head + step + "---\nother: document\n"
                                     << QByteArray("8:1: a second YAML document starts here");
    QTest::newRow("CR line ends") << QByteArray(head + step).replace('\n', '\r')
                                  << QByteArray("1:10: a line ends with CR alone");
}

// `fmt` rewrites files: one it cannot read whole is refused, byte for byte as it was.
void TestCliHardening::formatNeverDropsContent()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, error);
    const QString path = write(s("odd.yaml"), text);
    const Result result = runProgram({s("fmt"), path}, m_dir->path(), m_environment);
    PW_CHECK_EXIT(result, 2);
    const QByteArray expected = "odd.yaml:" + error;
    QVERIFY2(result.out.contains(expected), result.describe().constData());
    QCOMPARE(readFile(path), text);
}

void TestCliHardening::valuesArriveExactlyInEveryShellContext_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("command substitution") << s("$(touch pwned)");
    QTest::newRow("backquotes") << s("`touch pwned`");
    QTest::newRow("single quote") << s("it's");
    QTest::newRow("double quotes") << s("say \"hi\"; touch pwned; echo \"");
    QTest::newRow("closing single quote") << s("'; touch pwned; '");
    QTest::newRow("backslash") << s("back\\slash\\");
    QTest::newRow("newline") << s("two\nlines; touch pwned");
    QTest::newRow("variable") << s("$HOME ${PATH}");
    QTest::newRow("history") << s("!!");
    QTest::newRow("glob") << s("*");
    QTest::newRow("option") << s("-n");
    QTest::newRow("here-document end") << s("x\nEND\ntouch pwned");
}

// Every quoting context semantics.md names, with values that would be shell syntax: each
// arrives as data, byte for byte, and nothing runs.
void TestCliHardening::valuesArriveExactlyInEveryShellContext()
{
    QFETCH(QString, value);
    write(s("contexts.yaml"), "pipeline:\n  id: contexts\n  inputs:\n    - {id: x}\n  stages:\n    - stage:\n"
                              "        id: s\n        steps:\n          - step:\n              id: t\n"
                              "              type: Shell\n              spec:\n                command: |\n"
                              "                  printf '%s' {{ inputs.x }} > unquoted.out\n"
                              "                  printf '%s' \"{{ inputs.x }}\" > double.out\n"
                              "                  printf '%s' '{{ inputs.x }}' > single.out\n"
                              "                  printf '%s' \"v={{ inputs.x }}.\" > around.out\n"
                              "                  printf '%s' \"$(printf '%s' {{ inputs.x }})\" > substitution.out\n"
                              "                  printf '%s' \"$(printf '%s' \"{{ inputs.x }}\")\" > nested.out\n"
                              "                  v=`printf '%s' {{ inputs.x }}`; printf '%s' \"$v\" > backquotes.out\n"
                              "                  cat > heredoc.out <<END\n"
                              "                  {{ inputs.x }}\n"
                              "                  END\n"
                              "                  cat > quoted-heredoc.out <<'EOF'\n"
                              "                  {{ inputs.x }}\n"
                              "                  EOF\n");
    const Result result = runProgram({s("run"), s("contexts.yaml"), s("--no-store"), s("--input"), s("x=") + value},
                                     m_dir->path(), m_environment);
    PW_CHECK_EXIT(result, 0);
    QVERIFY2(!QFileInfo::exists(m_dir->filePath(s("pwned"))), "the value ran as a command");
    const QByteArray exact = value.toUtf8();
    for (const char *file : {"unquoted.out", "double.out", "single.out", "substitution.out", "nested.out", "backquotes.out"})
        QVERIFY2(readFile(m_dir->filePath(QString::fromLatin1(file))) == exact,
                 qPrintable(QString::fromLatin1(file) + s(": ") + QString::fromUtf8(readFile(m_dir->filePath(QString::fromLatin1(file))))));
    QCOMPARE(readFile(m_dir->filePath(s("around.out"))), "v=" + exact + ".");
    QCOMPARE(readFile(m_dir->filePath(s("heredoc.out"))), exact + "\n");
    QCOMPARE(readFile(m_dir->filePath(s("quoted-heredoc.out"))), exact + "\n");
}

// In a quoted here-document nothing is expanded, so the value is written there as it is; a
// value holding the end line would end the body early and run what follows: refused.
void TestCliHardening::valueCannotEndItsHereDocument()
{
    write(s("heredoc.yaml"), "pipeline:\n  id: h\n  inputs:\n    - {id: x}\n  stages:\n    - stage:\n"
                             "        id: s\n        steps:\n          - step:\n              id: t\n"
                             "              type: Shell\n              spec:\n                command: |\n"
                             "                  cat <<'EOF'\n                  {{ inputs.x }}\n                  EOF\n");
    const Result result = runProgram({s("run"), s("heredoc.yaml"), s("--no-store"), s("--input"), s("x=a\nEOF\ntouch pwned")},
                                     m_dir->path(), m_environment);
    PW_CHECK_EXIT(result, 1);
    QVERIFY2(result.out.contains("holds the line 'EOF', which would end its here-document"), result.describe().constData());
    QVERIFY(!QFileInfo::exists(m_dir->filePath(s("pwned"))));
}

void TestCliHardening::validateWarnsWhereAnotherShellParsesAValue()
{
    write(s("again.yaml"), pipeline("          - step: {id: a, type: Shell, spec: {command: 'sh -c \"echo {{ inputs.x }}\"'}}\n"
                                    "          - step: {id: b, type: Shell, spec: {command: 'eval \"echo {{ inputs.x }}\"'}}\n"
                                    "          - step: {id: c, type: Shell, spec: {command: 'ssh host \"ls {{ inputs.x }}\"'}}\n"
                                    "          - step: {id: safe, type: Shell, spec: {command: 'sh -c ''echo \"$1\"'' sh {{ inputs.x }}'}}\n",
                                    "  inputs:\n    - {id: x}\n"));
    const Result result = runProgram({s("validate"), s("again.yaml")}, m_dir->path(), m_environment);
    PW_CHECK_EXIT(result, 0);
    const QByteArray out = result.out;
    QCOMPARE(out.count("parses again as shell text"), 3);
    QVERIFY2(out.contains("step 'a': spec.command: {{ inputs.x }} is inside a string that sh -c parses again"), out.constData());
    QVERIFY2(out.contains("step 'b': spec.command: {{ inputs.x }} is inside a string that eval parses again"), out.constData());
    QVERIFY2(out.contains("step 'c': spec.command: {{ inputs.x }} is inside a string that ssh parses again"), out.constData());
}

// Peak resident memory of a live process (VmHWM), in KiB; 0 once it is gone.
static qint64 peakMemoryKiB(qint64 pid)
{
    const QByteArray status = readFile(QStringLiteral("/proc/%1/status").arg(pid));
    const qsizetype at = status.indexOf("VmHWM:");
    return at < 0 ? 0 : status.mid(at + 6, status.indexOf('\n', at) - at - 6).trimmed().split(' ').value(0).toLongLong();
}

// A server that answers with a body that never ends, as fast as it is read: the step keeps
// only the start of it, the rest flows through, and its timeout ends it.
void TestCliHardening::httpEndlessBodyCostsNoMemory()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QByteArray chunk(1024 * 1024, 'x');
    qint64 sent = 0;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            const auto refill = [socket, &chunk, &sent] {
                while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 4 * chunk.size())
                    sent += socket->write(chunk);
            };
            connect(socket, &QTcpSocket::readyRead, socket, [socket, refill] {
                if (socket->readAll().contains("\r\n\r\n")) {
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
                    refill();
                }
            });
            connect(socket, &QTcpSocket::bytesWritten, socket, refill);
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    write(s("http.yaml"), pipeline("          - step: {id: call, type: Http, timeout: 2s, spec: {url: 'http://127.0.0.1:"
                                   + QByteArray::number(server.serverPort()) + "/'}}\n"));

    QProcess program;
    program.setProcessEnvironment(m_environment);
    program.setWorkingDirectory(m_dir->path());
    QEventLoop loop;
    connect(&program, &QProcess::finished, &loop, &QEventLoop::quit);
    qint64 peakKiB = 0;
    QTimer sampler;
    connect(&sampler, &QTimer::timeout, this, [&] { peakKiB = std::max(peakKiB, peakMemoryKiB(program.processId())); });
    sampler.start(50);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    program.start(pipewrightBinary(), {s("run"), s("http.yaml"), s("--no-store"), s("--report"), s("report.json")});
    loop.exec();
    sampler.stop();
    QCOMPARE(program.state(), QProcess::NotRunning);
    QCOMPARE(program.exitCode(), 1);
    const QJsonObject call = nodes(m_dir->filePath(s("report.json"))).value(s("call")).toObject();
    QCOMPARE(call.value(s("error")).toObject().value(s("type")).toString(), s("Timeout"));
    QVERIFY2(sent > 100 * 1024 * 1024 / 10, qPrintable(QStringLiteral("only %1 bytes sent").arg(sent)));
    // Before the fix: 1.4-4 GB after 2 s on localhost; after: ~28 MB (plain build).
#ifdef PW_SANITIZED
    const qint64 limitKiB = 600 * 1024; // the sanitizers' shadow memory counts too
#else
    const qint64 limitKiB = 250 * 1024;
#endif
    QVERIFY2(peakKiB > 0 && peakKiB < limitKiB, qPrintable(QStringLiteral("peak %1 KiB while %2 bytes were sent").arg(peakKiB).arg(sent)));
}

// A PEM key printed line by line, written to the outputs, and given again as an input: none
// of its lines shows, on the console, in the report or in the stored log.
void TestCliHardening::secretsAreMaskedEverywhere()
{
    write(s("secret.yaml"), pipeline("          - step: {id: show, type: Shell, spec: {command: 'printf \"%s\\n\" \"$KEY\"; "
                                     "echo \"key=$KEY\" >> \"$PW_OUTPUT\"; echo \"given=$GIVEN\"', env: {GIVEN: '{{ inputs.token }}'}}}\n",
                                     "  secrets: [KEY]\n  inputs:\n    - {id: token}\n"));
    QProcessEnvironment environment = m_environment;
    environment.insert(s("KEY"), s("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----"));
    const Result result = runProgram({s("run"), s("secret.yaml"), s("--db"), db(), s("--report"), s("report.json"),
                                      s("--input"), s("token=MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")},
                                     m_dir->path(), environment);
    PW_CHECK_EXIT(result, 0);
    const QByteArray report = readFile(m_dir->filePath(s("report.json")));
    const QString runId = QJsonDocument::fromJson(report).object().value(s("runId")).toString();
    const QByteArray log = runProgram({s("logs"), runId, s("show"), s("--db"), db(), s("--raw")}, m_dir->path(), m_environment).out;
    QVERIFY2(log.contains("given=***"), log.constData());
    for (const QByteArray &part : {QByteArray("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), QByteArray("BKcwggSjAgEAAoIBAQC7"),
                                   QByteArray("BEGIN PRIVATE KEY")}) {
        QVERIFY2(!result.out.contains(part) && !result.err.contains(part), result.describe().constData());
        QVERIFY2(!report.contains(part), report.constData());
        QVERIFY2(!log.contains(part), log.constData());
    }
}

// A secret of 1 to 3 characters would hide every match of it ("a" in "banana") and still
// tell what it is: it is not masked, and the run says so before it starts.
void TestCliHardening::tooShortSecretIsNotMaskedAndSaysSo()
{
    write(s("short.yaml"), pipeline("          - step: {id: show, type: Shell, spec: {command: 'echo banana $PIN'}}\n",
                                    "  secrets: [PIN]\n"));
    QProcessEnvironment environment = m_environment;
    environment.insert(s("PIN"), s("a"));
    const Result result = runProgram({s("run"), s("short.yaml"), s("--no-store")}, m_dir->path(), environment);
    PW_CHECK_EXIT(result, 0);
    QVERIFY2(result.err.contains("warning: secret PIN has fewer than 4 characters: it is not masked"), result.describe().constData());
    QVERIFY2(result.out.contains("banana a"), result.describe().constData());
}

// Every step wrong: 100 lines, then how many more, and the count of the summary is whole.
void TestCliHardening::problemsArePrintedUpToAHundred()
{
    QByteArray steps;
    for (int i = 0; i < 150; ++i)
        steps += "          - step: {id: s" + QByteArray::number(i) + ", type: Nope}\n";
    write(s("wrong.yaml"), pipeline(steps));
    const Result result = runProgram({s("validate"), s("wrong.yaml")}, m_dir->path(), m_environment);
    PW_CHECK_EXIT(result, 2);
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 101);
    QVERIFY2(lines.last().startsWith("wrong.yaml: ... and 50 more problem(s) not shown (50 error(s), 0 warning(s))"),
             lines.last().constData());
    QVERIFY2(result.err.contains("150 error(s)"), result.err.constData());
}

// Nine levels of aliases, each naming the one before two or three times: under 1 KB of text
// that would be over 100,000 steps, all of them wrong.
void TestCliHardening::aliasBombIsRefusedAtOnce()
{
    const QByteArray bomb = readFile(s(PW_TEST_DATA_DIR "/model/data/malformed/64-alias-bomb.yaml"));
    QVERIFY(!bomb.isEmpty());
    write(s("bomb.yaml"), bomb);
    const Result result = runProgram({s("run"), s("bomb.yaml"), s("--no-store")}, m_dir->path(), m_environment);
    PW_CHECK_EXIT(result, 2);
    QVERIFY2(result.err.startsWith("bomb.yaml:2:36: aliases ('*name') make this"), result.describe().constData());
    QCOMPARE(result.err.count('\n'), 2); // the problem, and "not run"
}

// The limit is 100,000 steps and groups: exactly that many load and run.
void TestCliHardening::hundredThousandStepsLoadAndRun()
{
#ifdef PW_SANITIZED
    QSKIP("100,000 steps take gigabytes under the sanitizers; the plain build runs this");
#endif
    QByteArray steps;
    steps.reserve(100000 * 64);
    for (int i = 0; i < 100000; ++i)
        steps += "          - step: {id: e" + QByteArray::number(i) + ", type: Echo, spec: {message: hi}}\n";
    write(s("big.yaml"), pipeline(steps));
    const Result result = runProgram({s("run"), s("big.yaml"), s("-q"), s("--no-store")}, m_dir->path(), m_environment, 120000);
    PW_CHECK_EXIT(result, 0);
    write(s("bigger.yaml"), pipeline(steps + "          - step: {id: one_more, type: Echo, spec: {message: hi}}\n"));
    const Result refused = runProgram({s("validate"), s("bigger.yaml")}, m_dir->path(), m_environment, 120000);
    PW_CHECK_EXIT(refused, 2);
    QVERIFY2(refused.out.contains("bigger.yaml:100007:13: stage 's': more than 100000 steps and groups"), refused.describe().left(2000).constData());
}

// 130,000 steps: refused from a count of the text, before the parser builds a tree of a
// gigabyte and more (a 52 MB file of 700,000 steps took 26 s and 4 GB; now 0.4 s, 74 MB).
void TestCliHardening::farTooManyStepsAreRefusedBeforeParsing()
{
    QByteArray steps;
    steps.reserve(130000 * 64);
    for (int i = 0; i < 130000; ++i)
        steps += "          - step: {id: e" + QByteArray::number(i) + ", type: Echo, spec: {message: hi}}\n";
    write(s("huge.yaml"), pipeline(steps));
    const Result result = runProgram({s("validate"), s("huge.yaml")}, m_dir->path(), m_environment);
    PW_CHECK_EXIT(result, 2);
    QCOMPARE(result.out.trimmed(), QByteArray("huge.yaml:120007:13: more than 100000 steps and groups (at least 120001 here): not read"));
}

// The peak resident memory of `pipewright arguments` (output discarded), as the kernel counted
// it when the program ended (wait4): sampling /proc could miss a peak just before the end.
static qint64 peakMemoryOfRunKiB(const QStringList &arguments)
{
    QList<QByteArray> words{QFile::encodeName(pipewrightBinary())};
    for (const QString &argument : arguments)
        words << QFile::encodeName(argument);
    std::vector<char *> argv;
    for (QByteArray &word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return -1;
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status))
        return -1;
    return usage.ru_maxrss; // KiB on Linux
}

// Loading a file costs at most ~30 times its size on top of what the program needs anyway
// (measured here: validating a file of one step). Before the YAML tree of our own and the
// compact source map, a 4.8 MB file of 66,000 steps took ~100 times its size (491 MB); now
// ~17 times (plain build; 98 MB, of which 16 MB is the baseline).
void TestCliHardening::loadingMemoryStaysUnderThirtyTimesTheFile()
{
    QByteArray steps;
    steps.reserve(66000 * 76);
    for (int i = 0; i < 66000; ++i)
        steps += "          - step: {id: s" + QByteArray::number(i) + ", type: Shell, spec: {command: \"echo "
               + QByteArray::number(i) + "\"}}\n";
    const QByteArray big = pipeline(steps);
    const QString bigPath = write(s("big.yaml"), big);
    const QString tinyPath = write(s("tiny.yaml"), pipeline("          - step: {id: s, type: Shell, spec: {command: echo}}\n"));
    const qint64 baselineKiB = peakMemoryOfRunKiB({s("validate"), tinyPath});
    const qint64 peakKiB = peakMemoryOfRunKiB({s("validate"), bigPath});
    QVERIFY2(baselineKiB > 0 && peakKiB > 0, "validate did not run");
#ifdef PW_SANITIZED
    // AddressSanitizer's redzones double small allocations or more, and its quarantine keeps
    // up to 256 MB of freed memory (measured: 928 MB, over a baseline of 118 MB).
    const qint64 limitKiB = baselineKiB + 6 * 30 * big.size() / 1024 + 256 * 1024;
#else
    const qint64 limitKiB = baselineKiB + 30 * big.size() / 1024;
#endif
    QVERIFY2(peakKiB < limitKiB, qPrintable(QStringLiteral("peak %1 KiB for a file of %2 KiB (baseline %3 KiB, limit %4 KiB)")
                                                 .arg(peakKiB).arg(big.size() / 1024).arg(baselineKiB).arg(limitKiB)));
}

void TestCliHardening::leftoverOutputDirectoriesAreRemoved()
{
    // A dead program's directory (its .owner lock free), and a live one's (we hold its lock).
    const QString dead = QDir(temp()).filePath(s("pipewright-outputs-dead01"));
    const QString live = QDir(temp()).filePath(s("pipewright-outputs-live01"));
    for (const QString &dir : {dead, live}) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + s("/.owner"), {}));
        QVERIFY(writeFile(dir + s("/attempt-7"), "key=value\n"));
    }
    const int lock = ::open(QFile::encodeName(live + s("/.owner")).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(lock >= 0);
    QCOMPARE(::flock(lock, LOCK_EX | LOCK_NB), 0);
    // Someone else's, or not ours to judge: a plain directory of that name made just now.
    const QString beingMade = QDir(temp()).filePath(s("pipewright-outputs-new001"));
    QVERIFY(QDir().mkpath(beingMade));

    write(s("one.yaml"), pipeline("          - step: {id: one, type: Shell, spec: {command: 'echo x=1 >> \"$PW_OUTPUT\"'}}\n"));
    PW_CHECK_EXIT(runProgram({s("run"), s("one.yaml"), s("-q"), s("--no-store")}, m_dir->path(), m_environment), 0);
    ::close(lock);
    QVERIFY(!QFileInfo::exists(dead));
    QVERIFY(QFileInfo::exists(live + s("/attempt-7")));
    QVERIFY(QFileInfo::exists(beingMade));
    // Our own is gone with us.
    QCOMPARE(outputDirectories(), QStringList({s("pipewright-outputs-live01"), s("pipewright-outputs-new001")}));
}

void TestCliHardening::killedProgramsDirectoryIsRemovedNextTime()
{
    write(s("slow.yaml"), pipeline("          - step: {id: slow, type: Shell, spec: {command: 'sleep 30'}}\n"));
    QProcess slow;
    slow.setProcessEnvironment(m_environment);
    slow.setWorkingDirectory(m_dir->path());
    slow.start(pipewrightBinary(), {s("run"), s("slow.yaml"), s("-q"), s("--no-store")});
    QVERIFY(slow.waitForStarted());
    QVERIFY2(waitUntil([&] { return outputDirectories().size() == 1; }, 20000), "no output directory appeared");
    const QString left = outputDirectories().constFirst();
    ::kill(pid_t(slow.processId()), SIGKILL);
    QVERIFY(slow.waitForFinished());
    QVERIFY(QFileInfo::exists(QDir(temp()).filePath(left)));

    write(s("one.yaml"), pipeline("          - step: {id: one, type: Shell, spec: {command: 'true'}}\n"));
    PW_CHECK_EXIT(runProgram({s("run"), s("one.yaml"), s("-q"), s("--no-store")}, m_dir->path(), m_environment), 0);
    QVERIFY(!QFileInfo::exists(QDir(temp()).filePath(left)));
    QVERIFY(outputDirectories().isEmpty());
}

QTEST_GUILESS_MAIN(TestCliHardening)
#include "tst_cli_hardening.moc"
