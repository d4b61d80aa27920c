#include "OutlineBuilder.h"

#include "NodeBadges.h"

namespace pw::gui {
namespace {

using namespace pw::model;

std::unique_ptr<OutlineItem> makeItem(OutlineKind kind, OutlineLane lane)
{
    auto item = std::make_unique<OutlineItem>();
    item->kind = kind;
    item->lane = lane;
    return item;
}

QString displayName(const QString &name, const QString &id)
{
    return name.isEmpty() ? id : name;
}

void addNodes(OutlineItem &parent, const NodeList &nodes, OutlineLane lane);

void addLane(OutlineItem &owner, const NodeList &nodes, OutlineLane lane)
{
    // The main lane always exists so that an empty stage still shows where steps go.
    if (nodes.empty() && lane != OutlineLane::Steps)
        return;
    OutlineItem *item = owner.addChild(makeItem(OutlineKind::Lane, lane));
    addNodes(*item, nodes, lane);
}

void addNode(OutlineItem &parent, const Node &node, OutlineLane lane)
{
    if (const Step *step = node.step()) {
        auto item = makeItem(OutlineKind::Step, lane);
        item->nodeId = step->id;
        item->name = displayName(step->name, step->id);
        item->stepType = toString(step->type());
        item->summary = stepSummary(*step);
        item->badges = stepBadges(*step);
        parent.addChild(std::move(item));
    } else if (const StepGroup *group = node.group()) {
        auto item = makeItem(OutlineKind::StepGroup, lane);
        item->nodeId = group->id;
        item->name = displayName(group->name, group->id);
        item->badges = groupBadges(*group);
        OutlineItem *added = parent.addChild(std::move(item));
        addLane(*added, group->steps, OutlineLane::Steps);
        addLane(*added, group->rollbackSteps, OutlineLane::RollbackSteps);
        addLane(*added, group->errorHandler, OutlineLane::ErrorHandler);
    } else if (const ParallelBlock *parallel = node.parallel()) {
        OutlineItem *added = parent.addChild(makeItem(OutlineKind::Parallel, lane));
        addNodes(*added, parallel->items, lane);
    }
}

void addNodes(OutlineItem &parent, const NodeList &nodes, OutlineLane lane)
{
    for (const Node &node : nodes)
        addNode(parent, node, lane);
}

void addStage(OutlineItem &parent, const Stage &stage)
{
    auto item = makeItem(OutlineKind::Stage, OutlineLane::Steps);
    item->nodeId = stage.id;
    item->name = displayName(stage.name, stage.id);
    item->description = stage.description;
    item->badges = stageBadges(stage);
    OutlineItem *added = parent.addChild(std::move(item));
    addLane(*added, stage.steps, OutlineLane::Steps);
    addLane(*added, stage.rollbackSteps, OutlineLane::RollbackSteps);
    addLane(*added, stage.errorHandler, OutlineLane::ErrorHandler);
}

// Multi-line commands and messages become one line; the card elides the rest.
QString firstLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype end = trimmed.indexOf(u'\n');
    return end < 0 ? trimmed : QString(trimmed.left(end) + QStringLiteral(" …"));
}

} // namespace

QString stepSummary(const Step &step)
{
    return std::visit(
        [](const auto &spec) -> QString {
            using Spec = std::decay_t<decltype(spec)>;
            if constexpr (std::is_same_v<Spec, ShellSpec>)
                return firstLine(spec.command);
            else if constexpr (std::is_same_v<Spec, HttpSpec>)
                return spec.method.value_or(QStringLiteral("GET")) + u' ' + spec.url;
            else if constexpr (std::is_same_v<Spec, WaitSpec>)
                return spec.duration ? QString(QStringLiteral("wait ") + spec.duration->toString())
                                     : QString();
            else if constexpr (std::is_same_v<Spec, VerifySpec>)
                return firstLine(spec.condition);
            else
                return firstLine(spec.message); // Echo, Fail, Approval
        },
        step.spec);
}

std::unique_ptr<OutlineItem> buildOutline(const Pipeline &pipeline)
{
    auto root = std::make_unique<OutlineItem>();
    for (const StageItem &stageItem : pipeline.stages) {
        if (const Stage *stage = stageItem.stage()) {
            addStage(*root, *stage);
        } else if (const ParallelStages *parallel = stageItem.parallel()) {
            OutlineItem *frame = root->addChild(
                makeItem(OutlineKind::ParallelStages, OutlineLane::Steps));
            for (const Stage &member : parallel->stages)
                addStage(*frame, member);
        }
    }
    addLane(*root, pipeline.errorHandler, OutlineLane::ErrorHandler);
    return root;
}

} // namespace pw::gui
