import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// Ctrl+F on the canvas: find a step, group or stage by its id, its name or the text of what
// it does (a command, a URL, a message), then go through the matches with Enter / Shift+Enter
// (or F3 / Shift+F3, or the arrows), each selected and centred on the canvas. Escape closes.
Rectangle {
    id: bar

    required property PipelineDocument document
    readonly property PipelineOutline outline: document ? document.outline : null
    // Selects and centres one match.
    signal matchChosen(string path)
    signal closed()

    property var matches: []
    property int current: -1

    function open() {
        visible = true
        field.forceActiveFocus()
        field.selectAll()
        search()
    }
    function close() {
        visible = false
        closed()
    }
    function search() {
        matches = outline && field.text.trim() !== "" ? outline.find(field.text) : []
        current = -1
        if (matches.length > 0)
            go(0)
    }
    function go(index) {
        if (matches.length === 0)
            return
        current = (index + matches.length) % matches.length
        matchChosen(matches[current])
    }
    function next() { go(current + 1) }
    function previous() { go(current - 1) }

    visible: false
    implicitWidth: row.implicitWidth + 16
    implicitHeight: row.implicitHeight + 12
    radius: Theme.radius
    color: Theme.panel
    border.color: Theme.borderStrong

    Accessible.role: Accessible.ToolBar
    Accessible.name: qsTr("Find on the canvas")

    // An edit may move the matches (a run's status changes do not: they are not edits).
    Connections {
        target: bar.document
        enabled: bar.visible
        function onPipelineChanged() { bar.matches = bar.outline.find(field.text) }
    }

    RowLayout {
        id: row
        x: 8
        y: 6
        spacing: 6

        TextField {
            id: field
            objectName: "findField"
            placeholderText: qsTr("Find step by id, name or command")
            Layout.preferredWidth: 260
            onTextEdited: bar.search()
            Keys.onPressed: event => {
                if (event.key === Qt.Key_Escape) {
                    bar.close()
                } else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_F3
                           || event.key === Qt.Key_Down) {
                    if (event.modifiers & Qt.ShiftModifier)
                        bar.previous()
                    else
                        bar.next()
                } else if (event.key === Qt.Key_Up) {
                    bar.previous()
                } else {
                    return
                }
                event.accepted = true
            }
        }
        Label {
            objectName: "findCount"
            text: field.text.trim() === "" ? ""
                : bar.matches.length === 0 ? qsTr("No match")
                : qsTr("%1 of %2").arg(bar.current + 1).arg(bar.matches.length)
            color: bar.matches.length === 0 && field.text.trim() !== "" ? Theme.handlerText : Theme.textMuted
            Layout.minimumWidth: 64
        }
        ToolButton {
            text: "↑"
            enabled: bar.matches.length > 0
            onClicked: bar.previous()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Previous match (Shift+Enter)")
            Accessible.name: qsTr("Previous match")
        }
        ToolButton {
            text: "↓"
            enabled: bar.matches.length > 0
            onClicked: bar.next()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Next match (Enter)")
            Accessible.name: qsTr("Next match")
        }
        ToolButton {
            text: "✕"
            onClicked: bar.close()
            Accessible.name: qsTr("Close find")
        }
    }
}
