#include "engine/RetrySchedule.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <cmath>
#include <limits>

using pw::engine::kLongestRetryDelay;
using pw::engine::RetryActionSchedule;
using pw::engine::RetrySchedule;
using pw::engine::UnitRandom;
using pw::model::Duration;
using pw::model::ErrorType;
using pw::model::FailureAction;
using pw::model::RetryPolicy;
using pw::model::RetryType;
using std::chrono::milliseconds;

Q_DECLARE_METATYPE(pw::model::RetryPolicy)
Q_DECLARE_METATYPE(pw::model::ErrorType)
Q_DECLARE_METATYPE(pw::model::FailureAction)

namespace {

constexpr qint64 kUnset = -1;
constexpr qint64 kLongest = kLongestRetryDelay.count();

std::optional<Duration> optionalMs(qint64 ms)
{
    return ms == kUnset ? std::nullopt : std::optional(Duration::fromMilliseconds(ms));
}

RetryPolicy constant(qint64 interval)
{
    RetryPolicy policy;
    policy.type = RetryType::Constant;
    policy.interval = optionalMs(interval);
    return policy;
}

RetryPolicy exponential(qint64 interval, std::optional<double> factor, qint64 maxInterval)
{
    RetryPolicy policy;
    policy.type = RetryType::Exponential;
    policy.interval = optionalMs(interval);
    policy.delayFactor = factor;
    policy.maxInterval = optionalMs(maxInterval);
    return policy;
}

RetryPolicy randomBetween(qint64 minInterval, qint64 maxInterval)
{
    RetryPolicy policy;
    policy.type = RetryType::Random;
    policy.minInterval = optionalMs(minInterval);
    policy.maxInterval = optionalMs(maxInterval);
    return policy;
}

RetryPolicy limited(RetryPolicy policy, int maxAttempts, qint64 maxDuration,
                    QList<ErrorType> onErrors = {})
{
    if (maxAttempts != kUnset)
        policy.maxAttempts = maxAttempts;
    policy.maxDuration = optionalMs(maxDuration);
    policy.onErrors = onErrors;
    return policy;
}

UnitRandom fixedUnit(double unit)
{
    return [unit] { return unit; };
}

FailureAction retryAction(std::optional<int> retryCount, const QList<qint64> &intervals)
{
    FailureAction action;
    action.type = pw::model::ActionType::Retry;
    action.retryCount = retryCount;
    for (qint64 ms : intervals)
        action.retryIntervals.append(Duration::fromMilliseconds(ms));
    return action;
}

} // namespace

class TestRetrySchedule : public QObject
{
    Q_OBJECT

private slots:
    void retriesOnlyListedErrors_data()
    {
        QTest::addColumn<QList<ErrorType>>("onErrors");
        QTest::addColumn<ErrorType>("error");
        QTest::addColumn<bool>("retried");

        const QList<ErrorType> network = {ErrorType::Connectivity, ErrorType::Timeout};
        QTest::newRow("empty means AllErrors") << QList<ErrorType>() << ErrorType::Unknown << true;
        QTest::newRow("listed type") << network << ErrorType::Timeout << true;
        QTest::newRow("unlisted type") << network << ErrorType::Unknown << false;
        QTest::newRow("AllErrors matches anything")
            << QList<ErrorType>{ErrorType::AllErrors} << ErrorType::DelegateRestart << true;
        QTest::newRow("AllErrors among others")
            << QList<ErrorType>{ErrorType::Verification, ErrorType::AllErrors}
            << ErrorType::Authentication << true;
    }
    void retriesOnlyListedErrors()
    {
        QFETCH(QList<ErrorType>, onErrors);
        QFETCH(ErrorType, error);
        QFETCH(bool, retried);
        const RetrySchedule schedule(limited(constant(1000), 3, kUnset, onErrors));
        QCOMPARE(schedule.retriesOn(error), retried);
    }

