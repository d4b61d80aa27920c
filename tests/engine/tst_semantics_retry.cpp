// semantics.md "One step" 4a (automatic retry), attempt numbering across mechanisms, the
// `Retry` action and an intervention's `Retry`.
#include "RunHarness.h"

using namespace pw::engine;

namespace {

QByteArray oneStep(const QByteArray &step)
{
    return "pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n          - step: " + step + "\n";
}

QList<qint64> retryDelays(const RunSnapshot &snapshot, const QString &node)
{
    QList<qint64> delays;
    for (const RunEvent &event : snapshot.events) {
        if (event.node == node && event.event == QLatin1String("retryScheduled"))
            delays << event.delayMs;
    }
    return delays;
}

// Every retryScheduled of the node is followed by its attempt no earlier than the delay and
// no later than the tolerance.
void verifyRetryTiming(const RunSnapshot &snapshot, const QString &node)
{
    for (const RunEvent &event : snapshot.events) {
        if (event.node != node || event.event != QLatin1String("retryScheduled"))
            continue;
        const RunEvent *next = findEvent(snapshot, node, s("attemptStarted"), event.attempt);
        QVERIFY2(next, qPrintable(QStringLiteral("attempt %1 never started").arg(event.attempt)));
        PW_VERIFY_DELAY(event.at.msecsTo(next->at), event.delayMs);
    }
}

// A Shell step whose attempt 1 exits 2 and later attempts exit 3 (or the reverse).
QByteArray exitByAttempt(const char *id, int first, int later, const QByteArray &extra)
{
    return QByteArray("{id: ") + id + ", type: Shell, spec: {command: \"if [ {{ attempt }} -eq 1 ]; then exit "
        + QByteArray::number(first) + "; else exit " + QByteArray::number(later)
        + "; fi\", exitCodes: {\"2\": Connectivity, \"3\": Unknown}}" + extra + "}";
}

} // namespace

class TestSemanticsRetry : public QObject
{
    Q_OBJECT
private slots:
    void delays_data();
    void delays();
    void randomDelayWithinBounds();
    void maxAttempts_data();
    void maxAttempts();
    void maxDurationCutsOff_data();
    void maxDurationCutsOff();
    void onErrors_data();
    void onErrors();
    void onErrorsCheckedForEveryAttempt();
    void retryComesBeforeCatchAndStrategies();
    void stepTimeoutIsRetried();
    void attemptsCountAcrossMechanisms();
    void actionRetryHasNoAutomaticRetries();
    void retryStepGroupGivesAFreshBudget();
    void retryAction_data();
    void retryAction();
    void retryActionTakesAnyErrorType();
    void interventionRetryAddsOneAttempt();
};

void TestSemanticsRetry::delays_data()
{
    QTest::addColumn<QByteArray>("retry");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::newRow("constant") << QByteArray("{type: constant, interval: 80ms, maxAttempts: 3}") << QList<qint64>{80, 80};
    QTest::newRow("exponential, factor 2 by default, capped")
        << QByteArray("{type: exponential, interval: 40ms, maxInterval: 100ms, maxAttempts: 4}") << QList<qint64>{40, 80, 100};
    QTest::newRow("exponential, factor 3, capped")
        << QByteArray("{type: exponential, interval: 20ms, delayFactor: 3, maxInterval: 150ms, maxAttempts: 5}")
        << QList<qint64>{20, 60, 150, 150};
    QTest::newRow("exponential, no cap")
        << QByteArray("{type: exponential, interval: 30ms, delayFactor: 2, maxAttempts: 4}") << QList<qint64>{30, 60, 120};
}

void TestSemanticsRetry::delays()
{
    QFETCH(QByteArray, retry);
    QFETCH(QList<qint64>, expected);
    RunHarness harness;
    const auto snapshot = harness.run(oneStep("{id: a, type: Fail, retry: " + retry + "}"));
    QVERIFY(snapshot);
    QCOMPARE(retryDelays(*snapshot, s("a")), expected);
    const int attempts = int(expected.size()) + 1;
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, attempts);
    QStringList trail{s("a:started")};
    for (int n = 1; n <= attempts; ++n) {
        if (n > 1)
            trail << QStringLiteral("a:retryScheduled#%1").arg(n);
        trail << QStringLiteral("a:attemptStarted#%1").arg(n) << QStringLiteral("a:attemptFailed#%1").arg(n);
    }
    trail << s("a:ended=Failed");
    QCOMPARE(eventTrail(*snapshot, {s("a")}), trail);
    verifyRetryTiming(*snapshot, s("a"));
}

