#include "Problem.h"

#include <algorithm>

namespace pw::model {

bool hasErrors(const Problems &problems)
{
    return std::any_of(problems.cbegin(), problems.cend(),
                       [](const Problem &problem) { return problem.isError(); });
}

QString formatProblem(const QString &fileName, const Problem &problem)
{
    const QString where = problem.location.isValid()
        ? QStringLiteral("%1:%2:%3").arg(fileName).arg(problem.location.line)
              .arg(problem.location.column)
        : fileName;
    const QString severity = problem.isError() ? QString() : QStringLiteral("warning: ");
    return where + QStringLiteral(": ") + severity + problem.message;
}

void sortByLocation(Problems &problems)
{
    std::stable_sort(problems.begin(), problems.end(), [](const Problem &a, const Problem &b) {
        if (a.location.isValid() != b.location.isValid())
            return a.location.isValid();
        if (a.location.line != b.location.line)
            return a.location.line < b.location.line;
        return a.location.column < b.location.column;
    });
}

} // namespace pw::model
