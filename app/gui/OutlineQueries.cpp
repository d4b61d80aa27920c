// What the canvas asks of the outline beyond its rows: Find's matches and the size of what a
// collapsed element hides (PipelineOutline's query half; see PipelineOutline.h).
#include "PipelineOutline.h"

namespace pw::gui {

QStringList PipelineOutline::find(const QString &text) const
{
    QStringList paths;
    const QString wanted = text.trimmed();
    if (!m_root || wanted.isEmpty())
        return paths;
    // Depth first is the canvas's reading order: stages left to right, each lane top down.
    const auto visit = [&](const auto &self, const OutlineItem &item) -> void {
        const bool element = item.kind == OutlineKind::Step || item.kind == OutlineKind::StepGroup
                             || item.kind == OutlineKind::Stage;
        if (element && (item.nodeId.contains(wanted, Qt::CaseInsensitive) || item.name.contains(wanted, Qt::CaseInsensitive)
                        || item.searchText.contains(wanted, Qt::CaseInsensitive)))
            paths << item.path;
        for (const auto &child : item.children)
            self(self, *child);
    };
    visit(visit, *m_root);
    return paths;
}

int PipelineOutline::stepsUnder(const QString &nodeId)
{
    ensureRowIndex();
    const OutlineItem *element = m_rowOfNode.value(nodeId);
    if (!element)
        return 0;
    const auto count = [](const auto &self, const OutlineItem &item) -> int {
        int steps = 0;
        for (const auto &child : item.children)
            steps += (child->kind == OutlineKind::Step ? 1 : 0) + self(self, *child);
        return steps;
    };
    return count(count, *element);
}

} // namespace pw::gui
