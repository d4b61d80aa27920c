#include "ProblemSink.h"

namespace pw::model {

QString elementLabel(const char *kind, const QString &id, int index)
{
    if (id.isEmpty())
        return QStringLiteral("%1 #%2").arg(QLatin1String(kind)).arg(index + 1);
    return QStringLiteral("%1 '%2'").arg(QLatin1String(kind), id);
}

Scope Scope::field(const QString &key) const
{
    return {path + u'.' + key, context, nodeId, fieldPrefix + key + u'.'};
}

Scope Scope::item(int index) const
{
    const QString suffix = QStringLiteral("[%1]").arg(index);
    QString prefix = fieldPrefix;
    if (prefix.endsWith(u'.'))
        prefix.chop(1);
    return {path + suffix, context, nodeId, prefix.isEmpty() ? prefix : prefix + suffix + u'.'};
}

Scope Scope::element(const QString &pathKey, const QString &label, const QString &id) const
{
    const QString newContext = context.isEmpty() ? label : context + QStringLiteral(": ") + label;
    return {path + u'.' + pathKey, newContext, id.isEmpty() ? nodeId : id, QString()};
}

Scope Scope::lane(const QString &key) const
{
    return {path + u'.' + key, context + QStringLiteral(": ") + key, nodeId, QString()};
}

QString Scope::fieldName() const
{
    QString name = fieldPrefix;
    if (name.endsWith(u'.'))
        name.chop(1);
    return name;
}

Problem ProblemSink::make(Severity severity, const Scope &scope, Location location,
                          const QString &message) const
{
    Problem problem;
    problem.severity = severity;
    problem.message = scope.context.isEmpty() ? message : scope.context + QStringLiteral(": ") + message;
    problem.path = scope.path;
    problem.nodeId = scope.nodeId;
    problem.field = scope.fieldName();
    problem.location = location;
    return problem;
}

void ProblemSink::error(const Scope &scope, Location location, const QString &message)
{
    add(make(Severity::Error, scope, location, message));
}

void ProblemSink::warning(const Scope &scope, Location location, const QString &message)
{
    add(make(Severity::Warning, scope, location, message));
}

void ProblemSink::add(Problem problem)
{
    if (problem.isError())
        ++m_errors;
    m_problems.append(std::move(problem));
}

} // namespace pw::model
