#include "PipelineReader.h"

#include "YamlFields.h"
#include "YamlSyntax.h"

#include <QList>

namespace pw::model {
namespace {

using yaml::forEachItem;
using yaml::MapReader;
using yaml::Scope;

// Far deeper and larger than any real pipeline; keeps hostile files (deep nesting, aliases
// that multiply nodes) from exhausting the stack or the time of whoever opens them.
constexpr int kMaxNesting = 64;
constexpr int kMaxNodes = 100000;

QStringList keys(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names)
        list << QString::fromLatin1(name);
    return list;
}

QString label(const char *kind, const QString &id, int index)
{
    if (id.isEmpty())
        return QStringLiteral("%1 #%2").arg(QLatin1String(kind)).arg(index + 1);
    return QStringLiteral("%1 '%2'").arg(QLatin1String(kind), id);
}

// Reads the id of an element before anything else, so that messages can name it.
QString peekId(const YAML::Node &node)
{
    if (node.IsMap()) {
        // A const lookup of a missing key yields an invalid node: test it before using it.
        const YAML::Node id = node["id"];
        if (id && id.IsScalar())
            return QString::fromStdString(id.Scalar());
    }
    return {};
}

class Reader
{
public:
    yaml::ProblemSink sink;

    Pipeline readDocument(const YAML::Node &root);

private:
    std::vector<StageItem> readStages(const YAML::Node &node, const Scope &scope);
    Stage readStage(const YAML::Node &node, const Scope &scope, int index);
    NodeList readNodes(const YAML::Node &node, const Scope &scope);
    void readLanes(const MapReader &owner, NodeList &rollbackSteps, NodeList &errorHandler);
    std::optional<Node> readNode(const YAML::Node &node, const Scope &scope, int index);
    Step readStep(const YAML::Node &node, const Scope &scope, int index);
    StepGroup readGroup(const YAML::Node &node, const Scope &scope, int index);
    StepSpec readSpec(StepType type, const YAML::Node &node, const Scope &scope);
    When readWhen(const MapReader &owner, const char *statusKey);
    std::optional<RetryPolicy> readRetry(const MapReader &owner);
    FailureStrategies readStrategies(const MapReader &owner);
    FailureAction readAction(const YAML::Node &node, const Scope &scope);
    ValueBox<FailureAction> readFollowUp(const MapReader &spec, const char *key);
    QList<ErrorType> readErrorTypes(const MapReader &owner, const char *key);
    std::vector<Input> readInputs(const MapReader &owner);
    StringPairs readPairs(const MapReader &owner, const char *key);

