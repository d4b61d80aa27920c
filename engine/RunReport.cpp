#include "RunReport.h"

#include "JsonTextWriter.h"

#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace pw::engine {
namespace {

// Keys are written in sorted order, as QJsonObject kept them when the report was built with
// it (and as any reader that re-serializes it will).

void timeOrNull(JsonTextWriter &json, const QDateTime &time)
{
    if (time.isValid())
        json.string(isoTime(time));
    else
        json.null();
}

void writeNode(JsonTextWriter &json, const NodeState &node)
{
    const bool stage = node.kind == NodeKind::Stage;
    const bool step = node.kind == NodeKind::Step;
    json.beginObject();
    if (step) {
        json.key(QLatin1StringView("attempts"));
        json.integer(node.attempts);
        json.key(QLatin1StringView("cloned"));
        json.boolean(node.cloned);
    }
    json.key(QLatin1StringView("endedAt"));
    timeOrNull(json, node.endedAt);
    if (step) {
        json.key(QLatin1StringView("error"));
        if (node.error) {
            json.beginObject();
            json.key(QLatin1StringView("message"));
            json.string(node.error->message);
            json.key(QLatin1StringView("type"));
            json.string(model::toString(node.error->type));
            json.endObject();
        } else {
            json.null();
        }
    }
    // cli.md: only steps run by an executor other than local name it and their jobs.
    if (step && !node.executor.isEmpty()) {
        json.key(QLatin1StringView("executor"));
        json.string(node.executor);
        json.key(QLatin1StringView("jobs"));
        json.beginArray();
        for (const QString &job : node.jobs)
            json.string(job);
        json.endArray();
    }
    json.key(QLatin1StringView("kind"));
    json.string(toString(node.kind));
    if (step) {
        json.key(QLatin1StringView("outputs"));
        json.value(QJsonObject::fromVariantMap(node.outputs));
    }
    if (!stage) {
        json.key(QLatin1StringView("parents"));
        json.beginArray();
        for (const QString &parent : node.parents)
            json.string(parent);
        json.endArray();
        json.key(QLatin1StringView("role"));
        json.string(toString(node.role));
        json.key(QLatin1StringView("stage"));
        json.stringOrNull(node.stage);
    }
    json.key(QLatin1StringView("startedAt"));
    timeOrNull(json, node.startedAt);
    json.key(QLatin1StringView("status"));
    json.string(toString(node.status));
    json.key(QLatin1StringView("warning"));
    json.boolean(node.warning);
    json.endObject();
}

void writeEvent(JsonTextWriter &json, const RunEvent &event)
{
    json.beginObject();
    json.key(QLatin1StringView("at"));
    json.string(isoTime(event.at));
    if (event.event == QLatin1String("attemptStarted") || event.event == QLatin1String("attemptFailed")
        || event.event == QLatin1String("retryScheduled")) {
        json.key(QLatin1StringView("attempt"));
        json.integer(event.attempt);
    }
    if (!event.decision.isEmpty()) {
        json.key(QLatin1StringView("by"));
        json.string(event.by);
        json.key(QLatin1StringView("decision"));
        json.string(event.decision);
    }
    if (event.delayMs >= 0) {
        json.key(QLatin1StringView("delayMs"));
        json.integer(event.delayMs);
    }
    if (event.errorType) {
        json.key(QLatin1StringView("errorType"));
        json.string(model::toString(*event.errorType));
    }
    json.key(QLatin1StringView("event"));
    json.string(event.event);
    json.key(QLatin1StringView("node"));
    json.string(event.node);
    if (event.status) {
        json.key(QLatin1StringView("status"));
        json.string(toString(*event.status));
    }
    json.endObject();
}

void writeIntervention(JsonTextWriter &json, const InterventionRecord &record)
{
    json.beginObject();
    json.key(QLatin1StringView("by"));
    json.string(record.by);
    if (!record.comment.isEmpty()) {
        json.key(QLatin1StringView("comment"));
        json.string(record.comment);
    }
    json.key(QLatin1StringView("decidedAt"));
    timeOrNull(json, record.decidedAt);
    json.key(QLatin1StringView("decision"));
    json.string(record.decision);
    json.key(QLatin1StringView("kind"));
    json.string(record.request.kind == RequestKind::Approval ? QStringLiteral("approval")
                                                             : QStringLiteral("intervention"));
    json.key(QLatin1StringView("requestedAt"));
    timeOrNull(json, record.request.requestedAt);
    json.key(QLatin1StringView("step"));
    json.string(record.request.step);
    json.endObject();
}

} // namespace

