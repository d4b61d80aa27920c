#include "model/PipelineFile.h"
#include "model/Validator.h"

#include <QTest>

using namespace pw::model;

// One row per validation rule of the format spec ("Errors in a file"): the text, and every
// line `pipewright validate` prints for it (file name "f"). Rows that expect nothing show that
// a rule does not fire where it must not.
class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, expected);
        const LoadResult result = loadPipeline(text, &m_validator);
        QStringList lines;
        for (const Problem &problem : result.problems)
            lines << formatProblem(QStringLiteral("f"), problem);
        QCOMPARE(lines, expected);
        // Rule violations are about a whole pipeline: the file still loads, so the designer
        // can open it and show the problems in place.
        QVERIFY(result.pipeline.has_value());
    }

    void problemsNameTheirNodeAndField()
    {
        const LoadResult result = loadPipeline(
            "pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n"
            "          - step: {id: a, type: Echo, spec: {message: hi}, retry: {type: constant, "
            "interval: 1s, maxAttempts: 0}}\n",
            &m_validator);
        QCOMPARE(result.problems.size(), 1);
        const Problem &problem = result.problems.first();
        QCOMPARE(problem.nodeId, QStringLiteral("a"));
        QCOMPARE(problem.field, QStringLiteral("retry.maxAttempts"));
        QCOMPARE(problem.path, QStringLiteral("pipeline.stages[0].stage.steps[0].step.retry.maxAttempts"));
        QVERIFY(problem.isError());
    }

    void validatesDocumentsWithoutAFile()
    {
        // The designer validates what is being edited: no source map, so no positions, but
        // the same rules and messages.
        Pipeline pipeline;
        pipeline.id = QStringLiteral("p");
        Stage stage;
        stage.id = QStringLiteral("s");
        Step step;
        step.id = QStringLiteral("s");
        step.spec = ShellSpec{};
        stage.steps.push_back(Node{step});
        pipeline.stages.push_back(StageItem{stage});
        const Problems problems = m_validator.validate(pipeline);
        QStringList lines;
        for (const Problem &problem : problems)
            lines << formatProblem(QStringLiteral("doc"), problem);
        QCOMPARE(lines, (QStringList{
            QStringLiteral("doc: stage 's': step 's': id: duplicate id 's' (already used by stage 's'; stages, groups and steps share one namespace)"),
            QStringLiteral("doc: stage 's': step 's': spec.command: missing (required for this step type)")}));
    }

    void structuralErrorsGiveNoPipeline()
    {
        const LoadResult result = loadPipeline("pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n"
                                               "        steps:\n          - step: {id: a, type: Shel}\n");
        QVERIFY(result.hasErrors());
        QVERIFY(!result.pipeline.has_value());
    }

private:
    Validator m_validator; // one JS engine for all rows, as the command line does
};

