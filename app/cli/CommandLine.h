#pragma once

#include <QStringList>

namespace pw::cli {

// True when the arguments name a sub-command, --help or --version: these need no display.
// `pipewright` alone, or with a file, opens the designer instead.
bool isHeadless(const QStringList &arguments);

// Runs a headless invocation and returns the process exit code (cli.md).
int runCommandLine(const QStringList &arguments);

// The top-level help, listing the sub-commands and the designer's options.
QString topLevelHelp();

} // namespace pw::cli
