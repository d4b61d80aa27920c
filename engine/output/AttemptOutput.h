#pragma once

#include "ByteLines.h"
#include "OutputSink.h"
#include "engine/run/RunClock.h"

#include <QString>

#include <memory>

namespace pw::engine {

class LiveFeed;
class SecretMasker;
class StoredLog;

// The output of one attempt on its way out: cut into lines, secrets masked, every line into
// the stored log (when the run is stored) and, as far as the live feed has room, to the people
// watching (the terminal, the GUI). Memory stays at one piece of output whatever the step
// prints: the stored log is written as lines arrive, and lines the live feed has no room for
// are only counted (it says how many it skipped).
class AttemptOutput : public OutputSink
{
public:
    AttemptOutput(QString node, int attempt, const SecretMasker &masker, std::shared_ptr<StoredLog> stored,
                  LiveFeed *live, const RunClock &clock);
    ~AttemptOutput() override;
    AttemptOutput(const AttemptOutput &) = delete;
    AttemptOutput &operator=(const AttemptOutput &) = delete;

    void write(LogLine::Stream stream, QByteArrayView bytes) override;
    void endOfStream(LogLine::Stream stream) override;
    // One whole line (an in-process step's output, or a note of the engine's).
    void line(LogLine::Stream stream, const QString &text);

    const std::shared_ptr<StoredLog> &storedLog() const { return m_stored; }
    // No more lines to the live feed (its recorder is going away).
    void detachLiveFeed() { m_live = nullptr; }
    int attempt() const { return m_attempt; }

private:
    void emitLine(LogLine::Stream stream, QByteArrayView line, qint64 nowMs);
    ByteLines &linesOf(LogLine::Stream stream) { return stream == LogLine::Stream::Err ? m_err : m_out; }

    QString m_node;
    int m_attempt;
    const SecretMasker &m_masker;
    std::shared_ptr<StoredLog> m_stored;
    LiveFeed *m_live;
    const RunClock &m_clock;
    ByteLines m_out;
    ByteLines m_err;
    qint64 m_lines = 0; // lines so far, the number of the last one
};

} // namespace pw::engine
