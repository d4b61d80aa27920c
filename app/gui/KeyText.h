#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QVariant>

namespace pw::gui {

// How a shortcut reads in a menu ("Ctrl+S"), for QML: an Action's `shortcut` may be a
// StandardKey, and QML's Shortcut spells only the first of a standard key's bindings (and
// warns about the others).
class KeyText : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    // `shortcut`: a string ("Ctrl+Shift+S") or a QKeySequence::StandardKey; "" for none.
    Q_INVOKABLE static QString of(const QVariant &shortcut);
};

} // namespace pw::gui
