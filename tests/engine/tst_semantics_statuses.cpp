// semantics.md "Statuses": every final status row and what every node carries.
#include "RunHarness.h"

using namespace pw::engine;

class TestSemanticsStatuses : public QObject
{
    Q_OBJECT
private slots:
    void finalStatus_data();
    void finalStatus();
    void runTimeoutGivesRunningStepsTimeoutError();
    void nodesCarryTheirState();
};

// Each row: one pipeline, the nodes to look at, their final statuses, their events in order,
// the nodes with a warning, and the run's status. abortMs >= 0: a user abort then.
void TestSemanticsStatuses::finalStatus_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("abortMs");
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<QStringList>("expectedStatuses");
    QTest::addColumn<QStringList>("expectedTrail");
    QTest::addColumn<QStringList>("expectedWarnings");
    QTest::addColumn<QString>("runStatus");

    QTest::newRow("Succeeded: done") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Echo, spec: {message: hi}}
)") << -1 << list({"s", "a"}) << list({"s=Succeeded", "a=Succeeded"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "a:ended=Succeeded", "s:ended=Succeeded"})
        << QStringList() << s("Succeeded");

    QTest::newRow("Succeeded: MarkAsSuccess") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step:
              id: a
              type: Fail
              failureStrategies:
                - onFailure: {errors: [AllErrors], action: {type: MarkAsSuccess}}
          - step: {id: b, type: Echo, spec: {message: hi}}
)") << -1 << list({"s", "a", "b"}) << list({"s=Succeeded", "a=Succeeded", "b=Succeeded"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Succeeded",
                 "b:started", "b:attemptStarted#1", "b:ended=Succeeded", "s:ended=Succeeded"})
        << list({"s", "a"}) << s("Succeeded");

    QTest::newRow("IgnoredFailure: Ignore") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step:
              id: a
              type: Fail
              failureStrategies:
                - onFailure: {errors: [AllErrors], action: {type: Ignore}}
          - step: {id: b, type: Echo, spec: {message: hi}}
)") << -1 << list({"s", "a", "b"}) << list({"s=Succeeded", "a=IgnoredFailure", "b=Succeeded"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=IgnoredFailure",
                 "b:started", "b:attemptStarted#1", "b:ended=Succeeded", "s:ended=Succeeded"})
        << list({"s", "a"}) << s("Succeeded");

    QTest::newRow("IgnoredFailure: catch") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Fail, catch: err}
          - step: {id: b, type: Echo, spec: {message: hi}}
)") << -1 << list({"s", "a", "b"}) << list({"s=Succeeded", "a=IgnoredFailure", "b=Succeeded"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=IgnoredFailure",
                 "b:started", "b:attemptStarted#1", "b:ended=Succeeded", "s:ended=Succeeded"})
        << list({"s", "a"}) << s("Succeeded");

    QTest::newRow("Failed: MarkAsFailure") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step:
              id: a
              type: Fail
              failureStrategies:
                - onFailure: {errors: [AllErrors], action: {type: MarkAsFailure}}
          - step: {id: b, type: Echo, spec: {message: hi}}
)") << -1 << list({"s", "a", "b"}) << list({"s=Failed", "a=Failed", "b=Skipped"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed",
                 "b:skipped", "b:ended=Skipped", "s:ended=Failed"})
        << QStringList() << s("Failed");

    QTest::newRow("Failed: the default") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Fail}
)") << -1 << list({"s", "a"}) << list({"s=Failed", "a=Failed"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed",
                 "s:ended=Failed"})
        << QStringList() << s("Failed");

    QTest::newRow("Failed: retries exhausted") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Fail, retry: {type: constant, interval: 10ms, maxAttempts: 2}}
)") << -1 << list({"s", "a"}) << list({"s=Failed", "a=Failed"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:retryScheduled#2",
                 "a:attemptStarted#2", "a:attemptFailed#2", "a:ended=Failed", "s:ended=Failed"})
        << QStringList() << s("Failed");

    QTest::newRow("Failed: step that triggered Abort; Aborted: never started") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step:
              id: a
              type: Fail
              failureStrategies:
                - onFailure: {errors: [AllErrors], action: {type: Abort}}
          - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
    - stage:
        id: t
        when: {pipelineStatus: All}
        steps:
          - step: {id: c, type: Echo, spec: {message: hi}}
)") << -1 << list({"s", "a", "b", "t", "c"})
        << list({"s=Aborted", "a=Failed", "b=Aborted", "t=Aborted", "c=Aborted"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed",
                 "b:cancelled", "b:ended=Aborted", "s:ended=Aborted", "t:cancelled", "t:ended=Aborted",
                 "c:cancelled", "c:ended=Aborted"})
        << QStringList() << s("Aborted");

    QTest::newRow("Failed: step that triggered StageRollback; Skipped after rollback") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step:
              id: a
              type: Fail
              failureStrategies:
                - onFailure: {errors: [AllErrors], action: {type: StageRollback}}
          - step: {id: b, type: Echo, spec: {message: hi}}
        rollbackSteps:
          - step: {id: r, type: Echo, spec: {message: undo}}
)") << -1 << list({"s", "a", "b", "r"}) << list({"s=RolledBack", "a=Failed", "b=Skipped", "r=Succeeded"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed",
                 "r:started", "r:attemptStarted#1", "r:ended=Succeeded", "b:skipped", "b:ended=Skipped",
                 "s:ended=RolledBack"})
        << QStringList() << s("RolledBack");

    QTest::newRow("Skipped: when condition false") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Echo, spec: {message: hi}, when: {condition: "1 == 2"}}
          - step: {id: b, type: Echo, spec: {message: hi}}
)") << -1 << list({"s", "a", "b"}) << list({"s=Succeeded", "a=Skipped", "b=Succeeded"})
        << list({"s:started", "a:skipped", "a:ended=Skipped", "b:started", "b:attemptStarted#1", "b:ended=Succeeded",
                 "s:ended=Succeeded"})
        << QStringList() << s("Succeeded");

    QTest::newRow("Aborted: running sibling of an Abort") << QByteArray(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step:
                  id: a
                  type: Fail
                  failureStrategies:
                    - onFailure: {errors: [AllErrors], action: {type: Abort}}
              - step: {id: w, type: Wait, spec: {duration: 5s}}
)") << -1 << list({"s", "a", "w"}) << list({"s=Aborted", "a=Failed", "w=Aborted"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "w:started", "w:attemptStarted#1",
                 "a:attemptFailed#1", "a:ended=Failed", "w:cancelled", "w:ended=Aborted", "s:ended=Aborted"})
        << QStringList() << s("Aborted");

    QTest::newRow("Aborted: user abort") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: w, type: Wait, spec: {duration: 5s}}
          - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
)") << 100 << list({"s", "w", "b"}) << list({"s=Aborted", "w=Aborted", "b=Aborted"})
        << list({"s:started", "w:started", "w:attemptStarted#1", "w:cancelled", "w:ended=Aborted",
                 "b:cancelled", "b:ended=Aborted", "s:ended=Aborted"})
        << QStringList() << s("Aborted");

    QTest::newRow("Aborted: run timeout") << QByteArray(R"(pipeline:
  id: p
  timeout: 100ms
  stages:
    - stage:
        id: s
        steps:
          - step: {id: w, type: Wait, spec: {duration: 5s}}
          - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
)") << -1 << list({"s", "w", "b"}) << list({"s=Aborted", "w=Aborted", "b=Aborted"})
        << list({"s:started", "w:started", "w:attemptStarted#1", "w:cancelled", "w:ended=Aborted",
                 "b:cancelled", "b:ended=Aborted", "s:ended=Aborted"})
        << QStringList() << s("Failed");

    QTest::newRow("Aborted: failFast, running sibling") << QByteArray(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Fail}
              - step: {id: w, type: Wait, spec: {duration: 5s}}
)") << -1 << list({"s", "a", "w"}) << list({"s=Failed", "a=Failed", "w=Aborted"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "w:started", "w:attemptStarted#1",
                 "a:attemptFailed#1", "a:ended=Failed", "w:cancelled", "w:ended=Aborted", "s:ended=Failed"})
        << QStringList() << s("Failed");

    // An Approval holds no slot, so with maxParallel 1 `w1` runs and `w2` is queued when the
    // approval times out.
    QTest::newRow("Aborted: failFast, running and queued siblings") << QByteArray(R"(pipeline:
  id: p
  maxParallel: 1
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: ap, type: Approval, timeout: 100ms, spec: {message: "ok"}}
              - step: {id: w1, type: Wait, spec: {duration: 5s}}
              - step: {id: w2, type: Wait, spec: {duration: 5s}}
)") << -1 << list({"s", "ap", "w1", "w2"}) << list({"s=Failed", "ap=Failed", "w1=Aborted", "w2=Aborted"})
        << list({"s:started", "ap:started", "ap:attemptStarted#1", "ap:waiting", "w1:started", "w1:attemptStarted#1",
                 "ap:decided=Timeout/timeout", "ap:attemptFailed#1", "ap:ended=Failed", "w2:cancelled",
                 "w2:ended=Aborted", "w1:cancelled", "w1:ended=Aborted", "s:ended=Failed"})
        << QStringList() << s("Failed");

    QTest::newRow("Aborted: cancelled by a rollback") << QByteArray(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step:
                  id: a
                  type: Fail
                  failureStrategies:
                    - onFailure: {errors: [AllErrors], action: {type: StageRollback}}
              - step: {id: w, type: Wait, spec: {duration: 5s}}
        rollbackSteps:
          - step: {id: r, type: Echo, spec: {message: undo}}
)") << -1 << list({"s", "a", "w", "r"}) << list({"s=RolledBack", "a=Failed", "w=Aborted", "r=Succeeded"})
        << list({"s:started", "a:started", "a:attemptStarted#1", "w:started", "w:attemptStarted#1",
                 "a:attemptFailed#1", "a:ended=Failed", "w:cancelled", "w:ended=Aborted", "r:started",
                 "r:attemptStarted#1", "r:ended=Succeeded", "s:ended=RolledBack"})
        << QStringList() << s("RolledBack");

    QTest::newRow("RolledBack: group and its stage") << QByteArray(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              steps:
                - step:
                    id: a
                    type: Fail
                    failureStrategies:
                      - onFailure: {errors: [AllErrors], action: {type: StepGroupRollback}}
                - step: {id: c, type: Echo, spec: {message: hi}}
              rollbackSteps:
                - step: {id: gr, type: Echo, spec: {message: undo}}
          - step: {id: b, type: Echo, spec: {message: hi}}
          - step: {id: d, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
)") << -1 << list({"s", "g", "a", "c", "gr", "b", "d"})
        << list({"s=RolledBack", "g=RolledBack", "a=Failed", "c=Skipped", "gr=Succeeded", "b=Skipped", "d=Succeeded"})
        << list({"s:started", "g:started", "a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed",
                 "gr:started", "gr:attemptStarted#1", "gr:ended=Succeeded", "c:skipped", "c:ended=Skipped",
                 "g:ended=RolledBack", "b:skipped", "b:ended=Skipped", "d:started", "d:attemptStarted#1",
                 "d:ended=Succeeded", "s:ended=RolledBack"})
        << QStringList() << s("RolledBack");
}

