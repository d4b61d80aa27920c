#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace pw::model {

struct Location
{
    int line = 0; // 1-based; 0: unknown
    int column = 0; // 1-based
    bool isValid() const { return line > 0; }
    bool operator==(const Location &) const = default;
};

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

// Where each structural path was in the file, so that problems found later, on the loaded
// value types, still point at a line and column.
class SourceMap
{
public:
    void insert(const QString &path, Location location);
    // The location of `path`, or of its nearest ancestor that has one.
    Location locate(QString path) const;
    bool isEmpty() const { return m_locations.isEmpty(); }

private:
    QHash<QString, Location> m_locations;
};

} // namespace pw::model
