#include "DocumentFixture.h"

#include "app/gui/ElementFields.h"
#include "app/gui/RetrySentence.h"

#include "model/PipelineFile.h"

#include <QJSEngine>

using namespace pw;
using fixture::DemoDocument;

namespace {

const char *const kFieldsPipeline =
    "pipeline:\n"
    "  id: fields\n"
    "  stages:\n"
    "    - stage:\n"
    "        id: main\n"
    "        steps:\n"
    "          - step:\n"
    "              id: sh\n"
    "              type: Shell\n"
    "              spec: {command: make, env: {B: \"2\", A: \"1\"}}\n"
    "              timeout: 5m\n"
    "              retry: {type: constant, maxAttempts: 2, interval: 1s}\n"
    "          - step: {id: web, type: Http, spec: {url: \"http://example.com\"}}\n"
    "          - step: {id: say, type: Echo, spec: {message: hi}}\n"
    "          - step: {id: pause, type: Wait, spec: {duration: 1s}}\n"
    "          - step: {id: boom, type: Fail, spec: {message: no}}\n"
    "          - step: {id: ok, type: Verify, spec: {condition: \"true\"}}\n"
    "          - step: {id: ask, type: Approval, spec: {message: proceed}}\n"
    "          - stepGroup:\n"
    "              id: grp\n"
    "              steps:\n"
    "                - step: {id: inner, type: Echo, spec: {message: x}}\n"
    "          - parallel:\n"
    "              - step: {id: p1, type: Echo, spec: {message: p}}\n";

QString step(int index)
{
    return QStringLiteral("pipeline.stages[0].stage.steps[%1].step").arg(index);
}

const QString kStage = QStringLiteral("pipeline.stages[0].stage");
const QString kGroup = QStringLiteral("pipeline.stages[0].stage.steps[7].stepGroup");
const QString kBlock = QStringLiteral("pipeline.stages[0].stage.steps[8].parallel");
const QString kPipeline = QStringLiteral("pipeline");

QVariantList list(std::initializer_list<QVariant> items)
{
    return QVariantList(items);
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QVariantMap strategy(const QStringList &errors, const QVariantMap &action)
{
    return {{s("errors"), errors}, {s("action"), action}};
}

QVariantMap action(const char *type)
{
    return {{s("type"), s(type)},
            {s("retryCount"), QVariant()},
            {s("retryIntervals"), QStringList()},
            {s("onRetryFailure"), QVariant()},
            {s("timeout"), QString()},
            {s("onTimeout"), QVariant()}};
}

} // namespace

class DocumentFieldsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void setField_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("readAt"); // dotted key in properties()
        QTest::addColumn<QVariant>("expected");

