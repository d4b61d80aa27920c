#include "NewElements.h"

#include <QRegularExpression>

namespace pw::gui {

using namespace pw::model;

namespace {

QString freshId(const QString &id, QSet<QString> &usedIds)
{
    if (id.isEmpty() || !usedIds.contains(id)) {
        if (!id.isEmpty())
            usedIds.insert(id);
        return id;
    }
    // "build_2" pasted again becomes "build_3", not "build_2_1".
    static const QRegularExpression numbered(QStringLiteral("^(.*)_\\d+$"));
    const QRegularExpressionMatch match = numbered.match(id);
    const QString renamed = uniqueId(match.hasMatch() ? match.captured(1) : id, usedIds);
    usedIds.insert(renamed);
    return renamed;
}

void renameNodes(NodeList &nodes, QSet<QString> &usedIds);

void renameNode(Node &node, QSet<QString> &usedIds)
{
    if (Step *step = node.step()) {
        step->id = freshId(step->id, usedIds);
    } else if (StepGroup *group = node.group()) {
        group->id = freshId(group->id, usedIds);
        renameNodes(group->steps, usedIds);
        renameNodes(group->rollbackSteps, usedIds);
        renameNodes(group->errorHandler, usedIds);
    } else if (ParallelBlock *block = node.parallel()) {
        renameNodes(block->items, usedIds);
    }
}

void renameNodes(NodeList &nodes, QSet<QString> &usedIds)
{
    for (Node &node : nodes)
        renameNode(node, usedIds);
}

void renameStage(Stage &stage, QSet<QString> &usedIds)
{
    stage.id = freshId(stage.id, usedIds);
    renameNodes(stage.steps, usedIds);
    renameNodes(stage.rollbackSteps, usedIds);
    renameNodes(stage.errorHandler, usedIds);
}

Stage newStage(QSet<QString> &usedIds)
{
    Stage stage;
    stage.id = uniqueId(QStringLiteral("stage"), usedIds);
    usedIds.insert(stage.id);
    return stage;
}

} // namespace

QStringList paletteKinds()
{
    QStringList kinds{QStringLiteral("Stage"), QStringLiteral("StepGroup"),
                      QStringLiteral("Parallel")};
    return kinds + allNames<StepType>();
}

std::optional<ElementKind> elementKindFor(const QString &kind, ListKind list)
{
    if (kind == QLatin1String("Stage"))
        return ElementKind::Stage;
    if (kind == QLatin1String("StepGroup"))
        return ElementKind::StepGroup;
    if (kind == QLatin1String("Parallel"))
        return list == ListKind::Stages || list == ListKind::StageFrame
            ? ElementKind::ParallelStages
            : ElementKind::Parallel;
    if (parseStepType(kind))
        return ElementKind::Step;
    return std::nullopt;
}

std::optional<DetachedElement> makeNewElement(const QString &kind, ListKind list,
                                              QSet<QString> &usedIds)
{
    const std::optional<ElementKind> elementKind = elementKindFor(kind, list);
    if (!elementKind)
        return std::nullopt;
    switch (*elementKind) {
    case ElementKind::Stage: return StageItem{newStage(usedIds)};
    case ElementKind::ParallelStages: {
        ParallelStages frame;
        frame.stages.push_back(newStage(usedIds));
        return StageItem{std::move(frame)};
    }
    case ElementKind::Parallel: return Node{ParallelBlock{}};
    case ElementKind::StepGroup: {
        StepGroup group;
        group.id = uniqueId(QStringLiteral("group"), usedIds);
        usedIds.insert(group.id);
        return Node{std::move(group)};
    }
    case ElementKind::Step: {
        const StepType type = *parseStepType(kind);
        Step step;
        step.id = uniqueId(kind.toLower(), usedIds);
        usedIds.insert(step.id);
        step.spec = defaultSpecFor(type);
        return Node{std::move(step)};
    }
    case ElementKind::Pipeline: break;
    }
    return std::nullopt;
}

QString uniqueId(const QString &prefix, const QSet<QString> &usedIds)
{
    for (int n = 1;; ++n) {
        const QString candidate = prefix + u'_' + QString::number(n);
        if (!usedIds.contains(candidate))
            return candidate;
    }
}

void renameClashingIds(DetachedElement &element, QSet<QString> &usedIds)
{
    if (StageItem *item = std::get_if<StageItem>(&element)) {
        if (Stage *stage = item->stage()) {
            renameStage(*stage, usedIds);
        } else {
            for (Stage &member : item->parallel()->stages)
                renameStage(member, usedIds);
        }
    } else {
        renameNode(std::get<Node>(element), usedIds);
    }
}

} // namespace pw::gui
