#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace pw::gui {

// Element path -> the canvas delegates that say they stand there, for keyboard navigation and
// scrolling into view. A list per path, because during a structural edit or its undo two
// delegates can hold one path for a moment (one on its way out): the one leaving must not
// take the other's entry with it; the latest to register is the one asked for.
// In C++ because Qt 6.4's JavaScript Map searches its keys one by one: registering 5,000
// cards compared keys 12 million times and took seconds.
class ItemRegistry : public QObject
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit ItemRegistry(QObject *parent = nullptr) : QObject(parent) {}

    Q_INVOKABLE void add(const QString &path, QObject *item);
    Q_INVOKABLE void remove(const QString &path, QObject *item);
    Q_INVOKABLE QObject *itemAt(const QString &path) const;
    Q_INVOKABLE bool has(const QString &path) const { return m_holders.contains(path); }
    Q_INVOKABLE QStringList keys() const { return m_holders.keys(); }

private:
    QHash<QString, QList<QPointer<QObject>>> m_holders;
};

} // namespace pw::gui
