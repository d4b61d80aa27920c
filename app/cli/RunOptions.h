#pragma once

#include "engine/AutoAnswers.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace pw::cli {

using engine::AnswerMode;

// The options of `pipewright run` and `pipewright resume` (cli.md), checked for everything
// that can be checked without loading the pipeline.
struct RunOptions
{
    enum class Command { Run, Resume, Rehearse };
    Command command = Command::Run;
    QString file; // run: the pipeline; resume: --file (empty: the stored text)
    QString resumeRunId; // resume: the run to resume (an id or a unique prefix)
    QString from; // resume --from: this node and everything after it runs again
    QStringList inputs; // the raw ID=VALUE arguments, in order; typed by RunInputs
    QString reportPath; // empty: no report
    QString dbPath;     // the run database (default: the user's data directory)
    bool noStore = false; // --no-store: nothing is kept
    AnswerMode onIntervention;
    AnswerMode onApproval;
    std::optional<int> maxParallel;
    bool quiet = false;
    // rehearse: the raw --fail STEP=TYPE[:N] and --output STEP.KEY=VALUE arguments (checked
    // against the pipeline by RehearsalArguments), and the failure-coverage table.
    QStringList failures;
    QStringList outputs;
    bool allFailures = false;
    bool json = false;
};

// "run", "resume" or "rehearse": the word after "pipewright" in messages.
QString commandWord(RunOptions::Command command);

// Parses `arguments` (starting with the command name). Either the options, or the exit code
// to stop with now (help printed: 0; a usage error printed on stderr: 2).
// `stdinIsTerminal` picks the default answer mode (prompt on a terminal, else wait).
std::variant<RunOptions, int> parseRunOptions(const QStringList &arguments, bool stdinIsTerminal,
                                             RunOptions::Command command = RunOptions::Command::Run);

QString runHelpText(RunOptions::Command command = RunOptions::Command::Run);

} // namespace pw::cli