void TestSemanticsStatuses::finalStatus()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, abortMs);
    QFETCH(QStringList, nodes);
    QFETCH(QStringList, expectedStatuses);
    QFETCH(QStringList, expectedTrail);
    QFETCH(QStringList, expectedWarnings);
    QFETCH(QString, runStatus);

    RunHarness harness;
    if (abortMs >= 0)
        harness.abortAfterMs = abortMs;
    const auto snapshot = harness.run(yaml);
    QVERIFY(snapshot);
    traceIfAsked(*snapshot);
    QCOMPARE(statusesOf(*snapshot, nodes), expectedStatuses);
    QCOMPARE(eventTrail(*snapshot, nodes), expectedTrail);
    QCOMPARE(warningNodes(*snapshot), expectedWarnings);
    QCOMPARE(toString(snapshot->status), runStatus);
    // `ended` once per node, last of its events.
    for (const QString &id : std::as_const(nodes)) {
        const QStringList own = eventTrail(*snapshot, {id});
        QVERIFY2(!own.isEmpty() && own.last().startsWith(id + QStringLiteral(":ended=")), qPrintable(id));
        QCOMPARE(own.filter(QRegularExpression(QStringLiteral(":ended="))).size(), 1);
    }
}

void TestSemanticsStatuses::runTimeoutGivesRunningStepsTimeoutError()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  timeout: 150ms
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: w1, type: Wait, spec: {duration: 5s}}
              - step: {id: w2, type: Wait, spec: {duration: 5s}}
          - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
)");
    QVERIFY(snapshot);
    QCOMPARE(toString(snapshot->status), QStringLiteral("Failed"));
    QCOMPARE(statusesOf(*snapshot, {QStringLiteral("w1"), QStringLiteral("w2"), QStringLiteral("b")}),
             QStringList({QStringLiteral("w1=Aborted"), QStringLiteral("w2=Aborted"), QStringLiteral("b=Aborted")}));
    for (const char *id : {"w1", "w2"}) {
        const NodeState *node = findNode(*snapshot, QString::fromUtf8(id));
        QVERIFY(node && node->error);
        QCOMPARE(pw::model::toString(node->error->type), QStringLiteral("Timeout"));
        QCOMPARE(node->attempts, 1);
        // The run's timeout counts from the run's start.
        PW_VERIFY_DELAY(snapshot->startedAt.msecsTo(findEvent(*snapshot, node->id, QStringLiteral("ended"))->at), 150);
    }
    QVERIFY(!findNode(*snapshot, QStringLiteral("b"))->error);
    QVERIFY(snapshot->error);
    QCOMPARE(pw::model::toString(snapshot->error->type), QStringLiteral("Timeout"));
}

