#include "RunOptions.h"

#include "Console.h"

#include <QCommandLineParser>

namespace pw::cli {
namespace {

QString commandName(RunOptions::Command command)
{
    return QStringLiteral("pipewright ") + commandWord(command);
}

// The decisions semantics.md offers on a manual intervention (the engine narrows them per
// request: the group ones only inside a step group).
const QStringList &interventionDecisions()
{
    static const QStringList decisions{QStringLiteral("MarkAsSuccess"),
                                       QStringLiteral("Ignore"),
                                       QStringLiteral("Retry"),
                                       QStringLiteral("Abort"),
                                       QStringLiteral("StageRollback"),
                                       QStringLiteral("MarkAsFailure"),
                                       QStringLiteral("PipelineRollback"),
                                       QStringLiteral("StepGroupRollback"),
                                       QStringLiteral("RetryStepGroup")};
    return decisions;
}

QString findIgnoringCase(const QStringList &names, const QString &text)
{
    for (const QString &name : names) {
        if (name.compare(text, Qt::CaseInsensitive) == 0)
            return name;
    }
    return {};
}

std::optional<AnswerMode> parseInterventionMode(const QString &text)
{
    if (text.compare(QLatin1String("wait"), Qt::CaseInsensitive) == 0)
        return AnswerMode::wait();
    if (text.compare(QLatin1String("prompt"), Qt::CaseInsensitive) == 0)
        return AnswerMode::prompt();
    const QString decision = findIgnoringCase(interventionDecisions(), text);
    if (decision.isEmpty())
        return std::nullopt;
    return AnswerMode::decide(decision);
}

std::optional<AnswerMode> parseApprovalMode(const QString &text)
{
    if (text.compare(QLatin1String("approve"), Qt::CaseInsensitive) == 0)
        return AnswerMode::decide(QStringLiteral("Approve"));
    if (text.compare(QLatin1String("reject"), Qt::CaseInsensitive) == 0)
        return AnswerMode::decide(QStringLiteral("Reject"));
    if (text.compare(QLatin1String("wait"), Qt::CaseInsensitive) == 0)
        return AnswerMode::wait();
    if (text.compare(QLatin1String("prompt"), Qt::CaseInsensitive) == 0)
        return AnswerMode::prompt();
    return std::nullopt;
}

int printUsageError(RunOptions::Command command, const QString &message)
{
    printErr(commandName(command) + QStringLiteral(": ") + message
             + QStringLiteral("\n(see %1 --help)").arg(commandName(command)));
    return ExitUsage;
}

struct Parser
{
    QCommandLineParser parser;
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                            QStringLiteral("Show this help.")};
    QCommandLineOption input{
        QStringLiteral("input"),
        QStringLiteral("Sets a pipeline input, typed by its declared type (repeatable)."),
        QStringLiteral("ID=VALUE")};
    QCommandLineOption db{
        QStringLiteral("db"),
        QStringLiteral("The run database (default: ~/.local/share/pipewright/runs.sqlite, under "
                       "$XDG_DATA_HOME); step logs go beside it."),
        QStringLiteral("PATH")};
    QCommandLineOption noStore{QStringLiteral("no-store"),
                               QStringLiteral("Keeps nothing: no database row, no logs (cannot be "
                                              "resumed).")};
    QCommandLineOption file{QStringLiteral("file"),
                            QStringLiteral("The pipeline to resume with, after fixing it (default: "
                                           "the text the original run ran)."),
                            QStringLiteral("FILE")};
    QCommandLineOption from{QStringLiteral("from"),
                            QStringLiteral("Runs this node (step, group or stage) and everything "
                                           "after it again, even if it succeeded."),
                            QStringLiteral("ID")};
    QCommandLineOption report{
        QStringLiteral("report"),
        QStringLiteral("Writes the JSON run report when the run ends (also when aborted)."),
        QStringLiteral("FILE.json")};
    QCommandLineOption onIntervention{
        QStringLiteral("on-intervention"),
        QStringLiteral(
            "ACTION answers each manual intervention at once with that decision (see "
            "below; Retry at most 3 times per step); wait lets each time out so its "
            "onTimeout applies; prompt asks on the terminal. Default: prompt when stdin is "
            "a terminal, else wait."),
        QStringLiteral("ACTION|wait|prompt")};
    QCommandLineOption onApproval{
        QStringLiteral("on-approval"),
        QStringLiteral("Answers approval steps the same way. Default as above."),
        QStringLiteral("approve|reject|wait|prompt")};
    QCommandLineOption maxParallel{
        QStringLiteral("max-parallel"),
        QStringLiteral("Overrides the pipeline's maxParallel (at least 1)."), QStringLiteral("N")};
    QCommandLineOption fail{
        QStringLiteral("fail"),
        QStringLiteral("Injects a failure: every attempt of STEP fails with TYPE, or only its first N "
                       "(repeatable)."),
        QStringLiteral("STEP=TYPE[:N]")};
    QCommandLineOption output{
        QStringLiteral("output"),
        QStringLiteral("An output the simulated Shell or Http step STEP gives when it succeeds "
                       "(repeatable)."),
        QStringLiteral("STEP.KEY=VALUE")};
    QCommandLineOption allFailures{
        QStringLiteral("all-failures"),
        QStringLiteral("Rehearses every step under each error type whose handling differs and "
                       "prints the table of what each failure does.")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("With --all-failures: the table as JSON.")};
    QCommandLineOption quiet{
        {QStringLiteral("q"), QStringLiteral("quiet")},
        QStringLiteral("Prints only the final line (questions of 'prompt' still appear).")};

