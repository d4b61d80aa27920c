#include "PipelineOutline.h"

#include "monitor/NodeRunStates.h"

#include <QSet>

#include <functional>

#include "OutlineBuilder.h"

#include <QHash>

#include <algorithm>
#include <deque>

namespace pw::gui {

PipelineOutline::PipelineOutline(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<OutlineItem>())
{
}

PipelineOutline::~PipelineOutline() = default;

namespace {

// Who a row is across an edit: an element by its kind and id, a lane by which lane it is,
// a parallel block or frame (no id of its own) by its first item. Rows with the same
// identity (elements without an id, empty blocks) pair up in order; a row left over pairs
// with a new one at the same place and of the same kind (an id was edited). Matching only
// decides what views keep; the rows end up right whichever way they pair.
QString identity(const OutlineItem &item)
{
    const QString key = toString(item.kind) + u':' + toString(item.lane) + u':';
    switch (item.kind) {
    case OutlineKind::Lane:
        return key;
    case OutlineKind::Parallel:
    case OutlineKind::ParallelStages:
        if (item.children.empty())
            return key;
        return key + u'(' + identity(*item.children.front()) + u')';
    case OutlineKind::Stage:
    case OutlineKind::Step:
    case OutlineKind::StepGroup:
        break;
    }
    return key + item.nodeId;
}

void renumber(OutlineItem &parent, std::size_t from)
{
    for (std::size_t i = from; i < parent.children.size(); ++i)
        parent.children[i]->row = int(i);
}

// Marks the positions of a longest strictly increasing subsequence of `values`.
std::vector<bool> longestIncreasingRun(const std::vector<int> &values)
{
    std::vector<int> tails; // tails[k]: position ending the best run of length k + 1
    std::vector<int> previous(values.size(), -1);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto at = std::lower_bound(tails.begin(), tails.end(), values[i],
                                         [&](int position, int value) {
                                             return values[std::size_t(position)] < value;
                                         });
        if (at != tails.begin())
            previous[i] = *(at - 1);
        if (at == tails.end())
            tails.push_back(int(i));
        else
            *at = int(i);
    }
    std::vector<bool> inRun(values.size(), false);
    for (int i = tails.empty() ? -1 : tails.back(); i >= 0; i = previous[std::size_t(i)])
        inRun[std::size_t(i)] = true;
    return inRun;
}

} // namespace

void PipelineOutline::setPipeline(const model::Pipeline *pipeline,
                                  const model::Problems &problems)
{
    std::unique_ptr<OutlineItem> fresh =
        pipeline ? buildOutline(*pipeline) : std::make_unique<OutlineItem>();
    annotateProblems(*fresh, problems);
    reconcile(*m_root, *fresh);
    updateStageCount();
}

void PipelineOutline::resetPipeline(const model::Pipeline *pipeline,
                                    const model::Problems &problems)
{
    std::unique_ptr<OutlineItem> fresh =
        pipeline ? buildOutline(*pipeline) : std::make_unique<OutlineItem>();
    annotateProblems(*fresh, problems);
    beginResetModel();
    m_rowsIndexed = false; // rows go, come or move: node ids are found again
    m_root = std::move(fresh);
    endResetModel();
    updateStageCount();
}

