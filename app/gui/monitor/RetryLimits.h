#pragma once

#include "model/Pipeline.h"

#include <QHash>
#include <QString>

namespace pw::gui {

// Each step with an automatic retry and a limit: its id and the most attempts it may make
// (what the canvas shows as `2/4`). A walk of the model, not a RunPlan: the plan of a
// 1,000-step pipeline took 3.5 ms of the moment a run appears in the window.
QHash<QString, int> retryLimits(const model::Pipeline &pipeline);

} // namespace pw::gui
