#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright explain FILE [STEP] [--json]` (cli.md): for every step (or one), what happens
// for each error type, and where each rule comes from. Nothing runs.
int runExplain(const QStringList &arguments);

} // namespace pw::cli
