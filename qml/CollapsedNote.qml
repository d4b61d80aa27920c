import QtQuick
import QtQuick.Controls
import Pipewright

// What stands in for the lanes of a collapsed stage or group: how many steps it hides; a
// click shows them again.
Rectangle {
    id: note

    required property NodeDelegate node

    // Counted again after every edit (the document's revision moves).
    readonly property int steps: {
        const document = note.node.controller.document
        if (!note.visible || !document)
            return 0
        document.revision
        return note.node.outline.stepsUnder(note.node.nodeId)
    }

    implicitWidth: Theme.cardWidth
    implicitHeight: 36
    radius: Theme.radius
    color: "transparent"
    border.color: Theme.borderStrong

    Label {
        anchors.centerIn: parent
        objectName: "collapsedNoteText"
        text: note.steps === 1 ? qsTr("▸ 1 step hidden") : qsTr("▸ %1 steps hidden").arg(note.steps)
        color: Theme.textMuted
    }
    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.PointingHandCursor
        onClicked: note.node.controller.collapsed.setCollapsed(note.node.nodeId, false)
    }
}
