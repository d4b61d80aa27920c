#include "Validator.h"

#include "ShellContext.h"

#include "IdKey.h"
#include "ProblemSink.h"
#include "Template.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace pw::model {
namespace {

constexpr qint64 kMaxTimerMs = 366LL * 24 * 60 * 60 * 1000;

bool isIdentifier(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return pattern.match(text).hasMatch();
}

enum class Role { Main, Rollback, ErrorHandler };

class Checker
{
public:
    Checker(ExpressionChecker &expressions, const SourceMap *sourceMap)
        : m_expressions(expressions), m_sourceMap(sourceMap)
    {
    }

    void pipeline(const Pipeline &pipeline);
    Problems problems() const { return m_sink.problems(); }

private:
    void error(const Scope &scope, const QString &field, const QString &message)
    {
        const Scope at = field.isEmpty() ? scope : scope.field(field);
        const QString name = at.fieldName();
        m_sink.error(at, {}, name.isEmpty() ? message : name + QStringLiteral(": ") + message);
    }
    void warning(const Scope &scope, const QString &field, const QString &message)
    {
        const Scope at = field.isEmpty() ? scope : scope.field(field);
        const QString name = at.fieldName();
        m_sink.warning(at, {}, name.isEmpty() ? message : name + QStringLiteral(": ") + message);
    }

    void identifier(const Scope &scope, const QString &id, const char *what);
    void uniqueId(const Scope &scope, const QString &id);
    void inputs(const Pipeline &pipeline, const Scope &scope);
    void secrets(const QStringList &secrets, const Scope &scope);
    void stage(const Stage &stage, const Scope &scope);
    void nodes(const NodeList &list, const Scope &scope, int groupDepth, bool inParallel);
    void group(const StepGroup &group, const Scope &scope, int groupDepth);
    void step(const Step &step, const Scope &scope, bool inGroup);
    void spec(const StepSpec &spec, const Scope &scope);
    void retry(const RetryPolicy &retry, const Scope &scope);
    void executor(const std::optional<Executor> &executor, const Scope &scope);
    void when(const When &when, const Scope &scope);
    void strategies(const FailureStrategies &list, const Scope &scope, bool stepOutsideGroup);
    void action(const FailureAction &action, const Scope &scope, bool stepOutsideGroup);
    void errorTypes(const QList<ErrorType> &errors, const Scope &scope, const QString &field);
    void duration(const std::optional<Duration> &value, const Scope &scope, const QString &field,
                  bool allowZero);
    void expression(const QString &text, const Scope &scope, const QString &field);
    void templateText(const QString &text, const Scope &scope, const QString &field);
    void reparsedValues(const QString &command, const Scope &scope);

