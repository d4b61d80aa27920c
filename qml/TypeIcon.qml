import QtQuick

// A step type's or container's icon on a tile washed in the type's colour.
Rectangle {
    id: tile

    required property string type
    property int size: 28

    implicitWidth: size
    implicitHeight: size
    radius: 6
    color: Theme.tint(Theme.stepColor(type), 0.13)
    border.color: Theme.tint(Theme.stepColor(type), 0.28)

    ThemedIcon {
        anchors.centerIn: parent
        source: tile.type !== "" ? Theme.typeIcon(tile.type) : ""
        sourceSize.width: tile.size * 0.6
        sourceSize.height: tile.size * 0.6
    }
}
