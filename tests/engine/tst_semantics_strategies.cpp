// semantics.md "One step" 4c (resolution) and "Actions" (every row and the rules under the
// table).
#include "RunHarness.h"

using namespace pw::engine;

namespace {

QByteArray strategy(const QByteArray &errors, const QByteArray &action)
{
    return "[{onFailure: {errors: [" + errors + "], action: " + action + "}}]";
}

} // namespace

class TestSemanticsStrategies : public QObject
{
    Q_OBJECT
private slots:
    void resolution_data();
    void resolution();
    void action_data();
    void action();
    void pipelineRollbackRunsLanesBeforeTheRest();
    void stageRollbackFromInsideAGroupRunsTheLaneFirst();
    void retryStepGroupCancelsWaitsAndRunsAgain();
    void retryStepGroupExhausted_data();
    void retryStepGroupExhausted();
    void abortWhileAGroupWaitsToRunAgain();
    void stepGroupRollbackTakesTheInnermostGroup();
    void groupActionsOutsideAGroup_data();
    void groupActionsOutsideAGroup();
    void actionsInsideLanes_data();
    void actionsInsideLanes();
};

// Each row: the strategies at each level and the error `a` fails with; a's final status.
void TestSemanticsStrategies::resolution_data()
{
    QTest::addColumn<QByteArray>("stepLevel");
    QTest::addColumn<QByteArray>("innerLevel");
    QTest::addColumn<QByteArray>("outerLevel");
    QTest::addColumn<QByteArray>("stageLevel");
    QTest::addColumn<QByteArray>("pipelineLevel");
    QTest::addColumn<QByteArray>("errorType");
    QTest::addColumn<QString>("status");
    const QByteArray none = "[]";
    const QByteArray ignore = strategy("AllErrors", "{type: Ignore}");
    const QByteArray success = strategy("AllErrors", "{type: MarkAsSuccess}");
    const QByteArray failure = strategy("AllErrors", "{type: MarkAsFailure}");
    QTest::newRow("step first") << ignore << success << success << success << success << QByteArray("Unknown") << s("IgnoredFailure");
    QTest::newRow("innermost group next") << none << ignore << success << success << success << QByteArray("Unknown") << s("IgnoredFailure");
    QTest::newRow("outer group next") << none << none << ignore << success << success << QByteArray("Unknown") << s("IgnoredFailure");
    QTest::newRow("stage next") << none << none << none << ignore << success << QByteArray("Unknown") << s("IgnoredFailure");
    QTest::newRow("pipeline last") << none << none << none << none << ignore << QByteArray("Unknown") << s("IgnoredFailure");
    QTest::newRow("no match anywhere: MarkAsFailure") << strategy("Timeout", "{type: Ignore}") << none << none
                                                      << strategy("Connectivity", "{type: Ignore}") << none
                                                      << QByteArray("Unknown") << s("Failed");
    QTest::newRow("a level without a match is passed over")
        << strategy("Timeout", "{type: MarkAsSuccess}") << strategy("Connectivity, Verification", "{type: MarkAsSuccess}")
        << none << ignore << success << QByteArray("Unknown") << s("IgnoredFailure");
    QTest::newRow("the first level with a match wins, even MarkAsFailure")
        << none << failure << ignore << ignore << ignore << QByteArray("Unknown") << s("Failed");
    const QByteArray ordered = "[{onFailure: {errors: [Connectivity], action: {type: Ignore}}}, "
                               "{onFailure: {errors: [AllErrors], action: {type: MarkAsSuccess}}}, "
                               "{onFailure: {errors: [Unknown], action: {type: Ignore}}}]";
    QTest::newRow("first matching entry: listed type") << ordered << none << none << none << none
                                                       << QByteArray("Connectivity") << s("IgnoredFailure");
    QTest::newRow("first matching entry: AllErrors before a later exact match")
        << ordered << none << none << none << none << QByteArray("Unknown") << s("Succeeded");
    QTest::newRow("several types in one entry") << strategy("Timeout, Authentication", "{type: Ignore}") << none << none
                                                << none << success << QByteArray("Authentication") << s("IgnoredFailure");
}