void TestSemanticsRetry::randomDelayWithinBounds()
{
    RunHarness harness;
    const auto snapshot = harness.run(oneStep("{id: a, type: Fail, retry: {type: random, minInterval: 50ms, maxInterval: 120ms, maxAttempts: 5}}"));
    QVERIFY(snapshot);
    const QList<qint64> delays = retryDelays(*snapshot, s("a"));
    QCOMPARE(delays.size(), 4);
    for (qint64 delay : delays)
        QVERIFY2(delay >= 50 && delay <= 120, qPrintable(QString::number(delay)));
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, 5);
    verifyRetryTiming(*snapshot, s("a"));
}

void TestSemanticsRetry::maxAttempts_data()
{
    QTest::addColumn<QByteArray>("step");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<QString>("status");
    QTest::newRow("maxAttempts 1: no retry") << QByteArray("{id: a, type: Fail, retry: {type: constant, interval: 10ms, maxAttempts: 1}}")
                                             << 1 << s("Failed");
    QTest::newRow("maxAttempts 3, all fail") << QByteArray("{id: a, type: Fail, retry: {type: constant, interval: 10ms, maxAttempts: 3}}")
                                             << 3 << s("Failed");
    QTest::newRow("maxAttempts 3, second succeeds")
        << QByteArray("{id: a, type: Fail, spec: {succeedOnAttempt: 2}, retry: {type: constant, interval: 10ms, maxAttempts: 3}}")
        << 2 << s("Succeeded");
}

void TestSemanticsRetry::maxAttempts()
{
    QFETCH(QByteArray, step);
    QFETCH(int, attempts);
    QFETCH(QString, status);
    RunHarness harness;
    const auto snapshot = harness.run(oneStep(step));
    QVERIFY(snapshot);
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, attempts);
    QCOMPARE(toString(findNode(*snapshot, s("a"))->status), status);
    QCOMPARE(eventTrail(*snapshot, {s("a")}).filter(QStringLiteral(":attemptStarted#")).size(), attempts);
}

// Attempts start at about 0 and 100 ms; a third would start at about 200 ms, past maxDuration.
void TestSemanticsRetry::maxDurationCutsOff_data()
{
    QTest::addColumn<QByteArray>("retry");
    QTest::addColumn<int>("attempts");
    QTest::newRow("maxDuration 150ms cuts at 2") << QByteArray("{type: constant, interval: 100ms, maxAttempts: 10, maxDuration: 150ms}") << 2;
    QTest::newRow("maxDuration 1s leaves maxAttempts 3") << QByteArray("{type: constant, interval: 100ms, maxAttempts: 3, maxDuration: 1s}") << 3;
    QTest::newRow("maxDuration 50ms: no retry at all") << QByteArray("{type: constant, interval: 100ms, maxAttempts: 10, maxDuration: 50ms}") << 1;
}

void TestSemanticsRetry::maxDurationCutsOff()
{
    QFETCH(QByteArray, retry);
    QFETCH(int, attempts);
    RunHarness harness;
    const auto snapshot = harness.run(oneStep("{id: a, type: Fail, retry: " + retry + "}"));
    QVERIFY(snapshot);
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, attempts);
    QCOMPARE(toString(findNode(*snapshot, s("a"))->status), s("Failed"));
    QCOMPARE(eventTrail(*snapshot, {s("a")}).last(), s("a:ended=Failed"));
    verifyRetryTiming(*snapshot, s("a"));
}

