#pragma once

#include "engine/FailureStrategyResolver.h"
#include "engine/RunTypes.h"
#include "model/IdKey.h"
#include "model/Pipeline.h"

#include <QHash>

#include <vector>

namespace pw::engine {

// Every node of a pipeline (stages, groups, steps, rollback and handler steps) with what the
// scheduler and the report need to know about its place: kind, role, enclosing stage and
// groups, file order, and the failure strategy lists to consult. Built once per run; points
// into the run's own copy of the Pipeline.
struct PlannedNode
{
    QString id;
    NodeKind kind = NodeKind::Step;
    NodeRole role = NodeRole::Main;
    QString stage; // empty: the pipeline's errorHandler
    QStringList parents; // stage and groups, outermost first
    QString innermostGroup; // empty: in no group
    int order = 0; // position in the file, for slot order and the report
    const model::Step *step = nullptr;
    const model::StepGroup *group = nullptr;
    const model::Stage *stageModel = nullptr;
    StrategyChain strategies; // steps: own list, groups innermost out, stage, pipeline
    StepPlacement placement;
    // Shell steps: the nearest `executor` (own, groups innermost out, stage, pipeline);
    // null: none anywhere, this machine.
    const model::Executor *executor = nullptr;
};

class RunPlan
{
public:
    explicit RunPlan(const model::Pipeline &pipeline);

    const PlannedNode &node(const QString &id) const { return m_nodes[std::size_t(m_index.value(id))]; }
    bool contains(const QString &id) const { return m_index.contains(id); }
    const std::vector<PlannedNode> &nodes() const { return m_nodes; }

    // The ids inside a node list, recursively (groups, their lanes, parallel items).
    static void collectIds(const model::NodeList &nodes, QStringList &ids);
    // A stage's own id and every id inside it.
    static QStringList idsOfStage(const model::Stage &stage);

private:
    struct Place
    {
        NodeRole role;
        QString stage;
        QStringList parents;
        QString innermostGroup;
        StrategyChain groupStrategies; // enclosing groups, innermost first
        const model::Stage *stage_ = nullptr;
        const model::Executor *executor = nullptr; // the nearest enclosing one
    };
    void addStage(const model::Stage &stage);
    void addNodes(const model::NodeList &nodes, const Place &place);
    PlannedNode &add(const QString &id, NodeKind kind, const Place &place);

    const model::Pipeline &m_pipeline;
    std::vector<PlannedNode> m_nodes;
    QHash<model::IdKey, int> m_index;
};

} // namespace pw::engine
