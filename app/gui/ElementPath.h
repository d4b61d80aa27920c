#pragma once

#include "model/Pipeline.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

// Structural element paths of the designer contract ("pipeline.stages[2].stage.steps[0].step"),
// the same the Validator writes into Problem::path, so a problem finds its element by prefix.
// An element path is always `<list path>[<index>].<kind word>`; the list of a parallel block
// (or parallel-stages frame) is the block's own path.
namespace pw::gui {

enum class ElementKind { Pipeline, Stage, ParallelStages, StepGroup, Parallel, Step };

// The word the contract uses in properties()["kind"]: "stage", "parallelStages", ...
QString kindName(ElementKind kind);

enum class ListKind {
    Stages, // pipeline.stages: stages and parallel-stages frames
    StageFrame, // a parallel-stages frame: stages only
    Lane, // steps / rollbackSteps / errorHandler: steps, groups, parallel blocks
    ParallelBlock, // a parallel block: steps and groups, never another parallel block
};

// An element taken out of its list, to be put back (undo, move, paste). A stage that sits
// in a frame travels as a StageItem holding that Stage.
using DetachedElement = std::variant<model::StageItem, model::Node>;

ElementKind kindOf(const DetachedElement &element);

// Why `kind` may not go into a list of `list` kind; empty when it may.
QString refusalToInsert(ElementKind kind, ListKind list);

// A list inside a pipeline, by pointer: valid until the pipeline's structure changes.
struct ListRef
{
    ListKind kind = ListKind::Lane;
    std::vector<model::StageItem> *stages = nullptr;
    std::vector<model::Stage> *frame = nullptr;
    model::NodeList *nodes = nullptr;

    bool isValid() const { return stages || frame || nodes; }
    int count() const;
    ElementKind kindAt(int index) const;
    DetachedElement take(int index);
    const DetachedElement copyAt(int index) const;
    // The caller has checked refusalToInsert() and the index range.
    void insert(int index, DetachedElement element);
};

// An element inside a pipeline, by pointer (exactly one of the pointers is set).
struct ElementRef
{
    ElementKind kind = ElementKind::Pipeline;
    model::Pipeline *pipeline = nullptr;
    model::Stage *stage = nullptr;
    model::ParallelStages *parallelStages = nullptr;
    model::StepGroup *group = nullptr;
    model::ParallelBlock *parallel = nullptr;
    model::Step *step = nullptr;
};

// The parts of an element path other than "pipeline".
struct SplitPath
{
    QString listPath;
    int index = -1;
    QString kindWord; // stage | parallel | step | stepGroup
};
std::optional<SplitPath> splitElementPath(const QString &path);

QString elementPath(const QString &listPath, int index, ElementKind kind);

std::optional<ElementRef> resolveElement(model::Pipeline &pipeline, const QString &path);
std::optional<ListRef> resolveList(model::Pipeline &pipeline, const QString &listPath);

// True when `path` is `ancestor` or lies inside it.
bool isSameOrInside(const QString &path, const QString &ancestor);

// The longest prefix of a problem's (or any) path that names an element: "pipeline" when none.
QString owningElementPath(const QString &path);

// Paths after a structural edit: items after `index` in `listPath` shift by one.
QString pathAfterRemoval(const QString &path, const QString &listPath, int index);
QString pathAfterInsertion(const QString &path, const QString &listPath, int index);
// Paths after `target` was wrapped into a new parallel block at its place.
QString pathAfterWrap(const QString &path, const QString &target);

// Every element path of the pipeline, in document order (pipeline first).
QStringList allElementPaths(const model::Pipeline &pipeline);

// Every id used by stages, groups and steps: they share one namespace.
QStringList allIds(const model::Pipeline &pipeline);

} // namespace pw::gui
