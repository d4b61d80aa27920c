#pragma once

// Runs the `pipewright` program as a real process for the command-line suites.

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QThread>

#include <functional>

namespace pwtest {

inline QString pipewrightBinary()
{
    return QStringLiteral(PW_BINARY);
}

struct Result
{
    bool finished = false;
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    bool ranToEnd() const { return finished && status == QProcess::NormalExit; }
    QByteArray describe() const
    {
        return "exit code " + QByteArray::number(exitCode) + (finished ? "" : " (timed out)")
               + (status == QProcess::CrashExit ? " (crashed)" : "") + "\n--- stdout:\n" + out
               + "--- stderr:\n" + err;
    }
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};

// Evaluates `result` once (it may be the call that runs the program).
#define PW_CHECK_EXIT(result, code)                                                                \
    do {                                                                                           \
        const ::pwtest::Result pwChecked_ = (result);                                              \
        QVERIFY2(pwChecked_.ranToEnd() && pwChecked_.exitCode == (code),                           \
                 pwChecked_.describe().constData());                                               \
    } while (false)

// Runs `program arguments...` to its end (or `timeoutMs`, then kills it).
inline Result runCommand(const QString &program, const QStringList &arguments, const QString &workingDir,
                         const QProcessEnvironment &environment, int timeoutMs = 60000)
{
    Result result;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workingDir);
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs))
        return result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(timeoutMs);
    }
    result.status = process.exitStatus();
    result.exitCode = result.finished ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// Runs `pipewright arguments...` to its end (or `timeoutMs`, then kills it).
inline Result runProgram(const QStringList &arguments, const QString &workingDir,
                         const QProcessEnvironment &environment, int timeoutMs = 60000)
{
    return runCommand(pipewrightBinary(), arguments, workingDir, environment, timeoutMs);
}

// Polls `condition` every 50 ms for up to `timeoutMs`; whether it became true.
inline bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 30000)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (condition())
            return true;
        QThread::msleep(50);
    }
    return condition();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace pwtest
