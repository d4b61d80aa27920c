#include "RehearseCommand.h"

#include "FailureCoverage.h"
#include "RehearsalArguments.h"
#include "RunCommand.h"

#include <unistd.h>

namespace pw::cli {

int runRehearse(const QStringList &arguments)
{
    auto parsed = parseRunOptions(arguments, ::isatty(STDIN_FILENO), RunOptions::Command::Rehearse);
    if (const int *exitCode = std::get_if<int>(&parsed))
        return *exitCode;
    const RunOptions options = std::get<RunOptions>(std::move(parsed));
    if (const auto exitCode = checkReportPath(options))
        return *exitCode;

    engine::RunRequest request;
    auto loaded = loadForRun(options, request);
    if (const int *exitCode = std::get_if<int>(&loaded))
        return *exitCode;
    model::Pipeline pipeline = std::move(std::get<model::Pipeline>(loaded));

    auto settings = readRehearsalArguments(pipeline, options.failures, options.outputs);
    if (const QString *message = std::get_if<QString>(&settings))
        return usageError(options, *message);
    request.rehearsal = std::get<engine::RehearsalSettings>(std::move(settings));
    request.rehearsal->onIntervention = options.onIntervention;
    request.rehearsal->onApproval = options.onApproval;
    // Asked at the terminal: the clock waits a while for the person, then the deadline passes.
    request.rehearsal->personWindow = engine::kPersonWindow;
    if (options.allFailures)
        return printFailureCoverage(options, std::move(pipeline), std::move(request));
    return executeRun(options, std::move(pipeline), std::move(request));
}

} // namespace pw::cli
