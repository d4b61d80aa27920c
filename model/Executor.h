#pragma once

#include "Duration.h"
#include "Enums.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace pw::model {

// Where a Shell step runs (pipeline-format.md "Executors"): on this machine, or as a Slurm
// batch job with these resources. Given on the pipeline, a stage, a group or a Shell step;
// the nearest one wins.
struct Executor
{
    std::optional<ExecutorType> type; // required in the file; unset only when it was missing
    QString partition;                // empty: the cluster's default partition
    std::optional<int> cpus;          // --cpus-per-task
    QString memory;                   // --mem, e.g. 512M, 8G
    std::optional<Duration> time;     // Slurm time limit; unset: the step's timeout, else none
    QString account;
    QStringList extraArgs;            // passed to sbatch as they are
    QString outputDir;                // job output files; empty: under the run store

    ExecutorType effectiveType() const { return type.value_or(ExecutorType::Local); }
    bool operator==(const Executor &) const = default;
};

// What is wrong with an executor, as (field, message) pairs: the field is empty for the
// executor as a whole. Unknown types are reported by the reader.
QList<std::pair<QString, QString>> executorProblems(const Executor &executor);

// The sbatch options Pipewright sets itself, which `extraArgs` may not override.
QStringList managedSbatchOptions();

// "4 CPUs · 8G · batch": a short summary for a card's badge or a tooltip.
QString describeExecutor(const Executor &executor);

} // namespace pw::model
