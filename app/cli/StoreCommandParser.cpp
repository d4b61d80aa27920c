#include "StoreCommandParser.h"

#include "Console.h"

namespace pw::cli {

StoreCommandParser::StoreCommandParser(const QString &command, const QString &usage,
                                       const QString &description, int minArguments, int maxArguments)
    : m_command(command)
    , m_usage(usage)
    , m_min(minArguments)
    , m_max(maxArguments)
    , m_help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."))
    , m_db(QStringLiteral("db"),
           QStringLiteral("The run database (default: ~/.local/share/pipewright/runs.sqlite, under "
                          "$XDG_DATA_HOME)."),
           QStringLiteral("PATH"))
{
    m_parser.setApplicationDescription(description);
    m_parser.addOption(m_help);
    m_parser.addOption(m_db);
}

QString StoreCommandParser::helpText() const
{
    // Qt names the program by its path; people type "pipewright <command>".
    const QString text = m_parser.helpText();
    return QStringLiteral("Usage: pipewright %1 %2 [options]").arg(m_command, m_usage)
           + text.mid(text.indexOf(u'\n'));
}

int StoreCommandParser::usageError(const QString &message) const
{
    printErr(QStringLiteral("pipewright %1: %2").arg(m_command, message));
    return ExitUsage;
}

std::optional<int> StoreCommandParser::parse(const QStringList &arguments)
{
    if (!m_parser.parse(QStringList{QStringLiteral("pipewright ") + m_command} + arguments.mid(1)))
        return usageError(m_parser.errorText() + QStringLiteral(" (see --help)"));
    if (m_parser.isSet(m_help)) {
        printOut(helpText());
        return ExitSuccess;
    }
    const qsizetype count = m_parser.positionalArguments().size();
    if (count < m_min)
        return usageError(QStringLiteral("missing arguments: pipewright %1 %2").arg(m_command, m_usage));
    if (m_max >= 0 && count > m_max)
        return usageError(QStringLiteral("too many arguments: pipewright %1 %2").arg(m_command, m_usage));
    return std::nullopt;
}

} // namespace pw::cli
