import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// A step: its type, name and id, what it does, and chips for how it handles failure.
// Click selects it, double-click renames it, dragging moves it.
Rectangle {
    id: card

    required property NodeDelegate node
    // Its height is the step's real one (the compact block borrows it, see NodeDelegate).
    readonly property bool fullCard: true

    implicitWidth: Theme.cardWidth
    implicitHeight: body.implicitHeight + 20
    radius: Theme.radius
    color: Theme.panel
    border.width: node.selected || node.runStatus !== "" ? 2 : 1
    border.color: node.selected ? Theme.accent
                : node.runStatus !== "" ? Theme.statusColor(node.runStatus)
                : node.problemSeverity === "error" ? Theme.handlerBorder
                : grip.containsMouse ? Theme.borderStrong : Theme.border
    // What the run skipped or never reached steps back.
    opacity: node.runStatus === "Skipped" || node.runStatus === "Pending" ? 0.62 : 1

    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("%1 step %2").arg(node.stepType).arg(node.name)
    Accessible.description: node.runStatus !== "" ? Theme.statusLabel(node.runStatus) + ". " + node.summary
                                                  : node.summary
    Accessible.selectable: true
    Accessible.selected: node.selected

    // The type's colour as a strip along the left edge, rounded like the card.
    Item {
        width: 4
        height: parent.height
        clip: true
        Rectangle {
            width: 4 + 2 * Theme.radius
            height: parent.height
            radius: Theme.radius
            color: Theme.stepColor(card.node.stepType)
        }
    }

    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: {
            card.node.controller.select(card.node.path)
            card.node.controller.stepMenuRequested(card.node.path, card.node.nodeId)
        }
    }

    ElementGrip {
        id: grip
        anchors.fill: parent
        node: card.node
        hoverEnabled: true
        iconType: card.node.stepType
    }

    ColumnLayout {
        id: body
        x: 14
        y: 10
        width: card.width - 24
        height: implicitHeight
        spacing: 6

        RowLayout {
            spacing: 9
            Layout.fillWidth: true

            TypeIcon {
                type: card.node.stepType
                size: 28
            }

            ColumnLayout {
                spacing: 1
                Layout.fillWidth: true

                Label {
                    text: card.node.name
                    color: Theme.text
                    font.weight: Font.DemiBold
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: card.node.nodeId + "  ·  " + card.node.stepType
                    color: Theme.textMuted
                    font.pixelSize: Theme.smallFontSize
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
            }

            Loader {
                active: card.node.problemSeverity !== ""
                visible: active
                Layout.alignment: Qt.AlignTop
                sourceComponent: ProblemMark {
                    severity: card.node.problemSeverity
                    text: card.node.problemText
                }
            }
        }

        // The step in the shown run: status, counters, attempts.
        Loader {
            active: card.node.runStatus !== ""
            visible: active
            sourceComponent: StatusBadge {
                info: card.node.runInfo
            }
        }

        Label {
            id: summaryLabel
            visible: card.node.summary !== ""
            text: card.node.summary
            color: Theme.textMuted
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
            elide: Text.ElideRight
            Layout.fillWidth: true

            // Made on demand, like every tooltip of the canvas: cards must stay light.
            HoverHandler {
                onHoveredChanged: {
                    if (hovered && summaryLabel.truncated) {
                        summaryLabel.ToolTip.delay = 500
                        summaryLabel.ToolTip.show(card.node.summary)
                    } else {
                        summaryLabel.ToolTip.hide()
                    }
                }
            }
        }

        // Most steps have no badges: no Flow and Repeater for them.
        Loader {
            active: card.node.badges.length > 0
            visible: active
            Layout.fillWidth: true
            sourceComponent: BadgeFlow {
                badges: card.node.badges
            }
        }
    }
}
