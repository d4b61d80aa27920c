#pragma once

#include "SlurmJobScript.h"
#include "SlurmJobState.h"
#include "engine/executors/StepExecutor.h"

#include <QFile>
#include <QTimer>

#include <memory>
#include <optional>

class QProcess;

namespace pw::engine::slurm {

class SlurmCluster;

// Runs one attempt of a Shell step as a Slurm batch job (semantics.md "Executors"): submits
// the wrapper with `sbatch`, learns the job's start and end from the cluster's batched polls
// (SlurmCluster), streams its output files while it runs, and reads the exit code and
// $PW_OUTPUT the wrapper leaves beside them. Cancelling runs `scancel` (SIGTERM to the job's
// processes, state CANCELLED), then SIGKILL after the step's killGrace.
class SlurmExecutor : public StepExecutor
{
    Q_OBJECT

public:
    SlurmExecutor(SlurmCluster &cluster, model::Executor executor, std::optional<qint64> stepTimeoutMs,
                  QObject *parent = nullptr);
    // A job still live when its executor goes (the program is closing) is cancelled, so that
    // nothing of the run outlives it on the cluster.
    ~SlurmExecutor() override;

    void start(const AttemptRequest &request) override;
    void cancel(CancelReason reason) override;

private:
    void submitted(int exitCode);
    void jobStateChanged(const JobState &state);
    void jobEnded(const JobState &state);
    void readNewOutput();
    void drainOutput();
    std::optional<int> readExitCode() const;
    QVariantMap readOutputs();
    void sendCancel();
    void runDetached(const QStringList &arguments) const;
    void fail(model::ErrorType type, const QString &message);

    SlurmCluster &m_cluster;
    model::Executor m_executor;
    std::optional<qint64> m_stepTimeoutMs;
    model::ShellSpec m_spec;
    JobFiles m_files;
    QString m_jobId;
    bool m_live = false; // between start() and the end of the job
    bool m_running = false; // the job has started on a node
    JobState m_lastState;
    std::optional<CancelReason> m_cancelReason;
    std::unique_ptr<QProcess> m_submit;
    QTimer m_tail;       // reads the output files while the job runs
    QTimer m_killTimer;  // killGrace after the cancel
    QTimer m_giveUp;     // a cancelled job the cluster never reports ended
    struct Tail
    {
        QFile file;
        LogLine::Stream stream;
    };
    Tail m_stdout{{}, LogLine::Stream::Out};
    Tail m_stderr{{}, LogLine::Stream::Err};
};

} // namespace pw::engine::slurm
