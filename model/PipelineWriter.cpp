#include "PipelineWriter.h"

#include "DocTree.h"

namespace pw::model {
namespace {

void addText(DocTree &map, const char *key, const QString &value)
{
    if (!value.isEmpty())
        map.add(QString::fromLatin1(key), DocTree::text(value));
}

void addDuration(DocTree &map, const char *key, const std::optional<Duration> &value)
{
    if (value)
        map.add(QString::fromLatin1(key), DocTree::text(value->toString()));
}

void addInteger(DocTree &map, const char *key, const std::optional<int> &value)
{
    if (value)
        map.add(QString::fromLatin1(key), DocTree::integer(*value));
}

template <typename Enum>
void addEnum(DocTree &map, const char *key, const std::optional<Enum> &value)
{
    if (value)
        map.add(QString::fromLatin1(key), DocTree::text(toString(*value)));
}

DocTree errorList(const QList<ErrorType> &errors)
{
    DocTree list = DocTree::list();
    for (ErrorType error : errors)
        list.append(DocTree::text(toString(error)));
    return list;
}

DocTree pairsMap(const StringPairs &pairs)
{
    DocTree map = DocTree::map();
    for (const auto &[key, value] : pairs)
        map.add(key, DocTree::text(value));
    return map;
}

DocTree action(const FailureAction &action);

DocTree followUp(const FailureAction &next)
{
    DocTree wrapper = DocTree::map();
    wrapper.add(QStringLiteral("action"), action(next));
    return wrapper;
}

DocTree action(const FailureAction &action)
{
    DocTree map = DocTree::map();
    map.add(QStringLiteral("type"), DocTree::text(toString(action.type)));
    DocTree spec = DocTree::map();
    if (isRetryAction(action.type)) {
        addInteger(spec, "retryCount", action.retryCount);
        if (!action.retryIntervals.isEmpty()) {
            DocTree intervals = DocTree::list();
            for (const Duration &interval : action.retryIntervals)
                intervals.append(DocTree::text(interval.toString()));
            spec.add(QStringLiteral("retryIntervals"), std::move(intervals));
        }
        if (action.onRetryFailure)
            spec.add(QStringLiteral("onRetryFailure"), followUp(*action.onRetryFailure));
    } else if (action.type == ActionType::ManualIntervention) {
        addDuration(spec, "timeout", action.timeout);
        if (action.onTimeout)
            spec.add(QStringLiteral("onTimeout"), followUp(*action.onTimeout));
    }
    if (!spec.isEmptyCollection())
        map.add(QStringLiteral("spec"), std::move(spec));
    return map;
}

void addStrategies(DocTree &map, const FailureStrategies &strategies)
{
    if (strategies.isEmpty())
        return;
    DocTree list = DocTree::list();
    for (const FailureStrategy &strategy : strategies) {
        DocTree onFailure = DocTree::map();
        onFailure.add(QStringLiteral("errors"), errorList(strategy.errors));
        onFailure.add(QStringLiteral("action"), action(strategy.action));
        DocTree entry = DocTree::map();
        entry.add(QStringLiteral("onFailure"), std::move(onFailure));
        list.append(std::move(entry));
    }
    map.add(QStringLiteral("failureStrategies"), std::move(list));
}

void addWhen(DocTree &map, const When &when, const char *statusKey)
{
    if (when.isEmpty())
        return;
    DocTree whenMap = DocTree::map();
    addEnum(whenMap, statusKey, when.status);
    addText(whenMap, "condition", when.condition);
    map.add(QStringLiteral("when"), std::move(whenMap));
}

DocTree retry(const RetryPolicy &retry)
{
    DocTree map = DocTree::map();
    map.add(QStringLiteral("type"), DocTree::text(toString(retry.type)));
    addInteger(map, "maxAttempts", retry.maxAttempts);
    addDuration(map, "interval", retry.interval);
    if (retry.delayFactor)
        map.add(QStringLiteral("delayFactor"), DocTree::number(*retry.delayFactor));
    addDuration(map, "maxInterval", retry.maxInterval);
    addDuration(map, "minInterval", retry.minInterval);
    addDuration(map, "maxDuration", retry.maxDuration);
    if (retry.warningOnRetry)
        map.add(QStringLiteral("warningOnRetry"), DocTree::boolean(*retry.warningOnRetry));
    if (!retry.onErrors.isEmpty())
        map.add(QStringLiteral("onErrors"), errorList(retry.onErrors));
    return map;
}

DocTree executor(const Executor &executor)
{
    DocTree map = DocTree::map();
    addEnum(map, "type", executor.type);
    addText(map, "partition", executor.partition);
    addInteger(map, "cpus", executor.cpus);
    addText(map, "memory", executor.memory);
    addDuration(map, "time", executor.time);
    addText(map, "account", executor.account);
    if (!executor.extraArgs.isEmpty()) {
        DocTree args = DocTree::list();
        for (const QString &argument : executor.extraArgs)
            args.append(DocTree::text(argument));
        map.add(QStringLiteral("extraArgs"), std::move(args));
    }
    addText(map, "outputDir", executor.outputDir);
    return map;
}

void addExecutor(DocTree &map, const std::optional<Executor> &value)
{
    if (value)
        map.add(QStringLiteral("executor"), executor(*value));
}

struct SpecWriter
{
    DocTree map = DocTree::map();

