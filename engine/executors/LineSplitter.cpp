#include "LineSplitter.h"

#include "Utf8Text.h"

namespace pw::engine {
namespace {

QString toLine(QByteArrayView bytes)
{
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

} // namespace

LineSplitter::LineSplitter(qsizetype maxLineBytes)
    : m_maxLineBytes(qMax<qsizetype>(4, maxLineBytes))
{}

QStringList LineSplitter::feed(QByteArrayView bytes)
{
    m_partial.append(bytes);
    QStringList lines;
    qsizetype lineStart = 0;
    while (true) {
        const QByteArrayView rest = QByteArrayView(m_partial).sliced(lineStart);
        const qsizetype newline = rest.indexOf('\n');
        if (newline >= 0 && newline <= m_maxLineBytes) {
            lines.append(toLine(rest.first(newline)));
            lineStart += newline + 1;
        } else if (rest.size() > m_maxLineBytes) {
            const qsizetype cut = utf8CutBefore(rest, m_maxLineBytes);
            lines.append(QString::fromUtf8(rest.first(cut)));
            lineStart += cut;
        } else {
            break;
        }
    }
    m_partial.remove(0, lineStart);
    return lines;
}

std::optional<QString> LineSplitter::finish()
{
    if (m_partial.isEmpty())
        return std::nullopt;
    const QString last = toLine(m_partial);
    m_partial.clear();
    return last;
}

} // namespace pw::engine
