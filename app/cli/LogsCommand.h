#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright logs RUN_ID [STEP_ID] [--attempt N] [-f] [--raw]`: a run's stored step output.
int runLogs(const QStringList &arguments);

} // namespace pw::cli
