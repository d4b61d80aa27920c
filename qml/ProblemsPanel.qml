import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The document's problems as `file:line:col: message`, errors and warnings, or "No problems".
// Clicking a row (or Enter on it) asks to select the element it belongs to and its field.
Rectangle {
    id: panel

    required property ProblemListModel problems

    signal problemActivated(string path, string field)

    color: Theme.panel

    ListView {
        id: list
        objectName: "problemList"
        anchors.fill: parent
        visible: count > 0
        clip: true
        model: panel.problems
        boundsBehavior: Flickable.StopAtBounds
        activeFocusOnTab: true
        keyNavigationEnabled: true
        currentIndex: -1
        ScrollBar.vertical: ScrollBar {}
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Problems")
        Keys.onReturnPressed: if (currentItem) currentItem.activate()
        Keys.onEnterPressed: if (currentItem) currentItem.activate()

        delegate: Rectangle {
            id: row

            required property int index
            required property string text
            required property bool isError
            required property string path
            required property string field

            function activate() {
                list.currentIndex = index
                panel.problemActivated(path, field)
            }

            objectName: "problem:" + index
            width: ListView.view.width
            implicitHeight: 28
            color: ListView.isCurrentItem ? Theme.selection
                                          : rowHover.hovered ? Theme.hover : "transparent"
            Accessible.role: Accessible.ListItem
            Accessible.name: (isError ? qsTr("Error: ") : qsTr("Warning: ")) + text

            HoverHandler {
                id: rowHover
                cursorShape: Qt.PointingHandCursor
            }
            TapHandler {
                onTapped: row.activate()
            }

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 14
                anchors.rightMargin: 14
                spacing: 8

                ThemedIcon {
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

    RowLayout {
        visible: !list.visible
        x: 14
        y: 10
        spacing: 8
        ThemedIcon {
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