        auto row = [](const char *name, const QString &path, const char *field,
                      const QVariant &value, const char *readAt, const QVariant &expected) {
            QTest::newRow(name) << path << s(field) << value << s(readAt) << expected;
        };
        // Step, common fields
        row("step name", step(0), "name", s("Build it"), "name", s("Build it"));
        row("step id", step(0), "id", s("compile"), "id", s("compile"));
        row("step id clash allowed", step(0), "id", s("web"), "id", s("web"));
        row("timeout compact", step(0), "timeout", s("10m"), "timeout", s("10m"));
        row("timeout iso", step(2), "timeout", s("PT1M30S"), "timeout", s("1m30s"));
        row("timeout unset", step(0), "timeout", QVariant(), "timeout", QString());
        row("timeout empty unsets", step(0), "timeout", s(""), "timeout", QString());
        row("when status", step(0), "when.status", s("Failure"), "when.status", s("Failure"));
        row("when condition", step(0), "when.condition", s("inputs.x == 1"), "when.condition",
            s("inputs.x == 1"));
        row("when whole", step(1), "when", QVariantMap{{s("status"), s("All")}}, "when.status",
            s("All"));
        row("catch", step(0), "catch", s("error_info"), "catch", s("error_info"));
        // Retry
        row("retry map", step(1), "retry",
            QVariantMap{{s("type"), s("exponential")}, {s("maxAttempts"), 4},
                        {s("interval"), s("1s")}},
            "retrySentence", s("up to 4 attempts, waiting 1 s, 2 s, 4 s"));
        row("retry null removes", step(0), "retry", QVariant(), "retry", QVariant());
        row("retry field creates", step(1), "retry.maxAttempts", 3, "retry.maxAttempts", 3);
        row("retry maxAttempts text", step(0), "retry.maxAttempts", s("5"), "retry.maxAttempts", 5);
        row("retry type", step(0), "retry.type", s("random"), "retry.type", s("random"));
        row("retry interval", step(0), "retry.interval", s("2s"), "retry.interval", s("2s"));
        row("retry delayFactor", step(0), "retry.delayFactor", 1.5, "retry.delayFactor", 1.5);
        row("retry maxInterval", step(0), "retry.maxInterval", s("30s"), "retry.maxInterval",
            s("30s"));
        row("retry minInterval", step(0), "retry.minInterval", s("250ms"), "retry.minInterval",
            s("250ms"));
        row("retry maxDuration", step(0), "retry.maxDuration", s("5m"), "retry.maxDuration",
            s("5m"));
        row("retry warningOnRetry", step(0), "retry.warningOnRetry", true,
            "retry.warningOnRetry", true);
        row("retry onErrors", step(0), "retry.onErrors",
            QStringList{s("Timeout"), s("Connectivity")}, "retry.onErrors",
            QStringList{s("Timeout"), s("Connectivity")});
        // Shell
        row("shell command", step(0), "spec.command", s("make all"), "spec.command", s("make all"));
        row("shell shell", step(0), "spec.shell", s("/bin/bash"), "spec.shell", s("/bin/bash"));
        row("shell workingDir", step(0), "spec.workingDir", s("/tmp"), "spec.workingDir",
            s("/tmp"));
        row("shell env", step(0), "spec.env", QVariantMap{{s("A"), s("1")}, {s("C"), s("3")}},
            "spec.env", QVariantMap{{s("A"), s("1")}, {s("C"), s("3")}});
        row("shell exitCodes", step(0), "spec.exitCodes", QVariantMap{{s("2"), s("Connectivity")}},
            "spec.exitCodes", QVariantMap{{s("2"), s("Connectivity")}});
        row("shell killGrace", step(0), "spec.killGrace", s("3s"), "spec.killGrace", s("3s"));
        row("type resets spec", step(0), "type", s("Http"), "spec.url", QString());
        // Http
        row("http url", step(1), "spec.url", s("https://x.org"), "spec.url", s("https://x.org"));
        row("http method", step(1), "spec.method", s("POST"), "spec.method", s("POST"));
        row("http headers", step(1), "spec.headers", QVariantMap{{s("X-A"), s("1")}},
            "spec.headers", QVariantMap{{s("X-A"), s("1")}});
        row("http body", step(1), "spec.body", s("{}"), "spec.body", s("{}"));
        row("http expectStatus", step(1), "spec.expectStatus", list({200, 201}),
            "spec.expectStatus", list({200, 201}));
        // Echo, Wait, Fail, Verify, Approval
        row("echo message", step(2), "spec.message", s("hello"), "spec.message", s("hello"));
        row("echo level", step(2), "spec.level", s("WARN"), "spec.level", s("WARN"));
        row("wait duration", step(3), "spec.duration", s("5m"), "spec.duration", s("5m"));
        row("fail message", step(4), "spec.message", s("broken"), "spec.message", s("broken"));
        row("fail errorType", step(4), "spec.errorType", s("Timeout"), "spec.errorType",
            s("Timeout"));
        row("fail succeedOnAttempt", step(4), "spec.succeedOnAttempt", 3,
            "spec.succeedOnAttempt", 3);
        row("verify condition", step(5), "spec.condition", s("1 < 2"), "spec.condition",
            s("1 < 2"));
        row("verify message", step(5), "spec.message", s("must"), "spec.message", s("must"));
        row("approval message", step(6), "spec.message", s("Ship?"), "spec.message", s("Ship?"));
        row("approval approvers", step(6), "spec.approvers", s("ops"), "spec.approvers", s("ops"));
        // Stage and group
        row("stage name", kStage, "name", s("Main"), "name", s("Main"));
        row("stage description", kStage, "description", s("Does it"), "description", s("Does it"));
        row("stage when", kStage, "when.status", s("All"), "when.status", s("All"));
        row("stage condition", kStage, "when.condition", s("true"), "when.condition", s("true"));
        row("group name", kGroup, "name", s("Group"), "name", s("Group"));
        row("group when", kGroup, "when.status", s("Failure"), "when.status", s("Failure"));
        // Pipeline
        row("pipeline name", kPipeline, "name", s("Fields"), "name", s("Fields"));
        row("pipeline description", kPipeline, "description", s("All of them"), "description",
            s("All of them"));
        row("pipeline timeout", kPipeline, "timeout", s("2h"), "timeout", s("2h"));
        row("pipeline maxParallel", kPipeline, "maxParallel", 4, "maxParallel", 4);
        row("pipeline failurePolicy", kPipeline, "failurePolicy", s("finishRunning"),
            "failurePolicy", s("finishRunning"));
        row("pipeline secrets", kPipeline, "secrets", QStringList{s("TOKEN")}, "secrets",
            QStringList{s("TOKEN")});
        row("pipeline header", kPipeline, "headerComment", s("What it is for"), "headerComment",
            s("What it is for"));
        const QVariantMap input{{s("id"), s("cluster")},
                                {s("type"), s("string")},
                                {s("default"), s("prod")},
                                {s("description"), s("Where")}};
        row("pipeline inputs", kPipeline, "inputs", list({input}), "inputs", list({input}));
        const QVariantMap retryAction{
            {s("type"), s("Retry")},
            {s("retryCount"), 3},
            {s("retryIntervals"), QStringList{s("1s"), s("5s")}},
            {s("onRetryFailure"), action("MarkAsFailure")},
            {s("timeout"), QString()},
            {s("onTimeout"), QVariant()}};
        const QVariantList strategies{
            strategy({s("Timeout"), s("Connectivity")}, retryAction),
            strategy({s("AllErrors")}, action("Abort"))};
        row("step strategies", step(0), "failureStrategies", strategies, "failureStrategies",
            strategies);
        row("pipeline strategies", kPipeline, "failureStrategies", strategies,
            "failureStrategies", strategies);
    }

    void setField()
    {
        QFETCH(QString, path);
        QFETCH(QString, field);
        QFETCH(QVariant, value);
        QFETCH(QString, readAt);
        QFETCH(QVariant, expected);

        DemoDocument document(kFieldsPipeline);
        const model::Pipeline before = document.pipeline();
        QVERIFY(document->setField(path, field, value));
        QCOMPARE(document->lastError(), QString());
        const QVariantMap properties = document->properties(path).toMap();
        QCOMPARE(gui::fieldAt(properties, readAt), expected);
        QCOMPARE(document->undoStack()->count(), 1);
        QVERIFY(document->isDirty());
        const model::Pipeline after = document.pipeline();
        QVERIFY(!(after == before));

        // What Save would write reads back as the same pipeline.
        const model::LoadResult reread = model::loadPipeline(document->yamlText().toUtf8());
        QVERIFY(reread.pipeline);
        QVERIFY(*reread.pipeline == after);

        document->undo();
        QVERIFY(document.pipeline() == before);
        QVERIFY(!document->isDirty());
        document->redo();
        QVERIFY(document.pipeline() == after);
        QCOMPARE(gui::fieldAt(document->properties(path).toMap(), readAt), expected);
    }

    void refusedValue_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("error");
        auto row = [](const char *name, const QString &path, const char *field,
                      const QVariant &value, const char *error) {
            QTest::newRow(name) << path << s(field) << value << s(error);
        };
        row("bad duration", step(0), "timeout", s("abc"),
            "timeout: 'abc' is not a duration (use 10m, 1h30m or PT10M)");
        row("bare number duration", step(0), "timeout", s("10"), "is not a duration");
        row("bad int", step(0), "retry.maxAttempts", s("many"), "not a whole number");
        row("fractional int", kPipeline, "maxParallel", 2.5, "not a whole number");
        row("bad double", step(0), "retry.delayFactor", s("x"), "not a number");
        row("bad bool", step(0), "retry.warningOnRetry", s("maybe"), "true or false");
        row("unknown retry field", step(0), "retry.bogus", 1, "not a field of retry");
        row("bad status", step(0), "when.status", s("Sometimes"), "is not one of");
        row("bad step type", step(0), "type", s("Docker"), "not a step type");
        row("field of other type", step(0), "spec.url", s("x"), "not a field of a Shell step");
        row("env not a map", step(0), "spec.env", 5, "expected a map");
        row("bad exit code", step(0), "spec.exitCodes", QVariantMap{{s("x"), s("Timeout")}},
            "not an exit code");
        row("bad policy", kPipeline, "failurePolicy", s("never"), "is not one of");
        row("bad input type", kPipeline, "inputs",
            list({QVariantMap{{s("id"), s("x")}, {s("type"), s("float")}}}), "inputs[0].type");
        row("stage has no catch", kStage, "catch", s("x"), "not a field of a stage");
        row("block has no fields", kBlock, "name", s("x"), "no fields");
        row("bad error type", step(0), "failureStrategies",
            list({strategy({s("Nope")}, action("Abort"))}), "not an error type");
        row("bad action type", step(0), "failureStrategies",
            list({strategy({s("AllErrors")}, action("Retyr"))}), "not an action type");
        QVariantMap badInterval = action("Retry");
        badInterval.insert(s("retryIntervals"), QStringList{s("soon")});
        row("bad retry interval", step(0), "failureStrategies",
            list({strategy({s("AllErrors")}, badInterval)}), "not a duration");
        row("missing element", step(42), "name", s("x"), "not an element");
        row("unknown pipeline field", kPipeline, "colour", s("x"), "not a field of the pipeline");
    }

    void refusedValue()
    {
        QFETCH(QString, path);
        QFETCH(QString, field);
        QFETCH(QVariant, value);
        QFETCH(QString, error);

        DemoDocument document(kFieldsPipeline);
        const model::Pipeline before = document.pipeline();
        QVERIFY(!document->setField(path, field, value));
        QVERIFY2(document->lastError().contains(error), qPrintable(document->lastError()));
        QVERIFY(document.pipeline() == before);
        QCOMPARE(document->undoStack()->count(), 0);
        QVERIFY(!document->isDirty());
    }

    void consecutiveEditsMerge()
    {
        DemoDocument document(kFieldsPipeline);
        const model::Pipeline before = document.pipeline();
        QVERIFY(document->setField(step(0), s("name"), s("B")));
        QVERIFY(document->setField(step(0), s("name"), s("Bu")));
        QVERIFY(document->setField(step(0), s("name"), s("Bui")));
        QCOMPARE(document->undoStack()->count(), 1);
        QCOMPARE(document->properties(step(0)).toMap().value(s("name")).toString(), s("Bui"));
        // Another field, or the same field of another element, is a new step.
        QVERIFY(document->setField(step(0), s("spec.command"), s("make x")));
        QVERIFY(document->setField(step(1), s("name"), s("Web")));
        QCOMPARE(document->undoStack()->count(), 3);
        document->undo();
        document->undo();
        document->undo();
        QVERIFY(document.pipeline() == before);
    }

    // Adding a strategy and then picking its action are two things the user did: one Ctrl+Z
    // takes back only the second.
    void strategyEditsAreSeparateSteps()
    {
        DemoDocument document(kFieldsPipeline);
        const auto entry = [](const QString &action) {
            return QVariantMap{{s("errors"), QVariantList{s("AllErrors")}},
                               {s("action"), QVariantMap{{s("type"), action}}}};
        };
        QVERIFY(document->setFailureStrategies(step(0), QVariantList{entry(s("MarkAsFailure"))}));
        QVERIFY(document->setFailureStrategies(step(0), QVariantList{entry(s("Ignore"))}));
        QCOMPARE(document->undoStack()->count(), 2);
        document->undo();
        const QVariantList strategies
            = document->properties(step(0)).toMap().value(s("failureStrategies")).toList();
        QCOMPARE(strategies.size(), 1);
        QCOMPARE(strategies.first().toMap().value(s("action")).toMap().value(s("type")).toString(),
                 s("MarkAsFailure"));
    }

    void typingBackDropsTheStep()
    {
        DemoDocument document(kFieldsPipeline);
        QVERIFY(document->setField(step(0), s("name"), s("X")));
        QVERIFY(document->setField(step(0), s("name"), s("")));
        QCOMPARE(document->undoStack()->count(), 0);
        QVERIFY(!document->isDirty());
    }

    void sameValueIsNoStep()
    {
        DemoDocument document(kFieldsPipeline);
        QVERIFY(document->setField(step(0), s("timeout"), s("5m")));
        QVERIFY(document->setField(step(0), s("spec.command"), s("make")));
        QCOMPARE(document->undoStack()->count(), 0);
    }

    void typeChangeUndoRestoresSpec()
    {
        DemoDocument document(kFieldsPipeline);
        const model::Pipeline before = document.pipeline();
        QVERIFY(document->setField(step(0), s("type"), s("Echo")));
        const QVariantMap properties = document->properties(step(0)).toMap();
        QCOMPARE(properties.value(s("type")).toString(), s("Echo"));
        QVERIFY(!properties.value(s("spec")).toMap().contains(s("command")));
        document->undo();
        QVERIFY(document.pipeline() == before);
        QCOMPARE(gui::fieldAt(document->properties(step(0)).toMap(), s("spec.command")),
                 QVariant(s("make")));
    }

    void mapEditKeepsOrder()
    {
        DemoDocument document(kFieldsPipeline);
        const model::Pipeline before = document.pipeline();
        // The file says B before A; a map (sorted) must not reorder them.
        QVERIFY(document->setField(step(0), s("spec.env"),
                                   QVariantMap{{s("A"), s("1")}, {s("B"), s("3")}}));
        const QString yaml = document->yamlText();
        QVERIFY2(yaml.indexOf(s("B: ")) < yaml.indexOf(s("A: ")), qPrintable(yaml));
        document->undo();
        QVERIFY(document.pipeline() == before);
    }

    void retryFieldOnStepWithoutRetryUndoesExactly()
    {
        DemoDocument document(kFieldsPipeline);
        const model::Pipeline before = document.pipeline();
        QVERIFY(document->setField(step(2), s("retry.maxAttempts"), 3));
        QVERIFY(document->properties(step(2)).toMap().value(s("retry")).isValid());
        document->undo();
        QVERIFY(document.pipeline() == before);
        QVERIFY(document->properties(step(2)).toMap().value(s("retry")).isNull());
    }

    void setFailureStrategiesIsOneStep()
    {
        DemoDocument document(kFieldsPipeline);
        const model::Pipeline before = document.pipeline();
        QVariantMap intervention = action("ManualIntervention");
        intervention.insert(s("timeout"), s("30m"));
        intervention.insert(s("onTimeout"), action("StageRollback"));
        const QVariantList strategies{strategy({s("AllErrors")}, intervention)};
        QVERIFY(document->setFailureStrategies(kStage, strategies));
        QCOMPARE(document->undoStack()->count(), 1);
        QCOMPARE(document->properties(kStage).toMap().value(s("failureStrategies")).toList(),
                 strategies);
        QVERIFY(document->yamlText().contains(s("ManualIntervention")));
        document->undo();
        QVERIFY(document.pipeline() == before);
        QVERIFY(!document->setFailureStrategies(kStage, s("nonsense")));
        QCOMPARE(document->undoStack()->count(), 1); // the redo-able one, nothing new
    }

    void propertiesShape()
    {
        DemoDocument document(kFieldsPipeline);
        const QVariantMap pipeline = document->properties(kPipeline).toMap();
        QCOMPARE(pipeline.value(s("kind")).toString(), s("pipeline"));
        QVERIFY(pipeline.value(s("maxParallel")).isNull());
        QCOMPARE(pipeline.value(s("failurePolicy")).toString(), QString());
        QVERIFY(pipeline.contains(s("inputs")) && pipeline.contains(s("secrets")));
        QVERIFY(pipeline.contains(s("headerComment")) && pipeline.contains(s("problems")));
        const QVariantMap shell = document->properties(step(0)).toMap();
        QCOMPARE(shell.value(s("kind")).toString(), s("step"));
        QCOMPARE(shell.value(s("type")).toString(), s("Shell"));
        QCOMPARE(shell.value(s("timeout")).toString(), s("5m"));
        QCOMPARE(gui::fieldAt(shell, s("retry.maxAttempts")), QVariant(2));
        QCOMPARE(shell.value(s("retrySentence")).toString(), s("up to 2 attempts, waiting 1 s"));
        QVERIFY(gui::fieldAt(shell, s("spec.shell")).isNull());
        QCOMPARE(document->properties(kGroup).toMap().value(s("kind")).toString(), s("stepGroup"));
        QCOMPARE(document->properties(kBlock).toMap().value(s("kind")).toString(), s("parallel"));
        QCOMPARE(document->properties(s("pipeline.stages[0].stage")).toMap().value(s("kind")),
                 QVariant(s("stage")));
        QVERIFY(!document->properties(step(99)).isValid());
    }

    void vocabularies()
    {
        DemoDocument document(kFieldsPipeline);
        QCOMPARE(document->stepTypes().size(), 7);
        QCOMPARE(document->errorTypes().size(), 12);
        QVERIFY(!document->actionTypes(step(0)).contains(s("RetryStepGroup")));
        QVERIFY(!document->actionTypes(step(0)).contains(s("StepGroupRollback")));
        QVERIFY(document->actionTypes(step(0)).contains(s("Retry")));
        const QString inner = kGroup + s(".steps[0].step");
        QVERIFY(document->actionTypes(inner).contains(s("RetryStepGroup")));
        QVERIFY(document->actionTypes(kGroup).contains(s("StepGroupRollback")));
        QCOMPARE(document->actionTypes(kStage).size(), 10);
    }

    // Values written in QML arrive as JS objects and arrays (QJSValue), not Qt containers.
    void acceptsJavaScriptValues()
    {
        DemoDocument document(kFieldsPipeline);
        QJSEngine engine;
        QJSEngine::setObjectOwnership(document.document.get(), QJSEngine::CppOwnership);
        engine.globalObject().setProperty(s("doc"), engine.newQObject(document.document.get()));
        engine.globalObject().setProperty(s("path"), step(0));
        const QJSValue result = engine.evaluate(s(
            "[doc.setField(path, 'spec.env', {X: '1', Y: '2'}),"
            " doc.setFailureStrategies(path, [{errors: ['Timeout'],"
            "   action: {type: 'Retry', retryCount: 2, retryIntervals: ['1s'],"
            "            onRetryFailure: {type: 'Abort'}, timeout: '', onTimeout: null}}]),"
            " doc.setField(path, 'retry', {type: 'exponential', maxAttempts: 3, interval: '2s'}),"
            " doc.setField(path, 'retry.onErrors', ['Timeout']),"
            " doc.setField(path, 'retry.maxAttempts', 4),"
            " doc.setField(path, 'timeout', null),"
            " doc.properties(path).retrySentence,"
            " doc.insertNew('Shell', 'pipeline.stages[0].stage.steps', -1)]"));
        QVERIFY2(!result.isError(), qPrintable(result.toString()));
        QCOMPARE(result.property(0).toBool(), true);
        QCOMPARE(result.property(1).toBool(), true);
        QCOMPARE(result.property(2).toBool(), true);
        QCOMPARE(result.property(3).toBool(), true);
        QCOMPARE(result.property(4).toBool(), true);
        QCOMPARE(result.property(5).toBool(), true);
        QCOMPARE(result.property(6).toString(), s("up to 4 attempts, waiting 2 s, 4 s, 8 s"));
        QCOMPARE(result.property(7).toString(), s("pipeline.stages[0].stage.steps[9].step"));
        const model::Step &shell = *document.pipeline().stages[0].stage()->steps[0].step();
        const auto &env = std::get<model::ShellSpec>(shell.spec).env;
        QCOMPARE(env.size(), 2);
        QCOMPARE(env.at(0).first, s("X"));
        QCOMPARE(shell.failureStrategies.size(), 1);
        QCOMPARE(shell.failureStrategies.at(0).action.retryCount, std::optional<int>(2));
        QVERIFY(shell.failureStrategies.at(0).action.onRetryFailure);
        QVERIFY(!shell.timeout);
        QCOMPARE(shell.retry->onErrors.size(), 1);
    }

    void retrySentences_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<QString>("interval");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("exponential") << "exponential" << 4 << "1s"
                                     << "up to 4 attempts, waiting 1 s, 2 s, 4 s";
        QTest::newRow("constant") << "constant" << 3 << "500ms"
                                  << "up to 3 attempts, waiting 500 ms, 500 ms";
        QTest::newRow("minutes") << "constant" << 2 << "90s"
                                 << "up to 2 attempts, waiting 1 min 30 s";
        QTest::newRow("one attempt") << "constant" << 1 << "1s" << "1 attempt, no retry";
        QTest::newRow("many") << "constant" << 10 << "1s"
                              << "up to 10 attempts, waiting 1 s, 1 s, 1 s, 1 s, 1 s, …";
    }

    void retrySentences()
    {
        QFETCH(QString, type);
        QFETCH(int, attempts);
        QFETCH(QString, interval);
        QFETCH(QString, sentence);
        model::RetryPolicy policy;
        policy.type = *model::parseRetryType(type);
        policy.maxAttempts = attempts;
        policy.interval = model::Duration::parse(interval).duration;
        QCOMPARE(gui::retrySentence(policy), sentence);
    }
};

QTEST_MAIN(DocumentFieldsTest)
#include "tst_document_fields.moc"
