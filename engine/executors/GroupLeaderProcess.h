#pragma once

#include "ChildEnvironment.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>

#include <sys/types.h>

#include <functional>
#include <memory>
#include <optional>

class QSocketNotifier;
class QTimer;

namespace pw::engine {

// What a child process is started with. Everything is encoded before the child exists:
// between vfork() and exec the child may not allocate.
struct ChildProgram
{
    QString program; // absolute path, or a name looked up in the environment's PATH
    QStringList arguments; // without argv[0]
    ChildEnvironment environment;
    QString workingDirectory; // empty: ours
    QByteArray tag; // the PW_PROCESS_TAG in `environment` (ProcessTag.h); empty: none
};

// The absolute path of program `name` as a shell would find it in the PATH of `environment`
// (without PATH, ours); empty when there is none. Lookups are remembered for the life of the
// program, like a shell's `hash`.
QString findProgram(const QString &name, const ChildEnvironment &environment);
// Forgets the remembered lookups, e.g. after a program found earlier failed to start.
void forgetProgramLookups();

// One child process leading a process group of its own, stdin on /dev/null, stdout and stderr
// on pipes, that dies with the thread that started it (PR_SET_PDEATHSIG).
//
// Why not QProcess: Qt 6.4 starts children with fork(), which copies the page tables of the
// whole program (and then pays a copy-on-write fault for every page the engine touches until
// the child has exec'd). For steps that run a short command that cost dominates the step
// (issue 3: 1,000 `true` within 1.3x of make). vfork() shares the address space until exec,
// so starting a child costs the same whatever our size; it is what posix_spawn does inside,
// but posix_spawn cannot set PR_SET_PDEATHSIG, and without it a SIGKILLed engine would leave
// its steps running.
//
// Nothing blocks: exit is noticed through a pidfd (or, on kernels without pidfd_open, a short
// waitpid poll), output through non-blocking pipes; pidfd and pipes are watched by the
// thread's DescriptorWatch (one epoll set for every child).
class GroupLeaderProcess : public QObject
{
    Q_OBJECT

public:
    explicit GroupLeaderProcess(QObject *parent = nullptr);
    // A child still running is killed with its group (SIGKILL) and reaped without waiting.
    ~GroupLeaderProcess() override;

    // Starts the child; returns why it could not (nothing runs then). Only once per object.
    std::optional<QString> start(const ChildProgram &program);
    // After a failed start(): whether it failed for want of file descriptors (ours or the
    // system's), which a later try may not.
    bool ranOutOfDescriptors() const { return m_outOfDescriptors; }

    pid_t processId() const { return m_pid; } // also the group id; 0 before start
    bool isRunning() const { return m_pid > 0 && !m_exited; }

    // Reads what the pipes hold right now (the child may have exited with output unread).
    void drainOutput();

signals:
    void standardOutput(const QByteArray &bytes);
    void standardError(const QByteArray &bytes);
    // The child has exited and been reaped: `signal` is the signal that killed it, else 0.
    void finished(int exitCode, int signal);

private:
    // Through the thread's DescriptorWatch, or a notifier of its own if epoll refuses.
    void watchDescriptor(int fd, QSocketNotifier *&fallback, const std::function<void()> &onReadable);
    // Stops watching and closes `fd`.
    void unwatchDescriptor(int &fd, QSocketNotifier *&fallback);
    void readPipe(int &fd, QSocketNotifier *&notifier, bool isError);
    void checkExit();

    pid_t m_pid = 0;
    bool m_exited = false;
    bool m_outOfDescriptors = false;
    int m_pidFd = -1;
    int m_stdoutFd = -1;
    int m_stderrFd = -1;
    QSocketNotifier *m_exitNotifier = nullptr;
    QSocketNotifier *m_stdoutNotifier = nullptr;
    QSocketNotifier *m_stderrNotifier = nullptr;
    QTimer *m_exitPoll = nullptr; // only without pidfd
};

} // namespace pw::engine
