#pragma once

#include "engine/executors/StepExecutor.h"
#include "engine/run/LongTimer.h"

#include <optional>

namespace pw::engine {

// A rehearsal's stand-in for the executors that touch the world: nothing is executed and
// nothing is sent. An attempt with an injected failure fails at once with that error type
// (as a `Fail` step would); a Shell or Http step succeeds at once with the outputs it was
// given; a Wait step waits on the virtual clock.
class SimulatedExecutor : public StepExecutor
{
    Q_OBJECT

public:
    struct Outcome
    {
        std::optional<model::ErrorType> injectedFailure;
        QVariantMap outputs;
    };

    SimulatedExecutor(RunClock &clock, Outcome outcome, QObject *parent = nullptr);

    void start(const AttemptRequest &request) override;
    void cancel(CancelReason reason) override;

private:
    RunClock &m_clock;
    Outcome m_outcome;
    LongTimer m_wait;
    bool m_running = false;
};

// Whether a rehearsal runs this step type for real: Echo, Fail and Verify touch nothing
// outside the run, so they behave as in a real run (semantics.md "Rehearsal").
bool runsForRealInRehearsal(model::StepType type);

} // namespace pw::engine
