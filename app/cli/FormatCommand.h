#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright fmt FILE... [--check]`: rewrites files in the canonical form (atomically);
// with --check only lists the files that would change (exit 1). Files with errors, or with
// unknown keys that formatting would drop, are left alone (exit 2).
int runFormat(const QStringList &arguments);

} // namespace pw::cli