    int m_depth = 0;
    int m_nodes = 0;
};

// Counts nesting for the lifetime of one read of a nested element.
class NestingGuard
{
public:
    explicit NestingGuard(int &depth) : m_depth(++depth) {}
    ~NestingGuard() { --m_depth; }
    NestingGuard(const NestingGuard &) = delete;
    NestingGuard &operator=(const NestingGuard &) = delete;
    bool tooDeep() const { return m_depth > kMaxNesting; }

private:
    int &m_depth;
};

Pipeline Reader::readDocument(const YAML::Node &root)
{
    Pipeline pipeline;
    const Scope top;
    if (!root.IsDefined() || root.IsNull()) {
        sink.error(top, {1, 1}, QStringLiteral("the file is empty (expected a 'pipeline' mapping)"));
        return pipeline;
    }
    MapReader file(sink, root, top, keys({"pipeline"}));
    if (!file.isValid())
        return pipeline;
    if (!file.has("pipeline")) {
        sink.error(top, yaml::locationOf(root), QStringLiteral("missing required key 'pipeline'"));
        return pipeline;
    }
    const YAML::Node node = file.value("pipeline");
    pipeline.id = peekId(node);
    const Scope scope{QStringLiteral("pipeline"), QStringLiteral("pipeline"), QString(), QString()};
    MapReader map(sink, node, scope,
                  keys({"id", "name", "description", "inputs", "secrets", "maxParallel",
                        "timeout", "failurePolicy", "failureStrategies", "errorHandler",
                        "stages"}));
    if (!map.isValid())
        return pipeline;
    pipeline.id = map.string("id");
    pipeline.name = map.string("name");
    pipeline.description = map.string("description");
    pipeline.inputs = readInputs(map);
    pipeline.secrets = map.stringList("secrets");
    pipeline.maxParallel = map.integer("maxParallel");
    pipeline.timeout = map.duration("timeout");
    pipeline.failurePolicy = map.enumeration<FailurePolicy>(
        "failurePolicy", parseFailurePolicy, allNames<FailurePolicy>(), QStringLiteral("failure policy"));
    pipeline.failureStrategies = readStrategies(map);
    const Scope handlerScope{scope.path + QStringLiteral(".errorHandler"),
                             QStringLiteral("errorHandler"), QString(), QString()};
    pipeline.errorHandler = readNodes(map.value("errorHandler"), handlerScope);
    pipeline.stages = readStages(map.value("stages"), map.scopeOf("stages"));
    return pipeline;
}

std::vector<Input> Reader::readInputs(const MapReader &owner)
{
    std::vector<Input> inputs;
    forEachItem(sink, owner.value("inputs"), owner.scopeOf("inputs"),
                [&](const YAML::Node &node, const Scope &scope) {
        const int index = int(inputs.size());
        const QString id = peekId(node);
        const Scope inputScope{scope.path, label("input", id, index), QString(), QStringLiteral("inputs[%1].").arg(index)};
        MapReader map(sink, node, inputScope, keys({"id", "type", "default", "description"}));
        Input input;
        input.id = map.string("id");
        input.type = map.enumeration<InputType>("type", parseInputType, allNames<InputType>(),
                                                QStringLiteral("input type"));
        input.defaultValue = map.optionalString("default");
        input.description = map.string("description");
        inputs.push_back(std::move(input));
    });
    return inputs;
}

std::vector<StageItem> Reader::readStages(const YAML::Node &node, const Scope &scope)
{
    std::vector<StageItem> items;
    int stageIndex = 0;
    forEachItem(sink, node, scope, [&](const YAML::Node &itemNode, const Scope &itemScope) {
        MapReader item(sink, itemNode, itemScope, keys({"stage", "parallel"}));
        if (!item.isValid())
            return;
        if (item.has("stage") == item.has("parallel")) {
            sink.error(itemScope, yaml::locationOf(itemNode),
                       QStringLiteral("each entry of 'stages' holds exactly one of 'stage' or 'parallel'"));
            return;
        }
        if (item.has("stage")) {
            items.push_back({readStage(item.value("stage"), itemScope, stageIndex++)});
            return;
        }
        ParallelStages parallel;
        forEachItem(sink, item.value("parallel"), item.scopeOf("parallel"),
                    [&](const YAML::Node &inner, const Scope &innerScope) {
            MapReader entry(sink, inner, innerScope, keys({"stage"}));
            if (!entry.isValid())
                return;
            if (!entry.has("stage")) {
                sink.error(innerScope, yaml::locationOf(inner),
                           QStringLiteral("each entry of a stage 'parallel' holds a 'stage'"));
                return;
            }
            parallel.stages.push_back(readStage(entry.value("stage"), innerScope, stageIndex++));
        });
        items.push_back({std::move(parallel)});
    });
    return items;
}

Stage Reader::readStage(const YAML::Node &node, const Scope &parent, int index)
{
    Stage stage;
    const QString id = peekId(node);
    // Stages are top-level elements: their context does not repeat the pipeline's.
    Scope scope = parent.element(QStringLiteral("stage"), label("stage", id, index), id);
    scope.context = label("stage", id, index);
    MapReader map(sink, node, scope,
                  keys({"id", "name", "description", "when", "failureStrategies", "steps",
                        "rollbackSteps", "errorHandler"}));
    if (!map.isValid())
        return stage;
    stage.id = map.string("id");
    stage.name = map.string("name");
    stage.description = map.string("description");
    stage.when = readWhen(map, "pipelineStatus");
    stage.failureStrategies = readStrategies(map);
    stage.steps = readNodes(map.value("steps"), map.scopeOf("steps"));
    readLanes(map, stage.rollbackSteps, stage.errorHandler);
    return stage;
}

void Reader::readLanes(const MapReader &owner, NodeList &rollbackSteps, NodeList &errorHandler)
{
    rollbackSteps = readNodes(owner.value("rollbackSteps"), owner.scope().lane(QStringLiteral("rollbackSteps")));
    errorHandler = readNodes(owner.value("errorHandler"), owner.scope().lane(QStringLiteral("errorHandler")));
}

NodeList Reader::readNodes(const YAML::Node &node, const Scope &scope)
{
    NodeList nodes;
    NestingGuard guard(m_depth);
    if (guard.tooDeep()) {
        sink.error(scope, yaml::locationOf(node), QStringLiteral("nested too deeply"));
        return nodes;
    }
    int index = 0;
    forEachItem(sink, node, scope, [&](const YAML::Node &itemNode, const Scope &itemScope) {
        if (auto read = readNode(itemNode, itemScope, index++))
            nodes.push_back(std::move(*read));
    });
    return nodes;
}

std::optional<Node> Reader::readNode(const YAML::Node &node, const Scope &scope, int index)
{
    if (++m_nodes == kMaxNodes)
        sink.error(scope, yaml::locationOf(node),
                   QStringLiteral("more than %1 steps and groups: not read further").arg(kMaxNodes));
    if (m_nodes >= kMaxNodes)
        return std::nullopt;
    MapReader item(sink, node, scope, keys({"step", "stepGroup", "parallel"}));
    if (!item.isValid())
        return std::nullopt;
    const int kinds = int(item.has("step")) + int(item.has("stepGroup")) + int(item.has("parallel"));
    if (kinds != 1) {
        sink.error(scope, yaml::locationOf(node),
                   QStringLiteral("each entry holds exactly one of 'step', 'stepGroup' or 'parallel'"));
        return std::nullopt;
    }
    if (item.has("step"))
        return Node{readStep(item.value("step"), scope, index)};
    if (item.has("stepGroup"))
        return Node{readGroup(item.value("stepGroup"), scope, index)};
    Scope parallelScope = item.scopeOf("parallel");
    return Node{ParallelBlock{readNodes(item.value("parallel"), parallelScope)}};
}

Step Reader::readStep(const YAML::Node &node, const Scope &parent, int index)
{
    Step step;
    const QString id = peekId(node);
    const Scope scope = parent.element(QStringLiteral("step"), label("step", id, index), id);
    MapReader map(sink, node, scope,
                  keys({"id", "name", "type", "spec", "timeout", "when", "retry", "catch",
                        "failureStrategies"}));
    if (!map.isValid())
        return step;
    step.id = map.string("id");
    step.name = map.string("name");
    const auto type = map.enumeration<StepType>("type", parseStepType, allNames<StepType>(),
                                                QStringLiteral("step type"));
    if (!map.has("type")) {
        sink.error(scope, yaml::locationOf(node),
                   QStringLiteral("missing required field 'type' (one of %1)")
                       .arg(allNames<StepType>().join(QStringLiteral(", "))));
    }
    if (type)
        step.spec = readSpec(*type, map.value("spec"), map.scopeOf("spec"));
    step.timeout = map.duration("timeout");
    step.when = readWhen(map, "stageStatus");
    step.retry = readRetry(map);
    step.catchVar = map.string("catch");
    step.failureStrategies = readStrategies(map);
    return step;
}

StepGroup Reader::readGroup(const YAML::Node &node, const Scope &parent, int index)
{
    StepGroup group;
    const QString id = peekId(node);
    const Scope scope = parent.element(QStringLiteral("stepGroup"), label("group", id, index), id);
    MapReader map(sink, node, scope,
                  keys({"id", "name", "when", "failureStrategies", "steps", "rollbackSteps",
                        "errorHandler"}));
    if (!map.isValid())
        return group;
    group.id = map.string("id");
    group.name = map.string("name");
    group.when = readWhen(map, "stageStatus");
    group.failureStrategies = readStrategies(map);
    group.steps = readNodes(map.value("steps"), map.scopeOf("steps"));
    readLanes(map, group.rollbackSteps, group.errorHandler);
    return group;
}

StringPairs Reader::readPairs(const MapReader &owner, const char *key)
{
    StringPairs pairs;
    const YAML::Node node = owner.value(key);
    if (node.IsNull())
        return pairs;
    const Scope scope = owner.scopeOf(key);
    // Keys are free-form (variable or header names), so every key is "known".
    QStringList names;
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (it->first.IsScalar())
                names << QString::fromStdString(it->first.Scalar());
        }
    }
    MapReader map(sink, node, scope, names);
    if (!map.isValid())
        return pairs;
    QStringList seen;
    for (const QString &name : std::as_const(names)) {
        if (seen.contains(name))
            continue;
        seen << name;
        const QByteArray utf8 = name.toUtf8();
        pairs.append({name, map.string(utf8.constData())});
    }
    return pairs;
}

