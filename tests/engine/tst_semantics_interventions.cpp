// semantics.md "Manual intervention and approvals".
#include "RunHarness.h"

#include <QThread>

using namespace pw::engine;

namespace {

const QStringList kOutsideGroup = list({"MarkAsSuccess", "Ignore", "Retry", "Abort", "StageRollback", "MarkAsFailure",
                                        "PipelineRollback"});
const QStringList kInsideGroup = kOutsideGroup + list({"StepGroupRollback", "RetryStepGroup"});

QByteArray intervention(const QByteArray &spec = QByteArray())
{
    return "[{onFailure: {errors: [AllErrors], action: {type: ManualIntervention" + (spec.isEmpty() ? QByteArray() : ", spec: " + spec) + "}}}]";
}

} // namespace

class TestSemanticsInterventions : public QObject
{
    Q_OBJECT
private slots:
    void requestFields_data();
    void requestFields();
    void decidedByUser_data();
    void decidedByUser();
    void decidedByTimeout_data();
    void decidedByTimeout();
    void lateDecisionIsRefused();
    void secondDecisionIsRefused();
    void decisionAfterTheDeadlineIsRefused();
    void decisionNotAllowedIsRefused();
    void approvalApproved();
    void approvalRejected();
    void approvalNotAnswered_data();
    void approvalNotAnswered();
    void otherBranchesGoOnWhileAStepWaits();
    void cancellingAWaitingStepClosesItsRequest();
};

void TestSemanticsInterventions::requestFields_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<bool>("inGroup");
    QTest::addColumn<qint64>("timeoutMs");
    QTest::addColumn<QString>("onTimeout");
    QTest::addColumn<QStringList>("allowed");
    QTest::newRow("defaults, outside a group") << QByteArray() << false << qint64(86400000) << s("MarkAsFailure") << kOutsideGroup;
    QTest::newRow("inside a group") << QByteArray("{timeout: 30m, onTimeout: {action: {type: StageRollback}}}") << true
                                    << qint64(1800000) << s("StageRollback") << kInsideGroup;
    QTest::newRow("onTimeout Ignore") << QByteArray("{timeout: 2h, onTimeout: {action: {type: Ignore}}}") << false
                                      << qint64(7200000) << s("Ignore") << kOutsideGroup;
}

void TestSemanticsInterventions::requestFields()
{
    QFETCH(QByteArray, spec);
    QFETCH(bool, inGroup);
    QFETCH(qint64, timeoutMs);
    QFETCH(QString, onTimeout);
    QFETCH(QStringList, allowed);
    RunHarness harness;
    harness.answer = [](const InterventionRequest &) { return s("Ignore"); };
    const QByteArray step = "{id: a, type: Fail, spec: {errorType: Connectivity, message: no route}, failureStrategies: "
        + intervention(spec) + "}";
    const QByteArray steps = inGroup ? QByteArray("          - stepGroup: {id: g, steps: [{step: " + step + "}]}\n")
                                     : QByteArray("          - step: " + step + "\n");
    const auto snapshot = harness.run("pipeline:\n  id: p\n  stages:\n    - stage:\n        id: deploy\n        steps:\n" + steps);
    QVERIFY(snapshot);
    QCOMPARE(harness.requests.size(), 1);
    const InterventionRequest &r = harness.requests.first();
    QVERIFY(!r.id.isEmpty());
    QCOMPARE(r.runId, snapshot->runId);
    QVERIFY(r.kind == RequestKind::Intervention);
    QCOMPARE(r.step, s("a"));
    QCOMPARE(r.stage, s("deploy"));
    QVERIFY(r.errorType);
    QCOMPARE(pw::model::toString(*r.errorType), s("Connectivity"));
    QCOMPARE(r.errorMessage, s("no route"));
    QCOMPARE(r.allowedDecisions, allowed);
    QVERIFY(r.requestedAt.isValid() && r.deadline.isValid());
    const qint64 window = r.requestedAt.msecsTo(r.deadline);
    QVERIFY2(window <= timeoutMs && window >= timeoutMs - 50, qPrintable(QString::number(window)));
    QCOMPARE(r.onTimeout, onTimeout);
    // The request and its outcome are recorded.
    QCOMPARE(snapshot->interventions.size(), 1);
    const InterventionRecord &record = snapshot->interventions.first();
    QCOMPARE(record.request.id, r.id);
    QCOMPARE(record.decision, s("Ignore"));
    QCOMPARE(record.by, s("user"));
    QVERIFY(record.decidedAt.isValid() && record.decidedAt >= r.requestedAt);
    QCOMPARE(toString(findNode(*snapshot, s("a"))->status), s("IgnoredFailure"));
}

