#include "ItemRegistry.h"

namespace pw::gui {

void ItemRegistry::add(const QString &path, QObject *item)
{
    if (path.isEmpty() || !item)
        return;
    QList<QPointer<QObject>> &holders = m_holders[path];
    if (!holders.contains(item))
        holders.append(item);
}

void ItemRegistry::remove(const QString &path, QObject *item)
{
    const auto found = m_holders.find(path);
    if (found == m_holders.end())
        return;
    // Entries of items already gone go too.
    found->removeIf([item](const QPointer<QObject> &holder) { return holder.isNull() || holder == item; });
    if (found->isEmpty())
        m_holders.erase(found);
}

QObject *ItemRegistry::itemAt(const QString &path) const
{
    const auto found = m_holders.constFind(path);
    if (found == m_holders.constEnd())
        return nullptr;
    for (auto holder = found->crbegin(); holder != found->crend(); ++holder) {
        if (!holder->isNull())
            return holder->data();
    }
    return nullptr;
}

} // namespace pw::gui
