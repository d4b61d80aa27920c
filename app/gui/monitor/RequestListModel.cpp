#include "RequestListModel.h"

#include <algorithm>

namespace pw::gui {

RequestListModel::RequestListModel(QObject *parent) : QAbstractListModel(parent) {}

QString RequestListModel::explain(const QString &decision)
{
    static const QHash<QString, QString> explanations{
        {QStringLiteral("MarkAsSuccess"), tr("The step counts as succeeded (with a warning); the run goes on.")},
        {QStringLiteral("Ignore"), tr("The failure is ignored (IgnoredFailure, with a warning); the run goes on.")},
        {QStringLiteral("Retry"), tr("Runs the step once more; if it fails again, its failure strategy decides again.")},
        {QStringLiteral("Abort"), tr("Ends the run as Aborted: running steps are cancelled, only the pipeline's error handler runs.")},
        {QStringLiteral("StageRollback"), tr("Cancels the rest of this stage and runs its rollback steps; later stages run only if they always run.")},
        {QStringLiteral("MarkAsFailure"), tr("The step fails; its stage goes on by `when` (steps that need success are skipped).")},
        {QStringLiteral("PipelineRollback"), tr("Cancels everything and rolls back every stage that started, the latest first.")},
        {QStringLiteral("StepGroupRollback"), tr("Cancels the rest of the step group and runs its rollback steps.")},
        {QStringLiteral("RetryStepGroup"), tr("Runs the whole step group again from its first step.")},
        {QStringLiteral("Approve"), tr("Approves: the step succeeds and the run goes on.")},
        {QStringLiteral("Reject"), tr("Rejects: the step fails with ApprovalRejection and its failure strategy applies.")},
        {QStringLiteral("Timeout"), tr("The step fails with Timeout and its failure strategy applies.")},
    };
    return explanations.value(decision);
}

void RequestListModel::clear()
{
    if (m_requests.empty()) {
        m_lastLines.clear(); // not rows: no reset, which would re-create every delegate of the views
        return;
    }
    beginResetModel();
    m_requests.clear();
    m_lastLines.clear();
    endResetModel();
    emit countChanged();
}

void RequestListModel::open(const engine::InterventionRequest &request)
{
    if (rowOf(request.id) >= 0)
        return;
    const int row = int(m_requests.size());
    beginInsertRows({}, row, row);
    m_requests.append({request, {}, false});
    endInsertRows();
    emit countChanged();
}

void RequestListModel::close(const QString &requestId)
{
    const int row = rowOf(requestId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_requests.removeAt(row);
    endRemoveRows();
    emit countChanged();
}

void RequestListModel::refused(const QString &requestId, const QString &reason)
{
    const int row = rowOf(requestId);
    if (row < 0)
        return;
    m_requests[row].refusal = reason;
    m_requests[row].pending = false;
    emit dataChanged(index(row), index(row), {RefusalRole, PendingRole});
}

void RequestListModel::sending(const QString &requestId)
{
    const int row = rowOf(requestId);
    if (row < 0)
        return;
    m_requests[row].refusal.clear();
    m_requests[row].pending = true;
    emit dataChanged(index(row), index(row), {RefusalRole, PendingRole});
}

void RequestListModel::addLines(const QList<engine::LogLine> &lines)
{
    // Newest first, and only the lines kept: a batch holds hundreds of lines of 200 steps
    // (thousands after the window was busy), and each step keeps its last kLastLines.
    QHash<model::IdKey, QStringList> newest; // step -> its newest lines of the batch, newest first
    for (auto line = lines.crbegin(); line != lines.crend(); ++line) {
        if (line->node.isEmpty() || line->stream == engine::LogLine::Stream::Engine || line->skipped > 0)
            continue;
        QStringList &taken = newest[line->node];
        if (taken.size() < kLastLines)
            taken << line->text;
    }
    for (auto step = newest.cbegin(); step != newest.cend(); ++step) {
        QStringList &last = m_lastLines[step.key()];
        // At most all of the old ones: the batch gives at most kLastLines.
        const qsizetype dropped = std::max<qsizetype>(0, last.size() + step->size() - kLastLines);
        last.remove(0, dropped);
        for (auto text = step->crbegin(); text != step->crend(); ++text)
            last << *text;
    }
    for (int row = 0; row < m_requests.size(); ++row) {
        if (newest.contains(m_requests.at(row).request.step))
            emit dataChanged(index(row), index(row), {LastLinesRole});
    }
}

int RequestListModel::rowOf(const QString &requestId) const
{
    for (int row = 0; row < m_requests.size(); ++row) {
        if (m_requests.at(row).request.id == requestId)
            return row;
    }
    return -1;
}

int RequestListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

QVariant RequestListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Open &open = m_requests.at(index.row());
    const engine::InterventionRequest &request = open.request;
    switch (role) {
    case RequestIdRole: return request.id;
    case KindRole: return request.kind == engine::RequestKind::Approval ? QStringLiteral("approval")
                                                                         : QStringLiteral("intervention");
    case StepRole: return request.step;
    case StageRole: return request.stage;
    case ErrorTypeRole: return request.errorType ? model::toString(*request.errorType) : QString();
    case ErrorMessageRole: return request.errorMessage;
    case MessageRole: return request.message;
    case ApproversRole: return request.approvers;
    case DecisionsRole: {
        QVariantList decisions;
        for (const QString &decision : request.allowedDecisions)
            decisions << QVariantMap{{QStringLiteral("decision"), decision},
                                     {QStringLiteral("explanation"), explain(decision)}};
        return decisions;
    }
    case RequestedAtRole: return double(request.requestedAt.toMSecsSinceEpoch());
    case DeadlineRole: return double(request.deadline.toMSecsSinceEpoch());
    case OnTimeoutRole: return request.onTimeout;
    case OnTimeoutExplanationRole: return explain(request.onTimeout);
    case LastLinesRole: return m_lastLines.value(request.step);
    case RefusalRole: return open.refusal;
    case PendingRole: return open.pending;
    default: return {};
    }
}

QHash<int, QByteArray> RequestListModel::roleNames() const
{
    return {{RequestIdRole, "requestId"},
            {KindRole, "kind"},
            {StepRole, "step"},
            {StageRole, "stage"},
            {ErrorTypeRole, "errorType"},
            {ErrorMessageRole, "errorMessage"},
            {MessageRole, "message"},
            {ApproversRole, "approvers"},
            {DecisionsRole, "decisions"},
            {RequestedAtRole, "requestedAt"},
            {DeadlineRole, "deadline"},
            {OnTimeoutRole, "onTimeout"},
            {OnTimeoutExplanationRole, "onTimeoutExplanation"},
            {LastLinesRole, "lastLines"},
            {RefusalRole, "refusal"},
            {PendingRole, "pending"}};
}

} // namespace pw::gui
