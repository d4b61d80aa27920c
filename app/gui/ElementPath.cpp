#include "ElementPath.h"

#include <QRegularExpression>

namespace pw::gui {

using namespace pw::model;

namespace {

const QString kPipeline = QStringLiteral("pipeline");

QString kindWord(ElementKind kind)
{
    switch (kind) {
    case ElementKind::Stage: return QStringLiteral("stage");
    case ElementKind::ParallelStages:
    case ElementKind::Parallel: return QStringLiteral("parallel");
    case ElementKind::StepGroup: return QStringLiteral("stepGroup");
    case ElementKind::Step: return QStringLiteral("step");
    case ElementKind::Pipeline: break;
    }
    return kPipeline;
}

ElementKind kindOfNode(const Node &node)
{
    if (node.step())
        return ElementKind::Step;
    if (node.group())
        return ElementKind::StepGroup;
    return ElementKind::Parallel;
}

ElementRef refToNode(Node &node)
{
    ElementRef ref;
    ref.kind = kindOfNode(node);
    ref.step = node.step();
    ref.group = node.group();
    ref.parallel = node.parallel();
    return ref;
}

// The lane named `lane` of an element that has lanes (pipeline: errorHandler only).
std::optional<ListRef> laneOf(const ElementRef &owner, const QString &lane)
{
    NodeList *nodes = nullptr;
    const bool steps = lane == QLatin1String("steps");
    const bool rollback = lane == QLatin1String("rollbackSteps");
    const bool handler = lane == QLatin1String("errorHandler");
    if (owner.stage)
        nodes = steps ? &owner.stage->steps
                : rollback ? &owner.stage->rollbackSteps
                : handler ? &owner.stage->errorHandler : nullptr;
    else if (owner.group)
        nodes = steps ? &owner.group->steps
                : rollback ? &owner.group->rollbackSteps
                : handler ? &owner.group->errorHandler : nullptr;
    else if (owner.pipeline && handler)
        nodes = &owner.pipeline->errorHandler;
    if (!nodes)
        return std::nullopt;
    ListRef ref;
    ref.kind = ListKind::Lane;
    ref.nodes = nodes;
    return ref;
}

void collectNodePaths(const NodeList &nodes, const QString &listPath, QStringList &out);

void collectLanes(const NodeList &steps, const NodeList &rollback, const NodeList &handler,
                  const QString &owner, QStringList &out)
{
    collectNodePaths(steps, owner + QStringLiteral(".steps"), out);
    collectNodePaths(rollback, owner + QStringLiteral(".rollbackSteps"), out);
    collectNodePaths(handler, owner + QStringLiteral(".errorHandler"), out);
}

void collectNodePaths(const NodeList &nodes, const QString &listPath, QStringList &out)
{
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const Node &node = nodes[i];
        const QString path = elementPath(listPath, int(i), kindOfNode(node));
        out << path;
        if (const StepGroup *group = node.group())
            collectLanes(group->steps, group->rollbackSteps, group->errorHandler, path, out);
        else if (const ParallelBlock *block = node.parallel())
            collectNodePaths(block->items, path, out);
    }
}

void collectStagePaths(const Stage &stage, const QString &path, QStringList &out)
{
    out << path;
    collectLanes(stage.steps, stage.rollbackSteps, stage.errorHandler, path, out);
}

void collectNodeIds(const NodeList &nodes, QStringList &out)
{
    for (const Node &node : nodes) {
        if (const Step *step = node.step()) {
            out << step->id;
        } else if (const StepGroup *group = node.group()) {
            out << group->id;
            collectNodeIds(group->steps, out);
            collectNodeIds(group->rollbackSteps, out);
            collectNodeIds(group->errorHandler, out);
        } else if (const ParallelBlock *block = node.parallel()) {
            collectNodeIds(block->items, out);
        }
    }
}

void collectStageIds(const Stage &stage, QStringList &out)
{
    out << stage.id;
    collectNodeIds(stage.steps, out);
    collectNodeIds(stage.rollbackSteps, out);
    collectNodeIds(stage.errorHandler, out);
}

// Shifts the index right after `listPath[` in `path` by `delta` when `shifts(index)`.
template <typename Shift>
QString shiftIndex(const QString &path, const QString &listPath, Shift shift)
{
    const QString prefix = listPath + u'[';
    if (!path.startsWith(prefix))
        return path;
    const qsizetype close = path.indexOf(u']', prefix.size());
    if (close < 0)
        return path;
    bool ok = false;
    const int index = path.mid(prefix.size(), close - prefix.size()).toInt(&ok);
    if (!ok)
        return path;
    return prefix + QString::number(shift(index)) + path.mid(close);
}

} // namespace

