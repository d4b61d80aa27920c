import QtQuick
import QtQuick.Controls
import Pipewright

// The ▾ / ▸ of a stage or step group header: hides its lanes (a big pipeline then reads as
// its outline) or shows them again. Remembered per file (see CollapsedElements).
ToolButton {
    id: toggle

    required property NodeDelegate node
    readonly property bool collapsed: node.controller.collapsed.ids.indexOf(node.nodeId) >= 0

    objectName: "collapseToggle:" + node.path
    text: collapsed ? "▸" : "▾"
    implicitWidth: 26
    implicitHeight: 26
    font.pixelSize: 14
    focusPolicy: Qt.NoFocus
    onClicked: node.controller.collapsed.toggle(node.nodeId)

    ToolTip.visible: hovered
    ToolTip.delay: 500
    ToolTip.text: collapsed ? qsTr("Expand") : qsTr("Collapse")
    Accessible.name: collapsed ? qsTr("Expand %1").arg(node.name) : qsTr("Collapse %1").arg(node.name)
}
