import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// A stage as a column: its header, its steps top to bottom, and at the foot of the column
// the rollback and error-handler lanes, so that they line up across stages (empty ones are
// thin strips side by side). The header is
// the stage's handle: click selects it, dragging moves it.
Rectangle {
    id: stage

    required property NodeDelegate node

    readonly property int padding: 12
    readonly property bool collapsed: node.controller.collapsed.ids.indexOf(node.nodeId) >= 0

    implicitWidth: Math.max(Theme.stageMinWidth, lanes.implicitWidth + 2 * padding)
    implicitHeight: header.height + (collapsed ? hidden.implicitHeight : lanes.implicitHeight) + 2 * padding
    radius: 10
    color: Theme.panel
    border.width: node.selected || node.runStatus !== "" ? 2 : 1
    border.color: node.selected ? Theme.accent
                : node.runStatus !== "" ? Theme.statusColor(node.runStatus) : Theme.border

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Stage %1").arg(node.name)
    Accessible.description: node.description
    Accessible.selectable: true
    Accessible.selected: node.selected

    Item {
        id: header
        width: stage.width
        height: Math.max(64, headerBody.implicitHeight + 24)

        ElementGrip {
            anchors.fill: parent
            node: stage.node
            iconType: "Stage"
        }

        // Zoomed out too far to read the header: the stage's name, large.
        Label {
            visible: stage.node.controller.compact
            anchors.fill: parent
            anchors.leftMargin: stage.padding
            anchors.rightMargin: stage.padding
            text: stage.node.name
            color: Theme.text
            font.pixelSize: 40
            font.bold: true
            fontSizeMode: Text.Fit
            minimumPixelSize: 16
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
        }

        ColumnLayout {
            id: headerBody
            opacity: stage.node.controller.compact ? 0 : 1
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
                        text: stage.node.name
                        color: Theme.text
                        font.pixelSize: Theme.titleFontSize - 1
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("Stage") + "  ·  " + stage.node.nodeId
                        color: Theme.textMuted
                        font.pixelSize: Theme.smallFontSize
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
                ProblemMark {
                    severity: stage.node.problemSeverity
                    text: stage.node.problemText
                    Layout.alignment: Qt.AlignTop
                }
                CollapseToggle {
                    node: stage.node
                    Layout.alignment: Qt.AlignTop
                }
            }

            Label {
                visible: stage.node.description !== ""
                text: stage.node.description
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }

            BadgeFlow {
                visible: stage.node.badges.length > 0
                badges: stage.node.badges
                Layout.fillWidth: true
            }

            Loader {
                active: stage.node.runStatus !== ""
                visible: active
                sourceComponent: StatusBadge {
                    info: stage.node.runInfo
                }
            }
        }

        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: 1
            color: Theme.border
        }
    }

    // Two columns so that empty rollback and handler strips can share a row.
    CollapsedNote {
        id: hidden
        visible: stage.collapsed
        node: stage.node
        x: stage.padding
        y: header.height + stage.padding
        width: stage.width - 2 * stage.padding
    }

    GridLayout {
        id: lanes
        visible: !stage.collapsed
        x: stage.padding
        y: header.height + stage.padding
        width: stage.width - 2 * stage.padding
        height: stage.height - y - stage.padding
        columns: 2
        rowSpacing: 12
        columnSpacing: 8

        Repeater {
            model: DelegateModel {
                id: laneModel
                model: stage.node.outline
                rootIndex: stage.node.nodeIndex
                delegate: NodeDelegate {
                    controller: stage.node.controller
                    outline: stage.node.outline
                    nodeIndex: laneModel.modelIndex(index)
                    Layout.fillWidth: true
                    Layout.columnSpan: item && item.compact ? 1 : 2
                    // The main lane takes the spare height, pushing the others down.
                    Layout.fillHeight: lane === "steps"
                }
            }
        }
    }
}
