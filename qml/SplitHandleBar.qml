import QtQuick
import QtQuick.Controls
import Pipewright

// The handle between the window's panes: 7 px to grab (Fusion's is 2 px, easy to miss), a
// 1 px line to see, the accent colour while hovered or dragged.
Rectangle {
    implicitWidth: 7
    implicitHeight: 7
    color: SplitHandle.pressed ? Theme.tint(Theme.accent, 0.35)
         : SplitHandle.hovered ? Theme.tint(Theme.accent, 0.18) : "transparent"

    Rectangle {
        anchors.centerIn: parent
        width: parent.width >= parent.height ? parent.width : 1
        height: parent.width >= parent.height ? 1 : parent.height
        color: Theme.border
    }
}