void TestSemanticsStrategies::resolution()
{
    QFETCH(QByteArray, stepLevel);
    QFETCH(QByteArray, innerLevel);
    QFETCH(QByteArray, outerLevel);
    QFETCH(QByteArray, stageLevel);
    QFETCH(QByteArray, pipelineLevel);
    QFETCH(QByteArray, errorType);
    QFETCH(QString, status);
    RunHarness harness;
    const auto snapshot = harness.run("pipeline:\n  id: p\n  failureStrategies: " + pipelineLevel + R"(
  stages:
    - stage:
        id: s
        failureStrategies: )" + stageLevel + R"(
        steps:
          - stepGroup:
              id: outer
              failureStrategies: )" + outerLevel + R"(
              steps:
                - stepGroup:
                    id: inner
                    failureStrategies: )" + innerLevel + R"(
                    steps:
                      - step: {id: a, type: Fail, spec: {errorType: )" + errorType + "}, failureStrategies: " + stepLevel + "}\n");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, {s("a")}), QStringList{s("a=") + status});
    QCOMPARE(findNode(*snapshot, s("a"))->warning, status != QLatin1String("Failed"));
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, 1);
}

// One pipeline shape, every action taken by `a` (first step of stage s2):
//   s1: x; rollback r1 | s2: a, b, c (Failure), d (All); rollback r2 | s3: e | s4 (All): f
//   pipeline errorHandler: h
void TestSemanticsStrategies::action_data()
{
    QTest::addColumn<QByteArray>("action");
    QTest::addColumn<QStringList>("expected"); // statuses of kNodes
    QTest::addColumn<QStringList>("trail"); // events of a, r1, r2, b, d
    QTest::addColumn<QString>("runStatus");
    QTest::addColumn<bool>("runWarning");

    const QStringList failedTrail = list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed"});
    // Rollback lanes never needed are settled when the run ends (a PipelineRollback could still
    // need them until then).
    const QStringList r1Skipped = list({"r1:skipped", "r1:ended=Skipped"});
    const QStringList r2Skipped = list({"r2:skipped", "r2:ended=Skipped"});
    const QStringList bSkipped = list({"b:skipped", "b:ended=Skipped"});
    const QStringList dRan = list({"d:started", "d:attemptStarted#1", "d:ended=Succeeded"});
    const QStringList bRan = list({"b:started", "b:attemptStarted#1", "b:ended=Succeeded"});
    const QStringList r1Ran = list({"r1:started", "r1:attemptStarted#1", "r1:ended=Succeeded"});
    const QStringList r2Ran = list({"r2:started", "r2:attemptStarted#1", "r2:ended=Succeeded"});

    QTest::newRow("MarkAsFailure") << QByteArray("{type: MarkAsFailure}")
        << list({"s1=Succeeded", "r1=Skipped", "s2=Failed", "a=Failed", "b=Skipped", "c=Succeeded", "d=Succeeded",
                 "r2=Skipped", "s3=Skipped", "s4=Succeeded", "f=Succeeded", "h=Succeeded"})
        << failedTrail + bSkipped + dRan + r1Skipped + r2Skipped << s("Failed") << false;
    QTest::newRow("MarkAsSuccess") << QByteArray("{type: MarkAsSuccess}")
        << list({"s1=Succeeded", "r1=Skipped", "s2=Succeeded", "a=Succeeded", "b=Succeeded", "c=Skipped", "d=Succeeded",
                 "r2=Skipped", "s3=Succeeded", "s4=Succeeded", "f=Succeeded", "h=Skipped"})
        << list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Succeeded"}) + bRan + dRan
            + r1Skipped + r2Skipped
        << s("Succeeded") << true;
    QTest::newRow("Ignore") << QByteArray("{type: Ignore}")
        << list({"s1=Succeeded", "r1=Skipped", "s2=Succeeded", "a=IgnoredFailure", "b=Succeeded", "c=Skipped",
                 "d=Succeeded", "r2=Skipped", "s3=Succeeded", "s4=Succeeded", "f=Succeeded", "h=Skipped"})
        << list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=IgnoredFailure"}) + bRan
            + dRan + r1Skipped + r2Skipped
        << s("Succeeded") << true;
    QTest::newRow("Retry") << QByteArray("{type: Retry, spec: {retryCount: 1}}")
        << list({"s1=Succeeded", "r1=Skipped", "s2=Failed", "a=Failed", "b=Skipped", "c=Succeeded", "d=Succeeded",
                 "r2=Skipped", "s3=Skipped", "s4=Succeeded", "f=Succeeded", "h=Succeeded"})
        << list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:retryScheduled#2",
                 "a:attemptStarted#2", "a:attemptFailed#2", "a:ended=Failed"}) + bSkipped + dRan + r1Skipped + r2Skipped
        << s("Failed") << false;
    QTest::newRow("Abort") << QByteArray("{type: Abort}")
        << list({"s1=Succeeded", "r1=Skipped", "s2=Aborted", "a=Failed", "b=Aborted", "c=Aborted", "d=Aborted",
                 "r2=Skipped", "s3=Aborted", "s4=Aborted", "f=Aborted", "h=Succeeded"})
        << failedTrail + list({"b:cancelled", "b:ended=Aborted", "d:cancelled", "d:ended=Aborted"}) + r1Skipped + r2Skipped
        << s("Aborted") << false;
    QTest::newRow("StageRollback") << QByteArray("{type: StageRollback}")
        << list({"s1=Succeeded", "r1=Skipped", "s2=RolledBack", "a=Failed", "b=Skipped", "c=Skipped", "d=Succeeded",
                 "r2=Succeeded", "s3=Skipped", "s4=Succeeded", "f=Succeeded", "h=Succeeded"})
        << failedTrail + r2Ran + bSkipped + dRan + r1Skipped << s("RolledBack") << false;
    // Every started stage ends RolledBack, s1 too; the lanes run latest stage first, before the
    // rest of the run (documented choice); r1 is needed, so it is never Skipped.
    QTest::newRow("PipelineRollback") << QByteArray("{type: PipelineRollback}")
        << list({"s1=RolledBack", "r1=Succeeded", "s2=RolledBack", "a=Failed", "b=Skipped", "c=Skipped", "d=Succeeded",
                 "r2=Succeeded", "s3=Skipped", "s4=Succeeded", "f=Succeeded", "h=Succeeded"})
        << failedTrail + r2Ran + r1Ran + bSkipped + dRan << s("RolledBack") << false;
    QTest::newRow("ManualIntervention (answered MarkAsSuccess)") << QByteArray("{type: ManualIntervention}")
        << list({"s1=Succeeded", "r1=Skipped", "s2=Succeeded", "a=Succeeded", "b=Succeeded", "c=Skipped", "d=Succeeded",
                 "r2=Skipped", "s3=Succeeded", "s4=Succeeded", "f=Succeeded", "h=Skipped"})
        << list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:waiting",
                 "a:decided=MarkAsSuccess/user", "a:ended=Succeeded"}) + bRan + dRan + r1Skipped + r2Skipped
        << s("Succeeded") << true;
    // Group-only actions on a step in no group are MarkAsFailure.
    QTest::newRow("RetryStepGroup outside a group") << QByteArray("{type: RetryStepGroup, spec: {retryCount: 2}}")
        << list({"s1=Succeeded", "r1=Skipped", "s2=Failed", "a=Failed", "b=Skipped", "c=Succeeded", "d=Succeeded",
                 "r2=Skipped", "s3=Skipped", "s4=Succeeded", "f=Succeeded", "h=Succeeded"})
        << failedTrail + bSkipped + dRan + r1Skipped + r2Skipped << s("Failed") << false;
    QTest::newRow("StepGroupRollback outside a group") << QByteArray("{type: StepGroupRollback}")
        << list({"s1=Succeeded", "r1=Skipped", "s2=Failed", "a=Failed", "b=Skipped", "c=Succeeded", "d=Succeeded",
                 "r2=Skipped", "s3=Skipped", "s4=Succeeded", "f=Succeeded", "h=Succeeded"})
        << failedTrail + bSkipped + dRan + r1Skipped + r2Skipped << s("Failed") << false;
}

