#pragma once

#include "engine/FailureStrategyResolver.h"
#include "model/Node.h"

#include <QList>
#include <QString>

#include <optional>

namespace pw::engine {

struct PlannedNode;

// What happens when one step fails with one error type, read from the pipeline alone
// (`pipewright explain`, cli.md): automatic retry, catch, the failure strategy that matches
// (its level and entry) and the chain of actions after it, with every delay computed.
struct FailureExplanation
{
    model::ErrorType errorType = model::ErrorType::Unknown;
    QString automaticRetry; // "retry 3x (1s, 2s, 4s)"; empty: no automatic retry for this type
    QString catchVar;       // caught into vars.<catchVar> (strategies are not consulted)
    std::optional<StrategyOrigin> origin; // no value: no entry matched (the default applies)
    QString originText;     // "step entry 1", "group 'tests' entry 2", "stage 'deploy' entry 1", "default"
    QString actions;        // "Retry 2x (5s), then StageRollback"
    bool waitsForPerson = false; // a manual intervention is on the way

    // "retry 3x (1s, 2s, 4s), then stage 'deploy' entry 1: Retry 2x (5s), then StageRollback"
    QString text() const;
};

// Every error type a step can fail with (AllErrors is a filter, not a type).
QList<model::ErrorType> concreteErrorTypes();

FailureExplanation explainFailure(const PlannedNode &step, model::ErrorType errorType);

// One action and what follows it: "Retry 2x (5s, 10s), then ManualIntervention (1d, then
// StageRollback)". Follow-ups are shown as this step may take them (placement rules).
QString describeActionChain(const model::FailureAction &action, const FailureStrategyResolver &resolver);

} // namespace pw::engine
