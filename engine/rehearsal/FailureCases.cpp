#include "FailureCases.h"

#include "engine/run/RunPlan.h"

#include <map>

namespace pw::engine {

QList<FailureCase> failureCasesOf(const PlannedNode &step)
{
    QList<FailureCase> cases;
    std::map<QString, qsizetype> byHandling; // handling text -> index in cases
    for (model::ErrorType type : concreteErrorTypes()) {
        FailureExplanation explanation = explainFailure(step, type);
        const auto [found, added] = byHandling.emplace(explanation.text(), cases.size());
        if (added)
            cases.append({step.id, {type}, std::move(explanation)});
        else
            cases[found->second].errorTypes.append(type);
    }
    return cases;
}

QList<FailureCase> failureCases(const RunPlan &plan)
{
    QList<FailureCase> cases;
    for (const PlannedNode &node : plan.nodes()) {
        if (node.kind == NodeKind::Step)
            cases.append(failureCasesOf(node));
    }
    return cases;
}

} // namespace pw::engine
