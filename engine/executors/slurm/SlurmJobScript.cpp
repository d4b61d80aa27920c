#include "SlurmJobScript.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace pw::engine::slurm {

JobFiles JobFiles::forAttempt(const QString &directory, const QString &stepId, int attempt)
{
    const QString base = directory + u'/' + stepId + u'.' + QString::number(attempt);
    return {directory, directory + QStringLiteral("/pipewright-job.sh"), base + QStringLiteral(".out"),
            base + QStringLiteral(".err"), base + QStringLiteral(".exit"), base + QStringLiteral(".outputs")};
}

void JobFiles::removeAttemptFiles() const
{
    for (const QString &path : {stdoutFile, stderrFile, exitFile, outputsFile})
        QFile::remove(path);
}

QByteArray wrapperScript()
{
    // `wait` returns early (>128) when the TERM trap runs: wait again until the command has
    // really ended, so that the exit code written is the command's own.
    return QByteArrayLiteral(R"(#!/bin/sh
# Pipewright: one attempt of a Shell step as a Slurm job (written by pipewright; do not edit).
command=$PW_JOB_COMMAND; shell=$PW_JOB_SHELL; workdir=$PW_JOB_WORKDIR; exitfile=$PW_JOB_EXIT
unset PW_JOB_COMMAND PW_JOB_SHELL PW_JOB_WORKDIR PW_JOB_EXIT
finish() { printf '%s\n' "$1" > "$exitfile.tmp" && mv -f "$exitfile.tmp" "$exitfile"; exit "$1"; }
cd "$workdir" || { echo "pipewright: cannot enter the working directory $workdir" >&2; finish 126; }
"$shell" -c "$command" < /dev/null &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
wait "$child"; code=$?
while kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done
finish "$code"
)");
}

std::optional<QString> writeWrapper(const JobFiles &files)
{
    if (!QDir().mkpath(files.directory))
        return QStringLiteral("cannot create the job directory %1").arg(files.directory);
    QFile existing(files.script);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == wrapperScript())
        return std::nullopt;
    QSaveFile file(files.script);
    if (!file.open(QIODevice::WriteOnly) || file.write(wrapperScript()) < 0
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup)
        || !file.commit())
        return QStringLiteral("cannot write %1: %2").arg(files.script, file.errorString());
    return std::nullopt;
}

QString jobName(const QString &runId, const QString &stepId, int attempt)
{
    return QStringLiteral("pw:%1:%2:%3").arg(runId, stepId).arg(attempt);
}

QStringList sbatchArguments(const model::Executor &executor, const JobFiles &files, const QString &name,
                            std::optional<qint64> stepTimeoutMs)
{
    QStringList arguments{QStringLiteral("--parsable"),
                          QStringLiteral("--job-name=") + name,
                          QStringLiteral("--output=") + files.stdoutFile,
                          QStringLiteral("--error=") + files.stderrFile,
                          QStringLiteral("--chdir=") + files.directory,
                          // A retry is Pipewright's to make, as a new job (semantics.md).
                          QStringLiteral("--no-requeue")};
    if (!executor.partition.isEmpty())
        arguments << QStringLiteral("--partition=") + executor.partition;
    if (executor.cpus)
        arguments << QStringLiteral("--cpus-per-task=%1").arg(*executor.cpus);
    if (!executor.memory.isEmpty())
        arguments << QStringLiteral("--mem=") + executor.memory;
    const std::optional<qint64> limitMs = executor.time ? std::optional(executor.time->milliseconds()) : stepTimeoutMs;
    if (limitMs && *limitMs > 0)
        arguments << QStringLiteral("--time=%1").arg((*limitMs + 59999) / 60000);
    if (!executor.account.isEmpty())
        arguments << QStringLiteral("--account=") + executor.account;
    arguments << executor.extraArgs;
    arguments << files.script;
    return arguments;
}

} // namespace pw::engine::slurm
