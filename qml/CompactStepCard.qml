import QtQuick
import QtQuick.Controls
import Pipewright

// A step seen from far away (the canvas zoomed below a readable scale): a block in the
// colour of its type, or of its status in a run, with its name large enough to read at that
// zoom. It keeps the full card's size, so that zooming in and out never moves anything, and
// still selects and drags like the card.
Rectangle {
    id: block

    required property NodeDelegate node
    readonly property bool fullCard: false
    readonly property color tone: node.runStatus !== "" ? Theme.statusColor(node.runStatus)
                                                        : Theme.stepColor(node.stepType)

    implicitWidth: Theme.cardWidth
    implicitHeight: node.placeholderHeight
    radius: Theme.radius
    color: Theme.tint(tone, node.runStatus !== "" ? 0.28 : 0.16)
    border.width: node.selected ? 6 : 2
    border.color: node.selected ? Theme.accent
                : node.problemSeverity === "error" ? Theme.handlerBorder : tone
    opacity: node.runStatus === "Skipped" || node.runStatus === "Pending" ? 0.62 : 1

    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("%1 step %2").arg(node.stepType).arg(node.name)
    Accessible.selectable: true
    Accessible.selected: node.selected

    ElementGrip {
        anchors.fill: parent
        node: block.node
        iconType: block.node.stepType
    }

    Text {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        text: block.node.name
        color: Theme.text
        font.pixelSize: Math.min(30, block.height * 0.5)
        font.bold: true
        elide: Text.ElideRight
        verticalAlignment: Text.AlignVCenter
    }
}