    ExpressionChecker &m_expressions;
    const SourceMap *m_sourceMap;
    ProblemSink m_sink;
    struct IdOwner
    {
        QString label; // "step 'compile'"
        QString path;
    };
    QHash<IdKey, IdOwner> m_idOwners; // id -> the element that used it first
};

void Checker::identifier(const Scope &scope, const QString &id, const char *what)
{
    if (id.isEmpty())
        error(scope, QStringLiteral("id"), QStringLiteral("missing (every %1 needs one)").arg(QLatin1String(what)));
    else if (!isIdentifier(id))
        error(scope, QStringLiteral("id"),
              QStringLiteral("'%1' is not a valid identifier (letters, digits and '_', not starting with a digit)")
                  .arg(id));
}

void Checker::uniqueId(const Scope &scope, const QString &id)
{
    if (id.isEmpty())
        return;
    const QString owner = scope.context.section(QStringLiteral(": "), -1);
    const auto found = m_idOwners.constFind(id);
    if (found == m_idOwners.cend()) {
        m_idOwners.insert(id, {owner, scope.path});
        return;
    }
    const Location first = m_sourceMap ? m_sourceMap->locate(found->path + QStringLiteral(".id")) : Location{};
    const QString where = first.isValid() ? QStringLiteral(" at line %1").arg(first.line) : QString();
    error(scope, QStringLiteral("id"),
          QStringLiteral("duplicate id '%1' (already used by %2%3; stages, groups and steps share one namespace)")
              .arg(id, found->label, where));
}

void Checker::pipeline(const Pipeline &pipeline)
{
    const Scope scope{QStringLiteral("pipeline"), QStringLiteral("pipeline"), QString(), QString()};
    identifier(scope, pipeline.id, "pipeline");
    if (pipeline.maxParallel && *pipeline.maxParallel < 1)
        error(scope, QStringLiteral("maxParallel"),
              QStringLiteral("must be at least 1 (got %1)").arg(*pipeline.maxParallel));
    duration(pipeline.timeout, scope, QStringLiteral("timeout"), false);
    inputs(pipeline, scope);
    secrets(pipeline.secrets, scope);
    executor(pipeline.executor, scope);
    strategies(pipeline.failureStrategies, scope, false);

    if (pipeline.stages.empty())
        error(scope, QStringLiteral("stages"), QStringLiteral("a pipeline needs at least one stage"));
    int stageIndex = 0;
    for (std::size_t i = 0; i < pipeline.stages.size(); ++i) {
        const StageItem &item = pipeline.stages[i];
        const QString itemPath = QStringLiteral("pipeline.stages[%1]").arg(i);
        if (const Stage *s = item.stage()) {
            const Scope stageScope{itemPath + QStringLiteral(".stage"), elementLabel("stage", s->id, stageIndex++), s->id, QString()};
            stage(*s, stageScope);
            continue;
        }
        const auto &parallel = item.parallel()->stages;
        if (parallel.empty()) {
            const Scope parallelScope{itemPath + QStringLiteral(".parallel"), QStringLiteral("pipeline"), QString(), QString()};
            error(parallelScope, QString(), QStringLiteral("a parallel block needs at least one stage"));
        }
        for (std::size_t j = 0; j < parallel.size(); ++j) {
            const Stage &s = parallel[j];
            const Scope stageScope{itemPath + QStringLiteral(".parallel[%1].stage").arg(j),
                                   elementLabel("stage", s.id, stageIndex++), s.id, QString()};
            stage(s, stageScope);
        }
    }
    const Scope handlerScope{QStringLiteral("pipeline.errorHandler"), QStringLiteral("errorHandler"), QString(), QString()};
    nodes(pipeline.errorHandler, handlerScope, 0, false);
}

void Checker::inputs(const Pipeline &pipeline, const Scope &scope)
{
    QSet<QString> seen;
    for (std::size_t i = 0; i < pipeline.inputs.size(); ++i) {
        const Input &input = pipeline.inputs[i];
        const Scope inputScope{scope.path + QStringLiteral(".inputs[%1]").arg(i),
                               elementLabel("input", input.id, int(i)), QString(),
                               QStringLiteral("inputs[%1].").arg(i)};
        identifier(inputScope, input.id, "input");
        if (!input.id.isEmpty() && seen.contains(input.id))
            error(inputScope, QStringLiteral("id"), QStringLiteral("duplicate input '%1'").arg(input.id));
        seen.insert(input.id);
        if (!input.defaultValue)
            continue;
        const QString &value = *input.defaultValue;
        bool ok = true;
        switch (input.effectiveType()) {
        case InputType::String: break;
        case InputType::Number: value.toDouble(&ok); break;
        case InputType::Integer: value.toLongLong(&ok); break;
        case InputType::Boolean: ok = value == QLatin1String("true") || value == QLatin1String("false"); break;
        }
        if (!ok)
            error(inputScope, QStringLiteral("default"),
                  QStringLiteral("'%1' is not a valid %2").arg(value, toString(input.effectiveType())));
    }
}

void Checker::secrets(const QStringList &secrets, const Scope &scope)
{
    QSet<QString> seen;
    for (int i = 0; i < secrets.size(); ++i) {
        const Scope at = scope.field(QStringLiteral("secrets")).item(i);
        if (!isIdentifier(secrets[i]))
            error(at, QString(), QStringLiteral("'%1' is not a valid environment variable name").arg(secrets[i]));
        else if (seen.contains(secrets[i]))
            warning(at, QString(), QStringLiteral("secret '%1' is listed twice").arg(secrets[i]));
        seen.insert(secrets[i]);
    }
}

void Checker::stage(const Stage &stage, const Scope &scope)
{
    identifier(scope, stage.id, "stage");
    uniqueId(scope, stage.id);
    when(stage.when, scope);
    executor(stage.executor, scope);
    strategies(stage.failureStrategies, scope, false);
    if (stage.steps.empty())
        error(scope, QStringLiteral("steps"), QStringLiteral("a stage needs at least one step"));
    nodes(stage.steps, scope.field(QStringLiteral("steps")), 0, false);
    nodes(stage.rollbackSteps, scope.lane(QStringLiteral("rollbackSteps")), 0, false);
    nodes(stage.errorHandler, scope.lane(QStringLiteral("errorHandler")), 0, false);
}

void Checker::nodes(const NodeList &list, const Scope &scope, int groupDepth, bool inParallel)
{
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Node &node = list[i];
        const Scope itemScope = scope.item(int(i));
        if (const Step *s = node.step()) {
            step(*s, itemScope.element(QStringLiteral("step"), elementLabel("step", s->id, int(i)), s->id),
                 groupDepth > 0);
        } else if (const StepGroup *g = node.group()) {
            group(*g, itemScope.element(QStringLiteral("stepGroup"), elementLabel("group", g->id, int(i)), g->id),
                  groupDepth);
        } else if (const ParallelBlock *p = node.parallel()) {
            const Scope parallelScope = itemScope.field(QStringLiteral("parallel"));
            if (inParallel)
                error(parallelScope, QString(), QStringLiteral("a parallel block may not be nested directly inside another"));
            if (p->items.empty())
                error(parallelScope, QString(), QStringLiteral("a parallel block needs at least one item"));
            nodes(p->items, parallelScope, groupDepth, true);
        }
    }
}

