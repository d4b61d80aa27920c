import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A step: its type, name and id, what it does, and chips for how it handles failure.
Rectangle {
    id: card

    required property string name
    required property string nodeId
    required property string stepType
    required property string summary
    required property var badges

    implicitWidth: Theme.cardWidth
    implicitHeight: body.implicitHeight + 20
    radius: Theme.radius
    color: Theme.panel
    border.color: hover.hovered ? Theme.borderStrong : Theme.border

    HoverHandler {
        id: hover
    }

    // The type's colour as a strip along the left edge, rounded like the card.
    Item {
        width: 4
        height: parent.height
        clip: true
        Rectangle {
            width: 4 + 2 * Theme.radius
            height: parent.height
            radius: Theme.radius
            color: Theme.stepColor(card.stepType)
        }
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
                type: card.stepType
                size: 28
            }

            ColumnLayout {
                spacing: 1
                Layout.fillWidth: true

                Label {
                    text: card.name
                    color: Theme.text
                    font.weight: Font.DemiBold
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: card.nodeId + "  ·  " + card.stepType
                    color: Theme.textMuted
                    font.pixelSize: Theme.smallFontSize
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
            }
        }

        Label {
            id: summaryLabel
            visible: card.summary !== ""
            text: card.summary
            color: Theme.textMuted
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
            elide: Text.ElideRight
            Layout.fillWidth: true

            HoverHandler {
                id: summaryHover
            }
            ToolTip.visible: summaryHover.hovered && summaryLabel.truncated
            ToolTip.text: card.summary
            ToolTip.delay: 500
        }

        BadgeFlow {
            visible: card.badges.length > 0
            badges: card.badges
            Layout.fillWidth: true
        }
    }
}
