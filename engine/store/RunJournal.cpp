#include "RunJournal.h"

#include "StoreValues.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace pw::engine {
namespace {

namespace sv = storevalues;

QJsonValue timeValue(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toMSecsSinceEpoch()) : QJsonValue(QJsonValue::Null);
}

QDateTime timeOf(const QJsonValue &value)
{
    return value.isDouble() ? QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC) : QDateTime();
}

void putError(QJsonObject &object, const std::optional<NodeError> &error)
{
    if (!error)
        return;
    object.insert(QStringLiteral("errorType"), model::toString(error->type));
    object.insert(QStringLiteral("errorMessage"), error->message);
}

std::optional<NodeError> errorOf(const QJsonObject &object)
{
    const auto type = model::parseErrorType(object.value(QStringLiteral("errorType")).toString());
    if (!type)
        return std::nullopt;
    return NodeError{*type, object.value(QStringLiteral("errorMessage")).toString()};
}

} // namespace

RunJournal::~RunJournal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::optional<QString> RunJournal::open(const QString &path)
{
    m_path = path;
    m_fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0)
        return QStringLiteral("cannot create %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    return std::nullopt;
}

bool RunJournal::write(const QByteArray &line)
{
    if (m_fd < 0)
        return false;
    // One write() per line: a program killed in the middle leaves a whole line or none (the
    // kernel has the bytes once write() returns).
    qsizetype done = 0;
    while (done < line.size()) {
        const ssize_t count = ::write(m_fd, line.constData() + done, size_t(line.size() - done));
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            return false;
        done += count;
    }
    m_empty = false;
    return true;
}

bool RunJournal::append(const NodeState &state, const QByteArray &outputsJson, const QByteArray &varsJson)
{
    // Written by hand: a line per finished node, so it must cost little (QJsonObject: ~5 µs).
    const auto number = [](qint64 value) { return QByteArray::number(value); };
    const auto time = [&](const QDateTime &at) { return at.isValid() ? number(at.toMSecsSinceEpoch()) : "null"; };
    QByteArray line = "{\"node\":";
    sv::appendJsonString(line, state.id);
    line += ",\"status\":\"" + toString(state.status).toLatin1() + "\",\"attempts\":" + number(state.attempts)
            + ",\"warning\":" + (state.warning ? "true" : "false") + ",\"cloned\":" + (state.cloned ? "true" : "false")
            + ",\"startedAt\":" + time(state.startedAt) + ",\"endedAt\":" + time(state.endedAt);
    if (state.error) {
        line += ",\"errorType\":\"" + model::toString(state.error->type).toLatin1() + "\",\"errorMessage\":";
        sv::appendJsonString(line, state.error->message);
    }
    if (!outputsJson.isEmpty())
        line += ",\"outputs\":" + outputsJson;
    if (!varsJson.isEmpty())
        line += ",\"vars\":" + varsJson;
    line += "}\n";
    return write(line);
}

bool RunJournal::append(const AttemptRecord &attempt)
{
    QJsonObject object{{QStringLiteral("attemptOf"), attempt.node},
                       {QStringLiteral("attempt"), attempt.attempt},
                       {QStringLiteral("startedAt"), timeValue(attempt.startedAt)},
                       {QStringLiteral("endedAt"), timeValue(attempt.endedAt)},
                       {QStringLiteral("outcome"), attempt.outcome},
                       {QStringLiteral("externalId"), attempt.externalId}};
    putError(object, attempt.error);
    return write(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
}

void RunJournal::clear()
{
    if (m_fd >= 0 && !m_empty && ::ftruncate(m_fd, 0) == 0)
        m_empty = true;
}

void RunJournal::remove()
{
    if (m_fd < 0)
        return;
    ::close(m_fd);
    m_fd = -1;
    QFile::remove(m_path);
}

QList<JournalEntry> RunJournal::read(const QString &path)
{
    QList<JournalEntry> entries;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    const QByteArray bytes = file.readAll();
    for (const QByteArray &line : bytes.split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.isEmpty())
            continue; // the empty tail, or a line cut short
        JournalEntry entry;
        if (object.contains(QStringLiteral("node"))) {
            NodeState node;
            node.id = object.value(QStringLiteral("node")).toString();
            node.status = parseNodeStatus(object.value(QStringLiteral("status")).toString()).value_or(NodeStatus::Failed);
            node.attempts = object.value(QStringLiteral("attempts")).toInt();
            node.warning = object.value(QStringLiteral("warning")).toBool();
            node.cloned = object.value(QStringLiteral("cloned")).toBool();
            node.startedAt = timeOf(object.value(QStringLiteral("startedAt")));
            node.endedAt = timeOf(object.value(QStringLiteral("endedAt")));
            node.error = errorOf(object);
            node.outputs = object.value(QStringLiteral("outputs")).toObject().toVariantMap();
            node.vars = object.value(QStringLiteral("vars")).toObject().toVariantMap();
            entry.node = node;
        } else if (object.contains(QStringLiteral("attemptOf"))) {
            AttemptRecord attempt;
            attempt.node = object.value(QStringLiteral("attemptOf")).toString();
            attempt.attempt = object.value(QStringLiteral("attempt")).toInt();
            attempt.startedAt = timeOf(object.value(QStringLiteral("startedAt")));
            attempt.endedAt = timeOf(object.value(QStringLiteral("endedAt")));
            attempt.outcome = object.value(QStringLiteral("outcome")).toString();
            attempt.externalId = object.value(QStringLiteral("externalId")).toString();
            attempt.error = errorOf(object);
            entry.attempt = attempt;
        } else {
            continue;
        }
        entries.append(std::move(entry));
    }
    return entries;
}

QString RunJournal::pathFor(const QString &logsDirectory, const QString &runId)
{
    return logsDirectory + u'/' + runId + QStringLiteral(".journal");
}

} // namespace pw::engine
