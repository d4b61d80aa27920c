// semantics.md "Error handlers" and "Context for expressions" (templates, shell quoting,
// secrets, Shell outputs and environment).
#include "RunHarness.h"

#include <QDir>
#include <QJsonDocument>
#include <QFile>
#include <QTemporaryDir>

using namespace pw::engine;

namespace {

QString output(const RunSnapshot &snapshot, const char *node, const char *key = "message")
{
    const NodeState *state = findNode(snapshot, s(node));
    return state ? state->outputs.value(s(key)).toString() : s("<missing node>");
}

const char *kErrorEcho = "{type: Echo, spec: {message: \"{{ error.type }}|{{ error.message }}|{{ error.step }}|{{ error.stage }}\"}}";

QByteArray echoError(const char *id)
{
    QByteArray step(kErrorEcho);
    step.insert(1, QByteArray("id: ") + id + ", ");
    return "{step: " + step + "}";
}

} // namespace

class TestSemanticsHandlersContext : public QObject
{
    Q_OBJECT
private slots:
    void groupAndStageHandlersRunBeforeMovingOn();
    void handlersRunOnlyWhenTheirPartFailed();
    void pipelineHandlerRunsOnceWhenNotSucceeded_data();
    void pipelineHandlerRunsOnceWhenNotSucceeded();
    void errorContextInHandlersAndRollbackSteps();
    void errorContextOfAGroupFailedByItsCondition();
    void handlerFailuresLeaveTheRunStatus();
    void expressionContext();
    void stepsContextForStepsNotRunYet();
    void templatesInSpecs();
    void expressionErrorInSpecFailsTheStep();
    void shellQuoting();
    void secretsAreMasked();
    void shellOutputsAndEnvironment();
};

void TestSemanticsHandlersContext::groupAndStageHandlersRunBeforeMovingOn()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s1
        steps:
          - stepGroup:
              id: g
              steps: [{step: {id: a, type: Fail}}]
              errorHandler: [{step: {id: gh, type: Echo, spec: {message: hi}}}]
          - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
        errorHandler: [{step: {id: sh, type: Echo, spec: {message: hi}}}]
    - stage: {id: s2, when: {pipelineStatus: All}, steps: [{step: {id: c, type: Echo, spec: {message: hi}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"g", "gh", "b", "s1", "sh", "s2"})),
             list({"g=Failed", "gh=Succeeded", "b=Succeeded", "s1=Failed", "sh=Succeeded", "s2=Succeeded"}));
    QCOMPARE(eventTrail(*snapshot, list({"g", "gh", "b", "s1", "sh", "s2"})),
             list({"s1:started", "g:started", "gh:started", "gh:attemptStarted#1", "gh:ended=Succeeded", "g:ended=Failed",
                   "b:started", "b:attemptStarted#1", "b:ended=Succeeded", "sh:started", "sh:attemptStarted#1",
                   "sh:ended=Succeeded", "s1:ended=Failed", "s2:started", "s2:ended=Succeeded"}));
}

void TestSemanticsHandlersContext::handlersRunOnlyWhenTheirPartFailed()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  errorHandler: [{step: {id: ph, type: Echo, spec: {message: hi}}}]
  stages:
    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              steps: [{step: {id: a, type: Fail, catch: e}}]
              errorHandler: [{step: {id: gh, type: Echo, spec: {message: hi}}}]
        errorHandler: [{step: {id: sh, type: Echo, spec: {message: hi}}}]
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "g", "a", "gh", "sh", "ph"})),
             list({"s=Succeeded", "g=Succeeded", "a=IgnoredFailure", "gh=Skipped", "sh=Skipped", "ph=Skipped"}));
    QCOMPARE(eventTrail(*snapshot, list({"gh", "sh", "ph"})),
             list({"gh:skipped", "gh:ended=Skipped", "sh:skipped", "sh:ended=Skipped", "ph:skipped", "ph:ended=Skipped"}));
    QCOMPARE(toString(snapshot->status), s("Succeeded"));
}

