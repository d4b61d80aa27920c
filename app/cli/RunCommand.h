#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright run FILE [options]` (cli.md): validates the file, types the inputs, reads the
// secrets, runs the pipeline on the engine thread with live progress, and returns the exit
// code of the run's result. `arguments` starts with the command name.
int runRun(const QStringList &arguments);

} // namespace pw::cli
