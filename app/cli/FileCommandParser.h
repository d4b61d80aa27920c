#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace pw::cli {

// The parsing every `pipewright <command> FILE...` shares: --help, usage errors and a
// missing FILE are answered here, with the exit codes of cli.md.
class FileCommandParser
{
public:
    FileCommandParser(const QString &command, const QString &description);

    QCommandLineParser &parser() { return m_parser; }

    // Parses `arguments` (starting with the command name). Returns an exit code when the
    // command should stop now (help shown, or a usage error printed), nothing otherwise.
    std::optional<int> parse(const QStringList &arguments);

    QStringList files() const { return m_parser.positionalArguments(); }
    QString helpText() const;

private:
    QString m_command;
    QCommandLineParser m_parser;
    QCommandLineOption m_help;
};

} // namespace pw::cli