void TestSemanticsHandlersContext::pipelineHandlerRunsOnceWhenNotSucceeded_data()
{
    QTest::addColumn<QByteArray>("action");
    QTest::addColumn<QString>("runStatus");
    QTest::addColumn<QString>("handler");
    QTest::newRow("Succeeded: not run") << QByteArray("Ignore") << s("Succeeded") << s("Skipped");
    QTest::newRow("Failed") << QByteArray("MarkAsFailure") << s("Failed") << s("Succeeded");
    QTest::newRow("Aborted") << QByteArray("Abort") << s("Aborted") << s("Succeeded");
    QTest::newRow("RolledBack") << QByteArray("StageRollback") << s("RolledBack") << s("Succeeded");
}

void TestSemanticsHandlersContext::pipelineHandlerRunsOnceWhenNotSucceeded()
{
    QFETCH(QByteArray, action);
    QFETCH(QString, runStatus);
    QFETCH(QString, handler);
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  errorHandler: [{step: {id: h, type: Echo, spec: {message: hi}}}]
  stages:
    - stage:
        id: s1
        steps: [{step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: )" + action + R"(}}}]}}]
        rollbackSteps: [{step: {id: r, type: Echo, spec: {message: hi}}}]
)");
    QVERIFY(snapshot);
    QCOMPARE(toString(snapshot->status), runStatus);
    QCOMPARE(statusesOf(*snapshot, {s("h")}), QStringList{s("h=") + handler});
    if (handler == QLatin1String("Succeeded")) {
        // Once, at the end, after every stage.
        QCOMPARE(eventTrail(*snapshot, {s("h")}), list({"h:started", "h:attemptStarted#1", "h:ended=Succeeded"}));
        QVERIFY(eventIndex(*snapshot, s("h"), s("started")) > eventIndex(*snapshot, s("s1"), s("ended")));
    } else {
        QCOMPARE(eventTrail(*snapshot, {s("h")}), list({"h:skipped", "h:ended=Skipped"}));
    }
}

void TestSemanticsHandlersContext::errorContextInHandlersAndRollbackSteps()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  errorHandler: [)" + echoError("ph") + R"(]
  stages:
    - stage:
        id: s1
        steps:
          - stepGroup:
              id: g
              steps: [{step: {id: a, type: Fail, spec: {errorType: Connectivity, message: no route}}}]
              errorHandler: [)" + echoError("gh") + R"(]
        errorHandler: [)" + echoError("sh") + R"(]
    - stage:
        id: s2
        when: {pipelineStatus: All}
        steps:
          - step: {id: b, type: Fail, spec: {errorType: Verification, message: bad}, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: StageRollback}}}]}
        rollbackSteps: [)" + echoError("rb") + R"(]
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"gh", "sh", "rb", "ph"})),
             list({"gh=Succeeded", "sh=Succeeded", "rb=Succeeded", "ph=Succeeded"}));
    QCOMPARE(output(*snapshot, "gh"), s("Connectivity|no route|a|s1"));
    QCOMPARE(output(*snapshot, "sh"), s("Connectivity|no route|a|s1"));
    QCOMPARE(output(*snapshot, "rb"), s("Verification|bad|b|s2"));
    QCOMPARE(output(*snapshot, "ph"), s("Connectivity|no route|a|s1")); // the first failure of the run
    QVERIFY(snapshot->error);
    QCOMPARE(snapshot->error->step, s("a"));
    QCOMPARE(snapshot->error->stage, s("s1"));
}

// The stage failed because its group failed by its condition: the handler's `error` is that.
void TestSemanticsHandlersContext::errorContextOfAGroupFailedByItsCondition()
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
              when: {condition: "nope.x"}
              steps: [{step: {id: a, type: Echo, spec: {message: hi}}}]
        errorHandler: [)" + echoError("sh") + R"(]
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "g", "a"})), list({"s=Failed", "g=Failed", "a=Skipped"}));
    QCOMPARE(statusesOf(*snapshot, {s("sh")}), QStringList{s("sh=Succeeded")});
    QVERIFY2(output(*snapshot, "sh").startsWith(QLatin1String("Unknown|")), qPrintable(output(*snapshot, "sh")));
    QVERIFY2(output(*snapshot, "sh").endsWith(QLatin1String("|g|s")), qPrintable(output(*snapshot, "sh")));
}

