#pragma once

#include "engine/AutoAnswers.h"
#include "model/Enums.h"

#include <QHash>
#include <QVariantMap>

#include <chrono>
#include <optional>

namespace pw::engine {

// How long a rehearsal waits, in real time, for a person asked something (a dialog, a
// terminal prompt) before the request's virtual deadline may pass.
inline constexpr std::chrono::milliseconds kPersonWindow{30000};

// A failure put in on purpose (`--fail STEP=TYPE[:N]`).
struct InjectedFailure
{
    model::ErrorType type = model::ErrorType::Unknown;
    int attempts = 0; // fail only the first N attempts of the step; 0: every attempt
};

// What makes a run a rehearsal (semantics.md "Rehearsal"): nothing is executed, Shell and
// Http steps succeed at once with these outputs, the failures named here are injected, time
// is virtual, and requests are answered as the modes say before the clock moves on.
struct RehearsalSettings
{
    QHash<QString, InjectedFailure> failures; // step id ->
    QHash<QString, QVariantMap> outputs;      // step id -> outputs of its simulated success
    AnswerMode onIntervention = AnswerMode::wait();
    AnswerMode onApproval = AnswerMode::wait();
    // Real time between two jumps of the virtual clock, for a rehearsal a person watches.
    std::chrono::milliseconds pace{0};
    // With AnswerMode::prompt: how long (real time) the clock waits for a person before the
    // request's virtual deadline may pass; 0: until the person answers.
    std::chrono::milliseconds personWindow{0};

    // The failure injected into this attempt (1-based, counted over the step's whole run).
    std::optional<model::ErrorType> injectedFailure(const QString &step, int attempt) const
    {
        const auto found = failures.constFind(step);
        if (found == failures.cend() || (found->attempts > 0 && attempt > found->attempts))
            return std::nullopt;
        return found->type;
    }
};

} // namespace pw::engine
