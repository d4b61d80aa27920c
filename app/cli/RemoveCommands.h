#pragma once

#include <QStringList>

namespace pw::cli {

// `pipewright delete RUN_ID...`: deletes finished runs with their logs (a live run is refused).
int runDelete(const QStringList &arguments);

// `pipewright prune (--keep N | --older-than DURATION)`: deletes finished runs beyond the
// newest N, or older than the duration; prints what it freed.
int runPrune(const QStringList &arguments);

} // namespace pw::cli
