#include "StoredLog.h"

#include "LogFormat.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace pw::engine {

StoredLog::StoredLog(QString directory, QString fileName, QString node, int attempt, QDateTime startedAt)
    : m_directory(std::move(directory))
    , m_fileName(std::move(fileName))
    , m_node(std::move(node))
    , m_attempt(attempt)
    , m_startedAt(std::move(startedAt))
    , m_startedMs(m_startedAt.toMSecsSinceEpoch())
{
}

StoredLog::~StoredLog()
{
    flush();
    if (m_fd >= 0)
        ::close(m_fd);
}

void StoredLog::append(LogLine::Stream stream, QByteArrayView line, qint64 atMs)
{
    ++m_lines;
    if (!std::exchange(m_dirty, true) && m_onStale)
        m_onStale();
    if (m_stopped)
        return;
    QByteArray &target = m_fileExists ? m_pending : m_inline;
    const qsizetype before = target.size();
    appendStoredLine(target, stream, atMs - m_startedMs, line);
    m_bytes += target.size() - before;
    if (!m_fileExists && m_inline.size() > kInlineLimit)
        moveToFile();
}

void StoredLog::moveToFile()
{
    QDir().mkpath(m_directory);
    const QString path = QDir(m_directory).filePath(m_fileName);
    m_fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        m_stopped = true;
        m_error = QStringLiteral("cannot create the log file %1: %2 (the log keeps its first %3 KiB)")
                      .arg(path, QString::fromLocal8Bit(std::strerror(errno)))
                      .arg(kInlineLimit / 1024);
        return;
    }
    m_fileExists = true;
    m_pending = std::exchange(m_inline, {});
    flush();
}

void StoredLog::flush()
{
    if (m_fd < 0 || m_pending.isEmpty())
        return;
    writeOut(m_pending);
    m_pending.clear();
}

void StoredLog::writeOut(const QByteArray &bytes)
{
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t count = ::write(m_fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0) {
            m_error = QStringLiteral("cannot write the log file %1: %2 (the rest of this log is lost)")
                          .arg(QDir(m_directory).filePath(m_fileName),
                               QString::fromLocal8Bit(std::strerror(errno)));
            m_stopped = true;
            m_pending.clear();
            ::close(m_fd);
            m_fd = -1;
            return;
        }
        written += count;
    }
}

} // namespace pw::engine
