#pragma once

#include "engine/run/RunClock.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <map>
#include <unordered_map>

namespace pw::engine {

// The clock of a rehearsal. Time stands still while the run has work queued on its thread
// (pendingWork) and jumps to the next due timer when it has none: a retry delay, a timeout,
// a day-long intervention deadline all pass at once, in the order they would really fire,
// and every time recorded is the virtual one. Lives on the engine thread; not thread-safe.
class VirtualClock final : public QObject, public RunClock
{
    Q_OBJECT

public:
    using TimerId = quint64;

    explicit VirtualClock(QDateTime origin = QDateTime::currentDateTimeUtc(), QObject *parent = nullptr);
    ~VirtualClock() override;

    QDateTime now() const override { return m_origin.addMSecs(m_offsetMs); }
    qint64 elapsedMs() const override { return m_offsetMs; }
    VirtualClock *virtualClock() override { return this; }

    // `onDue` runs once the clock reaches now + delay (from the event loop, never inside
    // addTimer). Timers due at the same time fire in the order they were added.
    TimerId addTimer(std::chrono::milliseconds delay, std::function<void()> onDue);
    void removeTimer(TimerId id);
    bool hasTimers() const { return !m_timers.empty(); }

    // While held (a person is asked something), time stands still even when the run is idle.
    void hold();
    void release();

    // The least real time between two jumps, so that a person can watch a rehearsal play
    // (0, the default: jump at once).
    void setPace(std::chrono::milliseconds realTimePerJump);

private:
    void scheduleJump();
    void jump();

    QDateTime m_origin;
    qint64 m_offsetMs = 0;
    TimerId m_nextId = 1;
    // (due, id) -> callback: ordered by due time, then by the order they were added.
    std::map<std::pair<qint64, TimerId>, std::function<void()>> m_timers;
    std::unordered_map<TimerId, qint64> m_dueOf;
    int m_holds = 0;
    bool m_jumpScheduled = false;
    std::chrono::milliseconds m_pace{0};
    int m_listener = 0;
};

} // namespace pw::engine
