#pragma once

#include "RunOptions.h"
#include "engine/RunRequest.h"

namespace pw::cli {

// `pipewright rehearse FILE --all-failures [--json]`: the pipeline's failure coverage. For
// every step and every group of error types that the step handles alike (automatic retry,
// catch, the matching strategy entry), one rehearsal with that failure injected into every
// attempt; then a table (or JSON) of what the handling does, how the run ends, which
// rollback and handler steps ran and which steps never ran. Nothing is stored.
// `request` carries the pipeline's inputs and the rehearsal's answer modes.
int printFailureCoverage(const RunOptions &options, model::Pipeline pipeline, engine::RunRequest request);

} // namespace pw::cli
