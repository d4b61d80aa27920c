import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The selected element's problems, in a strip under the property panel's fields. It sits
// outside the scrolled fields on purpose: when a problem appears or goes, only the bottom of
// the fields' viewport moves, so the control under the mouse stays where it was (issue 12,
// item 9: a banner above the fields pushed them down between two clicks). A row focuses the
// field it is about.
Rectangle {
    id: strip

    required property var problems
    signal focusFieldRequested(string field)

    // A long list scrolls inside the strip rather than squeezing the fields away.
    property real maximumHeight: 160

    visible: problems.length > 0
    color: Theme.panelAlt
    implicitHeight: visible ? Math.min(rows.implicitHeight + 16, maximumHeight) : 0
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Problems of this element")

    Rectangle {
        width: parent.width
        height: 1
        color: Theme.border
    }

    ScrollView {
        anchors.fill: parent
        anchors.topMargin: 8
        anchors.bottomMargin: 8
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            id: rows
            x: 14
            width: strip.width - 28
            spacing: 4

            Repeater {
                model: strip.problems

                delegate: ItemDelegate {
                    id: problemRow

                    required property var modelData

                    objectName: "problem"
                    Layout.fillWidth: true
                    padding: 6
                    Accessible.name: (modelData.isError ? qsTr("Error: ") : qsTr("Warning: "))
                                     + modelData.message
                    onClicked: strip.focusFieldRequested(modelData.field)
                    background: Rectangle {
                        radius: Theme.radius
                        color: Theme.tint(problemRow.modelData.isError ? Theme.errorText
                                                                       : Theme.warningText, 0.1)
                        border.color: problemRow.visualFocus ? Theme.accent : "transparent"
                    }
                    contentItem: RowLayout {
                        spacing: 6
                        ThemedIcon {
                            source: Theme.icon(problemRow.modelData.isError ? "error" : "warning")
                            sourceSize.width: 14
                            sourceSize.height: 14
                            Layout.alignment: Qt.AlignTop
                        }
                        Label {
                            text: problemRow.modelData.message
                            color: Theme.text
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
    }
}