    void delayAfterFailedAttempts_data()
    {
        QTest::addColumn<RetryPolicy>("policy");
        QTest::addColumn<int>("failedAttempts");
        QTest::addColumn<qint64>("delayMs");

        const RetryPolicy capped = exponential(1000, 2.0, 30000);
        const qint64 expected[] = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (int n = 1; n <= 7; ++n)
            QTest::addRow("exponential 1s x2 cap 30s, n=%d", n) << capped << n << expected[n - 1];
        QTest::newRow("exponential n=200 saturates at maxInterval")
            << capped << 200 << qint64(30000);
        QTest::newRow("exponential n=INT_MAX saturates at maxInterval")
            << capped << std::numeric_limits<int>::max() << qint64(30000);

        const RetryPolicy uncapped = exponential(1000, 2.0, kUnset);
        QTest::newRow("exponential no cap, n=10") << uncapped << 10 << qint64(512000);
        QTest::newRow("exponential no cap, n=200 saturates at the longest delay")
            << uncapped << 200 << kLongest;
        QTest::newRow("exponential no cap, n=INT_MAX saturates at the longest delay")
            << uncapped << std::numeric_limits<int>::max() << kLongest;
        QTest::newRow("delayFactor defaults to 2") << exponential(1000, std::nullopt, kUnset) << 3
                                                   << qint64(4000);
        QTest::newRow("delayFactor 1.5") << exponential(1000, 1.5, kUnset) << 3 << qint64(2250);
        QTest::newRow("delayFactor 1 stays constant") << exponential(1000, 1.0, kUnset) << 50
                                                      << qint64(1000);
        QTest::newRow("exponential n=0 counts as 1") << capped << 0 << qint64(1000);
        QTest::newRow("exponential without interval") << exponential(kUnset, 2.0, kUnset) << 200
                                                      << qint64(0);

        QTest::newRow("constant, n=1") << constant(5000) << 1 << qint64(5000);
        QTest::newRow("constant, n=7") << constant(5000) << 7 << qint64(5000);
        QTest::newRow("constant, n=INT_MAX") << constant(5000) << std::numeric_limits<int>::max()
                                             << qint64(5000);
        QTest::newRow("constant without interval") << constant(kUnset) << 1 << qint64(0);
        QTest::newRow("constant negative interval") << constant(-5000) << 1 << qint64(0);
    }
    void delayAfterFailedAttempts()
    {
        QFETCH(RetryPolicy, policy);
        QFETCH(int, failedAttempts);
        QFETCH(qint64, delayMs);
        const RetrySchedule schedule(policy, fixedUnit(0.5));
        QCOMPARE(schedule.delayAfterFailedAttempts(failedAttempts).count(), delayMs);
    }

    void randomDelayFromInjectedSource_data()
    {
        QTest::addColumn<RetryPolicy>("policy");
        QTest::addColumn<double>("unit");
        QTest::addColumn<qint64>("delayMs");

        const RetryPolicy oneToFive = randomBetween(1000, 5000);
        QTest::newRow("0 gives minInterval") << oneToFive << 0.0 << qint64(1000);
        QTest::newRow("0.5 gives the middle") << oneToFive << 0.5 << qint64(3000);
        QTest::newRow("just under 1 gives maxInterval") << oneToFive << 0.99999999 << qint64(5000);
        QTest::newRow("1 (out of contract) stays at maxInterval")
            << oneToFive << 1.0 << qint64(5000);
        QTest::newRow("negative (out of contract) stays at minInterval")
            << oneToFive << -0.5 << qint64(1000);
        QTest::newRow("NaN (out of contract) stays at minInterval")
            << oneToFive << std::nan("") << qint64(1000);
        QTest::newRow("min equals max") << randomBetween(2000, 2000) << 0.7 << qint64(2000);
        QTest::newRow("no maxInterval: minInterval") << randomBetween(2000, kUnset) << 0.7
                                                     << qint64(2000);
        QTest::newRow("min above max: bounds swapped, low end")
            << randomBetween(5000, 1000) << 0.0 << qint64(1000);
        QTest::newRow("min above max: bounds swapped, high end")
            << randomBetween(5000, 1000) << 0.99999999 << qint64(5000);
    }
    void randomDelayFromInjectedSource()
    {
        QFETCH(RetryPolicy, policy);
        QFETCH(double, unit);
        QFETCH(qint64, delayMs);
        const RetrySchedule schedule(policy, fixedUnit(unit));
        QCOMPARE(schedule.delayAfterFailedAttempts(1).count(), delayMs);
        // The attempt number plays no part in a random delay.
        QCOMPARE(schedule.delayAfterFailedAttempts(200).count(), delayMs);
    }

