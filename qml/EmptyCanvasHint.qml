import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What the canvas says when it has nothing to draw.
ColumnLayout {
    id: hint

    property bool untitled: true

    spacing: 6

    Image {
        source: Theme.icon("file")
        sourceSize.width: 44
        sourceSize.height: 44
        opacity: 0.45
        Layout.alignment: Qt.AlignHCenter
        Layout.bottomMargin: 6
    }
    Label {
        text: hint.untitled ? qsTr("No pipeline open") : qsTr("Nothing to show")
        color: Theme.text
        font.pixelSize: Theme.titleFontSize + 1
        font.bold: true
        Layout.alignment: Qt.AlignHCenter
    }
    Label {
        text: hint.untitled ? qsTr("Start Pipewright with a pipeline file to see it here:")
                            : qsTr("This file could not be read as a pipeline. "
                                   + "The Problems panel says why.")
        color: Theme.textMuted
        Layout.alignment: Qt.AlignHCenter
    }
    Label {
        visible: hint.untitled
        text: "pipewright path/to/pipeline.yaml"
        color: Theme.text
        font.family: Theme.monoFamily
        Layout.alignment: Qt.AlignHCenter
        Layout.topMargin: 4
    }
}
