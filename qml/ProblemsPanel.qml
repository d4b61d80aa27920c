import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The file's problems as `file:line:col: message`, errors and warnings, or "No problems".
Rectangle {
    id: panel

    required property ProblemListModel problems

    color: Theme.panel

    component CountChip: Rectangle {
        id: countChip
        property string iconName
        property string text
        implicitWidth: chipRow.implicitWidth + 12
        implicitHeight: 20
        radius: 10
        color: Theme.window
        Row {
            id: chipRow
            anchors.centerIn: parent
            spacing: 4
            Image {
                anchors.verticalCenter: parent.verticalCenter
                source: Theme.icon(countChip.iconName)
                sourceSize.width: 12
                sourceSize.height: 12
            }
            Label {
                anchors.verticalCenter: parent.verticalCenter
                text: countChip.text
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            color: Theme.panelAlt
            implicitHeight: 34
            Layout.fillWidth: true

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 14
                anchors.rightMargin: 14
                spacing: 8

                Label {
                    text: qsTr("Problems")
                    color: Theme.text
                    font.bold: true
                }
                CountChip {
                    visible: panel.problems.errorCount > 0
                    iconName: "error"
                    text: panel.problems.errorCount === 1
                          ? qsTr("1 error") : qsTr("%1 errors").arg(panel.problems.errorCount)
                }
                CountChip {
                    visible: panel.problems.warningCount > 0
                    iconName: "warning"
                    text: panel.problems.warningCount === 1
                          ? qsTr("1 warning") : qsTr("%1 warnings").arg(panel.problems.warningCount)
                }
                Item {
                    Layout.fillWidth: true
                }
            }

            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: 1
                color: Theme.border
            }
        }

        ListView {
            id: list
            visible: count > 0
            clip: true
            model: panel.problems
            boundsBehavior: Flickable.StopAtBounds
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.vertical: ScrollBar {}

            delegate: Rectangle {
                id: row

                required property string text
                required property bool isError

                width: ListView.view.width
                implicitHeight: 28
                color: rowHover.hovered ? Theme.hover : "transparent"

                HoverHandler {
                    id: rowHover
                }

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 14
                    anchors.rightMargin: 14
                    spacing: 8

                    Image {
                        source: Theme.icon(row.isError ? "error" : "warning")
                        sourceSize.width: 14
                        sourceSize.height: 14
                    }
                    Label {
                        id: message
                        text: row.text
                        color: Theme.text
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        ToolTip.visible: rowHover.hovered && message.truncated
                        ToolTip.text: row.text
                        ToolTip.delay: 500
                    }
                }
            }
        }

        Item {
            visible: !list.visible
            Layout.fillWidth: true
            Layout.fillHeight: true

            RowLayout {
                x: 14
                y: 10
                spacing: 8
                Image {
                    source: Theme.icon("ok")
                    sourceSize.width: 14
                    sourceSize.height: 14
                }
                Label {
                    text: qsTr("No problems")
                    color: Theme.textMuted
                }
            }
        }
    }
}
