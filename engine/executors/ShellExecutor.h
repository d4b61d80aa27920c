#pragma once

#include "LineSplitter.h"
#include "StepExecutor.h"

#include <QProcess>
#include <QTimer>

#include <sys/types.h>

#include <memory>
#include <optional>

class QTemporaryDir;

namespace pw::engine {

// Runs a Shell step: `<shell> -c <command>` in a process group of its own, so that cancelling
// reaches everything the command started (SIGTERM to the group, SIGKILL after killGrace), and
// so that nothing of it outlives the step: once the shell has exited, whatever it left behind
// in its group is killed too. The shell also dies with the thread that started it
// (PR_SET_PDEATHSIG), even when the program is killed with SIGKILL; its own children then
// lose their shell but not necessarily their lives (they are reparented to init).
//
// The command reports outputs by appending `key=value` lines to the file named by
// $PW_OUTPUT, a fresh file in a temporary directory of ours.
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
    void readStandardOutput();
    void readStandardError();
    void onErrorOccurred(QProcess::ProcessError error);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void flushPartialLines();
    AttemptOutcome outcomeOfExit(int exitCode, QProcess::ExitStatus status);
    QVariantMap readOutputFile();
    void signalGroup(int signal) const;
    void endAttempt();
    void finishWhenGroupIsGone(const AttemptOutcome &outcome);

    model::ShellSpec m_spec;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QTemporaryDir> m_outputDir;
    QString m_outputPath;
    pid_t m_groupId = 0; // kept after exit: leftovers are still in this group
    bool m_running = false;
    std::optional<CancelReason> m_cancelReason;
    QTimer m_killTimer; // our child, so that moveToThread() takes it along
    QTimer m_groupPoll; // after SIGKILL: until the last process of the group is gone
    int m_groupPollsLeft = 0;
    AttemptOutcome m_outcomeAfterGroup;
    LineSplitter m_stdout;
    LineSplitter m_stderr;
};

} // namespace pw::engine
