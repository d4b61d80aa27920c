#pragma once

#include "engine/RunTypes.h"
#include "model/IdKey.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QVariantMap>

namespace pw::gui {

// The state of every node of the run the window shows, by id: what the canvas colours its
// cards by (PipelineOutline's run roles). Kept current on the GUI thread from the engine's
// batched signals, or filled once from the store for a past run. Changes are announced by
// id, so the outline updates those rows only.
class NodeRunStates : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    void reset(const QList<engine::NodeState> &nodes);
    void clear();
    void update(const QList<engine::NodeState> &nodes);
    // What counts down on a card: the next attempt of a Retrying step, the deadline of a
    // Waiting one (from the events and requests of the run).
    void noteRetry(const QString &id, const QDateTime &at);
    void noteDeadline(const QString &id, const QDateTime &deadline);
    // Attempts a step may make by its automatic retry (for "2/4"); steps not in it: one.
    void setMaxAttempts(QHash<QString, int> maxAttempts) { m_maxAttempts = std::move(maxAttempts); }

    bool isEmpty() const { return m_states.isEmpty(); }
    const engine::NodeState *find(const QString &id) const;
    // The run roles of a node: {status, attempts, warning, cloned, startedAt, endedAt (ms
    // since the epoch, 0 when unknown), retryAt, deadline, errorType, errorMessage}; empty
    // when the node is not part of the shown run.
    QVariantMap info(const QString &id) const;

signals:
    void changed(const QStringList &ids);
    void cleared();

private:
    QHash<model::IdKey, engine::NodeState> m_states;
    QHash<model::IdKey, QDateTime> m_retryAt;
    QHash<model::IdKey, QDateTime> m_deadline;
    QHash<QString, int> m_maxAttempts;
};

} // namespace pw::gui
