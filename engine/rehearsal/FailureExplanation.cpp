#include "FailureExplanation.h"

#include "engine/RetrySchedule.h"
#include "engine/run/RunPlan.h"

namespace pw::engine {
namespace {

using std::chrono::milliseconds;

QString span(milliseconds delay)
{
    return model::Duration::fromMilliseconds(delay.count()).toString();
}

// The automatic retry as it would go for a type it retries: the delays before attempts 2..N.
QString describeAutomaticRetry(const model::RetryPolicy &policy)
{
    const RetrySchedule schedule(policy, [] { return 0.0; });
    const auto limit = policy.maxDuration ? QStringLiteral(" within %1").arg(policy.maxDuration->toString())
                                          : QString();
    if (policy.type == model::RetryType::Random) {
        const QString range = QStringLiteral("random %1-%2")
                                  .arg(policy.minInterval ? policy.minInterval->toString() : QStringLiteral("0s"),
                                       policy.maxInterval ? policy.maxInterval->toString() : QStringLiteral("0s"));
        if (!policy.maxAttempts)
            return QStringLiteral("retry (%1)%2").arg(range, limit);
        return QStringLiteral("retry %1x (%2)%3").arg(*policy.maxAttempts - 1).arg(range, limit);
    }
    if (!policy.maxAttempts) {
        return QStringLiteral("retry (%1, %2, ...)%3")
            .arg(span(schedule.delayAfterFailedAttempts(1)), span(schedule.delayAfterFailedAttempts(2)), limit);
    }
    const int retries = *policy.maxAttempts - 1;
    QStringList delays;
    constexpr int kShown = 6; // a long list says little more than its start
    for (int failed = 1; failed <= std::min(retries, kShown); ++failed)
        delays << span(schedule.delayAfterFailedAttempts(failed));
    if (retries > kShown)
        delays << QStringLiteral("...");
    return QStringLiteral("retry %1x (%2)%3").arg(retries).arg(delays.join(QStringLiteral(", ")), limit);
}

QString describeRetryAction(const model::FailureAction &action)
{
    const RetryActionSchedule schedule(action);
    QStringList delays;
    for (int retry = 1; retry <= std::min(schedule.retryCount(), 6); ++retry)
        delays << span(schedule.delayBeforeRetry(retry));
    if (schedule.retryCount() > 6)
        delays << QStringLiteral("...");
    QString text = QStringLiteral("%1 %2x").arg(model::toString(action.type)).arg(schedule.retryCount());
    if (!action.retryIntervals.isEmpty())
        text += QStringLiteral(" (%1)").arg(delays.join(QStringLiteral(", ")));
    return text;
}

// The entry's action as the file has it (the resolver's copy has the placement rules applied).
model::FailureAction matchedAction(const StrategyChain &chain, const StrategyOrigin &origin)
{
    for (const StrategyScope &scope : chain) {
        if (scope.strategies && scope.level == origin.level && scope.ownerId == origin.ownerId
            && origin.index < scope.strategies->size())
            return scope.strategies->at(origin.index).action;
    }
    return {};
}

} // namespace

QList<model::ErrorType> concreteErrorTypes()
{
    using model::ErrorType;
    return {ErrorType::Unknown,        ErrorType::Timeout,           ErrorType::Connectivity,
            ErrorType::Authentication, ErrorType::Authorization,     ErrorType::Verification,
            ErrorType::ApprovalRejection, ErrorType::DelegateProvisioning, ErrorType::PolicyEvaluationFailure,
            ErrorType::InputTimeoutError, ErrorType::DelegateRestart};
}

QString describeActionChain(const model::FailureAction &action, const FailureStrategyResolver &resolver)
{
    using model::ActionType;
    // The follow-ups are read from the file's action, not the allowed one, so that each
    // demotion is named where it happens.
    const ActionType allowed = resolver.applyPlacementRules(action).type;
    switch (allowed) {
    case ActionType::Retry:
    case ActionType::RetryStepGroup: {
        const model::FailureAction next = action.onRetryFailure ? *action.onRetryFailure : model::FailureAction{};
        return describeRetryAction(action) + QStringLiteral(", then ") + describeActionChain(next, resolver);
    }
    case ActionType::ManualIntervention: {
        const model::FailureAction next = action.onTimeout ? *action.onTimeout : model::FailureAction{};
        const QString timeout = action.timeout ? action.timeout->toString()
                                               : model::Duration::fromMilliseconds(model::kDefaultInterventionTimeoutMs).toString();
        return QStringLiteral("ManualIntervention (no decision within %1: %2)")
            .arg(timeout, describeActionChain(next, resolver));
    }
    default:
        break;
    }
    QString text = model::toString(allowed);
    if (allowed != action.type)
        text += QStringLiteral(" (%1 is not possible here)").arg(model::toString(action.type));
    return text;
}

FailureExplanation explainFailure(const PlannedNode &step, model::ErrorType errorType)
{
    FailureExplanation explanation;
    explanation.errorType = errorType;
    if (step.step && step.step->retry) {
        const RetrySchedule schedule(*step.step->retry);
        const bool retries = schedule.retriesOn(errorType) && (!step.step->retry->maxAttempts || *step.step->retry->maxAttempts > 1);
        if (retries)
            explanation.automaticRetry = describeAutomaticRetry(*step.step->retry);
    }
    if (step.step && !step.step->catchVar.isEmpty()) {
        explanation.catchVar = step.step->catchVar;
        return explanation;
    }
    const FailureStrategyResolver resolver(step.strategies, step.placement);
    const ResolvedFailureAction resolved = resolver.resolve(errorType);
    explanation.origin = resolved.origin;
    explanation.originText = resolved.origin
                                 ? resolved.origin->describe()
                                 : QStringLiteral("default");
    explanation.actions = describeActionChain(
        resolved.origin ? matchedAction(step.strategies, *resolved.origin) : resolved.action, resolver);
    explanation.waitsForPerson = explanation.actions.contains(QLatin1String("ManualIntervention"));
    return explanation;
}

QString FailureExplanation::text() const
{
    QStringList parts;
    if (!automaticRetry.isEmpty())
        parts << automaticRetry;
    if (!catchVar.isEmpty())
        parts << QStringLiteral("catch into vars.%1 (IgnoredFailure, the run goes on)").arg(catchVar);
    else
        parts << originText + QStringLiteral(": ") + actions;
    return parts.join(QStringLiteral(", then "));
}

} // namespace pw::engine
