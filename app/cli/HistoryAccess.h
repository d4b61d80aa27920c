#pragma once

#include "engine/store/RunHistory.h"

#include <QString>

#include <optional>

namespace pw::cli {

// The run database a command uses: --db when given, else the user's default.
QString databasePath(const QString &dbOption);

// Opens it for `command` (detecting interrupted runs, as every open does). On failure prints
// why ("pipewright <command>: ...") and returns the exit code to stop with (5: the store
// cannot be used; it is never overwritten).
std::optional<int> openHistory(engine::RunHistory &history, const QString &dbOption,
                               const QString &command);

// Tells on stderr which runs opening the store found interrupted.
void reportRecovered(const engine::RunHistory &history, const QString &command);

} // namespace pw::cli
