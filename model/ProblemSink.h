#pragma once

#include "Problem.h"

namespace pw::model {

// "step 'push'", or "step #3" for an element without an id: how messages name elements.
QString elementLabel(const char *kind, const QString &id, int index);

// Where a reader or validator is: structural path, the human context ("stage 'deploy': step 'push'"),
// the innermost identified node and the field path inside it.
struct Scope
{
    QString path;
    QString context;
    QString nodeId;
    QString fieldPrefix;

    Scope field(const QString &key) const;
    Scope item(int index) const;
    // A new element (stage, group, step) inside this one, labelled e.g. "step 'push'".
    Scope element(const QString &pathKey, const QString &label, const QString &id) const;
    // A side list of an element (rollbackSteps, errorHandler): its nodes' messages name it.
    Scope lane(const QString &key) const;
    QString fieldName() const; // fieldPrefix without the trailing '.'
};

class ProblemSink
{
public:
    // Errors that leave the file impossible to represent as a pipeline.
    void error(const Scope &scope, Location location, const QString &message);
    void warning(const Scope &scope, Location location, const QString &message);
    void add(Problem problem);

    bool hasErrors() const { return m_errors > 0; }
    const Problems &problems() const { return m_problems; }
    SourceMap &sourceMap() { return m_sourceMap; }

private:
    Problem make(Severity severity, const Scope &scope, Location location,
                 const QString &message) const;
    Problems m_problems;
    SourceMap m_sourceMap;
    int m_errors = 0;
};

} // namespace pw::model
