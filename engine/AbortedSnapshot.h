#pragma once

#include "RunTypes.h"

namespace pw::engine {

// A run stopped before it ended (a second Ctrl+C, the program closing), closed as an abort:
// status Aborted, and every node not final yet Aborted with the pair of events the engine
// records for a node it cancels (a report never shows Pending or Running nodes).
RunSnapshot abortedSnapshot(RunSnapshot snapshot, const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace pw::engine