void Checker::group(const StepGroup &group, const Scope &scope, int groupDepth)
{
    identifier(scope, group.id, "step group");
    uniqueId(scope, group.id);
    when(group.when, scope);
    executor(group.executor, scope);
    strategies(group.failureStrategies, scope, false);
    if (group.steps.empty())
        error(scope, QStringLiteral("steps"), QStringLiteral("a step group needs at least one step"));
    nodes(group.steps, scope.field(QStringLiteral("steps")), groupDepth + 1, false);
    nodes(group.rollbackSteps, scope.lane(QStringLiteral("rollbackSteps")), groupDepth, false);
    nodes(group.errorHandler, scope.lane(QStringLiteral("errorHandler")), groupDepth, false);
}

void Checker::step(const Step &step, const Scope &scope, bool inGroup)
{
    identifier(scope, step.id, "step");
    uniqueId(scope, step.id);
    duration(step.timeout, scope, QStringLiteral("timeout"), false);
    when(step.when, scope);
    if (step.retry)
        retry(*step.retry, scope.field(QStringLiteral("retry")));
    if (!step.catchVar.isEmpty() && !isIdentifier(step.catchVar))
        error(scope, QStringLiteral("catch"),
              QStringLiteral("'%1' is not a valid variable name").arg(step.catchVar));
    if (step.executor && step.type() != StepType::Shell)
        error(scope, QStringLiteral("executor"),
              QStringLiteral("only Shell steps run on an executor (%1 steps run inside Pipewright)")
                  .arg(toString(step.type())));
    else
        executor(step.executor, scope);
    strategies(step.failureStrategies, scope, !inGroup);
    spec(step.spec, scope.field(QStringLiteral("spec")));
}

