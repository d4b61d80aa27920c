#pragma once

#include "model/Node.h"

#include <QString>

namespace pw::gui {

// The retry policy in words for the property panel ("up to 4 attempts, waiting 1 s, 2 s,
// 4 s"), from the engine's own schedule so the panel says what a run will do.
// Empty when there is no policy.
QString retrySentence(const std::optional<model::RetryPolicy> &retry);

// "250 ms", "1.5 s", "2 min", "1 h 30 min": short, readable, for sentences.
QString spokenDuration(qint64 milliseconds);

} // namespace pw::gui
