#include "RunOptions.h"

#include "Console.h"

#include <QCommandLineParser>

namespace pw::cli {
namespace {

const QString kCommand = QStringLiteral("pipewright run");

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

int usageError(const QString &message)
{
    printErr(kCommand + QStringLiteral(": ") + message
             + QStringLiteral("\n(see pipewright run --help)"));
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
        QStringLiteral("The run database. Accepted but not used yet: runs are not stored by this "
                       "version."),
        QStringLiteral("PATH")};
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
    QCommandLineOption quiet{
        {QStringLiteral("q"), QStringLiteral("quiet")},
        QStringLiteral("Prints only the final line (questions of 'prompt' still appear).")};

    Parser()
    {
        parser.setApplicationDescription(QStringLiteral(
            "Runs a pipeline on the engine thread, prints its progress live on stdout and exits\n"
            "with the run's result. Questions (prompt mode) and diagnostics go to stderr."));
        parser.addOptions(
            {help, input, db, report, onIntervention, onApproval, maxParallel, quiet});
        parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The pipeline file."));
    }
};

} // namespace

QString runHelpText()
{
    const Parser p;
    QString text = p.parser.helpText();
    // Qt names the program by its path; people type "pipewright run".
    text = QStringLiteral("Usage: pipewright run FILE [options]") + text.mid(text.indexOf(u'\n'));
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

std::variant<RunOptions, int> parseRunOptions(const QStringList &arguments, bool stdinIsTerminal)
{
    Parser p;
    if (!p.parser.parse(QStringList{kCommand} + arguments.mid(1)))
        return usageError(p.parser.errorText());
    if (p.parser.isSet(p.help)) {
        printOut(runHelpText());
        return int(ExitSuccess);
    }
    const QStringList files = p.parser.positionalArguments();
    if (files.isEmpty())
        return usageError(QStringLiteral("no file given"));
    if (files.size() > 1)
        return usageError(QStringLiteral("one file at a time (got %1)").arg(files.size()));

    RunOptions options;
    options.file = files.first();
    options.inputs = p.parser.values(p.input);
    options.reportPath = p.parser.value(p.report);
    options.dbPath = p.parser.value(p.db);
    options.quiet = p.parser.isSet(p.quiet);
    const AnswerMode byDefault = stdinIsTerminal ? AnswerMode::prompt() : AnswerMode::wait();
    options.onIntervention = byDefault;
    options.onApproval = byDefault;

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

} // namespace pw::cli