    void randomDelayDrawsAgainEachTime()
    {
        const QList<double> units = {0.0, 0.25, 0.75};
        int next = 0;
        const RetrySchedule schedule(randomBetween(1000, 5000),
                                     [&] { return units.at(next++ % units.size()); });
        QCOMPARE(schedule.delayAfterFailedAttempts(1), milliseconds(1000));
        QCOMPARE(schedule.delayAfterFailedAttempts(2), milliseconds(2000));
        QCOMPARE(schedule.delayAfterFailedAttempts(3), milliseconds(4000));
    }

    void randomDelaysStayInBoundsAndRepeatWithTheSameSeed()
    {
        QRandomGenerator first(42);
        QRandomGenerator second(42);
        const RetrySchedule a(randomBetween(1000, 5000), [&] { return first.generateDouble(); });
        const RetrySchedule b(randomBetween(1000, 5000), [&] { return second.generateDouble(); });
        QSet<qint64> seen;
        for (int i = 0; i < 2000; ++i) {
            const milliseconds delay = a.delayAfterFailedAttempts(1);
            QVERIFY2(delay >= milliseconds(1000) && delay <= milliseconds(5000),
                     qPrintable(QString::number(delay.count())));
            QCOMPARE(b.delayAfterFailedAttempts(1), delay);
            seen.insert(delay.count());
        }
        QVERIFY(seen.size() > 100); // actually random, not stuck on one value
    }

    void mayStartAnotherAttempt_data()
    {
        QTest::addColumn<int>("maxAttempts");
        QTest::addColumn<qint64>("maxDuration");
        QTest::addColumn<int>("attemptsRun");
        QTest::addColumn<qint64>("elapsed");
        QTest::addColumn<qint64>("delay");
        QTest::addColumn<bool>("allowed");

        const int unsetAttempts = int(kUnset);
        QTest::newRow("fewer attempts than maxAttempts")
            << 3 << kUnset << 2 << qint64(0) << qint64(0) << true;
        QTest::newRow("maxAttempts reached")
            << 3 << kUnset << 3 << qint64(0) << qint64(0) << false;
        QTest::newRow("maxAttempts 1 never retries")
            << 1 << kUnset << 1 << qint64(0) << qint64(0) << false;
        QTest::newRow("no limits: unlimited")
            << unsetAttempts << kUnset << 100000 << qint64(1000000000) << kLongest << true;
        QTest::newRow("next start exactly at maxDuration")
            << unsetAttempts << qint64(60000) << 5 << qint64(50000) << qint64(10000) << true;
        QTest::newRow("next start 1 ms after maxDuration")
            << unsetAttempts << qint64(60000) << 5 << qint64(50001) << qint64(10000) << false;
        QTest::newRow("the delay alone passes maxDuration")
            << unsetAttempts << qint64(60000) << 1 << qint64(0) << qint64(60001) << false;
        QTest::newRow("already past maxDuration, no delay")
            << unsetAttempts << qint64(60000) << 1 << qint64(60001) << qint64(0) << false;
        QTest::newRow("both limits, maxAttempts binds")
            << 2 << qint64(60000) << 2 << qint64(0) << qint64(0) << false;
        QTest::newRow("both limits, maxDuration binds")
            << 10 << qint64(60000) << 2 << qint64(59000) << qint64(2000) << false;
        QTest::newRow("huge elapsed does not overflow")
            << unsetAttempts << qint64(60000) << 1 << std::numeric_limits<qint64>::max() << kLongest
            << false;
    }
    void mayStartAnotherAttempt()
    {
        QFETCH(int, maxAttempts);
        QFETCH(qint64, maxDuration);
        QFETCH(int, attemptsRun);
        QFETCH(qint64, elapsed);
        QFETCH(qint64, delay);
        QFETCH(bool, allowed);
        const RetrySchedule schedule(limited(constant(0), maxAttempts, maxDuration));
        QCOMPARE(schedule.mayStartAnotherAttempt(attemptsRun, milliseconds(elapsed),
                                                 milliseconds(delay)),
                 allowed);
    }

