import QtQuick

// Badge chips that wrap onto more lines when the width runs out.
Flow {
    id: flow

    property var badges: []

    spacing: 4

    Repeater {
        model: flow.badges
        delegate: BadgeChip {
            required property var modelData
            badge: modelData
        }
    }
}
