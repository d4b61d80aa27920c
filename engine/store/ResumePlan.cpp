#include "ResumePlan.h"

namespace pw::engine {
namespace {

class Planner
{
public:
    Planner(const QList<NodeState> &original, const QString &from) : m_from(from)
    {
        for (const NodeState &node : original)
            m_original.insert(node.id, node);
    }

    ResumePlan plan(const model::Pipeline &pipeline)
    {
        bool intact = true;
        for (const model::StageItem &item : pipeline.stages) {
            if (const model::Stage *stage = item.stage()) {
                intact = walkStage(*stage, intact);
                continue;
            }
            // Parallel stages: each as the chain stood when they started.
            bool allOk = true;
            for (const model::Stage &stage : item.parallel()->stages)
                allOk = walkStage(stage, intact) && allOk;
            intact = intact && allOk;
        }
        return std::move(m_plan);
    }

private:
    // Whether the node ended so that it may be cloned, kind and role matching.
    bool eligible(const QString &id, NodeKind kind) const
    {
        const auto found = m_original.constFind(id);
        if (found == m_original.cend() || found->kind != kind || found->role != NodeRole::Main)
            return false;
        return found->status == NodeStatus::Succeeded || found->status == NodeStatus::IgnoredFailure;
    }

    bool skippedBefore(const QString &id) const
    {
        const auto found = m_original.constFind(id);
        return found != m_original.cend() && found->status == NodeStatus::Skipped;
    }

    // Walks a container's main list. Returns {chain intact after it, all reused}.
    std::pair<bool, bool> walkList(const model::NodeList &nodes, bool intact, bool forced)
    {
        bool allReused = true;
        for (const model::Node &node : nodes) {
            if (const model::ParallelBlock *parallel = node.parallel()) {
                bool allOk = true;
                for (const model::Node &item : parallel->items) {
                    const auto [ok, reused] = walkNode(item, intact, forced);
                    allOk = allOk && ok;
                    allReused = allReused && reused;
                }
                intact = intact && allOk;
                continue;
            }
            const auto [ok, reused] = walkNode(node, intact, forced);
            intact = intact && ok;
            allReused = allReused && reused;
        }
        return {intact, allReused};
    }

    // A step or group. Returns {the chain goes on intact after it, it is reused whole}.
    std::pair<bool, bool> walkNode(const model::Node &node, bool intact, bool forced)
    {
        if (const model::Step *step = node.step()) {
            const bool isFrom = step->id == m_from;
            if (intact && !forced && !isFrom && eligible(step->id, NodeKind::Step)) {
                m_plan.reuse.insert(step->id, m_original.value(step->id));
                return {true, true};
            }
            const bool skipped = !forced && !isFrom && skippedBefore(step->id);
            return {intact && skipped, false};
        }
        const model::StepGroup &group = *node.group();
        const bool groupForced = forced || group.id == m_from;
        const auto [ok, allReused] = walkList(group.steps, intact, groupForced);
        if (intact && !groupForced && allReused && eligible(group.id, NodeKind::Group)) {
            m_plan.reuse.insert(group.id, m_original.value(group.id));
            return {true, true};
        }
        return {ok && !groupForced, false};
    }

    bool walkStage(const model::Stage &stage, bool intact)
    {
        const bool forced = stage.id == m_from;
        const auto [ok, allReused] = walkList(stage.steps, intact, forced);
        if (intact && !forced && allReused && eligible(stage.id, NodeKind::Stage)) {
            m_plan.reuse.insert(stage.id, m_original.value(stage.id));
            return true;
        }
        return ok && !forced;
    }

    QHash<QString, NodeState> m_original;
    QString m_from;
    ResumePlan m_plan;
};

} // namespace

ResumePlan planResume(const model::Pipeline &pipeline, const QList<NodeState> &original, const QString &from)
{
    return Planner(original, from).plan(pipeline);
}

} // namespace pw::engine
