// semantics.md "Failure policy (parallel branches)": failFast and finishRunning.
#include "RunHarness.h"

using namespace pw::engine;

class TestSemanticsFailurePolicy : public QObject
{
    Q_OBJECT
private slots:
    void failFastCancelsRunningAndQueuedSiblings();
    void failFastOnAFailedGroup();
    void failFastNotForIgnoredFailures();
    void failFastWhenASiblingFailsByItsCondition();
    void finishRunningLetsSiblingsEnd();
};

// a and w hold the two slots, q waits for one. When a ends Failed, q is still queued: it
// must be cancelled without ever starting.
void TestSemanticsFailurePolicy::failFastCancelsRunningAndQueuedSiblings()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 2
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Fail}
              - step: {id: w, type: Wait, spec: {duration: 5s}}
              - step: {id: q, type: Wait, spec: {duration: 5s}}
          - step: {id: b, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "a", "w", "q", "b"})),
             list({"s=Failed", "a=Failed", "w=Aborted", "q=Aborted", "b=Skipped"}));
    QCOMPARE(eventTrail(*snapshot, list({"w"})), list({"w:started", "w:attemptStarted#1", "w:cancelled", "w:ended=Aborted"}));
    QVERIFY(msBetween(findEvent(*snapshot, s("a"), s("ended")), findEvent(*snapshot, s("w"), s("ended"))) < kLateToleranceMs);
    QCOMPARE(eventTrail(*snapshot, list({"q"})), list({"q:cancelled", "q:ended=Aborted"}));
    QCOMPARE(findNode(*snapshot, s("q"))->attempts, 0);
}

void TestSemanticsFailurePolicy::failFastOnAFailedGroup()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - stepGroup: {id: g1, steps: [{step: {id: a, type: Fail}}]}
              - stepGroup: {id: g2, steps: [{step: {id: w, type: Wait, spec: {duration: 5s}}}, {step: {id: n, type: Echo, spec: {message: hi}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "g1", "a", "g2", "w", "n"})),
             list({"s=Failed", "g1=Failed", "a=Failed", "g2=Aborted", "w=Aborted", "n=Aborted"}));
    QCOMPARE(eventTrail(*snapshot, list({"g2", "w", "n"})),
             list({"g2:started", "w:started", "w:attemptStarted#1", "w:cancelled", "w:ended=Aborted", "n:cancelled",
                   "n:ended=Aborted", "g2:ended=Aborted"}));
}

void TestSemanticsFailurePolicy::failFastNotForIgnoredFailures()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Fail, catch: e}
              - step: {id: i, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Ignore}}}]}
              - step: {id: w, type: Wait, spec: {duration: 100ms}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "a", "i", "w"})),
             list({"s=Succeeded", "a=IgnoredFailure", "i=IgnoredFailure", "w=Succeeded"}));
}

// `a` ends Failed by its condition when the block starts: failFast cancels its siblings.
void TestSemanticsFailurePolicy::failFastWhenASiblingFailsByItsCondition()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Echo, spec: {message: hi}, when: {condition: "nope.x"}}
              - step: {id: w, type: Wait, spec: {duration: 300ms}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"a"})), list({"a=Failed"}));
    QCOMPARE(statusesOf(*snapshot, list({"w"})), list({"w=Aborted"}));
    QCOMPARE(statusesOf(*snapshot, list({"s"})), list({"s=Failed"}));
}

void TestSemanticsFailurePolicy::finishRunningLetsSiblingsEnd()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  failurePolicy: finishRunning
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Fail}
              - step: {id: w, type: Wait, spec: {duration: 150ms}}
              - stepGroup: {id: g, steps: [{step: {id: w2, type: Wait, spec: {duration: 50ms}}}, {step: {id: n, type: Echo, spec: {message: hi}}}]}
          - step: {id: b, type: Echo, spec: {message: hi}}
          - step: {id: c, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
)");
    QVERIFY(snapshot);
    // n is in g, whose own "so far" is the stage's: a had failed when n came up.
    QCOMPARE(statusesOf(*snapshot, list({"s", "a", "w", "g", "w2", "n", "b", "c"})),
             list({"s=Failed", "a=Failed", "w=Succeeded", "g=Succeeded", "w2=Succeeded", "n=Skipped", "b=Skipped",
                   "c=Succeeded"}));
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("w"), s("attemptStarted")), findEvent(*snapshot, s("w"), s("ended"))), 150);
    QVERIFY(eventIndex(*snapshot, s("w"), s("ended")) < eventIndex(*snapshot, s("b"), s("skipped")));
}

QTEST_GUILESS_MAIN(TestSemanticsFailurePolicy)
#include "tst_semantics_failure_policy.moc"
