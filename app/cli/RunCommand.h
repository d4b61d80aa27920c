#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright run FILE [options]` (cli.md): the exit code of the run.
int runRun(const QStringList &arguments);

// `pipewright resume RUN_ID [--file FILE] [--from ID] [options]`: a new run that reuses what
// the original finished (semantics.md "Runs, storage and resume").
int runResume(const QStringList &arguments);

} // namespace pw::cli
