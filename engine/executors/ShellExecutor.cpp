#include "ShellExecutor.h"

#include "OrphanSweep.h"
#include "ProcessTag.h"
#include "ShellOutputFile.h"
#include "SimpleCommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>

#include <unistd.h>

namespace pw::engine {

// Whether a process of the group is still alive. kill(-group, 0) also counts zombies, which
// never go away where PID 1 does not reap (containers), so /proc tells the living apart.
static bool groupHasLiveMembers(pid_t group)
{
    if (group <= 0 || ::kill(-group, 0) != 0)
        return false;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return true;
    bool alive = false;
    while (const dirent *entry = ::readdir(proc)) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
            continue;
        char path[300];
        std::snprintf(path, sizeof path, "/proc/%s/stat", entry->d_name);
        FILE *file = std::fopen(path, "r");
        if (!file)
            continue;
        char buffer[512];
        const size_t length = std::fread(buffer, 1, sizeof buffer - 1, file);
        std::fclose(file);
        buffer[length] = '\0';
        // "pid (comm) state ppid pgrp ...": comm may hold spaces, so parse after the last ')'.
        const char *afterName = std::strrchr(buffer, ')');
        char state = 0;
        int parent = 0;
        int processGroup = 0;
        if (afterName && std::sscanf(afterName + 1, " %c %d %d", &state, &parent, &processGroup) == 3
            && processGroup == group && state != 'Z' && state != 'X') {
            alive = true;
            break;
        }
    }
    ::closedir(proc);
    return alive;
}

namespace {

using Stream = LogLine::Stream;

constexpr qint64 kDefaultKillGraceMs = 5000;
constexpr int kDescriptorWaitMs = 20;
// Outputs are meant for small values (ids, versions, flags); a runaway writer must not make
// us read gigabytes on the engine thread.
constexpr qint64 kMaxOutputFileBytes = 1024 * 1024;

QString resolveWorkingDir(const AttemptRequest &request, const QString &specDir)
{
    if (specDir.isEmpty())
        return request.defaultWorkingDir; // empty: the program's own working directory
    const QString base
        = request.defaultWorkingDir.isEmpty() ? QDir::currentPath() : request.defaultWorkingDir;
    return QDir::cleanPath(QDir(base).absoluteFilePath(specDir));
}

QProcessEnvironment baseEnvironment(const QProcessEnvironment &given)
{
    // An empty environment would start the shell without PATH; the scheduler normally
    // passes the program's own plus inputs and secrets, but "nothing given" means inherit.
    if (given.inheritsFromParent() || given.isEmpty())
        return QProcessEnvironment::systemEnvironment();
    return given;
}

int clampToTimerMs(qint64 ms)
{
    return static_cast<int>(qBound<qint64>(0, ms, qint64(INT_MAX)));
}

} // namespace

ShellExecutor::ShellExecutor(QObject *parent)
    : StepExecutor(parent), m_killTimer(this), m_groupPoll(this), m_descriptorWait(this)
{
    m_descriptorWait.setSingleShot(true);
    m_descriptorWait.setInterval(kDescriptorWaitMs);
    connect(&m_descriptorWait, &QTimer::timeout, this, &ShellExecutor::launch);
    m_groupPoll.setInterval(2);
    connect(&m_groupPoll, &QTimer::timeout, this, [this] {
        if (groupHasLiveMembers(m_groupId) && --m_groupPollsLeft > 0)
            return;
        m_groupPoll.stop();
        finishSoon(m_outcomeAfterGroup);
    });
    m_killTimer.setSingleShot(true);
    m_killTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        emit logLine(Stream::Engine,
                     QStringLiteral("still running after killGrace: sending SIGKILL"));
        signalGroup(SIGKILL);
    });
}

ShellExecutor::~ShellExecutor()
{
    // The process kills a still running group and reaps it later, without waiting.
    if (m_process && m_process->isRunning())
        m_process->disconnect(this);
    removeOutputFile();
}

