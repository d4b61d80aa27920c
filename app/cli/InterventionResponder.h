#pragma once

#include "RunOptions.h"
#include "engine/RunTypes.h"

#include <QHash>

#include <functional>

namespace pw::cli {

// Answers the engine's open requests as --on-intervention and --on-approval say: a fixed
// decision at once (by "cli"), nothing (the deadline's onTimeout applies), or a question
// to the person at the terminal.
class InterventionResponder
{
public:
    // An automatic Retry is given at most this many times per step, so that a step that keeps
    // failing cannot loop for ever; after that its request waits for the deadline.
    static constexpr int kMaxAutomaticRetries = 3;

    struct Callbacks
    {
        std::function<void(const engine::Decision &)> decide;
        std::function<void(const engine::InterventionRequest &)> ask; // prompt mode
        std::function<void(const QString &)> notice; // why a request is left waiting
    };

    InterventionResponder(AnswerMode onIntervention, AnswerMode onApproval, Callbacks callbacks);

    void handle(const engine::InterventionRequest &request);

private:
    AnswerMode m_onIntervention;
    AnswerMode m_onApproval;
    Callbacks m_callbacks;
    QHash<QString, int> m_retriesGiven; // step id -> automatic Retry decisions so far
};

} // namespace pw::cli
