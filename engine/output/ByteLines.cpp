#include "ByteLines.h"

#include "engine/executors/Utf8Text.h"

namespace pw::engine {
namespace {

QByteArrayView withoutCarriageReturn(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

} // namespace

ByteLines::ByteLines(qsizetype maxLineBytes) : m_maxLineBytes(qMax<qsizetype>(4, maxLineBytes)) {}

void ByteLines::feed(QByteArrayView bytes, const LineFunction &onLine)
{
    qsizetype position = 0;
    if (!m_partial.isEmpty()) {
        const qsizetype newline = bytes.indexOf('\n');
        if (newline < 0) {
            m_partial.append(bytes);
            cutLongLines(onLine);
            return;
        }
        m_partial.append(bytes.first(newline));
        cutLongLines(onLine);
        onLine(withoutCarriageReturn(m_partial));
        m_partial.clear();
        position = newline + 1;
    }
    while (position < bytes.size()) {
        const QByteArrayView rest = bytes.sliced(position);
        const qsizetype newline = rest.indexOf('\n');
        if (newline < 0) {
            m_partial.append(rest);
            cutLongLines(onLine);
            return;
        }
        QByteArrayView line = rest.first(newline);
        while (line.size() > m_maxLineBytes) {
            const qsizetype cut = utf8CutBefore(line, m_maxLineBytes);
            onLine(line.first(cut));
            line = line.sliced(cut);
        }
        onLine(withoutCarriageReturn(line));
        position += newline + 1;
    }
}

void ByteLines::cutLongLines(const LineFunction &onLine)
{
    while (m_partial.size() > m_maxLineBytes) {
        const qsizetype cut = utf8CutBefore(m_partial, m_maxLineBytes);
        onLine(QByteArrayView(m_partial).first(cut));
        m_partial.remove(0, cut);
    }
}

void ByteLines::finish(const LineFunction &onLine)
{
    if (m_partial.isEmpty())
        return;
    onLine(withoutCarriageReturn(m_partial));
    m_partial.clear();
}

} // namespace pw::engine