StepSpec Reader::readSpec(StepType type, const YAML::Node &node, const Scope &scope)
{
    StepSpec spec = defaultSpecFor(type);
    if (node.IsNull() || !node.IsDefined())
        return spec;
    switch (type) {
    case StepType::Shell: {
        MapReader map(sink, node, scope,
                      keys({"command", "shell", "workingDir", "env", "exitCodes", "killGrace"}));
        if (!map.isValid())
            break;
        ShellSpec shell;
        shell.command = map.string("command");
        shell.shell = map.optionalString("shell");
        shell.workingDir = map.string("workingDir");
        shell.env = readPairs(map, "env");
        for (const auto &[code, errorName] : readPairs(map, "exitCodes")) {
            bool ok = false;
            const int exitCode = code.toInt(&ok);
            const auto errorType = parseErrorType(errorName);
            const Scope codeScope = map.scopeOf("exitCodes").field(code);
            const Location where = sink.sourceMap().locate(codeScope.path);
            if (!ok) {
                sink.error(codeScope, where,
                           QStringLiteral("exitCodes: '%1' is not an exit code").arg(code));
            } else if (!errorType) {
                sink.error(codeScope, where,
                           QStringLiteral("exitCodes: unknown error type '%1' (expected one of %2)%3")
                               .arg(errorName, allNames<ErrorType>().join(QStringLiteral(", ")),
                                    didYouMean(errorName, allNames<ErrorType>())));
            } else {
                shell.exitCodes.append({exitCode, *errorType});
            }
        }
        shell.killGrace = map.duration("killGrace");
        spec = shell;
        break;
    }
    case StepType::Http: {
        MapReader map(sink, node, scope, keys({"url", "method", "headers", "body", "expectStatus"}));
        if (!map.isValid())
            break;
        HttpSpec http;
        http.url = map.string("url");
        http.method = map.optionalString("method");
        http.headers = readPairs(map, "headers");
        http.body = map.optionalString("body");
        forEachItem(sink, map.value("expectStatus"), map.scopeOf("expectStatus"),
                    [&](const YAML::Node &item, const Scope &itemScope) {
            bool ok = item.IsScalar() && item.Tag() != "!";
            const int status = ok ? QString::fromStdString(item.Scalar()).toInt(&ok) : 0;
            if (ok)
                http.expectStatus.append(status);
            else
                sink.error(itemScope, yaml::locationOf(item),
                           QStringLiteral("expectStatus: expected an HTTP status code, got %1")
                               .arg(yaml::describeKind(item)));
        });
        spec = http;
        break;
    }
    case StepType::Echo: {
        MapReader map(sink, node, scope, keys({"message", "level"}));
        EchoSpec echo;
        echo.message = map.string("message");
        echo.level = map.enumeration<LogLevel>("level", parseLogLevel, allNames<LogLevel>(),
                                               QStringLiteral("log level"));
        spec = echo;
        break;
    }
    case StepType::Wait: {
        MapReader map(sink, node, scope, keys({"duration"}));
        spec = WaitSpec{map.duration("duration")};
        break;
    }
    case StepType::Fail: {
        MapReader map(sink, node, scope, keys({"message", "errorType", "succeedOnAttempt"}));
        FailSpec fail;
        fail.message = map.string("message");
        fail.errorType = map.enumeration<ErrorType>("errorType", parseErrorType,
                                                    allNames<ErrorType>(), QStringLiteral("error type"));
        fail.succeedOnAttempt = map.integer("succeedOnAttempt");
        spec = fail;
        break;
    }
    case StepType::Verify: {
        MapReader map(sink, node, scope, keys({"condition", "message"}));
        spec = VerifySpec{map.string("condition"), map.string("message")};
        break;
    }
    case StepType::Approval: {
        MapReader map(sink, node, scope, keys({"message", "approvers"}));
        spec = ApprovalSpec{map.string("message"), map.string("approvers")};
        break;
    }
    }
    return spec;
}

