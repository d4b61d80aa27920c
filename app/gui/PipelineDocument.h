#pragma once

#include "AutosaveStore.h"
#include "DocumentCommands.h"
#include "PipelineOutline.h"
#include "ProblemListModel.h"
#include "RejectedFields.h"

#include "model/Pipeline.h"
#include "model/Validator.h"

#include <QObject>
#include <QTimer>
#include <QUndoStack>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace pw::gui {

// The editable pipeline the window shows: the C++ side of the designer contract (issue 4).
// Every edit is a QUndoCommand on the document's stack (DocumentCommands.h); after each one
// the document revalidates, refreshes the outline and problems, and bumps `revision`.
// Elements are addressed by structural paths (ElementPath.h). Selection lives in QML.
// The implementation is split by concern: PipelineDocument.cpp (state and reading),
// DocumentEditing.cpp (edits), DocumentFiles.cpp (files, autosave, recovery).
class PipelineDocument : public QObject, private EditTarget
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The application opens documents")
    Q_PROPERTY(QString filePath READ filePath NOTIFY fileChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY fileChanged)
    Q_PROPERTY(bool isUntitled READ isUntitled NOTIFY fileChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY fileChanged)
    Q_PROPERTY(bool hasPipeline READ hasPipeline NOTIFY pipelineChanged)
    Q_PROPERTY(QString pipelineId READ pipelineId NOTIFY pipelineChanged)
    Q_PROPERTY(QString pipelineName READ pipelineName NOTIFY pipelineChanged)
    Q_PROPERTY(QString pipelineDescription READ pipelineDescription NOTIFY pipelineChanged)
    Q_PROPERTY(QVariantList pipelineBadges READ pipelineBadges NOTIFY pipelineChanged)
    Q_PROPERTY(int revision READ revision NOTIFY pipelineChanged)
    Q_PROPERTY(QString yamlText READ yamlText NOTIFY pipelineChanged)
    // What the YAML editor shows: the pipeline as Save writes it, or, for a file that did not
    // load, the file's own text (to be fixed there).
    Q_PROPERTY(QString editorText READ editorText NOTIFY pipelineChanged)
    Q_PROPERTY(pw::gui::PipelineOutline *outline READ outline CONSTANT)
    Q_PROPERTY(pw::gui::ProblemListModel *problems READ problems CONSTANT)
    Q_PROPERTY(bool dirty READ isDirty NOTIFY dirtyChanged)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoStateChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY undoStateChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoStateChanged)
    Q_PROPERTY(QString redoText READ redoText NOTIFY undoStateChanged)
    Q_PROPERTY(QStringList recentFiles READ recentFiles NOTIFY recentFilesChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(bool recoveryAvailable READ recoveryAvailable NOTIFY recoveryChanged)
    // A document that only shows (the pipeline a run ran): every edit is refused.
    Q_PROPERTY(bool readOnly READ isReadOnly CONSTANT)
    Q_PROPERTY(QString recoveryDescription READ recoveryDescription NOTIFY recoveryChanged)

public:
    explicit PipelineDocument(QObject *parent = nullptr);
    enum class Mode { Editable, ReadOnly };
    PipelineDocument(Mode mode, QObject *parent = nullptr);
    // Not dirty: a clean close, the autosave goes. Dirty: it stays for recovery.
    ~PipelineDocument() override;

    // Loads and validates `path`. Never fails as such: whatever is wrong with the file,
    // unreadable included, ends up in problems(), and the outline is empty without a pipeline.
    void load(const QString &path);
    // Shows `text` (a run's pipeline) without a file: `label` names it in the title.
    void loadText(const QByteArray &text, const QString &label);
    // The same for a pipeline already read and checked (a run just started from the window:
    // its document's model), so that showing the run does not read the YAML again.
    void showText(model::Pipeline pipeline, const model::Problems &problems,
                  const QByteArray &text, const QString &label);
    // Whether showText()/loadText() shows exactly `text` now (a run of the same pipeline
    // then keeps the outline, and the canvas its cards).
    bool showsText(const QByteArray &text) const;
    // What displayName says instead of a file name, the text staying as it is.
    void relabel(const QString &label);
    bool isReadOnly() const { return m_readOnly; }

    QString filePath() const { return m_filePath; }
    QString fileName() const;
    bool isUntitled() const { return m_filePath.isEmpty(); }
    QString displayName() const;
    bool hasPipeline() const { return m_pipeline.has_value(); }
    QString pipelineId() const;
    QString pipelineName() const;
    QString pipelineDescription() const;
    QVariantList pipelineBadges() const;
    int revision() const { return m_revision; }
    QString yamlText() const;
    QString editorText() const;
    PipelineOutline *outline() const { return m_outline; }
    ProblemListModel *problems() const { return m_problems; }
    bool isDirty() const { return !m_undoStack.isClean(); }
    bool canUndo() const { return m_undoStack.canUndo(); }
    bool canRedo() const { return m_undoStack.canRedo(); }
    QString undoText() const { return m_undoStack.undoText(); }
    QString redoText() const { return m_undoStack.redoText(); }
    QStringList recentFiles() const { return m_recentFiles; }
    QString lastError() const { return m_lastError; }
    bool recoveryAvailable() const { return m_leftover.has_value(); }
    QString recoveryDescription() const;

    // For tests and C++ callers: the document's pipeline (empty when none is open).
    const std::optional<model::Pipeline> &pipeline() const { return m_pipeline; }
    const model::Problems &currentProblems() const { return m_currentProblems; }
    QUndoStack *undoStack() { return &m_undoStack; }
    // Writes the autosave now (the timer does this every 5 s while dirty).
    bool autosaveNow();

    // Files
    // The YAML editor's text: once it reads as a pipeline, the document becomes it (one
    // undoable "Edit YAML"; a document that had not loaded gets its canvas). Returns
    // {problems: the text's problems as {line, column, message, error}, for the editor to
    // mark; taken: whether the document is now that text}.
    Q_INVOKABLE QVariantMap applyText(const QString &text);
    // The document's problems as the editor marks them (lines of editorText, once placed).
    Q_INVOKABLE QVariantList textProblems() const;
    Q_INVOKABLE void newDocument();
    Q_INVOKABLE bool open(const QString &pathOrFileUrl);
    Q_INVOKABLE bool save();
    Q_INVOKABLE bool saveAs(const QString &pathOrFileUrl);
    Q_INVOKABLE bool restoreRecovery();
    Q_INVOKABLE void discardRecovery();
    // The window closes after the user saved or discarded: the autosave is not needed.
    Q_INVOKABLE void closeCleanly();

    // Undo
    // Undoing or redoing also drops what was typed and refused (RejectedFields).
    Q_INVOKABLE void undo();
    Q_INVOKABLE void redo();
    // A value typed into `field` that the document refused, kept until fixed: {text, message}
    // or empty. discardRejected() takes it back (the field shows the document's value again).
    Q_INVOKABLE QVariantMap rejectedField(const QString &path, const QString &field) const;
    Q_INVOKABLE void discardRejected(const QString &path, const QString &field);

    // Structure. An index is the position to insert before; -1 (or the count) appends.
    Q_INVOKABLE QString insertNew(const QString &kind, const QString &listPath, int index);
    Q_INVOKABLE bool canInsert(const QString &kind, const QString &listPath, int index) const;
    Q_INVOKABLE QString move(const QString &fromPath, const QString &listPath, int index);
    Q_INVOKABLE bool canMove(const QString &fromPath, const QString &listPath, int index) const;
    Q_INVOKABLE QString insertBeside(const QString &kind, const QString &targetPath);
    Q_INVOKABLE QString moveBeside(const QString &fromPath, const QString &targetPath);
    Q_INVOKABLE bool remove(const QString &path);
    Q_INVOKABLE bool copy(const QString &path);
    Q_INVOKABLE QString paste(const QString &listPath, int index);
    // A copy of the element at `fromPath` into `listPath` at `index` (Ctrl+drag), ids that
    // clash renamed as for paste; the clipboard is left alone. Returns the copy's path.
    Q_INVOKABLE QString copyTo(const QString &fromPath, const QString &listPath, int index);
    Q_INVOKABLE bool canCopyTo(const QString &fromPath, const QString &listPath, int index) const;

    // Fields
    Q_INVOKABLE QVariant properties(const QString &path) const;
    Q_INVOKABLE bool setField(const QString &path, const QString &field, const QVariant &value);
    Q_INVOKABLE bool setFailureStrategies(const QString &path, const QVariant &list);

    // Vocabularies for pickers
    Q_INVOKABLE QStringList errorTypes() const;
    Q_INVOKABLE QStringList actionTypes(const QString &path) const;
    Q_INVOKABLE QStringList stepTypes() const;

    // What happens when step `stepId` fails, one row per group of error types handled alike
    // (as `pipewright explain` says): {errorTypes, types, automaticRetry, catchVar, origin
    // ("stage 'deploy' entry 2", "default"), actions, handling (the whole sentence),
    // waitsForPerson, level (step, stepGroup, stage, pipeline; empty: default or catch),
    // ownerId, entry (1-based)}. Re-read when `revision` moves.
    Q_INVOKABLE QVariantList failureHandling(const QString &stepId) const;

signals:
    void loaded(); // a different document is shown (load, open, new, recovery)
    void fileChanged();
    void pipelineChanged();
    void dirtyChanged();
    void undoStateChanged();
    void recentFilesChanged();
    void lastErrorChanged();
    void recoveryChanged();

private:
    // EditTarget
    model::Pipeline &editedPipeline() override { return *m_pipeline; }
    void pipelineEdited() override;
    // Gives the problems of an edited document the lines and columns they have in the text
    // Save writes (the YAML tab): a moment after the edit, so that typing stays quick.
    void locateProblems();

    // Shows a different pipeline: new undo history, fresh problems.
    void replaceDocument(std::optional<model::Pipeline> pipeline, const QString &filePath,
                         const model::Problems &problems);
    // An edit updates the outline row by row; another document replaces it (one reset).
    enum class Refresh { AfterEdit, NewDocument };
    void refreshViews(Refresh refresh);
    bool fail(const QString &message);
    model::Problems shownProblems() const; // validation's and the refused values'
    void succeed();
    model::Pipeline *mutablePipeline() const;

    int listIndex(const QString &listPath, int index) const;
    // Reasons an edit is refused; empty when it is allowed.
    QString insertRefusal(const QString &kind, const QString &listPath, int index) const;
    // Inserts an element made outside the document (pasted, copied), ids renamed to be unique.
    QString insertCopy(DetachedElement element, const QString &listPath, int index,
                       const QString &verb);
    enum class Transfer { Move, Copy };
    QString moveRefusal(const QString &fromPath, const QString &listPath, int index,
                        Transfer transfer = Transfer::Move) const;
    QString pushFieldChange(const QString &path, const QString &field, const QVariant &value,
                            const QString &text);

    bool refuseReadOnly();

    std::optional<model::Pipeline> m_pipeline;
    bool m_readOnly = false;
    QString m_textLabel; // loadText(): what is shown instead of a file name
    QString m_filePath;
    model::Problems m_currentProblems;
    mutable model::Validator m_validator;
    QUndoStack m_undoStack;
    PipelineOutline *m_outline;
    ProblemListModel *m_problems;
    int m_revision = 0;
    RejectedFields m_rejected;
    mutable std::optional<QString> m_yamlText; // written on demand, dropped on every change
    // loadText()/showText(): the text itself is what the YAML tab shows (comments and all).
    std::optional<QString> m_shownText;
    // A file that did not load: its text, for the YAML editor.
    QString m_unloadedText;
    QStringList m_recentFiles;
    QString m_lastError;

    AutosaveStore m_autosave;
    QTimer m_autosaveTimer{this}; // children: they name their owner to tools
    QTimer m_locateTimer{this};
    int m_autosavedRevision = -1;
    std::optional<AutosaveStore::Leftover> m_leftover;
};

} // namespace pw::gui
