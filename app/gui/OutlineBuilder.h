#pragma once

#include "OutlineItem.h"

#include "model/Pipeline.h"
#include "model/Problem.h"

#include <memory>

namespace pw::gui {

// The outline tree of a pipeline, under an invisible root:
//   root -> stage | parallelStages (-> stage), then a lane: the pipeline's errorHandler
//   stage, stepGroup -> lane (steps, rollbackSteps, errorHandler: always all three)
//   lane -> step | stepGroup | parallel;  parallel -> step | stepGroup
// Lanes are rows of their own so that the canvas can draw rollback and handler lists
// apart from the main steps without filtering in QML; empty ones are rows too, since they
// are drop targets (the canvas draws them small).
std::unique_ptr<OutlineItem> buildOutline(const model::Pipeline &pipeline);

// Sets problemSeverity / problemText of every row from the problems whose element it is.
void annotateProblems(OutlineItem &root, const model::Problems &problems);

// One line saying what a step does (its command, URL, message, ...), for the card.
QString stepSummary(const model::Step &step);
// All of what a step does (the whole command, URL, message or condition), for Find.
QString stepSearchText(const model::Step &step);

} // namespace pw::gui
