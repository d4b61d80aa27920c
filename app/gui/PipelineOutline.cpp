#include "PipelineOutline.h"

#include "OutlineBuilder.h"

namespace pw::gui {

PipelineOutline::PipelineOutline(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<OutlineItem>())
{
}

PipelineOutline::~PipelineOutline() = default;

void PipelineOutline::setPipeline(const model::Pipeline *pipeline)
{
    beginResetModel();
    m_root = pipeline ? buildOutline(*pipeline) : std::make_unique<OutlineItem>();
    endResetModel();

    int stages = 0;
    for (const auto &item : m_root->children) {
        if (item->kind == OutlineKind::Stage)
            ++stages;
        else if (item->kind == OutlineKind::ParallelStages)
            stages += int(item->children.size());
    }
    if (stages != m_stageCount) {
        m_stageCount = stages;
        emit stageCountChanged();
    }
}

const OutlineItem *PipelineOutline::itemAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<const OutlineItem *>(index.internalPointer())
                           : m_root.get();
}

QModelIndex PipelineOutline::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const OutlineItem *owner = itemAt(parent);
    return createIndex(row, column, owner->children.at(std::size_t(row)).get());
}

QModelIndex PipelineOutline::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const OutlineItem *owner = itemAt(child)->parent;
    if (!owner || owner == m_root.get())
        return {};
    return createIndex(owner->row, 0, owner);
}

int PipelineOutline::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(itemAt(parent)->children.size());
}

int PipelineOutline::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant PipelineOutline::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const OutlineItem &item = *itemAt(index);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return item.name;
    case KindRole: return toString(item.kind);
    case NodeIdRole: return item.nodeId;
    case DescriptionRole: return item.description;
    case StepTypeRole: return item.stepType;
    case SummaryRole: return item.summary;
    case LaneRole: return toString(item.lane);
    case BadgesRole: return item.badges;
    default: return {};
    }
}

QHash<int, QByteArray> PipelineOutline::roleNames() const
{
    return {
        {KindRole, "kind"},
        {NodeIdRole, "nodeId"},
        {NameRole, "name"},
        {DescriptionRole, "description"},
        {StepTypeRole, "stepType"},
        {SummaryRole, "summary"},
        {LaneRole, "lane"},
        {BadgesRole, "badges"},
    };
}

} // namespace pw::gui
