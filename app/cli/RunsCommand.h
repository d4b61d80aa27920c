#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright runs [--db PATH] [--json] [--limit N]`: the stored runs, newest first.
int runRuns(const QStringList &arguments);

// `pipewright show RUN_ID [--db PATH] [--json]`: one run; --json prints the run report.
int runShow(const QStringList &arguments);

} // namespace pw::cli
