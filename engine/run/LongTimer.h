#pragma once

#include "RunClock.h"

#include <QDeadlineTimer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>

namespace pw::engine {

// A precise single-shot timer for any delay a pipeline can hold (up to a year): QTimer takes
// an int of milliseconds (24.8 days), so longer waits re-arm in chunks until the deadline.
// Never fires early.
//
// The QTimer is made on the first start(), in the thread that starts it: every step holds
// two of these (attempt timeout, retry wait) that most steps never use, and making them up
// front was a measurable part of a short step's cost.
//
// On a rehearsal's virtual clock it is one of that clock's timers instead.
class LongTimer
{
public:
    LongTimer() = default;
    ~LongTimer() { stop(); }
    LongTimer(const LongTimer &) = delete;
    LongTimer &operator=(const LongTimer &) = delete;

    // `clock` must outlive the timer (the run's clock outlives its tasks).
    void start(RunClock &clock, std::chrono::milliseconds delay, std::function<void()> onTimeout);
    void stop();
    bool isActive() const { return m_virtualTimer != 0 || (m_timer && m_timer->isActive()); }

private:
    void arm();
    void expired();

    std::unique_ptr<QTimer> m_timer;
    QDeadlineTimer m_deadline;
    std::function<void()> m_onTimeout;
    VirtualClock *m_virtual = nullptr;
    quint64 m_virtualTimer = 0; // 0: none
};

} // namespace pw::engine
