#include "PipelineDocument.h"

#include "NodeBadges.h"

#include "model/ModelLog.h"
#include "model/PipelineFile.h"

#include <QFileInfo>

namespace pw::gui {

PipelineDocument::PipelineDocument(QObject *parent)
    : QObject(parent), m_outline(new PipelineOutline(this)), m_problems(new ProblemListModel(this))
{
}

void PipelineDocument::load(const QString &path)
{
    model::LoadResult result = model::loadPipelineFile(path);
    m_filePath = path;
    m_pipeline = std::move(result.pipeline);
    m_outline->setPipeline(m_pipeline ? &*m_pipeline : nullptr);
    // The window title already says where the file is; the panel's lines stay short.
    m_problems->setProblems(fileName(), result.problems);
    layerLogger("app")->info("opened {}: {} problem(s){}", toStd(path), result.problems.size(),
                             m_pipeline ? "" : ", no pipeline");
    emit loaded();
}

QString PipelineDocument::fileName() const
{
    return QFileInfo(m_filePath).fileName();
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

} // namespace pw::gui