void TestSemanticsStrategies::action()
{
    QFETCH(QByteArray, action);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, trail);
    QFETCH(QString, runStatus);
    QFETCH(bool, runWarning);
    RunHarness harness;
    harness.answer = [](const InterventionRequest &) { return s("MarkAsSuccess"); };
    // The action sits at stage level; the group-only ones must not be turned into anything else.
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  errorHandler: [{step: {id: h, type: Echo, spec: {message: hi}}}]
  stages:
    - stage:
        id: s1
        steps: [{step: {id: x, type: Echo, spec: {message: hi}}}]
        rollbackSteps: [{step: {id: r1, type: Echo, spec: {message: undo1}}}]
    - stage:
        id: s2
        failureStrategies: )" + strategy("AllErrors", action) + R"(
        steps:
          - step: {id: a, type: Fail}
          - step: {id: b, type: Echo, spec: {message: hi}}
          - step: {id: c, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
          - step: {id: d, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
        rollbackSteps: [{step: {id: r2, type: Echo, spec: {message: undo2}}}]
    - stage: {id: s3, steps: [{step: {id: e, type: Echo, spec: {message: hi}}}]}
    - stage: {id: s4, when: {pipelineStatus: All}, steps: [{step: {id: f, type: Echo, spec: {message: hi}}}]}
)");
    QVERIFY(snapshot);
    traceIfAsked(*snapshot);
    const QStringList nodes = list({"s1", "r1", "s2", "a", "b", "c", "d", "r2", "s3", "s4", "f", "h"});
    QCOMPARE(statusesOf(*snapshot, nodes), expected);
    QCOMPARE(eventTrail(*snapshot, list({"a", "r1", "r2", "b", "d"})), trail);
    QCOMPARE(toString(snapshot->status), runStatus);
    QCOMPARE(snapshot->warning, runWarning);
    QCOMPARE(findNode(*snapshot, s("a"))->warning, runWarning);
}

// Documented choice: a PipelineRollback runs the rollbackSteps of the started stages (latest
// first), then the rest of the run runs only `All` nodes (the current stage's rest included).
void TestSemanticsStrategies::pipelineRollbackRunsLanesBeforeTheRest()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s1
        steps: [{step: {id: x, type: Echo, spec: {message: hi}}}]
        rollbackSteps: [{step: {id: r1, type: Echo, spec: {message: hi}}}]
    - stage:
        id: s2
        steps: [{step: {id: y, type: Echo, spec: {message: hi}}}]
    - parallel:
        - stage:
            id: s3
            steps:
              - parallel:
                  - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: PipelineRollback}}}]}
                  - step: {id: w, type: Wait, spec: {duration: 5s}}
              - step: {id: d, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
            rollbackSteps: [{step: {id: r3, type: Echo, spec: {message: hi}}}]
        - stage:
            id: s4
            steps: [{step: {id: w4, type: Wait, spec: {duration: 5s}}}]
            rollbackSteps: [{step: {id: r4, type: Echo, spec: {message: hi}}}]
    - stage: {id: s5, when: {pipelineStatus: All}, steps: [{step: {id: f, type: Echo, spec: {message: hi}}}]}
)");
    QVERIFY(snapshot);
    traceIfAsked(*snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"r1", "s3", "a", "w", "d", "r3", "s4", "w4", "r4", "s5", "f"})),
             list({"r1=Succeeded", "s3=RolledBack", "a=Failed", "w=Aborted", "d=Succeeded", "r3=Succeeded",
                   "s4=RolledBack", "w4=Aborted", "r4=Succeeded", "s5=Succeeded", "f=Succeeded"}));
    // Stages that had ended before the rollback are rolled back too ("a stage without any
    // rollbackSteps is just marked").
    QCOMPARE(statusesOf(*snapshot, list({"s1", "s2"})), list({"s1=RolledBack", "s2=RolledBack"}));
    QCOMPARE(eventTrail(*snapshot, {s("r1")}), list({"r1:started", "r1:attemptStarted#1", "r1:ended=Succeeded"}));
    QCOMPARE(toString(snapshot->status), s("RolledBack"));
    // Latest started stage first: s4 and s3 started together (s3 first in the file), then s1.
    QStringList laneOrder;
    for (const RunEvent &event : snapshot->events) {
        if (event.event == QLatin1String("started") && event.node.startsWith(u'r'))
            laneOrder << event.node;
    }
    QCOMPARE(laneOrder, list({"r4", "r3", "r1"}));
    QVERIFY(eventIndex(*snapshot, s("r1"), s("started")) < eventIndex(*snapshot, s("d"), s("started")));
}

