#include "PipelineDocument.h"

#include "ElementFields.h"
#include "ExecutorValues.h"
#include "NodeBadges.h"
#include "RecentFiles.h"
#include "RetrySentence.h"

#include "model/PipelineReader.h"
#include "model/PipelineWriter.h"

#include <QFileInfo>

namespace pw::gui {

using namespace pw::model;

namespace {

constexpr int kAutosaveIntervalMs = 5000;
constexpr int kLocateDelayMs = 300;

} // namespace

PipelineDocument::PipelineDocument(QObject *parent)
    : QObject(parent),
      m_outline(new PipelineOutline(this)),
      m_problems(new ProblemListModel(this)),
      m_recentFiles(readRecentFiles()),
      m_leftover(m_autosave.findLeftover())
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean)
            m_autosaveTimer.stop();
        else
            m_autosaveTimer.start();
        emit dirtyChanged();
    });
    connect(&m_undoStack, &QUndoStack::indexChanged, this, &PipelineDocument::undoStateChanged);
    connect(&m_undoStack, &QUndoStack::canUndoChanged, this,
            &PipelineDocument::undoStateChanged);
    connect(&m_undoStack, &QUndoStack::canRedoChanged, this,
            &PipelineDocument::undoStateChanged);
    connect(&m_undoStack, &QUndoStack::undoTextChanged, this,
            &PipelineDocument::undoStateChanged);
    connect(&m_undoStack, &QUndoStack::redoTextChanged, this,
            &PipelineDocument::undoStateChanged);
    m_autosaveTimer.setInterval(kAutosaveIntervalMs);
    m_locateTimer.setSingleShot(true);
    m_locateTimer.setInterval(kLocateDelayMs);
    connect(&m_locateTimer, &QTimer::timeout, this, &PipelineDocument::locateProblems);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &PipelineDocument::autosaveNow);
}

PipelineDocument::PipelineDocument(Mode mode, QObject *parent) : PipelineDocument(parent)
{
    m_readOnly = mode == Mode::ReadOnly;
    if (m_readOnly)
        m_leftover.reset(); // recovery is the editable document's business
}

bool PipelineDocument::refuseReadOnly()
{
    return fail(QStringLiteral("this is the pipeline a run ran: it cannot be edited (close the run to edit the file)"));
}

PipelineDocument::~PipelineDocument()
{
    if (!isDirty())
        m_autosave.remove();
}

void PipelineDocument::pipelineEdited()
{
    // Positions from the file no longer hold after an edit: problems carry paths only until
    // locateProblems() has placed them in the text as it would be saved.
    m_currentProblems = m_pipeline ? m_validator.validate(*m_pipeline) : Problems{};
    if (m_pipeline)
        m_rejected.discardStale(*m_pipeline); // a structural edit moved or removed their element
    refreshViews(Refresh::AfterEdit);
    if (m_currentProblems.isEmpty())
        m_locateTimer.stop();
    else
        m_locateTimer.start();
}

void PipelineDocument::locateProblems()
{
    if (!m_pipeline || m_currentProblems.isEmpty())
        return;
    const ReadResult written = readPipeline(yamlText().toUtf8());
    if (!written.pipeline)
        return; // cannot happen for what the writer wrote; then the paths must do
    Problems located = m_validator.validate(*m_pipeline, &written.sourceMap);
    if (located.size() != m_currentProblems.size())
        return; // not the same problems: leave them to the next edit
    m_currentProblems = std::move(located);
    m_problems->setProblems(displayName(), shownProblems());
}

Problems PipelineDocument::shownProblems() const
{
    if (m_rejected.isEmpty())
        return m_currentProblems;
    return m_currentProblems + m_rejected.problems();
}

void PipelineDocument::undo()
{
    m_rejected.discardAll();
    m_undoStack.undo();
}

void PipelineDocument::redo()
{
    m_rejected.discardAll();
    m_undoStack.redo();
}

QVariantMap PipelineDocument::rejectedField(const QString &path, const QString &field) const
{
    return m_rejected.at(path, field);
}

void PipelineDocument::discardRejected(const QString &path, const QString &field)
{
    if (m_rejected.discard(path, field))
        refreshViews(Refresh::AfterEdit);
}

void PipelineDocument::refreshViews(Refresh refresh)
{
    const Pipeline *shown = m_pipeline ? &*m_pipeline : nullptr;
    const Problems problems = shownProblems();
    if (refresh == Refresh::NewDocument)
        m_outline->resetPipeline(shown, problems);
    else
        m_outline->setPipeline(shown, problems);
    // The window title already says where the file is; the panel's lines stay short.
    m_problems->setProblems(displayName(), problems);
    ++m_revision;
    m_yamlText.reset();
    emit pipelineChanged();
}

