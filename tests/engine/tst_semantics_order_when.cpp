// semantics.md "Order", and the status rules of "Conditional execution (`when`)".
#include "RunHarness.h"

using namespace pw::engine;

namespace {

// The largest number of steps Running at once, from attemptStarted/ended events.
int peakRunning(const RunSnapshot &snapshot)
{
    int running = 0;
    int peak = 0;
    for (const RunEvent &event : snapshot.events) {
        const NodeState *node = findNode(snapshot, event.node);
        if (!node || node->kind != NodeKind::Step)
            continue;
        if (event.event == QLatin1String("attemptStarted"))
            peak = std::max(peak, ++running);
        else if (event.event == QLatin1String("ended") && node->startedAt.isValid())
            --running;
    }
    return peak;
}

} // namespace

class TestSemanticsOrderWhen : public QObject
{
    Q_OBJECT
private slots:
    void stagesRunInFileOrder();
    void parallelStagesStartTogether();
    void parallelItemsStartTogetherAndBlockWaitsForAll();
    void nodesRunInOrderInsideStagesAndGroups();
    void maxParallelLimitsRunningSteps_data();
    void maxParallelLimitsRunningSteps();
    void queuedStepsGoInFileOrder();
    void queuedStepsGoInFileOrderAtAHandOver();
    void retryingAndWaitingStepsHoldNoSlot_data();
    void retryingAndWaitingStepsHoldNoSlot();
    void stageStatus_data();
    void stageStatus();
    void pipelineStatus_data();
    void pipelineStatus();
    void parallelItemsCheckedTogether_data();
    void parallelItemsCheckedTogether();
    void parallelStagesCheckedTogether();
};

void TestSemanticsOrderWhen::stagesRunInFileOrder()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage: {id: s1, steps: [{step: {id: a, type: Wait, spec: {duration: 30ms}}}]}
    - stage: {id: s2, steps: [{step: {id: b, type: Echo, spec: {message: hi}}}]}
    - stage: {id: s3, steps: [{step: {id: c, type: Wait, spec: {duration: 10ms}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(eventTrail(*snapshot, list({"s1", "s2", "s3"})),
             list({"s1:started", "s1:ended=Succeeded", "s2:started", "s2:ended=Succeeded", "s3:started",
                   "s3:ended=Succeeded"}));
    QCOMPARE(toString(snapshot->status), s("Succeeded"));
}

void TestSemanticsOrderWhen::parallelStagesStartTogether()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - parallel:
        - stage: {id: s1, steps: [{step: {id: a, type: Wait, spec: {duration: 200ms}}}]}
        - stage: {id: s2, steps: [{step: {id: b, type: Wait, spec: {duration: 100ms}}}]}
    - stage: {id: s3, steps: [{step: {id: c, type: Echo, spec: {message: hi}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(eventTrail(*snapshot, list({"s1", "s2", "s3"})),
             list({"s1:started", "s2:started", "s2:ended=Succeeded", "s1:ended=Succeeded", "s3:started",
                   "s3:ended=Succeeded"}));
    QVERIFY(msBetween(findEvent(*snapshot, s("a"), s("attemptStarted")), findEvent(*snapshot, s("b"), s("attemptStarted")))
            < 50);
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("a"), s("attemptStarted")), findEvent(*snapshot, s("s3"), s("started"))),
                    200);
}

void TestSemanticsOrderWhen::parallelItemsStartTogetherAndBlockWaitsForAll()
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
              - step: {id: a, type: Wait, spec: {duration: 250ms}}
              - step: {id: b, type: Wait, spec: {duration: 50ms}}
              - stepGroup:
                  id: g
                  steps:
                    - step: {id: c, type: Wait, spec: {duration: 70ms}}
                    - step: {id: d, type: Wait, spec: {duration: 50ms}}
          - step: {id: e, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    QCOMPARE(eventTrail(*snapshot, list({"a", "b", "g", "c", "d", "e"})),
             list({"g:started", "a:started", "a:attemptStarted#1", "b:started", "b:attemptStarted#1", "c:started",
                   "c:attemptStarted#1", "b:ended=Succeeded", "c:ended=Succeeded", "d:started", "d:attemptStarted#1",
                   "d:ended=Succeeded", "g:ended=Succeeded", "a:ended=Succeeded", "e:started", "e:attemptStarted#1",
                   "e:ended=Succeeded"}));
    const RunEvent *aStart = findEvent(*snapshot, s("a"), s("attemptStarted"));
    QVERIFY(msBetween(aStart, findEvent(*snapshot, s("c"), s("attemptStarted"))) < 50);
    PW_VERIFY_DELAY(msBetween(aStart, findEvent(*snapshot, s("e"), s("attemptStarted"))), 250);
}

void TestSemanticsOrderWhen::nodesRunInOrderInsideStagesAndGroups()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Wait, spec: {duration: 20ms}}
          - stepGroup:
              id: g
              steps:
                - step: {id: b, type: Echo, spec: {message: hi}}
                - step: {id: c, type: Wait, spec: {duration: 20ms}}
          - step: {id: d, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    QCOMPARE(eventTrail(*snapshot),
             list({"s:started", "a:started", "a:attemptStarted#1", "a:ended=Succeeded", "g:started", "b:started",
                   "b:attemptStarted#1", "b:ended=Succeeded", "c:started", "c:attemptStarted#1", "c:ended=Succeeded",
                   "g:ended=Succeeded", "d:started", "d:attemptStarted#1", "d:ended=Succeeded", "s:ended=Succeeded"}));
}

void TestSemanticsOrderWhen::maxParallelLimitsRunningSteps_data()
{
    QTest::addColumn<int>("maxParallel");
    QTest::addColumn<bool>("fromRequest"); // RunRequest::maxParallel overrides the file's
    QTest::newRow("1") << 1 << false;
    QTest::newRow("2") << 2 << false;
    QTest::newRow("3 (override)") << 3 << true;
}

void TestSemanticsOrderWhen::maxParallelLimitsRunningSteps()
{
    QFETCH(int, maxParallel);
    QFETCH(bool, fromRequest);
    RunHarness harness;
    if (fromRequest)
        harness.maxParallel = maxParallel;
    const QByteArray yaml = QByteArray("pipeline:\n  id: p\n  maxParallel: ")
        + QByteArray::number(fromRequest ? 1 : maxParallel) + R"(
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Wait, spec: {duration: 100ms}}
              - step: {id: b, type: Wait, spec: {duration: 100ms}}
              - step: {id: c, type: Wait, spec: {duration: 100ms}}
              - step: {id: d, type: Wait, spec: {duration: 100ms}}
)";
    const auto snapshot = harness.run(yaml);
    QVERIFY(snapshot);
    QCOMPARE(peakRunning(*snapshot), maxParallel);
    const int waves = (4 + maxParallel - 1) / maxParallel;
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("a"), s("attemptStarted")), findEvent(*snapshot, s("s"), s("ended"))),
                    100 * waves);
    QCOMPARE(toString(snapshot->status), s("Succeeded"));
}