void TestSemanticsRetry::onErrors_data()
{
    QTest::addColumn<QByteArray>("errorType");
    QTest::addColumn<QByteArray>("onErrors");
    QTest::addColumn<int>("attempts");
    QTest::newRow("default: all errors") << QByteArray("Verification") << QByteArray() << 3;
    QTest::newRow("AllErrors") << QByteArray("Authorization") << QByteArray(", onErrors: [AllErrors]") << 3;
    QTest::newRow("listed") << QByteArray("Connectivity") << QByteArray(", onErrors: [Timeout, Connectivity]") << 3;
    QTest::newRow("not listed") << QByteArray("Unknown") << QByteArray(", onErrors: [Timeout, Connectivity]") << 1;
}

void TestSemanticsRetry::onErrors()
{
    QFETCH(QByteArray, errorType);
    QFETCH(QByteArray, onErrors);
    QFETCH(int, attempts);
    RunHarness harness;
    const auto snapshot = harness.run(oneStep("{id: a, type: Fail, spec: {errorType: " + errorType
                                              + "}, retry: {type: constant, interval: 10ms, maxAttempts: 3" + onErrors + "}}"));
    QVERIFY(snapshot);
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, attempts);
    QCOMPARE(pw::model::toString(findNode(*snapshot, s("a"))->error->type), QString::fromUtf8(errorType));
    QCOMPARE(retryDelays(*snapshot, s("a")).size(), attempts - 1);
}

// Attempt 1 fails with Connectivity (retried), attempt 2 with Unknown (not in onErrors).
void TestSemanticsRetry::onErrorsCheckedForEveryAttempt()
{
    RunHarness harness;
    const auto snapshot = harness.run(oneStep(exitByAttempt("a", 2, 3, ", retry: {type: constant, interval: 10ms, maxAttempts: 5, onErrors: [Connectivity]}")));
    QVERIFY(snapshot);
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:retryScheduled#2", "a:attemptStarted#2",
                   "a:attemptFailed#2", "a:ended=Failed"}));
    QCOMPARE(pw::model::toString(*findEvent(*snapshot, s("a"), s("attemptFailed"), 1)->errorType), s("Connectivity"));
    QCOMPARE(pw::model::toString(*findEvent(*snapshot, s("a"), s("attemptFailed"), 2)->errorType), s("Unknown"));
}

void TestSemanticsRetry::retryComesBeforeCatchAndStrategies()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: MarkAsSuccess}}}]
        steps:
          - step: {id: a, type: Fail, catch: err, retry: {type: constant, interval: 10ms, maxAttempts: 2}}
          - step: {id: b, type: Fail, retry: {type: constant, interval: 10ms, maxAttempts: 2}}
)");
    QVERIFY(snapshot);
    // a: two attempts, then catch (the stage's MarkAsSuccess is never consulted).
    QCOMPARE(statusesOf(*snapshot, list({"a", "b"})), list({"a=IgnoredFailure", "b=Succeeded"}));
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, 2);
    QCOMPARE(snapshot->vars.value(s("err")).toMap().value(s("attempts")).toInt(), 2);
    QCOMPARE(findNode(*snapshot, s("b"))->attempts, 2);
    QCOMPARE(eventTrail(*snapshot, {s("b")}),
             list({"b:started", "b:attemptStarted#1", "b:attemptFailed#1", "b:retryScheduled#2", "b:attemptStarted#2",
                   "b:attemptFailed#2", "b:ended=Succeeded"}));
}

void TestSemanticsRetry::stepTimeoutIsRetried()
{
    RunHarness harness;
    const auto snapshot = harness.run(oneStep("{id: a, type: Wait, timeout: 80ms, spec: {duration: 5s}, retry: {type: constant, interval: 20ms, maxAttempts: 2, onErrors: [Timeout]}}"));
    QVERIFY(snapshot);
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:retryScheduled#2", "a:attemptStarted#2",
                   "a:attemptFailed#2", "a:ended=Failed"}));
    QCOMPARE(pw::model::toString(findNode(*snapshot, s("a"))->error->type), s("Timeout"));
    for (int n : {1, 2})
        PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("a"), s("attemptStarted"), n),
                                  findEvent(*snapshot, s("a"), s("attemptFailed"), n)),
                        80);
    verifyRetryTiming(*snapshot, s("a"));
}

