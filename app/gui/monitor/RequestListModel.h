#pragma once

#include "engine/RunTypes.h"
#include "model/IdKey.h"

#include <QAbstractListModel>
#include <QHash>
#include <QtQml/qqmlregistration.h>

namespace pw::gui {

// The manual interventions and approvals open in the shown run, one dialog each (semantics.md
// "Manual intervention and approvals"): what failed, the last lines the step printed, the
// decisions allowed with what each does, the deadline and what happens then. A request leaves
// when the engine closes it (decided here, from the command line, at the deadline, or because
// its step was cancelled); a decision the engine refuses stays shown on the request.
class RequestListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The run monitor owns the requests")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    static constexpr int kLastLines = 8;

    enum Role {
        RequestIdRole = Qt::UserRole + 1,
        KindRole, // "intervention" or "approval"
        StepRole,
        StageRole,
        ErrorTypeRole,
        ErrorMessageRole,
        MessageRole, // approvals: what to approve
        ApproversRole,
        DecisionsRole, // [{decision, explanation}]
        RequestedAtRole, // ms since the epoch
        DeadlineRole,
        OnTimeoutRole,
        OnTimeoutExplanationRole,
        LastLinesRole, // the step's last lines of output
        RefusalRole, // why the engine refused a decision, if it did
        PendingRole, // a decision was sent and not answered yet
    };

    explicit RequestListModel(QObject *parent = nullptr);

    int count() const { return int(m_requests.size()); }
    void clear();
    void open(const engine::InterventionRequest &request);
    void close(const QString &requestId);
    void refused(const QString &requestId, const QString &reason);
    void sending(const QString &requestId);
    // Step output, for the last lines a request shows.
    void addLines(const QList<engine::LogLine> &lines);

    // What a decision does, in a line for people.
    Q_INVOKABLE static QString explain(const QString &decision);
    Q_INVOKABLE int rowOf(const QString &requestId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    struct Open
    {
        engine::InterventionRequest request;
        QString refusal;
        bool pending = false;
    };
    QList<Open> m_requests;
    QHash<model::IdKey, QStringList> m_lastLines; // step -> its last lines
};

} // namespace pw::gui
