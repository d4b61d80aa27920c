#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace pw::engine {

class VirtualClock;

// What a run reads the time from, and through LongTimer waits on. A real run uses the
// system's clock; a rehearsal uses a VirtualClock, on which every wait passes as soon as the
// run has nothing else to do (semantics.md "Rehearsal").
class RunClock
{
public:
    virtual ~RunClock() = default;

    // Wall-clock time (UTC), for everything recorded.
    virtual QDateTime now() const = 0;
    // The same as milliseconds since the epoch, cheaper: read for every line of output.
    virtual qint64 msecsSinceEpoch() const { return now().toMSecsSinceEpoch(); }
    // Milliseconds since the clock was made; never goes back, for elapsed times.
    virtual qint64 elapsedMs() const = 0;
    // The virtual clock behind this one, or null for real time.
    virtual VirtualClock *virtualClock() { return nullptr; }
};

class SystemClock final : public RunClock
{
public:
    SystemClock() { m_elapsed.start(); }

    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
    qint64 msecsSinceEpoch() const override { return QDateTime::currentMSecsSinceEpoch(); }
    qint64 elapsedMs() const override { return m_elapsed.elapsed(); }

private:
    QElapsedTimer m_elapsed;
};

} // namespace pw::engine
