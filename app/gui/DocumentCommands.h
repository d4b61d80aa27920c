#pragma once

#include "ElementPath.h"

#include <QUndoCommand>
#include <QVariant>

// The undoable edits of a PipelineDocument. Each keeps only what it needs to redo and undo
// itself (paths, indices, the element it took out, the old values of the fields it set),
// never a snapshot of the document. Children of a composite command (QUndoCommand parent)
// leave telling the target to the top-level command, so one user action refreshes once.
namespace pw::gui {

// What the commands edit: the document, seen only as a pipeline plus a change notification.
class EditTarget
{
public:
    virtual ~EditTarget() = default;
    virtual model::Pipeline &editedPipeline() = 0;
    // Called once after every redo or undo of a top-level command.
    virtual void pipelineEdited() = 0;
};

// Base of all commands: runs apply/revert and notifies the target when top-level.
class DocumentCommand : public QUndoCommand
{
public:
    DocumentCommand(EditTarget &target, const QString &text, QUndoCommand *parent);
    void redo() final;
    void undo() final;

protected:
    virtual void apply() = 0;
    virtual void revert() = 0;
    model::Pipeline &pipeline() { return m_target.editedPipeline(); }

private:
    EditTarget &m_target;
    bool m_topLevel;
};

// A composite: its children do the work (QUndoCommand runs them in order, undoes them in
// reverse); it only notifies the target once.
class CompositeCommand : public DocumentCommand
{
public:
    CompositeCommand(EditTarget &target, const QString &text);

protected:
    void apply() override;
    void revert() override;
};

// Puts a new or pasted element into a list at an index.
class InsertElementCommand : public DocumentCommand
{
public:
    InsertElementCommand(EditTarget &target, const QString &listPath, int index,
                         DetachedElement element, const QString &text,
                         QUndoCommand *parent = nullptr);
    QString newPath() const;

protected:
    void apply() override;
    void revert() override;

private:
    QString m_listPath;
    int m_index;
    DetachedElement m_element; // held while not in the pipeline (after undo)
};

// Takes an element out; undo puts the very same value back at the same place.
class RemoveElementCommand : public DocumentCommand
{
public:
    RemoveElementCommand(EditTarget &target, const QString &path, const QString &text,
                         QUndoCommand *parent = nullptr);

protected:
    void apply() override;
    void revert() override;

private:
    QString m_listPath;
    int m_index;
    std::optional<DetachedElement> m_removed;
};

// Moves an element to `listPath` before `index` (both as seen before the move).
class MoveElementCommand : public DocumentCommand
{
public:
    MoveElementCommand(EditTarget &target, const QString &fromPath, const QString &listPath,
                       int index, const QString &text, QUndoCommand *parent = nullptr);
    QString newPath() const { return m_newPath; }

protected:
    void apply() override;
    void revert() override;

private:
    QString m_fromList;
    int m_fromIndex;
    QString m_toList;
    int m_toIndex;
    QString m_newPath; // where the element is after apply()
};

// Replaces an element by a new parallel block (or parallel-stages frame) holding it.
class WrapInParallelCommand : public DocumentCommand
{
public:
    WrapInParallelCommand(EditTarget &target, const QString &path, QUndoCommand *parent);

protected:
    void apply() override;
    void revert() override;

private:
    QString m_listPath;
    int m_index;
};

// Sets one dotted field of one element; consecutive sets of the same field merge.
class SetFieldCommand : public DocumentCommand
{
public:
    // `oldValues` are the fieldsToRestore() of `field`, read before the change.
    SetFieldCommand(EditTarget &target, const QString &path, const QString &field,
                    const QVariant &value, QList<std::pair<QString, QVariant>> oldValues,
                    const QString &text);

    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

protected:
    void apply() override;
    void revert() override;

private:
    QString m_path;
    QString m_field;
    QVariant m_value;
    QList<std::pair<QString, QVariant>> m_oldValues;
};

// The YAML editor's edit: the whole pipeline as the text now reads. The one command that
// keeps snapshots (before and after): a text edit can change anything anywhere.
class ReplacePipelineCommand : public DocumentCommand
{
public:
    ReplacePipelineCommand(EditTarget &target, model::Pipeline before, model::Pipeline after);

protected:
    void apply() override { pipeline() = m_after; }
    void revert() override { pipeline() = m_before; }

private:
    model::Pipeline m_before;
    model::Pipeline m_after;
};

} // namespace pw::gui