// "After a stage rollback the rollback lane runs first, then the rest of the stage with only
// All nodes": also when the failing step sits in a group with more nodes after it.
void TestSemanticsStrategies::stageRollbackFromInsideAGroupRunsTheLaneFirst()
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
              steps:
                - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: StageRollback}}}]}
                - step: {id: c, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
          - step: {id: d, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
        rollbackSteps: [{step: {id: r, type: Echo, spec: {message: hi}}}]
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "a", "r", "d"})),
             list({"s=RolledBack", "a=Failed", "r=Succeeded", "d=Succeeded"}));
    QCOMPARE(toString(snapshot->status), s("RolledBack"));
    QCOMPARE(eventTrail(*snapshot, list({"a", "r", "c", "d"})),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed", "r:started",
                   "r:attemptStarted#1", "r:ended=Succeeded", "c:started", "c:attemptStarted#1", "c:ended=Succeeded",
                   "d:started", "d:attemptStarted#1", "d:ended=Succeeded"}));
}

// f fails at once: w (running) is cancelled, the group waits 100 ms and runs again from its
// first node; f succeeds and w runs to its end.
void TestSemanticsStrategies::retryStepGroupCancelsWaitsAndRunsAgain()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: RetryStepGroup, spec: {retryCount: 2, retryIntervals: [100ms]}}}}]
              steps:
                - step: {id: first, type: Echo, spec: {message: hi}}
                - parallel:
                    - step: {id: f, type: Fail, spec: {succeedOnAttempt: 2}}
                    - step: {id: w, type: Wait, spec: {duration: 150ms}}
)");
    QVERIFY(snapshot);
    traceIfAsked(*snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "g", "first", "f", "w"})),
             list({"s=Succeeded", "g=Succeeded", "first=Succeeded", "f=Succeeded", "w=Succeeded"}));
    QCOMPARE(findNode(*snapshot, s("first"))->attempts, 2);
    QCOMPARE(findNode(*snapshot, s("w"))->attempts, 2);
    QCOMPARE(eventTrail(*snapshot, list({"g", "f", "w"})),
             list({"g:started", "f:started", "f:attemptStarted#1", "w:started", "w:attemptStarted#1",
                   "f:attemptFailed#1", "g:retryScheduled#2", "f:attemptStarted#2", "w:attemptStarted#2",
                   "f:ended=Succeeded", "w:ended=Succeeded", "g:ended=Succeeded"}));
    const RunEvent *scheduled = findEvent(*snapshot, s("g"), s("retryScheduled"));
    QVERIFY(scheduled);
    QCOMPARE(scheduled->delayMs, 100);
    PW_VERIFY_DELAY(msBetween(scheduled, findEvent(*snapshot, s("first"), s("attemptStarted"), 2)), 100);
    // The second execution of w ran its full duration.
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("w"), s("attemptStarted"), 2), findEvent(*snapshot, s("w"), s("ended"))), 150);
    QVERIFY(msBetween(findEvent(*snapshot, s("w"), s("attemptStarted"), 1), scheduled) < 100); // cancelled, not waited for
}

