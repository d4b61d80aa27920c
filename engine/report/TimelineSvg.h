#pragma once

#include "engine/store/RunHistory.h"

#include <QString>

namespace pw::engine {

// The report's timeline: one row per step that did something, grouped by stage, its attempts
// as bars on a time axis coloured by outcome, the waits before retries and for a person as
// segments of their own, reused (cloned) steps as a mark; every element has a <title> for
// hovering. Inline SVG that references nothing; its colours are the page's CSS (class `tl`).
QString timelineSvg(const StoredRun &run, int maxRows = 500);

// What the colours and marks mean, as HTML with small inline SVG swatches drawn like the bars.
QString timelineLegend();

} // namespace pw::engine
