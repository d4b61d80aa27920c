#pragma once

#include "engine/RunTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>

namespace pw::engine {

// The stored log of one attempt (or of a run's own notes), while it is being written, in the
// format of LogFormat.h.
//
// Small logs stay in memory and go into the database row of the log: most steps print a line
// or two, and creating a file costs ~30 µs here, a third of what a whole Echo step costs. Once
// a log passes kInlineLimit it moves to a file of its own beside the database and grows there,
// written after every piece of output so that a reader (`pipewright logs -f`, the GUI) sees it
// as it grows; memory stays at the size of one piece, however much the step prints.
class StoredLog
{
public:
    static constexpr qsizetype kInlineLimit = 16 * 1024;

    // `directory`: the run's folder of log files; `fileName`: the file this log would move to.
    StoredLog(QString directory, QString fileName, QString node, int attempt, QDateTime startedAt);
    ~StoredLog();
    StoredLog(const StoredLog &) = delete;
    StoredLog &operator=(const StoredLog &) = delete;

    void append(LogLine::Stream stream, QByteArrayView line, qint64 atMs);
    // Writes what is buffered to the file, if the log is in one.
    void flush();

    const QString &node() const { return m_node; }
    int attempt() const { return m_attempt; }
    const QDateTime &startedAt() const { return m_startedAt; }
    // The log's content while it lives in the database row (empty once in a file).
    const QByteArray &inlineContent() const { return m_inline; }
    // The file it moved to, relative to the run's folder; empty while inline.
    QString storedFileName() const { return m_fileExists ? m_fileName : QString(); }
    qint64 bytes() const { return m_bytes; }
    qint64 lines() const { return m_lines; }
    // Set once when the file could not be written (disk full...): what is said, once.
    QString takeError() { return std::exchange(m_error, {}); }

    // Whether anything changed since the last markWritten() (the database row is stale).
    bool isDirty() const { return m_dirty; }
    void markWritten() { m_dirty = false; }
    // Called when a line makes a written log stale again, so that the writer schedules its
    // next batch: a step that prints a line and then sleeps has nothing else that would.
    void setOnStale(std::function<void()> onStale) { m_onStale = std::move(onStale); }

private:
    void moveToFile();
    void writeOut(const QByteArray &bytes);

    QString m_directory;
    QString m_fileName;
    QString m_node;
    int m_attempt = 0;
    QDateTime m_startedAt;
    qint64 m_startedMs = 0;
    QByteArray m_inline;  // while inline: the whole log
    QByteArray m_pending; // in a file: what is not written yet
    int m_fd = -1;
    bool m_fileExists = false;
    bool m_stopped = false; // the file could not be made or written: nothing more is kept
    bool m_dirty = true;
    qint64 m_bytes = 0;
    qint64 m_lines = 0;
    QString m_error;
    std::function<void()> m_onStale;
};

} // namespace pw::engine
