#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace pw::cli {

// The parsing the commands on stored runs share (runs, show, logs, delete, prune, report):
// --help, --db, usage errors and the count of positional arguments, with cli.md's exit codes.
class StoreCommandParser
{
public:
    // `usage`: what follows the command in the usage line, e.g. "RUN_ID [STEP_ID]".
    StoreCommandParser(const QString &command, const QString &usage, const QString &description,
                       int minArguments, int maxArguments);

    QCommandLineParser &parser() { return m_parser; }
    // Parses `arguments` (starting with the command name). An exit code when the command
    // should stop now (help shown, or a usage error printed), nothing otherwise.
    std::optional<int> parse(const QStringList &arguments);

    QStringList arguments() const { return m_parser.positionalArguments(); }
    QString db() const { return m_parser.value(m_db); }
    const QString &command() const { return m_command; }
    // Prints "pipewright <command>: message" on stderr and returns the usage exit code.
    int usageError(const QString &message) const;

private:
    QString helpText() const;

    QString m_command;
    QString m_usage;
    int m_min;
    int m_max;
    QCommandLineParser m_parser;
    QCommandLineOption m_help;
    QCommandLineOption m_db;
};

} // namespace pw::cli
