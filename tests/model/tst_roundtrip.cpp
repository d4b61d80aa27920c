#include "model/PipelineFile.h"
#include "model/PipelineReader.h"
#include "model/PipelineWriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pw::model;

namespace {

Duration ms(qint64 value) { return Duration::fromMilliseconds(value); }

Step kitchenSinkStep()
{
    Step step;
    step.id = QStringLiteral("deploy");
    step.name = QStringLiteral("Deploy: \"quoted\" name");
    ShellSpec shell;
    shell.command = QStringLiteral("echo one\necho '{{ inputs.cluster }}'\n");
    shell.shell = QStringLiteral("/bin/bash");
    shell.workingDir = QStringLiteral("/tmp");
    shell.env = {{QStringLiteral("B_FIRST"), QStringLiteral("2")}, {QStringLiteral("A_SECOND"), QStringLiteral("true")}};
    shell.exitCodes = {{2, ErrorType::Connectivity}, {3, ErrorType::Authorization}};
    shell.killGrace = ms(1500);
    step.spec = shell;
    step.timeout = ms(600000);
    step.when = When{StatusCondition::All, QStringLiteral("inputs.cluster !== 'prod'")};
    RetryPolicy retry;
    retry.type = RetryType::Exponential;
    retry.maxAttempts = 4;
    retry.interval = ms(1000);
    retry.delayFactor = 2.5;
    retry.maxInterval = ms(30000);
    retry.maxDuration = ms(300000);
    retry.warningOnRetry = false;
    retry.onErrors = {ErrorType::Connectivity, ErrorType::Timeout};
    step.retry = retry;
    step.catchVar = QStringLiteral("deploy_error");
    Executor executor; // every field of an executor
    executor.type = ExecutorType::Slurm;
    executor.partition = QStringLiteral("batch");
    executor.cpus = 4;
    executor.memory = QStringLiteral("8G");
    executor.time = ms(2 * 60 * 60 * 1000);
    executor.account = QStringLiteral("ml");
    executor.extraArgs = {QStringLiteral("--gres=gpu:1"), QStringLiteral("--qos=high")};
    executor.outputDir = QStringLiteral("/shared/pw-jobs");
    step.executor = executor;

    FailureAction markFailed;
    markFailed.type = ActionType::MarkAsFailure;
    FailureAction retryAction;
    retryAction.type = ActionType::Retry;
    retryAction.retryCount = 3;
    retryAction.retryIntervals = {ms(1000), ms(5000)};
    retryAction.onRetryFailure = markFailed;
    FailureAction rollback;
    rollback.type = ActionType::StageRollback;
    FailureAction intervention;
    intervention.type = ActionType::ManualIntervention;
    intervention.timeout = ms(1800000);
    intervention.onTimeout = rollback;
    step.failureStrategies = {{{ErrorType::Timeout, ErrorType::Connectivity}, retryAction},
                              {{ErrorType::AllErrors}, intervention}};
    return step;
}

Node stepNode(const QString &id, StepSpec spec)
{
    Step step;
    step.id = id;
    step.spec = std::move(spec);
    return Node{step};
}

// A pipeline that sets every field of the format at least once.
Pipeline kitchenSink()
{
    Pipeline pipeline;
    pipeline.headerComment = QStringLiteral("Every field.\n\nSecond paragraph.");
    pipeline.id = QStringLiteral("everything");
    pipeline.name = QStringLiteral("Everything");
    pipeline.description = QStringLiteral("Uses: every field");
    pipeline.inputs = {{QStringLiteral("cluster"), InputType::String, QStringLiteral("123"), QStringLiteral("Target")},
                       {QStringLiteral("replicas"), InputType::Integer, QStringLiteral("3"), {}},
                       {QStringLiteral("ratio"), InputType::Number, QStringLiteral("0.5"), {}},
                       {QStringLiteral("dry_run"), InputType::Boolean, QStringLiteral("false"), {}},
                       {QStringLiteral("required_one"), std::nullopt, std::nullopt, {}}};
    pipeline.secrets = {QStringLiteral("DEPLOY_TOKEN")};
    pipeline.maxParallel = 3;
    pipeline.timeout = ms(7200000);
    pipeline.failurePolicy = FailurePolicy::FinishRunning;
    pipeline.executor = Executor{ExecutorType::Slurm, {}, 1, QStringLiteral("512M"), {}, {}, {}, {}};
    FailureAction abort;
    abort.type = ActionType::Abort;
    pipeline.failureStrategies = {{{ErrorType::DelegateRestart, ErrorType::InputTimeoutError}, abort}};
    pipeline.errorHandler = {stepNode(QStringLiteral("notify"), EchoSpec{QStringLiteral("failed: {{ error.message }}"), LogLevel::Error})};

    Stage build;
    build.id = QStringLiteral("build");
    build.name = QStringLiteral("Build");
    build.description = QStringLiteral("multi\nline\ndescription");
    build.when = When{StatusCondition::Success, {}};
    build.executor = Executor{ExecutorType::Slurm, QStringLiteral("debug"), {}, {}, {}, {}, {}, {}};
    build.failureStrategies = pipeline.failureStrategies;
    StepGroup group;
    group.id = QStringLiteral("tests");
    group.name = QStringLiteral("Tests");
    group.when = When{std::nullopt, QStringLiteral("true")};
    group.executor = Executor{ExecutorType::Local, {}, {}, {}, {}, {}, {}, {}};
    FailureAction retryGroup;
    retryGroup.type = ActionType::RetryStepGroup;
    retryGroup.retryCount = 1;
    group.failureStrategies = {{{ErrorType::Verification}, retryGroup}};
    group.steps = {stepNode(QStringLiteral("verify"), VerifySpec{QStringLiteral("1 + 1 === 2"), QStringLiteral("math")}),
                   Node{ParallelBlock{{stepNode(QStringLiteral("wait"), WaitSpec{ms(250)}),
                                       stepNode(QStringLiteral("fail"), FailSpec{QStringLiteral("boom"), ErrorType::PolicyEvaluationFailure, 2})}}}};
    group.rollbackSteps = {stepNode(QStringLiteral("undo_tests"), EchoSpec{QStringLiteral("undo"), std::nullopt})};
    group.errorHandler = {stepNode(QStringLiteral("tests_failed"), EchoSpec{QStringLiteral("tests failed"), LogLevel::Warn})};
    build.steps = {Node{kitchenSinkStep()}, Node{group}};
    build.rollbackSteps = {stepNode(QStringLiteral("undo_build"), EchoSpec{QStringLiteral("undo"), std::nullopt})};
    build.errorHandler = {stepNode(QStringLiteral("build_failed"), EchoSpec{QStringLiteral("yes"), std::nullopt})};

    Stage ship;
    ship.id = QStringLiteral("ship");
    ship.when = When{StatusCondition::Failure, {}};
    HttpSpec http;
    http.url = QStringLiteral("https://example.invalid/{{ inputs.cluster }}");
    http.method = QStringLiteral("POST");
    http.headers = {{QStringLiteral("Authorization"), QStringLiteral("Bearer {{ secrets.DEPLOY_TOKEN }}")}};
    http.body = QStringLiteral("{\"a\": 1}");
    http.expectStatus = {200, 201};
    Step approval;
    approval.id = QStringLiteral("approve");
    approval.spec = ApprovalSpec{QStringLiteral("Ship it?"), QStringLiteral("release managers")};
    approval.timeout = ms(86400000);
    ship.steps = {stepNode(QStringLiteral("call"), http), Node{approval}};
    Stage docs;
    docs.id = QStringLiteral("docs");
    docs.steps = {stepNode(QStringLiteral("publish_docs"), EchoSpec{QStringLiteral("0.5"), LogLevel::Info})};

    pipeline.stages = {StageItem{build}, StageItem{ParallelStages{{ship, docs}}}};
    return pipeline;
}

QStringList exampleFiles()
{
    QStringList files;
    const QDir dir(QStringLiteral(PW_EXAMPLES_DIR));
    for (const QString &name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString describe(const Problems &problems)
{
    QStringList lines;
    for (const Problem &problem : problems)
        lines << formatProblem(QStringLiteral("text"), problem);
    return lines.join(u'\n');
}

} // namespace

class TestRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void examples_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList files = exampleFiles();
        QVERIFY2(files.size() >= 6, "the examples folder should hold at least six pipelines");
        for (const QString &file : files)
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
    }
    void examples()
    {
        QFETCH(QString, path);
        const LoadResult loaded = loadPipelineFile(path);
        QVERIFY2(loaded.problems.isEmpty(), qPrintable(describe(loaded.problems)));
        QVERIFY(loaded.pipeline);

        const QByteArray saved = writePipeline(*loaded.pipeline);
        QCOMPARE(saved, readAll(path)); // examples are kept in canonical form (fmt --check)
        const LoadResult reloaded = loadPipeline(saved);
        QVERIFY2(!reloaded.hasErrors(), qPrintable(describe(reloaded.problems)));
        QVERIFY(*reloaded.pipeline == *loaded.pipeline);
        QCOMPARE(writePipeline(*reloaded.pipeline), saved);

        // JSON carries everything but the comment block.
        const QByteArray json = writePipeline(*loaded.pipeline, FileFormat::Json);
        QVERIFY(json.startsWith('{'));
        const LoadResult fromJson = loadPipeline(json);
        QVERIFY2(!fromJson.hasErrors(), qPrintable(describe(fromJson.problems)));
        Pipeline withoutComment = *loaded.pipeline;
        withoutComment.headerComment.clear();
        QVERIFY(*fromJson.pipeline == withoutComment);
        QCOMPARE(writePipeline(*fromJson.pipeline, FileFormat::Json), json);
    }

