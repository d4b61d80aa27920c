#pragma once

#include "engine/RunTypes.h"
#include "model/IdKey.h"

#include <QHash>

namespace pw::cli {

// The command line's copy of a run, kept current from the engine's signals. The printer
// looks nodes up in it, and when the program has to stop before the engine finished (a
// second Ctrl+C) it still yields a report of everything known so far.
class RunMirror
{
public:
    void reset(const engine::RunSnapshot &initial);
    void updateNodes(const QList<engine::NodeState> &states);
    void addEvents(const QList<engine::RunEvent> &events);
    void addIntervention(const engine::InterventionRecord &record);

    const engine::NodeState *node(const QString &id) const;
    const engine::RunSnapshot &snapshot() const { return m_snapshot; }

    // What is known now, closed as an abort: status Aborted, and every node that is not
    // final yet Aborted (a report never shows Pending or Running nodes).
    engine::RunSnapshot abortedSnapshot() const;

private:
    engine::RunSnapshot m_snapshot;
    QHash<model::IdKey, qsizetype> m_index; // node id -> position in m_snapshot.nodes
};

} // namespace pw::cli