// With one slot, `a` runs and `c` waits for it. The approval holds no slot; when it times
// out (auto-approved), g2 asks for a slot after c did, but comes first in the file: when `a`
// ends, g2 goes first.
void TestSemanticsOrderWhen::queuedStepsGoInFileOrder()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 1
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Wait, spec: {duration: 200ms}}
              - stepGroup:
                  id: g
                  steps:
                    - step:
                        id: ap
                        type: Approval
                        timeout: 50ms
                        spec: {message: go}
                        failureStrategies: [{onFailure: {errors: [Timeout], action: {type: MarkAsSuccess}}}]
                    - step: {id: g2, type: Echo, spec: {message: hi}}
              - step: {id: c, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    QStringList starts;
    for (const RunEvent &event : snapshot->events) {
        if (event.event == QLatin1String("attemptStarted"))
            starts << event.node;
    }
    QCOMPARE(starts, list({"ap", "a", "g2", "c"})); // an approval needs no slot
    QVERIFY(eventIndex(*snapshot, s("ap"), s("ended")) < eventIndex(*snapshot, s("a"), s("ended")));
    QCOMPARE(peakRunning(*snapshot), 2); // a and the approval (which holds no slot)
}

// With one slot: when g1 ends, its successor g2 (earlier in the file than c) takes the slot
// before c, which has been waiting longer.
void TestSemanticsOrderWhen::queuedStepsGoInFileOrderAtAHandOver()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 1
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Wait, spec: {duration: 50ms}}
              - stepGroup:
                  id: g
                  steps:
                    - step: {id: g1, type: Echo, spec: {message: hi}}
                    - step: {id: g2, type: Echo, spec: {message: hi}}
              - step: {id: c, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    QStringList starts;
    for (const RunEvent &event : snapshot->events) {
        if (event.event == QLatin1String("attemptStarted"))
            starts << event.node;
    }
    QCOMPARE(starts, list({"a", "g1", "g2", "c"}));
}

