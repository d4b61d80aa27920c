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

// A fresh path for one attempt's $PW_OUTPUT, in a directory of this process that only we can
// read (made on first use, removed when the program exits); empty when no directory can be
// made. Directories that dead programs left behind are removed when ours is made. The file itself is not created: most commands report nothing, and creating, listing
// and deleting a directory and a file per attempt was a third of the engine's work for a
// short command (benchmark (b)). `>>` creates it; the caller removes it after the attempt.
QString newShellOutputPath();

} // namespace pw::engine
