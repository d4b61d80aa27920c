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

// The options of `pipewright run` (cli.md), checked for everything that can be checked
// without loading the pipeline.
struct RunOptions
{
    QString file;
    QStringList inputs; // the raw ID=VALUE arguments, in order; typed by RunInputs
    QString reportPath; // empty: no report
    QString dbPath;     // accepted, not used yet (the run store is a later issue)
    AnswerMode onIntervention;
    AnswerMode onApproval;
    std::optional<int> maxParallel;
    bool quiet = false;
};

// Parses `arguments` (starting with the command name). Either the options, or the exit code
// to stop with now (help printed: 0; a usage error printed on stderr: 2).
// `stdinIsTerminal` picks the default answer mode (prompt on a terminal, else wait).
std::variant<RunOptions, int> parseRunOptions(const QStringList &arguments, bool stdinIsTerminal);

QString runHelpText();

} // namespace pw::cli
