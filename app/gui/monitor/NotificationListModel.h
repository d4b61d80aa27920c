#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace pw::gui {

// What the window tells in passing (run finished or failed, a person is asked, a deadline
// applied its action, the store failed): newest last; the QML shows each for a while and the
// system tray repeats it where there is one.
class NotificationListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The run monitor owns the notifications")

public:
    static constexpr int kKept = 20;
    enum Role { TextRole = Qt::UserRole + 1, LevelRole, AtRole, SerialRole };

    using QAbstractListModel::QAbstractListModel;

    // level: "info", "success", "warning" or "error".
    void post(const QString &text, const QString &level);
    Q_INVOKABLE void dismiss(int serial);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void posted(const QString &text, const QString &level);

private:
    struct Notification
    {
        QString text;
        QString level;
        qint64 at = 0;
        int serial = 0;
    };
    QList<Notification> m_items;
    int m_serial = 0;
};

} // namespace pw::gui
