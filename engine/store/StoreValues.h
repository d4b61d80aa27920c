#pragma once

#include "engine/RunTypes.h"

#include <QDateTime>
#include <QVariant>
#include <QVariantMap>

// Conversions between run values and what the run database stores, shared by its writer and
// its readers so that both agree on every column.
namespace pw::engine::storevalues {

// Milliseconds since the epoch, or NULL for an invalid time.
QVariant time(const QDateTime &time);
QDateTime time(const QVariant &value);
// A map as compact JSON text, or NULL when empty.
QVariant json(const QVariantMap &map);
// The same as UTF-8 bytes (a null QByteArray when empty), written directly (JsonTextWriter):
// every node's outputs go through here, twice (journal and database).
QByteArray jsonText(const QVariantMap &map);
QVariantMap map(const QVariant &value);
// Text, or NULL when empty.
QVariant text(const QString &text);

// Appends `text` as a JSON string (quotes included), as Qt would escape it.
void appendJsonString(QByteArray &out, const QString &text);

// runs.node_plan: every node's place in the pipeline (id, kind, stage, parents, role, step
// type), a line each in plan order. States come from the nodes table.
QByteArray encodeNodePlan(const QList<NodeState> &nodes);
QList<NodeState> decodeNodePlan(const QByteArray &plan);

// events.data: a batch of events, a compact JSON object per line.
void appendEvent(QByteArray &batch, const RunEvent &event);
void decodeEvents(const QByteArray &batch, QList<RunEvent> &events);

} // namespace pw::engine::storevalues
