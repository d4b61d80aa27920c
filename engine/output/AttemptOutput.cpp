#include "AttemptOutput.h"

#include "LiveFeed.h"
#include "SecretMasker.h"
#include "engine/store/StoredLog.h"

#include <QDateTime>

namespace pw::engine {

AttemptOutput::AttemptOutput(QString node, int attempt, const SecretMasker &masker,
                             std::shared_ptr<StoredLog> stored, LiveFeed *live,
                             const RunClock &clock)
    : m_node(std::move(node)), m_attempt(attempt), m_masker(masker), m_stored(std::move(stored)), m_live(live), m_clock(clock)
{
}

AttemptOutput::~AttemptOutput()
{
    endOfStream(LogLine::Stream::Out);
    endOfStream(LogLine::Stream::Err);
}

void AttemptOutput::write(LogLine::Stream stream, QByteArrayView bytes)
{
    // One clock reading per piece: the lines of one read arrived together.
    const qint64 now = m_clock.msecsSinceEpoch();
    linesOf(stream).feed(bytes, [&](QByteArrayView text) { emitLine(stream, text, now); });
    if (m_stored)
        m_stored->flush(); // readers of a live log see it as it grows
}

void AttemptOutput::endOfStream(LogLine::Stream stream)
{
    const qint64 now = m_clock.msecsSinceEpoch();
    linesOf(stream).finish([&](QByteArrayView text) { emitLine(stream, text, now); });
    if (m_stored)
        m_stored->flush();
}

void AttemptOutput::line(LogLine::Stream stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    // A line given whole may still hold newlines (an Echo message of several lines).
    const qint64 now = m_clock.msecsSinceEpoch();
    ByteLines whole;
    whole.feed(bytes, [&](QByteArrayView piece) { emitLine(stream, piece, now); });
    whole.finish([&](QByteArrayView piece) { emitLine(stream, piece, now); });
    if (bytes.isEmpty())
        emitLine(stream, {}, now);
    if (m_stored)
        m_stored->flush();
}

void AttemptOutput::emitLine(LogLine::Stream stream, QByteArrayView text, qint64 nowMs)
{
    QByteArray masked;
    if (!m_masker.isEmpty()) {
        masked = text.toByteArray();
        if (m_masker.maskLine(masked))
            text = masked;
    }
    ++m_lines;
    if (m_stored)
        m_stored->append(stream, text, nowMs);
    if (!m_live)
        return;
    if (m_live->hasRoom() || stream == LogLine::Stream::Engine) {
        m_live->add({QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC), m_node, m_attempt, stream,
                     QString::fromUtf8(text), 0, m_lines});
    } else {
        m_live->skipped(m_node, m_attempt, 1, m_lines);
    }
}

} // namespace pw::engine