void PipelineOutline::updateStageCount()
{
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

QModelIndex PipelineOutline::indexOf(const OutlineItem &item) const
{
    return &item == m_root.get() ? QModelIndex()
                                 : createIndex(item.row, 0, const_cast<OutlineItem *>(&item));
}

// Copies a row's contents into the existing item (its address is the model's internal
// pointer, so it must stay) and tells views which roles changed, if any: a row that only
// moved down a lane changes its path alone, and delegates then update just that.
void PipelineOutline::updateRow(OutlineItem &current, const OutlineItem &fresh)
{
    if (current.nodeId != fresh.nodeId)
        m_rowsIndexed = false; // renamed: its run state is found under the new id
    QList<int> roles;
    const auto take = [&](QString &field, const QString &value, int role) {
        if (field != value) {
            field = value;
            roles << role;
        }
    };
    take(current.nodeId, fresh.nodeId, NodeIdRole);
    take(current.name, fresh.name, NameRole);
    if (roles.contains(NameRole))
        roles << Qt::DisplayRole;
    take(current.description, fresh.description, DescriptionRole);
    take(current.stepType, fresh.stepType, StepTypeRole);
    take(current.summary, fresh.summary, SummaryRole);
    take(current.path, fresh.path, PathRole);
    current.searchText = fresh.searchText; // no role shows it
    take(current.problemSeverity, fresh.problemSeverity, ProblemSeverityRole);
    take(current.problemText, fresh.problemText, ProblemTextRole);
    if (current.badges != fresh.badges) {
        current.badges = fresh.badges;
        roles << BadgesRole;
    }
    // Kind and lane are part of a row's identity: rows are only matched when they agree.
    if (roles.isEmpty())
        return;
    const QModelIndex changed = indexOf(current);
    emit dataChanged(changed, changed, roles);
}

// Turns the children of `current` into those of `fresh` with removals, moves and
// insertions of rows, then does the same one level down for every row that stayed. Rows
// inserted are taken over from `fresh` whole.
void PipelineOutline::reconcile(OutlineItem &current, OutlineItem &fresh)
{
    // partners[i]: the row of `fresh` that current row i stays as, -1 when it goes.
    std::vector<int> partners(current.children.size(), -1);
    std::vector<bool> inserted(fresh.children.size(), true);
    QHash<QString, std::deque<int>> waiting; // identity -> current rows, in order
    for (std::size_t i = 0; i < current.children.size(); ++i)
        waiting[identity(*current.children[i])].push_back(int(i));
    for (std::size_t j = 0; j < fresh.children.size(); ++j) {
        const auto found = waiting.find(identity(*fresh.children[j]));
        if (found == waiting.end() || found->empty())
            continue;
        partners[std::size_t(found->front())] = int(j);
        found->pop_front();
        inserted[j] = false;
    }
    for (std::size_t j = 0; j < fresh.children.size() && j < current.children.size(); ++j) {
        const OutlineItem &was = *current.children[j];
        const OutlineItem &is = *fresh.children[j];
        if (inserted[j] && partners[j] < 0 && was.kind == is.kind && was.lane == is.lane) {
            partners[j] = int(j);
            inserted[j] = false;
        }
    }

    removeUnmatched(current, partners);
    reorderMatched(current, partners);
    insertUnmatched(current, fresh, inserted);

    for (std::size_t j = 0; j < fresh.children.size(); ++j) {
        if (inserted[j])
            continue;
        OutlineItem &row = *current.children[j];
        updateRow(row, *fresh.children[j]);
        reconcile(row, *fresh.children[j]);
    }
}

void PipelineOutline::removeUnmatched(OutlineItem &current, const std::vector<int> &partners)
{
    const QModelIndex parent = indexOf(current);
    auto &rows = current.children;
    for (int last = int(rows.size()) - 1; last >= 0; --last) {
        if (partners[std::size_t(last)] >= 0)
            continue;
        int first = last;
        while (first > 0 && partners[std::size_t(first - 1)] < 0)
            --first;
        beginRemoveRows(parent, first, last);
        m_rowsIndexed = false; // rows go, come or move: node ids are found again
        // Kept alive until views have let go of the rows.
        std::vector<std::unique_ptr<OutlineItem>> removed(
            std::make_move_iterator(rows.begin() + first),
            std::make_move_iterator(rows.begin() + last + 1));
        rows.erase(rows.begin() + first, rows.begin() + last + 1);
        renumber(current, std::size_t(first));
        endRemoveRows();
        last = first;
    }
}

// Puts the rows that stay in their new order, moving as few as possible: those forming
// the longest run already in order stay where they are, each other one moves (in new
// order) to just after the row that precedes it in the new order.
void PipelineOutline::reorderMatched(OutlineItem &current, std::vector<int> &partners)
{
    std::erase(partners, -1);
    const std::vector<bool> stays = longestIncreasingRun(partners);
    std::vector<OutlineItem *> byNewOrder;
    std::vector<bool> staysByNewOrder;
    std::vector<std::size_t> order(partners.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return partners[a] < partners[b]; });
    for (std::size_t i : order) {
        byNewOrder.push_back(current.children[i].get());
        staysByNewOrder.push_back(stays[i]);
    }

    const QModelIndex parent = indexOf(current);
    auto &rows = current.children;
    for (std::size_t rank = 0; rank < byNewOrder.size(); ++rank) {
        if (staysByNewOrder[rank])
            continue;
        const int from = byNewOrder[rank]->row;
        const int after = rank == 0 ? -1 : byNewOrder[rank - 1]->row;
        const int to = from < after ? after : after + 1;
        if (to == from)
            continue;
        [[maybe_unused]] const bool valid =
            beginMoveRows(parent, from, from, parent, to > from ? to + 1 : to);
            m_rowsIndexed = false; // rows go, come or move: node ids are found again
        Q_ASSERT(valid);
        const auto at = [&](int row) { return rows.begin() + row; };
        if (to > from)
            std::rotate(at(from), at(from + 1), at(to + 1));
        else
            std::rotate(at(to), at(from), at(from + 1));
        renumber(current, std::size_t(std::min(from, to)));
        endMoveRows();
    }
    std::sort(partners.begin(), partners.end());
}

