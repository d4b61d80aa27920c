import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// A step group: a framed box with its own steps, and its rollback and handler lanes. Its
// title row is its handle (select, rename, drag).
Rectangle {
    id: group

    required property NodeDelegate node

    readonly property int padding: 10
    readonly property bool collapsed: node.controller.collapsed.ids.indexOf(node.nodeId) >= 0

    implicitWidth: Math.max(Theme.cardWidth, lanes.implicitWidth + 2 * padding)
    implicitHeight: body.implicitHeight + 2 * padding
    radius: Theme.radius + 2
    color: Theme.groupFill
    border.width: node.selected || node.runStatus !== "" ? 2 : 1
    border.color: node.selected ? Theme.accent
                : node.runStatus !== "" ? Theme.statusColor(node.runStatus) : Theme.groupBorder

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Step group %1").arg(node.name)
    Accessible.selectable: true
    Accessible.selected: node.selected

    ElementGrip {
        x: 0
        y: 0
        width: group.width
        height: titleRow.y + titleRow.height + group.padding
        node: group.node
        iconType: "Step group"
    }

    ColumnLayout {
        id: body
        x: group.padding
        y: group.padding
        width: group.width - 2 * group.padding
        height: implicitHeight
        spacing: 8

        RowLayout {
            id: titleRow
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
                    text: group.node.name
                    color: Theme.text
                    font.weight: Font.DemiBold
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.preferredWidth: 0
                }
                Label {
                    text: qsTr("Step group") + "  ·  " + group.node.nodeId
                    color: Theme.textMuted
                    font.pixelSize: Theme.smallFontSize
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.preferredWidth: 0
                }
            }
            ProblemMark {
                severity: group.node.problemSeverity
                text: group.node.problemText
                Layout.alignment: Qt.AlignTop
            }
            CollapseToggle {
                node: group.node
                Layout.alignment: Qt.AlignTop
            }
        }

        CollapsedNote {
            visible: group.collapsed
            node: group.node
            Layout.fillWidth: true
        }

        Loader {
            active: group.node.runStatus !== ""
            visible: active
            sourceComponent: StatusBadge {
                info: group.node.runInfo
            }
        }

        BadgeFlow {
            visible: group.node.badges.length > 0
            badges: group.node.badges
            Layout.fillWidth: true
            Layout.preferredWidth: 0
        }

        // Two columns so that empty rollback and handler strips can share a row.
        GridLayout {
            id: lanes
            visible: !group.collapsed
            columns: 2
            rowSpacing: 8
            columnSpacing: 6
            Layout.fillWidth: true

            Repeater {
                model: DelegateModel {
                    id: laneModel
                    model: group.node.outline
                    rootIndex: group.node.nodeIndex
                    delegate: NodeDelegate {
                        controller: group.node.controller
                        outline: group.node.outline
                        nodeIndex: laneModel.modelIndex(index)
                        Layout.fillWidth: true
                        Layout.columnSpan: item && item.compact ? 1 : 2
                    }
                }
            }
        }
    }
}
