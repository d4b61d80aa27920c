#include "Node.h"

namespace pw::model {

// Defined here, where Node is complete, because the lists hold Nodes. Written out rather than
// defaulted: clang 14 (the fuzzing build) crashes synthesising the defaulted comparisons of
// these mutually recursive types through std::variant.
bool StepGroup::operator==(const StepGroup &other) const
{
    return id == other.id && name == other.name && when == other.when && executor == other.executor
           && failureStrategies == other.failureStrategies && steps == other.steps
           && rollbackSteps == other.rollbackSteps && errorHandler == other.errorHandler;
}

bool ParallelBlock::operator==(const ParallelBlock &other) const
{
    return items == other.items;
}

bool Node::operator==(const Node &other) const
{
    return item == other.item;
}

StepSpec defaultSpecFor(StepType type)
{
    switch (type) {
    case StepType::Shell: return ShellSpec{};
    case StepType::Http: return HttpSpec{};
    case StepType::Echo: return EchoSpec{};
    case StepType::Wait: return WaitSpec{};
    case StepType::Fail: return FailSpec{};
    case StepType::Verify: return VerifySpec{};
    case StepType::Approval: return ApprovalSpec{};
    }
    return ShellSpec{};
}

} // namespace pw::model
