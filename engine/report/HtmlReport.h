#pragma once

#include "engine/store/LogFormat.h"
#include "engine/store/RunHistory.h"

#include <QByteArray>

namespace pw::engine {

// The last lines of one attempt's log, for the report.
struct LogTail
{
    QString node; // empty: the run's own notes
    int attempt = 0;
    QDateTime startedAt; // the log's start; line times are startedAt + offsetMs
    QList<StoredLogLine> lines; // the last lines, oldest first
    qint64 totalLines = 0; // how many the whole log has
};

// One self-contained HTML page of a stored run (`pipewright report`, the GUI's Open report):
// summary, a timeline of every attempt as inline SVG (retry and intervention waits drawn as
// their own segments), every node's status and error, the requests and their decisions, and
// the last lines of each log. Inline style and SVG only: it loads nothing from anywhere.
QByteArray htmlReport(const StoredRun &run, const QList<LogTail> &tails);

} // namespace pw::engine
