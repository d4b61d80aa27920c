#pragma once

#include "OutlineItem.h"

#include "model/Pipeline.h"

#include <memory>

namespace pw::gui {

// The outline tree of a pipeline, under an invisible root:
//   root -> stage | parallelStages (-> stage) | lane (the pipeline's errorHandler)
//   stage, stepGroup -> lane (steps, then rollbackSteps and errorHandler when not empty)
//   lane -> step | stepGroup | parallel;  parallel -> step | stepGroup
// Lanes are rows of their own so that the canvas can draw rollback and handler lists
// apart from the main steps without filtering in QML.
std::unique_ptr<OutlineItem> buildOutline(const model::Pipeline &pipeline);

// One line saying what a step does (its command, URL, message, ...), for the card.
QString stepSummary(const model::Step &step);

} // namespace pw::gui
