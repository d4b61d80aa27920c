#include "RemoveCommands.h"

#include "Console.h"
#include "HistoryAccess.h"
#include "StoreCommandParser.h"
#include "model/Duration.h"

namespace pw::cli {
namespace {

QString sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 bytes").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

int report(const engine::RunHistory::Removal &removal, const QString &command)
{
    for (const QString &refused : removal.refused)
        printErr(QStringLiteral("pipewright %1: not deleted: %2").arg(command, refused));
    printOut(QStringLiteral("deleted %1 run(s), freed %2").arg(removal.removed.size()).arg(sizeText(removal.freedBytes)));
    return removal.refused.isEmpty() ? int(ExitSuccess) : int(ExitFailed);
}

} // namespace

int runDelete(const QStringList &arguments)
{
    StoreCommandParser command(QStringLiteral("delete"), QStringLiteral("RUN_ID..."), QStringLiteral(
        "Deletes stored runs with their logs. A run that is still going is refused (exit 1)."), 1, -1);
    if (const auto exitCode = command.parse(arguments))
        return *exitCode;
    engine::RunHistory history;
    if (const auto exitCode = openHistory(history, command.db(), command.command()))
        return *exitCode;
    QStringList runIds;
    for (const QString &given : command.arguments()) {
        QString runId;
        if (const auto error = history.resolveRunId(given, &runId))
            return command.usageError(*error + QStringLiteral(" (nothing deleted)"));
        runIds << runId;
    }
    return report(history.remove(runIds), command.command());
}

int runPrune(const QStringList &arguments)
{
    StoreCommandParser command(QStringLiteral("prune"), QStringLiteral("(--keep N | --older-than DURATION)"),
                               QStringLiteral("Deletes finished runs (with their logs) beyond the newest N, or "
                                              "started longer ago\nthan DURATION (e.g. 30d, 12h). Runs still "
                                              "going are never pruned."),
                               0, 0);
    const QCommandLineOption keep(QStringLiteral("keep"), QStringLiteral("Keeps the newest N finished runs."),
                                  QStringLiteral("N"));
    const QCommandLineOption olderThan(QStringLiteral("older-than"),
                                       QStringLiteral("Deletes finished runs started before now - DURATION."),
                                       QStringLiteral("DURATION"));
    command.parser().addOptions({keep, olderThan});
    if (const auto exitCode = command.parse(arguments))
        return *exitCode;
    const bool byCount = command.parser().isSet(keep);
    const bool byAge = command.parser().isSet(olderThan);
    if (byCount == byAge)
        return command.usageError(QStringLiteral("give either --keep N or --older-than DURATION"));
    int count = 0;
    model::Duration age;
    if (byCount) {
        bool ok = false;
        count = command.parser().value(keep).toInt(&ok);
        if (!ok || count < 0)
            return command.usageError(QStringLiteral("--keep: a whole number of at least 0"));
    } else {
        const auto parsed = model::Duration::parse(command.parser().value(olderThan));
        if (!parsed.duration || parsed.duration->isNegative())
            return command.usageError(QStringLiteral("--older-than: ") + (parsed.error.isEmpty()
                                                                               ? QStringLiteral("must not be negative")
                                                                               : parsed.error));
        age = *parsed.duration;
    }
    engine::RunHistory history;
    if (const auto exitCode = openHistory(history, command.db(), command.command()))
        return *exitCode;
    const QStringList runIds = byCount ? history.finishedRunsBeyond(count)
                                       : history.finishedRunsBefore(
                                             QDateTime::currentDateTimeUtc().addMSecs(-age.milliseconds()));
    return report(history.remove(runIds), command.command());
}

} // namespace pw::cli
