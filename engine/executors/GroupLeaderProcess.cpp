#include "GroupLeaderProcess.h"

#include "ChildPriority.h"
#include "DescriptorLimit.h"
#include "DescriptorWatch.h"
#include "OrphanSweep.h"
#include "OrphanWatchdog.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTimer>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace pw::engine {

namespace {

constexpr int kExitPollMs = 5;
constexpr int kPipeBytes = 1024 * 1024;

// Children killed by a destructor are reaped later, by whoever starts or kills the next one,
// so that no destructor waits (and none leaves a zombie for long).
QMutex g_zombieMutex;
std::vector<pid_t> g_zombies;

void reapZombies()
{
    QMutexLocker lock(&g_zombieMutex);
    std::erase_if(g_zombies, [](pid_t pid) { return ::waitpid(pid, nullptr, WNOHANG) != 0; });
}

void reapLater(pid_t pid)
{
    if (::waitpid(pid, nullptr, WNOHANG) != 0)
        return;
    QMutexLocker lock(&g_zombieMutex);
    g_zombies.push_back(pid);
}

int openPidFd(pid_t pid)
{
#ifdef SYS_pidfd_open
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
    Q_UNUSED(pid);
    errno = ENOSYS;
    return -1;
#endif
}

// A descriptor at 3 or above, so that dup2() onto 0, 1 and 2 in the child cannot clobber it.
int aboveStandardStreams(int fd)
{
    if (fd < 0 || fd > 2)
        return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    ::close(fd);
    return moved;
}

bool openPipe(int fds[2])
{
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return false;
    fds[0] = aboveStandardStreams(fds[0]);
    fds[1] = aboveStandardStreams(fds[1]);
    return fds[0] >= 0 && fds[1] >= 0;
}

// Every child's stdin, opened once: a path lookup per step is measurable with short steps.
// Close-on-exec, and never closed (the children get it through dup2()).
int sharedDevNull()
{
    static std::atomic<int> shared{-1};
    if (const int fd = shared.load(); fd >= 0)
        return fd;
    const int fd = aboveStandardStreams(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    int expected = -1;
    if (fd >= 0 && !shared.compare_exchange_strong(expected, fd)) {
        ::close(fd); // another thread was first
        return expected;
    }
    return fd; // -1 when it failed: tried again next time
}

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// The program as execve() wants it, built before vfork(): the child may only make system
// calls, and everything it reads must stay alive until it has exec'd.
struct ExecImage
{
    QByteArray path;
    QByteArray workingDirectory;
    QByteArrayList arguments;
    ChildEnvironment environment; // a shared copy: the entries stay where they are
    std::vector<char *> argv;
    std::vector<char *> envp;

    // execve() takes char *const[] but does not write through it.
    static std::vector<char *> pointers(const QByteArrayList &strings)
    {
        std::vector<char *> result;
        result.reserve(size_t(strings.size()) + 1);
        for (const QByteArray &string : strings)
            result.push_back(const_cast<char *>(string.constData()));
        result.push_back(nullptr);
        return result;
    }
};

QString pathVariable(const ChildEnvironment &environment)
{
    const QByteArray path = environment.value("PATH");
    return QString::fromLocal8Bit(path.isNull() ? qgetenv("PATH") : path);
}

// The absolute program: a bare name is looked up in the child's PATH, as a shell would.
QString resolveProgram(const ChildProgram &program)
{
    if (program.program.contains(u'/'))
        return program.program;
    const QString found = findProgram(program.program, program.environment);
    return found.isEmpty() ? program.program : found;
}

// What the child does between vfork() and execve(). It shares our memory and runs while the
// starting thread is suspended: system calls only, no allocation, no locks. Why it did not
// get to exec goes through a close-on-exec pipe rather than the shared memory, so that it
// also arrives when vfork() is really a fork() (sanitizers replace it).
struct ChildFailure
{
    int error = 0;
    int duringChdir = 0;
};

[[noreturn]] void reportFailure(int errorPipe, bool duringChdir)
{
    const ChildFailure failure{errno, duringChdir ? 1 : 0};
    [[maybe_unused]] const ssize_t written = ::write(errorPipe, &failure, sizeof failure);
    ::_exit(127);
}

[[noreturn]] void runChild(const ExecImage &image, int stdinFd, int stdoutFd, int stderrFd,
                           int errorPipe, pid_t parent, const rlimit *descriptorLimit, const int *niceValue)
{
    // A group of its own: cancelling signals the whole group, grandchildren included.
    ::setpgid(0, 0);
    // Die with the thread that started us, even when the program is killed with SIGKILL.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
        ::_exit(127); // the parent died before prctl: nobody would ever kill this child

    // Ignored signals survive exec and would make the step deaf to our SIGTERM, to a closed
    // pipe or to its own children's ends: these get their default back. The handlers we
    // install are for these too, so none of ours can run here once signals are unblocked;
    // every other handler is reset by exec itself. (Asking about each of the 64 signals, as
    // this did before, cost 4 % of benchmark (b): the engine waits for vfork's child.)
    struct sigaction byDefault = {};
    byDefault.sa_handler = SIG_DFL;
    for (const int signal : {SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGPIPE, SIGCHLD})
        ::sigaction(signal, &byDefault, nullptr);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);

    if (descriptorLimit)
        ::setrlimit(RLIMIT_NOFILE, descriptorLimit); // the limit we were given, not the raised one
    if (::dup2(stdinFd, 0) < 0 || ::dup2(stdoutFd, 1) < 0 || ::dup2(stderrFd, 2) < 0)
        reportFailure(errorPipe, false);
    if (!image.workingDirectory.isEmpty() && ::chdir(image.workingDirectory.constData()) != 0)
        reportFailure(errorPipe, true);
    // Last, so that until exec the child shares our priority as it shares our memory
    // (ChildPriority.h); the program and everything it starts then run at the lower one.
    if (niceValue)
        ::setpriority(PRIO_PROCESS, 0, *niceValue);
    ::execve(image.path.constData(), image.argv.data(), image.envp.data());
    reportFailure(errorPipe, false);
}

// vfork() in a function of its own that touches nothing after the child returns, so that no
// variable of the caller can be clobbered by the child's use of the shared stack frame.
pid_t spawn(const ExecImage &image, int stdinFd, int stdoutFd, int stderrFd, int errorPipe,
            const std::optional<int> &niceValue)
{
    const pid_t parent = ::getpid();
    const rlimit *descriptorLimit = childDescriptorLimit();
    // No handler of ours may run in the child (it shares our memory): block everything until
    // the child has exec'd, which is when vfork() returns here.
    sigset_t all;
    sigset_t previous;
    ::sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &previous);
    const pid_t pid = ::vfork();
    if (pid == 0)
        runChild(image, stdinFd, stdoutFd, stderrFd, errorPipe, parent, descriptorLimit,
                 niceValue ? &*niceValue : nullptr);
    const int forkError = errno;
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    errno = forkError;
    return pid;
}

} // namespace