When Reader::readWhen(const MapReader &owner, const char *statusKey)
{
    When when;
    if (!owner.has("when"))
        return when;
    MapReader map(sink, owner.value("when"), owner.scopeOf("when"),
                  keys({statusKey, "condition"}));
    when.status = map.enumeration<StatusCondition>(statusKey, parseStatusCondition,
                                                   allNames<StatusCondition>(),
                                                   QString::fromLatin1(statusKey));
    when.condition = map.string("condition");
    return when;
}

std::optional<RetryPolicy> Reader::readRetry(const MapReader &owner)
{
    if (!owner.has("retry"))
        return std::nullopt;
    MapReader map(sink, owner.value("retry"), owner.scopeOf("retry"),
                  keys({"type", "maxAttempts", "interval", "delayFactor", "maxInterval",
                        "minInterval", "maxDuration", "warningOnRetry", "onErrors"}));
    if (!map.isValid())
        return std::nullopt;
    RetryPolicy retry;
    if (!map.has("type")) {
        sink.error(map.scope(), yaml::locationOf(owner.value("retry")),
                   QStringLiteral("retry: missing required field 'type' (constant, exponential or random)"));
    }
    retry.type = map.enumeration<RetryType>("type", parseRetryType, allNames<RetryType>(),
                                            QStringLiteral("retry type"))
                     .value_or(RetryType::Constant);
    retry.maxAttempts = map.integer("maxAttempts");
    retry.interval = map.duration("interval");
    retry.delayFactor = map.number("delayFactor");
    retry.maxInterval = map.duration("maxInterval");
    retry.minInterval = map.duration("minInterval");
    retry.maxDuration = map.duration("maxDuration");
    retry.warningOnRetry = map.boolean("warningOnRetry");
    retry.onErrors = readErrorTypes(map, "onErrors");
    return retry;
}

