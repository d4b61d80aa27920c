#include "RunPlan.h"

namespace pw::engine {

RunPlan::RunPlan(const model::Pipeline &pipeline) : m_pipeline(pipeline)
{
    for (const model::StageItem &item : pipeline.stages) {
        if (const model::Stage *stage = item.stage())
            addStage(*stage);
        else
            for (const model::Stage &parallelStage : item.parallel()->stages)
                addStage(parallelStage);
    }
    const model::Executor *pipelineExecutor = pipeline.executor ? &*pipeline.executor : nullptr;
    Place handler{NodeRole::ErrorHandler, QString(), {}, QString(), {}, nullptr, pipelineExecutor};
    addNodes(pipeline.errorHandler, handler);
}

PlannedNode &RunPlan::add(const QString &id, NodeKind kind, const Place &place)
{
    PlannedNode node;
    node.id = id;
    node.kind = kind;
    node.role = place.role;
    node.stage = place.stage;
    node.parents = place.parents;
    node.innermostGroup = place.innermostGroup;
    node.order = int(m_nodes.size());
    m_index.insert(id, int(m_nodes.size()));
    m_nodes.push_back(std::move(node));
    return m_nodes.back();
}

void RunPlan::addStage(const model::Stage &stage)
{
    PlannedNode &node = add(stage.id, NodeKind::Stage, {NodeRole::Main, stage.id, {}, QString(), {}, nullptr});
    node.stageModel = &stage;
    node.stage = stage.id;
    const model::Executor *executor = stage.executor ? &*stage.executor
        : m_pipeline.executor                         ? &*m_pipeline.executor
                                                      : nullptr;
    const Place main{NodeRole::Main, stage.id, {stage.id}, QString(), {}, &stage, executor};
    addNodes(stage.steps, main);
    Place rollback = main;
    rollback.role = NodeRole::Rollback;
    addNodes(stage.rollbackSteps, rollback);
    Place handler = main;
    handler.role = NodeRole::ErrorHandler;
    addNodes(stage.errorHandler, handler);
}

void RunPlan::addNodes(const model::NodeList &nodes, const Place &place)
{
    for (const model::Node &item : nodes) {
        if (const model::ParallelBlock *parallel = item.parallel()) {
            addNodes(parallel->items, place);
        } else if (const model::StepGroup *group = item.group()) {
            PlannedNode &node = add(group->id, NodeKind::Group, place);
            node.group = group;
            Place inside = place;
            inside.parents << group->id;
            inside.innermostGroup = group->id;
            inside.groupStrategies.prepend({&group->failureStrategies, StrategyLevel::StepGroup, group->id});
            if (group->executor)
                inside.executor = &*group->executor;
            addNodes(group->steps, inside);
            // A group's lanes sit inside the group, for strategies and the report's parents,
            // but keep the role of the lane.
            Place rollback = inside;
            rollback.role = NodeRole::Rollback;
            addNodes(group->rollbackSteps, rollback);
            Place handler = inside;
            handler.role = NodeRole::ErrorHandler;
            addNodes(group->errorHandler, handler);
        } else if (const model::Step *step = item.step()) {
            PlannedNode &node = add(step->id, NodeKind::Step, place);
            node.step = step;
            node.strategies.append({&step->failureStrategies, StrategyLevel::Step, step->id});
            node.strategies += place.groupStrategies;
            if (place.stage_)
                node.strategies.append({&place.stage_->failureStrategies, StrategyLevel::Stage, place.stage});
            node.strategies.append({&m_pipeline.failureStrategies, StrategyLevel::Pipeline, m_pipeline.id});
            node.placement.insideStepGroup = !place.innermostGroup.isEmpty();
            node.placement.inRollbackOrErrorHandler = place.role != NodeRole::Main;
            node.executor = step->executor ? &*step->executor : place.executor;
        }
    }
}

void RunPlan::collectIds(const model::NodeList &nodes, QStringList &ids)
{
    for (const model::Node &item : nodes) {
        if (const model::ParallelBlock *parallel = item.parallel()) {
            collectIds(parallel->items, ids);
        } else if (const model::StepGroup *group = item.group()) {
            ids << group->id;
            collectIds(group->steps, ids);
            collectIds(group->rollbackSteps, ids);
            collectIds(group->errorHandler, ids);
        } else if (const model::Step *step = item.step()) {
            ids << step->id;
        }
    }
}

QStringList RunPlan::idsOfStage(const model::Stage &stage)
{
    QStringList ids{stage.id};
    collectIds(stage.steps, ids);
    collectIds(stage.rollbackSteps, ids);
    collectIds(stage.errorHandler, ids);
    return ids;
}

} // namespace pw::engine
