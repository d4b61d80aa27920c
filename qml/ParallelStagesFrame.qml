import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// Stages that start together, side by side in one frame.
Rectangle {
    id: frame

    required property PipelineOutline outline
    required property var frameIndex

    readonly property int padding: 10

    implicitWidth: body.implicitWidth + 2 * padding
    implicitHeight: body.implicitHeight + 2 * padding
    radius: 12
    color: Theme.tint(Theme.parallelBorder, 0.14)
    border.color: Theme.parallelBorder

    ColumnLayout {
        id: body
        anchors.fill: parent
        anchors.margins: frame.padding
        spacing: 8

        RowLayout {
            spacing: 6
            Layout.leftMargin: 4
            Image {
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
        }

        RowLayout {
            spacing: 12
            Layout.fillHeight: true

            Repeater {
                model: DelegateModel {
                    id: stages
                    model: frame.outline
                    rootIndex: frame.frameIndex
                    delegate: StageColumn {
                        required property int index
                        outline: frame.outline
                        stageIndex: stages.modelIndex(index)
                        Layout.fillHeight: true
                    }
                }
            }
        }
    }
}
