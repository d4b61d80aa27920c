#include "RunMirror.h"

#include "engine/AbortedSnapshot.h"

namespace pw::cli {

using engine::NodeState;

void RunMirror::reset(const engine::RunSnapshot &initial)
{
    m_snapshot = initial;
    m_index.clear();
    for (qsizetype i = 0; i < m_snapshot.nodes.size(); ++i)
        m_index.insert(m_snapshot.nodes.at(i).id, i);
}

void RunMirror::updateNodes(const QList<NodeState> &states)
{
    for (const NodeState &state : states) {
        const auto found = m_index.constFind(state.id);
        if (found != m_index.cend()) {
            m_snapshot.nodes[*found] = state;
        } else {
            m_index.insert(state.id, m_snapshot.nodes.size());
            m_snapshot.nodes.append(state);
        }
    }
}

void RunMirror::addEvents(const QList<engine::RunEvent> &events)
{
    m_snapshot.events.append(events);
}

void RunMirror::addIntervention(const engine::InterventionRecord &record)
{
    // A request the engine withdrew (its step was cancelled) was never decided: the engine's
    // own report leaves it out too.
    if (record.by == QLatin1String("engine"))
        return;
    m_snapshot.interventions.append(record);
}

const NodeState *RunMirror::node(const QString &id) const
{
    const auto found = m_index.constFind(id);
    return found == m_index.cend() ? nullptr : &m_snapshot.nodes.at(*found);
}

engine::RunSnapshot RunMirror::abortedSnapshot() const
{
    return engine::abortedSnapshot(m_snapshot);
}

} // namespace pw::cli