namespace {
// Remembered lookups, as a shell's `hash` does: walking PATH costs a stat per directory, per
// step. A program removed since is noticed when it fails to start (forgetProgramLookups()).
QMutex g_lookupMutex;
QHash<QString, QString> g_lookups; // PATH + '\n' + name -> absolute path or ""
} // namespace

QString findProgram(const QString &name, const ChildEnvironment &environment)
{
    const QString pathValue = pathVariable(environment);
    const QString key = pathValue + u'\n' + name;
    {
        QMutexLocker lock(&g_lookupMutex);
        if (const auto found = g_lookups.constFind(key); found != g_lookups.cend())
            return *found;
    }
    const QString found
        = QStandardPaths::findExecutable(name, pathValue.split(u':', Qt::SkipEmptyParts));
    QMutexLocker lock(&g_lookupMutex);
    g_lookups.insert(key, found);
    return found;
}

void forgetProgramLookups()
{
    QMutexLocker lock(&g_lookupMutex);
    g_lookups.clear();
}

GroupLeaderProcess::GroupLeaderProcess(QObject *parent) : QObject(parent) {}

GroupLeaderProcess::~GroupLeaderProcess()
{
    if (isRunning()) {
        ::kill(-m_pid, SIGKILL);
        unregisterStepProcess(m_pid);
        reapLater(m_pid);
    }
    // Unwatched before closed: a descriptor number reused later must not call us.
    unwatchDescriptor(m_pidFd, m_exitNotifier);
    unwatchDescriptor(m_stdoutFd, m_stdoutNotifier);
    unwatchDescriptor(m_stderrFd, m_stderrNotifier);
}