void TestSemanticsStrategies::retryStepGroupExhausted_data()
{
    QTest::addColumn<QByteArray>("onRetryFailure");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("runStatus");
    QTest::newRow("default MarkAsFailure") << QByteArray()
                                           << list({"g=Failed", "a=Succeeded", "f=Failed", "b=Skipped"}) << s("Failed");
    QTest::newRow("Ignore") << QByteArray(", onRetryFailure: {action: {type: Ignore}}")
                            << list({"g=Succeeded", "a=Succeeded", "f=IgnoredFailure", "b=Succeeded"}) << s("Succeeded");
}

void TestSemanticsStrategies::retryStepGroupExhausted()
{
    QFETCH(QByteArray, onRetryFailure);
    QFETCH(QStringList, expected);
    QFETCH(QString, runStatus);
    RunHarness harness;
    // RetryStepGroup from the stage level applies to a step inside a group.
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: RetryStepGroup, spec: {retryCount: 2)" + onRetryFailure + R"(}}}}]
        steps:
          - stepGroup:
              id: g
              steps:
                - step: {id: a, type: Echo, spec: {message: hi}}
                - step: {id: f, type: Fail}
          - step: {id: b, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"g", "a", "f", "b"})), expected);
    QCOMPARE(findNode(*snapshot, s("f"))->attempts, 3);
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, 3);
    const QString fEnd = expected.at(2).section(u'=', 1);
    QCOMPARE(eventTrail(*snapshot, list({"g", "f"})),
             QStringList({s("g:started"), s("f:started"), s("f:attemptStarted#1"), s("f:attemptFailed#1"),
                          s("g:retryScheduled#2"), s("f:attemptStarted#2"), s("f:attemptFailed#2"),
                          s("g:retryScheduled#3"), s("f:attemptStarted#3"), s("f:attemptFailed#3"), s("f:ended=") + fEnd,
                          s("g:ended=") + expected.at(0).section(u'=', 1)}));
    QCOMPARE(toString(snapshot->status), runStatus);
}

