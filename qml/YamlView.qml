import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The YAML tab: the document as Save writes it, and an editor of it (as Harness's Pipeline
// Studio has visual and YAML views of one pipeline). A moment after typing stops, the text is
// read: problems are marked at their lines (hover for the message), and once it reads as a
// pipeline the document becomes it, as one undoable "Edit YAML", the canvas following. A file
// that did not load shows its own text here, to be fixed. A run's pipeline is read only.
Rectangle {
    id: view

    required property PipelineDocument document
    readonly property string text: yaml.text
    readonly property bool editable: !document.readOnly
    // The text's own problems, {line, column, message, error}, from the last reading.
    property var problems: []
    // The user's text differs from the document's: not taken yet (being typed, or it does
    // not read as a pipeline).
    property bool pending: false
    // Whether the last reading became the document.
    property bool lastTaken: true
    // The document is taking the editor's text: its change is this editor's own.
    property bool applying: false

    // Shows the document's text, unless the user's own is pending.
    function refresh() {
        if (!visible || pending)
            return
        const text = document.editorText ?? ""
        problems = document.textProblems()
        lastTaken = true
        if (yaml.text !== text) {
            const cursor = yaml.cursorPosition
            yaml.text = text
            yaml.cursorPosition = Math.min(cursor, yaml.length)
        }
    }
    function applyNow() {
        reading.stop()
        applying = true
        const answer = document.applyText(yaml.text)
        applying = false
        problems = answer.problems
        lastTaken = answer.taken
        // Taken, the document's text (as Save writes it) comes back once the user leaves the
        // editor; not taken, the user's text stays until it reads.
        pending = !answer.taken || yaml.activeFocus
        return answer.taken
    }

    color: Theme.panel
    onVisibleChanged: refresh()
    Component.onCompleted: refresh()

    Connections {
        target: view.document
        // Any other change (the canvas, the property panel, Undo) shows at once, even under
        // the cursor: the text on screen is always the document or the user's own typing.
        function onPipelineChanged() {
            if (view.applying)
                return
            view.pending = false
            view.refresh()
        }
        function onLoaded() {
            view.pending = false
            view.problems = []
            view.refresh()
        }
    }

    Timer {
        id: reading
        interval: 500
        onTriggered: view.applyNow()
    }

    YamlHighlighter {
        id: highlighter
        textDocument: yaml.textDocument
        problems: view.problems
        keyColor: Theme.accent
        commentColor: Theme.textFaint
        stringColor: Theme.dark ? "#7cc47f" : "#2e7d32"
        valueColor: Theme.dark ? "#c89be0" : "#8e44ad"
        errorColor: Theme.handlerText
        warningColor: Theme.dark ? "#e0a040" : "#b26a00"
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // What the editor is doing with the text, in one line.
        Label {
            objectName: "yamlStatus"
            visible: view.editable && text !== ""
            text: {
                const errors = view.problems.filter(problem => problem.error).length
                if (!view.document.hasPipeline)
                    return errors > 0 ? qsTr("This file does not load: fix the marked lines and the canvas appears.")
                                      : qsTr("Not a pipeline yet.")
                if (!view.lastTaken && view.pending)
                    return qsTr("%1 error(s): not applied; the canvas shows the last text that read.").arg(errors)
                if (view.problems.length > 0)
                    return qsTr("%1 problem(s) in this text (see the Problems tab).").arg(view.problems.length)
                return reading.running ? qsTr("Reading…") : ""
            }
            color: Theme.handlerText
            font.pixelSize: Theme.smallFontSize
            leftPadding: 14
            topPadding: 4
            bottomPadding: 4
            Layout.fillWidth: true
        }

        ScrollView {
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true

            TextArea {
                id: yaml
                objectName: "yamlText"
                readOnly: !view.editable
                selectByMouse: true
                persistentSelection: true
                wrapMode: TextEdit.NoWrap
                textFormat: TextEdit.PlainText
                font.family: Theme.monoFamily
                font.pixelSize: Theme.fontSize
                color: Theme.text
                leftPadding: 14
                topPadding: 8
                placeholderText: qsTr("No pipeline")
                Accessible.name: qsTr("YAML of the pipeline")
                Accessible.role: Accessible.EditableText
                background: null

                onTextChanged: {
                    if (!activeFocus || readOnly)
                        return
                    view.pending = true
                    reading.restart()
                }
                onActiveFocusChanged: {
                    if (activeFocus || !view.pending)
                        return
                    // Left with text that reads: show it as Save will write it.
                    if (view.applyNow())
                        view.refresh()
                }
                Keys.onPressed: event => {
                    // Tab indents with spaces: YAML refuses tab characters.
                    if (event.key === Qt.Key_Tab && !readOnly) {
                        yaml.insert(yaml.cursorPosition, "  ")
                        event.accepted = true
                    }
                }

                // The problems of the line under the pointer.
                HoverHandler {
                    id: hover
                    onPointChanged: {
                        if (view.problems.length === 0) {
                            yaml.ToolTip.hide()
                            return
                        }
                        const messages = highlighter.messagesAtPosition(
                                             yaml.positionAt(hover.point.position.x, hover.point.position.y))
                        if (messages !== "")
                            yaml.ToolTip.show(messages)
                        else
                            yaml.ToolTip.hide()
                    }
                }
            }
        }
    }
}
