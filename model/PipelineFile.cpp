#include "PipelineFile.h"

#include "PipelineReader.h"
#include "Validator.h"

#include <QFile>
#include <QSaveFile>

namespace pw::model {

LoadResult loadPipeline(const QByteArray &text, Validator *validator)
{
    ReadResult read = readPipeline(text);
    LoadResult result;
    result.problems = std::move(read.problems);
    result.sourceMap = std::move(read.sourceMap);
    if (read.pipeline) {
        Validator ownValidator;
        Validator &checker = validator ? *validator : ownValidator;
        Problems semantic = checker.validate(*read.pipeline);
        locateProblems(semantic, result.sourceMap);
        result.problems += semantic;
        result.pipeline = std::move(read.pipeline);
    }
    sortByLocation(result.problems);
    return result;
}

LoadResult loadPipelineFile(const QString &path, Validator *validator)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        LoadResult result;
        Problem problem;
        problem.message = QStringLiteral("cannot open: %1").arg(file.errorString());
        result.problems.append(problem);
        return result;
    }
    return loadPipeline(file.readAll(), validator);
}

SaveResult savePipelineFile(const Pipeline &pipeline, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {false, QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    const QByteArray text = writePipeline(pipeline, formatForFileName(path));
    if (file.write(text) != text.size()) {
        file.cancelWriting();
        return {false, QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    }
    if (!file.commit())
        return {false, QStringLiteral("cannot save %1: %2").arg(path, file.errorString())};
    return {true, {}};
}

} // namespace pw::model
