#pragma once

#include "model/FailureStrategy.h"
#include "model/Node.h"

#include <chrono>
#include <functional>
#include <optional>

namespace pw::engine {

// Returns a number in [0, 1). Injected so that tests (and replays) can pin random delays.
using UnitRandom = std::function<double()>;

// Draws from QRandomGenerator::global(), which is safe to share between threads.
UnitRandom systemUnitRandom();
// The same sequence for the same seed: random retry delays a test can repeat.
UnitRandom seededUnitRandom(quint64 seed);

// No delay is ever longer than this: the longest duration a valid pipeline file can hold
// (366 days, the validator's limit). Exponential growth with no maxInterval saturates here
// instead of overflowing, and callers can add any delay to a time point without overflow.
inline constexpr std::chrono::milliseconds kLongestRetryDelay{366LL * 24 * 60 * 60 * 1000};

// The automatic retry of one step (`retry:` block, semantics.md "One step", 4a). Attempts
// and elapsed time are counted per execution: a RetryStepGroup re-run starts a new execution
// with the full budget, so the caller passes counts for the current execution only.
// Robust against unvalidated policies: missing or negative durations count as 0.
class RetrySchedule
{
public:
    explicit RetrySchedule(model::RetryPolicy policy, UnitRandom random = systemUnitRandom());

    const model::RetryPolicy &policy() const { return m_policy; }

    // Whether a failure of this type is retried at all (onErrors; empty means AllErrors).
    bool retriesOn(model::ErrorType error) const;

    // The wait before attempt n+1 after n failed attempts of this execution (n < 1 counts
    // as 1). A random policy draws a fresh delay on every call.
    std::chrono::milliseconds delayAfterFailedAttempts(int failedAttempts) const;

    // Whether attempt attemptsRun+1 may start `delay` from now, given that this execution's
    // first attempt began `sinceExecutionStart` ago. Starting exactly at maxDuration is allowed.
    bool mayStartAnotherAttempt(int attemptsRun, std::chrono::milliseconds sinceExecutionStart,
                                std::chrono::milliseconds delay) const;

    // All of the above at once, as the scheduler needs it when an attempt fails: the delay to
    // wait before the next attempt, or nothing when the failure goes on to `catch` and the
    // failure strategies. The delay is drawn once, so the one checked against maxDuration is
    // the one to wait (the decision is made now, so a timer firing late cannot cost an attempt).
    std::optional<std::chrono::milliseconds>
    planNextAttempt(model::ErrorType error, int attemptsRun,
                    std::chrono::milliseconds sinceExecutionStart) const;

private:
    bool hasAttemptsLeft(int attemptsRun) const;
    std::chrono::milliseconds exponentialDelay(int failedAttempts) const;
    std::chrono::milliseconds randomDelay() const;

    model::RetryPolicy m_policy;
    UnitRandom m_random;
};

// The `Retry` and `RetryStepGroup` actions: up to retryCount more runs, waiting
// retryIntervals[i] before the (i+1)-th, the last interval repeating, none given: no wait.
class RetryActionSchedule
{
public:
    explicit RetryActionSchedule(const model::FailureAction &action);

    // retryCount from the file; unset (which validation rejects) is taken as one retry, the
    // least a "Retry" can mean.
    int retryCount() const { return m_retryCount; }

    bool allowsAnotherRetry(int retriesRun) const { return retriesRun < m_retryCount; }

    // retryNumber is 1-based: 1 is the first extra run. Out-of-range numbers clamp.
    std::chrono::milliseconds delayBeforeRetry(int retryNumber) const;

private:
    int m_retryCount;
    QList<model::Duration> m_intervals;
};

} // namespace pw::engine
