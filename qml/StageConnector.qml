import QtQuick

// The arrow between two stage columns, level with the stage headers.
Item {
    width: 36
    height: 46

    ThemedIcon {
        anchors.centerIn: parent
        source: Theme.icon("arrow")
        sourceSize.width: 22
        sourceSize.height: 22
    }
}
