#include "LogFormat.h"

#include <charconv>
#include <cstring>

namespace pw::engine {

char streamLetter(LogLine::Stream stream)
{
    switch (stream) {
    case LogLine::Stream::Out: return 'o';
    case LogLine::Stream::Err: return 'e';
    case LogLine::Stream::Engine: return 'p';
    }
    return 'p';
}

void appendStoredLine(QByteArray &out, LogLine::Stream stream, qint64 offsetMs, QByteArrayView text)
{
    // One resize and plain copies: every line a step prints comes through here.
    char head[24];
    head[0] = streamLetter(stream);
    char *end = std::to_chars(head + 1, head + sizeof head - 1, std::max<qint64>(0, offsetMs)).ptr;
    *end++ = '\t';
    const qsizetype headSize = end - head;
    const qsizetype at = out.size();
    out.resize(at + headSize + text.size() + 1);
    char *target = out.data() + at;
    std::memcpy(target, head, size_t(headSize));
    if (!text.isEmpty())
        std::memcpy(target + headSize, text.data(), size_t(text.size()));
    target[headSize + text.size()] = '\n';
}

QList<StoredLogLine> parseStoredLog(QByteArrayView bytes, qsizetype *consumed)
{
    QList<StoredLogLine> lines;
    qsizetype position = 0;
    while (position < bytes.size()) {
        const qsizetype end = bytes.indexOf('\n', position);
        if (end < 0)
            break;
        const QByteArrayView line = bytes.sliced(position, end - position);
        position = end + 1;
        const qsizetype tab = line.indexOf('\t');
        if (line.isEmpty() || tab < 1)
            continue; // not ours (a damaged file): skipped rather than shown wrongly
        StoredLogLine parsed;
        switch (line.front()) {
        case 'o': parsed.stream = LogLine::Stream::Out; break;
        case 'e': parsed.stream = LogLine::Stream::Err; break;
        default: parsed.stream = LogLine::Stream::Engine; break;
        }
        const QByteArrayView number = line.sliced(1, tab - 1);
        std::from_chars(number.data(), number.data() + number.size(), parsed.offsetMs);
        parsed.text = line.sliced(tab + 1).toByteArray();
        lines.append(std::move(parsed));
    }
    if (consumed)
        *consumed = position;
    return lines;
}

} // namespace pw::engine
