#include "RunHistoryModel.h"

#include <QFileInfo>
#include <QSet>

namespace pw::gui {
namespace {

// A burst of commits (a run writes every 30 ms) is read once.
constexpr int kDebounceMs = 300;
// Some file systems do not tell; a run started elsewhere shows up within this anyway.
constexpr int kPollMs = 3000;

} // namespace

RunHistoryModel::RunHistoryModel(QObject *parent) : QAbstractListModel(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &RunHistoryModel::refresh);
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &RunHistoryModel::refresh);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this](const QString &path) {
        if (!m_watcher.files().contains(path) && QFileInfo::exists(path))
            m_watcher.addPath(path); // replaced files drop out of the watch
        m_debounce.start();
    });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_debounce.start(); });
}

void RunHistoryModel::watch(engine::RunHistory *history)
{
    m_history = history;
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    if (history) {
        const QString wal = history->path() + QStringLiteral("-wal");
        if (QFileInfo::exists(wal))
            m_watcher.addPath(wal);
        m_watcher.addPath(QFileInfo(history->path()).absolutePath()); // the WAL comes and goes
        m_poll.start();
    } else {
        m_poll.stop();
    }
    refresh();
}

void RunHistoryModel::refresh()
{
    if (!m_history) {
        apply({});
        return;
    }
    const QString wal = m_history->path() + QStringLiteral("-wal");
    if (!m_watcher.files().contains(wal) && QFileInfo::exists(wal))
        m_watcher.addPath(wal);
    const QList<engine::RunSummary> all = m_history->runs();
    QSet<QString> seen;
    QStringList pipelines;
    for (const engine::RunSummary &run : all) {
        if (!seen.contains(run.pipelineId)) {
            seen.insert(run.pipelineId);
            pipelines << run.pipelineId;
        }
    }
    pipelines.sort();
    if (pipelines != m_pipelines) {
        m_pipelines = pipelines;
        emit pipelinesChanged();
    }
    if (m_total != all.size()) {
        m_total = int(all.size());
        emit countChanged();
    }
    QList<engine::RunSummary> shown;
    for (const engine::RunSummary &run : all) {
        if (passes(run))
            shown << run;
    }
    apply(std::move(shown));
}

bool RunHistoryModel::passes(const engine::RunSummary &run) const
{
    if (!m_pipelineFilter.isEmpty() && run.pipelineId != m_pipelineFilter)
        return false;
    return m_statusFilter.isEmpty() || engine::toString(run.status) == m_statusFilter;
}

bool RunHistoryModel::same(const engine::RunSummary &a, const engine::RunSummary &b)
{
    return a.status == b.status && a.warning == b.warning && a.endedAt == b.endedAt && a.deciders == b.deciders;
}

// Brings the rows to `runs` (both newest first) with row operations only.
void RunHistoryModel::apply(QList<engine::RunSummary> runs)
{
    QSet<QString> wanted;
    for (const engine::RunSummary &run : runs)
        wanted.insert(run.runId);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!wanted.contains(m_rows.at(row).runId)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    for (int row = 0; row < runs.size(); ++row) {
        const engine::RunSummary &run = runs.at(row);
        if (row < m_rows.size() && m_rows.at(row).runId == run.runId) {
            if (!same(m_rows.at(row), run)) {
                m_rows[row] = run;
                emit dataChanged(index(row), index(row));
            }
            continue;
        }
        int existing = -1;
        for (int later = row + 1; later < m_rows.size() && existing < 0; ++later) {
            if (m_rows.at(later).runId == run.runId)
                existing = later;
        }
        if (existing >= 0) { // came up in the order (the store's times were adjusted)
            beginMoveRows({}, existing, existing, {}, row);
            m_rows.move(existing, row);
            endMoveRows();
            m_rows[row] = run;
            emit dataChanged(index(row), index(row));
            continue;
        }
        beginInsertRows({}, row, row);
        m_rows.insert(row, run);
        endInsertRows();
    }
}

void RunHistoryModel::setPipelineFilter(const QString &filter)
{
    if (m_pipelineFilter == filter)
        return;
    m_pipelineFilter = filter;
    emit filterChanged();
    refresh();
}

void RunHistoryModel::setStatusFilter(const QString &filter)
{
    if (m_statusFilter == filter)
        return;
    m_statusFilter = filter;
    emit filterChanged();
    refresh();
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const engine::RunSummary &run = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case RunIdRole: return run.runId;
    case PipelineRole: return run.pipelineId;
    case PipelineNameRole: return run.pipelineName.isEmpty() ? run.pipelineId : run.pipelineName;
    case StatusRole: return engine::toString(run.status);
    case WarningRole: return run.warning;
    case RehearsalRole: return run.rehearsal;
    case StartedAtRole: return double(run.startedAt.toMSecsSinceEpoch());
    case EndedAtRole: return run.endedAt.isValid() ? double(run.endedAt.toMSecsSinceEpoch()) : 0.0;
    case OriginRole: return run.originRunId;
    case DecidersRole: return run.deciders.join(QStringLiteral(", "));
    case OwnerRole: return run.owner;
    default: return {};
    }
}

QHash<int, QByteArray> RunHistoryModel::roleNames() const
{
    return {{RunIdRole, "runId"},       {PipelineRole, "pipeline"},   {PipelineNameRole, "pipelineName"},
            {StatusRole, "status"},     {WarningRole, "warning"},     {RehearsalRole, "rehearsal"},
            {StartedAtRole, "startedAt"}, {EndedAtRole, "endedAt"},   {OriginRole, "origin"},
            {DecidersRole, "deciders"}, {OwnerRole, "owner"}};
}

} // namespace pw::gui
