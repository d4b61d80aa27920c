import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// One palette row: the type's icon, its name and what it is for. Drag it onto the canvas
// to add one; a ghost of it follows the pointer over the whole window.
Item {
    id: entry

    required property string name
    required property string summary
    // What the document calls it: "StepGroup" for "Step group", else the name.
    readonly property string kind: name.split(" ").map(word => word.charAt(0).toUpperCase()
                                                                + word.slice(1)).join("")
    readonly property var dragKeys: kind === "Stage" ? ["pw-stage"]
                                  : kind === "Parallel" ? ["pw-node", "pw-stage"] : ["pw-node"]

    implicitHeight: 38
    objectName: "palette:" + kind

    Accessible.role: Accessible.Button
    Accessible.name: name
    Accessible.description: summary + ". " + qsTr("Drag onto the canvas to add one.")

    Rectangle {
        anchors.fill: parent
        anchors.leftMargin: 6
        anchors.rightMargin: 6
        radius: Theme.radius
        color: grab.pressed ? Theme.tint(Theme.accent, 0.1) : grab.containsMouse ? Theme.hover : "transparent"
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        spacing: 10

        TypeIcon {
            type: entry.name
        }

        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true

            Label {
                text: entry.name
                color: Theme.text
                font.weight: Font.DemiBold
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: entry.summary
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
    }

    DragStartArea {
        id: grab
        anchors.fill: parent
        hoverEnabled: true
        proxy: ghost
        onDragStarting: ghost.Drag.keys = entry.dragKeys
    }

    // Above everything else in the window, so that it shows over the canvas.
    DragProxy {
        id: ghost
        parent: entry.Window.contentItem ? entry.Window.contentItem : entry
        newKind: entry.kind
        label: entry.name
        iconType: entry.name
    }
}
