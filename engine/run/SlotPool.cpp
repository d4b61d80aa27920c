#include "SlotPool.h"

#include "PendingWork.h"

#include <QMetaObject>

#include <algorithm>

namespace pw::engine {

SlotPool::SlotPool(int capacity, QObject *parent) : QObject(parent), m_capacity(std::max(1, capacity)) {}

SlotPool::Ticket SlotPool::acquire(int order, std::function<void()> granted)
{
    const Ticket ticket = m_nextTicket++;
    m_waiting.emplace(std::make_pair(order, ticket), std::move(granted));
    grantScheduled();
    return ticket;
}

bool SlotPool::withdraw(Ticket ticket)
{
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        if (it->first.second == ticket) {
            m_waiting.erase(it);
            return true;
        }
    }
    return false;
}

void SlotPool::release()
{
    m_inUse = std::max(0, m_inUse - 1);
    grantScheduled();
}

void SlotPool::grantScheduled()
{
    // Deferred so that all the steps a block starts at once are queued before any is
    // granted: then file order decides, not the order the code happened to ask in.
    if (m_grantPending || m_waiting.empty() || m_inUse >= m_capacity)
        return;
    m_grantPending = true;
    QMetaObject::invokeMethod(this, [this, pending = pendingWork::token()] { grant(); }, Qt::QueuedConnection);
}

void SlotPool::grant()
{
    m_grantPending = false;
    if (m_inUse >= m_capacity || m_waiting.empty())
        return;
    auto first = m_waiting.begin();
    auto granted = std::move(first->second);
    m_waiting.erase(first);
    ++m_inUse;
    // One grant a turn of the event loop, the next one queued first: starting a step can take
    // milliseconds (a vfork and an exec, many more on a busy machine), and the 200 steps of a
    // parallel block started in one turn kept the engine thread from everything else for 3 s
    // (its batches to the window, the output of the steps already running, an Abort).
    grantScheduled();
    granted();
}

} // namespace pw::engine
