#pragma once

// A control for the GUI benchmarks: a plain thread beside the window, kept on one core, that
// sleeps 2 ms at a time and notes each of its own pauses over 20 ms. When it pauses too, that
// core stopped: on the 2-core virtual machine the window's thread sometimes slept 70-100 ms in
// a poll() of 2 ms, neither working nor waiting for a core, while a control thread stood still
// as long. That part of a gap is the machine's, not the window's. One control per core: a
// virtual core can stop on its own.
#include <QElapsedTimer>

#include <poll.h>
#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace pw::bench {

class ControlSleeper
{
public:
    // `clock` is read on both threads (a started QElapsedTimer is only read).
    ControlSleeper(const QElapsedTimer &clock, int core) : m_clock(clock)
    {
        m_thread = std::thread([this, core] {
            cpu_set_t cores;
            CPU_ZERO(&cores);
            CPU_SET(core, &cores);
            pthread_setaffinity_np(pthread_self(), sizeof(cores), &cores);
            qint64 last = m_clock.nsecsElapsed();
            while (!m_stop.load()) {
                ::poll(nullptr, 0, 2);
                const qint64 now = m_clock.nsecsElapsed();
                if (now - last > kNoteOverNs) {
                    const std::lock_guard lock(m_mutex);
                    m_pauses.emplace_back(last, now);
                }
                last = now;
            }
        });
    }
    ~ControlSleeper()
    {
        m_stop.store(true);
        m_thread.join();
    }
    ControlSleeper(const ControlSleeper &) = delete;
    ControlSleeper &operator=(const ControlSleeper &) = delete;

    // How much of (fromNs, toNs) on the clock the control thread spent in one of its pauses.
    double pausedMsWithin(qint64 fromNs, qint64 toNs) const
    {
        const std::lock_guard lock(m_mutex);
        qint64 paused = 0;
        for (const auto &[start, end] : m_pauses)
            paused += std::max<qint64>(0, std::min(end, toNs) - std::max(start, fromNs));
        return double(paused) / 1e6;
    }

private:
    static constexpr qint64 kNoteOverNs = 20'000'000;
    const QElapsedTimer &m_clock;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;
    std::vector<std::pair<qint64, qint64>> m_pauses;
    std::thread m_thread;
};

} // namespace pw::bench
