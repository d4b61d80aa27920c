#pragma once

#include "model/FailureStrategy.h"

#include <QList>
#include <QString>

#include <optional>

namespace pw::engine {

// Where a failureStrategies list sits, from the most specific to the least.
enum class StrategyLevel { Step, StepGroup, Stage, Pipeline };

QString toString(StrategyLevel level);

// One list to consult, as the scheduler finds it while walking up from the failing step.
// The pointer borrows from the run's Pipeline, which outlives every resolution; null is the
// same as an empty list, so a level can be listed without a copy.
struct StrategyScope
{
    const model::FailureStrategies *strategies = nullptr;
    StrategyLevel level = StrategyLevel::Step;
    QString ownerId;
};

// The step's own list first, then each enclosing step group from the innermost out, then the
// stage, then the pipeline (semantics.md "One step", 4c).
using StrategyChain = QList<StrategyScope>;

// Where the failing step sits, for the actions that only make sense in some places.
struct StepPlacement
{
    // Some step group encloses the step, so "the innermost group" of RetryStepGroup and
    // StepGroupRollback exists.
    bool insideStepGroup = false;
    // The step belongs to a rollbackSteps or errorHandler list, where rolling back or
    // re-running a group again would loop: those actions become MarkAsFailure there.
    bool inRollbackOrErrorHandler = false;
};

// The entry that decided, for the run report and the logs.
struct StrategyOrigin
{
    StrategyLevel level = StrategyLevel::Step;
    QString ownerId;
    int index = 0; // position in that failureStrategies list

    // For people, as `explain` and the run log say it: "step entry 1", "group 'tests' entry 2",
    // "stage 'deploy' entry 1", "pipeline entry 1" (entries count from 1).
    QString describe() const;

    bool operator==(const StrategyOrigin &) const = default;
};

struct ResolvedFailureAction
{
    // A copy, so the scheduler may keep it after the pipeline changes. Its follow-ups
    // (onRetryFailure, onTimeout) already obey the placement rules too.
    model::FailureAction action;
    // Empty when no entry matched and the default MarkAsFailure applies.
    std::optional<StrategyOrigin> origin;
    // The matched action type when the placement rules turned it into MarkAsFailure, so the
    // log can say why a StageRollback did not happen.
    std::optional<model::ActionType> demotedFrom;

    // "stage 'deploy' entry 2", "no failure strategy matched", and a note on any demotion:
    // one line for the run log.
    QString describeOrigin() const;
};

// Picks the failure strategy of one failing step. Built once per step from its chain and
// placement; pure and cheap, so it can be built again for every failure.
class FailureStrategyResolver
{
public:
    FailureStrategyResolver(StrategyChain chain, StepPlacement placement);

    // In each list the first entry whose errors hold the type or AllErrors wins; the first
    // level with a match wins; no match anywhere is MarkAsFailure.
    ResolvedFailureAction resolve(model::ErrorType error) const;

    // The action as this step may take it: a group action with no group, or a rollback or
    // group retry in a rollback or error-handler step, becomes MarkAsFailure; follow-ups are
    // checked the same way. For actions that arrive later: an intervention's decision, an
    // onTimeout or onRetryFailure taken from elsewhere.
    model::FailureAction applyPlacementRules(const model::FailureAction &action) const;
    bool isAllowed(model::ActionType type) const;

    // The decisions a manual intervention on this step offers (semantics.md "Manual
    // intervention and approvals"), in that section's order; only actions the step may take.
    QList<model::ActionType> allowedInterventionDecisions() const;

private:
    StrategyChain m_chain;
    StepPlacement m_placement;
};

} // namespace pw::engine
