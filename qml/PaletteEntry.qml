import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One palette row: the type's icon, its name and what it is for.
Item {
    id: entry

    required property string name
    required property string summary

    implicitHeight: 42

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        spacing: 10

        TypeIcon {
            type: entry.name
        }

        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true

            Label {
                text: entry.name
                color: Theme.text
                font.weight: Font.DemiBold
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: entry.summary
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
    }
}