    explicit Parser(RunOptions::Command command)
    {
        if (command == RunOptions::Command::Run) {
            parser.setApplicationDescription(QStringLiteral(
                "Runs a pipeline on the engine thread, prints its progress live on stdout and exits\n"
                "with the run's result. Questions (prompt mode) and diagnostics go to stderr. The run\n"
                "is stored (pipewright runs, show, logs, resume)."));
            parser.addOptions({help, input, db, noStore, report, onIntervention, onApproval, maxParallel,
                               quiet});
            parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The pipeline file."));
        } else if (command == RunOptions::Command::Rehearse) {
            parser.setApplicationDescription(QStringLiteral(
                "Rehearses a pipeline's failure handling: the same engine runs it on a virtual clock\n"
                "with nothing executed (Shell and Http steps succeed at once, Echo, Fail, Verify and\n"
                "`when` behave as in a run) and the failures given with --fail injected. Prints the\n"
                "story of what the handling did, in virtual time; retry delays, Wait steps and\n"
                "deadlines pass at once. Requests are answered as --on-intervention and\n"
                "--on-approval say (default: wait, so each deadline passes). The rehearsal is stored,\n"
                "marked as one; it cannot be resumed."));
            parser.addOptions({help, fail, output, allFailures, json, input, db, noStore, report, onIntervention,
                               onApproval, maxParallel, quiet});
            parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The pipeline file."));
        } else {
            parser.setApplicationDescription(QStringLiteral(
                "Resumes a stored run as a new run (Metaflow resume): the steps that succeeded and\n"
                "everything they follow are reused (`cloned`), the rest runs, with the original's\n"
                "inputs. Give --file after fixing the pipeline."));
            parser.addOptions({help, file, from, db, noStore, report, onIntervention, onApproval,
                               maxParallel, quiet});
            parser.addPositionalArgument(QStringLiteral("RUN_ID"),
                                         QStringLiteral("The run to resume (a unique prefix will do)."));
        }
    }
};

} // namespace

QString runHelpText(RunOptions::Command command)
{
    const Parser p(command);
    QString text = p.parser.helpText();
    // Qt names the program by its path; people type "pipewright run".
    text = (command == RunOptions::Command::Resume ? QStringLiteral("Usage: pipewright resume RUN_ID [options]")
                                                   : QStringLiteral("Usage: pipewright %1 FILE [options]")
                                                         .arg(commandWord(command)))
           + text.mid(text.indexOf(u'\n'));
    return text + QStringLiteral("\nDecisions (any case): ")
           + interventionDecisions().join(QStringLiteral(", "))
           + QStringLiteral(
               ".\nThe last two only for steps inside a step group; a decision a request does not "
               "allow\n"
               "is not given, and the request waits for its deadline.\n"
               "Progress lines: [elapsed] kind path  event; step output is indented as `id | "
               "line`\n"
               "(stderr: `id ! line`). Ctrl+C aborts the run (error handlers still run); a second\n"
               "Ctrl+C stops at once. SIGTERM does the same.\n"
               "Exit codes: 0 Succeeded (warnings allowed), 1 Failed, 3 Aborted (also after "
               "Ctrl+C),\n"
               "4 RolledBack, 2 usage error or invalid pipeline (nothing ran), 5 internal error\n"
               "(including a report that could not be written).");
}

