#include "FailureStrategyResolver.h"

#include "model/Enums.h"

#include <utility>

namespace pw::engine {

using model::ActionType;
using model::ErrorType;
using model::FailureAction;

namespace {

bool matches(const model::FailureStrategy &entry, ErrorType error)
{
    return entry.errors.contains(error) || entry.errors.contains(ErrorType::AllErrors);
}

bool isRollback(ActionType type)
{
    return type == ActionType::StageRollback || type == ActionType::StepGroupRollback
        || type == ActionType::PipelineRollback;
}

} // namespace

QString toString(StrategyLevel level)
{
    switch (level) {
    case StrategyLevel::Step:
        return QStringLiteral("step");
    case StrategyLevel::StepGroup:
        return QStringLiteral("stepGroup");
    case StrategyLevel::Stage:
        return QStringLiteral("stage");
    case StrategyLevel::Pipeline:
        return QStringLiteral("pipeline");
    }
    return QString();
}

QString StrategyOrigin::describe() const
{
    QString owner;
    switch (level) {
    case StrategyLevel::Step: owner = QStringLiteral("step"); break;
    case StrategyLevel::StepGroup: owner = QStringLiteral("group '%1'").arg(ownerId); break;
    case StrategyLevel::Stage: owner = QStringLiteral("stage '%1'").arg(ownerId); break;
    case StrategyLevel::Pipeline: owner = QStringLiteral("pipeline"); break;
    }
    return QStringLiteral("%1 entry %2").arg(owner).arg(index + 1);
}

QString ResolvedFailureAction::describeOrigin() const
{
    QString text = origin ? origin->describe() : QStringLiteral("no failure strategy matched");
    if (demotedFrom) {
        text += QStringLiteral(" (%1 not possible here, taken as %2)")
                    .arg(model::toString(*demotedFrom), model::toString(action.type));
    }
    return text;
}

FailureStrategyResolver::FailureStrategyResolver(StrategyChain chain, StepPlacement placement)
    : m_chain(std::move(chain)), m_placement(placement)
{
}

ResolvedFailureAction FailureStrategyResolver::resolve(ErrorType error) const
{
    for (const StrategyScope &scope : m_chain) {
        if (!scope.strategies)
            continue;
        const model::FailureStrategies &list = *scope.strategies;
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!matches(list.at(i), error))
                continue;
            ResolvedFailureAction resolved;
            resolved.action = applyPlacementRules(list.at(i).action);
            resolved.origin = StrategyOrigin{scope.level, scope.ownerId, int(i)};
            if (resolved.action.type != list.at(i).action.type)
                resolved.demotedFrom = list.at(i).action.type;
            return resolved;
        }
    }
    return ResolvedFailureAction{};
}

bool FailureStrategyResolver::isAllowed(ActionType type) const
{
    if (m_placement.inRollbackOrErrorHandler
        && (isRollback(type) || type == ActionType::RetryStepGroup))
        return false;
    return m_placement.insideStepGroup || !model::needsStepGroup(type);
}

FailureAction FailureStrategyResolver::applyPlacementRules(const FailureAction &action) const
{
    // A fresh MarkAsFailure rather than a retyped copy: the replaced action's retry or
    // timeout fields would otherwise ride along and confuse whoever reads the result.
    if (!isAllowed(action.type))
        return FailureAction{};
    FailureAction allowed = action;
    if (allowed.onRetryFailure)
        allowed.onRetryFailure = applyPlacementRules(*allowed.onRetryFailure);
    if (allowed.onTimeout)
        allowed.onTimeout = applyPlacementRules(*allowed.onTimeout);
    return allowed;
}

QList<ActionType> FailureStrategyResolver::allowedInterventionDecisions() const
{
    static const QList<ActionType> offered = {
        ActionType::MarkAsSuccess,  ActionType::Ignore,        ActionType::Retry,
        ActionType::Abort,          ActionType::StageRollback, ActionType::MarkAsFailure,
        ActionType::PipelineRollback, ActionType::StepGroupRollback, ActionType::RetryStepGroup,
    };
    QList<ActionType> decisions;
    for (ActionType type : offered) {
        if (isAllowed(type))
            decisions.append(type);
    }
    return decisions;
}

} // namespace pw::engine
