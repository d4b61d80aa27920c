#pragma once

#include "SourceMap.h"

#include <QList>
#include <QString>

namespace pw::model {

enum class Severity { Error, Warning };

// One thing wrong with a pipeline file or document. `message` is complete and names the
// element and field ("stage 'deploy': step 'push': retry.maxAttempts must be at least 1");
// `nodeId` and `field` let the designer select what the problem is about.
struct Problem
{
    Severity severity = Severity::Error;
    QString message;
    QString path; // structural path, e.g. pipeline.stages[0].stage.steps[1].step.retry
    QString nodeId; // innermost stage, group or step with an id; empty: the pipeline
    QString field; // path of the field inside that node, e.g. retry.maxAttempts
    Location location;
    // Set on warnings about keys that are not part of the format: saving would drop them.
    bool dropsContent = false;

    bool isError() const { return severity == Severity::Error; }
    bool operator==(const Problem &) const = default;
};

using Problems = QList<Problem>;

bool hasErrors(const Problems &problems);

// `file:line:col: message` (warnings say so), the format editors and CI logs understand.
QString formatProblem(const QString &fileName, const Problem &problem);

// Sorts by position; problems without one keep their order at the end.
void sortByLocation(Problems &problems);

} // namespace pw::model
