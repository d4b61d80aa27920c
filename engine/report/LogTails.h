#pragma once

#include "HtmlReport.h"

namespace pw::engine {

// The last `lines` lines of every log of a run (the run's notes, then each attempt), read
// from the end of each log only: a step that printed gigabytes costs no more than one that
// printed a page. For the HTML report, wherever it is written from.
QList<LogTail> readLogTails(RunHistory &history, const QString &runId, int lines = 20);

} // namespace pw::engine
