// semantics.md "Conditional execution (`when`)": after a rollback or an abort, the lanes'
// own "so far", `condition` and its errors, skipped containers.
#include "RunHarness.h"

using namespace pw::engine;

class TestSemanticsWhenRules : public QObject
{
    Q_OBJECT
private slots:
    void afterStageRollbackOnlyAll();
    void afterGroupRollbackOnlyAll();
    void afterAbortOnlyPipelineErrorHandler_data();
    void afterAbortOnlyPipelineErrorHandler();
    void rollbackLaneHasItsOwnSoFar();
    void errorHandlerLanesHaveTheirOwnSoFar();
    void condition_data();
    void condition();
    void conditionErrorFailsTheNode_data();
    void conditionErrorFailsTheNode();
    void skippedContainerSkipsEverythingInside();
};

void TestSemanticsWhenRules::afterStageRollbackOnlyAll()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s1
        steps:
          - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: StageRollback}}}]}
          - step: {id: b, type: Echo, spec: {message: hi}}
          - step: {id: c, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
          - step: {id: d, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
        rollbackSteps:
          - step: {id: r, type: Echo, spec: {message: undo}}
    - stage: {id: t1, steps: [{step: {id: e, type: Echo, spec: {message: hi}}}]}
    - stage: {id: t2, when: {pipelineStatus: Failure}, steps: [{step: {id: f, type: Echo, spec: {message: hi}}}]}
    - stage: {id: t3, when: {pipelineStatus: All}, steps: [{step: {id: g, type: Echo, spec: {message: hi}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s1", "a", "b", "c", "d", "r", "t1", "t2", "t3", "g"})),
             list({"s1=RolledBack", "a=Failed", "b=Skipped", "c=Skipped", "d=Succeeded", "r=Succeeded", "t1=Skipped",
                   "t2=Skipped", "t3=Succeeded", "g=Succeeded"}));
    // The lane first, then the rest of the stage.
    QCOMPARE(eventTrail(*snapshot, list({"a", "r", "b", "c", "d"})),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed", "r:started",
                   "r:attemptStarted#1", "r:ended=Succeeded", "b:skipped", "b:ended=Skipped", "c:skipped",
                   "c:ended=Skipped", "d:started", "d:attemptStarted#1", "d:ended=Succeeded"}));
    QCOMPARE(toString(snapshot->status), s("RolledBack"));
}

void TestSemanticsWhenRules::afterGroupRollbackOnlyAll()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s1
        steps:
          - stepGroup:
              id: grp
              steps:
                - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: StepGroupRollback}}}]}
                - step: {id: a2, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
              rollbackSteps:
                - step: {id: r, type: Echo, spec: {message: undo}}
          - step: {id: b, type: Echo, spec: {message: hi}}
          - step: {id: c, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
          - step: {id: d, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
    - stage: {id: t1, steps: [{step: {id: e, type: Echo, spec: {message: hi}}}]}
    - stage: {id: t2, when: {pipelineStatus: Failure}, steps: [{step: {id: f, type: Echo, spec: {message: hi}}}]}
    - stage: {id: t3, when: {pipelineStatus: All}, steps: [{step: {id: g, type: Echo, spec: {message: hi}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s1", "grp", "a", "r", "a2", "b", "c", "d", "t1", "t2", "t3"})),
             list({"s1=RolledBack", "grp=RolledBack", "a=Failed", "r=Succeeded", "a2=Succeeded", "b=Skipped",
                   "c=Skipped", "d=Succeeded", "t1=Skipped", "t2=Skipped", "t3=Succeeded"}));
    QCOMPARE(eventTrail(*snapshot, list({"a", "r", "a2", "grp"})),
             list({"grp:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed",
                   "r:started", "r:attemptStarted#1", "r:ended=Succeeded", "a2:started", "a2:attemptStarted#1",
                   "a2:ended=Succeeded", "grp:ended=RolledBack"}));
    QCOMPARE(toString(snapshot->status), s("RolledBack"));
}

void TestSemanticsWhenRules::afterAbortOnlyPipelineErrorHandler_data()
{
    QTest::addColumn<QByteArray>("cause"); // the first step of s1
    QTest::addColumn<QByteArray>("pipelineExtra");
    QTest::addColumn<int>("abortMs");
    QTest::addColumn<QString>("runStatus");
    QTest::newRow("Abort action") << QByteArray(
        "{id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Abort}}}]}")
                                  << QByteArray() << -1 << s("Aborted");
    QTest::newRow("user abort") << QByteArray("{id: a, type: Wait, spec: {duration: 5s}}") << QByteArray() << 100
                                << s("Aborted");
    QTest::newRow("run timeout") << QByteArray("{id: a, type: Wait, spec: {duration: 5s}}")
                                 << QByteArray("  timeout: 100ms\n") << -1 << s("Failed");
}

void TestSemanticsWhenRules::afterAbortOnlyPipelineErrorHandler()
{
    QFETCH(QByteArray, cause);
    QFETCH(QByteArray, pipelineExtra);
    QFETCH(int, abortMs);
    QFETCH(QString, runStatus);
    RunHarness harness;
    if (abortMs >= 0)
        harness.abortAfterMs = abortMs;
    const auto snapshot = harness.run("pipeline:\n  id: p\n" + pipelineExtra + R"(  errorHandler:
    - step: {id: h1, type: Echo, spec: {message: hi}}
    - step: {id: h2, type: Echo, spec: {message: hi}, when: {stageStatus: Success}}
  stages:
    - stage:
        id: s1
        steps:
          - step: )" + cause + R"(
          - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
          - stepGroup:
              id: g
              when: {stageStatus: All}
              steps: [{step: {id: c, type: Echo, spec: {message: hi}}}]
              errorHandler: [{step: {id: gh, type: Echo, spec: {message: hi}}}]
        errorHandler:
          - step: {id: sh, type: Echo, spec: {message: hi}}
    - stage:
        id: s2
        when: {pipelineStatus: All}
        steps: [{step: {id: d, type: Echo, spec: {message: hi}}}]
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s1", "a", "b", "g", "c", "gh", "sh", "s2", "d", "h1", "h2"})),
             list({"s1=Aborted", abortMs >= 0 || !pipelineExtra.isEmpty() ? "a=Aborted" : "a=Failed", "b=Aborted",
                   "g=Aborted", "c=Aborted", "gh=Skipped", "sh=Skipped", "s2=Aborted", "d=Aborted", "h1=Succeeded",
                   "h2=Succeeded"}));
    QCOMPARE(eventTrail(*snapshot, list({"b", "g", "c", "s2", "d", "h1"})),
             list({"b:cancelled", "b:ended=Aborted", "g:cancelled", "g:ended=Aborted", "c:cancelled", "c:ended=Aborted",
                   "s2:cancelled", "s2:ended=Aborted", "d:cancelled", "d:ended=Aborted", "h1:started",
                   "h1:attemptStarted#1", "h1:ended=Succeeded"}));
    QCOMPARE(toString(snapshot->status), runStatus);
}

void TestSemanticsWhenRules::rollbackLaneHasItsOwnSoFar()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: x, type: Fail, catch: e}
          - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: StageRollback}}}]}
        rollbackSteps:
          - step: {id: r1, type: Echo, spec: {message: hi}}
          - step: {id: r2, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
          - step: {id: r3, type: Fail}
          - step: {id: r4, type: Echo, spec: {message: hi}}
          - step: {id: r5, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "r1", "r2", "r3", "r4", "r5"})),
             list({"s=RolledBack", "r1=Succeeded", "r2=Skipped", "r3=Failed", "r4=Skipped", "r5=Succeeded"}));
    QCOMPARE(eventTrail(*snapshot, list({"r1", "r2", "r3", "r4", "r5"})),
             list({"r1:started", "r1:attemptStarted#1", "r1:ended=Succeeded", "r2:skipped", "r2:ended=Skipped",
                   "r3:started", "r3:attemptStarted#1", "r3:attemptFailed#1", "r3:ended=Failed", "r4:skipped",
                   "r4:ended=Skipped", "r5:started", "r5:attemptStarted#1", "r5:ended=Succeeded"}));
    QCOMPARE(toString(snapshot->status), s("RolledBack"));
    QVERIFY(snapshot->warning);
}

