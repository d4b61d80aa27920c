import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The Logs tab: the selected step's output in the shown run, live, attempt by attempt; stdout
// plain, stderr in red, Pipewright's notes in grey; ANSI colours rendered. It follows the end
// until you scroll up; search with next and previous; copy; the whole log in a text viewer.
Item {
    id: panel

    required property RunMonitor monitor
    readonly property RunLogModel logs: monitor.logs
    property bool following: true
    property int match: -1

    function findNext(backwards) {
        const row = logs.find(search.text, match < 0 ? (backwards ? 0 : -1) : match, backwards)
        match = row
        if (row >= 0) {
            following = false
            list.positionViewAtIndex(row, ListView.Center)
        }
    }
    function copyAll() {
        clipboard.text = logs.text(0, list.count - 1)
        clipboard.selectAll()
        clipboard.copy()
    }

    Component.onCompleted: logs.darkBackground = Theme.dark

    TextEdit {
        id: clipboard
        visible: false
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            spacing: 8
            Layout.fillWidth: true
            Layout.margins: 6

            Label {
                text: panel.logs.node === "" ? qsTr("Select a step on the canvas to see its output.")
                                             : qsTr("%1, attempt").arg(panel.logs.node)
                color: Theme.textMuted
            }
            ComboBox {
                objectName: "attemptPicker"
                visible: panel.logs.node !== "" && panel.logs.attempts.length > 0
                model: panel.logs.attempts
                currentIndex: panel.logs.attempts.indexOf(panel.logs.attempt)
                onActivated: index => panel.logs.selectAttempt(panel.logs.attempts[index])
                Layout.preferredWidth: 70
            }
            Label {
                visible: panel.logs.linesNotShown > 0
                text: qsTr("%n earlier line(s) not shown", "", panel.logs.linesNotShown)
                color: Theme.warningText
                font.pixelSize: Theme.smallFontSize
            }
            Item { Layout.fillWidth: true }
            TextField {
                id: search
                objectName: "logSearch"
                placeholderText: qsTr("Search")
                Layout.preferredWidth: 180
                onAccepted: panel.findNext(false)
                onTextChanged: panel.match = -1
            }
            Button { text: "↑"; enabled: search.text !== ""; onClicked: panel.findNext(true); ToolTip.text: qsTr("Previous"); ToolTip.visible: hovered }
            Button { text: "↓"; objectName: "searchNext"; enabled: search.text !== ""; onClicked: panel.findNext(false); ToolTip.text: qsTr("Next"); ToolTip.visible: hovered }
            CheckBox {
                objectName: "followCheck"
                text: qsTr("Follow")
                checked: panel.following
                onToggled: {
                    panel.following = checked
                    if (checked)
                        list.positionViewAtEnd()
                }
            }
            Button { text: qsTr("Copy"); enabled: list.count > 0; onClicked: panel.copyAll() }
            Button {
                text: qsTr("Open full log")
                enabled: panel.logs.node !== ""
                onClicked: {
                    const url = panel.logs.fullLogUrl()
                    if (url !== "")
                        Qt.openUrlExternally(url)
                }
            }
        }

        ListView {
            id: list
            objectName: "logList"
            model: panel.logs
            clip: true
            reuseItems: true
            boundsBehavior: Flickable.StopAtBounds
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.vertical: ScrollBar {}

            onCountChanged: if (panel.following) Qt.callLater(list.positionViewAtEnd)
            // Scrolling up by hand stops following; back at the end, it follows again.
            onMovementEnded: panel.following = atYEnd

            delegate: Rectangle {
                id: line
                required property int index
                required property string html
                required property string stream
                required property double skipped
                width: ListView.view.width
                height: text.implicitHeight + 2
                color: index === panel.match ? Theme.selection
                     : stream === "err" ? Theme.tint(Theme.errorText, 0.06) : "transparent"
                Text {
                    id: text
                    x: 8
                    width: parent.width - 16
                    text: line.html
                    textFormat: Text.StyledText
                    wrapMode: Text.WrapAnywhere
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.smallFontSize + 1
                    font.italic: line.stream === "note" || line.skipped > 0
                    color: line.skipped > 0 ? Theme.warningText
                         : line.stream === "err" ? Theme.errorText
                         : line.stream === "note" ? Theme.textFaint : Theme.text
                }
            }
        }
    }
}
