#include "RetryLimits.h"

namespace pw::gui {

namespace {

void collect(const model::NodeList &nodes, QHash<QString, int> &limits)
{
    for (const model::Node &node : nodes) {
        if (const model::Step *step = node.step()) {
            if (step->retry && step->retry->maxAttempts)
                limits.insert(step->id, *step->retry->maxAttempts);
        } else if (const model::StepGroup *group = node.group()) {
            for (const model::NodeList *list : {&group->steps, &group->rollbackSteps, &group->errorHandler})
                collect(*list, limits);
        } else if (const model::ParallelBlock *parallel = node.parallel()) {
            collect(parallel->items, limits);
        }
    }
}

void collect(const model::Stage &stage, QHash<QString, int> &limits)
{
    for (const model::NodeList *list : {&stage.steps, &stage.rollbackSteps, &stage.errorHandler})
        collect(*list, limits);
}

} // namespace

QHash<QString, int> retryLimits(const model::Pipeline &pipeline)
{
    QHash<QString, int> limits;
    for (const model::StageItem &item : pipeline.stages) {
        if (const model::Stage *stage = item.stage())
            collect(*stage, limits);
        else
            for (const model::Stage &parallelStage : item.parallel()->stages)
                collect(parallelStage, limits);
    }
    collect(pipeline.errorHandler, limits);
    return limits;
}

} // namespace pw::gui
