#pragma once

#include "engine/RunTypes.h"
#include "model/Pipeline.h"

#include <QHash>

namespace pw::engine {

// Which nodes a resume reuses from the original run (semantics.md "Runs, storage and
// resume", Metaflow's rule that nothing downstream of a re-run step is reused).
//
// A node is reused when it ended Succeeded or IgnoredFailure in the original, still exists
// with the same kind, is not in a rollback or error-handler lane, is not `from` or inside it,
// and everything it follows was reused or skipped: the nodes before it in its own list and
// before its enclosing containers in theirs (parallel siblings do not count; nodes Skipped in
// the original are evaluated again and do not break the chain).
//
// A stage or group is reused whole (one `cloned` node, nothing inside it runs) only when every
// node of its main list is reused; otherwise it runs, and the reused nodes inside it are
// cloned where they stand.
struct ResumePlan
{
    QHash<QString, NodeState> reuse; // id -> the original's final state
};

ResumePlan planResume(const model::Pipeline &pipeline, const QList<NodeState> &original,
                      const QString &from = {});

} // namespace pw::engine
