import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// Steps and groups that start together, side by side in a frame. The row of items takes
// drops (left to right); the title row is the block's handle.
Rectangle {
    id: frame

    required property NodeDelegate node

    readonly property int padding: 8

    implicitWidth: body.implicitWidth + 2 * padding
    implicitHeight: body.implicitHeight + 2 * padding
    radius: Theme.radius + 2
    color: Theme.parallelFill
    border.width: node.selected ? 2 : 1
    border.color: node.selected ? Theme.accent
                : node.problemSeverity === "error" ? Theme.handlerBorder : Theme.parallelBorder

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Parallel block")
    Accessible.selectable: true
    Accessible.selected: node.selected

    ElementGrip {
        width: frame.width
        height: items.y + frame.padding
        node: frame.node
        iconType: "Parallel"
    }

    DropZone {
        x: items.x + frame.padding - 4
        y: items.y + frame.padding - 4
        width: items.width + 8
        height: items.height + 8
        controller: frame.node.controller
        listPath: frame.node.path
        container: items
        horizontal: true
    }

    ColumnLayout {
        id: body
        x: frame.padding
        y: frame.padding
        width: frame.width - 2 * frame.padding
        height: implicitHeight
        spacing: 6

        RowLayout {
            spacing: 6
            ThemedIcon {
                source: Theme.icon("parallel")
                sourceSize.width: 14
                sourceSize.height: 14
            }
            Label {
                text: qsTr("Parallel")
                color: Theme.parallelText
                font.bold: true
                font.pixelSize: Theme.smallFontSize + 1
            }
            Label {
                text: qsTr("· start together")
                color: Theme.parallelText
                opacity: 0.85
                font.pixelSize: Theme.smallFontSize
            }
            ProblemMark {
                severity: frame.node.problemSeverity
                text: frame.node.problemText
            }
        }

        RowLayout {
            id: items
            spacing: 8

            Repeater {
                model: DelegateModel {
                    id: itemModel
                    model: frame.node.outline
                    rootIndex: frame.node.nodeIndex
                    delegate: NodeDelegate {
                        controller: frame.node.controller
                        outline: frame.node.outline
                        nodeIndex: itemModel.modelIndex(index)
                        Layout.fillHeight: true
                        Layout.alignment: Qt.AlignTop
                    }
                }
            }

            // An empty block is an error until something is dropped in: show where.
            Rectangle {
                visible: itemModel.count === 0
                radius: Theme.radius
                color: "transparent"
                border.color: Theme.parallelBorder
                implicitWidth: Theme.cardWidth
                implicitHeight: 40

                Label {
                    anchors.centerIn: parent
                    text: qsTr("Drop steps to run together")
                    color: Theme.parallelText
                }
            }
        }
    }
}
