#pragma once

#include "engine/RunTypes.h"

#include <QByteArray>
#include <QList>

namespace pw::engine {

// How a stored log holds the output of one attempt: a line of text per line of output,
//
//     <stream><ms>\t<text>\n
//
// where <stream> is `o` (stdout), `e` (stderr) or `p` (Pipewright's own notes) and <ms> the
// milliseconds since the log began. Bytes are kept as the step printed them (secrets
// masked), so a reader sees exactly what was printed; the text never holds a newline.
struct StoredLogLine
{
    LogLine::Stream stream = LogLine::Stream::Out;
    qint64 offsetMs = 0;
    QByteArray text;
};

char streamLetter(LogLine::Stream stream);
void appendStoredLine(QByteArray &out, LogLine::Stream stream, qint64 offsetMs, QByteArrayView text);

// The complete lines in `bytes`, in order; `consumed` gets how many bytes they took (a
// line still being written at the end is left for the next read).
QList<StoredLogLine> parseStoredLog(QByteArrayView bytes, qsizetype *consumed = nullptr);

} // namespace pw::engine
