#include "RunCommand.h"

#include "ProblemList.h"

#include "Console.h"
#include "HistoryAccess.h"
#include "RunOptions.h"
#include "RunSession.h"
#include "engine/LoginName.h"
#include "engine/RunInputs.h"
#include "engine/output/SecretMasker.h"
#include "engine/run/RunPlan.h"
#include "engine/store/ResumePlan.h"
#include "model/PipelineFile.h"
#include "model/Validator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

namespace pw::cli {
namespace {

QString commandName(const RunOptions &options)
{
    return commandWord(options.command);
}

} // namespace

int usageError(const RunOptions &options, const QString &message)
{
    printErr(QStringLiteral("pipewright %1: %2").arg(commandName(options), message));
    return ExitUsage;
}

// Prints the problems of a load; the pipeline, or the exit code when it has errors.
std::variant<model::LoadResult, int> checked(const RunOptions &options, const QString &source,
                                             model::LoadResult loaded)
{
    printProblems(source, loaded.problems, printErr); // warnings too: they may explain a run
    if (!loaded.pipeline || loaded.hasErrors()) {
        printErr(QStringLiteral("pipewright %1: %2: not run, fix the errors above first")
                     .arg(commandName(options), source));
        return int(ExitUsage);
    }
    return loaded;
}

namespace {

std::variant<model::LoadResult, int> loadFile(const RunOptions &options, QByteArray *text)
{
    model::Validator validator;
    return checked(options, options.file, model::loadPipelineFile(options.file, &validator, text));
}

} // namespace

// Checked before running: a report that cannot be written is only found out at the end.
std::optional<int> checkReportPath(const RunOptions &options)
{
    if (options.reportPath.isEmpty())
        return std::nullopt;
    const QFileInfo report(options.reportPath);
    if (report.isDir())
        return usageError(options, QStringLiteral("--report %1: is a directory").arg(options.reportPath));
    if (!report.absoluteDir().exists())
        return usageError(options,
                          QStringLiteral("--report %1: the directory does not exist").arg(options.reportPath));
    return std::nullopt;
}

// What run, resume and rehearse share once the pipeline and its inputs are known: secrets,
// options, the store, and the run itself.
int executeRun(const RunOptions &options, model::Pipeline pipeline, engine::RunRequest request)
{
    auto secrets = engine::readSecrets(pipeline, request.environment);
    if (const QStringList *missing = std::get_if<QStringList>(&secrets)) {
        return usageError(options, QStringLiteral("secret(s) not set in the environment: %1 (the pipeline "
                                                  "declares them; nothing ran)")
                                       .arg(missing->join(QStringLiteral(", "))));
    }
    request.secrets = std::get<QHash<QString, QString>>(secrets);
    for (const QString &name : engine::secretsTooShortToMask(request.secrets))
        printErr(QStringLiteral("pipewright %1: warning: secret %2 has fewer than %3 characters: it is not masked")
                     .arg(commandName(options), name).arg(engine::SecretMasker::kMinimumLength));
    // Moved, not copied: a pipeline of thousands of steps is a deep structure.
    request.pipeline = std::move(pipeline);
    request.maxParallel = options.maxParallel;
    request.workingDir = QDir::currentPath();
    request.user = engine::loginName();
    request.liveOutput = !options.quiet;
    request.store = !options.noStore;

    QString databasePath;
    if (!options.noStore) {
        // Opened here first, so that a store that cannot be used stops us before anything
        // runs, and interrupted runs are found; the engine thread opens its own connection.
        engine::RunHistory history;
        if (const auto exitCode = openHistory(history, options.dbPath, commandName(options)))
            return *exitCode;
        reportRecovered(history, commandName(options));
        databasePath = history.path();
    }
    RunSession session(options, databasePath);
    return session.exec(std::move(request));
}

std::variant<model::Pipeline, int> loadForRun(const RunOptions &options, engine::RunRequest &request)
{
    auto loaded = loadFile(options, &request.pipelineText);
    if (const int *exitCode = std::get_if<int>(&loaded))
        return *exitCode;
    model::Pipeline pipeline = std::move(*std::get<model::LoadResult>(loaded).pipeline);
    auto inputs = engine::typedInputs(pipeline, options.inputs);
    if (const QString *message = std::get_if<QString>(&inputs))
        return usageError(options, *message);
    request.inputs = std::get<QVariantMap>(inputs);
    request.pipelineFile = QFileInfo(options.file).absoluteFilePath();
    return pipeline;
}

namespace {

// The original's inputs, for the pipeline being resumed (which may declare other ones).
std::variant<QVariantMap, QString> resumeInputs(const model::Pipeline &pipeline, const QVariantMap &stored)
{
    QVariantMap inputs;
    for (const model::Input &input : pipeline.inputs) {
        QString text;
        if (stored.contains(input.id))
            text = stored.value(input.id).toString();
        else if (input.defaultValue)
            text = *input.defaultValue;
        else
            return QStringLiteral("input '%1' is required and the original run had none (inputs cannot "
                                  "change on resume)")
                .arg(input.id);
        const auto value = engine::typedValue(input.effectiveType(), text);
        if (!value) {
            return QStringLiteral("the original run's input %1=%2 does not fit its type in this pipeline")
                .arg(input.id, text);
        }
        inputs.insert(input.id, *value);
    }
    return inputs;
}

} // namespace

int runRun(const QStringList &arguments)
{
    auto parsed = parseRunOptions(arguments, ::isatty(STDIN_FILENO));
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const RunOptions options = std::get<RunOptions>(std::move(parsed));
    if (const auto exitCode = checkReportPath(options))
        return *exitCode;

    engine::RunRequest request;
    auto pipeline = loadForRun(options, request);
    if (const int *exitCode = std::get_if<int>(&pipeline))
        return *exitCode;
    return executeRun(options, std::move(std::get<model::Pipeline>(pipeline)), std::move(request));
}

int runResume(const QStringList &arguments)
{
    auto parsed = parseRunOptions(arguments, ::isatty(STDIN_FILENO), RunOptions::Command::Resume);
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const RunOptions options = std::get<RunOptions>(std::move(parsed));
    if (const auto exitCode = checkReportPath(options))
        return *exitCode;

    engine::RunHistory history;
    if (const auto exitCode = openHistory(history, options.dbPath, QStringLiteral("resume")))
        return *exitCode;
    QString runId;
    if (const auto error = history.resolveRunId(options.resumeRunId, &runId))
        return usageError(options, *error);
    QString error;
    const std::optional<engine::StoredRun> original = history.run(runId, &error);
    if (!original) {
        printErr(QStringLiteral("pipewright resume: ") + error);
        return ExitInternal;
    }
    if (original->summary.rehearsal)
        return usageError(options, QStringLiteral("run %1 is a rehearsal: nothing of it ran, so nothing can "
                                                  "be reused (run the pipeline instead)").arg(runId));
    if (original->summary.status == engine::RunStatus::Running)
        return usageError(options, QStringLiteral("run %1 is still running (%2); abort it first")
                                       .arg(runId, original->summary.owner));

    engine::RunRequest request;
    std::variant<model::LoadResult, int> loaded;
    if (!options.file.isEmpty()) {
        loaded = loadFile(options, &request.pipelineText);
        request.pipelineFile = QFileInfo(options.file).absoluteFilePath();
    } else {
        model::Validator validator;
        request.pipelineText = original->pipelineText;
        request.pipelineFile = original->summary.pipelineFile;
        loaded = checked(options, QStringLiteral("(the pipeline of run %1)").arg(runId),
                         model::loadPipeline(request.pipelineText, &validator));
    }
    if (const int *exitCode = std::get_if<int>(&loaded))
        return *exitCode;
    model::Pipeline pipeline = std::move(*std::get<model::LoadResult>(loaded).pipeline);

    if (!options.from.isEmpty() && !engine::RunPlan(pipeline).contains(options.from))
        return usageError(options, QStringLiteral("--from %1: no such node in the pipeline").arg(options.from));
    auto inputs = resumeInputs(pipeline, original->snapshot.inputs);
    if (const QString *message = std::get_if<QString>(&inputs))
        return usageError(options, *message);
    request.inputs = std::get<QVariantMap>(inputs);
    request.originRunId = runId;
    request.reuse = engine::planResume(pipeline, original->snapshot.nodes, options.from).reuse;
    printErr(QStringLiteral("pipewright resume: resuming run %1 (%2): %3 node(s) reused")
                 .arg(runId, engine::toString(original->summary.status))
                 .arg(request.reuse.size()));
    return executeRun(options, std::move(pipeline), std::move(request));
}

} // namespace pw::cli
