import QtQuick
import QtQuick.Controls

// One fact about a node (retry, catch, failure strategy, timeout, when) as a small chip;
// hovering shows the whole sentence.
Rectangle {
    id: chip

    required property var badge // {kind, label, detail}, see NodeBadges.h
    readonly property color accent: Theme.badgeColor(badge.kind)

    implicitWidth: content.implicitWidth + 12
    implicitHeight: 20
    radius: 4
    color: Theme.tint(accent, 0.08)
    border.color: Theme.tint(accent, 0.32)

    Row {
        id: content
        anchors.centerIn: parent
        spacing: 4

        ThemedIcon {
            anchors.verticalCenter: parent.verticalCenter
            source: Theme.icon(chip.badge.kind)
            sourceSize.width: 12
            sourceSize.height: 12
        }
        Label {
            anchors.verticalCenter: parent.verticalCenter
            width: Math.min(implicitWidth, 150)
            text: chip.badge.label
            color: Qt.darker(chip.accent, 1.25)
            font.pixelSize: Theme.smallFontSize
            elide: Text.ElideRight
        }
    }

    // Made on demand: an attached ToolTip per chip would weigh on large pipelines.
    HoverHandler {
        onHoveredChanged: {
            if (hovered) {
                chip.ToolTip.delay = 400
                chip.ToolTip.show(chip.badge.detail)
            } else {
                chip.ToolTip.hide()
            }
        }
    }
}
