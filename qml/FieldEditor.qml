import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// One labelled text field of the selection. Commits on editingFinished (never per key), so
// one edit is one undo step; a refused value stays in the field with the document's reason
// under it until it is corrected or the document changes the value.
ColumnLayout {
    id: editor

    property PipelineDocument document
    property string path
    property string field // dotted YAML name, also what PropertyPanel.focusField() looks for
    property string label
    property string accessibleName: label
    property string value
    property string placeholder
    property string hint
    property bool multiline: false
    property bool monospace: false
    // function(text) -> true, false (refused: document.lastError says why) or a message of
    // its own; default: document.setField(path, field, text)
    property var commitHandler: null
    property string errorText

    readonly property Item input: multiline ? area : line
    // What was typed here and refused, kept by the document until fixed: {text, error}.
    readonly property var rejected: document && path !== "" && field !== ""
                                    ? readRejected(document.revision, path) : ({})

    // Changes only when the refused value itself does (not on every edit elsewhere).
    readonly property string rejectedKey: JSON.stringify(rejected)

    function readRejected(revision, elementPath) {
        return document.rejectedField(elementPath, field)
    }

    function commit(text) {
        if (text === value) {
            errorText = ""
            if (rejected.text !== undefined)
                document.discardRejected(path, field) // typed back to what the document has
            return
        }
        const ok = commitHandler ? commitHandler(text)
                                 : document.setField(path, field, text)
        if (typeof ok === "string")
            errorText = ok
        else
            errorText = ok ? "" : (document.lastError || qsTr("The value was refused"))
    }

    // Ctrl+Z / Ctrl+Shift+Z in a field with nothing typed since its last commit undo and
    // redo the document (a text field would otherwise swallow them and do nothing); with
    // typing pending they undo the typing, as in any text field.
    function documentUndoKey(event, text) {
        if (!document)
            return
        // A refused value on show: Ctrl+Z takes it back.
        if (rejected.text !== undefined && text === rejected.text && event.matches(StandardKey.Undo)) {
            document.discardRejected(path, field)
            event.accepted = true
            return
        }
        if (text !== value)
            return
        if (event.matches(StandardKey.Undo) && document.canUndo) {
            document.undo()
            event.accepted = true
        } else if (event.matches(StandardKey.Redo) && document.canRedo) {
            document.redo()
            event.accepted = true
        }
    }

    function focusInput() {
        input.forceActiveFocus(Qt.TabFocusReason)
        if (!multiline)
            line.selectAll()
    }

    // Shows `value` (or what was typed and refused) from its start (a long command or URL
    // reads from the left).
    function reset() {
        const shown = rejected.text !== undefined ? rejected.text : value
        line.text = shown
        line.cursorPosition = 0
        area.text = shown
        area.cursorPosition = 0
        errorText = rejected.error !== undefined ? rejected.error : ""
    }

    onValueChanged: reset()
    onRejectedKeyChanged: reset()
    Component.onCompleted: reset()
    onPathChanged: reset()

    spacing: 3
    Layout.fillWidth: true

    Label {
        text: editor.label
        color: Theme.textMuted
        font.pixelSize: Theme.smallFontSize
        visible: text !== ""
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    TextField {
        id: line
        visible: !editor.multiline
        text: editor.value
        placeholderText: editor.placeholder
        font.family: editor.monospace ? Theme.monoFamily : Qt.application.font.family
        selectByMouse: true
        Layout.fillWidth: true
        Accessible.name: editor.accessibleName
        Accessible.description: editor.errorText || editor.hint
        onEditingFinished: if (visible) editor.commit(text)
        Keys.onPressed: event => editor.documentUndoKey(event, text)
    }

    ScrollView {
        visible: editor.multiline
        // The layout gives the width; a fixed implicit width keeps a wrapping TextArea from
        // feeding its own width back into it.
        implicitWidth: 120
        Layout.fillWidth: true
        // Inside a ScrollView the TextArea draws no frame of its own.
        background: Rectangle {
            color: Theme.panel
            radius: 2
            border.color: area.activeFocus ? Theme.accent : Theme.borderStrong
        }
        Layout.preferredHeight: Math.min(Math.max(area.implicitHeight, 64), 200)

        TextArea {
            id: area
            text: editor.value
            placeholderText: editor.placeholder
            font.family: editor.monospace ? Theme.monoFamily : Qt.application.font.family
            wrapMode: editor.monospace ? TextEdit.NoWrap : TextEdit.Wrap
            selectByMouse: true
            Accessible.name: editor.accessibleName
            Accessible.description: editor.errorText || editor.hint
            // Tab moves on to the next field; a tab character is rarely wanted here.
            Keys.onTabPressed: event => { nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason) }
            Keys.onBacktabPressed: event => { nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason) }
            onEditingFinished: if (editor.multiline) editor.commit(text)
            Keys.onPressed: event => editor.documentUndoKey(event, text)
        }
    }

    Label {
        text: editor.hint
        visible: text !== "" && editor.errorText === ""
        color: Theme.textFaint
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    ErrorText {
        text: editor.errorText
    }
}
