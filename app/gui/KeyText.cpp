#include "KeyText.h"

#include <QKeySequence>

namespace pw::gui {

QString KeyText::of(const QVariant &shortcut)
{
    if (!shortcut.isValid() || shortcut.isNull())
        return {};
    if (shortcut.typeId() == QMetaType::QString)
        return QKeySequence(shortcut.toString()).toString(QKeySequence::NativeText);
    if (shortcut.typeId() == QMetaType::QKeySequence)
        return shortcut.value<QKeySequence>().toString(QKeySequence::NativeText);
    bool isNumber = false;
    const int key = shortcut.toInt(&isNumber);
    if (!isNumber || key <= 0)
        return {};
    // The platform's first binding is the one menus show (Ctrl+Z, not Alt+Backspace).
    const QList<QKeySequence> bindings = QKeySequence::keyBindings(QKeySequence::StandardKey(key));
    return bindings.isEmpty() ? QString() : bindings.first().toString(QKeySequence::NativeText);
}

} // namespace pw::gui