    void operator()(const ShellSpec &spec)
    {
        addText(map, "command", spec.command);
        if (spec.shell)
            map.add(QStringLiteral("shell"), DocTree::text(*spec.shell));
        addText(map, "workingDir", spec.workingDir);
        if (!spec.env.isEmpty())
            map.add(QStringLiteral("env"), pairsMap(spec.env));
        if (!spec.exitCodes.isEmpty()) {
            DocTree codes = DocTree::map();
            for (const auto &[code, error] : spec.exitCodes)
                codes.add(QString::number(code), DocTree::text(toString(error)));
            map.add(QStringLiteral("exitCodes"), std::move(codes));
        }
        addDuration(map, "killGrace", spec.killGrace);
    }
    void operator()(const HttpSpec &spec)
    {
        addText(map, "url", spec.url);
        if (spec.method)
            map.add(QStringLiteral("method"), DocTree::text(*spec.method));
        if (!spec.headers.isEmpty())
            map.add(QStringLiteral("headers"), pairsMap(spec.headers));
        if (spec.body)
            map.add(QStringLiteral("body"), DocTree::text(*spec.body));
        if (!spec.expectStatus.isEmpty()) {
            DocTree codes = DocTree::list();
            for (int code : spec.expectStatus)
                codes.append(DocTree::integer(code));
            map.add(QStringLiteral("expectStatus"), std::move(codes));
        }
    }
    void operator()(const EchoSpec &spec)
    {
        addText(map, "message", spec.message);
        addEnum(map, "level", spec.level);
    }
    void operator()(const WaitSpec &spec)
    {
        addDuration(map, "duration", spec.duration);
    }
    void operator()(const FailSpec &spec)
    {
        addText(map, "message", spec.message);
        addEnum(map, "errorType", spec.errorType);
        addInteger(map, "succeedOnAttempt", spec.succeedOnAttempt);
    }
    void operator()(const VerifySpec &spec)
    {
        addText(map, "condition", spec.condition);
        addText(map, "message", spec.message);
    }
    void operator()(const ApprovalSpec &spec)
    {
        addText(map, "message", spec.message);
        addText(map, "approvers", spec.approvers);
    }
};

DocTree nodeList(const NodeList &nodes);

DocTree step(const Step &step)
{
    DocTree map = DocTree::map();
    addText(map, "id", step.id);
    addText(map, "name", step.name);
    map.add(QStringLiteral("type"), DocTree::text(toString(step.type())));
    SpecWriter spec;
    std::visit(spec, step.spec);
    if (!spec.map.isEmptyCollection())
        map.add(QStringLiteral("spec"), std::move(spec.map));
    addDuration(map, "timeout", step.timeout);
    addWhen(map, step.when, "stageStatus");
    if (step.retry)
        map.add(QStringLiteral("retry"), retry(*step.retry));
    addText(map, "catch", step.catchVar);
    addExecutor(map, step.executor);
    addStrategies(map, step.failureStrategies);
    return map;
}

void addNodes(DocTree &map, const char *key, const NodeList &nodes)
{
    if (!nodes.empty())
        map.add(QString::fromLatin1(key), nodeList(nodes));
}

// Stages and groups hold the same three lists; steps are written even when empty so that
// the file shows what is missing.
void addLanes(DocTree &map, const NodeList &steps, const NodeList &rollbackSteps,
              const NodeList &errorHandler)
{
    map.add(QStringLiteral("steps"), nodeList(steps));
    addNodes(map, "rollbackSteps", rollbackSteps);
    addNodes(map, "errorHandler", errorHandler);
}

DocTree group(const StepGroup &group)
{
    DocTree map = DocTree::map();
    addText(map, "id", group.id);
    addText(map, "name", group.name);
    addWhen(map, group.when, "stageStatus");
    addExecutor(map, group.executor);
    addStrategies(map, group.failureStrategies);
    addLanes(map, group.steps, group.rollbackSteps, group.errorHandler);
    return map;
}

DocTree nodeList(const NodeList &nodes)
{
    DocTree list = DocTree::list();
    for (const Node &node : nodes) {
        DocTree entry = DocTree::map();
        if (const Step *s = node.step())
            entry.add(QStringLiteral("step"), step(*s));
        else if (const StepGroup *g = node.group())
            entry.add(QStringLiteral("stepGroup"), group(*g));
        else if (const ParallelBlock *p = node.parallel())
            entry.add(QStringLiteral("parallel"), nodeList(p->items));
        list.append(std::move(entry));
    }
    return list;
}

DocTree stage(const Stage &stage)
{
    DocTree map = DocTree::map();
    addText(map, "id", stage.id);
    addText(map, "name", stage.name);
    addText(map, "description", stage.description);
    addWhen(map, stage.when, "pipelineStatus");
    addExecutor(map, stage.executor);
    addStrategies(map, stage.failureStrategies);
    addLanes(map, stage.steps, stage.rollbackSteps, stage.errorHandler);
    return map;
}

DocTree wrappedStage(const Stage &s)
{
    DocTree entry = DocTree::map();
    entry.add(QStringLiteral("stage"), stage(s));
    return entry;
}

DocTree input(const Input &input)
{
    DocTree map = DocTree::map();
    addText(map, "id", input.id);
    addEnum(map, "type", input.type);
    if (input.defaultValue) {
        // Typed inputs keep their defaults typed; a default that does not fit its type stays
        // text so that saving never changes what the user wrote (validation reports it).
        const QString &value = *input.defaultValue;
        bool numeric = false;
        value.toDouble(&numeric);
        const bool isBool = value == QLatin1String("true") || value == QLatin1String("false");
        const InputType type = input.effectiveType();
        const bool plain = (type == InputType::Boolean && isBool)
            || ((type == InputType::Number || type == InputType::Integer) && numeric);
        map.add(QStringLiteral("default"),
                plain ? DocTree{isBool ? DocTree::Kind::Boolean : DocTree::Kind::Number, value, {}, {}}
                      : DocTree::text(value));
    }
    addText(map, "description", input.description);
    return map;
}

DocTree pipelineTree(const Pipeline &pipeline)
{
    DocTree map = DocTree::map();
    addText(map, "id", pipeline.id);
    addText(map, "name", pipeline.name);
    addText(map, "description", pipeline.description);
    if (!pipeline.inputs.empty()) {
        DocTree inputs = DocTree::list();
        for (const Input &i : pipeline.inputs)
            inputs.append(input(i));
        map.add(QStringLiteral("inputs"), std::move(inputs));
    }
    if (!pipeline.secrets.isEmpty()) {
        DocTree secrets = DocTree::list();
        for (const QString &secret : pipeline.secrets)
            secrets.append(DocTree::text(secret));
        map.add(QStringLiteral("secrets"), std::move(secrets));
    }
    addInteger(map, "maxParallel", pipeline.maxParallel);
    addDuration(map, "timeout", pipeline.timeout);
    addEnum(map, "failurePolicy", pipeline.failurePolicy);
    addExecutor(map, pipeline.executor);
    addStrategies(map, pipeline.failureStrategies);
    addNodes(map, "errorHandler", pipeline.errorHandler);
    DocTree stages = DocTree::list();
    for (const StageItem &item : pipeline.stages) {
        if (const Stage *s = item.stage()) {
            stages.append(wrappedStage(*s));
            continue;
        }
        DocTree parallel = DocTree::list();
        for (const Stage &s : item.parallel()->stages)
            parallel.append(wrappedStage(s));
        DocTree entry = DocTree::map();
        entry.add(QStringLiteral("parallel"), std::move(parallel));
        stages.append(std::move(entry));
    }
    map.add(QStringLiteral("stages"), std::move(stages));
    DocTree root = DocTree::map();
    root.add(QStringLiteral("pipeline"), std::move(map));
    return root;
}

} // namespace

QByteArray writePipeline(const Pipeline &pipeline, FileFormat format)
{
    const DocTree tree = pipelineTree(pipeline);
    return format == FileFormat::Json ? toJson(tree) : toYaml(tree, pipeline.headerComment);
}

FileFormat formatForFileName(const QString &fileName)
{
    return fileName.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? FileFormat::Json
                                                                           : FileFormat::Yaml;
}

} // namespace pw::model
