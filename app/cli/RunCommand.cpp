#include "RunCommand.h"

#include "Console.h"
#include "RunInputs.h"
#include "RunOptions.h"
#include "RunSession.h"
#include "model/PipelineFile.h"
#include "model/Validator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

namespace pw::cli {
namespace {

int usageError(const QString &message)
{
    printErr(QStringLiteral("pipewright run: ") + message);
    return ExitUsage;
}

// The pipeline, or the exit code after its problems were printed.
std::variant<model::LoadResult, int> loadForRun(const QString &file, QByteArray *text)
{
    model::Validator validator;
    model::LoadResult loaded = model::loadPipelineFile(file, &validator, text);
    for (const model::Problem &problem : loaded.problems)
        printErr(model::formatProblem(file, problem)); // warnings too: they may explain a run
    if (!loaded.pipeline || loaded.hasErrors()) {
        printErr(
            QStringLiteral("pipewright run: %1: not run, fix the errors above first").arg(file));
        return int(ExitUsage);
    }
    return loaded;
}

} // namespace

int runRun(const QStringList &arguments)
{
    auto parsed = parseRunOptions(arguments, ::isatty(STDIN_FILENO));
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const RunOptions options = std::get<RunOptions>(std::move(parsed));

    // Checked before running: a report that cannot be written is only found out at the end.
    if (!options.reportPath.isEmpty()) {
        const QFileInfo report(options.reportPath);
        if (report.isDir())
            return usageError(
                QStringLiteral("--report %1: is a directory").arg(options.reportPath));
        if (!report.absoluteDir().exists())
            return usageError(QStringLiteral("--report %1: the directory does not exist")
                                  .arg(options.reportPath));
    }

    engine::RunRequest request;
    auto loaded = loadForRun(options.file, &request.pipelineText);
    if (const int *exitCode = std::get_if<int>(&loaded))
        return *exitCode;
    model::LoadResult &result = std::get<model::LoadResult>(loaded);
    const model::Pipeline &pipeline = *result.pipeline;

    auto inputs = typedInputs(pipeline, options.inputs);
    if (const QString *message = std::get_if<QString>(&inputs))
        return usageError(*message);
    request.inputs = std::get<QVariantMap>(inputs);

    auto secrets = readSecrets(pipeline, request.environment);
    if (const QStringList *missing = std::get_if<QStringList>(&secrets)) {
        return usageError(
            QStringLiteral("secret(s) not set in the environment: %1 (the pipeline declares them; "
                           "nothing ran)")
                .arg(missing->join(QStringLiteral(", "))));
    }
    request.secrets = std::get<QHash<QString, QString>>(secrets);

    // Moved, not copied: a pipeline of thousands of steps is a deep structure.
    request.pipeline = std::move(*result.pipeline);
    request.maxParallel = options.maxParallel;
    request.workingDir = QDir::currentPath();

    RunSession session(options);
    return session.exec(std::move(request));
}

} // namespace pw::cli
