#include "RunRequests.h"

#include "app/gui/PipelineDocument.h"
#include "model/PipelineFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace pw::gui {
namespace {

// Steps run where the pipeline's file is, as `pipewright run FILE` runs them; a pipeline
// without a file (never saved) runs in the home directory.
QString workingDirFor(const QString &pipelineFile)
{
    return pipelineFile.isEmpty() ? QDir::homePath() : QFileInfo(pipelineFile).absolutePath();
}

} // namespace

QByteArray runText(const PipelineDocument &document)
{
    QFile file(document.filePath());
    if (!document.filePath().isEmpty() && !document.isDirty() && file.open(QIODevice::ReadOnly))
        return file.readAll();
    return document.yamlText().toUtf8();
}

engine::RunRequest requestForDocument(const PipelineDocument &document)
{
    engine::RunRequest request;
    request.pipeline = *document.pipeline();
    request.pipelineText = runText(document);
    request.pipelineFile = document.filePath();
    request.workingDir = workingDirFor(request.pipelineFile);
    return request;
}

std::optional<engine::RunRequest> requestForStoredRun(const engine::StoredRun &stored, model::Problems *problems)
{
    model::LoadResult loaded = model::loadPipeline(stored.pipelineText);
    if (!loaded.pipeline || loaded.hasErrors())
        return std::nullopt;
    engine::RunRequest request;
    request.pipeline = std::move(*loaded.pipeline);
    request.pipelineText = stored.pipelineText;
    request.pipelineFile = stored.summary.pipelineFile;
    request.inputs = stored.snapshot.inputs;
    request.workingDir = workingDirFor(request.pipelineFile);
    if (problems)
        *problems = std::move(loaded.problems);
    return request;
}

} // namespace pw::gui
