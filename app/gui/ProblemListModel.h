#pragma once

#include "model/Problem.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace pw::gui {

// The problems of the open file, one row each, for the Problems panel. A model rather than a
// string list so that the panel can show severity now and select the node (nodeId) later.
class ProblemListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The problems belong to a PipelineDocument")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int errorCount READ errorCount NOTIFY countChanged)
    Q_PROPERTY(int warningCount READ warningCount NOTIFY countChanged)

public:
    enum Role {
        TextRole = Qt::UserRole + 1, // formatProblem(): "file:line:col: message"
        IsErrorRole,
        NodeIdRole,
        LineRole,
        PathRole, // the element the problem belongs to (longest element prefix of its path)
        FieldRole, // the field inside that element, e.g. retry.maxAttempts
    };
    Q_ENUM(Role)

    explicit ProblemListModel(QObject *parent = nullptr);

    // `fileName` is what the texts start with, as `pipewright validate` prints them.
    void setProblems(const QString &fileName, const model::Problems &problems);

    QStringList texts() const;
    int errorCount() const;
    int warningCount() const { return rowCount() - errorCount(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    QString m_fileName;
    model::Problems m_problems;
};

} // namespace pw::gui
