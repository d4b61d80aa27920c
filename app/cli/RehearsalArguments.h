#pragma once

#include "engine/rehearsal/RehearsalSettings.h"
#include "model/Pipeline.h"

#include <QStringList>

#include <variant>

namespace pw::cli {

// Reads `--fail STEP=TYPE[:N]` and `--output STEP.KEY=VALUE` against the pipeline: every step
// named must exist (and take outputs: Shell or Http), every type must be an error type.
// The settings, or a message naming the argument that is wrong.
std::variant<engine::RehearsalSettings, QString> readRehearsalArguments(const model::Pipeline &pipeline,
                                                                        const QStringList &failures,
                                                                        const QStringList &outputs);

} // namespace pw::cli
