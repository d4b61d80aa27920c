#pragma once

#include "RunOptions.h"
#include "engine/RunRequest.h"

#include <QStringList>

#include <optional>
#include <variant>

namespace pw::cli {

// `pipewright run FILE [options]` (cli.md): the exit code of the run.
int runRun(const QStringList &arguments);

// `pipewright resume RUN_ID [--file FILE] [--from ID] [options]`: a new run that reuses what
// the original finished (semantics.md "Runs, storage and resume").
int runResume(const QStringList &arguments);

// --- shared by the commands that start a run (run, resume, rehearse) ---

// Prints `pipewright <command>: message` and returns the usage exit code.
int usageError(const RunOptions &options, const QString &message);
// A --report path that cannot be written, said before anything runs: the exit code.
std::optional<int> checkReportPath(const RunOptions &options);
// Loads and validates options.file (problems printed) and types the --input values into
// `request` (with the pipeline's text and path): the pipeline, or the exit code.
std::variant<model::Pipeline, int> loadForRun(const RunOptions &options, engine::RunRequest &request);
// Secrets, the store, and the run itself, to its end: the exit code.
int executeRun(const RunOptions &options, model::Pipeline pipeline, engine::RunRequest request);

} // namespace pw::cli
