#pragma once

#include "engine/store/RunHistory.h"

#include <QAbstractListModel>
#include <QFileSystemWatcher>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace pw::gui {

// The Runs panel: the stored runs, newest first, as the store has them, whoever started them
// (this window, another one, the command line). It reads again when the database changes
// (a watcher on its write-ahead log, and a slow poll besides) and updates the rows that
// changed: runs come, change and go without a reset.
class RunHistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The run monitor owns the history")
    Q_PROPERTY(QString pipelineFilter READ pipelineFilter WRITE setPipelineFilter NOTIFY filterChanged)
    Q_PROPERTY(QString statusFilter READ statusFilter WRITE setStatusFilter NOTIFY filterChanged)
    Q_PROPERTY(QStringList pipelines READ pipelines NOTIFY pipelinesChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY countChanged)

public:
    enum Role {
        RunIdRole = Qt::UserRole + 1,
        PipelineRole,
        PipelineNameRole,
        StatusRole,
        WarningRole,
        RehearsalRole,
        StartedAtRole, // ms since the epoch
        EndedAtRole, // 0 while it runs
        OriginRole,
        DecidersRole, // "alice, timeout"
        OwnerRole,
    };

    explicit RunHistoryModel(QObject *parent = nullptr);

    // Reads `history` (not owned) now and whenever it changes.
    void watch(engine::RunHistory *history);
    Q_INVOKABLE void refresh();

    QString pipelineFilter() const { return m_pipelineFilter; }
    void setPipelineFilter(const QString &filter);
    QString statusFilter() const { return m_statusFilter; }
    void setStatusFilter(const QString &filter);
    QStringList pipelines() const { return m_pipelines; }
    int totalCount() const { return m_total; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void filterChanged();
    void pipelinesChanged();
    void countChanged();

private:
    bool passes(const engine::RunSummary &run) const;
    void apply(QList<engine::RunSummary> runs);
    static bool same(const engine::RunSummary &a, const engine::RunSummary &b);

    engine::RunHistory *m_history = nullptr;
    QList<engine::RunSummary> m_rows;
    QString m_pipelineFilter;
    QString m_statusFilter;
    QStringList m_pipelines;
    int m_total = 0;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce{this}; // children: they name their owner to tools
    QTimer m_poll{this};
};

} // namespace pw::gui