    void everyFieldSurvives()
    {
        const Pipeline original = kitchenSink();
        for (FileFormat format : {FileFormat::Yaml, FileFormat::Json}) {
            const QByteArray text = writePipeline(original, format);
            const LoadResult loaded = loadPipeline(text);
            QVERIFY2(loaded.problems.isEmpty(), qPrintable(describe(loaded.problems) + u'\n' + QString::fromUtf8(text)));
            Pipeline expected = original;
            if (format == FileFormat::Json)
                expected.headerComment.clear();
            QVERIFY2(*loaded.pipeline == expected, text.constData());
            QCOMPARE(writePipeline(*loaded.pipeline, format), text);
        }
    }

    void savedTextLooksCanonical()
    {
        const QByteArray text = writePipeline(kitchenSink());
        QVERIFY(text.startsWith("# Every field.\n#\n# Second paragraph.\npipeline:\n  id: everything\n"));
        QVERIFY(text.contains("errors: [Timeout, Connectivity]"));
        QVERIFY(text.contains("timeout: 10m"));
        QVERIFY(text.contains("command: |\n"));
        QVERIFY(text.contains("default: \"123\"")); // a string input stays a string
        QVERIFY(text.contains("default: 3\n"));
        QVERIFY(text.contains("message: \"yes\"")); // would read back as a boolean in YAML 1.1
    }

