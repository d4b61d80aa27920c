#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace pw::cli {

// How open requests of one kind (interventions or approvals) are answered.
struct AnswerMode
{
    enum class Kind { Wait, Prompt, Decide };
    Kind kind = Kind::Wait;
    QString decision; // Decide: the decision given, in the engine's spelling

    static AnswerMode wait() { return {Kind::Wait, {}}; }
    static AnswerMode prompt() { return {Kind::Prompt, {}}; }
    static AnswerMode decide(const QString &decision) { return {Kind::Decide, decision}; }
    bool operator==(const AnswerMode &) const = default;
};

// The options of `pipewright run` and `pipewright resume` (cli.md), checked for everything
// that can be checked without loading the pipeline.
struct RunOptions
{
    enum class Command { Run, Resume };
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
};

// Parses `arguments` (starting with the command name). Either the options, or the exit code
// to stop with now (help printed: 0; a usage error printed on stderr: 2).
// `stdinIsTerminal` picks the default answer mode (prompt on a terminal, else wait).
std::variant<RunOptions, int> parseRunOptions(const QStringList &arguments, bool stdinIsTerminal,
                                             RunOptions::Command command = RunOptions::Command::Run);

QString runHelpText(RunOptions::Command command = RunOptions::Command::Run);

} // namespace pw::cli