// The pipeline: stage s { group g { a (fails once, asks), c }, b, d (All) }, rollback lanes
// gr (group) and sr (stage), pipeline errorHandler h. Each row: one decision.
void TestSemanticsInterventions::decidedByUser_data()
{
    QTest::addColumn<QString>("decision");
    QTest::addColumn<QStringList>("expected"); // s, g, a, c, gr, b, d, sr, h
    QTest::addColumn<int>("attempts");
    QTest::addColumn<QString>("runStatus");
    QTest::newRow("MarkAsSuccess") << s("MarkAsSuccess")
        << list({"s=Succeeded", "g=Succeeded", "a=Succeeded", "c=Succeeded", "gr=Skipped", "b=Succeeded", "d=Succeeded",
                 "sr=Skipped", "h=Skipped"}) << 1 << s("Succeeded");
    QTest::newRow("Ignore") << s("Ignore")
        << list({"s=Succeeded", "g=Succeeded", "a=IgnoredFailure", "c=Succeeded", "gr=Skipped", "b=Succeeded",
                 "d=Succeeded", "sr=Skipped", "h=Skipped"}) << 1 << s("Succeeded");
    QTest::newRow("Retry") << s("Retry")
        << list({"s=Succeeded", "g=Succeeded", "a=Succeeded", "c=Succeeded", "gr=Skipped", "b=Succeeded", "d=Succeeded",
                 "sr=Skipped", "h=Skipped"}) << 2 << s("Succeeded");
    QTest::newRow("Abort") << s("Abort")
        << list({"s=Aborted", "g=Aborted", "a=Failed", "c=Aborted", "gr=Skipped", "b=Aborted", "d=Aborted",
                 "sr=Skipped", "h=Succeeded"}) << 1 << s("Aborted");
    QTest::newRow("MarkAsFailure") << s("MarkAsFailure")
        << list({"s=Failed", "g=Failed", "a=Failed", "c=Skipped", "gr=Skipped", "b=Skipped", "d=Succeeded",
                 "sr=Skipped", "h=Succeeded"}) << 1 << s("Failed");
    QTest::newRow("StageRollback") << s("StageRollback")
        << list({"s=RolledBack", "g=Aborted", "a=Failed", "c=Skipped", "gr=Skipped", "b=Skipped", "d=Succeeded",
                 "sr=Succeeded", "h=Succeeded"}) << 1 << s("RolledBack");
    QTest::newRow("PipelineRollback") << s("PipelineRollback")
        << list({"s=RolledBack", "g=Aborted", "a=Failed", "c=Skipped", "gr=Skipped", "b=Skipped", "d=Succeeded",
                 "sr=Succeeded", "h=Succeeded"}) << 1 << s("RolledBack");
    QTest::newRow("StepGroupRollback") << s("StepGroupRollback")
        << list({"s=RolledBack", "g=RolledBack", "a=Failed", "c=Skipped", "gr=Succeeded", "b=Skipped", "d=Succeeded",
                 "sr=Skipped", "h=Succeeded"}) << 1 << s("RolledBack");
    QTest::newRow("RetryStepGroup") << s("RetryStepGroup")
        << list({"s=Succeeded", "g=Succeeded", "a=Succeeded", "c=Succeeded", "gr=Skipped", "b=Succeeded", "d=Succeeded",
                 "sr=Skipped", "h=Skipped"}) << 2 << s("Succeeded");
}

