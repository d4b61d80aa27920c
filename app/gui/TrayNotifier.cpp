#include "TrayNotifier.h"

#include "monitor/NotificationListModel.h"

#include <QIcon>
#include <QSystemTrayIcon>
#include <QWindow>

namespace pw::gui {

TrayNotifier::TrayNotifier(NotificationListModel *notifications, QWindow *window, QObject *parent)
    : QObject(parent)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_icon = new QSystemTrayIcon(QIcon(QStringLiteral(":/qt/qml/Pipewright/icons/logo.svg")), this);
    m_icon->setToolTip(QStringLiteral("Pipewright"));
    m_icon->show();
    connect(m_icon, &QSystemTrayIcon::activated, window, [window] {
        window->show();
        window->raise();
        window->requestActivate();
    });
    connect(notifications, &NotificationListModel::posted, this, [this](const QString &text, const QString &level) {
        if (level == QLatin1String("info"))
            return; // the window says it; the tray is for what needs someone
        const auto icon = level == QLatin1String("error") ? QSystemTrayIcon::Critical
                          : level == QLatin1String("warning") ? QSystemTrayIcon::Warning
                                                              : QSystemTrayIcon::Information;
        m_icon->showMessage(QStringLiteral("Pipewright"), text, icon);
    });
}

TrayNotifier::~TrayNotifier() = default;

} // namespace pw::gui