void Checker::spec(const StepSpec &spec, const Scope &scope)
{
    const auto required = [&](const QString &value, const char *field) {
        if (value.trimmed().isEmpty())
            error(scope, QString::fromLatin1(field), QStringLiteral("missing (required for this step type)"));
    };
    const auto raisable = [&](ErrorType type, const QString &field) {
        if (type == ErrorType::AllErrors)
            error(scope, field, QStringLiteral("AllErrors only matches errors; a step cannot raise it"));
    };
    if (const auto *shell = std::get_if<ShellSpec>(&spec)) {
        required(shell->command, "command");
        templateText(shell->command, scope, QStringLiteral("command"));
        reparsedValues(shell->command, scope);
        if (shell->shell)
            templateText(*shell->shell, scope, QStringLiteral("shell"));
        templateText(shell->workingDir, scope, QStringLiteral("workingDir"));
        for (const auto &[name, value] : shell->env)
            templateText(value, scope.field(QStringLiteral("env")), name);
        for (const auto &[code, type] : shell->exitCodes) {
            const QString field = QStringLiteral("exitCodes.%1").arg(code);
            if (code < 1 || code > 255)
                error(scope, field, QStringLiteral("exit codes are 1 to 255 (0 means success)"));
            raisable(type, field);
        }
        duration(shell->killGrace, scope, QStringLiteral("killGrace"), true);
    } else if (const auto *http = std::get_if<HttpSpec>(&spec)) {
        required(http->url, "url");
        templateText(http->url, scope, QStringLiteral("url"));
        static const QStringList methods{QStringLiteral("GET"), QStringLiteral("POST"),
                                         QStringLiteral("PUT"), QStringLiteral("PATCH"),
                                         QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                                         QStringLiteral("OPTIONS")};
        if (http->method && !methods.contains(*http->method))
            error(scope, QStringLiteral("method"),
                  QStringLiteral("unknown HTTP method '%1' (expected one of %2)")
                      .arg(*http->method, methods.join(QStringLiteral(", "))));
        for (const auto &[name, value] : http->headers)
            templateText(value, scope.field(QStringLiteral("headers")), name);
        if (http->body)
            templateText(*http->body, scope, QStringLiteral("body"));
        for (int i = 0; i < http->expectStatus.size(); ++i) {
            if (http->expectStatus[i] < 100 || http->expectStatus[i] > 599)
                error(scope.field(QStringLiteral("expectStatus")).item(i), QString(),
                      QStringLiteral("%1 is not an HTTP status code (100 to 599)").arg(http->expectStatus[i]));
        }
    } else if (const auto *echo = std::get_if<EchoSpec>(&spec)) {
        required(echo->message, "message");
        templateText(echo->message, scope, QStringLiteral("message"));
    } else if (const auto *wait = std::get_if<WaitSpec>(&spec)) {
        if (!wait->duration)
            error(scope, QStringLiteral("duration"), QStringLiteral("missing (required for this step type)"));
        duration(wait->duration, scope, QStringLiteral("duration"), true);
    } else if (const auto *fail = std::get_if<FailSpec>(&spec)) {
        templateText(fail->message, scope, QStringLiteral("message"));
        if (fail->errorType)
            raisable(*fail->errorType, QStringLiteral("errorType"));
        if (fail->succeedOnAttempt && *fail->succeedOnAttempt < 1)
            error(scope, QStringLiteral("succeedOnAttempt"),
                  QStringLiteral("must be at least 1 (got %1)").arg(*fail->succeedOnAttempt));
    } else if (const auto *verify = std::get_if<VerifySpec>(&spec)) {
        required(verify->condition, "condition");
        expression(verify->condition, scope, QStringLiteral("condition"));
        templateText(verify->message, scope, QStringLiteral("message"));
    } else if (const auto *approval = std::get_if<ApprovalSpec>(&spec)) {
        templateText(approval->message, scope, QStringLiteral("message"));
        templateText(approval->approvers, scope, QStringLiteral("approvers"));
    }
}

void Checker::executor(const std::optional<Executor> &executor, const Scope &scope)
{
    if (!executor)
        return;
    const Scope at = scope.field(QStringLiteral("executor"));
    for (const auto &[field, message] : executorProblems(*executor))
        error(at, field, message);
}

