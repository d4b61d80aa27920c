import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What the canvas says when it has nothing to draw. An empty pipeline invites the first
// stage: the slot lights up while a Stage is dragged over the canvas.
ColumnLayout {
    id: hint

    property bool untitled: true
    property bool hasPipeline: false
    property bool targeted: false // a stage is being dragged over the canvas
    property bool refused: false

    spacing: 6

    Accessible.role: Accessible.StaticText
    Accessible.name: title.text

    ThemedIcon {
        visible: !hint.hasPipeline
        source: Theme.icon("file")
        sourceSize.width: 44
        sourceSize.height: 44
        opacity: 0.45
        Layout.alignment: Qt.AlignHCenter
        Layout.bottomMargin: 6
    }
    Rectangle {
        visible: hint.hasPipeline
        implicitWidth: Theme.stageMinWidth
        implicitHeight: 150
        radius: 10
        color: hint.targeted ? Theme.tint(hint.refused ? Theme.errorText : Theme.accent, 0.08)
                             : Theme.tint(Theme.panel, 0.6)
        border.width: 2
        border.color: hint.refused ? Theme.errorText : hint.targeted ? Theme.accent : Theme.borderStrong
        Layout.alignment: Qt.AlignHCenter
        Layout.bottomMargin: 10

        TypeIcon {
            anchors.centerIn: parent
            type: "Stage"
            size: 44
            opacity: hint.targeted ? 1 : 0.6
        }
    }
    Label {
        id: title
        text: hint.hasPipeline ? qsTr("Drop a Stage here to begin")
                               : hint.untitled ? qsTr("No pipeline open") : qsTr("Nothing to show")
        color: Theme.text
        font.pixelSize: Theme.titleFontSize + 1
        font.bold: true
        Layout.alignment: Qt.AlignHCenter
    }
    Label {
        text: hint.hasPipeline ? qsTr("Drag Stage from the palette, then steps into its column.")
                               : hint.untitled ? qsTr("Open one with File › Open, start one with File › New, "
                                                      + "or start Pipewright with a file:")
                               : qsTr("This file could not be read as a pipeline: fix it in the YAML tab "
                                      + "below, and the canvas appears.")
        color: Theme.textMuted
        Layout.alignment: Qt.AlignHCenter
    }
    Label {
        visible: hint.untitled && !hint.hasPipeline
        text: "pipewright path/to/pipeline.yaml"
        color: Theme.text
        font.family: Theme.monoFamily
        Layout.alignment: Qt.AlignHCenter
        Layout.topMargin: 4
    }
}
