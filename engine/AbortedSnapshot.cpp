#include "AbortedSnapshot.h"

namespace pw::engine {

RunSnapshot abortedSnapshot(RunSnapshot snapshot, const QDateTime &now)
{
    snapshot.status = RunStatus::Aborted;
    snapshot.endedAt = now;
    for (NodeState &node : snapshot.nodes) {
        if (isFinal(node.status))
            continue;
        node.status = NodeStatus::Aborted;
        node.endedAt = now;
        snapshot.events.append({now, node.id, QStringLiteral("cancelled"), 0, {}, -1, {}, {}, {}});
        snapshot.events.append({now, node.id, QStringLiteral("ended"), 0, {}, -1, node.status, {}, {}});
    }
    for (const NodeState &node : std::as_const(snapshot.nodes))
        snapshot.warning = snapshot.warning || node.warning;
    return snapshot;
}

} // namespace pw::engine