void TestSemanticsWhenRules::errorHandlerLanesHaveTheirOwnSoFar()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  errorHandler:
    - step: {id: p1, type: Echo, spec: {message: hi}}
    - step: {id: p2, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
  stages:
    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              steps: [{step: {id: a, type: Fail}}]
              errorHandler:
                - step: {id: g1, type: Echo, spec: {message: hi}}
                - step: {id: g2, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
        errorHandler:
          - step: {id: h1, type: Echo, spec: {message: hi}}
          - step: {id: h2, type: Fail}
          - step: {id: h3, type: Echo, spec: {message: hi}}
          - step: {id: h4, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"g", "g1", "g2", "s", "h1", "h2", "h3", "h4", "p1", "p2"})),
             list({"g=Failed", "g1=Succeeded", "g2=Skipped", "s=Failed", "h1=Succeeded", "h2=Failed", "h3=Skipped",
                   "h4=Succeeded", "p1=Succeeded", "p2=Skipped"}));
    QCOMPARE(toString(snapshot->status), s("Failed"));
}

// Each row: the `when` of y, whether x failed before, and y's status.
void TestSemanticsWhenRules::condition_data()
{
    QTest::addColumn<QByteArray>("when");
    QTest::addColumn<bool>("failBefore");
    QTest::addColumn<QString>("expected");
    QTest::newRow("true") << QByteArray("{condition: 'true'}") << false << s("y=Succeeded");
    QTest::newRow("false") << QByteArray("{condition: 'false'}") << false << s("y=Skipped");
    QTest::newRow("over inputs, true") << QByteArray("{condition: \"inputs.env == 'dev'\"}") << false << s("y=Succeeded");
    QTest::newRow("over inputs, false") << QByteArray("{condition: \"inputs.env == 'prod'\"}") << false << s("y=Skipped");
    QTest::newRow("over steps") << QByteArray("{condition: \"steps.x.outputs.message == 'hi'\"}") << false << s("y=Succeeded");
    QTest::newRow("status rule no, condition true") << QByteArray("{condition: 'true'}") << true << s("y=Skipped");
    QTest::newRow("status rule yes, condition false") << QByteArray("{stageStatus: Failure, condition: 'false'}") << true
                                                      << s("y=Skipped");
    QTest::newRow("status rule yes, condition true") << QByteArray("{stageStatus: All, condition: 'steps.x.attempts == 1'}")
                                                     << true << s("y=Succeeded");
}

