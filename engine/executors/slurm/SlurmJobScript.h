#pragma once

#include "model/Executor.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace pw::engine::slurm {

// The files of one attempt's job, in the job directory (a filesystem the nodes share).
struct JobFiles
{
    QString directory;
    QString script;  // the wrapper, shared by the run's jobs
    QString stdoutFile;
    QString stderrFile;
    QString exitFile;    // the command's exit code, written by the wrapper
    QString outputsFile; // $PW_OUTPUT

    static JobFiles forAttempt(const QString &directory, const QString &stepId, int attempt);
    void removeAttemptFiles() const;
};

// The wrapper every job runs: enters the working directory, runs the command with the step's
// shell, forwards SIGTERM to it, and writes its exit code to a file, so that the exit code
// does not depend on the cluster keeping accounting. Reads what it needs from PW_JOB_*
// variables (sbatch passes the submitting environment on), so that the command and secrets
// are never written to a file.
QByteArray wrapperScript();
// Writes the wrapper into files.script if it is not there; the error, if it cannot.
std::optional<QString> writeWrapper(const JobFiles &files);

// "pw:<run>:<step>:<attempt>": what squeue and the cluster's users see.
QString jobName(const QString &runId, const QString &stepId, int attempt);

// Every sbatch argument for one attempt, the wrapper's path last. The time limit is the
// executor's, else the step's timeout, in whole minutes rounded up.
QStringList sbatchArguments(const model::Executor &executor, const JobFiles &files, const QString &name,
                            std::optional<qint64> stepTimeoutMs);

} // namespace pw::engine::slurm
