import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// The nodes of one lane, top to bottom, in the order they run.
ColumnLayout {
    id: list

    required property PipelineOutline outline
    required property var parentIndex

    spacing: 8

    Repeater {
        model: DelegateModel {
            id: nodes
            model: list.outline
            rootIndex: list.parentIndex
            delegate: NodeDelegate {
                outline: list.outline
                nodeIndex: nodes.modelIndex(index)
                Layout.fillWidth: true
            }
        }
    }

    // A stage or group without steps is an error the Problems panel names; show the gap.
    Rectangle {
        visible: nodes.count === 0
        radius: Theme.radius
        color: "transparent"
        border.color: Theme.borderStrong
        implicitWidth: Theme.cardWidth
        implicitHeight: 40
        Layout.fillWidth: true

        Label {
            anchors.centerIn: parent
            text: qsTr("No steps")
            color: Theme.textFaint
        }
    }
}