void TestSemanticsInterventions::decidedByUser()
{
    QFETCH(QString, decision);
    QFETCH(QStringList, expected);
    QFETCH(int, attempts);
    QFETCH(QString, runStatus);
    RunHarness harness;
    harness.answer = [&](const InterventionRequest &) { return decision; };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  errorHandler: [{step: {id: h, type: Echo, spec: {message: hi}}}]
  stages:
    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              steps:
                - step: {id: a, type: Fail, spec: {succeedOnAttempt: 2}, failureStrategies: )" + intervention() + R"(}
                - step: {id: c, type: Echo, spec: {message: hi}}
              rollbackSteps: [{step: {id: gr, type: Echo, spec: {message: hi}}}]
          - step: {id: b, type: Echo, spec: {message: hi}}
          - step: {id: d, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
        rollbackSteps: [{step: {id: sr, type: Echo, spec: {message: hi}}}]
)");
    QVERIFY(snapshot);
    QCOMPARE(harness.requests.size(), 1);
    QCOMPARE(statusesOf(*snapshot, list({"s", "g", "a", "c", "gr", "b", "d", "sr", "h"})), expected);
    QCOMPARE(findNode(*snapshot, s("a"))->attempts, attempts);
    const QStringList trail = eventTrail(*snapshot, {s("a")});
    QCOMPARE(trail.mid(0, 5), QStringList({s("a:started"), s("a:attemptStarted#1"), s("a:attemptFailed#1"), s("a:waiting"),
                                           s("a:decided=") + decision + s("/user")}));
    QCOMPARE(trail.last(), s("a:ended=") + expected.at(2).section(u'=', 1));
    QCOMPARE(toString(snapshot->status), runStatus);
    QCOMPARE(snapshot->interventions.size(), 1);
    QCOMPARE(snapshot->interventions.first().decision, decision);
    QCOMPARE(snapshot->interventions.first().by, s("user"));
}

void TestSemanticsInterventions::decidedByTimeout_data()
{
    QTest::addColumn<QByteArray>("onTimeout");
    QTest::addColumn<QString>("applied");
    QTest::addColumn<QString>("status");
    QTest::newRow("default MarkAsFailure") << QByteArray() << s("MarkAsFailure") << s("Failed");
    QTest::newRow("Ignore") << QByteArray(", onTimeout: {action: {type: Ignore}}") << s("Ignore") << s("IgnoredFailure");
    QTest::newRow("MarkAsSuccess") << QByteArray(", onTimeout: {action: {type: MarkAsSuccess}}") << s("MarkAsSuccess") << s("Succeeded");
    QTest::newRow("Retry") << QByteArray(", onTimeout: {action: {type: Retry, spec: {retryCount: 1}}}") << s("Retry") << s("Failed");
}

void TestSemanticsInterventions::decidedByTimeout()
{
    QFETCH(QByteArray, onTimeout);
    QFETCH(QString, applied);
    QFETCH(QString, status);
    RunHarness harness;
    const auto snapshot = harness.run("pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n"
                                      "          - step: {id: a, type: Fail, failureStrategies: "
                                      + intervention("{timeout: 120ms" + onTimeout + "}") + "}\n");
    QVERIFY(snapshot);
    QCOMPARE(toString(findNode(*snapshot, s("a"))->status), status);
    QStringList expected = list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:waiting"});
    expected << s("a:decided=") + applied + s("/timeout");
    if (applied == QLatin1String("Retry"))
        expected << s("a:retryScheduled#2") << s("a:attemptStarted#2") << s("a:attemptFailed#2");
    expected << s("a:ended=") + status;
    QCOMPARE(eventTrail(*snapshot, {s("a")}), expected);
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("a"), s("waiting")), findEvent(*snapshot, s("a"), s("decided"))), 120);
    QCOMPARE(snapshot->interventions.size(), 1);
    QCOMPARE(snapshot->interventions.first().by, s("timeout"));
    QCOMPARE(snapshot->interventions.first().decision, applied);
    QVERIFY(snapshot->interventions.first().decidedAt >= harness.requests.first().deadline);
}

