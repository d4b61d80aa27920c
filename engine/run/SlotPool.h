#pragma once

#include <QObject>

#include <functional>
#include <map>

namespace pw::engine {

// The maxParallel slots of one run. Steps wait in file order (their plan order), not in
// the order they asked: a step that reaches the queue late but comes earlier in the file goes
// first. Grants are delivered from the event loop, one per turn, never inside acquire() or
// release().
class SlotPool : public QObject
{
    Q_OBJECT

public:
    explicit SlotPool(int capacity, QObject *parent = nullptr);

    using Ticket = quint64;
    // Asks for a slot for the step at `order`; `granted` runs once the slot is held.
    Ticket acquire(int order, std::function<void()> granted);
    // Withdraws a request that has not been granted yet; false if there is none.
    bool withdraw(Ticket ticket);
    void release();

    int capacity() const { return m_capacity; }
    int inUse() const { return m_inUse; }

private:
    void grantScheduled();
    void grant();

    int m_capacity;
    int m_inUse = 0;
    Ticket m_nextTicket = 1;
    std::multimap<std::pair<int, Ticket>, std::function<void()>> m_waiting;
    bool m_grantPending = false;
};

} // namespace pw::engine
