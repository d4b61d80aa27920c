#include "NotificationListModel.h"

#include <QDateTime>

namespace pw::gui {

void NotificationListModel::post(const QString &text, const QString &level)
{
    if (m_items.size() >= kKept) {
        beginRemoveRows({}, 0, 0);
        m_items.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_items.size());
    beginInsertRows({}, row, row);
    m_items.append({text, level, QDateTime::currentMSecsSinceEpoch(), ++m_serial});
    endInsertRows();
    emit posted(text, level);
}

void NotificationListModel::dismiss(int serial)
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).serial == serial) {
            beginRemoveRows({}, row, row);
            m_items.removeAt(row);
            endRemoveRows();
            return;
        }
    }
}

int NotificationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant NotificationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Notification &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole: return item.text;
    case LevelRole: return item.level;
    case AtRole: return double(item.at);
    case SerialRole: return item.serial;
    default: return {};
    }
}

QHash<int, QByteArray> NotificationListModel::roleNames() const
{
    return {{TextRole, "text"}, {LevelRole, "level"}, {AtRole, "at"}, {SerialRole, "serial"}};
}

} // namespace pw::gui
