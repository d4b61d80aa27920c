#pragma once

#include "GroupLeaderProcess.h"
#include "StepExecutor.h"

#include <QTimer>

#include <sys/types.h>

#include <memory>
#include <optional>

namespace pw::engine {

// Runs a Shell step: `<shell> -c <command>` (a simple command without the shell, see
// SimpleCommand.h) in a process group of its own (GroupLeaderProcess), so that cancelling
// reaches everything the command started (SIGTERM to the group, SIGKILL after killGrace), and
// so that nothing of it outlives the step: once the shell has exited, whatever it left behind
// in its group is killed too. The shell also dies with the thread that started it
// (PR_SET_PDEATHSIG), even when the program is killed with SIGKILL; its own children then
// lose their shell but not necessarily their lives (they are reparented to init).
//
// The command reports outputs by appending `key=value` lines to the file named by
// $PW_OUTPUT, a fresh path per attempt in a private directory (see newShellOutputPath()).
class ShellExecutor : public StepExecutor
{
    Q_OBJECT

public:
    explicit ShellExecutor(QObject *parent = nullptr);
    // Kills a still-running group with SIGKILL without waiting for it (see .cpp).
    ~ShellExecutor() override;

    void start(const AttemptRequest &request) override;
    void cancel(CancelReason reason) override;

private:
    void fail(model::ErrorType type, const QString &message);
    std::optional<ChildProgram> withoutShell(const ChildEnvironment &environment,
                                             const QString &workingDir) const;
    void launch();
    std::optional<QString> startChild(const ChildProgram &program);
    void onProcessFinished(int exitCode, int signal);
    void flushPartialLines();
    AttemptOutcome outcomeOfExit(int exitCode, int signal);
    QVariantMap readOutputFile();
    void removeOutputFile();
    void signalGroup(int signal) const;
    void endAttempt();
    void finishWhenGroupIsGone(const AttemptOutcome &outcome);

    model::ShellSpec m_spec;
    std::unique_ptr<GroupLeaderProcess> m_process;
    QString m_outputPath;
    pid_t m_groupId = 0; // kept after exit: leftovers are still in this group
    bool m_running = false;
    std::optional<CancelReason> m_cancelReason;
    QTimer m_killTimer; // our child, so that moveToThread() takes it along
    QTimer m_groupPoll; // after SIGKILL: until the last process of the group is gone
    // Out of file descriptors (each running step holds three): the attempt waits and tries
    // again rather than failing, as a step waits for maxParallel.
    QTimer m_descriptorWait;
    bool m_waitingForDescriptors = false;
    std::optional<ChildProgram> m_direct; // what launch() starts: without the shell if it can,
    ChildProgram m_viaShell; // else through it
    int m_groupPollsLeft = 0;
    AttemptOutcome m_outcomeAfterGroup;
};

} // namespace pw::engine