    void planNextAttempt_data()
    {
        QTest::addColumn<RetryPolicy>("policy");
        QTest::addColumn<double>("unit");
        QTest::addColumn<ErrorType>("error");
        QTest::addColumn<int>("attemptsRun");
        QTest::addColumn<qint64>("elapsed");
        QTest::addColumn<qint64>("delayMs"); // kUnset: no further attempt

        const RetryPolicy network = limited(exponential(1000, 2.0, 30000), 5, 10000,
                                            {ErrorType::Connectivity});
        QTest::newRow("error not in onErrors") << network << 0.0 << ErrorType::Unknown << 1
                                               << qint64(0) << kUnset;
        QTest::newRow("first failure waits interval") << network << 0.0 << ErrorType::Connectivity
                                                      << 1 << qint64(0) << qint64(1000);
        QTest::newRow("fourth failure, start exactly at maxDuration")
            << network << 0.0 << ErrorType::Connectivity << 4 << qint64(2000) << qint64(8000);
        QTest::newRow("fourth failure, start 1 ms past maxDuration")
            << network << 0.0 << ErrorType::Connectivity << 4 << qint64(2001) << kUnset;
        QTest::newRow("maxAttempts used up") << network << 0.0 << ErrorType::Connectivity << 5
                                             << qint64(0) << kUnset;

        const RetryPolicy jitter = limited(randomBetween(1000, 5000), 5, 10000);
        QTest::newRow("random delay that fits") << jitter << 0.0 << ErrorType::Timeout << 1
                                                << qint64(6000) << qint64(1000);
        QTest::newRow("random delay drawn past maxDuration")
            << jitter << 0.99999999 << ErrorType::Timeout << 1 << qint64(6000) << kUnset;
    }
    void planNextAttempt()
    {
        QFETCH(RetryPolicy, policy);
        QFETCH(double, unit);
        QFETCH(ErrorType, error);
        QFETCH(int, attemptsRun);
        QFETCH(qint64, elapsed);
        QFETCH(qint64, delayMs);
        const RetrySchedule schedule(policy, fixedUnit(unit));
        const auto delay = schedule.planNextAttempt(error, attemptsRun, milliseconds(elapsed));
        QCOMPARE(delay.has_value(), delayMs != kUnset);
        if (delay)
            QCOMPARE(delay->count(), delayMs);
    }

    void retryActionDelays_data()
    {
        QTest::addColumn<QList<qint64>>("intervals");
        QTest::addColumn<int>("retryNumber");
        QTest::addColumn<qint64>("delayMs");

        const QList<qint64> twoIntervals = {1000, 5000};
        QTest::newRow("first retry waits the first interval") << twoIntervals << 1 << qint64(1000);
        QTest::newRow("second retry waits the second") << twoIntervals << 2 << qint64(5000);
        QTest::newRow("the last interval repeats") << twoIntervals << 3 << qint64(5000);
        QTest::newRow("the last interval repeats for ever")
            << twoIntervals << std::numeric_limits<int>::max() << qint64(5000);
        QTest::newRow("one interval for all") << QList<qint64>{2000} << 4 << qint64(2000);
        QTest::newRow("no intervals: no wait") << QList<qint64>() << 1 << qint64(0);
        QTest::newRow("retry 0 clamps to the first") << twoIntervals << 0 << qint64(1000);
    }
    void retryActionDelays()
    {
        QFETCH(QList<qint64>, intervals);
        QFETCH(int, retryNumber);
        QFETCH(qint64, delayMs);
        const RetryActionSchedule schedule(retryAction(3, intervals));
        QCOMPARE(schedule.delayBeforeRetry(retryNumber).count(), delayMs);
    }

    void retryActionBudget_data()
    {
        QTest::addColumn<FailureAction>("action");
        QTest::addColumn<int>("retriesRun");
        QTest::addColumn<bool>("allowed");

        QTest::newRow("no retry yet") << retryAction(3, {}) << 0 << true;
        QTest::newRow("last retry left") << retryAction(3, {}) << 2 << true;
        QTest::newRow("retryCount used up") << retryAction(3, {}) << 3 << false;
        QTest::newRow("unset retryCount allows one") << retryAction(std::nullopt, {}) << 0 << true;
        QTest::newRow("unset retryCount, one used") << retryAction(std::nullopt, {}) << 1 << false;
    }
    void retryActionBudget()
    {
        QFETCH(FailureAction, action);
        QFETCH(int, retriesRun);
        QFETCH(bool, allowed);
        QCOMPARE(RetryActionSchedule(action).allowsAnotherRetry(retriesRun), allowed);
    }
};

QTEST_GUILESS_MAIN(TestRetrySchedule)
#include "tst_retry_schedule.moc"
