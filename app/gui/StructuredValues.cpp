#include "StructuredValues.h"

#include "FieldValues.h"

namespace pw::gui::values {

using namespace pw::model;

namespace {

const QString kRetry = QStringLiteral("retry");

QVariant fromAction(const FailureAction &action);

QVariant fromFollowUp(const ValueBox<FailureAction> &next)
{
    return next ? fromAction(*next) : QVariant();
}

QVariant fromAction(const FailureAction &action)
{
    QStringList intervals;
    for (const Duration &interval : action.retryIntervals)
        intervals << interval.toString();
    return QVariantMap{
        {QStringLiteral("type"), toString(action.type)},
        {QStringLiteral("retryCount"), fromOptionalInt(action.retryCount)},
        {QStringLiteral("retryIntervals"), intervals},
        {QStringLiteral("onRetryFailure"), fromFollowUp(action.onRetryFailure)},
        {QStringLiteral("timeout"), fromDuration(action.timeout)},
        {QStringLiteral("onTimeout"), fromFollowUp(action.onTimeout)},
    };
}

bool toAction(const QVariant &value, const QString &field, FailureAction &out, QString &error,
              int depth = 0)
{
    // Follow-ups of follow-ups make no sense past a few levels; the limit keeps a
    // self-referencing JS object from recursing forever.
    if (depth > 8 || value.typeId() != QMetaType::QVariantMap) {
        error = field + QStringLiteral(": expected an action map {type: ...}");
        return false;
    }
    const QVariantMap map = value.toMap();
    const QString typeName = map.value(QStringLiteral("type")).toString();
    const std::optional<ActionType> type = parseActionType(typeName);
    if (!type) {
        error = field + QStringLiteral(".type: '") + typeName
            + QStringLiteral("' is not an action type (expected one of ")
            + allNames<ActionType>().join(QStringLiteral(", ")) + u')';
        return false;
    }
    FailureAction action;
    action.type = *type;
    if (!toOptionalInt(map.value(QStringLiteral("retryCount")),
                       field + QStringLiteral(".retryCount"), action.retryCount, error))
        return false;
    QStringList intervals;
    if (!toStringList(map.value(QStringLiteral("retryIntervals")),
                      field + QStringLiteral(".retryIntervals"), intervals, error))
        return false;
    for (const QString &text : intervals) {
        std::optional<Duration> interval;
        if (!toDuration(text, field + QStringLiteral(".retryIntervals"), interval, error))
            return false;
        if (interval)
            action.retryIntervals << *interval;
    }
    if (!toDuration(map.value(QStringLiteral("timeout")), field + QStringLiteral(".timeout"),
                    action.timeout, error))
        return false;
    const std::pair<const char *, ValueBox<FailureAction> FailureAction::*> followUps[] = {
        {"onRetryFailure", &FailureAction::onRetryFailure},
        {"onTimeout", &FailureAction::onTimeout},
    };
    for (const auto &[key, member] : followUps) {
        const QVariant next = map.value(QString::fromLatin1(key));
        if (isUnset(next))
            continue;
        FailureAction nextAction;
        if (!toAction(next, field + u'.' + QString::fromLatin1(key), nextAction, error,
                      depth + 1))
            return false;
        action.*member = nextAction;
    }
    out = std::move(action);
    return true;
}

template <typename Spec> const Spec *specAs(const StepSpec &spec)
{
    return std::get_if<Spec>(&spec);
}

QString unknownSpecField(const StepSpec &spec, const QString &name)
{
    return QStringLiteral("spec.") + name + QStringLiteral(": not a field of a ")
        + toString(stepTypeOf(spec)) + QStringLiteral(" step");
}

} // namespace

QVariantList fromStrategies(const FailureStrategies &strategies)
{
    QVariantList list;
    for (const FailureStrategy &strategy : strategies) {
        list << QVariantMap{{QStringLiteral("errors"), fromErrorTypes(strategy.errors)},
                            {QStringLiteral("action"), fromAction(strategy.action)}};
    }
    return list;
}

bool toStrategies(const QVariant &value, FailureStrategies &out, QString &error)
{
    FailureStrategies strategies;
    if (!isUnset(value)) {
        if (value.typeId() != QMetaType::QVariantList) {
            error = QStringLiteral("failureStrategies: expected a list");
            return false;
        }
        const QVariantList list = value.toList();
        for (int i = 0; i < list.size(); ++i) {
            const QString field = QStringLiteral("failureStrategies[%1]").arg(i);
            const QVariantMap map = list.at(i).toMap();
            FailureStrategy strategy;
            if (!toErrorTypes(map.value(QStringLiteral("errors")),
                              field + QStringLiteral(".errors"), strategy.errors, error)
                || !toAction(map.value(QStringLiteral("action")), field + QStringLiteral(".action"),
                             strategy.action, error))
                return false;
            strategies << strategy;
        }
    }
    out = std::move(strategies);
    return true;
}

QVariant fromRetry(const std::optional<RetryPolicy> &retry)
{
    if (!retry)
        return {};
    return QVariantMap{
        {QStringLiteral("type"), toString(retry->type)},
        {QStringLiteral("maxAttempts"), fromOptionalInt(retry->maxAttempts)},
        {QStringLiteral("interval"), fromDuration(retry->interval)},
        {QStringLiteral("delayFactor"),
         retry->delayFactor ? QVariant(*retry->delayFactor) : QVariant()},
        {QStringLiteral("maxInterval"), fromDuration(retry->maxInterval)},
        {QStringLiteral("minInterval"), fromDuration(retry->minInterval)},
        {QStringLiteral("maxDuration"), fromDuration(retry->maxDuration)},
        {QStringLiteral("warningOnRetry"),
         retry->warningOnRetry ? QVariant(*retry->warningOnRetry) : QVariant()},
        {QStringLiteral("onErrors"), fromErrorTypes(retry->onErrors)},
    };
}

bool toRetry(const QVariant &value, std::optional<RetryPolicy> &out, QString &error)
{
    if (isUnset(value)) {
        out.reset();
        return true;
    }
    if (value.typeId() != QMetaType::QVariantMap) {
        error = QStringLiteral("retry: expected a map or null");
        return false;
    }
    const QVariantMap map = value.toMap();
    std::optional<RetryPolicy> policy = RetryPolicy{};
    static const QStringList names{QStringLiteral("type"), QStringLiteral("maxAttempts"),
                                   QStringLiteral("interval"), QStringLiteral("delayFactor"),
                                   QStringLiteral("maxInterval"), QStringLiteral("minInterval"),
                                   QStringLiteral("maxDuration"), QStringLiteral("warningOnRetry"),
                                   QStringLiteral("onErrors")};
    for (const QString &name : names) {
        if (!setRetryField(policy, name, map.value(name), error))
            return false;
    }
    out = policy;
    return true;
}

bool setRetryField(std::optional<RetryPolicy> &retry, const QString &name, const QVariant &value,
                   QString &error)
{
    RetryPolicy policy = retry.value_or(RetryPolicy{});
    const QString field = kRetry + u'.' + name;
    bool ok = true;
    if (name == QLatin1String("type")) {
        std::optional<RetryType> type;
        ok = toOptionalEnum(value, field, &parseRetryType, type, error);
        policy.type = type.value_or(RetryType::Constant);
    } else if (name == QLatin1String("maxAttempts")) {
        ok = toOptionalInt(value, field, policy.maxAttempts, error);
    } else if (name == QLatin1String("interval")) {
        ok = toDuration(value, field, policy.interval, error);
    } else if (name == QLatin1String("delayFactor")) {
        ok = toOptionalDouble(value, field, policy.delayFactor, error);
    } else if (name == QLatin1String("maxInterval")) {
        ok = toDuration(value, field, policy.maxInterval, error);
    } else if (name == QLatin1String("minInterval")) {
        ok = toDuration(value, field, policy.minInterval, error);
    } else if (name == QLatin1String("maxDuration")) {
        ok = toDuration(value, field, policy.maxDuration, error);
    } else if (name == QLatin1String("warningOnRetry")) {
        ok = toOptionalBool(value, field, policy.warningOnRetry, error);
    } else if (name == QLatin1String("onErrors")) {
        ok = toErrorTypes(value, field, policy.onErrors, error);
    } else {
        error = field + QStringLiteral(": not a field of retry");
        ok = false;
    }
    if (ok)
        retry = policy;
    return ok;
}

QVariantList fromInputs(const std::vector<Input> &inputs)
{
    QVariantList list;
    for (const Input &input : inputs) {
        list << QVariantMap{
            {QStringLiteral("id"), input.id},
            {QStringLiteral("type"), fromOptionalEnum(input.type)},
            {QStringLiteral("default"), fromOptionalString(input.defaultValue)},
            {QStringLiteral("description"), input.description},
        };
    }
    return list;
}

bool toInputs(const QVariant &value, std::vector<Input> &out, QString &error)
{
    std::vector<Input> inputs;
    if (!isUnset(value)) {
        if (value.typeId() != QMetaType::QVariantList) {
            error = QStringLiteral("inputs: expected a list");
            return false;
        }
        const QVariantList list = value.toList();
        for (int i = 0; i < list.size(); ++i) {
            const QString field = QStringLiteral("inputs[%1]").arg(i);
            const QVariantMap map = list.at(i).toMap();
            Input input;
            input.id = map.value(QStringLiteral("id")).toString();
            input.description = map.value(QStringLiteral("description")).toString();
            if (!toOptionalEnum(map.value(QStringLiteral("type")), field + QStringLiteral(".type"),
                                &parseInputType, input.type, error))
                return false;
            // An empty default is a value ("" as the default), unlike a missing one.
            const QVariant defaultValue = map.value(QStringLiteral("default"));
            if (defaultValue.isValid() && !defaultValue.isNull())
                input.defaultValue = defaultValue.toString();
            inputs.push_back(std::move(input));
        }
    }
    out = std::move(inputs);
    return true;
}

QVariantMap fromSpec(const StepSpec &spec, bool ordered)
{
    if (const auto *shell = specAs<ShellSpec>(spec))
        return {{QStringLiteral("command"), shell->command},
                {QStringLiteral("shell"), fromOptionalString(shell->shell)},
                {QStringLiteral("workingDir"), shell->workingDir},
                {QStringLiteral("env"), fromPairs(shell->env, ordered)},
                {QStringLiteral("exitCodes"), fromExitCodes(shell->exitCodes, ordered)},
                {QStringLiteral("killGrace"), fromDuration(shell->killGrace)}};
    if (const auto *http = specAs<HttpSpec>(spec)) {
        QVariantList codes;
        for (int code : http->expectStatus)
            codes << code;
        return {{QStringLiteral("url"), http->url},
                {QStringLiteral("method"), fromOptionalString(http->method)},
                {QStringLiteral("headers"), fromPairs(http->headers, ordered)},
                {QStringLiteral("body"), fromOptionalString(http->body)},
                {QStringLiteral("expectStatus"), codes}};
    }
    if (const auto *echo = specAs<EchoSpec>(spec))
        return {{QStringLiteral("message"), echo->message},
                {QStringLiteral("level"), fromOptionalEnum(echo->level)}};
    if (const auto *wait = specAs<WaitSpec>(spec))
        return {{QStringLiteral("duration"), fromDuration(wait->duration)}};
    if (const auto *fail = specAs<FailSpec>(spec))
        return {{QStringLiteral("message"), fail->message},
                {QStringLiteral("errorType"), fromOptionalEnum(fail->errorType)},
                {QStringLiteral("succeedOnAttempt"), fromOptionalInt(fail->succeedOnAttempt)}};
    if (const auto *verify = specAs<VerifySpec>(spec))
        return {{QStringLiteral("condition"), verify->condition},
                {QStringLiteral("message"), verify->message}};
    const auto &approval = std::get<ApprovalSpec>(spec);
    return {{QStringLiteral("message"), approval.message},
            {QStringLiteral("approvers"), approval.approvers}};
}

bool setSpecField(StepSpec &spec, const QString &name, const QVariant &value, QString &error)
{
    const QString field = QStringLiteral("spec.") + name;
    auto is = [&name](const char *key) { return name == QLatin1String(key); };
    if (auto *shell = std::get_if<ShellSpec>(&spec)) {
        if (is("command"))
            return toText(value, field, shell->command, error);
        if (is("shell"))
            return toOptionalString(value, field, shell->shell, error);
        if (is("workingDir"))
            return toText(value, field, shell->workingDir, error);
        if (is("env"))
            return toPairs(value, field, shell->env, error);
        if (is("exitCodes"))
            return toExitCodes(value, field, shell->exitCodes, error);
        if (is("killGrace"))
            return toDuration(value, field, shell->killGrace, error);
    } else if (auto *http = std::get_if<HttpSpec>(&spec)) {
        if (is("url"))
            return toText(value, field, http->url, error);
        if (is("method"))
            return toOptionalString(value, field, http->method, error);
        if (is("headers"))
            return toPairs(value, field, http->headers, error);
        if (is("body"))
            return toOptionalString(value, field, http->body, error);
        if (is("expectStatus"))
            return toIntList(value, field, http->expectStatus, error);
    } else if (auto *echo = std::get_if<EchoSpec>(&spec)) {
        if (is("message"))
            return toText(value, field, echo->message, error);
        if (is("level"))
            return toOptionalEnum(value, field, &parseLogLevel, echo->level, error);
    } else if (auto *wait = std::get_if<WaitSpec>(&spec)) {
        if (is("duration"))
            return toDuration(value, field, wait->duration, error);
    } else if (auto *fail = std::get_if<FailSpec>(&spec)) {
        if (is("message"))
            return toText(value, field, fail->message, error);
        if (is("errorType"))
            return toOptionalEnum(value, field, &parseErrorType, fail->errorType, error);
        if (is("succeedOnAttempt"))
            return toOptionalInt(value, field, fail->succeedOnAttempt, error);
    } else if (auto *verify = std::get_if<VerifySpec>(&spec)) {
        if (is("condition"))
            return toText(value, field, verify->condition, error);
        if (is("message"))
            return toText(value, field, verify->message, error);
    } else if (auto *approval = std::get_if<ApprovalSpec>(&spec)) {
        if (is("message"))
            return toText(value, field, approval->message, error);
        if (is("approvers"))
            return toText(value, field, approval->approvers, error);
    }
    error = unknownSpecField(spec, name);
    return false;
}

bool toSpec(const QVariant &value, StepSpec &inOut, QString &error)
{
    if (!isUnset(value) && value.typeId() != QMetaType::QVariantMap) {
        error = QStringLiteral("spec: expected a map");
        return false;
    }
    const QVariantMap map = value.toMap();
    StepSpec spec = defaultSpecFor(stepTypeOf(inOut));
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (!setSpecField(spec, it.key(), it.value(), error))
            return false;
    }
    inOut = std::move(spec);
    return true;
}

} // namespace pw::gui::values
