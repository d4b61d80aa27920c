#pragma once

#include "RunTypes.h"

#include <QHash>
#include <QString>

namespace pw::engine {

// How open requests of one kind (interventions or approvals) are answered when no window
// asks a person: `--on-intervention` and `--on-approval` of the command line (cli.md).
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

// The answer to each request as the two modes say: a fixed decision at once, nothing (the
// deadline's onTimeout applies), or a question to a person. Used by the command line for
// real runs and by the engine itself for rehearsals, where an answer must come before the
// virtual clock moves on.
class AutoAnswers
{
public:
    // An automatic Retry is given at most this many times per step, so that a step that keeps
    // failing cannot loop for ever; after that its request waits for the deadline.
    static constexpr int kMaxAutomaticRetries = 3;

    struct Answer
    {
        AnswerMode::Kind kind = AnswerMode::Kind::Wait;
        QString decision; // Decide
        QString notice;   // Wait: why a fixed decision was not given (empty: none was asked for)
    };

    AutoAnswers(AnswerMode onIntervention, AnswerMode onApproval);

    Answer answer(const InterventionRequest &request);

private:
    AnswerMode m_onIntervention;
    AnswerMode m_onApproval;
    QHash<QString, int> m_retriesGiven; // step id -> automatic Retry decisions so far
};

} // namespace pw::engine
