#include "RetrySchedule.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <utility>

namespace pw::engine {

using std::chrono::milliseconds;
using model::Duration;

namespace {

constexpr double kDefaultDelayFactor = 2.0;

// Every delay is kept in [0, kLongestRetryDelay], so later arithmetic cannot overflow even
// for a policy that skipped validation.
milliseconds boundedDelay(qint64 ms)
{
    return milliseconds(std::clamp<qint64>(ms, 0, kLongestRetryDelay.count()));
}

milliseconds boundedDelay(const std::optional<Duration> &duration)
{
    return boundedDelay(duration ? duration->milliseconds() : 0);
}

// Converting a double outside qint64's range is undefined, and NaN compares false with
// everything, so both are settled before rounding.
milliseconds roundedDelay(double ms)
{
    if (!(ms > 0))
        return milliseconds(0);
    if (ms >= double(kLongestRetryDelay.count()))
        return kLongestRetryDelay;
    return milliseconds(std::llround(ms));
}

} // namespace

UnitRandom systemUnitRandom()
{
    return [] { return QRandomGenerator::global()->generateDouble(); };
}

UnitRandom seededUnitRandom(quint64 seed)
{
    auto generator = std::make_shared<QRandomGenerator64>(seed);
    return [generator] { return generator->generateDouble(); };
}

RetrySchedule::RetrySchedule(model::RetryPolicy policy, UnitRandom random)
    : m_policy(std::move(policy)), m_random(random ? std::move(random) : systemUnitRandom())
{
}

bool RetrySchedule::retriesOn(model::ErrorType error) const
{
    const QList<model::ErrorType> &onErrors = m_policy.onErrors;
    return onErrors.isEmpty() || onErrors.contains(model::ErrorType::AllErrors)
        || onErrors.contains(error);
}

milliseconds RetrySchedule::delayAfterFailedAttempts(int failedAttempts) const
{
    switch (m_policy.type) {
    case model::RetryType::Constant:
        return boundedDelay(m_policy.interval);
    case model::RetryType::Exponential:
        return exponentialDelay(std::max(failedAttempts, 1));
    case model::RetryType::Random:
        return randomDelay();
    }
    return milliseconds(0);
}

milliseconds RetrySchedule::exponentialDelay(int failedAttempts) const
{
    const milliseconds interval = boundedDelay(m_policy.interval);
    const double factor = m_policy.delayFactor.value_or(kDefaultDelayFactor);
    // pow() saturates to infinity for a large exponent instead of overflowing, and
    // roundedDelay() turns infinity (and the NaN of a nonsense factor) into a finite delay.
    const double grown = double(interval.count()) * std::pow(factor, failedAttempts - 1);
    const milliseconds delay = roundedDelay(grown);
    if (m_policy.maxInterval)
        return std::min(delay, boundedDelay(m_policy.maxInterval));
    return delay;
}

milliseconds RetrySchedule::randomDelay() const
{
    qint64 low = boundedDelay(m_policy.minInterval).count();
    // Without maxInterval there is no range to draw from: the delay is minInterval.
    qint64 high = m_policy.maxInterval ? boundedDelay(m_policy.maxInterval).count() : low;
    if (low > high)
        std::swap(low, high);

    // Picks one of the high-low+1 whole milliseconds, so both ends of the closed interval
    // [minInterval, maxInterval] are as likely as any other value.
    double unit = m_random();
    if (!(unit >= 0.0))
        unit = 0.0;
    const double span = double(high - low);
    const double offset = std::min(std::floor(unit * (span + 1.0)), span);
    return milliseconds(low + qint64(offset));
}

bool RetrySchedule::hasAttemptsLeft(int attemptsRun) const
{
    return !m_policy.maxAttempts || attemptsRun < *m_policy.maxAttempts;
}

bool RetrySchedule::mayStartAnotherAttempt(int attemptsRun, milliseconds sinceExecutionStart,
                                           milliseconds delay) const
{
    if (!hasAttemptsLeft(attemptsRun))
        return false;
    if (!m_policy.maxDuration)
        return true;

    // Written as a subtraction of ordered values so that no sum can overflow.
    const milliseconds limit(m_policy.maxDuration->milliseconds());
    const milliseconds elapsed = std::max(sinceExecutionStart, milliseconds(0));
    if (elapsed > limit)
        return false;
    return std::max(delay, milliseconds(0)) <= limit - elapsed;
}

std::optional<milliseconds> RetrySchedule::planNextAttempt(model::ErrorType error,
                                                           int attemptsRun,
                                                           milliseconds sinceExecutionStart) const
{
    if (!retriesOn(error))
        return std::nullopt;
    // Checked before drawing so that an exhausted budget does not consume a random number.
    if (!hasAttemptsLeft(attemptsRun))
        return std::nullopt;
    const milliseconds delay = delayAfterFailedAttempts(attemptsRun);
    if (!mayStartAnotherAttempt(attemptsRun, sinceExecutionStart, delay))
        return std::nullopt;
    return delay;
}

RetryActionSchedule::RetryActionSchedule(const model::FailureAction &action)
    : m_retryCount(std::max(action.retryCount.value_or(1), 0)),
      m_intervals(action.retryIntervals)
{
}

milliseconds RetryActionSchedule::delayBeforeRetry(int retryNumber) const
{
    if (m_intervals.isEmpty())
        return milliseconds(0);
    const qsizetype index = std::clamp<qsizetype>(qsizetype(retryNumber) - 1, 0,
                                                  m_intervals.size() - 1);
    return boundedDelay(m_intervals.at(index).milliseconds());
}

} // namespace pw::engine
