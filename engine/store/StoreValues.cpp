#include "StoreValues.h"

#include "engine/JsonTextWriter.h"

#include <charconv>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pw::engine::storevalues {

QVariant time(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime time(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QByteArray jsonText(const QVariantMap &map)
{
    if (map.isEmpty())
        return {};
    JsonTextWriter json(JsonTextWriter::Layout::Compact);
    json.beginObject();
    for (auto it = map.cbegin(); it != map.cend(); ++it) { // a QMap: keys sorted, as JSON objects are
        json.key(it.key());
        if (it->typeId() == QMetaType::QString)
            json.string(it->toString());
        else
            json.value(QJsonValue::fromVariant(*it));
    }
    json.endObject();
    QByteArray text = json.take();
    text.chop(1); // the newline that ends a document
    return text;
}

QVariant json(const QVariantMap &map)
{
    if (map.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(jsonText(map));
}

QVariantMap map(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QJsonDocument::fromJson(value.toString().toUtf8()).object().toVariantMap();
}

QVariant text(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QByteArray encodeNodePlan(const QList<NodeState> &nodes)
{
    QByteArray plan;
    plan.reserve(nodes.size() * 48);
    for (const NodeState &node : nodes) {
        plan += node.id.toUtf8() + '\t' + toString(node.kind).toLatin1() + '\t' + node.stage.toUtf8() + '\t'
                + node.parents.join(u',').toUtf8() + '\t' + toString(node.role).toLatin1() + '\t'
                + (node.kind == NodeKind::Step ? model::toString(node.stepType).toLatin1() : QByteArray());
        // A seventh field since executors: databases written before have six, read alike.
        if (!node.executor.isEmpty())
            plan += '\t' + node.executor.toLatin1();
        plan += '\n';
    }
    return plan;
}

QList<NodeState> decodeNodePlan(const QByteArray &plan)
{
    QList<NodeState> nodes;
    for (const QByteArray &line : plan.split('\n')) {
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() < 6)
            continue;
        NodeState node;
        node.id = QString::fromUtf8(fields.at(0));
        node.kind = parseNodeKind(QString::fromLatin1(fields.at(1))).value_or(NodeKind::Step);
        node.stage = QString::fromUtf8(fields.at(2));
        if (!fields.at(3).isEmpty())
            node.parents = QString::fromUtf8(fields.at(3)).split(u',');
        node.role = parseNodeRole(QString::fromLatin1(fields.at(4))).value_or(NodeRole::Main);
        if (const auto type = model::parseStepType(QString::fromLatin1(fields.at(5))))
            node.stepType = *type;
        if (fields.size() > 6)
            node.executor = QString::fromLatin1(fields.at(6));
        nodes.append(std::move(node));
    }
    return nodes;
}

void appendJsonString(QByteArray &out, const QString &text)
{
    // Ids, event names, statuses and most messages are plain ASCII: written as they are.
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u >= 0x7f || u == '"' || u == '\\') {
            const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
            out += QByteArrayView(array).sliced(1, array.size() - 2); // without the [ ]
            return;
        }
    }
    out += '"';
    for (const QChar c : text)
        out += char(c.unicode());
    out += '"';
}

namespace {

void appendNumber(QByteArray &out, qint64 number)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    out.append(digits, end - digits);
}

} // namespace

// Written by hand, not with JsonTextWriter or QJsonObject: every event of a run comes through
// here (30,000 for 10,000 Echo steps).
void appendEvent(QByteArray &batch, const RunEvent &event)
{
    batch += "{\"at\":";
    appendNumber(batch, event.at.toMSecsSinceEpoch());
    batch += ",\"node\":";
    appendJsonString(batch, event.node);
    batch += ",\"event\":";
    appendJsonString(batch, event.event);
    if (event.attempt > 0) {
        batch += ",\"attempt\":";
        appendNumber(batch, event.attempt);
    }
    if (event.errorType) {
        batch += ",\"errorType\":";
        appendJsonString(batch, model::toString(*event.errorType));
    }
    if (event.delayMs >= 0) {
        batch += ",\"delayMs\":";
        appendNumber(batch, event.delayMs);
    }
    if (event.status) {
        batch += ",\"status\":";
        appendJsonString(batch, toString(*event.status));
    }
    if (!event.decision.isEmpty()) {
        batch += ",\"decision\":";
        appendJsonString(batch, event.decision);
        batch += ",\"by\":";
        appendJsonString(batch, event.by);
    }
    batch += "}\n";
}

void decodeEvents(const QByteArray &batch, QList<RunEvent> &events)
{
    for (const QByteArray &line : batch.split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.isEmpty())
            continue;
        RunEvent event;
        event.at = QDateTime::fromMSecsSinceEpoch(qint64(object.value(QStringLiteral("at")).toDouble()), Qt::UTC);
        event.node = object.value(QStringLiteral("node")).toString();
        event.event = object.value(QStringLiteral("event")).toString();
        event.attempt = object.value(QStringLiteral("attempt")).toInt();
        if (object.contains(QStringLiteral("errorType")))
            event.errorType = model::parseErrorType(object.value(QStringLiteral("errorType")).toString());
        event.delayMs = object.contains(QStringLiteral("delayMs"))
                            ? qint64(object.value(QStringLiteral("delayMs")).toDouble())
                            : -1;
        if (object.contains(QStringLiteral("status")))
            event.status = parseNodeStatus(object.value(QStringLiteral("status")).toString());
        event.decision = object.value(QStringLiteral("decision")).toString();
        event.by = object.value(QStringLiteral("by")).toString();
        events.append(std::move(event));
    }
}

} // namespace pw::engine::storevalues