void TestValidation::rules_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("executor fields")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  executor: {type: slurm, cpus: 0}\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        executor: {type: slurm, memory: 8GB}\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Shell, spec: {command: 'true'}, executor: {type: slurm, extraArgs: ['--output=x.log', '-J', 'n', '--qos=high']}}\n"
                  "          - step: {id: b, type: Echo, spec: {message: hi}, executor: {type: local}}\n")
        << QStringList{QStringLiteral("f:3:33: pipeline: executor.cpus: must be at least 1 (got 0)"),
                       QStringLiteral("f:7:41: stage 's': executor.memory: '8GB' is not a size (a whole number with K, M, G or T, e.g. 512M or 8G)"),
                       QStringLiteral("f:9:100: stage 's': step 'a': executor.extraArgs: '--output=x.log' sets --output, which Pipewright manages itself"),
                       QStringLiteral("f:9:100: stage 's': step 'a': executor.extraArgs: '-J' sets -J, which Pipewright manages itself"),
                       QStringLiteral("f:10:70: stage 's': step 'b': executor: only Shell steps run on an executor (Echo steps run inside Pipewright)")};
    QTest::newRow("catch name")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Fail, catch: not-a-name}\n")
        << QStringList{QStringLiteral("f:7:46: stage 's': step 'a': catch: 'not-a-name' is not a valid variable name")};
    QTest::newRow("condition syntax")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        when: {condition: \"inputs.x ===\"}\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}, when: {stageStatus: All, condition: \"(\"}}\n")
        << QStringList{QStringLiteral("f:6:27: stage 's': when.condition: expression 'inputs.x ===' does not parse: Parse error"), QStringLiteral("f:8:96: stage 's': step 'a': when.condition: expression '(' does not parse: Parse error")};
    QTest::newRow("duplicate across stages")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}}\n"
                  "    - stage:\n"
                  "        id: t\n"
                  "        steps:\n"
                  "          - stepGroup: {id: a, steps: [{step: {id: b, type: Echo, spec: {message: x}}}]}\n")
        << QStringList{QStringLiteral("f:11:29: stage 't': group 'a': id: duplicate id 'a' (already used by step 'a' at line 7; stages, groups and steps share one namespace)")};
    QTest::newRow("duplicate in rollback")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}}\n"
                  "        rollbackSteps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: undo}}\n")
        << QStringList{QStringLiteral("f:9:24: stage 's': rollbackSteps: step 'a': id: duplicate id 'a' (already used by step 'a' at line 7; stages, groups and steps share one namespace)")};
    QTest::newRow("duplicate input")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  inputs:\n"
                  "    - {id: x}\n"
                  "    - {id: x, type: integer, default: 3}\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}}\n")
        << QStringList{QStringLiteral("f:5:12: input 'x': inputs[1].id: duplicate input 'x'")};
    QTest::newRow("duplicate step stage")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: s, type: Echo, spec: {message: hi}}\n")
        << QStringList{QStringLiteral("f:7:24: stage 's': step 's': id: duplicate id 's' (already used by stage 's' at line 5; stages, groups and steps share one namespace)")};
    QTest::newRow("empty group")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - stepGroup: {id: g, steps: []}\n")
        << QStringList{QStringLiteral("f:7:39: stage 's': group 'g': steps: a step group needs at least one step")};
    QTest::newRow("empty parallel")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - parallel: []\n")
        << QStringList{QStringLiteral("f:7:23: stage 's': steps[0].parallel: a parallel block needs at least one item")};
    QTest::newRow("empty stage steps")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps: []\n")
        << QStringList{QStringLiteral("f:6:16: stage 's': steps: a stage needs at least one step")};
    QTest::newRow("errors list")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  failureStrategies:\n"
                  "    - onFailure: {errors: [], action: {type: Abort}}\n"
                  "    - onFailure: {errors: [Timeout, AllErrors], action: {type: Ignore}}\n"
                  "    - onFailure: {errors: [Timeout, timeout], action: {type: Ignore}}\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}}\n")
        << QStringList{QStringLiteral("f:4:27: pipeline: failureStrategies[0].onFailure.errors: list at least one error type (or AllErrors)"), QStringLiteral("f:5:27: warning: pipeline: failureStrategies[1].onFailure.errors: AllErrors already matches every error; the other types add nothing"), QStringLiteral("f:6:27: warning: pipeline: failureStrategies[2].onFailure.errors: Timeout is listed twice")};
    QTest::newRow("exit codes")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Shell, spec: {command: \"true\", exitCodes: {\"0\": Timeout, \"2\": AllErrors, \"300\": Unknown}}}\n")
        << QStringList{QStringLiteral("f:7:81: stage 's': step 'a': spec.exitCodes.0: exit codes are 1 to 255 (0 means success)"), QStringLiteral("f:7:95: stage 's': step 'a': spec.exitCodes.2: AllErrors only matches errors; a step cannot raise it"), QStringLiteral("f:7:113: stage 's': step 'a': spec.exitCodes.300: exit codes are 1 to 255 (0 means success)")};
    QTest::newRow("fail spec")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Fail, spec: {errorType: AllErrors, succeedOnAttempt: 0}}\n")
        << QStringList{QStringLiteral("f:7:57: stage 's': step 'a': spec.errorType: AllErrors only matches errors; a step cannot raise it"), QStringLiteral("f:7:86: stage 's': step 'a': spec.succeedOnAttempt: must be at least 1 (got 0)")};
    QTest::newRow("group actions inside group ok")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - stepGroup:\n"
                  "              id: g\n"
                  "              steps:\n"
                  "                - step:\n"
                  "                    id: a\n"
                  "                    type: Echo\n"
                  "                    spec: {message: hi}\n"
                  "                    failureStrategies:\n"
                  "                      - onFailure: {errors: [AllErrors], action: {type: StepGroupRollback}}\n")
        << QStringList{};
    QTest::newRow("group rollback in follow up")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step:\n"
                  "              id: a\n"
                  "              type: Echo\n"
                  "              spec: {message: hi}\n"
                  "              failureStrategies:\n"
                  "                - onFailure:\n"
                  "                    errors: [Timeout]\n"
                  "                    action:\n"
                  "                      type: ManualIntervention\n"
                  "                      spec: {timeout: 1m, onTimeout: {action: {type: StepGroupRollback}}}\n")
        << QStringList{QStringLiteral("f:16:70: stage 's': step 'a': failureStrategies[0].onFailure.action.spec.onTimeout.action.type: StepGroupRollback needs an enclosing step group, and this step is in none")};
    QTest::newRow("identifier format")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: 1abc, type: Echo, spec: {message: hi}}\n")
        << QStringList{QStringLiteral("f:7:24: stage 's': step '1abc': id: '1abc' is not a valid identifier (letters, digits and '_', not starting with a digit)")};
    QTest::newRow("input default type")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  inputs:\n"
                  "    - {id: n, type: integer, default: abc}\n"
                  "    - {id: b, type: boolean, default: yes}\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}}\n")
        << QStringList{QStringLiteral("f:4:39: input 'n': inputs[0].default: 'abc' is not a valid integer"), QStringLiteral("f:5:39: input 'b': inputs[1].default: 'yes' is not a valid boolean")};
    QTest::newRow("intervention after timeout")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step:\n"
                  "              id: a\n"
                  "              type: Echo\n"
                  "              spec: {message: hi}\n"
                  "              failureStrategies:\n"
                  "                - onFailure: {errors: [AllErrors], action: {type: ManualIntervention, spec: {onTimeout: {action: {type: ManualIntervention}}}}}\n")
        << QStringList{QStringLiteral("f:12:121: stage 's': step 'a': failureStrategies[0].onFailure.action.spec.onTimeout.action.type: onTimeout may not be another ManualIntervention")};
    QTest::newRow("js never runs")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Verify, spec: {condition: \"1); while(true){}; (1\"}}\n")
        << QStringList{};
    QTest::newRow("max attempts")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}, retry: {type: constant, interval: 1s, maxAttempts: 0}}\n")
        << QStringList{QStringLiteral("f:7:111: stage 's': step 'a': retry.maxAttempts: must be at least 1 (got 0)")};
    QTest::newRow("max parallel")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  maxParallel: 0\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}}\n")
        << QStringList{QStringLiteral("f:3:16: pipeline: maxParallel: must be at least 1 (got 0)")};
    QTest::newRow("missing id")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {type: Echo, spec: {message: hi}}\n")
        << QStringList{QStringLiteral("f:7:19: stage 's': step #1: id: missing (every step needs one)")};
    QTest::newRow("negative durations")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Wait, spec: {duration: -1s}, timeout: -PT1S}\n"
                  "          - step:\n"
                  "              id: b\n"
                  "              type: Echo\n"
                  "              spec: {message: hi}\n"
                  "              failureStrategies:\n"
                  "                - onFailure: {errors: [Timeout], action: {type: Retry, spec: {retryCount: 2, retryIntervals: [1s, -2s]}}}\n")
        << QStringList{QStringLiteral("f:7:56: stage 's': step 'a': spec.duration: must not be negative (got -1s)"), QStringLiteral("f:7:71: stage 's': step 'a': timeout: must not be negative (got -1s)"), QStringLiteral("f:13:115: stage 's': step 'b': failureStrategies[0].onFailure.action.spec.retryIntervals[1]: must not be negative (got -2s)")};
    QTest::newRow("nested parallel")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - parallel:\n"
                  "              - parallel:\n"
                  "                  - step: {id: a, type: Echo, spec: {message: hi}}\n")
        << QStringList{QStringLiteral("f:9:19: stage 's': steps[0].parallel[0].parallel: a parallel block may not be nested directly inside another")};
    QTest::newRow("no stages")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages: []\n")
        << QStringList{QStringLiteral("f:3:11: pipeline: stages: a pipeline needs at least one stage")};
    QTest::newRow("required spec fields")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Shell}\n"
                  "          - step: {id: b, type: Http, spec: {method: FETCH, expectStatus: [200, 999]}}\n"
                  "          - step: {id: c, type: Verify, spec: {message: m}}\n"
                  "          - step: {id: d, type: Echo}\n")
        << QStringList{QStringLiteral("f:7:19: stage 's': step 'a': spec.command: missing (required for this step type)"), QStringLiteral("f:8:45: stage 's': step 'b': spec.url: missing (required for this step type)"), QStringLiteral("f:8:54: stage 's': step 'b': spec.method: unknown HTTP method 'FETCH' (expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS)"), QStringLiteral("f:8:81: stage 's': step 'b': spec.expectStatus[1]: 999 is not an HTTP status code (100 to 599)"), QStringLiteral("f:9:47: stage 's': step 'c': spec.condition: missing (required for this step type)"), QStringLiteral("f:10:19: stage 's': step 'd': spec.message: missing (required for this step type)")};
    QTest::newRow("retry after retry")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step:\n"
                  "              id: a\n"
                  "              type: Echo\n"
                  "              spec: {message: hi}\n"
                  "              failureStrategies:\n"
                  "                - onFailure: {errors: [AllErrors], action: {type: Retry, spec: {retryCount: 1, onRetryFailure: {action: {type: Retry, spec: {retryCount: 1}}}}}}\n")
        << QStringList{QStringLiteral("f:12:128: stage 's': step 'a': failureStrategies[0].onFailure.action.spec.onRetryFailure.action.type: onRetryFailure may not be another retry (Retry)")};
    QTest::newRow("retry count")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step:\n"
                  "              id: a\n"
                  "              type: Echo\n"
                  "              spec: {message: hi}\n"
                  "              failureStrategies:\n"
                  "                - onFailure: {errors: [Timeout], action: {type: Retry, spec: {retryCount: 0}}}\n"
                  "                - onFailure: {errors: [Unknown], action: {type: Retry}}\n")
        << QStringList{QStringLiteral("f:12:91: stage 's': step 'a': failureStrategies[0].onFailure.action.spec.retryCount: must be at least 1 (got 0)"), QStringLiteral("f:13:58: stage 's': step 'a': failureStrategies[1].onFailure.action.spec.retryCount: missing (required for Retry)")};
    QTest::newRow("retry group outside group")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step:\n"
                  "              id: a\n"
                  "              type: Echo\n"
                  "              spec: {message: hi}\n"
                  "              failureStrategies:\n"
                  "                - onFailure: {errors: [AllErrors], action: {type: RetryStepGroup, spec: {retryCount: 1}}}\n")
        << QStringList{QStringLiteral("f:12:67: stage 's': step 'a': failureStrategies[0].onFailure.action.type: RetryStepGroup needs an enclosing step group, and this step is in none")};
    QTest::newRow("retry type fields")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}, retry: {type: constant, maxAttempts: 2, delayFactor: 2}}\n"
                  "          - step: {id: b, type: Echo, spec: {message: hi}, retry: {type: random, maxAttempts: 2, minInterval: 5s, maxInterval: 1s}}\n"
                  "          - step: {id: c, type: Echo, spec: {message: hi}, retry: {type: exponential, maxAttempts: 2, interval: 1s, delayFactor: 0.5}}\n")
        << QStringList{QStringLiteral("f:7:67: stage 's': step 'a': retry.interval: missing (required for constant retries)"), QStringLiteral("f:7:113: warning: stage 's': step 'a': retry.delayFactor: applies only to exponential retries (ignored for constant)"), QStringLiteral("f:8:111: stage 's': step 'b': retry.minInterval: 5s is longer than maxInterval 1s"), QStringLiteral("f:9:130: stage 's': step 'c': retry.delayFactor: must be at least 1 (got 0.5)")};
    QTest::newRow("retry unbounded")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}, retry: {type: constant, interval: 1s}}\n")
        << QStringList{QStringLiteral("f:7:67: stage 's': step 'a': retry: needs maxAttempts or maxDuration, or it would retry forever")};
    QTest::newRow("secret name")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  secrets: [GOOD, bad-name, GOOD]\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}}\n")
        << QStringList{QStringLiteral("f:3:19: pipeline: secrets[1]: 'bad-name' is not a valid environment variable name"), QStringLiteral("f:3:29: warning: pipeline: secrets[2]: secret 'GOOD' is listed twice")};
    QTest::newRow("template syntax")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Shell, spec: {command: \"echo {{ steps.a.outputs. }}\"}}\n"
                  "          - step: {id: b, type: Echo, spec: {message: \"hi {{ inputs.x\"}}\n"
                  "          - step: {id: c, type: Echo, spec: {message: \"hi {{ }}\"}}\n")
        << QStringList{QStringLiteral("f:7:56: stage 's': step 'a': spec.command: expression '{{ steps.a.outputs. }}' does not parse: Parse error"), QStringLiteral("f:8:55: stage 's': step 'b': spec.message: unterminated '{{' at character 4"), QStringLiteral("f:9:55: stage 's': step 'c': spec.message: empty expression '{{ }}' at character 4")};
    QTest::newRow("unknown keys are warnings")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi, colour: red}, retyr: {}}\n")
        << QStringList{QStringLiteral("f:7:59: warning: stage 's': step 'a': unknown key 'spec.colour' (ignored)"), QStringLiteral("f:7:73: warning: stage 's': step 'a': unknown key 'retyr' (ignored) (did you mean 'retry'?)")};
    QTest::newRow("zero timeouts")
        << QByteArray(
                  "pipeline:\n"
                  "  id: p\n"
                  "  timeout: 0s\n"
                  "  stages:\n"
                  "    - stage:\n"
                  "        id: s\n"
                  "        steps:\n"
                  "          - step: {id: a, type: Echo, spec: {message: hi}, timeout: 0ms}\n")
        << QStringList{QStringLiteral("f:3:12: pipeline: timeout: must be longer than 0s"), QStringLiteral("f:8:69: stage 's': step 'a': timeout: must be longer than 0s")};
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
