#pragma once

#include "RunTypes.h"

#include <QJsonObject>

namespace pw::engine {

// The run report of cli.md ("Run report"): what `run --report` writes and `show --json`
// prints.
QJsonObject runReportJson(const RunSnapshot &snapshot);

QString isoTime(const QDateTime &time); // UTC, ISO 8601 with milliseconds; empty if invalid

} // namespace pw::engine
