#include "VirtualClock.h"

#include "engine/run/PendingWork.h"

#include <QTimer>

namespace pw::engine {

VirtualClock::VirtualClock(QDateTime origin, QObject *parent) : QObject(parent), m_origin(std::move(origin))
{
    m_listener = pendingWork::listen([this] { scheduleJump(); });
}

VirtualClock::~VirtualClock()
{
    pendingWork::unlisten(m_listener);
}

VirtualClock::TimerId VirtualClock::addTimer(std::chrono::milliseconds delay, std::function<void()> onDue)
{
    const TimerId id = m_nextId++;
    const qint64 due = m_offsetMs + std::max<qint64>(0, delay.count());
    m_timers.emplace(std::pair(due, id), std::move(onDue));
    m_dueOf.emplace(id, due);
    scheduleJump();
    return id;
}

void VirtualClock::removeTimer(TimerId id)
{
    const auto found = m_dueOf.find(id);
    if (found == m_dueOf.end())
        return;
    m_timers.erase(std::pair(found->second, id));
    m_dueOf.erase(found);
}

void VirtualClock::hold()
{
    ++m_holds;
}

void VirtualClock::release()
{
    if (m_holds > 0 && --m_holds == 0)
        scheduleJump();
}

void VirtualClock::setPace(std::chrono::milliseconds realTimePerJump)
{
    m_pace = std::max(std::chrono::milliseconds(0), realTimePerJump);
}

// Asks for a jump from the event loop. The jump itself checks again that nothing is pending:
// work queued in between (this call is not counted) delays it until the count drops to zero.
void VirtualClock::scheduleJump()
{
    if (m_jumpScheduled || m_timers.empty() || m_holds > 0)
        return;
    m_jumpScheduled = true;
    if (m_pace.count() > 0)
        QTimer::singleShot(m_pace, this, &VirtualClock::jump);
    else
        QMetaObject::invokeMethod(this, &VirtualClock::jump, Qt::QueuedConnection);
}

void VirtualClock::jump()
{
    m_jumpScheduled = false;
    if (m_timers.empty() || m_holds > 0 || pendingWork::count() > 0)
        return; // the count dropping to zero, a new timer or a release asks again
    auto first = m_timers.begin();
    const auto [due, id] = first->first;
    std::function<void()> onDue = std::move(first->second);
    m_timers.erase(first);
    m_dueOf.erase(id);
    m_offsetMs = std::max(m_offsetMs, due);
    // One timer per jump: what it starts runs before the clock moves again, as it would in
    // real time. Asked before the callback, which may delete this clock with its run.
    scheduleJump();
    onDue();
}

} // namespace pw::engine
