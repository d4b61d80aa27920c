#include "NodeRunStates.h"

namespace pw::gui {
namespace {

qint64 msOf(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

} // namespace

void NodeRunStates::reset(const QList<engine::NodeState> &nodes)
{
    m_states.clear();
    m_retryAt.clear();
    m_deadline.clear();
    // Room for all at once: a hash grown to 1,000 states one insert at a time rehashes as it grows.
    m_states.reserve(nodes.size());
    for (const engine::NodeState &node : nodes)
        m_states.insert(node.id, node);
    emit cleared();
}

void NodeRunStates::clear()
{
    reset({});
}

void NodeRunStates::update(const QList<engine::NodeState> &nodes)
{
    // Only the nodes that changed: the end of a run repeats all 1,000 states of the benchmark's
    // run, most of them as the window already has them, and each one told is a row of the
    // canvas updated (the run's end took 9-19 ms of the GUI thread on the slow machine, 6-8 ms
    // once only changes were told).
    QStringList ids;
    for (const engine::NodeState &node : nodes) {
        const auto found = m_states.constFind(node.id);
        if (found != m_states.cend() && *found == node)
            continue;
        m_states.insert(node.id, node);
        ids << node.id;
    }
    if (!ids.isEmpty())
        emit changed(ids);
}

void NodeRunStates::noteRetry(const QString &id, const QDateTime &at)
{
    m_retryAt.insert(id, at);
    emit changed({id});
}

void NodeRunStates::noteDeadline(const QString &id, const QDateTime &deadline)
{
    m_deadline.insert(id, deadline);
    emit changed({id});
}

const engine::NodeState *NodeRunStates::find(const QString &id) const
{
    const auto found = m_states.constFind(id);
    return found == m_states.cend() ? nullptr : &*found;
}

QVariantMap NodeRunStates::info(const QString &id) const
{
    const engine::NodeState *node = find(id);
    if (!node)
        return {};
    QVariantMap info{{QStringLiteral("status"), engine::toString(node->status)},
                     {QStringLiteral("attempts"), node->attempts},
                     {QStringLiteral("maxAttempts"), m_maxAttempts.value(id, 1)},
                     {QStringLiteral("warning"), node->warning},
                     {QStringLiteral("cloned"), node->cloned},
                     {QStringLiteral("startedAt"), msOf(node->startedAt)},
                     {QStringLiteral("endedAt"), msOf(node->endedAt)},
                     {QStringLiteral("retryAt"), node->status == engine::NodeStatus::Retrying
                                                     ? msOf(m_retryAt.value(id)) : 0},
                     {QStringLiteral("deadline"), node->status == engine::NodeStatus::Waiting
                                                      ? msOf(m_deadline.value(id)) : 0}};
    if (!node->waitingReason.isEmpty())
        info.insert(QStringLiteral("reason"), node->waitingReason);
    if (node->error) {
        info.insert(QStringLiteral("errorType"), model::toString(node->error->type));
        info.insert(QStringLiteral("errorMessage"), node->error->message);
    }
    return info;
}

} // namespace pw::gui