void TestSemanticsHandlersContext::handlerFailuresLeaveTheRunStatus()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  errorHandler: [{step: {id: ph, type: Fail}}]
  stages:
    - stage:
        id: s
        steps: [{step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: StageRollback}}}]}}]
        rollbackSteps: [{step: {id: rb, type: Fail}}]
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"s", "a", "rb", "ph"})), list({"s=RolledBack", "a=Failed", "rb=Failed", "ph=Failed"}));
    QCOMPARE(toString(snapshot->status), s("RolledBack"));
    QVERIFY(snapshot->warning);
    QVERIFY(snapshot->error);
    QCOMPARE(snapshot->error->step, s("a")); // handler failures are not the run's failure
}

void TestSemanticsHandlersContext::expressionContext()
{
    RunHarness harness;
    harness.inputs = {{s("n"), 42}, {s("flag"), true}, {s("name"), s("x y")}};
    const auto snapshot = harness.run(R"(pipeline:
  id: ctx
  name: Context pipeline
  inputs:
    - {id: n, type: integer}
    - {id: flag, type: boolean}
    - {id: name, type: string}
  stages:
    - stage:
        id: st
        steps:
          - step: {id: a, type: Shell, spec: {command: "echo k=v1 >> \"$PW_OUTPUT\""}}
          - step: {id: b, type: Fail, spec: {errorType: Connectivity, message: "attempt {{ attempt }}"}, catch: e, retry: {type: constant, interval: 10ms, maxAttempts: 2}}
          - step: {id: c, type: Echo, spec: {message: "{{ typeof inputs.n }}:{{ inputs.n + 1 }}:{{ typeof inputs.flag }}:{{ inputs.flag ? 'yes' : 'no' }}:{{ inputs.name }}"}}
          - step: {id: d, type: Echo, spec: {message: "{{ steps.a.status }}|{{ steps.a.outputs.k }}|{{ steps.a.attempts }}|{{ steps.b.status }}|{{ steps.b.attempts }}|{{ steps.b.error.type }}|{{ steps.b.error.message }}"}}
          - step: {id: e2, type: Echo, spec: {message: "{{ vars.e.type }}|{{ vars.e.message }}|{{ vars.e.step }}|{{ vars.e.attempts }}"}}
          - step: {id: f, type: Echo, spec: {message: "{{ run.id }}|{{ pipeline.id }}|{{ pipeline.name }}|{{ stage.id }}|{{ attempt }}|{{ run.startedAt.length > 0 }}"}}
          - step: {id: v, type: Verify, spec: {condition: "steps.c.outputs.message.startsWith('number') && stage.id == 'st'"}}
)");
    QVERIFY(snapshot);
    QCOMPARE(toString(snapshot->status), s("Succeeded"));
    QCOMPARE(output(*snapshot, "c"), s("number:43:boolean:yes:x y"));
    QCOMPARE(output(*snapshot, "d"), s("Succeeded|v1|1|IgnoredFailure|2|Connectivity|attempt 2"));
    QCOMPARE(output(*snapshot, "e2"), s("Connectivity|attempt 2|b|2"));
    QCOMPARE(output(*snapshot, "f"), snapshot->runId + s("|ctx|Context pipeline|st|1|true"));
    QCOMPARE(toString(findNode(*snapshot, s("v"))->status), s("Succeeded"));
    const QVariantMap e = snapshot->vars.value(s("e")).toMap();
    QCOMPARE(e.value(s("type")).toString(), s("Connectivity"));
    QCOMPARE(e.value(s("step")).toString(), s("b"));
    QCOMPARE(e.value(s("attempts")).toInt(), 2);
}

// `steps.<id>` works for every step of the pipeline, also one that has not started yet.
void TestSemanticsHandlersContext::stepsContextForStepsNotRunYet()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Echo, spec: {message: "{{ steps.later.status }}"}}
          - step: {id: later, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"a", "later"})), list({"a=Succeeded", "later=Succeeded"}));
    QCOMPARE(output(*snapshot, "a"), s("Pending"));
}

