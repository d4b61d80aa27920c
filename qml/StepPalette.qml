import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What a pipeline is made of. Only a reference for now: dragging entries onto the canvas
// comes with the designer issue, and the note at the bottom says so.
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
                Layout.topMargin: 16

                Image {
                    source: Theme.icon("info")
                    sourceSize.width: 16
                    sourceSize.height: 16
                    opacity: 0.7
                    Layout.alignment: Qt.AlignTop
                }
                Label {
                    text: qsTr("Drag and drop onto the canvas arrives with the designer. "
                               + "Files open read-only for now.")
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.textMuted
                    Layout.fillWidth: true
                }
            }
        }
    }
}