// 2 automatic attempts, 2 by the Retry action, 1 by the intervention, then the strategy is
// found again: 2 more by the Retry action, then the intervention fails it.
void TestSemanticsRetry::attemptsCountAcrossMechanisms()
{
    RunHarness harness;
    int asked = 0;
    harness.answer = [&](const InterventionRequest &) { return ++asked == 1 ? s("Retry") : s("MarkAsFailure"); };
    const auto snapshot = harness.run(oneStep(R"({id: a, type: Fail, retry: {type: constant, interval: 10ms, maxAttempts: 2},
              failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Retry, spec: {retryCount: 2,
                onRetryFailure: {action: {type: ManualIntervention, spec: {timeout: 10s}}}}}}}]})"));
    QVERIFY(snapshot);
    QCOMPARE(asked, 2);
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, 7);
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:retryScheduled#2", "a:attemptStarted#2",
                   "a:attemptFailed#2", "a:retryScheduled#3", "a:attemptStarted#3", "a:attemptFailed#3",
                   "a:retryScheduled#4", "a:attemptStarted#4", "a:attemptFailed#4", "a:waiting",
                   "a:decided=Retry/user", "a:attemptStarted#5", "a:attemptFailed#5", "a:retryScheduled#6",
                   "a:attemptStarted#6", "a:attemptFailed#6", "a:retryScheduled#7", "a:attemptStarted#7",
                   "a:attemptFailed#7", "a:waiting", "a:decided=MarkAsFailure/user", "a:ended=Failed"}));
    QCOMPARE(retryDelays(*snapshot, s("a")), (QList<qint64>{10, 0, 0, 0, 0}));
}

// Attempt 1 fails Unknown (not retried automatically): the Retry action runs attempt 2, which
// fails Connectivity; the automatic retry would take it, but the action's attempts are single.
void TestSemanticsRetry::actionRetryHasNoAutomaticRetries()
{
    RunHarness harness;
    const auto snapshot = harness.run(oneStep(exitByAttempt("a", 3, 2, R"(, retry: {type: constant, interval: 10ms, maxAttempts: 5, onErrors: [Connectivity]},
              failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Retry, spec: {retryCount: 1}}}}])")));
    QVERIFY(snapshot);
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:retryScheduled#2", "a:attemptStarted#2",
                   "a:attemptFailed#2", "a:ended=Failed"}));
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, 2);
}

// Each execution of `a` (its first start, the group's re-run) has maxAttempts 2.
void TestSemanticsRetry::retryStepGroupGivesAFreshBudget()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: RetryStepGroup, spec: {retryCount: 1, retryIntervals: [50ms]}}}}]
              steps:
                - step: {id: a, type: Fail, spec: {succeedOnAttempt: 4}, retry: {type: constant, interval: 20ms, maxAttempts: 2}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"g", "a"})), list({"g=Succeeded", "a=Succeeded"}));
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, 4);
    QCOMPARE(eventTrail(*snapshot, list({"g", "a"})),
             list({"g:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:retryScheduled#2",
                   "a:attemptStarted#2", "a:attemptFailed#2", "g:retryScheduled#2", "a:attemptStarted#3",
                   "a:attemptFailed#3", "a:retryScheduled#4", "a:attemptStarted#4", "a:ended=Succeeded",
                   "g:ended=Succeeded"}));
    QCOMPARE(retryDelays(*snapshot, s("g")), QList<qint64>{50});
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("g"), s("retryScheduled")),
                              findEvent(*snapshot, s("a"), s("attemptStarted"), 3)),
                    50);
    verifyRetryTiming(*snapshot, s("a"));
}