void TestSemanticsHandlersContext::templatesInSpecs()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(s("sub")));
    RunHarness harness;
    harness.workingDir = dir.path();
    harness.inputs = {{s("sub"), dir.filePath(s("sub"))}, {s("word"), s("hello")}};
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  inputs: [{id: sub}, {id: word}]
  stages:
    - stage:
        id: s
        steps:
          - step:
              id: sh
              type: Shell
              spec:
                command: "echo \"cwd=$(basename \"$PWD\")\" >> \"$PW_OUTPUT\"; echo \"env=$GREETING\" >> \"$PW_OUTPUT\"; echo \"arg=\"{{ inputs.word }} >> \"$PW_OUTPUT\""
                workingDir: "{{ inputs.sub }}"
                env: {GREETING: "{{ inputs.word }} from {{ stage.id }}"}
          - step: {id: f, type: Fail, spec: {message: "no {{ inputs.word.toUpperCase() }}"}, catch: e}
)");
    QVERIFY(snapshot);
    QCOMPARE(output(*snapshot, "sh", "cwd"), s("sub"));
    QCOMPARE(output(*snapshot, "sh", "env"), s("hello from s"));
    QCOMPARE(output(*snapshot, "sh", "arg"), s("hello"));
    QCOMPARE(findNode(*snapshot, s("f"))->error->message, s("no HELLO"));
}

void TestSemanticsHandlersContext::expressionErrorInSpecFailsTheStep()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Echo, spec: {message: "{{ nope.deeper }}"}}
          - step: {id: b, type: Echo, spec: {message: hi}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"a", "b"})), list({"a=Failed", "b=Skipped"}));
    const NodeState *a = findNode(*snapshot, s("a"));
    QCOMPARE(pw::model::toString(a->error->type), s("Unknown"));
    QVERIFY2(a->error->message.contains(QLatin1String("nope.deeper")), qPrintable(a->error->message));
    QCOMPARE(eventTrail(*snapshot, {s("a")}),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed"}));
}

void TestSemanticsHandlersContext::shellQuoting()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RunHarness harness;
    harness.workingDir = dir.path();
    harness.inputs = {{s("evil"), s("x; touch pwned")}, {s("quotes"), s("it's $HOME `touch pwned2` \"q\"")},
                      {s("cmd"), s("touch rawmade")}};
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  inputs: [{id: evil}, {id: quotes}, {id: cmd}]
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Shell, spec: {command: "echo {{ inputs.evil }}; printf 'q=%s\\n' {{ inputs.quotes }} >> \"$PW_OUTPUT\""}}
          - step: {id: b, type: Shell, spec: {command: "{{ raw(inputs.cmd) }}"}}
)");
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, list({"a", "b"})), list({"a=Succeeded", "b=Succeeded"}));
    QVERIFY(!QFile::exists(dir.filePath(s("pwned"))));
    QVERIFY(!QFile::exists(dir.filePath(s("pwned2"))));
    QVERIFY(!QFile::exists(dir.filePath(s("x"))));
    QCOMPARE(output(*snapshot, "a", "q"), s("it's $HOME `touch pwned2` \"q\""));
    bool echoed = false;
    for (const LogLine &line : std::as_const(harness.logLines))
        echoed = echoed || (line.node == QLatin1String("a") && line.text == QLatin1String("x; touch pwned"));
    QVERIFY(echoed);
    QVERIFY(QFile::exists(dir.filePath(s("rawmade")))); // raw() inserts unquoted, on purpose
}

