#include "RunTimelineModel.h"

#include <algorithm>

namespace pw::gui {
namespace {

qint64 ms(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000, 0, 'f', 1);
    return QStringLiteral("%1 min %2 s").arg(ms / 60000).arg(ms / 1000 % 60);
}

} // namespace

RunTimelineModel::RunTimelineModel(QObject *parent) : QAbstractListModel(parent) {}

void RunTimelineModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_order.clear();
    m_plan.clear();
    m_start = 0;
    m_end = 0;
    endResetModel();
    emit spanChanged();
}

void RunTimelineModel::reset(const engine::RunSnapshot &run, const QList<engine::AttemptRecord> &attempts,
                             const QList<engine::InterventionRecord> &requests)
{
    beginResetModel();
    m_rows.clear();
    m_order.clear();
    m_plan.clear();
    m_plan.reserve(run.nodes.size()); // one allocation, not a rehash at every doubling
    m_order.reserve(run.nodes.size());
    int position = 0;
    for (const engine::NodeState &node : run.nodes) {
        m_plan.insert(node.id, node);
        if (node.kind == engine::NodeKind::Step)
            m_order.insert(node.id, position++);
    }
    m_start = ms(run.startedAt);
    m_end = run.status == engine::RunStatus::Running ? 0 : ms(run.endedAt);
    endResetModel();
    emit spanChanged();
    // Then what is known, through the same paths as live updates.
    updateAttempts(attempts);
    addEvents(run.events);
    for (const engine::InterventionRecord &record : requests) {
        requestOpened(record.request);
        if (!record.decision.isEmpty())
            requestClosed(record);
    }
    updateNodes(run.nodes);
}

// Rows are kept in plan order: every batch updates the rows of every running step, so a
// node's row is found by a binary search on its place in the plan, not by a walk.
int RunTimelineModel::lowerBoundRow(int position) const
{
    const auto found = std::lower_bound(m_rows.cbegin(), m_rows.cend(), position,
                                        [](const Row &item, int wanted) { return item.position < wanted; });
    return int(found - m_rows.cbegin());
}

RunTimelineModel::Row &RunTimelineModel::rowFor(const QString &nodeId, int *rowIndex)
{
    const int position = m_order.value(nodeId, -1);
    const int row = lowerBoundRow(position);
    if (row < m_rows.size() && m_rows.at(row).nodeId == nodeId) {
        *rowIndex = row;
        return m_rows[row];
    }
    const engine::NodeState planned = m_plan.value(nodeId);
    beginInsertRows({}, row, row);
    m_rows.insert(row, Row{position, nodeId, planned.stage, engine::toString(planned.role), engine::toString(planned.status), {}});
    endInsertRows();
    *rowIndex = row;
    return m_rows[row];
}

void RunTimelineModel::changed(int row)
{
    emit dataChanged(index(row), index(row), {StatusRole, SegmentsRole});
}

void RunTimelineModel::upsert(const QString &nodeId, Segment segment)
{
    if (!m_order.contains(nodeId))
        return;
    int row = 0;
    Row &target = rowFor(nodeId, &row);
    for (Segment &existing : target.segments) {
        if (existing.key == segment.key) {
            existing = std::move(segment);
            changed(row);
            return;
        }
    }
    // Kept in time order (attempts and waits arrive in separate batches); at the same
    // millisecond an attempt comes before the wait that follows it.
    const auto rank = [](const Segment &item) { return item.kind == QLatin1String("attempt") ? 0 : 1; };
    auto at = std::upper_bound(target.segments.begin(), target.segments.end(), segment,
                               [&rank](const Segment &a, const Segment &b) {
                                   return a.start != b.start ? a.start < b.start : rank(a) < rank(b);
                               });
    target.segments.insert(at, std::move(segment));
    changed(row);
}

void RunTimelineModel::updateAttempts(const QList<engine::AttemptRecord> &attempts)
{
    for (const engine::AttemptRecord &attempt : attempts) {
        QString detail = QStringLiteral("%1 attempt %2: %3").arg(attempt.node).arg(attempt.attempt)
                             .arg(attempt.outcome.isEmpty() ? tr("running") : attempt.outcome);
        if (attempt.endedAt.isValid())
            detail += QStringLiteral(" after ") + durationText(attempt.startedAt.msecsTo(attempt.endedAt));
        if (attempt.error)
            detail += u'\n' + model::toString(attempt.error->type) + QStringLiteral(": ") + attempt.error->message;
        if (!attempt.externalId.isEmpty())
            detail += QStringLiteral("\njob ") + attempt.externalId;
        upsert(attempt.node, {QStringLiteral("attempt"), attempt.outcome.isEmpty() ? QStringLiteral("Running") : attempt.outcome,
                              ms(attempt.startedAt), ms(attempt.endedAt), QString::number(attempt.attempt), detail,
                              QStringLiteral("a:%1").arg(attempt.attempt)});
    }
}

