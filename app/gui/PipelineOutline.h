#pragma once

#include "OutlineItem.h"

#include "model/IdKey.h"
#include "model/Pipeline.h"
#include "model/Problem.h"

#include <QAbstractItemModel>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace pw::gui {

class NodeRunStates;

// The read-only tree the canvas draws: stages, lanes, steps, groups and parallel blocks
// (see OutlineBuilder.h for the shape). QML walks it with DelegateModel.rootIndex, one
// level per component, so the views only react to the model and never own the truth.
class PipelineOutline : public QAbstractItemModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The outline belongs to a PipelineDocument")
    Q_PROPERTY(int stageCount READ stageCount NOTIFY stageCountChanged)

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // "stage", "parallelStages", "lane", "step", ...
        NodeIdRole,
        NameRole, // display name (also Qt::DisplayRole)
        DescriptionRole,
        StepTypeRole, // "Shell", "Http", ... for steps, else empty
        SummaryRole,
        LaneRole, // "steps", "rollbackSteps" or "errorHandler"
        BadgesRole, // list of {kind, label, detail}
        PathRole, // element path (lanes: lane path), see ElementPath.h
        ProblemSeverityRole, // "error", "warning" or ""
        ProblemTextRole, // the first problem's message
        RunStatusRole, // the node's status in the shown run ("Running", ...), "" when none
        RunInfoRole, // the rest of its run state (NodeRunStates::info)
    };
    Q_ENUM(Role)

    explicit PipelineOutline(QObject *parent = nullptr);
    ~PipelineOutline() override;

    // Follows an edit of the pipeline; no pipeline (a file that did not load) gives an
    // empty outline. The new tree is matched against the current one level by level, so
    // views see few row insertions, removals and moves, plus dataChanged for rows whose
    // contents changed (a field edit; a path, when siblings shifted); untouched rows keep
    // their indexes and their delegates.
    void setPipeline(const model::Pipeline *pipeline, const model::Problems &problems = {});
    // Shows another document: one model reset, cheaper than matching unrelated trees.
    void resetPipeline(const model::Pipeline *pipeline, const model::Problems &problems = {});

    // The run whose states the run roles show (null: none). Not owned; it tells which nodes
    // changed, and only their rows change.
    void setRunStates(NodeRunStates *states);

    // The element path of a node (step, group, stage) by id, "" when there is none; and back.
    Q_INVOKABLE QString pathOfNode(const QString &nodeId);
    Q_INVOKABLE QString nodeIdAt(const QString &path);
    // The paths of the steps, groups and stages whose id, name or whole command (URL,
    // message, condition) contain `text` (any case), in the canvas's reading order.
    Q_INVOKABLE QStringList find(const QString &text) const;
    // How many steps the stage or group `nodeId` holds, in all its lanes and nested groups.
    Q_INVOKABLE int stepsUnder(const QString &nodeId);

    // Stages of the pipeline, those side by side in parallel frames included.
    int stageCount() const { return m_stageCount; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void stageCountChanged();

private:
    const OutlineItem *itemAt(const QModelIndex &index) const;
    QModelIndex indexOf(const OutlineItem &item) const;
    void updateRow(OutlineItem &current, const OutlineItem &fresh);
    void reconcile(OutlineItem &current, OutlineItem &fresh);
    void removeUnmatched(OutlineItem &current, const std::vector<int> &partners);
    void reorderMatched(OutlineItem &current, std::vector<int> &partners);
    void insertUnmatched(OutlineItem &current, OutlineItem &fresh,
                         const std::vector<bool> &inserted);
    void updateStageCount();
    void runStatesChanged(const QStringList &ids);
    void allRunStatesChanged();
    void runRowsChanged(const QList<const OutlineItem *> &items);
    void indexRows(const OutlineItem &item);
    void ensureRowIndex();
    QString laneRunStatus(const OutlineItem &lane) const;

    std::unique_ptr<OutlineItem> m_root;
    int m_stageCount = 0;
    NodeRunStates *m_runStates = nullptr;
    // Node id -> its row, for run updates; rebuilt when the tree changed.
    QHash<model::IdKey, const OutlineItem *> m_rowOfNode;
    bool m_rowsIndexed = false;
};

} // namespace pw::gui