// The deadline applied Ignore; a decision 150 ms later (the run still going) is refused.
void TestSemanticsInterventions::lateDecisionIsRefused()
{
    RunHarness harness;
    harness.onRequest = [](Engine &engine, const InterventionRequest &r) {
        QTimer::singleShot(200, &engine, [&engine, id = r.id] { engine.decide({id, s("MarkAsSuccess"), s("user"), {}, {}}); });
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Fail, failureStrategies: )" + intervention("{timeout: 50ms, onTimeout: {action: {type: Ignore}}}") + R"(}
              - step: {id: w, type: Wait, spec: {duration: 400ms}}
)");
    QVERIFY(snapshot);
    QCOMPARE(toString(findNode(*snapshot, s("a"))->status), s("IgnoredFailure"));
    QCOMPARE(harness.refusals.size(), 1);
    QCOMPARE(harness.refusals.first().first.decision, s("MarkAsSuccess"));
    QVERIFY(!harness.refusals.first().second.isEmpty());
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:waiting", "a:decided=Ignore/timeout",
                   "a:ended=IgnoredFailure"}));
    QCOMPARE(snapshot->interventions.size(), 1);
}

void TestSemanticsInterventions::secondDecisionIsRefused()
{
    RunHarness harness;
    harness.onRequest = [](Engine &engine, const InterventionRequest &r) {
        engine.decide({r.id, s("Ignore"), s("cli"), {}, {}});
        engine.decide({r.id, s("MarkAsSuccess"), s("user"), {}, {}});
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Fail, failureStrategies: )" + intervention() + R"(}
          - step: {id: w, type: Wait, spec: {duration: 50ms}}
)");
    QVERIFY(snapshot);
    QCOMPARE(toString(findNode(*snapshot, s("a"))->status), s("IgnoredFailure"));
    QCOMPARE(harness.refusals.size(), 1);
    QCOMPARE(harness.refusals.first().first.decision, s("MarkAsSuccess"));
    QVERIFY(!harness.refusals.first().second.isEmpty());
    QCOMPARE(snapshot->interventions.size(), 1);
    QCOMPARE(snapshot->interventions.first().decision, s("Ignore"));
    QCOMPARE(snapshot->interventions.first().by, s("cli"));
    QCOMPARE(eventTrail(*snapshot, {s("a")}).filter(QStringLiteral(":decided=")), list({"a:decided=Ignore/cli"}));
}

// The engine's thread is busy past the deadline (its timer cannot have fired yet) when a
// decision comes: it is after the deadline, so it is refused and onTimeout applies.
void TestSemanticsInterventions::decisionAfterTheDeadlineIsRefused()
{
    RunHarness harness;
    harness.onRequest = [](Engine &engine, const InterventionRequest &r) {
        QThread::msleep(150);
        QVERIFY(QDateTime::currentDateTimeUtc() > r.deadline);
        engine.decide({r.id, s("MarkAsSuccess"), s("user"), {}, {}});
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Fail, failureStrategies: )" + intervention("{timeout: 50ms, onTimeout: {action: {type: Ignore}}}") + R"(}
)");
    QVERIFY(snapshot);
    QCOMPARE(harness.refusals.size(), 1);
    QVERIFY(!harness.refusals.first().second.isEmpty());
    QCOMPARE(toString(findNode(*snapshot, s("a"))->status), s("IgnoredFailure"));
}

void TestSemanticsInterventions::decisionNotAllowedIsRefused()
{
    RunHarness harness;
    harness.onRequest = [](Engine &engine, const InterventionRequest &r) {
        engine.decide({r.id, s("RetryStepGroup"), s("user"), {}, {}}); // not in a group
        engine.decide({r.id, s("Approve"), s("user"), {}, {}}); // not an intervention decision
        QTimer::singleShot(50, &engine, [&engine, id = r.id] { engine.decide({id, s("MarkAsSuccess"), s("user"), {}, {}}); });
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Fail, failureStrategies: )" + intervention() + R"(}
)");
    QVERIFY(snapshot);
    QCOMPARE(harness.refusals.size(), 2);
    for (const auto &refusal : std::as_const(harness.refusals))
        QVERIFY(!refusal.second.isEmpty());
    QCOMPARE(toString(findNode(*snapshot, s("a"))->status), s("Succeeded"));
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:waiting", "a:decided=MarkAsSuccess/user",
                   "a:ended=Succeeded"}));
}

