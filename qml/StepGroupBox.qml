import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// A step group: a framed box with its own steps, and its rollback and handler lanes.
Rectangle {
    id: group

    required property PipelineOutline outline
    required property var groupIndex
    required property string name
    required property string nodeId
    required property var badges

    readonly property int padding: 10

    implicitWidth: Math.max(Theme.cardWidth, lanes.implicitWidth + 2 * padding)
    implicitHeight: body.implicitHeight + 2 * padding
    radius: Theme.radius + 2
    color: Theme.groupFill
    border.color: Theme.groupBorder

    ColumnLayout {
        id: body
        x: group.padding
        y: group.padding
        width: group.width - 2 * group.padding
        height: implicitHeight
        spacing: 8

        RowLayout {
            spacing: 8
            Layout.fillWidth: true

            TypeIcon {
                type: "Step group"
                size: 24
            }
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Label {
                    text: group.name
                    color: Theme.text
                    font.weight: Font.DemiBold
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.preferredWidth: 0
                }
                Label {
                    text: qsTr("Step group") + "  ·  " + group.nodeId
                    color: Theme.textMuted
                    font.pixelSize: Theme.smallFontSize
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.preferredWidth: 0
                }
            }
        }

        BadgeFlow {
            visible: group.badges.length > 0
            badges: group.badges
            Layout.fillWidth: true
            Layout.preferredWidth: 0
        }

        ColumnLayout {
            id: lanes
            spacing: 8
            Layout.fillWidth: true

            Repeater {
                model: DelegateModel {
                    id: laneModel
                    model: group.outline
                    rootIndex: group.groupIndex
                    delegate: LaneBox {
                        required property int index
                        outline: group.outline
                        laneIndex: laneModel.modelIndex(index)
                        owner: "stepGroup"
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }
}