void TestSemanticsOrderWhen::retryingAndWaitingStepsHoldNoSlot_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QString>("resumeEvent"); // the event of `a` that must come after b ended
    QTest::newRow("Retrying") << QByteArray(
        "              - step: {id: a, type: Fail, spec: {succeedOnAttempt: 2}, retry: {type: constant, interval: 300ms, maxAttempts: 2}}\n")
                              << s("attemptStarted");
    QTest::newRow("Waiting (intervention)") << QByteArray(
        "              - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: "
        "ManualIntervention, spec: {timeout: 300ms, onTimeout: {action: {type: MarkAsSuccess}}}}}}]}\n")
                                            << s("decided");
    QTest::newRow("Waiting (approval)") << QByteArray(
        "              - step: {id: a, type: Approval, timeout: 300ms, spec: {message: go}, failureStrategies: "
        "[{onFailure: {errors: [Timeout], action: {type: MarkAsSuccess}}}]}\n")
                                        << s("decided");
}

void TestSemanticsOrderWhen::retryingAndWaitingStepsHoldNoSlot()
{
    QFETCH(QByteArray, first);
    QFETCH(QString, resumeEvent);
    RunHarness harness;
    const auto snapshot = harness.run(QByteArray(R"(pipeline:
  id: p
  maxParallel: 1
  stages:
    - stage:
        id: s
        steps:
          - parallel:
)") + first + "              - step: {id: b, type: Wait, spec: {duration: 100ms}}\n");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"a", "b"})), list({"a=Succeeded", "b=Succeeded"}));
    // b ran while a was Retrying / Waiting, and a's next move came after b ended.
    QVERIFY(eventIndex(*snapshot, s("b"), s("ended")) < eventIndex(*snapshot, s("a"), resumeEvent, 2 * int(resumeEvent == QLatin1String("attemptStarted"))));
    const RunEvent *aFirst = findEvent(*snapshot, s("a"), s("attemptStarted"));
    QVERIFY(msBetween(aFirst, findEvent(*snapshot, s("b"), s("attemptStarted"))) < 50);
    QVERIFY(msBetween(aFirst, findEvent(*snapshot, s("b"), s("ended"))) < 250);
}

// Each row: whether an earlier step of the stage failed (and how), the `when` of `y`, and
// whether y runs.
void TestSemanticsOrderWhen::stageStatus_data()
{
    QTest::addColumn<QByteArray>("earlier");
    QTest::addColumn<QByteArray>("when");
    QTest::addColumn<QString>("expected");
    const QByteArray ok = "{id: x, type: Echo, spec: {message: hi}}";
    const QByteArray failed = "{id: x, type: Fail}";
    const QByteArray caught = "{id: x, type: Fail, catch: e}";
    const QByteArray skipped = "{id: x, type: Fail, when: {condition: 'false'}}";
    QTest::newRow("default after success") << ok << QByteArray("{}") << s("y=Succeeded");
    QTest::newRow("default after failure") << failed << QByteArray("{}") << s("y=Skipped");
    QTest::newRow("Success after success") << ok << QByteArray("{stageStatus: Success}") << s("y=Succeeded");
    QTest::newRow("Success after failure") << failed << QByteArray("{stageStatus: Success}") << s("y=Skipped");
    QTest::newRow("Failure after success") << ok << QByteArray("{stageStatus: Failure}") << s("y=Skipped");
    QTest::newRow("Failure after failure") << failed << QByteArray("{stageStatus: Failure}") << s("y=Succeeded");
    QTest::newRow("All after success") << ok << QByteArray("{stageStatus: All}") << s("y=Succeeded");
    QTest::newRow("All after failure") << failed << QByteArray("{stageStatus: All}") << s("y=Succeeded");
    QTest::newRow("IgnoredFailure is no failure (Success)") << caught << QByteArray("{stageStatus: Success}") << s("y=Succeeded");
    QTest::newRow("IgnoredFailure is no failure (Failure)") << caught << QByteArray("{stageStatus: Failure}") << s("y=Skipped");
    QTest::newRow("Skipped is no failure") << skipped << QByteArray("{stageStatus: Failure}") << s("y=Skipped");
}

void TestSemanticsOrderWhen::stageStatus()
{
    QFETCH(QByteArray, earlier);
    QFETCH(QByteArray, when);
    QFETCH(QString, expected);
    RunHarness harness;
    // The failure sits in a group, so "the stage so far" also sees nodes inside groups.
    const auto snapshot = harness.run("pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n"
                                      "          - stepGroup: {id: g, steps: [{step: " + earlier + "}]}\n"
                                      "          - step: {id: y, type: Echo, spec: {message: hi}, when: " + when + "}\n");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, {s("y")}), QStringList{expected});
    QCOMPARE(eventTrail(*snapshot, {s("y")}).last(), s("y:ended=") + expected.section(u'=', 1));
}

