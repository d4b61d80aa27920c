#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright rehearse FILE [--fail STEP=TYPE[:N]]... [--output STEP.KEY=VALUE]... [options]`
// and `pipewright rehearse FILE --all-failures [--json]` (cli.md, semantics.md "Rehearsal").
int runRehearse(const QStringList &arguments);

} // namespace pw::cli
