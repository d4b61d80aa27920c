#pragma once

#include "model/Pipeline.h"

#include <QVariantList>

// The small facts a card shows as chips (retry, catch, failure strategies, timeout, when).
// Each badge is a map {kind, label, detail}: `kind` picks the icon, `label` is the short
// text on the chip and `detail` the full sentence of its tooltip. Maps rather than a gadget
// because QML reads them as plain JavaScript objects in delegates.
namespace pw::gui {

// `inherited`: the executor the step gets from its stage, groups or the pipeline (null: none).
QVariantList stepBadges(const model::Step &step, const model::Executor *inherited = nullptr);
QVariantList groupBadges(const model::StepGroup &group);
QVariantList stageBadges(const model::Stage &stage);
QVariantList pipelineBadges(const model::Pipeline &pipeline);

} // namespace pw::gui
