#include "FileCommandParser.h"

#include "Console.h"

namespace pw::cli {

FileCommandParser::FileCommandParser(const QString &command, const QString &description)
    : m_command(QStringLiteral("pipewright ") + command)
    , m_help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."))
{
    m_parser.setApplicationDescription(description);
    m_parser.addOption(m_help);
    m_parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Pipeline files."),
                                   QStringLiteral("FILE..."));
}

QString FileCommandParser::helpText() const
{
    // Qt names the program by its path; people type "pipewright <command>".
    QString text = m_parser.helpText();
    const qsizetype endOfUsage = text.indexOf(u'\n');
    return QStringLiteral("Usage: %1 [options] FILE...").arg(m_command) + text.mid(endOfUsage);
}

std::optional<int> FileCommandParser::parse(const QStringList &arguments)
{
    if (!m_parser.parse(QStringList{m_command} + arguments.mid(1))) {
        printErr(m_command + QStringLiteral(": ") + m_parser.errorText());
        return ExitUsage;
    }
    if (m_parser.isSet(m_help)) {
        printOut(helpText());
        return ExitSuccess;
    }
    if (files().isEmpty()) {
        printErr(m_command + QStringLiteral(": no file given\n") + helpText());
        return ExitUsage;
    }
    return std::nullopt;
}

} // namespace pw::cli