void TestSemanticsHandlersContext::secretsAreMasked()
{
    const QString secret = s("s3cr3t-Value");
    RunHarness harness;
    harness.secrets = {{s("TOKEN"), secret}};
    int asked = 0;
    harness.onRequest = [&](Engine &engine, const InterventionRequest &r) {
        ++asked;
        engine.decide({r.id, r.kind == RequestKind::Approval ? s("Approve") : s("Ignore"), s("user"),
                       s("ok ") + secret, {}});
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  secrets: [TOKEN]
  stages:
    - stage:
        id: s
        steps:
          - step: {id: e, type: Echo, spec: {message: "token={{ secrets.TOKEN }}"}}
          - step: {id: sh, type: Shell, spec: {command: "echo \"out $TOKEN\"; echo \"err $TOKEN\" >&2; echo \"t=$TOKEN\" >> \"$PW_OUTPUT\""}}
          - step: {id: c, type: Fail, spec: {message: "bad {{ secrets.TOKEN }}"}, catch: caught}
          - step: {id: m, type: Fail, spec: {message: "worse {{ secrets.TOKEN }}"}, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: ManualIntervention}}}]}
          - step: {id: ap, type: Approval, spec: {message: "ok {{ secrets.TOKEN }}?", approvers: "{{ secrets.TOKEN }}"}}
          - step: {id: x, type: Echo, spec: {message: "{{ nope(secrets.TOKEN) }}"}}
)");
    QVERIFY(snapshot);
    QCOMPARE(asked, 2);
    QCOMPARE(output(*snapshot, "e"), s("token=***"));
    QCOMPARE(output(*snapshot, "sh", "t"), s("***"));
    QCOMPARE(findNode(*snapshot, s("c"))->error->message, s("bad ***"));
    QCOMPARE(snapshot->vars.value(s("caught")).toMap().value(s("message")).toString(), s("bad ***"));
    QCOMPARE(harness.requests.at(0).errorMessage, s("worse ***"));
    QCOMPARE(harness.requests.at(1).message, s("ok ***?"));
    QCOMPARE(output(*snapshot, "ap", "comment"), s("ok ***"));
    int logged = 0;
    for (const LogLine &line : std::as_const(harness.logLines)) {
        QVERIFY2(!line.text.contains(secret), qPrintable(line.text));
        logged += line.node == QLatin1String("sh") && line.text.contains(QLatin1String("***")) ? 1 : 0;
    }
    QCOMPARE(logged, 2); // stdout and stderr lines, masked
    // Nothing of the report holds the value.
    QStringList everything;
    for (const NodeState &node : snapshot->nodes) {
        everything << QString::fromUtf8(QJsonDocument::fromVariant(node.outputs).toJson());
        if (node.error)
            everything << node.error->message;
    }
    for (const InterventionRecord &record : snapshot->interventions)
        everything << record.comment << record.request.errorMessage << record.request.message;
    everything << QString::fromUtf8(QJsonDocument::fromVariant(snapshot->vars).toJson());
    for (const QString &text : std::as_const(everything))
        QVERIFY2(!text.contains(secret), qPrintable(text));
    QVERIFY2(!harness.requests.at(1).approvers.contains(secret), qPrintable(harness.requests.at(1).approvers));
}

void TestSemanticsHandlersContext::shellOutputsAndEnvironment()
{
    RunHarness harness;
    harness.inputs = {{s("myInput"), s("in val")}, {s("count"), 3}};
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  inputs: [{id: myInput}, {id: count, type: integer}]
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Shell, spec: {command: "echo \"v=$PW_INPUT_MYINPUT\" >> \"$PW_OUTPUT\"; echo \"n=$PW_INPUT_COUNT\" >> \"$PW_OUTPUT\"; echo \"multi=a=b\" >> \"$PW_OUTPUT\"; echo not-an-output"}}
          - step: {id: b, type: Echo, spec: {message: "{{ steps.a.outputs.v }}/{{ steps.a.outputs.multi }}"}}
)");
    QVERIFY(snapshot);
    QCOMPARE(output(*snapshot, "a", "v"), s("in val"));
    QCOMPARE(output(*snapshot, "a", "n"), s("3"));
    QCOMPARE(output(*snapshot, "a", "multi"), s("a=b"));
    QCOMPARE(findNode(*snapshot, s("a"))->outputs.size(), 3);
    QCOMPARE(output(*snapshot, "b"), s("in val/a=b"));
}

QTEST_GUILESS_MAIN(TestSemanticsHandlersContext)
#include "tst_semantics_handlers_context.moc"
