#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright validate FILE...`: exit 0 when no file has an error, 2 otherwise.
// `arguments` starts with the command name.
int runValidate(const QStringList &arguments);

} // namespace pw::cli