void TestSemanticsInterventions::approvalApproved()
{
    RunHarness harness;
    harness.onRequest = [](Engine &engine, const InterventionRequest &r) {
        engine.decide({r.id, s("Approve"), s("user"), s("looks good"), {}});
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: ap, type: Approval, timeout: 1h, spec: {message: "ship {{ pipeline.id }}?", approvers: ops team}}
          - step: {id: b, type: Echo, spec: {message: "{{ steps.ap.outputs.approvedBy }}"}}
)");
    QVERIFY(snapshot);
    QCOMPARE(harness.requests.size(), 1);
    const InterventionRequest &r = harness.requests.first();
    QVERIFY(r.kind == RequestKind::Approval);
    QCOMPARE(r.step, s("ap"));
    QCOMPARE(r.stage, s("s"));
    QCOMPARE(r.message, s("ship p?"));
    QCOMPARE(r.approvers, s("ops team"));
    QCOMPARE(r.allowedDecisions, list({"Approve", "Reject"}));
    const qint64 window = r.requestedAt.msecsTo(r.deadline);
    QVERIFY(window <= 3600000 && window >= 3600000 - 50);
    const NodeState *ap = findNode(*snapshot, s("ap"));
    QCOMPARE(toString(ap->status), s("Succeeded"));
    QCOMPARE(ap->outputs.value(s("approvedBy")).toString(), s("user"));
    QCOMPARE(ap->outputs.value(s("comment")).toString(), s("looks good"));
    QVERIFY(!ap->warning);
    QCOMPARE(findNode(*snapshot, s("b"))->outputs.value(s("message")).toString(), s("user"));
    QCOMPARE(eventTrail(*snapshot, {s("ap")}),
             list({"ap:started", "ap:attemptStarted#1", "ap:waiting", "ap:decided=Approve/user", "ap:ended=Succeeded"}));
    QCOMPARE(snapshot->interventions.size(), 1);
    QCOMPARE(snapshot->interventions.first().comment, s("looks good"));
}

void TestSemanticsInterventions::approvalRejected()
{
    RunHarness harness;
    harness.onRequest = [](Engine &engine, const InterventionRequest &r) {
        engine.decide({r.id, s("Reject"), s("user"), s("not today"), {}});
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: ap, type: Approval, spec: {message: go}}
          - step: {id: b, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    const NodeState *ap = findNode(*snapshot, s("ap"));
    QCOMPARE(toString(ap->status), s("Failed"));
    QVERIFY(ap->error);
    QCOMPARE(pw::model::toString(ap->error->type), s("ApprovalRejection"));
    QVERIFY2(ap->error->message.contains(QLatin1String("not today")), qPrintable(ap->error->message));
    QCOMPARE(eventTrail(*snapshot, list({"ap", "b"})),
             list({"ap:started", "ap:attemptStarted#1", "ap:waiting", "ap:decided=Reject/user", "ap:attemptFailed#1",
                   "ap:ended=Failed", "b:skipped", "b:ended=Skipped"}));
    // Default Approval timeout: 1d.
    const qint64 window = harness.requests.first().requestedAt.msecsTo(harness.requests.first().deadline);
    QVERIFY2(window <= 86400000 && window >= 86400000 - 50, qPrintable(QString::number(window)));
    QCOMPARE(toString(snapshot->status), s("Failed"));
}

void TestSemanticsInterventions::approvalNotAnswered_data()
{
    QTest::addColumn<QByteArray>("strategies");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("warning");
    QTest::newRow("fails with Timeout") << QByteArray("[]") << s("Failed") << false;
    QTest::newRow("MarkAsSuccess on Timeout: auto-approval")
        << QByteArray("[{onFailure: {errors: [Timeout], action: {type: MarkAsSuccess}}}]") << s("Succeeded") << true;
}

void TestSemanticsInterventions::approvalNotAnswered()
{
    QFETCH(QByteArray, strategies);
    QFETCH(QString, status);
    QFETCH(bool, warning);
    RunHarness harness;
    const auto snapshot = harness.run("pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n"
                                      "          - step: {id: ap, type: Approval, timeout: 100ms, spec: {message: go}, "
                                      "failureStrategies: " + strategies + "}\n");
    QVERIFY(snapshot);
    const NodeState *ap = findNode(*snapshot, s("ap"));
    QCOMPARE(toString(ap->status), status);
    QCOMPARE(ap->warning, warning);
    QVERIFY(ap->error);
    QCOMPARE(pw::model::toString(ap->error->type), s("Timeout"));
    QCOMPARE(eventTrail(*snapshot, {s("ap")}),
             QStringList({s("ap:started"), s("ap:attemptStarted#1"), s("ap:waiting"), s("ap:decided=Timeout/timeout"),
                          s("ap:attemptFailed#1"), s("ap:ended=") + status}));
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("ap"), s("waiting")), findEvent(*snapshot, s("ap"), s("decided"))), 100);
    QCOMPARE(snapshot->interventions.size(), 1);
    QCOMPARE(snapshot->interventions.first().by, s("timeout"));
}

