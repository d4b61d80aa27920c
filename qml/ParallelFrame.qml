import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// Steps and groups that start together, side by side in a frame.
Rectangle {
    id: frame

    required property PipelineOutline outline
    required property var parallelIndex

    readonly property int padding: 8

    implicitWidth: body.implicitWidth + 2 * padding
    implicitHeight: body.implicitHeight + 2 * padding
    radius: Theme.radius + 2
    color: Theme.parallelFill
    border.color: Theme.parallelBorder

    ColumnLayout {
        id: body
        x: frame.padding
        y: frame.padding
        width: frame.width - 2 * frame.padding
        height: implicitHeight
        spacing: 6

        RowLayout {
            spacing: 6
            Image {
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
        }

        RowLayout {
            spacing: 8

            Repeater {
                model: DelegateModel {
                    id: items
                    model: frame.outline
                    rootIndex: frame.parallelIndex
                    delegate: NodeDelegate {
                        outline: frame.outline
                        nodeIndex: items.modelIndex(index)
                        Layout.fillHeight: true
                        Layout.alignment: Qt.AlignTop
                    }
                }
            }
        }
    }
}
