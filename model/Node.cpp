#include "Node.h"

namespace pw::model {

// Defined here, where Node is complete, because the lists hold Nodes.
bool StepGroup::operator==(const StepGroup &) const = default;
bool ParallelBlock::operator==(const ParallelBlock &) const = default;

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