    void jsonFilesLoad()
    {
        const QByteArray json = R"({"pipeline": {"id": "j", "stages": [
            {"stage": {"id": "s", "steps": [{"step": {"id": "e", "type": "Echo",
             "spec": {"message": "hi"}, "timeout": "PT5S"}}]}}]}})";
        const LoadResult loaded = loadPipeline(json);
        QVERIFY2(loaded.problems.isEmpty(), qPrintable(describe(loaded.problems)));
        const Step *step = loaded.pipeline->stages.at(0).stage()->steps.at(0).step();
        QVERIFY(step);
        QCOMPARE(step->timeout->milliseconds(), 5000);
        QCOMPARE(std::get<EchoSpec>(step->spec).message, QStringLiteral("hi"));
    }

    void saveIsAtomicAndReportsFailures()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("p.yaml"));
        SaveResult result = savePipelineFile(kitchenSink(), path);
        QVERIFY2(result.ok, qPrintable(result.error));
        const QByteArray first = readAll(path);
        QVERIFY(savePipelineFile(kitchenSink(), path).ok);
        QCOMPARE(readAll(path), first); // saving twice gives the same bytes
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("p.yaml")});

        const QString json = dir.filePath(QStringLiteral("p.json"));
        QVERIFY(savePipelineFile(kitchenSink(), json).ok);
        QVERIFY(readAll(json).startsWith('{'));

        result = savePipelineFile(kitchenSink(), dir.filePath(QStringLiteral("missing/dir/p.yaml")));
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QStringLiteral("missing/dir/p.yaml")), qPrintable(result.error));
    }

    void headerCommentIsKeptOtherCommentsAreNot()
    {
        const QByteArray text = "# What this is for.\n#   indented detail\n\npipeline:\n  id: c # trailing\n"
                                "  stages:\n    - stage:\n        id: s\n        steps:\n"
                                "          - step: {id: e, type: Echo, spec: {message: hi}}\n";
        const LoadResult loaded = loadPipeline(text);
        QVERIFY2(loaded.problems.isEmpty(), qPrintable(describe(loaded.problems)));
        QCOMPARE(loaded.pipeline->headerComment, QStringLiteral("What this is for.\n  indented detail"));
        const QByteArray saved = writePipeline(*loaded.pipeline);
        QVERIFY(saved.startsWith("# What this is for.\n#   indented detail\npipeline:\n"));
        QVERIFY(!saved.contains("trailing"));
    }
};

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"
