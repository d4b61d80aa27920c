#include "ShellExecutor.h"

#include "ShellOutputFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>

#include <dirent.h>

#include <sys/prctl.h>
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
// Outputs are meant for small values (ids, versions, flags); a runaway writer must not make
// us read gigabytes on the engine thread.
constexpr qint64 kMaxOutputFileBytes = 1024 * 1024;

// Runs in the forked child before exec: only async-signal-safe calls.
void prepareChild(pid_t parent)
{
    // A group of its own: cancelling signals the whole group, grandchildren included.
    ::setpgid(0, 0);
    // Die with us, even when we are killed with SIGKILL and can clean up nothing.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
        ::_exit(127); // we died between fork and prctl: nobody would kill this child
    // A blocked or ignored signal survives exec: whatever the engine thread blocks or
    // ignores must not make the step deaf to our SIGTERM or to a closed pipe.
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction byDefault = {};
    byDefault.sa_handler = SIG_DFL;
    for (int signal : {SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGPIPE})
        ::sigaction(signal, &byDefault, nullptr);
}

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
    : StepExecutor(parent), m_killTimer(this), m_groupPoll(this)
{
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
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    signalGroup(SIGKILL);
    // QProcess's destructor would kill the shell and then *wait* for it. Instead the QProcess
    // lives on, owned by nobody, until the event loop has collected the exit, then deletes
    // itself. (If this thread's event loop never runs again, it leaks with the program.)
    QProcess *orphan = m_process.release();
    orphan->disconnect(this);
    orphan->setParent(nullptr);
    connect(orphan, &QProcess::finished, orphan, &QObject::deleteLater);
    connect(orphan, &QProcess::errorOccurred, orphan, [orphan](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            orphan->deleteLater();
    });
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
    m_stdout = LineSplitter();
    m_stderr = LineSplitter();

    const QString workingDir = resolveWorkingDir(request, m_spec.workingDir);
    if (const QFileInfo dir(workingDir); !workingDir.isEmpty() && !dir.isDir()) {
        fail(model::ErrorType::DelegateProvisioning,
             QStringLiteral("working directory '%1' %2")
                 .arg(workingDir,
                      dir.exists() ? QStringLiteral("is not a directory")
                                   : QStringLiteral("does not exist")));
        return;
    }

    m_outputDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/pipewright-step-XXXXXX");
    m_outputPath = m_outputDir->filePath(QStringLiteral("outputs"));
    if (!m_outputDir->isValid() || !QFile(m_outputPath).open(QIODevice::WriteOnly)) {
        fail(model::ErrorType::DelegateProvisioning,
             QStringLiteral("cannot create the PW_OUTPUT file in %1").arg(QDir::tempPath()));
        return;
    }

    QProcessEnvironment environment = baseEnvironment(request.environment);
    for (const auto &[name, value] : m_spec.env)
        environment.insert(name, value);
    environment.insert(QStringLiteral("PW_OUTPUT"), m_outputPath);

    const QString shell = m_spec.shell.value_or(QStringLiteral("/bin/sh"));
    m_process = std::make_unique<QProcess>(this);
    m_process->setProgram(shell);
    m_process->setArguments({QStringLiteral("-c"), m_spec.command});
    m_process->setWorkingDirectory(workingDir);
    m_process->setProcessEnvironment(environment);
    m_process->setStandardInputFile(QProcess::nullDevice()); // a read gets EOF, never hangs
    const pid_t parent = ::getpid();
    m_process->setChildProcessModifier([parent] { prepareChild(parent); });

    connect(m_process.get(), &QProcess::readyReadStandardOutput, this,
            &ShellExecutor::readStandardOutput);
    connect(m_process.get(), &QProcess::readyReadStandardError, this,
            &ShellExecutor::readStandardError);
    connect(m_process.get(), &QProcess::errorOccurred, this, &ShellExecutor::onErrorOccurred);
    connect(m_process.get(), &QProcess::finished, this, &ShellExecutor::onProcessFinished);

    m_running = true;
    m_process->start(QIODevice::ReadOnly);
    if (m_running && m_process->state() != QProcess::NotRunning) {
        const pid_t pid = static_cast<pid_t>(m_process->processId());
        // The child makes itself a group leader before exec, but a cancel() may come before
        // it got that far: setting it from here too leaves no window (one of both succeeds).
        ::setpgid(pid, pid);
        m_groupId = pid;
    }
}

void ShellExecutor::cancel(CancelReason reason)
{
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

void ShellExecutor::readStandardOutput()
{
    for (const QString &line : m_stdout.feed(m_process->readAllStandardOutput()))
        emit logLine(Stream::Out, line);
}

void ShellExecutor::readStandardError()
{
    for (const QString &line : m_stderr.feed(m_process->readAllStandardError()))
        emit logLine(Stream::Err, line);
}

void ShellExecutor::flushPartialLines()
{
    readStandardOutput();
    readStandardError();
    if (const auto last = m_stdout.finish())
        emit logLine(Stream::Out, *last);
    if (const auto last = m_stderr.finish())
        emit logLine(Stream::Err, *last);
}

void ShellExecutor::onErrorOccurred(QProcess::ProcessError error)
{
    // Other errors (a crash, a read error) are followed by finished(); only a failed start
    // is not.
    if (error != QProcess::FailedToStart || !m_running)
        return;
    m_groupId = 0; // nothing ran, and the number may belong to someone else by now
    endAttempt();
    m_outputDir.reset();
    if (m_cancelReason) {
        finishSoon(cancelledOutcome(*m_cancelReason));
        return;
    }
    fail(model::ErrorType::DelegateProvisioning,
         QStringLiteral("could not start the shell %1: %2")
             .arg(m_process->program(), m_process->errorString()));
}

void ShellExecutor::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_running)
        return;
    flushPartialLines();
    endAttempt();
    finishWhenGroupIsGone(m_cancelReason ? cancelledOutcome(*m_cancelReason)
                                         : outcomeOfExit(exitCode, status));
    m_outputDir.reset();
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
    // reaches exactly them; with none left it is a harmless ESRCH.
    signalGroup(SIGKILL);
}

AttemptOutcome ShellExecutor::outcomeOfExit(int exitCode, QProcess::ExitStatus status)
{
    if (status == QProcess::CrashExit) // QProcess reports the signal number as the exit code
        return failure(model::ErrorType::Unknown,
                       QStringLiteral("killed by signal %1").arg(exitCode));
    if (exitCode == 0)
        return success(readOutputFile());
    const QString message = QStringLiteral("exit code %1").arg(exitCode);
    for (const auto &[code, type] : m_spec.exitCodes) {
        if (code == exitCode)
            return failure(type, message);
    }
    return failure(model::ErrorType::Unknown, message);
}

QVariantMap ShellExecutor::readOutputFile()
{
    QFile file(m_outputPath);
    if (!file.open(QIODevice::ReadOnly))
        return {}; // the command removed it: it has nothing to say
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
