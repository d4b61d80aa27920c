#include "LogTails.h"

namespace pw::engine {
namespace {

constexpr qint64 kTailBytes = 64 * 1024;

LogTail tailOf(const StoredLogRef &log, int count)
{
    LogTail tail;
    tail.node = log.node;
    tail.attempt = log.attempt;
    tail.startedAt = log.startedAt;
    tail.totalLines = log.lines;
    const qint64 from = std::max<qint64>(0, log.bytes - kTailBytes);
    QByteArray bytes = RunHistory::readLog(log, from);
    if (from > 0) // starts in the middle of a line: drop that piece
        bytes.remove(0, bytes.indexOf('\n') + 1);
    QList<StoredLogLine> lines = parseStoredLog(bytes);
    if (lines.size() > count)
        lines = lines.mid(lines.size() - count);
    tail.lines = std::move(lines);
    return tail;
}

} // namespace

QList<LogTail> readLogTails(RunHistory &history, const QString &runId, int lines)
{
    QList<LogTail> tails;
    for (const StoredLogRef &log : history.logs(runId))
        tails.append(tailOf(log, lines));
    return tails;
}

} // namespace pw::engine
