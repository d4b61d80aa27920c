#pragma once

#include "model/Problem.h"

#include <QString>

#include <functional>

namespace pw::cli {

// Problems as the commands print them: `FILE:line:col: message`, at most 100 (a file wrong in
// every one of its 100,000 steps says so in 100 lines, not 100,000), then how many more there
// are. `shown` picks which ones to print (validate -q: errors only); `print` is printOut or
// printErr.
inline constexpr int kMaxProblemsPrinted = 100;

void printProblems(const QString &file, const model::Problems &problems,
                   const std::function<void(const QString &)> &print,
                   const std::function<bool(const model::Problem &)> &shown = {});

} // namespace pw::cli