void PipelineDocument::replaceDocument(std::optional<Pipeline> pipeline, const QString &filePath,
                                       const Problems &problems)
{
    m_undoStack.clear();
    m_rejected.discardAll();
    m_pipeline = std::move(pipeline);
    m_filePath = filePath;
    m_currentProblems = problems;
    m_autosavedRevision = -1;
    refreshViews(Refresh::NewDocument);
    emit fileChanged();
    emit undoStateChanged();
    emit loaded();
}

bool PipelineDocument::fail(const QString &message)
{
    m_lastError = message;
    emit lastErrorChanged();
    return false;
}

void PipelineDocument::succeed()
{
    if (m_lastError.isEmpty())
        return;
    m_lastError.clear();
    emit lastErrorChanged();
}

// Resolving paths needs a mutable pipeline even to read; the const invokables only read.
Pipeline *PipelineDocument::mutablePipeline() const
{
    return m_pipeline ? const_cast<Pipeline *>(&*m_pipeline) : nullptr;
}

QString PipelineDocument::fileName() const
{
    return QFileInfo(m_filePath).fileName();
}

QString PipelineDocument::displayName() const
{
    if (!m_textLabel.isEmpty())
        return m_textLabel;
    return isUntitled() ? QStringLiteral("Untitled") : fileName();
}

QString PipelineDocument::pipelineId() const
{
    return m_pipeline ? m_pipeline->id : QString();
}

QString PipelineDocument::pipelineName() const
{
    return m_pipeline ? m_pipeline->displayName() : QString();
}

QString PipelineDocument::pipelineDescription() const
{
    return m_pipeline ? m_pipeline->description : QString();
}

QVariantList PipelineDocument::pipelineBadges() const
{
    return m_pipeline ? gui::pipelineBadges(*m_pipeline) : QVariantList();
}

QString PipelineDocument::yamlText() const
{
    if (!m_pipeline)
        return {};
    if (m_shownText)
        return *m_shownText;
    if (!m_yamlText)
        m_yamlText = QString::fromUtf8(writePipeline(*m_pipeline));
    return *m_yamlText;
}

QVariant PipelineDocument::properties(const QString &path) const
{
    Pipeline *pipeline = mutablePipeline();
    const std::optional<ElementRef> element =
        pipeline ? resolveElement(*pipeline, path) : std::nullopt;
    if (!element)
        return {};
    QVariantMap map = elementFields(*element);
    if (element->step)
        map.insert(QStringLiteral("retrySentence"), retrySentence(element->step->retry));
    map.insert(QStringLiteral("inheritedExecutor"), inheritedExecutor(*pipeline, path));
    QVariantList problems;
    for (const Problem &problem : shownProblems()) {
        if (owningElementPath(problem.path) != path)
            continue;
        problems << QVariantMap{{QStringLiteral("message"), problem.message},
                                {QStringLiteral("field"), problem.field},
                                {QStringLiteral("isError"), problem.isError()}};
    }
    map.insert(QStringLiteral("problems"), problems);
    return map;
}

QStringList PipelineDocument::errorTypes() const
{
    return allNames<ErrorType>();
}

QStringList PipelineDocument::stepTypes() const
{
    return allNames<StepType>();
}

QStringList PipelineDocument::actionTypes(const QString &path) const
{
    QStringList actions = allNames<ActionType>();
    // The validator refuses group actions in the list of a step that is in no step group
    // (a group's own steps lane; its rollback and handler lanes do not count).
    const bool isStep = path.endsWith(QLatin1String("].step"));
    if (isStep && !path.contains(QLatin1String(".stepGroup.steps["))) {
        actions.removeAll(toString(ActionType::RetryStepGroup));
        actions.removeAll(toString(ActionType::StepGroupRollback));
    }
    return actions;
}

QString PipelineDocument::recoveryDescription() const
{
    if (!m_leftover)
        return {};
    const QString what = m_leftover->originalPath.isEmpty()
        ? QStringLiteral("an untitled pipeline")
        : QFileInfo(m_leftover->originalPath).fileName();
    return QStringLiteral("Unsaved changes to %1 from %2")
        .arg(what, QLocale().toString(m_leftover->savedAt.toLocalTime(), QLocale::ShortFormat));
}

} // namespace pw::gui