void Checker::retry(const RetryPolicy &retry, const Scope &scope)
{
    if (retry.maxAttempts && *retry.maxAttempts < 1)
        error(scope, QStringLiteral("maxAttempts"),
              QStringLiteral("must be at least 1 (got %1)").arg(*retry.maxAttempts));
    if (!retry.maxAttempts && !retry.maxDuration)
        error(scope, QString(), QStringLiteral("needs maxAttempts or maxDuration, or it would retry forever"));
    duration(retry.interval, scope, QStringLiteral("interval"), true);
    duration(retry.maxInterval, scope, QStringLiteral("maxInterval"), true);
    duration(retry.minInterval, scope, QStringLiteral("minInterval"), true);
    duration(retry.maxDuration, scope, QStringLiteral("maxDuration"), false);
    const QString type = toString(retry.type);
    const auto onlyFor = [&](bool present, const char *field, const char *types) {
        if (present)
            warning(scope, QString::fromLatin1(field),
                    QStringLiteral("applies only to %1 retries (ignored for %2)").arg(QLatin1String(types), type));
    };
    switch (retry.type) {
    case RetryType::Constant:
        if (!retry.interval)
            error(scope, QStringLiteral("interval"), QStringLiteral("missing (required for constant retries)"));
        onlyFor(retry.delayFactor.has_value(), "delayFactor", "exponential");
        onlyFor(retry.maxInterval.has_value(), "maxInterval", "exponential and random");
        onlyFor(retry.minInterval.has_value(), "minInterval", "random");
        break;
    case RetryType::Exponential:
        if (!retry.interval)
            error(scope, QStringLiteral("interval"), QStringLiteral("missing (required for exponential retries)"));
        if (retry.delayFactor && *retry.delayFactor < 1)
            error(scope, QStringLiteral("delayFactor"),
                  QStringLiteral("must be at least 1 (got %1)").arg(*retry.delayFactor));
        onlyFor(retry.minInterval.has_value(), "minInterval", "random");
        break;
    case RetryType::Random:
        if (!retry.minInterval)
            error(scope, QStringLiteral("minInterval"), QStringLiteral("missing (required for random retries)"));
        if (!retry.maxInterval)
            error(scope, QStringLiteral("maxInterval"), QStringLiteral("missing (required for random retries)"));
        if (retry.minInterval && retry.maxInterval && *retry.minInterval > *retry.maxInterval)
            error(scope, QStringLiteral("minInterval"),
                  QStringLiteral("%1 is longer than maxInterval %2")
                      .arg(retry.minInterval->toString(), retry.maxInterval->toString()));
        onlyFor(retry.interval.has_value(), "interval", "constant and exponential");
        onlyFor(retry.delayFactor.has_value(), "delayFactor", "exponential");
        break;
    }
    errorTypes(retry.onErrors, scope, QStringLiteral("onErrors"));
}

void Checker::when(const When &when, const Scope &scope)
{
    expression(when.condition, scope, QStringLiteral("when.condition"));
}

void Checker::strategies(const FailureStrategies &list, const Scope &scope, bool stepOutsideGroup)
{
    for (int i = 0; i < list.size(); ++i) {
        const Scope entry = scope.field(QStringLiteral("failureStrategies")).item(i)
                                .field(QStringLiteral("onFailure"));
        if (list[i].errors.isEmpty())
            error(entry, QStringLiteral("errors"), QStringLiteral("list at least one error type (or AllErrors)"));
        errorTypes(list[i].errors, entry, QStringLiteral("errors"));
        action(list[i].action, entry.field(QStringLiteral("action")), stepOutsideGroup);
    }
}

void Checker::action(const FailureAction &action, const Scope &scope, bool stepOutsideGroup)
{
    const QString name = toString(action.type);
    if (stepOutsideGroup && needsStepGroup(action.type))
        error(scope, QStringLiteral("type"),
              QStringLiteral("%1 needs an enclosing step group, and this step is in none").arg(name));
    if (isRetryAction(action.type)) {
        const Scope spec = scope.field(QStringLiteral("spec"));
        if (!action.retryCount)
            error(spec, QStringLiteral("retryCount"), QStringLiteral("missing (required for %1)").arg(name));
        else if (*action.retryCount < 1)
            error(spec, QStringLiteral("retryCount"),
                  QStringLiteral("must be at least 1 (got %1)").arg(*action.retryCount));
        for (int i = 0; i < action.retryIntervals.size(); ++i) {
            duration(action.retryIntervals[i], spec.field(QStringLiteral("retryIntervals")).item(i),
                     QString(), true);
        }
        if (action.onRetryFailure) {
            const Scope next = spec.field(QStringLiteral("onRetryFailure")).field(QStringLiteral("action"));
            if (isRetryAction(action.onRetryFailure->type))
                error(next, QStringLiteral("type"),
                      QStringLiteral("onRetryFailure may not be another retry (%1)")
                          .arg(toString(action.onRetryFailure->type)));
            else
                this->action(*action.onRetryFailure, next, stepOutsideGroup);
        }
    } else if (action.type == ActionType::ManualIntervention) {
        const Scope spec = scope.field(QStringLiteral("spec"));
        duration(action.timeout, spec, QStringLiteral("timeout"), false);
        if (action.onTimeout) {
            const Scope next = spec.field(QStringLiteral("onTimeout")).field(QStringLiteral("action"));
            if (action.onTimeout->type == ActionType::ManualIntervention)
                error(next, QStringLiteral("type"),
                      QStringLiteral("onTimeout may not be another ManualIntervention"));
            else
                this->action(*action.onTimeout, next, stepOutsideGroup);
        }
    }
}

