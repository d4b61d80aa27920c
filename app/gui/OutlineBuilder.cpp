#include "OutlineBuilder.h"

#include "ElementPath.h"
#include "NodeBadges.h"

#include <QHash>

#include <functional>

namespace pw::gui {
namespace {

using namespace pw::model;

std::unique_ptr<OutlineItem> makeItem(OutlineKind kind, OutlineLane lane, const QString &path)
{
    auto item = std::make_unique<OutlineItem>();
    item->kind = kind;
    item->lane = lane;
    item->path = path;
    return item;
}

QString displayName(const QString &name, const QString &id)
{
    return name.isEmpty() ? id : name;
}

// `inherited`: the executor the nodes get from their stage, groups or the pipeline (null: none).
void addNodes(OutlineItem &parent, const NodeList &nodes, OutlineLane lane, const Executor *inherited);

// Lanes are addressed from their owner: "<owner>.steps", "pipeline.errorHandler".
void addLane(OutlineItem &owner, const QString &ownerPath, const NodeList &nodes,
             OutlineLane lane, const Executor *inherited)
{
    // Every lane exists even when empty: it is where the first step of that list is dropped.
    OutlineItem *item = owner.addChild(
        makeItem(OutlineKind::Lane, lane, ownerPath + u'.' + toString(lane)));
    addNodes(*item, nodes, lane, inherited);
}

void addNode(OutlineItem &parent, const Node &node, OutlineLane lane, int index, const Executor *inherited)
{
    if (const Step *step = node.step()) {
        auto item = makeItem(OutlineKind::Step, lane,
                             elementPath(parent.path, index, ElementKind::Step));
        item->nodeId = step->id;
        item->name = displayName(step->name, step->id);
        item->stepType = toString(step->type());
        item->summary = stepSummary(*step);
        item->searchText = stepSearchText(*step);
        item->badges = stepBadges(*step, inherited);
        parent.addChild(std::move(item));
    } else if (const StepGroup *group = node.group()) {
        auto item = makeItem(OutlineKind::StepGroup, lane,
                             elementPath(parent.path, index, ElementKind::StepGroup));
        item->nodeId = group->id;
        item->name = displayName(group->name, group->id);
        item->badges = groupBadges(*group);
        OutlineItem *added = parent.addChild(std::move(item));
        const Executor *inside = group->executor ? &*group->executor : inherited;
        addLane(*added, added->path, group->steps, OutlineLane::Steps, inside);
        addLane(*added, added->path, group->rollbackSteps, OutlineLane::RollbackSteps, inside);
        addLane(*added, added->path, group->errorHandler, OutlineLane::ErrorHandler, inside);
    } else if (const ParallelBlock *parallel = node.parallel()) {
        OutlineItem *added = parent.addChild(makeItem(
            OutlineKind::Parallel, lane, elementPath(parent.path, index, ElementKind::Parallel)));
        addNodes(*added, parallel->items, lane, inherited);
    }
}

// `parent` is a lane or a parallel block: its path is the list path of the nodes.
void addNodes(OutlineItem &parent, const NodeList &nodes, OutlineLane lane, const Executor *inherited)
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        addNode(parent, nodes[i], lane, int(i), inherited);
}

void addStage(OutlineItem &parent, const Stage &stage, const QString &path, const Executor *inherited)
{
    auto item = makeItem(OutlineKind::Stage, OutlineLane::Steps, path);
    item->nodeId = stage.id;
    item->name = displayName(stage.name, stage.id);
    item->description = stage.description;
    item->badges = stageBadges(stage);
    OutlineItem *added = parent.addChild(std::move(item));
    const Executor *inside = stage.executor ? &*stage.executor : inherited;
    addLane(*added, path, stage.steps, OutlineLane::Steps, inside);
    addLane(*added, path, stage.rollbackSteps, OutlineLane::RollbackSteps, inside);
    addLane(*added, path, stage.errorHandler, OutlineLane::ErrorHandler, inside);
}

// Multi-line commands and messages become one line; the card elides the rest.
QString firstLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype end = trimmed.indexOf(u'\n');
    return end < 0 ? trimmed : QString(trimmed.left(end) + QStringLiteral(" …"));
}

} // namespace

QString stepSearchText(const Step &step)
{
    return std::visit(
        [](const auto &spec) -> QString {
            using Spec = std::decay_t<decltype(spec)>;
            if constexpr (std::is_same_v<Spec, ShellSpec>)
                return spec.command;
            else if constexpr (std::is_same_v<Spec, HttpSpec>)
                return spec.method.value_or(QStringLiteral("GET")) + u' ' + spec.url;
            else if constexpr (std::is_same_v<Spec, WaitSpec>)
                return spec.duration ? QString(QStringLiteral("wait ") + spec.duration->toString())
                                     : QString();
            else if constexpr (std::is_same_v<Spec, VerifySpec>)
                return spec.condition;
            else
                return spec.message; // Echo, Fail, Approval
        },
        step.spec);
}

QString stepSummary(const Step &step)
{
    return firstLine(stepSearchText(step));
}

std::unique_ptr<OutlineItem> buildOutline(const Pipeline &pipeline)
{
    auto root = std::make_unique<OutlineItem>();
    root->path = QStringLiteral("pipeline");
    const QString stages = QStringLiteral("pipeline.stages");
    const Executor *executor = pipeline.executor ? &*pipeline.executor : nullptr;
    for (std::size_t i = 0; i < pipeline.stages.size(); ++i) {
        const StageItem &stageItem = pipeline.stages[i];
        if (const Stage *stage = stageItem.stage()) {
            addStage(*root, *stage, elementPath(stages, int(i), ElementKind::Stage), executor);
        } else if (const ParallelStages *parallel = stageItem.parallel()) {
            OutlineItem *frame = root->addChild(
                makeItem(OutlineKind::ParallelStages, OutlineLane::Steps,
                         elementPath(stages, int(i), ElementKind::ParallelStages)));
            for (std::size_t j = 0; j < parallel->stages.size(); ++j)
                addStage(*frame, parallel->stages[j],
                         elementPath(frame->path, int(j), ElementKind::Stage), executor);
        }
    }
    addLane(*root, root->path, pipeline.errorHandler, OutlineLane::ErrorHandler, executor);
    return root;
}

void annotateProblems(OutlineItem &root, const Problems &problems)
{
    // Each problem belongs to the innermost element its path names; a lane also shows the
    // problems its owner has about that lane ("a stage needs at least one step").
    QHash<QString, const Problem *> first;
    QHash<QString, bool> hasError;
    for (const Problem &problem : problems) {
        const QString owner = owningElementPath(problem.path);
        QStringList keys{owner};
        if (!problem.field.isEmpty() && !problem.field.contains(u'.'))
            keys << owner + u'.' + problem.field;
        for (const QString &key : keys) {
            if (!first.contains(key))
                first.insert(key, &problem);
            if (problem.isError())
                hasError[key] = true;
        }
    }
    std::function<void(OutlineItem &)> visit = [&](OutlineItem &item) {
        const Problem *problem = first.value(item.path);
        item.problemText = problem ? problem->message : QString();
        item.problemSeverity = !problem ? QString()
            : hasError.value(item.path) ? QStringLiteral("error")
                                        : QStringLiteral("warning");
        for (auto &child : item.children)
            visit(*child);
    };
    visit(root);
}

} // namespace pw::gui
