#pragma once

#include "engine/executors/StepExecutor.h"

#include <QHash>
#include <QString>

#include <optional>

namespace pw::engine::slurm {

// What Slurm says about one job: its state (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED,
// TIMEOUT, ...) and, for a pending job, why it waits (Resources, Priority, ...).
struct JobState
{
    QString state;
    QString reason;    // "None" or empty when there is none
    QString nodes;     // where it runs, once it does
    int exitCode = -1; // from scontrol's ExitCode=N:S, when it gave one
    int exitSignal = 0;

    bool isPending() const;
    bool isRunning() const; // started and not ended (RUNNING, COMPLETING, SUSPENDED, ...)
    bool hasEnded() const;
    bool operator==(const JobState &) const = default;
};

// `squeue -h -o '%i|%T|%r'` output: job id -> state. Lines it cannot read are skipped.
QHash<QString, JobState> parseSqueue(const QByteArray &output);
// `scontrol -o show job ID...` output (one line per job): job id -> state.
QHash<QString, JobState> parseScontrol(const QByteArray &output);
// The job id `sbatch --parsable` printed ("123" or "123;cluster"); empty if there is none.
QString parseSbatchJobId(const QByteArray &output);

// How an ended job's attempt ends (semantics.md "Executors"). `exitCode` is what the job's
// wrapper wrote (unset when it wrote nothing: killed, never started); `exitCodes` is the
// step's mapping from exit code to error type.
AttemptOutcome outcomeOfJob(const QString &jobId, const JobState &state, std::optional<int> exitCode,
                            const QList<std::pair<int, model::ErrorType>> &exitCodes);

} // namespace pw::engine::slurm