// With the rows that stay in order, each new row goes in at its final position.
void PipelineOutline::insertUnmatched(OutlineItem &current, OutlineItem &fresh,
                                      const std::vector<bool> &inserted)
{
    const QModelIndex parent = indexOf(current);
    auto &rows = current.children;
    const std::size_t count = fresh.children.size();
    for (std::size_t first = 0; first < count; ++first) {
        if (!inserted[first])
            continue;
        std::size_t last = first;
        while (last + 1 < count && inserted[last + 1])
            ++last;
        beginInsertRows(parent, int(first), int(last));
        m_rowsIndexed = false; // rows go, come or move: node ids are found again
        for (std::size_t j = first; j <= last; ++j) {
            std::unique_ptr<OutlineItem> item = std::move(fresh.children[j]);
            item->parent = &current;
            rows.insert(rows.begin() + std::ptrdiff_t(j), std::move(item));
        }
        renumber(current, first);
        endInsertRows();
        first = last;
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
    case PathRole: return item.path;
    case ProblemSeverityRole: return item.problemSeverity;
    case ProblemTextRole: return item.problemText;
    case RunStatusRole: {
        if (!m_runStates)
            return QString();
        if (item.kind == OutlineKind::Lane)
            return laneRunStatus(item);
        const engine::NodeState *state = item.nodeId.isEmpty() ? nullptr : m_runStates->find(item.nodeId);
        return state ? engine::toString(state->status) : QString();
    }
    case RunInfoRole:
        return m_runStates && !item.nodeId.isEmpty() ? m_runStates->info(item.nodeId) : QVariantMap();
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
        {PathRole, "path"},
        {ProblemSeverityRole, "problemSeverity"},
        {ProblemTextRole, "problemText"},
        {RunStatusRole, "runStatus"},
        {RunInfoRole, "runInfo"},
    };
}

void PipelineOutline::setRunStates(NodeRunStates *states)
{
    if (m_runStates == states)
        return;
    if (m_runStates)
        m_runStates->disconnect(this);
    m_runStates = states;
    if (m_runStates) {
        connect(m_runStates, &NodeRunStates::changed, this, &PipelineOutline::runStatesChanged);
        connect(m_runStates, &NodeRunStates::cleared, this, &PipelineOutline::allRunStatesChanged);
        connect(m_runStates, &QObject::destroyed, this, [this] { m_runStates = nullptr; });
    }
    allRunStatesChanged();
}

// A lane of the shown run: "Running" while one of its steps is busy, "Ran" once one of them
// ran, "" when none did: a rollback or handler lane lights up when it is used.
QString PipelineOutline::laneRunStatus(const OutlineItem &lane) const
{
    bool ran = false;
    std::function<bool(const OutlineItem &)> visit = [&](const OutlineItem &item) {
        if (!item.nodeId.isEmpty() && item.kind != OutlineKind::Lane) {
            if (const engine::NodeState *state = m_runStates->find(item.nodeId)) {
                using engine::NodeStatus;
                if (state->status == NodeStatus::Running || state->status == NodeStatus::Retrying
                    || state->status == NodeStatus::Waiting)
                    return true;
                ran = ran || (state->status != NodeStatus::Pending && state->status != NodeStatus::Skipped);
            }
        }
        for (const auto &child : item.children) {
            if (visit(*child))
                return true;
        }
        return false;
    };
    if (visit(lane))
        return QStringLiteral("Running");
    return ran ? QStringLiteral("Ran") : QString();
}

void PipelineOutline::indexRows(const OutlineItem &item)
{
    if (!item.nodeId.isEmpty() && item.kind != OutlineKind::Lane)
        m_rowOfNode.insert(item.nodeId, &item);
    for (const auto &child : item.children)
        indexRows(*child);
}

void PipelineOutline::ensureRowIndex()
{
    if (m_rowsIndexed || !m_root)
        return;
    m_rowOfNode.clear();
    indexRows(*m_root);
    m_rowsIndexed = true;
}

QString PipelineOutline::pathOfNode(const QString &nodeId)
{
    ensureRowIndex();
    const OutlineItem *item = m_rowOfNode.value(nodeId);
    return item ? item->path : QString();
}

QString PipelineOutline::nodeIdAt(const QString &path)
{
    ensureRowIndex();
    for (auto it = m_rowOfNode.cbegin(); it != m_rowOfNode.cend(); ++it) {
        if ((*it)->path == path)
            return it.key();
    }
    return {};
}

void PipelineOutline::runStatesChanged(const QStringList &ids)
{
    if (!m_root)
        return;
    ensureRowIndex();
    QList<const OutlineItem *> items;
    items.reserve(ids.size());
    for (const QString &id : ids) {
        if (const OutlineItem *item = m_rowOfNode.value(id))
            items << item;
    }
    runRowsChanged(items);
}

// Every row with a node: another run is shown, or none.
void PipelineOutline::allRunStatesChanged()
{
    if (!m_root)
        return;
    m_rowsIndexed = false;
    m_rowOfNode.clear();
    indexRows(*m_root);
    m_rowsIndexed = true;
    runRowsChanged(m_rowOfNode.values());
}

// The rows' run roles changed, and the status of the lanes they are in.
void PipelineOutline::runRowsChanged(const QList<const OutlineItem *> &items)
{
    static const QList<int> roles{RunStatusRole, RunInfoRole};
    QSet<const OutlineItem *> lanes;
    for (const OutlineItem *item : items) {
        const QModelIndex row = indexOf(*item);
        emit dataChanged(row, row, roles);
        for (const OutlineItem *up = item->parent; up; up = up->parent) {
            if (up->kind == OutlineKind::Lane)
                lanes.insert(up);
        }
    }
    for (const OutlineItem *lane : std::as_const(lanes)) {
        const QModelIndex row = indexOf(*lane);
        emit dataChanged(row, row, {RunStatusRole});
    }
}

} // namespace pw::gui