QString kindName(ElementKind kind)
{
    switch (kind) {
    case ElementKind::Pipeline: return kPipeline;
    case ElementKind::Stage: return QStringLiteral("stage");
    case ElementKind::ParallelStages: return QStringLiteral("parallelStages");
    case ElementKind::StepGroup: return QStringLiteral("stepGroup");
    case ElementKind::Parallel: return QStringLiteral("parallel");
    case ElementKind::Step: return QStringLiteral("step");
    }
    return {};
}

ElementKind kindOf(const DetachedElement &element)
{
    if (const StageItem *item = std::get_if<StageItem>(&element))
        return item->stage() ? ElementKind::Stage : ElementKind::ParallelStages;
    return kindOfNode(std::get<Node>(element));
}

QString refusalToInsert(ElementKind kind, ListKind list)
{
    switch (list) {
    case ListKind::Stages:
        if (kind == ElementKind::Stage || kind == ElementKind::ParallelStages)
            return {};
        return QStringLiteral("only stages go into the pipeline's stage list");
    case ListKind::StageFrame:
        if (kind == ElementKind::Stage)
            return {};
        if (kind == ElementKind::ParallelStages)
            return QStringLiteral("parallel stages may not be nested inside parallel stages");
        return QStringLiteral("only stages go into a parallel-stages frame");
    case ListKind::Lane:
        if (kind == ElementKind::Step || kind == ElementKind::StepGroup
            || kind == ElementKind::Parallel)
            return {};
        return QStringLiteral("stages do not go into a list of steps");
    case ListKind::ParallelBlock:
        if (kind == ElementKind::Step || kind == ElementKind::StepGroup)
            return {};
        if (kind == ElementKind::Parallel)
            return QStringLiteral("a parallel block may not be nested directly inside another");
        return QStringLiteral("stages do not go into a parallel block of steps");
    }
    return QStringLiteral("unknown list");
}

int ListRef::count() const
{
    if (stages)
        return int(stages->size());
    if (frame)
        return int(frame->size());
    return nodes ? int(nodes->size()) : 0;
}

ElementKind ListRef::kindAt(int index) const
{
    if (stages)
        return (*stages)[std::size_t(index)].stage() ? ElementKind::Stage
                                                      : ElementKind::ParallelStages;
    if (frame)
        return ElementKind::Stage;
    return kindOfNode((*nodes)[std::size_t(index)]);
}

const DetachedElement ListRef::copyAt(int index) const
{
    const auto at = std::size_t(index);
    if (stages)
        return (*stages)[at];
    if (frame)
        return StageItem{(*frame)[at]};
    return (*nodes)[at];
}

DetachedElement ListRef::take(int index)
{
    DetachedElement element = copyAt(index);
    if (stages)
        stages->erase(stages->begin() + index);
    else if (frame)
        frame->erase(frame->begin() + index);
    else
        nodes->erase(nodes->begin() + index);
    return element;
}

void ListRef::insert(int index, DetachedElement element)
{
    if (stages) {
        stages->insert(stages->begin() + index, std::get<StageItem>(std::move(element)));
    } else if (frame) {
        StageItem item = std::get<StageItem>(std::move(element));
        frame->insert(frame->begin() + index, std::move(*item.stage()));
    } else {
        nodes->insert(nodes->begin() + index, std::get<Node>(std::move(element)));
    }
}

std::optional<SplitPath> splitElementPath(const QString &path)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(.+)\\[(\\d+)\\]\\.(stage|parallel|stepGroup|step)$"));
    const QRegularExpressionMatch match = pattern.match(path);
    if (!match.hasMatch())
        return std::nullopt;
    return SplitPath{match.captured(1), match.captured(2).toInt(), match.captured(3)};
}

QString elementPath(const QString &listPath, int index, ElementKind kind)
{
    return listPath + u'[' + QString::number(index) + QStringLiteral("].") + kindWord(kind);
}

std::optional<ElementRef> resolveElement(Pipeline &pipeline, const QString &path)
{
    if (path == kPipeline) {
        ElementRef ref;
        ref.pipeline = &pipeline;
        return ref;
    }
    const std::optional<SplitPath> split = splitElementPath(path);
    if (!split)
        return std::nullopt;
    std::optional<ListRef> list = resolveList(pipeline, split->listPath);
    if (!list || split->index >= list->count())
        return std::nullopt;
    const auto at = std::size_t(split->index);
    ElementRef ref;
    if (list->stages) {
        StageItem &item = (*list->stages)[at];
        ref.stage = item.stage();
        ref.parallelStages = item.parallel();
        ref.kind = ref.stage ? ElementKind::Stage : ElementKind::ParallelStages;
    } else if (list->frame) {
        ref.stage = &(*list->frame)[at];
        ref.kind = ElementKind::Stage;
    } else {
        ref = refToNode((*list->nodes)[at]);
    }
    if (kindWord(ref.kind) != split->kindWord)
        return std::nullopt;
    return ref;
}

