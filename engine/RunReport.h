#pragma once

#include "RunTypes.h"

#include <QByteArray>

namespace pw::engine {

// The run report of cli.md ("Run report") as JSON text: what `run --report` writes and
// `show --json` prints.
QByteArray runReportText(const RunSnapshot &snapshot);

QString isoTime(const QDateTime &time); // UTC, ISO 8601 with milliseconds; empty if invalid

} // namespace pw::engine