QList<ErrorType> Reader::readErrorTypes(const MapReader &owner, const char *key)
{
    QList<ErrorType> errors;
    forEachItem(sink, owner.value(key), owner.scopeOf(key),
                [&](const YAML::Node &item, const Scope &scope) {
        const QString text = item.IsScalar() ? QString::fromStdString(item.Scalar()) : QString();
        if (const auto type = parseErrorType(text)) {
            errors.append(*type);
            return;
        }
        const QString got = item.IsScalar() ? QStringLiteral("'%1'").arg(text) : yaml::describeKind(item);
        sink.error(scope, yaml::locationOf(item),
                   scope.fieldName() + QStringLiteral(": unknown error type %1 (expected one of %2)%3")
                       .arg(got, allNames<ErrorType>().join(QStringLiteral(", ")),
                            didYouMean(text, allNames<ErrorType>())));
    });
    return errors;
}

FailureStrategies Reader::readStrategies(const MapReader &owner)
{
    FailureStrategies strategies;
    forEachItem(sink, owner.value("failureStrategies"), owner.scopeOf("failureStrategies"),
                [&](const YAML::Node &node, const Scope &scope) {
        MapReader entry(sink, node, scope, keys({"onFailure"}));
        if (!entry.isValid())
            return;
        if (!entry.has("onFailure")) {
            sink.error(scope, yaml::locationOf(node),
                       scope.fieldName() + QStringLiteral(": missing required field 'onFailure'"));
            return;
        }
        MapReader onFailure(sink, entry.value("onFailure"), entry.scopeOf("onFailure"),
                            keys({"errors", "action"}));
        if (!onFailure.isValid())
            return;
        FailureStrategy strategy;
        strategy.errors = readErrorTypes(onFailure, "errors");
        if (!onFailure.has("action")) {
            sink.error(onFailure.scope(), yaml::locationOf(entry.value("onFailure")),
                       onFailure.scope().fieldName() + QStringLiteral(": missing required field 'action'"));
            return;
        }
        strategy.action = readAction(onFailure.value("action"), onFailure.scopeOf("action"));
        strategies.append(std::move(strategy));
    });
    return strategies;
}