void TestSemanticsInterventions::otherBranchesGoOnWhileAStepWaits()
{
    RunHarness harness;
    harness.onRequest = [](Engine &engine, const InterventionRequest &r) {
        QTimer::singleShot(300, &engine, [&engine, id = r.id] { engine.decide({id, s("Ignore"), s("user"), {}, {}}); });
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 1
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Fail, failureStrategies: )" + intervention() + R"(}
              - stepGroup:
                  id: g
                  steps:
                    - step: {id: b1, type: Wait, spec: {duration: 50ms}}
                    - step: {id: b2, type: Shell, spec: {command: "sleep 0.05"}}
                    - step: {id: b3, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"a", "g", "b1", "b2", "b3"})),
             list({"a=IgnoredFailure", "g=Succeeded", "b1=Succeeded", "b2=Succeeded", "b3=Succeeded"}));
    QVERIFY(eventIndex(*snapshot, s("g"), s("ended")) < eventIndex(*snapshot, s("a"), s("decided")));
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("a"), s("waiting")), findEvent(*snapshot, s("a"), s("decided"))), 300);
}

// failFast cancels the waiting step: its request is closed (observers are told), a decision
// on it is refused, and the request is still recorded.
void TestSemanticsInterventions::cancellingAWaitingStepClosesItsRequest()
{
    RunHarness harness;
    QString requestId;
    harness.onRequest = [&](Engine &engine, const InterventionRequest &r) {
        requestId = r.id;
        QTimer::singleShot(150, &engine, [&engine, id = r.id] { engine.decide({id, s("Ignore"), s("user"), {}, {}}); });
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  maxParallel: 4
  stages:
    - stage:
        id: s
        steps:
          - parallel:
              - step: {id: a, type: Fail, failureStrategies: )" + intervention() + R"(}
              - step: {id: f, type: Fail, spec: {succeedOnAttempt: 3}, retry: {type: constant, interval: 50ms, maxAttempts: 2}}
          - step: {id: w, type: Wait, spec: {duration: 300ms}, when: {stageStatus: All}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"a", "f", "w"})), list({"a=Aborted", "f=Failed", "w=Succeeded"}));
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:waiting", "a:cancelled", "a:ended=Aborted"}));
    bool closed = false;
    for (const InterventionRecord &record : std::as_const(harness.decidedRecords))
        closed = closed || record.request.id == requestId;
    QVERIFY(closed);
    QCOMPARE(harness.refusals.size(), 1);
    QVERIFY(!harness.refusals.first().second.isEmpty());
    QCOMPARE(snapshot->interventions.size(), 1);
}

QTEST_GUILESS_MAIN(TestSemanticsInterventions)
#include "tst_semantics_interventions.moc"
