import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// What the run has to say in passing, at the bottom right of the window (each for a few
// seconds, errors longer). The system tray repeats it where there is one (TrayNotifier).
Item {
    id: area

    required property RunMonitor monitor

    Column {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 16
        spacing: 8
        width: 380

        Repeater {
            id: toasts
            model: area.monitor.notifications
            delegate: Rectangle {
                id: toast
                required property int index
                required property string text
                required property string level
                required property int serial
                // The newest three: more would cover the canvas.
                visible: index >= toasts.count - 3
                objectName: "notification"
                width: 380
                height: label.implicitHeight + 18
                radius: Theme.radius
                color: Theme.panel
                border.width: 1
                border.color: level === "error" ? Theme.statusColor("Failed")
                            : level === "warning" ? Theme.statusColor("Retrying")
                            : level === "success" ? Theme.statusColor("Succeeded") : Theme.border
                Rectangle {
                    width: 4
                    height: parent.height
                    radius: 2
                    color: parent.border.color
                }
                Label {
                    id: label
                    x: 14
                    y: 9
                    width: parent.width - 40
                    text: toast.text
                    wrapMode: Text.Wrap
                    color: Theme.text
                }
                ToolButton {
                    anchors.right: parent.right
                    anchors.top: parent.top
                    text: "×"
                    onClicked: area.monitor.notifications.dismiss(toast.serial)
                }
                Timer {
                    interval: toast.level === "error" ? 12000 : 6000
                    running: true
                    onTriggered: area.monitor.notifications.dismiss(toast.serial)
                }
            }
        }
    }
}