void TestSemanticsOrderWhen::pipelineStatus_data()
{
    QTest::addColumn<QByteArray>("earlier");
    QTest::addColumn<QByteArray>("when");
    QTest::addColumn<QString>("expected");
    const QByteArray ok = "{id: x, type: Echo, spec: {message: hi}}";
    const QByteArray failed = "{id: x, type: Fail}";
    const QByteArray caught = "{id: x, type: Fail, catch: e}";
    QTest::newRow("default after success") << ok << QByteArray("{}") << s("t=Succeeded");
    QTest::newRow("default after failure") << failed << QByteArray("{}") << s("t=Skipped");
    QTest::newRow("Success after failure") << failed << QByteArray("{pipelineStatus: Success}") << s("t=Skipped");
    QTest::newRow("Failure after success") << ok << QByteArray("{pipelineStatus: Failure}") << s("t=Skipped");
    QTest::newRow("Failure after failure") << failed << QByteArray("{pipelineStatus: Failure}") << s("t=Succeeded");
    QTest::newRow("All after success") << ok << QByteArray("{pipelineStatus: All}") << s("t=Succeeded");
    QTest::newRow("All after failure") << failed << QByteArray("{pipelineStatus: All}") << s("t=Succeeded");
    QTest::newRow("IgnoredFailure is no failure") << caught << QByteArray("{pipelineStatus: Failure}") << s("t=Skipped");
}

void TestSemanticsOrderWhen::pipelineStatus()
{
    QFETCH(QByteArray, earlier);
    QFETCH(QByteArray, when);
    QFETCH(QString, expected);
    RunHarness harness;
    const auto snapshot = harness.run("pipeline:\n  id: p\n  stages:\n"
                                      "    - stage: {id: s, steps: [{step: " + earlier + "}]}\n"
                                      "    - stage: {id: t, when: " + when + ", steps: [{step: {id: y, type: Echo, spec: {message: hi}}}]}\n");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, {s("t")}), QStringList{expected});
    const QString yStatus = expected.endsWith(QLatin1String("Skipped")) ? s("y=Skipped") : s("y=Succeeded");
    QCOMPARE(statusesOf(*snapshot, {s("y")}), QStringList{yStatus});
}

void TestSemanticsOrderWhen::parallelItemsCheckedTogether_data()
{
    QTest::addColumn<int>("maxParallel");
    QTest::newRow("maxParallel 1") << 1;
    QTest::newRow("maxParallel 4") << 4;
}

// `a` fails at once, but b and c were decided when the block started: nothing had failed.
void TestSemanticsOrderWhen::parallelItemsCheckedTogether()
{
    QFETCH(int, maxParallel);
    RunHarness harness;
    harness.maxParallel = maxParallel;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  failurePolicy: finishRunning
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Fail}
              - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
              - step: {id: c, type: Echo, spec: {message: hi}}
              - step: {id: d, type: Echo, spec: {message: hi}, when: {condition: "(steps.a ? steps.a.status : 'Pending') != 'Failed'"}}
          - step: {id: e, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"a", "b", "c", "d", "e", "s"})),
             list({"a=Failed", "b=Skipped", "c=Succeeded", "d=Succeeded", "e=Succeeded", "s=Failed"}));
    QCOMPARE(eventTrail(*snapshot, list({"b"})), list({"b:skipped", "b:ended=Skipped"}));
    QCOMPARE(eventTrail(*snapshot, list({"c"})), list({"c:started", "c:attemptStarted#1", "c:ended=Succeeded"}));
    QCOMPARE(eventTrail(*snapshot, list({"d"})), list({"d:started", "d:attemptStarted#1", "d:ended=Succeeded"}));
    // Both were decided before `a` failed, whatever the slots.
    QVERIFY(eventIndex(*snapshot, s("b"), s("skipped")) < eventIndex(*snapshot, s("a"), s("attemptFailed")));
}

void TestSemanticsOrderWhen::parallelStagesCheckedTogether()
{
    RunHarness harness;
    harness.maxParallel = 1;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  failurePolicy: finishRunning
  stages:
    - parallel:
        - stage: {id: s1, steps: [{step: {id: a, type: Fail}}]}
        - stage: {id: s2, when: {pipelineStatus: Failure}, steps: [{step: {id: b, type: Echo, spec: {message: hi}}}]}
        - stage: {id: s3, steps: [{step: {id: c, type: Echo, spec: {message: hi}}}]}
    - stage: {id: s4, when: {pipelineStatus: Failure}, steps: [{step: {id: d, type: Echo, spec: {message: hi}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s1", "s2", "b", "s3", "c", "s4", "d"})),
             list({"s1=Failed", "s2=Skipped", "b=Skipped", "s3=Succeeded", "c=Succeeded", "s4=Succeeded", "d=Succeeded"}));
    QCOMPARE(toString(snapshot->status), s("Failed"));
}

QTEST_GUILESS_MAIN(TestSemanticsOrderWhen)
#include "tst_semantics_order_when.moc"
