#include "OutlineItem.h"

namespace pw::gui {

QString toString(OutlineKind kind)
{
    switch (kind) {
    case OutlineKind::Stage: return QStringLiteral("stage");
    case OutlineKind::ParallelStages: return QStringLiteral("parallelStages");
    case OutlineKind::Lane: return QStringLiteral("lane");
    case OutlineKind::Step: return QStringLiteral("step");
    case OutlineKind::StepGroup: return QStringLiteral("stepGroup");
    case OutlineKind::Parallel: return QStringLiteral("parallel");
    }
    return {};
}

QString toString(OutlineLane lane)
{
    switch (lane) {
    case OutlineLane::Steps: return QStringLiteral("steps");
    case OutlineLane::RollbackSteps: return QStringLiteral("rollbackSteps");
    case OutlineLane::ErrorHandler: return QStringLiteral("errorHandler");
    }
    return {};
}

} // namespace pw::gui
