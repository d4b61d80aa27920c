// The edit invokables of PipelineDocument: each checks the request, then pushes one command
// (or one composite) on the undo stack. Refusals change nothing and say why in lastError.

#include "PipelineDocument.h"

#include "ElementClipboard.h"
#include "ElementFields.h"
#include "FieldValues.h"
#include "NewElements.h"

#include <QClipboard>
#include <QGuiApplication>

namespace pw::gui {

using namespace pw::model;

namespace {

const QString kNoPipeline = QStringLiteral("no pipeline is open");

QString noList(const QString &listPath)
{
    return QStringLiteral("'%1' is not a list of the pipeline").arg(listPath);
}

QString noElement(const QString &path)
{
    return QStringLiteral("'%1' is not an element of the pipeline").arg(path);
}

QString indexRefusal(int index, const ListRef &list)
{
    if (index >= 0 && index <= list.count())
        return {};
    return QStringLiteral("position %1 is outside the list (0 to %2)").arg(index).arg(list.count());
}

bool isParallelKind(ElementKind kind)
{
    return kind == ElementKind::Parallel || kind == ElementKind::ParallelStages;
}

bool isInsideParallel(ListKind list)
{
    return list == ListKind::StageFrame || list == ListKind::ParallelBlock;
}

// The list a wrapper made for an element of `list` holds.
ListKind wrapperListFor(ListKind list)
{
    return list == ListKind::Stages ? ListKind::StageFrame : ListKind::ParallelBlock;
}

QSet<QString> idSet(const Pipeline &pipeline)
{
    const QStringList ids = allIds(pipeline);
    return QSet<QString>(ids.cbegin(), ids.cend());
}

QString describe(ElementKind kind)
{
    switch (kind) {
    case ElementKind::Stage: return QStringLiteral("stage");
    case ElementKind::ParallelStages: return QStringLiteral("parallel stages");
    case ElementKind::StepGroup: return QStringLiteral("step group");
    case ElementKind::Parallel: return QStringLiteral("parallel block");
    case ElementKind::Step: return QStringLiteral("step");
    case ElementKind::Pipeline: break;
    }
    return QStringLiteral("pipeline");
}

} // namespace

// -1 appends (QML's "at the end" without asking for the count first).
int PipelineDocument::listIndex(const QString &listPath, int index) const
{
    if (index != -1 || !m_pipeline)
        return index;
    const std::optional<ListRef> list = resolveList(*mutablePipeline(), listPath);
    return list ? list->count() : index;
}

QString PipelineDocument::insertRefusal(const QString &kind, const QString &listPath,
                                        int index) const
{
    Pipeline *pipeline = mutablePipeline();
    if (!pipeline)
        return kNoPipeline;
    const std::optional<ListRef> list = resolveList(*pipeline, listPath);
    if (!list)
        return noList(listPath);
    const std::optional<ElementKind> elementKind = elementKindFor(kind, list->kind);
    if (!elementKind)
        return QStringLiteral("unknown kind '%1' (expected one of %2)")
            .arg(kind, paletteKinds().join(QStringLiteral(", ")));
    const QString refusal = refusalToInsert(*elementKind, list->kind);
    return refusal.isEmpty() ? indexRefusal(index, *list) : refusal;
}

bool PipelineDocument::canInsert(const QString &kind, const QString &listPath, int index) const
{
    if (m_readOnly)
        return false;

    index = listIndex(listPath, index);
    return insertRefusal(kind, listPath, index).isEmpty();
}

QString PipelineDocument::insertNew(const QString &kind, const QString &listPath, int index)
{
    if (m_readOnly)
        return refuseReadOnly(), QString();

    index = listIndex(listPath, index);
    if (const QString refusal = insertRefusal(kind, listPath, index); !refusal.isEmpty()) {
        fail(refusal);
        return {};
    }
    const ListRef list = *resolveList(*m_pipeline, listPath);
    QSet<QString> used = idSet(*m_pipeline);
    std::optional<DetachedElement> element = makeNewElement(kind, list.kind, used);
    const QString text = QStringLiteral("Insert %1").arg(describe(kindOf(*element)));
    auto *command = new InsertElementCommand(*this, listPath, index, std::move(*element), text);
    const QString path = command->newPath();
    m_undoStack.push(command);
    succeed();
    return path;
}

QString PipelineDocument::moveRefusal(const QString &fromPath, const QString &listPath,
                                      int index, Transfer transfer) const
{
    Pipeline *pipeline = mutablePipeline();
    if (!pipeline)
        return kNoPipeline;
    const std::optional<ElementRef> element = resolveElement(*pipeline, fromPath);
    if (!element || element->kind == ElementKind::Pipeline)
        return element ? QStringLiteral("the pipeline itself cannot be moved")
                       : noElement(fromPath);
    const std::optional<ListRef> list = resolveList(*pipeline, listPath);
    if (!list)
        return noList(listPath);
    // A copy is taken before it is inserted: it may go into the element it copies.
    if (transfer == Transfer::Move && isSameOrInside(listPath, fromPath))
        return QStringLiteral("an element cannot be moved into itself");
    const QString refusal = refusalToInsert(element->kind, list->kind);
    return refusal.isEmpty() ? indexRefusal(index, *list) : refusal;
}

bool PipelineDocument::canMove(const QString &fromPath, const QString &listPath, int index) const
{
    if (m_readOnly)
        return false;

    index = listIndex(listPath, index);
    return moveRefusal(fromPath, listPath, index).isEmpty();
}

bool PipelineDocument::canCopyTo(const QString &fromPath, const QString &listPath, int index) const
{
    if (m_readOnly)
        return false;

    index = listIndex(listPath, index);
    return moveRefusal(fromPath, listPath, index, Transfer::Copy).isEmpty();
}

QString PipelineDocument::move(const QString &fromPath, const QString &listPath, int index)
{
    if (m_readOnly)
        return refuseReadOnly(), QString();

    index = listIndex(listPath, index);
    if (const QString refusal = moveRefusal(fromPath, listPath, index); !refusal.isEmpty()) {
        fail(refusal);
        return {};
    }
    const SplitPath from = *splitElementPath(fromPath);
    succeed();
    if (from.listPath == listPath && (index == from.index || index == from.index + 1))
        return fromPath; // dropped where it already is
    const ElementKind kind = resolveElement(*m_pipeline, fromPath)->kind;
    auto *command = new MoveElementCommand(*this, fromPath, listPath, index,
                                           QStringLiteral("Move %1").arg(describe(kind)));
    m_undoStack.push(command);
    return command->newPath();
}

QString PipelineDocument::insertBeside(const QString &kind, const QString &targetPath)
{
    if (m_readOnly)
        return refuseReadOnly(), QString();

    if (!m_pipeline) {
        fail(kNoPipeline);
        return {};
    }
    const std::optional<ElementRef> target = resolveElement(*m_pipeline, targetPath);
    const std::optional<SplitPath> split = splitElementPath(targetPath);
    if (!target || !split) {
        fail(noElement(targetPath));
        return {};
    }
    const ListRef list = *resolveList(*m_pipeline, split->listPath);
    if (isInsideParallel(list.kind))
        return insertNew(kind, split->listPath, split->index + 1);
    if (isParallelKind(target->kind))
        return insertNew(kind, targetPath, resolveList(*m_pipeline, targetPath)->count());

    const ListKind wrapperList = wrapperListFor(list.kind);
    const std::optional<ElementKind> elementKind = elementKindFor(kind, wrapperList);
    if (!elementKind) {
        fail(insertRefusal(kind, split->listPath, 0));
        return {};
    }
    if (const QString refusal = refusalToInsert(*elementKind, wrapperList); !refusal.isEmpty()) {
        fail(refusal);
        return {};
    }
    QSet<QString> used = idSet(*m_pipeline);
    std::optional<DetachedElement> element = makeNewElement(kind, wrapperList, used);
    const QString wrapper = elementPath(split->listPath, split->index, ElementKind::Parallel);
    auto *composite = new CompositeCommand(
        *this, QStringLiteral("Insert %1 in parallel").arg(describe(*elementKind)));
    new WrapInParallelCommand(*this, targetPath, composite);
    auto *insert = new InsertElementCommand(*this, wrapper, 1, std::move(*element), QString(),
                                            composite);
    const QString path = insert->newPath();
    m_undoStack.push(composite);
    succeed();
    return path;
}

QString PipelineDocument::moveBeside(const QString &fromPath, const QString &targetPath)
{
    if (m_readOnly)
        return refuseReadOnly(), QString();

    if (!m_pipeline) {
        fail(kNoPipeline);
        return {};
    }
    const std::optional<ElementRef> element = resolveElement(*m_pipeline, fromPath);
    const std::optional<ElementRef> target = resolveElement(*m_pipeline, targetPath);
    const std::optional<SplitPath> split = splitElementPath(targetPath);
    if (!element || !splitElementPath(fromPath)) {
        fail(noElement(fromPath));
        return {};
    }
    if (!target || !split) {
        fail(noElement(targetPath));
        return {};
    }
    if (isSameOrInside(targetPath, fromPath)) {
        fail(QStringLiteral("an element cannot be moved beside itself or something inside it"));
        return {};
    }
    const ListRef list = *resolveList(*m_pipeline, split->listPath);
    if (isInsideParallel(list.kind))
        return move(fromPath, split->listPath, split->index + 1);
    if (isParallelKind(target->kind))
        return move(fromPath, targetPath, resolveList(*m_pipeline, targetPath)->count());

    const ListKind wrapperList = wrapperListFor(list.kind);
    if (const QString refusal = refusalToInsert(element->kind, wrapperList); !refusal.isEmpty()) {
        fail(refusal);
        return {};
    }
    const QString wrapper = elementPath(split->listPath, split->index, ElementKind::Parallel);
    auto *composite = new CompositeCommand(
        *this, QStringLiteral("Move %1 in parallel").arg(describe(element->kind)));
    new WrapInParallelCommand(*this, targetPath, composite);
    // The wrap moves whatever was inside the target one level down.
    auto *moveCommand = new MoveElementCommand(*this, pathAfterWrap(fromPath, targetPath),
                                               wrapper, 1, QString(), composite);
    m_undoStack.push(composite);
    succeed();
    return moveCommand->newPath();
}

bool PipelineDocument::remove(const QString &path)
{
    if (m_readOnly)
        return refuseReadOnly();

    if (!m_pipeline)
        return fail(kNoPipeline);
    const std::optional<ElementRef> element = resolveElement(*m_pipeline, path);
    if (!element)
        return fail(noElement(path));
    if (element->kind == ElementKind::Pipeline)
        return fail(QStringLiteral("the pipeline itself cannot be removed"));
    m_undoStack.push(new RemoveElementCommand(
        *this, path, QStringLiteral("Remove %1").arg(describe(element->kind))));
    succeed();
    return true;
}

bool PipelineDocument::copy(const QString &path)
{
    if (!m_pipeline)
        return fail(kNoPipeline);
    const std::optional<SplitPath> split = splitElementPath(path);
    if (!split || !resolveElement(*m_pipeline, path))
        return fail(noElement(path));
    const ListRef list = *resolveList(*m_pipeline, split->listPath);
    QGuiApplication::clipboard()->setText(
        QString::fromUtf8(elementToYaml(list.copyAt(split->index))));
    succeed();
    return true;
}

QString PipelineDocument::paste(const QString &listPath, int index)
{
    if (m_readOnly)
        return refuseReadOnly(), QString();

    if (!m_pipeline) {
        fail(kNoPipeline);
        return {};
    }
    const std::optional<ListRef> list = resolveList(*m_pipeline, listPath);
    if (!list) {
        fail(noList(listPath));
        return {};
    }
    std::optional<DetachedElement> element =
        elementFromYaml(QGuiApplication::clipboard()->text().toUtf8(), list->kind);
    if (!element) {
        fail(QStringLiteral("the clipboard holds nothing that fits here"));
        return {};
    }
    return insertCopy(std::move(*element), listPath, index, QStringLiteral("Paste %1"));
}

QString PipelineDocument::copyTo(const QString &fromPath, const QString &listPath, int index)
{
    if (m_readOnly)
        return refuseReadOnly(), QString();

    if (!m_pipeline) {
        fail(kNoPipeline);
        return {};
    }
    // The element must be one of a list (not the pipeline); where it may go, insertCopy checks.
    const std::optional<SplitPath> split = splitElementPath(fromPath);
    if (!split || !resolveElement(*m_pipeline, fromPath)) {
        fail(noElement(fromPath));
        return {};
    }
    DetachedElement element = resolveList(*m_pipeline, split->listPath)->copyAt(split->index);
    return insertCopy(std::move(element), listPath, index, QStringLiteral("Copy %1"));
}

QString PipelineDocument::insertCopy(DetachedElement element, const QString &listPath, int index,
                                     const QString &verb)
{
    index = listIndex(listPath, index);
    const std::optional<ListRef> list = resolveList(*m_pipeline, listPath);
    if (!list) {
        fail(noList(listPath));
        return {};
    }
    QString refusal = refusalToInsert(kindOf(element), list->kind);
    if (refusal.isEmpty())
        refusal = indexRefusal(index, *list);
    if (!refusal.isEmpty()) {
        fail(refusal);
        return {};
    }
    // A copy is a new element: ids already in the pipeline get a fresh suffix.
    QSet<QString> used = idSet(*m_pipeline);
    renameClashingIds(element, used);
    const QString text = verb.arg(describe(kindOf(element)));
    auto *command = new InsertElementCommand(*this, listPath, index, std::move(element), text);
    const QString path = command->newPath();
    m_undoStack.push(command);
    succeed();
    return path;
}

QString PipelineDocument::pushFieldChange(const QString &path, const QString &field,
                                          const QVariant &rawValue, const QString &text)
{
    if (!m_pipeline)
        return kNoPipeline;
    const std::optional<ElementRef> element = resolveElement(*m_pipeline, path);
    if (!element)
        return noElement(path);
    const QVariant value = values::plain(rawValue);
    const QVariantMap before = elementFields(*element, true);
    QList<std::pair<QString, QVariant>> oldValues;
    for (const QString &restored : fieldsToRestore(field))
        oldValues.append({restored, fieldAt(before, restored)});
    // Setting either succeeds completely or leaves the element as it was, so trying it here
    // is the check; the command then sets the same value again (setting is idempotent).
    QString error;
    if (!setElementField(*element, field, value, error))
        return error;
    if (elementFields(*element, true) == before)
        return {}; // the same value again: no undo step
    m_undoStack.push(new SetFieldCommand(*this, path, field, value, std::move(oldValues), text));
    return {};
}

bool PipelineDocument::setField(const QString &path, const QString &field, const QVariant &value)
{
    if (m_readOnly)
        return refuseReadOnly();

    const QString error =
        pushFieldChange(path, field, value, QStringLiteral("Change %1").arg(field));
    if (!error.isEmpty()) {
        // Text the user typed is kept with the reason (RejectedFields); values from code are not.
        const std::optional<ElementRef> element = m_pipeline ? resolveElement(*m_pipeline, path) : std::nullopt;
        if (element && value.typeId() == QMetaType::QString) {
            m_rejected.reject(::pw::gui::rejectedField(*element, path, field, value.toString(), error));
            refreshViews(Refresh::AfterEdit);
        }
        return fail(error);
    }
    if (m_rejected.discard(path, field))
        refreshViews(Refresh::AfterEdit);
    succeed();
    return true;
}

bool PipelineDocument::setFailureStrategies(const QString &path, const QVariant &list)
{
    if (m_readOnly)
        return refuseReadOnly();

    const QString error = pushFieldChange(path, QStringLiteral("failureStrategies"), list,
                                          QStringLiteral("Change failure strategies"));
    if (!error.isEmpty())
        return fail(error);
    succeed();
    return true;
}

} // namespace pw::gui