void Checker::errorTypes(const QList<ErrorType> &errors, const Scope &scope, const QString &field)
{
    if (errors.contains(ErrorType::AllErrors) && errors.size() > 1)
        warning(scope, field, QStringLiteral("AllErrors already matches every error; the other types add nothing"));
    QSet<ErrorType> seen;
    for (ErrorType type : errors) {
        if (seen.contains(type) && type != ErrorType::AllErrors)
            warning(scope, field, QStringLiteral("%1 is listed twice").arg(toString(type)));
        seen.insert(type);
    }
}

void Checker::duration(const std::optional<Duration> &value, const Scope &scope,
                       const QString &field, bool allowZero)
{
    if (!value)
        return;
    if (value->isNegative())
        error(scope, field, QStringLiteral("must not be negative (got %1)").arg(value->toString()));
    else if (value->isZero() && !allowZero)
        error(scope, field, QStringLiteral("must be longer than 0s"));
    else if (value->milliseconds() > kMaxTimerMs)
        error(scope, field, QStringLiteral("%1 is longer than a year").arg(value->toString()));
}

void Checker::expression(const QString &text, const Scope &scope, const QString &field)
{
    if (text.trimmed().isEmpty())
        return;
    const QString problem = m_expressions.syntaxError(text);
    if (!problem.isEmpty())
        error(scope, field, QStringLiteral("expression '%1' does not parse: %2").arg(text, problem));
}

void Checker::templateText(const QString &text, const Scope &scope, const QString &field)
{
    if (!text.contains(QLatin1String("{{")))
        return;
    const ParsedTemplate parsed = parseTemplate(text);
    if (!parsed.error.isEmpty()) {
        error(scope, field, parsed.error);
        return;
    }
    for (const TemplatePart &part : parsed.parts) {
        if (!part.isExpression)
            continue;
        const QString problem = m_expressions.syntaxError(part.text);
        if (!problem.isEmpty())
            error(scope, field, QStringLiteral("expression '{{ %1 }}' does not parse: %2").arg(part.text, problem));
    }
}

// A value inside a string that a second shell parses (`sh -c "... {{ x }}"`) becomes shell
// text there: no quoting of ours survives that. Says so, with the safe form.
void Checker::reparsedValues(const QString &command, const Scope &scope)
{
    if (!command.contains(QLatin1String("{{")))
        return;
    const ParsedTemplate parsed = parseTemplate(command);
    if (!parsed.error.isEmpty())
        return;
    const QList<ShellPlace> places = shellPlaces(parsed.parts);
    qsizetype index = 0;
    for (const TemplatePart &part : parsed.parts) {
        if (!part.isExpression)
            continue;
        const ShellPlace &place = places[index++];
        if (place.reparsedBy.isEmpty() || part.text.startsWith(QLatin1String("raw(")))
            continue;
        warning(scope, QStringLiteral("command"),
                QStringLiteral("{{ %1 }} is inside a string that %2 parses again as shell text, where its value "
                               "would run as commands; pass it as an argument instead: "
                               "sh -c '... \"$1\" ...' sh {{ %1 }} (or write raw(...) if that is what you mean)")
                    .arg(part.text, place.reparsedBy));
    }
}

} // namespace

Problems Validator::validate(const Pipeline &pipeline, const SourceMap *sourceMap)
{
    Checker checker(m_expressions, sourceMap);
    checker.pipeline(pipeline);
    Problems problems = checker.problems();
    if (sourceMap) {
        for (Problem &problem : problems)
            problem.location = sourceMap->locate(problem.path);
    }
    return problems;
}


} // namespace pw::model