void TestSemanticsRetry::retryAction_data()
{
    QTest::addColumn<QByteArray>("step");
    QTest::addColumn<QList<qint64>>("delays");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("warning");
    QTest::newRow("intervals, the last repeats; then MarkAsFailure by default")
        << QByteArray("{id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Retry, "
                      "spec: {retryCount: 3, retryIntervals: [50ms, 100ms]}}}}]}")
        << QList<qint64>{50, 100, 100} << s("Failed") << false;
    QTest::newRow("no intervals: no wait")
        << QByteArray("{id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Retry, "
                      "spec: {retryCount: 2}}}}]}")
        << QList<qint64>{0, 0} << s("Failed") << false;
    QTest::newRow("onRetryFailure Ignore")
        << QByteArray("{id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Retry, "
                      "spec: {retryCount: 1, retryIntervals: [30ms], onRetryFailure: {action: {type: Ignore}}}}}}]}")
        << QList<qint64>{30} << s("IgnoredFailure") << true;
    QTest::newRow("a success ends it Succeeded")
        << QByteArray("{id: a, type: Fail, spec: {succeedOnAttempt: 3}, failureStrategies: [{onFailure: {errors: "
                      "[AllErrors], action: {type: Retry, spec: {retryCount: 5, retryIntervals: [20ms]}}}}]}")
        << QList<qint64>{20, 20} << s("Succeeded") << false;
}

void TestSemanticsRetry::retryAction()
{
    QFETCH(QByteArray, step);
    QFETCH(QList<qint64>, delays);
    QFETCH(QString, status);
    QFETCH(bool, warning);
    RunHarness harness;
    const auto snapshot = harness.run(oneStep(step));
    QVERIFY(snapshot);
    const NodeState *a = findNode(*snapshot, s("a"));
    QCOMPARE(toString(a->status), status);
    QCOMPARE(a->attempts, int(delays.size()) + 1);
    QCOMPARE(a->warning, warning);
    QCOMPARE(retryDelays(*snapshot, s("a")), delays);
    QStringList trail{s("a:started")};
    for (int n = 1; n <= a->attempts; ++n) {
        if (n > 1)
            trail << QStringLiteral("a:retryScheduled#%1").arg(n);
        trail << QStringLiteral("a:attemptStarted#%1").arg(n);
        if (n < a->attempts || status != QLatin1String("Succeeded"))
            trail << QStringLiteral("a:attemptFailed#%1").arg(n);
    }
    trail << s("a:ended=") + status;
    QCOMPARE(eventTrail(*snapshot, {s("a")}), trail);
    verifyRetryTiming(*snapshot, s("a"));
}

// The strategy matched Connectivity; the retries fail with Unknown and are still retried.
void TestSemanticsRetry::retryActionTakesAnyErrorType()
{
    RunHarness harness;
    const auto snapshot = harness.run(oneStep(exitByAttempt("a", 2, 3, R"(,
              failureStrategies: [{onFailure: {errors: [Connectivity], action: {type: Retry, spec: {retryCount: 2,
                onRetryFailure: {action: {type: MarkAsSuccess}}}}}}])")));
    QVERIFY(snapshot);
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:retryScheduled#2", "a:attemptStarted#2",
                   "a:attemptFailed#2", "a:retryScheduled#3", "a:attemptStarted#3", "a:attemptFailed#3",
                   "a:ended=Succeeded"}));
    QCOMPARE(pw::model::toString(*findEvent(*snapshot, s("a"), s("attemptFailed"), 3)->errorType), s("Unknown"));
    QVERIFY(findNode(*snapshot, s("a"))->warning);
}

void TestSemanticsRetry::interventionRetryAddsOneAttempt()
{
    RunHarness harness;
    int asked = 0;
    harness.answer = [&](const InterventionRequest &) { return ++asked == 1 ? s("Retry") : s("Ignore"); };
    const auto snapshot = harness.run(oneStep(R"({id: a, type: Fail, retry: {type: constant, interval: 10ms, maxAttempts: 2},
              failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: ManualIntervention}}}]})"));
    QVERIFY(snapshot);
    QCOMPARE(asked, 2);
    QCOMPARE(harness.requests.size(), 2);
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:retryScheduled#2", "a:attemptStarted#2",
                   "a:attemptFailed#2", "a:waiting", "a:decided=Retry/user", "a:attemptStarted#3",
                   "a:attemptFailed#3", "a:waiting", "a:decided=Ignore/user", "a:ended=IgnoredFailure"}));
    QCOMPARE(snapshot->interventions.size(), 2);
    QCOMPARE(snapshot->interventions.at(0).decision, s("Retry"));
    QCOMPARE(snapshot->interventions.at(1).decision, s("Ignore"));
}

QTEST_GUILESS_MAIN(TestSemanticsRetry)
#include "tst_semantics_retry.moc"
