#pragma once

#include "ElementPath.h"

#include <QVariantMap>

// Every field of an element, read as one YAML-shaped map and written one dotted field at a
// time ("retry.maxAttempts", "spec.command"): the single "set property" entry point the
// property panel and the undo commands share.
namespace pw::gui {

// kind, id, name, ... as in the designer contract (without problems and retrySentence, which
// need the whole document). `ordered` gives env/headers/exitCodes as [[key, value], ...], the
// form that writes back without reordering (used to undo).
QVariantMap elementFields(const ElementRef &element, bool ordered = false);

// The value at a dotted field of elementFields(); invalid when there is none.
QVariant fieldAt(const QVariantMap &fields, const QString &field);

// Sets a field; false with `error` set (and the element unchanged) when the field does not
// exist for this element or the value cannot be represented.
bool setElementField(const ElementRef &element, const QString &field, const QVariant &value,
                     QString &error);

// The fields whose old values restore the element exactly after `field` is set: the whole
// `retry`, `when` or `spec` for their sub-fields (setting one may create the block), and the
// spec along with the type (a new type resets the spec).
QStringList fieldsToRestore(const QString &field);

} // namespace pw::gui