std::optional<ListRef> resolveList(Pipeline &pipeline, const QString &listPath)
{
    if (listPath == QLatin1String("pipeline.stages")) {
        ListRef ref;
        ref.kind = ListKind::Stages;
        ref.stages = &pipeline.stages;
        return ref;
    }
    const qsizetype dot = listPath.lastIndexOf(u'.');
    if (dot < 0)
        return std::nullopt;
    const QString last = listPath.mid(dot + 1);
    if (last == QLatin1String("parallel")) {
        const std::optional<ElementRef> owner = resolveElement(pipeline, listPath);
        if (!owner)
            return std::nullopt;
        ListRef ref;
        if (owner->parallelStages) {
            ref.kind = ListKind::StageFrame;
            ref.frame = &owner->parallelStages->stages;
        } else {
            ref.kind = ListKind::ParallelBlock;
            ref.nodes = &owner->parallel->items;
        }
        return ref;
    }
    const std::optional<ElementRef> owner = resolveElement(pipeline, listPath.left(dot));
    if (!owner)
        return std::nullopt;
    return laneOf(*owner, last);
}

bool isSameOrInside(const QString &path, const QString &ancestor)
{
    if (!path.startsWith(ancestor))
        return false;
    if (path.size() == ancestor.size())
        return true;
    const QChar next = path.at(ancestor.size());
    return next == u'.' || next == u'[';
}

QString owningElementPath(const QString &path)
{
    // An element word right after an index: "...[3].step"; a field named like one (an env
    // variable called "step") never follows an index, so it is not mistaken for an element.
    static const QRegularExpression element(
        QStringLiteral("\\]\\.(stage|parallel|stepGroup|step)(?=$|[.\\[])"));
    qsizetype end = -1;
    QRegularExpressionMatchIterator it = element.globalMatch(path);
    while (it.hasNext())
        end = it.next().capturedEnd();
    return end < 0 ? kPipeline : path.left(end);
}

QString pathAfterRemoval(const QString &path, const QString &listPath, int index)
{
    return shiftIndex(path, listPath, [index](int i) { return i > index ? i - 1 : i; });
}

QString pathAfterInsertion(const QString &path, const QString &listPath, int index)
{
    return shiftIndex(path, listPath, [index](int i) { return i >= index ? i + 1 : i; });
}

QString pathAfterWrap(const QString &path, const QString &target)
{
    const std::optional<SplitPath> split = splitElementPath(target);
    if (!split || !isSameOrInside(path, target))
        return path;
    const QString wrapped = split->listPath + u'[' + QString::number(split->index)
        + QStringLiteral("].parallel[0].") + split->kindWord;
    return wrapped + path.mid(target.size());
}

QStringList allElementPaths(const Pipeline &pipeline)
{
    QStringList out{kPipeline};
    for (std::size_t i = 0; i < pipeline.stages.size(); ++i) {
        const StageItem &item = pipeline.stages[i];
        if (const Stage *stage = item.stage()) {
            collectStagePaths(*stage,
                              elementPath(QStringLiteral("pipeline.stages"), int(i),
                                          ElementKind::Stage),
                              out);
        } else if (const ParallelStages *frame = item.parallel()) {
            const QString framePath = elementPath(QStringLiteral("pipeline.stages"), int(i),
                                                  ElementKind::ParallelStages);
            out << framePath;
            for (std::size_t j = 0; j < frame->stages.size(); ++j)
                collectStagePaths(frame->stages[j],
                                  elementPath(framePath, int(j), ElementKind::Stage), out);
        }
    }
    collectNodePaths(pipeline.errorHandler, QStringLiteral("pipeline.errorHandler"), out);
    return out;
}

QStringList allIds(const Pipeline &pipeline)
{
    QStringList out;
    for (const StageItem &item : pipeline.stages) {
        if (const Stage *stage = item.stage()) {
            collectStageIds(*stage, out);
        } else if (const ParallelStages *frame = item.parallel()) {
            for (const Stage &member : frame->stages)
                collectStageIds(member, out);
        }
    }
    collectNodeIds(pipeline.errorHandler, out);
    return out;
}

} // namespace pw::gui
