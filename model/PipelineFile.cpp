#include "PipelineFile.h"

#include "PipelineReader.h"
#include "Validator.h"

#include <QFile>
#include <QSaveFile>

namespace pw::model {
namespace {

bool overlaps(const QString &a, const QString &b)
{
    const auto within = [](const QString &inner, const QString &outer) {
        return inner.startsWith(outer)
            && (inner.size() == outer.size() || inner[outer.size()] == u'.' || inner[outer.size()] == u'[');
    };
    return within(a, b) || within(b, a);
}

// A rule broken only because part of an element could not be read (its spec after a bad
// type, a list missing an unreadable item) would send people after a problem that is not
// there: such problems are left out while structural errors stand.
bool isFollowOn(const Problem &problem, const Problems &structural)
{
    for (const Problem &cause : structural) {
        if (!cause.isError())
            continue;
        if (!problem.nodeId.isEmpty() && problem.nodeId == cause.nodeId)
            return true;
        if (overlaps(problem.path, cause.path))
            return true;
    }
    return false;
}

} // namespace

LoadResult loadPipeline(const QByteArray &text, Validator *validator)
{
    ReadResult read = readPipeline(text);
    LoadResult result;
    result.problems = std::move(read.problems);
    result.sourceMap = std::move(read.sourceMap);
    const Pipeline *readable = read.pipeline ? &*read.pipeline : read.partial ? &*read.partial : nullptr;
    if (readable) {
        Validator ownValidator;
        Validator &checker = validator ? *validator : ownValidator;
        const Problems semantic = checker.validate(*readable, &result.sourceMap);
        const Problems structural = result.problems;
        for (const Problem &problem : semantic) {
            if (!isFollowOn(problem, structural))
                result.problems.append(problem);
        }
        result.pipeline = std::move(read.pipeline);
    }
    sortByLocation(result.problems);
    return result;
}

LoadResult loadPipelineFile(const QString &path, Validator *validator, QByteArray *text)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        LoadResult result;
        Problem problem;
        problem.message = QStringLiteral("cannot open: %1").arg(file.errorString());
        result.problems.append(problem);
        return result;
    }
    const QByteArray bytes = file.readAll();
    if (text)
        *text = bytes;
    return loadPipeline(bytes, validator);
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