// A user abort during the group's retry wait: the run stops at once, nothing is left
// unsettled, and the step that asked for the re-run ends Aborted (never Skipped).
void TestSemanticsStrategies::abortWhileAGroupWaitsToRunAgain()
{
    RunHarness harness;
    harness.abortAfterMs = 150;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: RetryStepGroup, spec: {retryCount: 1, retryIntervals: [2s]}}}}]
              steps:
                - step: {id: a, type: Echo, spec: {message: hi}}
                - step: {id: f, type: Fail}
)");
    QVERIFY(snapshot);
    traceIfAsked(*snapshot);
    QCOMPARE(toString(snapshot->status), s("Aborted"));
    QCOMPARE(statusesOf(*snapshot, list({"s", "g", "a"})), list({"s=Aborted", "g=Aborted", "a=Succeeded"}));
    QCOMPARE(statusesOf(*snapshot, list({"f"})), list({"f=Aborted"}));
    QVERIFY(snapshot->startedAt.msecsTo(snapshot->endedAt) < 150 + kLateToleranceMs);
}

void TestSemanticsStrategies::stepGroupRollbackTakesTheInnermostGroup()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: StepGroupRollback}}}]
        steps:
          - stepGroup:
              id: outer
              steps:
                - stepGroup:
                    id: inner
                    steps: [{step: {id: a, type: Fail}}]
                    rollbackSteps: [{step: {id: ir, type: Echo, spec: {message: hi}}}]
                - step: {id: x, type: Echo, spec: {message: hi}}
              rollbackSteps: [{step: {id: orb, type: Echo, spec: {message: hi}}}]
        rollbackSteps: [{step: {id: sr, type: Echo, spec: {message: hi}}}]
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "outer", "inner", "a", "ir", "x", "orb", "sr"})),
             list({"s=RolledBack", "outer=Succeeded", "inner=RolledBack", "a=Failed", "ir=Succeeded", "x=Skipped",
                   "orb=Skipped", "sr=Skipped"}));
    QCOMPARE(toString(snapshot->status), s("RolledBack"));
}

void TestSemanticsStrategies::groupActionsOutsideAGroup_data()
{
    QTest::addColumn<QByteArray>("level"); // "pipeline" or "stage"
    QTest::addColumn<QByteArray>("action");
    QTest::newRow("stage RetryStepGroup") << QByteArray("stage") << QByteArray("{type: RetryStepGroup, spec: {retryCount: 2}}");
    QTest::newRow("stage StepGroupRollback") << QByteArray("stage") << QByteArray("{type: StepGroupRollback}");
    QTest::newRow("pipeline RetryStepGroup") << QByteArray("pipeline") << QByteArray("{type: RetryStepGroup, spec: {retryCount: 2}}");
    QTest::newRow("pipeline StepGroupRollback") << QByteArray("pipeline") << QByteArray("{type: StepGroupRollback}");
    QTest::newRow("onTimeout StepGroupRollback")
        << QByteArray("stage") << QByteArray("{type: ManualIntervention, spec: {timeout: 50ms, onTimeout: {action: {type: StepGroupRollback}}}}");
}

void TestSemanticsStrategies::groupActionsOutsideAGroup()
{
    QFETCH(QByteArray, level);
    QFETCH(QByteArray, action);
    const QByteArray list_ = strategy("AllErrors", action);
    RunHarness harness;
    const auto snapshot = harness.run("pipeline:\n  id: p\n  failureStrategies: " + (level == "pipeline" ? list_ : QByteArray("[]"))
                                      + "\n  stages:\n    - stage:\n        id: s\n        failureStrategies: "
                                      + (level == "stage" ? list_ : QByteArray("[]")) + R"(
        steps:
          - step: {id: a, type: Fail}
          - step: {id: b, type: Echo, spec: {message: hi}}
        rollbackSteps: [{step: {id: r, type: Echo, spec: {message: hi}}}]
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "a", "b", "r"})), list({"s=Failed", "a=Failed", "b=Skipped", "r=Skipped"}));
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, 1);
    QCOMPARE(toString(snapshot->status), s("Failed"));
    if (!harness.requests.isEmpty())
        QCOMPARE(harness.requests.first().onTimeout, s("MarkAsFailure"));
}