FailureAction Reader::readAction(const YAML::Node &node, const Scope &scope)
{
    FailureAction action;
    NestingGuard guard(m_depth);
    if (guard.tooDeep()) {
        sink.error(scope, yaml::locationOf(node), QStringLiteral("nested too deeply"));
        return action;
    }
    MapReader map(sink, node, scope, keys({"type", "spec"}));
    if (!map.isValid())
        return action;
    if (!map.has("type")) {
        sink.error(scope, yaml::locationOf(node),
                   scope.fieldName() + QStringLiteral(": missing required field 'type' (one of %1)")
                       .arg(allNames<ActionType>().join(QStringLiteral(", "))));
        return action;
    }
    const auto type = map.enumeration<ActionType>("type", parseActionType, allNames<ActionType>(),
                                                  QStringLiteral("action type"));
    if (!type)
        return action;
    action.type = *type;
    if (!map.has("spec"))
        return action;
    const Scope specScope = map.scopeOf("spec");
    if (isRetryAction(action.type)) {
        MapReader spec(sink, map.value("spec"), specScope,
                       keys({"retryCount", "retryIntervals", "onRetryFailure"}));
        action.retryCount = spec.integer("retryCount");
        forEachItem(sink, spec.value("retryIntervals"), spec.scopeOf("retryIntervals"),
                    [&](const YAML::Node &item, const Scope &itemScope) {
            auto parsed = Duration::parse(item.IsScalar() ? QString::fromStdString(item.Scalar())
                                                          : QString());
            if (parsed.duration && item.IsScalar())
                action.retryIntervals.append(*parsed.duration);
            else
                sink.error(itemScope, yaml::locationOf(item),
                           itemScope.fieldName() + QStringLiteral(": ") + parsed.error);
        });
        action.onRetryFailure = readFollowUp(spec, "onRetryFailure");
    } else if (action.type == ActionType::ManualIntervention) {
        MapReader spec(sink, map.value("spec"), specScope, keys({"timeout", "onTimeout"}));
        action.timeout = spec.duration("timeout");
        action.onTimeout = readFollowUp(spec, "onTimeout");
    } else {
        sink.error(specScope, map.locationOf("spec"),
                   specScope.fieldName() + QStringLiteral(": action '%1' takes no spec").arg(toString(action.type)));
    }
    return action;
}

ValueBox<FailureAction> Reader::readFollowUp(const MapReader &spec, const char *key)
{
    if (!spec.has(key))
        return {};
    MapReader wrapper(sink, spec.value(key), spec.scopeOf(key), keys({"action"}));
    if (!wrapper.isValid())
        return {};
    if (!wrapper.has("action")) {
        sink.error(wrapper.scope(), spec.locationOf(key),
                   wrapper.scope().fieldName() + QStringLiteral(": missing required field 'action'"));
        return {};
    }
    return readAction(wrapper.value("action"), wrapper.scopeOf("action"));
}

} // namespace

QString leadingComment(const QByteArray &text)
{
    QStringList lines;
    for (const QByteArray &rawLine : text.split('\n')) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        if (line.isEmpty()) {
            if (!lines.isEmpty())
                lines << QString();
            continue;
        }
        if (!line.startsWith(u'#'))
            break;
        QString content = line.mid(1);
        if (content.startsWith(u' '))
            content.remove(0, 1);
        lines << content;
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(u'\n');
}

ReadResult readPipeline(const QByteArray &text)
{
    ReadResult result;
    Reader reader;
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        result.problems.append(yaml::describeSyntaxError(e, text));
        return result;
    }
    if (auto unterminated = yaml::findUnterminatedQuote(root, text)) {
        result.problems.append(*unterminated);
        return result;
    }
    Pipeline pipeline;
    try {
        pipeline = reader.readDocument(root);
    } catch (const YAML::Exception &e) {
        // yaml-cpp can still throw on exotic input while walking the tree (e.g. bad aliases).
        reader.sink.error({}, yaml::locationOf(e.mark),
                          QStringLiteral("cannot read: %1").arg(QString::fromStdString(e.msg)));
    }
    pipeline.headerComment = leadingComment(text);
    result.problems = reader.sink.problems();
    result.sourceMap = reader.sink.sourceMap();
    if (!reader.sink.hasErrors())
        result.pipeline = std::move(pipeline);
    else if (!pipeline.stages.empty() || !pipeline.id.isEmpty())
        result.partial = std::move(pipeline);
    return result;
}

} // namespace pw::model
