#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

#include <optional>

namespace pw::engine {

// Cuts a byte stream that arrives in arbitrary pieces (pipe reads) into lines of UTF-8 text.
// A line may span several pieces; a line longer than `maxLineBytes` is cut into several lines
// on a character boundary, so a command that never prints a newline cannot make us buffer
// without bound. A trailing "\r" is dropped ("\r\n" endings).
class LineSplitter
{
public:
    static constexpr qsizetype kDefaultMaxLineBytes = 64 * 1024;

    explicit LineSplitter(qsizetype maxLineBytes = kDefaultMaxLineBytes);

    // The lines that `bytes` completes, in order.
    QStringList feed(QByteArrayView bytes);
    // What is left after the stream ended: the last line when it had no newline.
    std::optional<QString> finish();

private:
    qsizetype m_maxLineBytes;
    QByteArray m_partial;
};

} // namespace pw::engine
