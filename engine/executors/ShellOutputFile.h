#pragma once

#include <QByteArray>
#include <QStringList>
#include <QVariantMap>

namespace pw::engine {

// What a Shell step wrote to the file named by $PW_OUTPUT: `key=value` lines (the GitHub
// Actions $GITHUB_OUTPUT convention). The last value of a key wins; blank lines are skipped;
// a line without '=' or with an empty key is skipped with a warning for the step's log.
struct ShellOutputs
{
    QVariantMap values; // key -> QString
    QStringList warnings;
};

ShellOutputs parseShellOutputs(const QByteArray &content);

} // namespace pw::engine
