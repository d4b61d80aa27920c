#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright report RUN_ID -o FILE.html`: a self-contained HTML page of a stored run.
int runReport(const QStringList &arguments);

} // namespace pw::cli
