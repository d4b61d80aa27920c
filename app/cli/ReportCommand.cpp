#include "ReportCommand.h"

#include "Console.h"
#include "HistoryAccess.h"
#include "StoreCommandParser.h"
#include "engine/report/LogTails.h"

#include <QFileInfo>
#include <QSaveFile>

namespace pw::cli {

int runReport(const QStringList &arguments)
{
    StoreCommandParser command(QStringLiteral("report"), QStringLiteral("RUN_ID -o FILE.html"), QStringLiteral(
        "Writes one self-contained HTML page of a stored run: summary, a timeline of every attempt\n"
        "(retry and intervention waits included), every node's status and error, the decisions,\n"
        "and the last lines of each log. It loads nothing from the network."), 1, 1);
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The HTML file to write."), QStringLiteral("FILE.html"));
    command.parser().addOption(output);
    if (const auto exitCode = command.parse(arguments))
        return *exitCode;
    const QString path = command.parser().value(output);
    if (path.isEmpty())
        return command.usageError(QStringLiteral("-o FILE.html is required"));
    if (QFileInfo(path).isDir())
        return command.usageError(QStringLiteral("-o %1: is a directory").arg(path));
    engine::RunHistory history;
    if (const auto exitCode = openHistory(history, command.db(), command.command()))
        return *exitCode;
    QString runId;
    if (const auto error = history.resolveRunId(command.arguments().first(), &runId))
        return command.usageError(*error);
    QString error;
    const std::optional<engine::StoredRun> run = history.run(runId, &error);
    if (!run) {
        printErr(QStringLiteral("pipewright report: ") + error);
        return ExitInternal;
    }
    const QByteArray html = engine::htmlReport(*run, engine::readLogTails(history, runId));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(html) != html.size() || !file.commit()) {
        printErr(QStringLiteral("pipewright report: cannot write %1: %2").arg(path, file.errorString()));
        return ExitInternal;
    }
    printOut(QStringLiteral("report of run %1 written to %2").arg(runId, path));
    return ExitSuccess;
}

} // namespace pw::cli