void ShellExecutor::start(const AttemptRequest &request)
{
    Q_ASSERT(!m_running);
    const auto *spec = std::get_if<model::ShellSpec>(&request.spec);
    if (!spec) {
        fail(model::ErrorType::Unknown, QStringLiteral("internal error: not a Shell step"));
        return;
    }
    m_spec = *spec;
    m_cancelReason.reset();
    m_groupId = 0;
    resetOutput();

    const QString workingDir = resolveWorkingDir(request, m_spec.workingDir);
    if (const QFileInfo dir(workingDir); !workingDir.isEmpty() && !dir.isDir()) {
        fail(model::ErrorType::DelegateProvisioning,
             QStringLiteral("working directory '%1' %2")
                 .arg(workingDir,
                      dir.exists() ? QStringLiteral("is not a directory")
                                   : QStringLiteral("does not exist")));
        return;
    }

    m_outputPath = newShellOutputPath();
    if (m_outputPath.isEmpty()) {
        fail(model::ErrorType::DelegateProvisioning,
             QStringLiteral("cannot create a directory for PW_OUTPUT files in %1")
                 .arg(QDir::tempPath()));
        return;
    }

    ChildEnvironment childEnvironment = ChildEnvironment::encoded(baseEnvironment(request.environment));
    for (const auto &[name, value] : m_spec.env)
        childEnvironment.set(name, value);
    childEnvironment.set(QStringLiteral("PW_OUTPUT"), m_outputPath);
    const QByteArray tag = newAttemptTag();
    childEnvironment.set(QString::fromLatin1(kProcessTagVariable), QString::fromLatin1(tag));

    const QString shell = m_spec.shell.value_or(QStringLiteral("/bin/sh"));
    m_viaShell = ChildProgram{shell, {QStringLiteral("-c"), m_spec.command}, childEnvironment, workingDir, tag};
    // A simple command goes without the shell when its program is there to run; whatever
    // stops it from starting (a script without #!, say) is left to the shell to handle.
    m_direct = withoutShell(childEnvironment, workingDir);
    if (m_direct)
        m_direct->tag = tag;
    launch();
}

void ShellExecutor::launch()
{
    const bool startedDirectly = m_direct && !startChild(*m_direct);
    if (m_direct && !startedDirectly && !m_process->ranOutOfDescriptors())
        forgetProgramLookups(); // it may have moved; the next lookup walks PATH again
    if (const std::optional<QString> error = startedDirectly ? std::nullopt : startChild(m_viaShell)) {
        if (m_process->ranOutOfDescriptors()) {
            if (!m_descriptorWait.isActive() && !m_waitingForDescriptors)
                emit logLine(Stream::Engine,
                             QStringLiteral("waiting for a free file descriptor (%1)").arg(*error));
            m_waitingForDescriptors = true;
            m_descriptorWait.start();
            return;
        }
        m_waitingForDescriptors = false;
        fail(model::ErrorType::DelegateProvisioning,
             QStringLiteral("could not start the shell %1: %2").arg(m_viaShell.program, *error));
        return;
    }
    m_waitingForDescriptors = false;
    m_groupId = m_process->processId();
    m_running = true;
}

std::optional<ChildProgram> ShellExecutor::withoutShell(const ChildEnvironment &environment,
                                                        const QString &workingDir) const
{
    if (m_spec.shell) // a shell of the user's choice may give the words another meaning
        return std::nullopt;
    std::optional<QStringList> words = simpleCommandWords(m_spec.command);
    if (!words)
        return std::nullopt;
    const QString name = words->takeFirst();
    // Not found: the shell says "not found" in its own words, with exit code 127.
    if (!name.contains(u'/')) {
        const QString path = findProgram(name, environment); // an executable file, or empty
        if (path.isEmpty())
            return std::nullopt;
        return ChildProgram{path, *words, environment, workingDir, {}};
    }
    const QDir base(workingDir.isEmpty() ? QDir::currentPath() : workingDir);
    const QString path = QDir::cleanPath(base.absoluteFilePath(name));
    if (const QFileInfo program(path); !program.isFile() || !program.isExecutable())
        return std::nullopt;
    return ChildProgram{path, *words, environment, workingDir, {}};
}

std::optional<QString> ShellExecutor::startChild(const ChildProgram &program)
{
    m_process = std::make_unique<GroupLeaderProcess>(this);
    connect(m_process.get(), &GroupLeaderProcess::standardOutput, this,
            [this](const QByteArray &bytes) { writeOutput(Stream::Out, bytes); });
    connect(m_process.get(), &GroupLeaderProcess::standardError, this,
            [this](const QByteArray &bytes) { writeOutput(Stream::Err, bytes); });
    connect(m_process.get(), &GroupLeaderProcess::finished, this,
            &ShellExecutor::onProcessFinished);
    return m_process->start(program);
}

