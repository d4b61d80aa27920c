import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// What a pipeline is made of: drag an entry onto the canvas to add one.
Rectangle {
    id: palette

    readonly property var stepTypes: [
        { name: "Shell", summary: qsTr("Run a command") },
        { name: "Http", summary: qsTr("Call a URL") },
        { name: "Echo", summary: qsTr("Log a message") },
        { name: "Wait", summary: qsTr("Pause for a while") },
        { name: "Fail", summary: qsTr("Fail on purpose") },
        { name: "Verify", summary: qsTr("Check a condition") },
        { name: "Approval", summary: qsTr("Wait for a person") }
    ]
    readonly property var containers: [
        { name: "Stage", summary: qsTr("A column of steps") },
        { name: "Step group", summary: qsTr("Steps with shared handling") },
        { name: "Parallel", summary: qsTr("Items that run together") }
    ]

    color: Theme.panel

    component SectionLabel: Label {
        font.pixelSize: Theme.smallFontSize
        font.bold: true
        font.capitalization: Font.AllUppercase
        font.letterSpacing: 0.6
        color: Theme.textFaint
        Layout.leftMargin: 14
        Layout.topMargin: 8
        Layout.bottomMargin: 2
    }

    Rectangle {
        anchors.right: parent.right
        width: 1
        height: parent.height
        color: Theme.border
    }

    Flickable {
        objectName: "paletteFlick"
        anchors.fill: parent
        anchors.rightMargin: 1
        contentHeight: content.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: content
            width: parent.width
            height: implicitHeight
            spacing: 2

            Label {
                text: qsTr("Palette")
                font.pixelSize: Theme.titleFontSize
                font.bold: true
                color: Theme.text
                Layout.topMargin: 14
                Layout.leftMargin: 14
                Layout.bottomMargin: 6
            }

            SectionLabel { text: qsTr("Steps") }
            Repeater {
                model: palette.stepTypes
                delegate: PaletteEntry {
                    required property var modelData
                    name: modelData.name
                    summary: modelData.summary
                    Layout.fillWidth: true
                }
            }

            SectionLabel { text: qsTr("Containers") }
            Repeater {
                model: palette.containers
                delegate: PaletteEntry {
                    required property var modelData
                    name: modelData.name
                    summary: modelData.summary
                    Layout.fillWidth: true
                }
            }

            RowLayout {
                spacing: 8
                Layout.fillWidth: true
                Layout.margins: 14
                Layout.topMargin: 10

                ThemedIcon {
                    source: Theme.icon("info")
                    sourceSize.width: 16
                    sourceSize.height: 16
                    opacity: 0.7
                    Layout.alignment: Qt.AlignTop
                }
                Label {
                    text: qsTr("Drag onto the canvas: between steps inserts, a step's right "
                               + "edge runs side by side, between stages adds a stage, a "
                               + "stage's middle makes parallel stages.")
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.textMuted
                    Layout.fillWidth: true
                }
            }
        }
    }
}
