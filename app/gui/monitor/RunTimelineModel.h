#pragma once

#include "engine/RunTypes.h"
#include "model/IdKey.h"

#include <QAbstractListModel>
#include <QHash>
#include <QtQml/qqmlregistration.h>

namespace pw::gui {

// The Timeline panel (Kestra's and Airflow's Gantt): a row per step that did something, in
// the pipeline's order, each with its segments on the time axis: attempts coloured by outcome,
// the waits before a retry, the waits for a person. Rows appear as steps start and change as
// they go (rows inserted and updated, never a reset while a run is shown).
class RunTimelineModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The run monitor owns the timeline")
    Q_PROPERTY(double startMs READ startMs NOTIFY spanChanged)
    Q_PROPERTY(double endMs READ endMs NOTIFY spanChanged) // 0 while the run goes on: "now"

public:
    enum Role {
        NodeIdRole = Qt::UserRole + 1,
        StageRole,
        LaneRole, // "main", "rollback" or "errorHandler"
        StatusRole,
        SegmentsRole, // [{kind: attempt|retry|wait|cloned, outcome, start, end (0: still going), label, detail}]
    };

    explicit RunTimelineModel(QObject *parent = nullptr);

    double startMs() const { return double(m_start); }
    double endMs() const { return double(m_end); }

    // Another run: its plan (every node, in order) and what is known of it so far.
    void reset(const engine::RunSnapshot &run, const QList<engine::AttemptRecord> &attempts,
               const QList<engine::InterventionRecord> &requests);
    void clear();
    void updateNodes(const QList<engine::NodeState> &nodes);
    void updateAttempts(const QList<engine::AttemptRecord> &attempts);
    void addEvents(const QList<engine::RunEvent> &events);
    void requestOpened(const engine::InterventionRequest &request);
    void requestClosed(const engine::InterventionRecord &record);
    void finish(const QDateTime &endedAt);

    // The row of a node, -1 when it has none.
    Q_INVOKABLE int rowOf(const QString &nodeId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void spanChanged();

private:
    struct Segment
    {
        QString kind;
        QString outcome;
        qint64 start = 0;
        qint64 end = 0;
        QString label;
        QString detail;
        QString key; // what identifies it for updates: "a:3" (attempt 3), "w:<request>", "r:2"
    };
    struct Row
    {
        int position = -1; // in plan order (m_order): rows are kept sorted by it
        QString nodeId;
        QString stage;
        QString lane;
        QString status;
        QList<Segment> segments;
    };
    // The first row whose plan position is not before `position`.
    int lowerBoundRow(int position) const;
    // The row of a node, made (in plan order) when it has none yet.
    Row &rowFor(const QString &nodeId, int *rowIndex);
    void upsert(const QString &nodeId, Segment segment);
    void changed(int row);

    QHash<model::IdKey, int> m_order; // node id -> position in the plan (steps only)
    QHash<model::IdKey, engine::NodeState> m_plan;
    QList<Row> m_rows; // sorted by plan position
    qint64 m_start = 0;
    qint64 m_end = 0;
};

} // namespace pw::gui
