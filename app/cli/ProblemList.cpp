#include "ProblemList.h"

namespace pw::cli {

void printProblems(const QString &file, const model::Problems &problems,
                   const std::function<void(const QString &)> &print,
                   const std::function<bool(const model::Problem &)> &shown)
{
    int printed = 0;
    int errorsLeft = 0;
    int warningsLeft = 0;
    for (const model::Problem &problem : problems) {
        if (shown && !shown(problem))
            continue;
        if (printed < kMaxProblemsPrinted) {
            print(model::formatProblem(file, problem));
            ++printed;
        } else {
            ++(problem.isError() ? errorsLeft : warningsLeft);
        }
    }
    if (errorsLeft + warningsLeft > 0)
        print(QStringLiteral("%1: ... and %2 more problem(s) not shown (%3 error(s), %4 warning(s))")
                  .arg(file).arg(errorsLeft + warningsLeft).arg(errorsLeft).arg(warningsLeft));
}

} // namespace pw::cli
