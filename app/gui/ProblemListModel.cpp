#include "ProblemListModel.h"

#include "ElementPath.h"

#include <algorithm>

namespace pw::gui {

namespace {

bool sameIgnoringLocation(const model::Problems &a, const model::Problems &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        model::Problem left = a.at(i);
        model::Problem right = b.at(i);
        left.location = right.location = {};
        if (!(left == right))
            return false;
    }
    return true;
}

} // namespace

ProblemListModel::ProblemListModel(QObject *parent) : QAbstractListModel(parent) {}

void ProblemListModel::setProblems(const QString &fileName, const model::Problems &problems)
{
    // Most edits leave the problems as they were: no reset, so the panel keeps its scroll.
    if (fileName == m_fileName && problems == m_problems)
        return;
    // The same problems with their positions found (or lost): the rows change in place.
    if (fileName == m_fileName && sameIgnoringLocation(problems, m_problems)) {
        m_problems = problems;
        emit dataChanged(index(0), index(int(m_problems.size()) - 1));
        return;
    }
    beginResetModel();
    m_fileName = fileName;
    m_problems = problems;
    endResetModel();
    emit countChanged();
}

QStringList ProblemListModel::texts() const
{
    QStringList lines;
    for (const model::Problem &problem : m_problems)
        lines << model::formatProblem(m_fileName, problem);
    return lines;
}

int ProblemListModel::errorCount() const
{
    return int(std::count_if(m_problems.cbegin(), m_problems.cend(),
                             [](const model::Problem &problem) { return problem.isError(); }));
}

int ProblemListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_problems.size());
}

QVariant ProblemListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const model::Problem &problem = m_problems.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole: return model::formatProblem(m_fileName, problem);
    case IsErrorRole: return problem.isError();
    case NodeIdRole: return problem.nodeId;
    case LineRole: return problem.location.line;
    case PathRole: return owningElementPath(problem.path);
    case FieldRole: return problem.field;
    default: return {};
    }
}

QHash<int, QByteArray> ProblemListModel::roleNames() const
{
    return {
        {TextRole, "text"},
        {IsErrorRole, "isError"},
        {NodeIdRole, "nodeId"},
        {LineRole, "line"},
        {PathRole, "path"},
        {FieldRole, "field"},
    };
}

} // namespace pw::gui
