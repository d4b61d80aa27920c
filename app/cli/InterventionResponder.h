#pragma once

#include "engine/AutoAnswers.h"
#include "engine/RunTypes.h"

#include <functional>

namespace pw::cli {

// Answers the engine's open requests as --on-intervention and --on-approval say: a fixed
// decision at once (by "cli"), nothing (the deadline's onTimeout applies), or a question
// to the person at the terminal.
class InterventionResponder
{
public:
    struct Callbacks
    {
        std::function<void(const engine::Decision &)> decide;
        std::function<void(const engine::InterventionRequest &)> ask; // prompt mode
        std::function<void(const QString &)> notice; // why a request is left waiting
    };

    InterventionResponder(engine::AnswerMode onIntervention, engine::AnswerMode onApproval, Callbacks callbacks);

    void handle(const engine::InterventionRequest &request);

private:
    engine::AutoAnswers m_answers;
    Callbacks m_callbacks;
};

} // namespace pw::cli
