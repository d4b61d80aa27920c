#include "DocumentCommands.h"

#include "ElementFields.h"

#include "model/ModelLog.h"

namespace pw::gui {

using namespace pw::model;

namespace {

constexpr int kSetFieldCommandId = 0x5e7f;

// Commands are only built for paths the document checked, and undo replays the exact
// inverse, so a path that does not resolve here is a bug: log it rather than crash.
ListRef listOrWarn(Pipeline &pipeline, const QString &listPath)
{
    if (std::optional<ListRef> list = resolveList(pipeline, listPath))
        return *list;
    layerLogger("app")->error("undo command: list {} not found", toStd(listPath));
    return ListRef{};
}

} // namespace

DocumentCommand::DocumentCommand(EditTarget &target, const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_target(target), m_topLevel(parent == nullptr)
{
}

void DocumentCommand::redo()
{
    apply();
    if (m_topLevel)
        m_target.pipelineEdited();
}

void DocumentCommand::undo()
{
    revert();
    if (m_topLevel)
        m_target.pipelineEdited();
}

CompositeCommand::CompositeCommand(EditTarget &target, const QString &text)
    : DocumentCommand(target, text, nullptr)
{
}

void CompositeCommand::apply()
{
    QUndoCommand::redo();
}

void CompositeCommand::revert()
{
    QUndoCommand::undo();
}

InsertElementCommand::InsertElementCommand(EditTarget &target, const QString &listPath,
                                           int index, DetachedElement element,
                                           const QString &text, QUndoCommand *parent)
    : DocumentCommand(target, text, parent),
      m_listPath(listPath),
      m_index(index),
      m_element(std::move(element))
{
}

QString InsertElementCommand::newPath() const
{
    return elementPath(m_listPath, m_index, kindOf(m_element));
}

void InsertElementCommand::apply()
{
    ListRef list = listOrWarn(pipeline(), m_listPath);
    if (list.isValid() && list.count() >= m_index)
        list.insert(m_index, m_element);
}

void InsertElementCommand::revert()
{
    ListRef list = listOrWarn(pipeline(), m_listPath);
    if (m_index < list.count())
        m_element = list.take(m_index);
}

RemoveElementCommand::RemoveElementCommand(EditTarget &target, const QString &path,
                                           const QString &text, QUndoCommand *parent)
    : DocumentCommand(target, text, parent), m_index(-1)
{
    if (const std::optional<SplitPath> split = splitElementPath(path)) {
        m_listPath = split->listPath;
        m_index = split->index;
    }
}

void RemoveElementCommand::apply()
{
    ListRef list = listOrWarn(pipeline(), m_listPath);
    if (m_index >= 0 && m_index < list.count())
        m_removed = list.take(m_index);
}

void RemoveElementCommand::revert()
{
    if (!m_removed)
        return;
    ListRef list = listOrWarn(pipeline(), m_listPath);
    if (list.isValid() && m_index <= list.count())
        list.insert(m_index, std::move(*m_removed));
    m_removed.reset();
}

MoveElementCommand::MoveElementCommand(EditTarget &target, const QString &fromPath,
                                       const QString &listPath, int index,
                                       const QString &text, QUndoCommand *parent)
    : DocumentCommand(target, text, parent), m_fromIndex(-1), m_toList(listPath), m_toIndex(index)
{
    if (const std::optional<SplitPath> split = splitElementPath(fromPath)) {
        m_fromList = split->listPath;
        m_fromIndex = split->index;
    }
}

void MoveElementCommand::apply()
{
    ListRef from = listOrWarn(pipeline(), m_fromList);
    if (m_fromIndex < 0 || m_fromIndex >= from.count())
        return;
    DetachedElement element = from.take(m_fromIndex);
    // Taking the element out shifts its later siblings, and everything inside them.
    const QString toList = pathAfterRemoval(m_toList, m_fromList, m_fromIndex);
    int toIndex = m_toIndex;
    if (toList == m_fromList && toIndex > m_fromIndex)
        --toIndex;
    ListRef to = listOrWarn(pipeline(), toList);
    if (!to.isValid()) {
        from.insert(m_fromIndex, std::move(element)); // leave the pipeline as it was
        return;
    }
    toIndex = std::clamp(toIndex, 0, to.count());
    m_newPath = elementPath(toList, toIndex, kindOf(element));
    to.insert(toIndex, std::move(element));
}

void MoveElementCommand::revert()
{
    const std::optional<SplitPath> split = splitElementPath(m_newPath);
    if (!split)
        return;
    ListRef to = listOrWarn(pipeline(), split->listPath);
    if (split->index >= to.count())
        return;
    // Taking it out first restores the paths as they were right after the element left its
    // old list, where m_fromList is valid again.
    DetachedElement element = to.take(split->index);
    ListRef from = listOrWarn(pipeline(), m_fromList);
    if (!from.isValid()) {
        to.insert(split->index, std::move(element));
        return;
    }
    from.insert(std::min(m_fromIndex, from.count()), std::move(element));
}

WrapInParallelCommand::WrapInParallelCommand(EditTarget &target, const QString &path,
                                             QUndoCommand *parent)
    : DocumentCommand(target, QString(), parent), m_index(-1)
{
    if (const std::optional<SplitPath> split = splitElementPath(path)) {
        m_listPath = split->listPath;
        m_index = split->index;
    }
}

void WrapInParallelCommand::apply()
{
    ListRef list = listOrWarn(pipeline(), m_listPath);
    if (m_index < 0 || m_index >= list.count())
        return;
    const ElementKind kind = list.kindAt(m_index);
    if (kind == ElementKind::Parallel || kind == ElementKind::ParallelStages)
        return; // never wraps a parallel into a parallel (the document does not ask to)
    DetachedElement element = list.take(m_index);
    if (StageItem *item = std::get_if<StageItem>(&element)) {
        ParallelStages frame;
        frame.stages.push_back(std::move(*item->stage()));
        list.insert(m_index, StageItem{std::move(frame)});
    } else {
        ParallelBlock block;
        block.items.push_back(std::get<Node>(std::move(element)));
        list.insert(m_index, Node{std::move(block)});
    }
}

void WrapInParallelCommand::revert()
{
    ListRef list = listOrWarn(pipeline(), m_listPath);
    if (m_index < 0 || m_index >= list.count())
        return;
    // Later children of the composite were undone first, so the wrapper holds only the
    // element it was made for.
    const ElementKind kind = list.kindAt(m_index);
    if (kind != ElementKind::Parallel && kind != ElementKind::ParallelStages)
        return;
    DetachedElement wrapper = list.take(m_index);
    if (StageItem *item = std::get_if<StageItem>(&wrapper)) {
        if (!item->parallel()->stages.empty())
            list.insert(m_index, StageItem{std::move(item->parallel()->stages.front())});
    } else if (ParallelBlock *block = std::get<Node>(wrapper).parallel();
               !block->items.empty()) {
        list.insert(m_index, std::move(block->items.front()));
    }
}

SetFieldCommand::SetFieldCommand(EditTarget &target, const QString &path, const QString &field,
                                 const QVariant &value,
                                 QList<std::pair<QString, QVariant>> oldValues,
                                 const QString &text)
    : DocumentCommand(target, text, nullptr),
      m_path(path),
      m_field(field),
      m_value(value),
      m_oldValues(std::move(oldValues))
{
}

int SetFieldCommand::id() const
{
    return kSetFieldCommandId;
}

bool SetFieldCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = dynamic_cast<const SetFieldCommand *>(other);
    if (!next || next->m_path != m_path || next->m_field != m_field)
        return false;
    // Lists and maps (failure strategies, inputs, headers...) change by discrete actions: add
    // an entry, toggle a chip, pick an action. Each is worth its own undo step; only typing
    // over a value again merges.
    const auto isStructured = [](const QVariant &value) {
        const int type = value.typeId();
        return type == QMetaType::QVariantList || type == QMetaType::QVariantMap
            || type == QMetaType::QStringList;
    };
    if (isStructured(m_value) || isStructured(next->m_value))
        return false;
    m_value = next->m_value; // our old values stay: undo goes back to before the first edit
    // Typed back to what it was: the stack drops the step.
    if (m_oldValues.size() == 1 && m_oldValues.front().first == m_field
        && m_oldValues.front().second == m_value)
        setObsolete(true);
    return true;
}

void SetFieldCommand::apply()
{
    const std::optional<ElementRef> element = resolveElement(pipeline(), m_path);
    QString error;
    if (!element || !setElementField(*element, m_field, m_value, error))
        layerLogger("app")->error("set {} of {}: {}", toStd(m_field), toStd(m_path),
                                  toStd(error));
}

void SetFieldCommand::revert()
{
    const std::optional<ElementRef> element = resolveElement(pipeline(), m_path);
    if (!element)
        return;
    for (const auto &[field, value] : m_oldValues) {
        QString error;
        if (!setElementField(*element, field, value, error))
            layerLogger("app")->error("undo {} of {}: {}", toStd(field), toStd(m_path),
                                      toStd(error));
    }
}

ReplacePipelineCommand::ReplacePipelineCommand(EditTarget &target, model::Pipeline before, model::Pipeline after)
    : DocumentCommand(target, QObject::tr("Edit YAML"), nullptr), m_before(std::move(before)), m_after(std::move(after))
{
}

} // namespace pw::gui
