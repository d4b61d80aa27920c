import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// The nodes of one lane, top to bottom, in the order they run.
ColumnLayout {
    id: list

    required property CanvasController controller
    required property PipelineOutline outline
    required property var parentIndex
    required property string listPath
    // The main steps lane shows where its first step goes; other lanes draw their own.
    property bool showEmptyHint: true
    readonly property int count: nodes.count

    spacing: 8

    Repeater {
        model: DelegateModel {
            id: nodes
            model: list.outline
            rootIndex: list.parentIndex
            delegate: NodeDelegate {
                controller: list.controller
                outline: list.outline
                nodeIndex: nodes.modelIndex(index)
                Layout.fillWidth: true
            }
        }
    }

    // While something is dragged over the canvas, a lane that ends with a parallel block opens
    // a slot after it: the gap there was 8 px, and a near miss landed inside the block.
    Item {
        objectName: "slotAfterBlock"
        visible: list.controller.laneDragActive && nodes.count > 0
                 && list.outline.data(list.outline.index(nodes.count - 1, 0, list.parentIndex),
                                      PipelineOutline.KindRole) === "parallel"
        implicitHeight: 28
        Layout.fillWidth: true
    }

    // A stage or group without steps is an error the Problems panel names; show the gap,
    // which is also where a dragged step would land.
    Rectangle {
        readonly property bool targeted: list.controller.hover !== null
                                         && list.controller.hover.target.listPath === list.listPath
        visible: nodes.count === 0 && list.showEmptyHint
        radius: Theme.radius
        color: targeted ? Theme.tint(Theme.accent, 0.06) : "transparent"
        border.color: targeted ? Theme.accent : Theme.borderStrong
        implicitWidth: Theme.cardWidth
        implicitHeight: 40
        Layout.fillWidth: true

        Label {
            anchors.centerIn: parent
            text: qsTr("No steps: drop one here")
            color: Theme.textFaint
        }
    }
}
