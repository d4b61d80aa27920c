// The file side of PipelineDocument: new, open, save, save as, recent files, autosave and
// recovery of a session that did not close cleanly.

#include "PipelineDocument.h"

#include "RecentFiles.h"

#include "model/ModelLog.h"
#include "model/PipelineFile.h"

#include <QAnyStringView>
#include <QFileInfo>
#include <QUrl>

namespace pw::gui {

using namespace pw::model;

namespace {

// QML hands over file dialog results as file:// URLs, other callers plain paths.
QString localPath(const QString &pathOrFileUrl)
{
    if (pathOrFileUrl.startsWith(QLatin1String("file:")))
        return QUrl(pathOrFileUrl).toLocalFile();
    return pathOrFileUrl;
}

} // namespace

void PipelineDocument::load(const QString &path)
{
    QByteArray text;
    LoadResult result = loadPipelineFile(path, &m_validator, &text);
    // Kept to be fixed in the YAML editor when it did not load (unless it is no text at all).
    m_unloadedText = result.pipeline || text.contains('\0') ? QString() : QString::fromUtf8(text);
    layerLogger("app")->info("opened {}: {} problem(s){}", toStd(path), result.problems.size(),
                             result.pipeline ? "" : ", no pipeline");
    m_autosave.remove();
    m_textLabel.clear();
    m_shownText.reset();
    replaceDocument(std::move(result.pipeline), path, result.problems);
    if (m_pipeline) {
        m_recentFiles = addRecentFile(path);
        emit recentFilesChanged();
    }
}

void PipelineDocument::loadText(const QByteArray &text, const QString &label)
{
    LoadResult result = loadPipeline(text, &m_validator);
    m_unloadedText.clear();
    m_textLabel = label;
    m_shownText = QString::fromUtf8(text);
    replaceDocument(std::move(result.pipeline), QString(), result.problems);
}

void PipelineDocument::showText(model::Pipeline pipeline, const model::Problems &problems,
                                const QByteArray &text, const QString &label)
{
    m_textLabel = label;
    m_shownText = QString::fromUtf8(text);
    m_unloadedText.clear();
    replaceDocument(std::move(pipeline), QString(), problems);
}

bool PipelineDocument::showsText(const QByteArray &text) const
{
    // Compared as UTF-8, not converted: a run shown converted its whole text twice.
    return m_pipeline && m_shownText && QAnyStringView::equal(*m_shownText, QUtf8StringView(text));
}

void PipelineDocument::relabel(const QString &label)
{
    if (m_textLabel == label)
        return;
    m_textLabel = label;
    emit fileChanged();
}

void PipelineDocument::newDocument()
{
    Pipeline pipeline;
    pipeline.id = QStringLiteral("new_pipeline");
    m_autosave.remove();
    const Problems problems = m_validator.validate(pipeline);
    m_textLabel.clear();
    m_shownText.reset();
    m_unloadedText.clear();
    replaceDocument(std::move(pipeline), QString(), problems);
    succeed();
}

bool PipelineDocument::open(const QString &pathOrFileUrl)
{
    const QString path = localPath(pathOrFileUrl);
    if (!QFileInfo(path).isFile())
        return fail(QStringLiteral("%1 does not exist or is not a file").arg(path));
    // A file with errors still opens so they can be fixed; one that is not a pipeline at all
    // shows its problems, but there is nothing to edit.
    load(path);
    if (!m_pipeline) {
        const QString why = m_currentProblems.isEmpty() ? QString()
                                                        : m_currentProblems.front().message;
        return fail(QStringLiteral("%1 could not be read as a pipeline: %2")
                        .arg(QFileInfo(path).fileName(), why));
    }
    succeed();
    return true;
}

bool PipelineDocument::save()
{
    if (!m_pipeline)
        return fail(QStringLiteral("no pipeline is open"));
    if (isUntitled())
        return fail(QStringLiteral("the pipeline has no file name yet: use Save As"));
    const SaveResult result = savePipelineFile(*m_pipeline, m_filePath);
    if (!result.ok)
        return fail(QStringLiteral("could not save %1: %2").arg(m_filePath, result.error));
    m_undoStack.setClean();
    m_autosave.remove();
    m_recentFiles = addRecentFile(m_filePath);
    emit recentFilesChanged();
    succeed();
    return true;
}

bool PipelineDocument::saveAs(const QString &pathOrFileUrl)
{
    const QString path = localPath(pathOrFileUrl);
    if (path.isEmpty())
        return fail(QStringLiteral("no file name given"));
    const QString previous = m_filePath;
    m_filePath = path;
    if (!save()) {
        m_filePath = previous;
        return false;
    }
    if (previous != path) {
        emit fileChanged();
        m_problems->setProblems(displayName(), m_currentProblems);
    }
    return true;
}

bool PipelineDocument::autosaveNow()
{
    if (!m_pipeline || !isDirty() || m_autosavedRevision == m_revision)
        return true;
    QString error;
    if (!m_autosave.write(*m_pipeline, m_filePath, error)) {
        layerLogger("app")->warn("autosave failed: {}", toStd(error));
        return false;
    }
    m_autosavedRevision = m_revision;
    return true;
}

bool PipelineDocument::restoreRecovery()
{
    if (!m_leftover)
        return fail(QStringLiteral("there is nothing to recover"));
    const AutosaveStore::Leftover leftover = *m_leftover;
    LoadResult result = loadPipelineFile(leftover.yamlPath, &m_validator);
    if (!result.pipeline)
        return fail(QStringLiteral("the recovered pipeline could not be read"));
    m_autosave.remove();
    m_unloadedText.clear();
    replaceDocument(std::move(result.pipeline), leftover.originalPath, result.problems);
    // The recovered changes are not in any file yet, and no undo step leads back to one.
    m_undoStack.resetClean();
    // Ours now: written to this document's slot before the old one goes.
    autosaveNow();
    AutosaveStore::removeLeftover(leftover);
    m_leftover.reset();
    emit recoveryChanged();
    succeed();
    return true;
}

void PipelineDocument::discardRecovery()
{
    if (!m_leftover)
        return;
    AutosaveStore::removeLeftover(*m_leftover);
    // Several sessions may have crashed: offer the next one, if any.
    m_leftover = m_autosave.findLeftover();
    emit recoveryChanged();
}

void PipelineDocument::closeCleanly()
{
    m_autosave.remove();
    m_autosaveTimer.stop();
}

} // namespace pw::gui