std::optional<QString> GroupLeaderProcess::start(const ChildProgram &program)
{
    Q_ASSERT(m_pid == 0);
    reapZombies();
    if (!program.tag.isEmpty())
        ensureOrphanWatchdog();

    ExecImage image;
    image.path = QFile::encodeName(resolveProgram(program));
    image.workingDirectory = QFile::encodeName(program.workingDirectory);
    image.arguments.reserve(program.arguments.size() + 1);
    image.arguments.append(QFile::encodeName(program.program));
    for (const QString &argument : program.arguments)
        image.arguments.append(argument.toLocal8Bit());
    image.environment = program.environment;
    image.argv = ExecImage::pointers(image.arguments);
    image.envp = ExecImage::pointers(image.environment.entries());

    const int stdinFd = sharedDevNull();
    int stdoutPipe[2] = {-1, -1};
    int stderrPipe[2] = {-1, -1};
    int errorPipe[2] = {-1, -1};
    const auto closeAll = [&] {
        for (int *pipe : {stdoutPipe, stderrPipe, errorPipe}) {
            closeFd(pipe[0]);
            closeFd(pipe[1]);
        }
    };
    if (stdinFd < 0 || !openPipe(stdoutPipe) || !openPipe(stderrPipe) || !openPipe(errorPipe)) {
        m_outOfDescriptors = errno == EMFILE || errno == ENFILE;
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        closeAll();
        return QStringLiteral("cannot create pipes: %1").arg(reason);
    }

    const pid_t pid = spawn(image, stdinFd, stdoutPipe[1], stderrPipe[1], errorPipe[1], childNiceValueForThisThread());
    const int spawnError = errno;
    closeFd(stdoutPipe[1]);
    closeFd(stderrPipe[1]);
    closeFd(errorPipe[1]);
    // End of file as soon as the child has exec'd (close-on-exec) or exited: no real wait.
    ChildFailure failure;
    if (pid > 0) {
        ssize_t count;
        do {
            count = ::read(errorPipe[0], &failure, sizeof failure);
        } while (count < 0 && errno == EINTR);
        if (count != ssize_t(sizeof failure))
            failure = ChildFailure();
    }
    closeFd(errorPipe[0]);
    if (pid < 0 || failure.error != 0) {
        closeAll();
        if (pid > 0)
            ::waitpid(pid, nullptr, 0); // it has already called _exit(): no real wait
        if (pid < 0)
            return QStringLiteral("cannot start a process: %1")
                .arg(QString::fromLocal8Bit(std::strerror(spawnError)));
        const QString reason = QString::fromLocal8Bit(std::strerror(failure.error));
        if (failure.duringChdir)
            return QStringLiteral("cannot change to the working directory '%1': %2")
                .arg(program.workingDirectory, reason);
        return reason;
    }

    m_pid = pid;
    if (!program.tag.isEmpty())
        registerStepProcess(pid, program.tag);
    // The child calls setpgid() itself before exec, and vfork() returned only after that.
    m_stdoutFd = stdoutPipe[0];
    m_stderrFd = stderrPipe[0];
    // Our ends only (the child's must block when full); a fresh pipe has no other status flags.
    for (int fd : {m_stdoutFd, m_stderrFd}) {
        ::fcntl(fd, F_SETFL, O_NONBLOCK);
        // A step that prints a lot would otherwise stop every 64 KiB until we read (a context
        // switch each time, both ways); with 1 MiB the two sides run side by side. Best effort:
        // the system's limit (pipe-max-size) may refuse it.
        ::fcntl(fd, F_SETPIPE_SZ, kPipeBytes);
    }
    watchDescriptor(m_stdoutFd, m_stdoutNotifier, [this] { readPipe(m_stdoutFd, m_stdoutNotifier, false); });
    watchDescriptor(m_stderrFd, m_stderrNotifier, [this] { readPipe(m_stderrFd, m_stderrNotifier, true); });

    m_pidFd = openPidFd(pid);
    if (m_pidFd >= 0) {
        ::fcntl(m_pidFd, F_SETFD, FD_CLOEXEC);
        watchDescriptor(m_pidFd, m_exitNotifier, [this] { checkExit(); });
    } else {
        m_exitPoll = new QTimer(this);
        m_exitPoll->setInterval(kExitPollMs);
        connect(m_exitPoll, &QTimer::timeout, this, &GroupLeaderProcess::checkExit);
        m_exitPoll->start();
    }
    return std::nullopt;
}

void GroupLeaderProcess::watchDescriptor(int fd, QSocketNotifier *&fallback, const std::function<void()> &onReadable)
{
    if (DescriptorWatch::forThisThread().watch(fd, onReadable))
        return;
    fallback = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(fallback, &QSocketNotifier::activated, this, onReadable);
}

void GroupLeaderProcess::unwatchDescriptor(int &fd, QSocketNotifier *&fallback)
{
    if (fd >= 0)
        DescriptorWatch::forThisThread().unwatch(fd);
    delete fallback;
    fallback = nullptr;
    closeFd(fd);
}

void GroupLeaderProcess::drainOutput()
{
    readPipe(m_stdoutFd, m_stdoutNotifier, false);
    readPipe(m_stderrFd, m_stderrNotifier, true);
}

void GroupLeaderProcess::readPipe(int &fd, QSocketNotifier *&notifier, bool isError)
{
    if (fd < 0)
        return;
    char buffer[64 * 1024];
    // Bounded, so that a command that writes without pause cannot starve the event loop.
    for (int round = 0; round < 16; ++round) {
        const ssize_t count = ::read(fd, buffer, sizeof buffer);
        if (count > 0) {
            const QByteArray bytes(buffer, count);
            if (isError)
                emit standardError(bytes);
            else
                emit standardOutput(bytes);
            continue;
        }
        if (count < 0 && errno == EINTR)
            continue;
        if (count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
            unwatchDescriptor(fd, notifier); // end of file: every writer has closed it
        return;
    }
}

void GroupLeaderProcess::checkExit()
{
    int status = 0;
    const pid_t result = ::waitpid(m_pid, &status, WNOHANG);
    if (result == 0 || (result < 0 && errno == EINTR))
        return;
    m_exited = true;
    unregisterStepProcess(m_pid);
    unwatchDescriptor(m_pidFd, m_exitNotifier);
    if (m_exitPoll)
        m_exitPoll->stop();
    // What the child wrote before it exited is in the pipes; read it before saying so.
    drainOutput();
    if (result < 0) // reaped by someone else: nothing to tell but that it is gone
        emit finished(-1, 0);
    else if (WIFSIGNALED(status))
        emit finished(-1, WTERMSIG(status));
    else
        emit finished(WEXITSTATUS(status), 0);
}

} // namespace pw::engine
