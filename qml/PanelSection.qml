import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// A titled group of fields in the property panel, with an icon and a rule above it.
ColumnLayout {
    id: section

    property string title
    property string iconName
    default property alias content: body.data

    spacing: 8
    Layout.fillWidth: true

    Rectangle {
        color: Theme.border
        implicitHeight: 1
        Layout.fillWidth: true
        Layout.topMargin: 6
    }

    RowLayout {
        spacing: 6
        ThemedIcon {
            visible: section.iconName !== ""
            source: section.iconName !== "" ? Theme.icon(section.iconName) : ""
            sourceSize.width: 14
            sourceSize.height: 14
        }
        Label {
            text: section.title
            color: Theme.text
            font.bold: true
            Accessible.role: Accessible.Heading
        }
    }

    ColumnLayout {
        id: body
        spacing: 8
        Layout.fillWidth: true
    }
}