QString isoTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    // Not QDateTime::toString(), which converts to UTC and reads its format anew at each call:
    // a report holds two times per node and one per event, tens of thousands in a long run.
    constexpr qint64 kMsPerDay = 24 * 60 * 60 * 1000;
    const qint64 ms = time.toMSecsSinceEpoch();
    const qint64 days = ms >= 0 ? ms / kMsPerDay : -((-ms + kMsPerDay - 1) / kMsPerDay);
    const qint64 msOfDay = ms - days * kMsPerDay;
    const QDate date = QDate(1970, 1, 1).addDays(days);
    if (date.year() < 0 || date.year() > 9999) // outside what four digits spell
        return time.toUTC().toString(Qt::ISODateWithMs);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", date.year(),
                  date.month(), date.day(), int(msOfDay / 3600000), int(msOfDay / 60000 % 60),
                  int(msOfDay / 1000 % 60), int(msOfDay % 1000));
    return QString::fromLatin1(text);
}

QByteArray runReportText(const RunSnapshot &snapshot)
{
    JsonTextWriter json;
    json.beginObject();
    json.key(QLatin1StringView("endedAt"));
    timeOrNull(json, snapshot.endedAt);
    json.key(QLatin1StringView("error"));
    if (snapshot.error) {
        json.beginObject();
        json.key(QLatin1StringView("message"));
        json.string(snapshot.error->message);
        json.key(QLatin1StringView("stage"));
        json.stringOrNull(snapshot.error->stage);
        json.key(QLatin1StringView("step"));
        json.string(snapshot.error->step);
        json.key(QLatin1StringView("type"));
        json.string(model::toString(snapshot.error->type));
        json.endObject();
    } else {
        json.null();
    }
    json.key(QLatin1StringView("events"));
    json.beginArray();
    for (const RunEvent &event : snapshot.events)
        writeEvent(json, event);
    json.endArray();
    json.key(QLatin1StringView("inputs"));
    json.value(QJsonObject::fromVariantMap(snapshot.inputs));
    json.key(QLatin1StringView("interventions"));
    json.beginArray();
    for (const InterventionRecord &record : snapshot.interventions)
        writeIntervention(json, record);
    json.endArray();
    json.key(QLatin1StringView("nodes"));
    std::vector<const NodeState *> byId; // the run lists them in pipeline order
    byId.reserve(size_t(snapshot.nodes.size()));
    for (const NodeState &node : snapshot.nodes)
        byId.push_back(&node);
    std::sort(byId.begin(), byId.end(),
              [](const NodeState *a, const NodeState *b) { return a->id < b->id; });
    json.beginObject();
    for (const NodeState *node : byId) {
        json.key(node->id);
        writeNode(json, *node);
    }
    json.endObject();
    json.key(QLatin1StringView("originRunId"));
    json.stringOrNull(snapshot.originRunId);
    json.key(QLatin1StringView("pipeline"));
    json.string(snapshot.pipelineId);
    if (snapshot.rehearsal) {
        json.key(QLatin1StringView("rehearsal"));
        json.boolean(true);
    }
    json.key(QLatin1StringView("runId"));
    json.string(snapshot.runId);
    json.key(QLatin1StringView("startedAt"));
    timeOrNull(json, snapshot.startedAt);
    json.key(QLatin1StringView("status"));
    json.string(toString(snapshot.status));
    json.key(QLatin1StringView("vars"));
    json.value(QJsonObject::fromVariantMap(snapshot.vars));
    json.key(QLatin1StringView("warning"));
    json.boolean(snapshot.warning);
    json.endObject();
    return json.take();
}

} // namespace pw::engine
