import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// A stage as a column: its header, its steps top to bottom, and at the foot of the column
// the rollback and error-handler lanes, so that they line up across stages.
Rectangle {
    id: stage

    required property PipelineOutline outline
    required property var stageIndex
    required property string name
    required property string nodeId
    required property string description
    required property var badges

    readonly property int padding: 12

    implicitWidth: Math.max(Theme.stageMinWidth, lanes.implicitWidth + 2 * padding)
    implicitHeight: header.height + lanes.implicitHeight + 2 * padding
    radius: 10
    color: Theme.panel
    border.color: Theme.border

    Item {
        id: header
        width: stage.width
        height: Math.max(64, headerBody.implicitHeight + 24)

        ColumnLayout {
            id: headerBody
            x: stage.padding
            y: 12
            width: stage.width - 2 * stage.padding
            height: implicitHeight
            spacing: 8

            RowLayout {
                spacing: 9
                Layout.fillWidth: true

                TypeIcon {
                    type: "Stage"
                    size: 28
                }
                ColumnLayout {
                    spacing: 1
                    Layout.fillWidth: true
                    Label {
                        text: stage.name
                        color: Theme.text
                        font.pixelSize: Theme.titleFontSize - 1
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("Stage") + "  ·  " + stage.nodeId
                        color: Theme.textMuted
                        font.pixelSize: Theme.smallFontSize
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
            }

            Label {
                visible: stage.description !== ""
                text: stage.description
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }

            BadgeFlow {
                visible: stage.badges.length > 0
                badges: stage.badges
                Layout.fillWidth: true
            }
        }

        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: 1
            color: Theme.border
        }
    }

    ColumnLayout {
        id: lanes
        x: stage.padding
        y: header.height + stage.padding
        width: stage.width - 2 * stage.padding
        height: stage.height - y - stage.padding
        spacing: 12

        Repeater {
            model: DelegateModel {
                id: laneModel
                model: stage.outline
                rootIndex: stage.stageIndex
                delegate: LaneBox {
                    required property int index
                    outline: stage.outline
                    laneIndex: laneModel.modelIndex(index)
                    Layout.fillWidth: true
                    // The main lane takes the spare height, pushing the others down.
                    Layout.fillHeight: lane === "steps"
                }
            }
        }
    }
}
