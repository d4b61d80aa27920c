#include "RunReport.h"

#include <QJsonArray>

namespace pw::engine {
namespace {

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoTime(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject nodeJson(const NodeState &node)
{
    QJsonObject object{{QStringLiteral("kind"), toString(node.kind)},
                       {QStringLiteral("status"), toString(node.status)},
                       {QStringLiteral("warning"), node.warning},
                       {QStringLiteral("startedAt"), timeOrNull(node.startedAt)},
                       {QStringLiteral("endedAt"), timeOrNull(node.endedAt)}};
    if (node.kind == NodeKind::Stage)
        return object;
    object.insert(QStringLiteral("stage"), textOrNull(node.stage));
    object.insert(QStringLiteral("parents"), QJsonArray::fromStringList(node.parents));
    object.insert(QStringLiteral("role"), toString(node.role));
    if (node.kind == NodeKind::Group)
        return object;
    object.insert(QStringLiteral("attempts"), node.attempts);
    object.insert(QStringLiteral("cloned"), node.cloned);
    object.insert(QStringLiteral("error"),
                  node.error ? QJsonValue(QJsonObject{{QStringLiteral("type"), model::toString(node.error->type)},
                                                      {QStringLiteral("message"), node.error->message}})
                             : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("outputs"), QJsonObject::fromVariantMap(node.outputs));
    return object;
}

QJsonObject eventJson(const RunEvent &event)
{
    QJsonObject object{{QStringLiteral("at"), isoTime(event.at)},
                       {QStringLiteral("node"), event.node},
                       {QStringLiteral("event"), event.event}};
    if (event.event == QLatin1String("attemptStarted") || event.event == QLatin1String("attemptFailed")
        || event.event == QLatin1String("retryScheduled"))
        object.insert(QStringLiteral("attempt"), event.attempt);
    if (event.errorType)
        object.insert(QStringLiteral("errorType"), model::toString(*event.errorType));
    if (event.delayMs >= 0)
        object.insert(QStringLiteral("delayMs"), event.delayMs);
    if (event.status)
        object.insert(QStringLiteral("status"), toString(*event.status));
    if (!event.decision.isEmpty()) {
        object.insert(QStringLiteral("decision"), event.decision);
        object.insert(QStringLiteral("by"), event.by);
    }
    return object;
}

} // namespace

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject runReportJson(const RunSnapshot &snapshot)
{
    QJsonObject nodes;
    for (const NodeState &node : snapshot.nodes)
        nodes.insert(node.id, nodeJson(node));
    QJsonArray interventions;
    for (const InterventionRecord &record : snapshot.interventions) {
        QJsonObject entry{{QStringLiteral("step"), record.request.step},
                          {QStringLiteral("kind"), record.request.kind == RequestKind::Approval
                                                       ? QStringLiteral("approval") : QStringLiteral("intervention")},
                          {QStringLiteral("decision"), record.decision},
                          {QStringLiteral("by"), record.by},
                          {QStringLiteral("requestedAt"), timeOrNull(record.request.requestedAt)},
                          {QStringLiteral("decidedAt"), timeOrNull(record.decidedAt)}};
        if (!record.comment.isEmpty())
            entry.insert(QStringLiteral("comment"), record.comment);
        interventions.append(entry);
    }
    QJsonArray events;
    for (const RunEvent &event : snapshot.events)
        events.append(eventJson(event));
    QJsonValue error(QJsonValue::Null);
    if (snapshot.error) {
        error = QJsonObject{{QStringLiteral("type"), model::toString(snapshot.error->type)},
                            {QStringLiteral("message"), snapshot.error->message},
                            {QStringLiteral("step"), snapshot.error->step},
                            {QStringLiteral("stage"), textOrNull(snapshot.error->stage)}};
    }
    return QJsonObject{{QStringLiteral("runId"), snapshot.runId},
                       {QStringLiteral("originRunId"), textOrNull(snapshot.originRunId)},
                       {QStringLiteral("pipeline"), snapshot.pipelineId},
                       {QStringLiteral("status"), toString(snapshot.status)},
                       {QStringLiteral("warning"), snapshot.warning},
                       {QStringLiteral("startedAt"), timeOrNull(snapshot.startedAt)},
                       {QStringLiteral("endedAt"), timeOrNull(snapshot.endedAt)},
                       {QStringLiteral("inputs"), QJsonObject::fromVariantMap(snapshot.inputs)},
                       {QStringLiteral("error"), error},
                       {QStringLiteral("vars"), QJsonObject::fromVariantMap(snapshot.vars)},
                       {QStringLiteral("nodes"), nodes},
                       {QStringLiteral("interventions"), interventions},
                       {QStringLiteral("events"), events}};
}

} // namespace pw::engine
