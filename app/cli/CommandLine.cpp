#include "CommandLine.h"

#include "Console.h"
#include "ExplainCommand.h"
#include "FormatCommand.h"
#include "RehearseCommand.h"
#include "LogsCommand.h"
#include "RemoveCommands.h"
#include "ReportCommand.h"
#include "RunCommand.h"
#include "RunsCommand.h"
#include "ValidateCommand.h"
#include "app/Version.h"

#include <array>

namespace pw::cli {
namespace {

struct SubCommand
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

constexpr std::array<SubCommand, 12> kCommands{{
    {"validate", "check pipeline files; print problems as file:line:col: message", runValidate},
    {"fmt", "rewrite pipeline files in the canonical form (--check: only report)", runFormat},
    {"run", "run a pipeline with live progress; exit code = the run's result", runRun},
    {"rehearse", "rehearse the failure handling on a virtual clock, failures injected (--all-failures: the table)", runRehearse},
    {"explain", "what happens when each step fails with each error type; nothing runs", runExplain},
    {"resume", "run a stored run again, reusing what it finished (--file after a fix)", runResume},
    {"runs", "list the stored runs, newest first (--json for scripts)", runRuns},
    {"show", "one stored run: nodes, attempts, errors, decisions (--json: its report)", runShow},
    {"logs", "a stored run's step output (-f follows a live run)", runLogs},
    {"report", "write a self-contained HTML report of a stored run", runReport},
    {"delete", "delete stored runs with their logs", runDelete},
    {"prune", "delete old finished runs (--keep N | --older-than DURATION)", runPrune},
}};

const SubCommand *findCommand(const QString &name)
{
    for (const SubCommand &command : kCommands) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

bool isHelp(const QString &arg)
{
    return arg == QLatin1String("-h") || arg == QLatin1String("--help") || arg == QLatin1String("-?");
}

bool isVersion(const QString &arg)
{
    return arg == QLatin1String("-v") || arg == QLatin1String("--version");
}

} // namespace

QString topLevelHelp()
{
    QString text = QStringLiteral(
        "Usage: pipewright [FILE] [--screenshot PNG]\n"
        "       pipewright <command> [options] [arguments]\n"
        "\n"
        "Design and run pipelines that fail well. Without a command, opens the designer\n"
        "(on FILE if given).\n"
        "\n"
        "Commands:\n");
    for (const SubCommand &command : kCommands)
        text += QStringLiteral("  %1%2\n").arg(QLatin1String(command.name), -12).arg(QLatin1String(command.summary));
    text += QStringLiteral(
        "\n"
        "Options:\n"
        "  -h, --help          show this help (`pipewright <command> --help` for a command)\n"
        "  -v, --version       show the version\n"
        "  --screenshot PNG    designer: render the window to PNG once FILE is loaded, then exit\n"
        "\n"
        "Exit codes: 0 success, 1 failed / would change, 2 usage error or invalid pipeline,\n"
        "3 aborted, 4 rolled back, 5 internal error.");
    return text;
}

bool isHeadless(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &first = arguments.at(1);
    return findCommand(first) || isHelp(first) || isVersion(first);
}

int runCommandLine(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    if (isHelp(first)) {
        printOut(topLevelHelp());
        return ExitSuccess;
    }
    if (isVersion(first)) {
        printOut(QStringLiteral("pipewright ") + QLatin1String(PW_VERSION));
        return ExitSuccess;
    }
    if (const SubCommand *command = findCommand(first))
        return command->run(arguments.mid(1));
    printErr(QStringLiteral("pipewright: unknown command '%1'\n\n").arg(first) + topLevelHelp());
    return ExitUsage;
}

} // namespace pw::cli
