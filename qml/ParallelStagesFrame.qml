import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// Stages that start together, side by side in one frame, which takes dropped stages.
Rectangle {
    id: frame

    required property NodeDelegate node

    readonly property int padding: 10

    implicitWidth: body.implicitWidth + 2 * padding
    implicitHeight: body.implicitHeight + 2 * padding
    radius: 12
    color: Theme.tint(Theme.parallelBorder, 0.14)
    border.width: node.selected ? 2 : 1
    border.color: node.selected ? Theme.accent : Theme.parallelBorder

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Parallel stages")
    Accessible.selectable: true
    Accessible.selected: node.selected

    ElementGrip {
        width: frame.width
        height: stages.y + frame.padding
        node: frame.node
        iconType: "Parallel"
    }

    DropZone {
        anchors.fill: parent
        controller: frame.node.controller
        listPath: frame.node.path
        container: stages
        horizontal: true
        keys: ["pw-stage"]
    }

    ColumnLayout {
        id: body
        anchors.fill: parent
        anchors.margins: frame.padding
        spacing: 8

        RowLayout {
            spacing: 6
            Layout.leftMargin: 4
            ThemedIcon {
                source: Theme.icon("parallel")
                sourceSize.width: 14
                sourceSize.height: 14
            }
            Label {
                text: qsTr("Parallel stages")
                color: Theme.parallelText
                font.bold: true
                font.pixelSize: Theme.smallFontSize + 1
            }
            ProblemMark {
                severity: frame.node.problemSeverity
                text: frame.node.problemText
            }
        }

        RowLayout {
            id: stages
            spacing: 12
            Layout.fillHeight: true

            Repeater {
                model: DelegateModel {
                    id: stageModel
                    model: frame.node.outline
                    rootIndex: frame.node.nodeIndex
                    delegate: NodeDelegate {
                        controller: frame.node.controller
                        outline: frame.node.outline
                        nodeIndex: stageModel.modelIndex(index)
                        Layout.fillHeight: true
                    }
                }
            }
        }
    }
}
