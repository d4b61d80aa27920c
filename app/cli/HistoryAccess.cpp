#include "HistoryAccess.h"

#include "Console.h"

namespace pw::cli {

QString databasePath(const QString &dbOption)
{
    return dbOption.isEmpty() ? engine::RunDatabase::defaultPath() : dbOption;
}

std::optional<int> openHistory(engine::RunHistory &history, const QString &dbOption, const QString &command)
{
    if (const auto error = history.open(databasePath(dbOption))) {
        printErr(QStringLiteral("pipewright %1: %2").arg(command, *error));
        return int(ExitInternal);
    }
    return std::nullopt;
}

void reportRecovered(const engine::RunHistory &history, const QString &command)
{
    for (const QString &runId : history.recovered()) {
        printErr(QStringLiteral("pipewright %1: run %2 was left running by a program that is gone: "
                                "marked Interrupted (pipewright resume %2 goes on from where it stopped)")
                     .arg(command, runId));
    }
}

} // namespace pw::cli
