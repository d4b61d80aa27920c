#pragma once

#include "ElementPath.h"

#include <QSet>

// The elements the palette creates, and the id renaming that keeps pasted elements unique.
namespace pw::gui {

// Palette kinds: Stage, StepGroup, Parallel and the step types (Shell, Http, ...).
QStringList paletteKinds();

// The kind an element made from the palette kind `kind` has in a list of `list` kind
// (Parallel is a parallel-stages frame among stages, a parallel block among steps).
std::optional<ElementKind> elementKindFor(const QString &kind, ListKind list);

// A new, empty element with ids not in `usedIds` (which it extends). Empty when `kind` is
// not a palette kind; the caller checks the list first.
std::optional<DetachedElement> makeNewElement(const QString &kind, ListKind list,
                                              QSet<QString> &usedIds);

// `prefix_1`, `prefix_2`, ...: the first not in `usedIds`.
QString uniqueId(const QString &prefix, const QSet<QString> &usedIds);

// Gives every id of `element` that is already in `usedIds` a fresh one (`build` -> `build_1`),
// and adds the element's ids to `usedIds`.
void renameClashingIds(DetachedElement &element, QSet<QString> &usedIds);

} // namespace pw::gui
