#pragma once

#include <QObject>

class QSystemTrayIcon;
class QWindow;

namespace pw::gui {

class NotificationListModel;

// The system tray where the desktop has one: an icon while the window is open, and what the
// run has to say (finished, failed, a person is asked) as the tray's messages, so that it
// reaches someone looking at another window. Without a tray it does nothing.
class TrayNotifier : public QObject
{
    Q_OBJECT

public:
    TrayNotifier(NotificationListModel *notifications, QWindow *window, QObject *parent = nullptr);
    ~TrayNotifier() override;

    bool isAvailable() const { return m_icon != nullptr; }

private:
    QSystemTrayIcon *m_icon = nullptr;
};

} // namespace pw::gui
