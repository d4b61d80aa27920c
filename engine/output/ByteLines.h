#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace pw::engine {

// Cuts a byte stream that arrives in pieces into lines, without copying the lines that lie
// whole inside one piece. A line longer than `maxLineBytes` is cut into several on a UTF-8
// character boundary, so that a command that never prints a newline cannot make us buffer
// without bound. A trailing "\r" is dropped ("\r\n" endings).
class ByteLines
{
public:
    static constexpr qsizetype kDefaultMaxLineBytes = 64 * 1024;
    using LineFunction = std::function<void(QByteArrayView line)>;

    explicit ByteLines(qsizetype maxLineBytes = kDefaultMaxLineBytes);

    // Calls `onLine` for every line that `bytes` completes, in order.
    void feed(QByteArrayView bytes, const LineFunction &onLine);
    // The stream ended: the last line, if it had no newline.
    void finish(const LineFunction &onLine);

private:
    void cutLongLines(const LineFunction &onLine);

    qsizetype m_maxLineBytes;
    QByteArray m_partial;
};

} // namespace pw::engine