void ShellExecutor::cancel(CancelReason reason)
{
    if (m_waitingForDescriptors) { // nothing started: nothing to stop
        m_waitingForDescriptors = false;
        m_descriptorWait.stop();
        finishSoon(cancelledOutcome(reason));
        return;
    }
    if (cancelPending(reason) || !m_running || m_cancelReason)
        return;
    m_cancelReason = reason;
    const qint64 graceMs
        = m_spec.killGrace ? m_spec.killGrace->milliseconds() : kDefaultKillGraceMs;
    emit logLine(Stream::Engine,
                 QStringLiteral("cancelling: sending SIGTERM, SIGKILL after %1")
                     .arg(model::Duration::fromMilliseconds(graceMs).toString()));
    signalGroup(SIGTERM);
    m_killTimer.start(clampToTimerMs(graceMs));
}

void ShellExecutor::fail(model::ErrorType type, const QString &message)
{
    finishSoon(failure(type, message));
}

void ShellExecutor::flushPartialLines()
{
    m_process->drainOutput();
    endOutput(Stream::Out);
    endOutput(Stream::Err);
}

void ShellExecutor::onProcessFinished(int exitCode, int signal)
{
    if (!m_running)
        return;
    flushPartialLines();
    endAttempt();
    finishWhenGroupIsGone(m_cancelReason ? cancelledOutcome(*m_cancelReason)
                                         : outcomeOfExit(exitCode, signal));
    removeOutputFile();
}

// "No process of a step outlives its step": the group got SIGKILL, but a process that was
// already reparented dies a moment later. The attempt ends once the group is empty (polled
// briefly; a process stuck in the kernel cannot hold the run for more than ~2 s).
void ShellExecutor::finishWhenGroupIsGone(const AttemptOutcome &outcome)
{
    if (!groupHasLiveMembers(m_groupId)) {
        finishSoon(outcome);
        return;
    }
    m_outcomeAfterGroup = outcome;
    m_groupPollsLeft = 1000;
    m_groupPoll.start();
}

void ShellExecutor::endAttempt()
{
    m_running = false;
    m_killTimer.stop();
    // The shell is gone, but what it started in the background may still run (or ignore our
    // SIGTERM). Its group id cannot have been reused while any of them is alive, so this
    // reaches exactly them; with none left it is a harmless ESRCH. What left the group is
    // ours now (subreaper) and tagged with this attempt: the sweep takes it.
    signalGroup(SIGKILL);
    scheduleOrphanSweep();
}

AttemptOutcome ShellExecutor::outcomeOfExit(int exitCode, int signal)
{
    if (signal != 0)
        return failure(model::ErrorType::Unknown, QStringLiteral("killed by signal %1").arg(signal));
    if (exitCode == 0)
        return success(readOutputFile());
    const QString message = QStringLiteral("exit code %1").arg(exitCode);
    for (const auto &[code, type] : m_spec.exitCodes) {
        if (code == exitCode)
            return failure(type, message);
    }
    return failure(model::ErrorType::Unknown, message);
}

void ShellExecutor::removeOutputFile()
{
    if (!m_outputPath.isEmpty())
        ::unlink(QFile::encodeName(m_outputPath).constData());
    m_outputPath.clear();
}

QVariantMap ShellExecutor::readOutputFile()
{
    const int fd = ::open(QFile::encodeName(m_outputPath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            m_outputPath.clear(); // never written (or removed by the command): nothing to delete
        return {};
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return {};
    }
    QByteArray content = file.read(kMaxOutputFileBytes + 1);
    if (content.size() > kMaxOutputFileBytes) {
        content.truncate(content.lastIndexOf('\n', kMaxOutputFileBytes) + 1);
        emit logLine(Stream::Engine,
                     QStringLiteral("PW_OUTPUT is larger than %1 bytes: the rest is ignored")
                         .arg(kMaxOutputFileBytes));
    }
    const ShellOutputs outputs = parseShellOutputs(content);
    for (const QString &warning : outputs.warnings)
        emit logLine(Stream::Engine, warning);
    return outputs.values;
}

void ShellExecutor::signalGroup(int signal) const
{
    if (m_groupId > 0)
        ::kill(-m_groupId, signal);
}

} // namespace pw::engine