std::variant<RunOptions, int> parseRunOptions(const QStringList &arguments, bool stdinIsTerminal,
                                             RunOptions::Command command)
{
    Parser p(command);
    const auto usageError = [command](const QString &message) { return printUsageError(command, message); };
    if (!p.parser.parse(QStringList{commandName(command)} + arguments.mid(1)))
        return usageError(p.parser.errorText());
    if (p.parser.isSet(p.help)) {
        printOut(runHelpText(command));
        return int(ExitSuccess);
    }
    const QStringList positional = p.parser.positionalArguments();
    const QString what = command == RunOptions::Command::Resume ? QStringLiteral("run id") : QStringLiteral("file");
    if (positional.isEmpty())
        return usageError(QStringLiteral("no %1 given").arg(what));
    if (positional.size() > 1)
        return usageError(QStringLiteral("one %1 at a time (got %2)").arg(what).arg(positional.size()));

    RunOptions options;
    options.command = command;
    if (command != RunOptions::Command::Resume) {
        options.file = positional.first();
        options.inputs = p.parser.values(p.input);
    } else {
        options.resumeRunId = positional.first();
        options.file = p.parser.value(p.file);
        options.from = p.parser.value(p.from);
    }
    options.reportPath = p.parser.value(p.report);
    options.dbPath = p.parser.value(p.db);
    options.noStore = p.parser.isSet(p.noStore);
    if (options.noStore && p.parser.isSet(p.db))
        return usageError(QStringLiteral("--db and --no-store exclude each other"));
    options.quiet = p.parser.isSet(p.quiet);
    // A rehearsal lets deadlines pass by default (semantics.md "Rehearsal"): they cost nothing.
    const bool rehearse = command == RunOptions::Command::Rehearse;
    const AnswerMode byDefault = stdinIsTerminal && !rehearse ? AnswerMode::prompt() : AnswerMode::wait();
    options.onIntervention = byDefault;
    options.onApproval = byDefault;
    if (rehearse) {
        options.failures = p.parser.values(p.fail);
        options.outputs = p.parser.values(p.output);
        options.allFailures = p.parser.isSet(p.allFailures);
        options.json = p.parser.isSet(p.json);
        if (options.json && !options.allFailures)
            return usageError(QStringLiteral("--json goes with --all-failures (a single rehearsal writes "
                                             "its JSON with --report)"));
        if (options.allFailures && !options.failures.isEmpty())
            return usageError(QStringLiteral("--all-failures chooses the failures itself; leave out --fail"));
        // Coverage asks what each injected failure does; an approval that times out would be
        // a second failure in every row, so approvals are given unless told otherwise.
        if (options.allFailures && !p.parser.isSet(p.onApproval))
            options.onApproval = AnswerMode::decide(QStringLiteral("Approve"));
    }

    if (p.parser.isSet(p.onIntervention)) {
        const QString text = p.parser.value(p.onIntervention);
        const auto mode = parseInterventionMode(text);
        if (!mode) {
            return usageError(
                QStringLiteral("--on-intervention: '%1' is not wait, prompt or a decision (%2)")
                    .arg(text, interventionDecisions().join(QStringLiteral(", "))));
        }
        options.onIntervention = *mode;
    }
    if (p.parser.isSet(p.onApproval)) {
        const QString text = p.parser.value(p.onApproval);
        const auto mode = parseApprovalMode(text);
        if (!mode)
            return usageError(
                QStringLiteral("--on-approval: '%1' is not approve, reject, wait or prompt")
                    .arg(text));
        options.onApproval = *mode;
    }
    if (rehearse && options.allFailures && (options.onIntervention.kind == AnswerMode::Kind::Prompt
                                            || options.onApproval.kind == AnswerMode::Kind::Prompt))
        return usageError(QStringLiteral("--all-failures runs many rehearsals at once: answer with wait or a "
                                         "decision, not prompt"));
    // Nobody could ever answer: refuse rather than wait for deadlines without saying why.
    const bool wantsPrompt = options.onIntervention.kind == AnswerMode::Kind::Prompt
                             || options.onApproval.kind == AnswerMode::Kind::Prompt;
    if (wantsPrompt && !stdinIsTerminal)
        return usageError(
            QStringLiteral("'prompt' needs a terminal on stdin; use wait or a decision"));

    if (p.parser.isSet(p.maxParallel)) {
        const QString text = p.parser.value(p.maxParallel);
        bool ok = false;
        const int value = text.toInt(&ok);
        if (!ok || value < 1)
            return usageError(
                QStringLiteral("--max-parallel: '%1' is not a whole number of at least 1")
                    .arg(text));
        options.maxParallel = value;
    }
    return options;
}

QString commandWord(RunOptions::Command command)
{
    switch (command) {
    case RunOptions::Command::Run: return QStringLiteral("run");
    case RunOptions::Command::Resume: return QStringLiteral("resume");
    case RunOptions::Command::Rehearse: return QStringLiteral("rehearse");
    }
    return {};
}

} // namespace pw::cli
