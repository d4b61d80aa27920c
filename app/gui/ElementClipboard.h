#pragma once

#include "ElementPath.h"

#include <QByteArray>

// Copy/paste of one element as YAML text. The element travels inside a minimal pipeline
// written by the model's own writer, so the clipboard holds a file that also opens (and
// validates) on its own; the header comment says what was copied.
namespace pw::gui {

QByteArray elementToYaml(const DetachedElement &element);

// The element in `text`: one written by elementToYaml(), or from any pipeline file the
// first stage (for a stage list) or the first node of the first stage (for a node list).
std::optional<DetachedElement> elementFromYaml(const QByteArray &text, ListKind list);

} // namespace pw::gui
