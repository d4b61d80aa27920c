import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// What follows the pointer during a drag, and what drop targets learn about it: a new
// element of `newKind` from the palette, or the element at `movePath` of the canvas, moved
// or (Ctrl held: `copy`) copied.
// Drag.Internal keeps the drag inside the scene, where DropAreas (and tests) see it.
Rectangle {
    id: proxy

    property string newKind: ""
    property string movePath: ""
    property string label: ""
    property string iconType: ""
    property bool refused: false // set by the drop target under the pointer
    property bool copy: false // set by the drag area from the Ctrl key

    visible: Drag.active
    z: 1000
    implicitWidth: row.implicitWidth + 20
    implicitHeight: 36
    width: implicitWidth
    height: implicitHeight
    radius: Theme.radius
    color: Theme.panel
    opacity: 0.92
    border.width: 2
    border.color: refused ? Theme.errorText : Theme.accent

    Drag.dragType: Drag.Internal
    Drag.source: proxy
    Drag.hotSpot.x: 14
    Drag.hotSpot.y: 14
    Drag.supportedActions: Qt.MoveAction | Qt.CopyAction
    Drag.mimeData: ({ "text/plain": proxy.movePath !== "" ? proxy.movePath : proxy.newKind })

    RowLayout {
        id: row
        anchors.centerIn: parent
        spacing: 8
        TypeIcon {
            type: proxy.iconType
            size: 22
        }
        Label {
            text: proxy.label
            color: Theme.text
            font.weight: Font.DemiBold
        }
        Label {
            objectName: "copyMark"
            visible: proxy.copy && !proxy.refused
            text: "+"
            color: Theme.accent
            font.bold: true
            font.pixelSize: 16
            Accessible.name: qsTr("Copy")
        }
        ThemedIcon {
            visible: proxy.refused
            source: Theme.icon("not-allowed")
            sourceSize.width: 16
            sourceSize.height: 16
        }
    }
}