// attempts, warning, error (of the last failure), outputs, times, cloned; kind, parents, role.
void TestSemanticsStatuses::nodesCarryTheirState()
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
                - step: {id: a, type: Shell, spec: {command: "if [ {{ attempt }} -eq 1 ]; then exit 2; fi; exit 1", exitCodes: {"2": Connectivity}}, retry: {type: constant, interval: 10ms, maxAttempts: 2}, catch: e}
                - step: {id: b, type: Echo, spec: {message: out}}
                - step: {id: c, type: Echo, spec: {message: x}, when: {condition: "false"}}
        rollbackSteps: [{step: {id: r, type: Echo, spec: {message: hi}}}]
)");
    QVERIFY(snapshot);
    const NodeState *a = findNode(*snapshot, s("a"));
    QCOMPARE(a->attempts, 2);
    QVERIFY(a->warning);
    QVERIFY(a->error);
    QCOMPARE(pw::model::toString(a->error->type), s("Unknown")); // the last failure, not the first
    QCOMPARE(a->error->message, s("exit code 1"));
    QVERIFY(!a->cloned);
    QVERIFY(a->startedAt.isValid() && a->endedAt.isValid() && a->startedAt <= a->endedAt);
    QCOMPARE(a->parents, list({"s", "g"}));
    QVERIFY(a->kind == NodeKind::Step && a->role == NodeRole::Main);
    QCOMPARE(a->stage, s("s"));
    const NodeState *b = findNode(*snapshot, s("b"));
    QCOMPARE(b->outputs, (QVariantMap{{s("message"), s("out")}}));
    QVERIFY(!b->error);
    QCOMPARE(b->attempts, 1);
    const NodeState *c = findNode(*snapshot, s("c"));
    QCOMPARE(c->attempts, 0);
    QVERIFY(!c->startedAt.isValid() && c->endedAt.isValid());
    const NodeState *g = findNode(*snapshot, s("g"));
    QVERIFY(g->kind == NodeKind::Group && g->warning && g->startedAt <= a->startedAt && g->endedAt >= b->endedAt);
    QVERIFY(findNode(*snapshot, s("r"))->role == NodeRole::Rollback);
    QVERIFY(findNode(*snapshot, s("s"))->kind == NodeKind::Stage);
}

QTEST_GUILESS_MAIN(TestSemanticsStatuses)
#include "tst_semantics_statuses.moc"
