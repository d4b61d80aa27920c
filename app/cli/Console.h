#pragma once

#include <QString>

// Output for people and scripts. stdout carries a command's results, stderr the rest.
namespace pw::cli {

void printOut(const QString &line);
void printErr(const QString &line);

// Exit codes of cli.md.
enum ExitCode {
    ExitSuccess = 0,
    ExitFailed = 1, // run Failed; fmt --check: files would change
    ExitUsage = 2, // usage error or invalid pipeline (nothing ran)
    ExitAborted = 3,
    ExitRolledBack = 4,
    ExitInternal = 5,
};

} // namespace pw::cli