void TestSemanticsWhenRules::condition()
{
    QFETCH(QByteArray, when);
    QFETCH(bool, failBefore);
    QFETCH(QString, expected);
    RunHarness harness;
    const QByteArray x = failBefore ? "{id: x, type: Fail}" : "{id: x, type: Echo, spec: {message: hi}}";
    const auto snapshot = harness.run("pipeline:\n  id: p\n  inputs: [{id: env, default: dev}]\n  stages:\n"
                                      "    - stage:\n        id: s\n        steps:\n          - step: " + x + "\n"
                                      "          - step: {id: y, type: Echo, spec: {message: hi}, when: " + when + "}\n");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, {s("y")}), QStringList{expected});
}

void TestSemanticsWhenRules::conditionErrorFailsTheNode_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("failed"); // the node failed by its condition
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<QStringList>("expectedStatuses");
    QTest::newRow("step") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Echo, spec: {message: hi}, when: {condition: "nope.x == 1"}}
          - step: {id: b, type: Echo, spec: {message: hi}}
          - step: {id: c, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
)") << s("a") << list({"s", "a", "b", "c"}) << list({"s=Failed", "a=Failed", "b=Skipped", "c=Succeeded"});
    QTest::newRow("group") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              when: {condition: "nope.x == 1"}
              steps: [{step: {id: a, type: Echo, spec: {message: hi}}}]
          - step: {id: b, type: Echo, spec: {message: hi}}
)") << s("g") << list({"s", "g", "a", "b"}) << list({"s=Failed", "g=Failed", "a=Skipped", "b=Skipped"});
    QTest::newRow("stage") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        when: {condition: "nope.x == 1"}
        steps: [{step: {id: a, type: Echo, spec: {message: hi}}}]
    - stage: {id: t, steps: [{step: {id: b, type: Echo, spec: {message: hi}}}]}
    - stage: {id: u, when: {pipelineStatus: Failure}, steps: [{step: {id: c, type: Echo, spec: {message: hi}}}]}
)") << s("s") << list({"s", "a", "t", "u"}) << list({"s=Failed", "a=Skipped", "t=Skipped", "u=Succeeded"});
}

void TestSemanticsWhenRules::conditionErrorFailsTheNode()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, failed);
    QFETCH(QStringList, nodes);
    QFETCH(QStringList, expectedStatuses);
    RunHarness harness;
    const auto snapshot = harness.run(yaml);
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, nodes), expectedStatuses);
    const NodeState *node = findNode(*snapshot, failed);
    QVERIFY(node && node->error);
    QCOMPARE(pw::model::toString(node->error->type), s("Unknown"));
    QVERIFY2(node->error->message.contains(QLatin1String("nope.x")), qPrintable(node->error->message));
    QCOMPARE(eventTrail(*snapshot, {failed}), QStringList{failed + s(":ended=Failed")});
    QCOMPARE(toString(snapshot->status), s("Failed"));
}

void TestSemanticsWhenRules::skippedContainerSkipsEverythingInside()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        when: {condition: "false"}
        steps:
          - parallel:
              - step: {id: a, type: Echo, spec: {message: hi}}
              - stepGroup:
                  id: g
                  steps: [{step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: All}}}]
                  rollbackSteps: [{step: {id: gr, type: Echo, spec: {message: hi}}}]
        rollbackSteps: [{step: {id: r, type: Echo, spec: {message: hi}}}]
        errorHandler: [{step: {id: h, type: Echo, spec: {message: hi}}}]
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "a", "g", "b", "gr", "r", "h"})),
             list({"s=Skipped", "a=Skipped", "g=Skipped", "b=Skipped", "gr=Skipped", "r=Skipped", "h=Skipped"}));
    QCOMPARE(eventTrail(*snapshot, list({"s", "a", "g", "b"})),
             list({"s:skipped", "s:ended=Skipped", "a:skipped", "a:ended=Skipped", "g:skipped", "g:ended=Skipped",
                   "b:skipped", "b:ended=Skipped"}));
    QCOMPARE(toString(snapshot->status), s("Succeeded"));
}

QTEST_GUILESS_MAIN(TestSemanticsWhenRules)
#include "tst_semantics_when_rules.moc"
