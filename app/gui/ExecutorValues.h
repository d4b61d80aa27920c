#pragma once

#include "model/Pipeline.h"

#include <QVariant>

// `executor` as the property panel reads and writes it: a map {type, partition, cpus, memory,
// time, account, extraArgs, outputDir} or null when unset, and where an element's effective
// executor comes from when it sets none.
namespace pw::gui {

QVariant fromExecutor(const std::optional<model::Executor> &executor); // null when unset
bool toExecutor(const QVariant &value, std::optional<model::Executor> &out, QString &error);
// "executor.<name>": setting a field of an unset executor creates one (type slurm, as only
// Slurm has fields besides the type).
bool setExecutorField(std::optional<model::Executor> &executor, const QString &name,
                      const QVariant &value, QString &error);

// What the element at `path` gets from its ancestors when it sets no executor itself:
// {from: "stage 'build'" | "group 'x'" | "pipeline", summary: "Slurm · debug · 4 CPUs",
//  type: "slurm"}; an empty map when nothing above sets one (this machine).
QVariantMap inheritedExecutor(model::Pipeline &pipeline, const QString &path);

} // namespace pw::gui
