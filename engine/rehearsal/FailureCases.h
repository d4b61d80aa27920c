#pragma once

#include "FailureExplanation.h"

#include <QList>

namespace pw::engine {

class RunPlan;
struct PlannedNode;

// One step and the error types it handles alike: one rehearsal covers them all.
struct FailureCase
{
    QString step;
    QList<model::ErrorType> errorTypes; // in concreteErrorTypes() order; the first one is rehearsed
    FailureExplanation explanation;     // of the first type (the others read the same)
};

// For every step of the plan (rollback and handler steps too), the error types whose
// handling differs (automatic retry, catch, the matching strategy entry): a pipeline's
// failure cases, in plan order.
QList<FailureCase> failureCases(const RunPlan &plan);
// The same for one step.
QList<FailureCase> failureCasesOf(const PlannedNode &step);

} // namespace pw::engine
