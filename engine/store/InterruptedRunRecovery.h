#pragma once

#include "RunDatabase.h"
#include "engine/RunTypes.h"

#include <QList>
#include <QString>

namespace pw::engine {

// Ends, in the store, a run whose program died (semantics.md, "Interrupted"): what its
// journal says it did and had not batched yet goes in first; then the run is Interrupted
// at its last sign of life, the steps it had running (or waiting to retry, or waiting for a
// person) Failed with DelegateRestart, what had not ended Aborted, open requests decided by
// the engine, and the cluster jobs of cut attempts cancelled. All in one transaction, and
// only if the run is still Running (its program may just have finished it). The caller
// knows the program is gone (nobody holds the run's owner lock).
class InterruptedRunRecovery
{
public:
    explicit InterruptedRunRecovery(RunDatabase &db);

    // True when run `rid` (`runId`) was marked Interrupted.
    bool recover(qint64 rid, const QString &runId);

private:
    bool applyJournal(qint64 rid, const QString &runId);
    QList<NodeState> planOf(qint64 rid);

    RunDatabase &m_db;
};

} // namespace pw::engine