// Rollback and retry-group actions in a rollback or handler lane are MarkAsFailure; the lane's
// failure leaves the run's status alone and sets its warning. Other actions work as usual.
void TestSemanticsStrategies::actionsInsideLanes_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("runStatus");
    QTest::addColumn<bool>("runWarning");

    const QByteArray rollbackMain = R"(pipeline:
  id: p
  stages:
    - stage:
        id: s0
        steps: [{step: {id: x, type: Echo, spec: {message: hi}}}]
        rollbackSteps: [{step: {id: r0, type: Echo, spec: {message: hi}}}]
    - stage:
        id: s
        steps:
          - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: StageRollback}}}]}
        rollbackSteps:
)";
    QTest::newRow("rollback step: PipelineRollback") << rollbackMain + R"(          - step: {id: r, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: PipelineRollback}}}]}
          - step: {id: r2, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
)" << list({"s0", "r0", "s", "r", "r2"}) << list({"s0=Succeeded", "r0=Skipped", "s=RolledBack", "r=Failed", "r2=Succeeded"})
                                                     << s("RolledBack") << true;
    QTest::newRow("rollback step: StageRollback") << rollbackMain + R"(          - step: {id: r, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: StageRollback}}}]}
          - step: {id: r2, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
)" << list({"s0", "r0", "s", "r", "r2"}) << list({"s0=Succeeded", "r0=Skipped", "s=RolledBack", "r=Failed", "r2=Succeeded"})
                                                  << s("RolledBack") << true;
    QTest::newRow("rollback step: Retry works") << rollbackMain + R"(          - step: {id: r, type: Fail, spec: {succeedOnAttempt: 2}, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Retry, spec: {retryCount: 1}}}}]}
          - step: {id: r2, type: Echo, spec: {message: hi}}
)" << list({"s0", "r0", "s", "r", "r2"}) << list({"s0=Succeeded", "r0=Skipped", "s=RolledBack", "r=Succeeded", "r2=Succeeded"})
                                                << s("RolledBack") << false;
    // The group-only actions come from the stage (a step's own list may not hold them here).
    QTest::newRow("group handler step: RetryStepGroup and StepGroupRollback") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        failureStrategies:
          - onFailure: {errors: [Unknown], action: {type: RetryStepGroup, spec: {retryCount: 3}}}
          - onFailure: {errors: [Timeout], action: {type: StepGroupRollback}}
        steps:
          - stepGroup:
              id: g
              steps: [{step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: MarkAsFailure}}}]}}]
              rollbackSteps: [{step: {id: gr, type: Echo, spec: {message: hi}}}]
              errorHandler:
                - step: {id: h1, type: Fail}
                - step: {id: h2, type: Fail, spec: {errorType: Timeout}, when: {stageStatus: All}}
)") << list({"s", "g", "a", "gr", "h1", "h2"}) << list({"s=Failed", "g=Failed", "a=Failed", "gr=Skipped", "h1=Failed", "h2=Failed"})
                                                                              << s("Failed") << true;
    QTest::newRow("pipeline handler step: PipelineRollback") << QByteArray(R"(pipeline:
  id: p
  errorHandler:
    - step: {id: h, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: PipelineRollback}}}]}
  stages:
    - stage:
        id: s
        steps: [{step: {id: a, type: Fail}}]
        rollbackSteps: [{step: {id: r, type: Echo, spec: {message: hi}}}]
)") << list({"s", "a", "r", "h"}) << list({"s=Failed", "a=Failed", "r=Skipped", "h=Failed"}) << s("Failed") << true;
}

void TestSemanticsStrategies::actionsInsideLanes()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, nodes);
    QFETCH(QStringList, expected);
    QFETCH(QString, runStatus);
    QFETCH(bool, runWarning);
    RunHarness harness;
    const auto snapshot = harness.run(yaml);
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, nodes), expected);
    QCOMPARE(toString(snapshot->status), runStatus);
    QCOMPARE(snapshot->warning, runWarning);
    for (const NodeState &node : snapshot->nodes) // no group re-ran, nothing rolled back twice
        QVERIFY2(node.attempts <= 2, qPrintable(node.id));
}

QTEST_GUILESS_MAIN(TestSemanticsStrategies)
#include "tst_semantics_strategies.moc"