void RunTimelineModel::addEvents(const QList<engine::RunEvent> &events)
{
    for (const engine::RunEvent &event : events) {
        if (event.event == QLatin1String("retryScheduled")) {
            // Until the next attempt starts; its end is set when it does (attemptStarted).
            upsert(event.node, {QStringLiteral("retry"), {}, ms(event.at), ms(event.at) + std::max<qint64>(0, event.delayMs),
                                tr("retry"),
                                tr("%1 waits %2 before attempt %3").arg(event.node, durationText(event.delayMs)).arg(event.attempt),
                                QStringLiteral("r:%1").arg(event.attempt)});
        } else if (event.event == QLatin1String("cloned")) {
            upsert(event.node, {QStringLiteral("cloned"), {}, ms(event.at), ms(event.at), tr("reused"),
                                tr("%1 reused from the original run").arg(event.node), QStringLiteral("c")});
        }
    }
}

void RunTimelineModel::requestOpened(const engine::InterventionRequest &request)
{
    const bool approval = request.kind == engine::RequestKind::Approval;
    upsert(request.step, {QStringLiteral("wait"), {}, ms(request.requestedAt), 0,
                          approval ? tr("approval") : tr("decision"),
                          approval ? tr("%1 waits for approval until %2").arg(request.step, request.deadline.toLocalTime().toString(QStringLiteral("hh:mm:ss")))
                                   : tr("%1 waits for a decision until %2, then %3")
                                         .arg(request.step, request.deadline.toLocalTime().toString(QStringLiteral("hh:mm:ss")), request.onTimeout),
                          QStringLiteral("w:") + request.id});
}

void RunTimelineModel::requestClosed(const engine::InterventionRecord &record)
{
    const engine::InterventionRequest &request = record.request;
    const QString who = record.who.isEmpty() ? record.by : record.who;
    upsert(request.step, {QStringLiteral("wait"), record.decision, ms(request.requestedAt), ms(record.decidedAt),
                          record.decision,
                          tr("%1 waited %2: %3 by %4").arg(request.step, durationText(request.requestedAt.msecsTo(record.decidedAt)),
                                                           record.decision, who),
                          QStringLiteral("w:") + request.id});
}

void RunTimelineModel::updateNodes(const QList<engine::NodeState> &nodes)
{
    for (const engine::NodeState &node : nodes) {
        if (node.kind != engine::NodeKind::Step)
            continue;
        m_plan[node.id].status = node.status;
        const int row = rowOf(node.id);
        if (row >= 0) {
            Row &target = m_rows[row];
            target.status = engine::toString(node.status);
            // A retry wait ends when the next attempt starts: the next attempt's start is known.
            for (Segment &segment : target.segments) {
                if (segment.kind != QLatin1String("retry"))
                    continue;
                const QString next = QStringLiteral("a:") + segment.key.mid(2);
                for (const Segment &attempt : std::as_const(target.segments)) {
                    if (attempt.key == next)
                        segment.end = attempt.start;
                }
            }
            changed(row);
        }
    }
}

void RunTimelineModel::finish(const QDateTime &endedAt)
{
    m_end = ms(endedAt);
    emit spanChanged();
}

int RunTimelineModel::rowOf(const QString &nodeId) const
{
    const auto position = m_order.constFind(nodeId);
    if (position == m_order.cend())
        return -1;
    const int row = lowerBoundRow(position.value());
    return row < m_rows.size() && m_rows.at(row).nodeId == nodeId ? row : -1;
}

int RunTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RunTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NodeIdRole: return row.nodeId;
    case StageRole: return row.stage;
    case LaneRole: return row.lane;
    case StatusRole: return row.status;
    case SegmentsRole: {
        QVariantList segments;
        for (const Segment &segment : row.segments) {
            segments << QVariantMap{{QStringLiteral("kind"), segment.kind},
                                    {QStringLiteral("outcome"), segment.outcome},
                                    {QStringLiteral("start"), double(segment.start)},
                                    {QStringLiteral("end"), double(segment.end)},
                                    {QStringLiteral("label"), segment.label},
                                    {QStringLiteral("detail"), segment.detail}};
        }
        return segments;
    }
    default: return {};
    }
}

QHash<int, QByteArray> RunTimelineModel::roleNames() const
{
    return {{NodeIdRole, "nodeId"}, {StageRole, "stage"}, {LaneRole, "lane"}, {StatusRole, "status"},
            {SegmentsRole, "segments"}};
}

} // namespace pw::gui
