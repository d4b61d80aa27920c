#pragma once

#include <QString>
#include <QVariantList>

#include <memory>
#include <vector>

namespace pw::gui {

// What an outline row stands for. The canvas picks its component by this.
enum class OutlineKind { Stage, ParallelStages, Lane, Step, StepGroup, Parallel };

// The three node lists a stage or group holds, spelled as in the file.
enum class OutlineLane { Steps, RollbackSteps, ErrorHandler };

QString toString(OutlineKind kind);
QString toString(OutlineLane lane);

// One row of the read-only outline: a snapshot of what the canvas shows for an element,
// so the item model never reaches back into the pipeline it was built from.
struct OutlineItem
{
    OutlineKind kind = OutlineKind::Step;
    OutlineLane lane = OutlineLane::Steps; // the lane itself, or the lane the item sits in
    QString nodeId;
    QString name; // display name: the name, else the id
    QString description;
    QString stepType; // steps only
    QString summary; // steps only: what the step does, on one line
    QString searchText; // steps only: all of what it does (the whole command), for Find
    QVariantList badges; // {kind, label, detail} maps, see NodeBadges.h
    QString path; // element path, or lane path for lanes (see ElementPath.h)
    QString problemSeverity; // "error", "warning" or empty
    QString problemText; // the first problem's message

    OutlineItem *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<OutlineItem>> children;

    OutlineItem *addChild(std::unique_ptr<OutlineItem> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

} // namespace pw::gui
