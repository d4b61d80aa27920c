#include "ReaderCore.h"

namespace pw::model::reading {

StringPairs Reader::readPairs(const MapReader &owner, const char *key)
{
    StringPairs pairs;
    const YamlNode node = owner.value(key);
    if (node.isNull())
        return pairs;
    const Scope scope = owner.scopeOf(key);
    // Keys are free-form (variable or header names), so every key is "known".
    QStringList names;
    for (int pair = 0; pair < node.pairCount(); ++pair) {
        if (node.key(pair).isScalar())
            names << node.key(pair).scalar();
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

StepSpec Reader::readSpec(StepType type, const YamlNode &node, const Scope &scope)
{
    StepSpec spec = defaultSpecFor(type);
    if (node.isNull())
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
                    [&](const YamlNode &item, const Scope &itemScope) {
            bool ok = item.isScalar() && !item.hasQuotedTag();
            const int status = ok ? item.scalar().toInt(&ok) : 0;
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

std::optional<Executor> Reader::readExecutor(const MapReader &owner)
{
    if (!owner.has("executor"))
        return std::nullopt;
    MapReader map(sink, owner.value("executor"), owner.scopeOf("executor"),
                  keys({"type", "partition", "cpus", "memory", "time", "account", "extraArgs",
                        "outputDir"}));
    if (!map.isValid())
        return std::nullopt;
    Executor executor;
    if (!map.has("type")) {
        sink.error(map.scope(), yaml::locationOf(owner.value("executor")),
                   QStringLiteral("executor: missing required field 'type' (local or slurm)"));
    }
    executor.type = map.enumeration<ExecutorType>("type", parseExecutorType, allNames<ExecutorType>(),
                                                  QStringLiteral("executor type"));
    executor.partition = map.string("partition");
    executor.cpus = map.integer("cpus");
    executor.memory = map.string("memory");
    executor.time = map.duration("time");
    executor.account = map.string("account");
    executor.extraArgs = map.stringList("extraArgs");
    executor.outputDir = map.string("outputDir");
    return executor;
}

QList<ErrorType> Reader::readErrorTypes(const MapReader &owner, const char *key)
{
    QList<ErrorType> errors;
    forEachItem(sink, owner.value(key), owner.scopeOf(key),
                [&](const YamlNode &item, const Scope &scope) {
        const QString text = item.isScalar() ? item.scalar() : QString();
        if (const auto type = parseErrorType(text)) {
            errors.append(*type);
            return;
        }
        const QString got = item.isScalar() ? QStringLiteral("'%1'").arg(text) : yaml::describeKind(item);
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
                [&](const YamlNode &node, const Scope &scope) {
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

FailureAction Reader::readAction(const YamlNode &node, const Scope &scope)
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
                    [&](const YamlNode &item, const Scope &itemScope) {
            auto parsed = Duration::parse(item.isScalar() ? item.scalar() : QString());
            if (parsed.duration && item.isScalar())
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

} // namespace pw::model::reading
