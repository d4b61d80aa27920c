import QtQuick
import QtQuick.Controls
import Pipewright

// The Edit menu's actions on the design: undo and redo, and copy, paste, delete and rename of
// the selected element. The selection is the window's: it comes in as `selectedPath`, and a
// paste or a delete asks for a new one with `select`.
QtObject {
    id: editing

    required property PipelineDocument document
    property string selectedPath
    readonly property bool hasSelection: selectedPath !== "" && selectedPath !== "pipeline"
    // Called with a title and a message when an edit cannot be done.
    property var showError: function(title, message) {}

    signal select(string path)
    signal renameRequested()

    // "pipeline.stages[2].stage.steps[3].step" -> {list: "...steps", index: 3}
    function placeOf(path) {
        const match = /^(.*)\[(\d+)\]\.(stage|step|stepGroup|parallel)$/.exec(path)
        return match ? {list: match[1], index: Number(match[2])} : null
    }

    function deleteSelection() {
        if (!hasSelection)
            return
        if (document.remove(selectedPath))
            select("")
        else
            showError(qsTr("Could not delete"), document.lastError)
    }

    // Pastes after the selected element in its list; on a selected stage or group, also
    // tries the end of its steps; with nothing selected, the end of the stages.
    function paste() {
        const attempts = []
        const place = placeOf(selectedPath)
        if (place)
            attempts.push([place.list, place.index + 1])
        if (/\.(stage|stepGroup)$/.test(selectedPath))
            attempts.push([selectedPath + ".steps", -1])
        if (/\.parallel$/.test(selectedPath))
            attempts.push([selectedPath, -1])
        if (!hasSelection)
            attempts.push(["pipeline.stages", -1])
        for (const [list, index] of attempts) {
            const pasted = document.paste(list, index)
            if (pasted !== "") {
                select(pasted)
                return
            }
        }
        showError(qsTr("Could not paste"), document.lastError)
    }

    readonly property Action undoAction: Action {
        text: editing.document.canUndo && editing.document.undoText
              ? qsTr("&Undo %1").arg(editing.document.undoText) : qsTr("&Undo")
        shortcut: StandardKey.Undo
        enabled: editing.document.canUndo
        onTriggered: editing.document.undo()
    }
    readonly property Action redoAction: Action {
        text: editing.document.canRedo && editing.document.redoText
              ? qsTr("&Redo %1").arg(editing.document.redoText) : qsTr("&Redo")
        shortcut: "Ctrl+Shift+Z"
        enabled: editing.document.canRedo
        onTriggered: editing.document.redo()
    }
    // Redo's other usual key, without a second menu entry.
    readonly property Shortcut redoShortcut: Shortcut {
        sequence: "Ctrl+Y"
        enabled: editing.document.canRedo
        onActivated: editing.document.redo()
    }
    readonly property Action copyAction: Action {
        text: qsTr("&Copy")
        shortcut: StandardKey.Copy
        enabled: editing.hasSelection
        onTriggered: {
            if (!editing.document.copy(editing.selectedPath))
                editing.showError(qsTr("Could not copy"), editing.document.lastError)
        }
    }
    readonly property Action pasteAction: Action {
        text: qsTr("&Paste")
        shortcut: StandardKey.Paste
        enabled: editing.document.hasPipeline
        onTriggered: editing.paste()
    }
    readonly property Action deleteAction: Action {
        text: qsTr("&Delete")
        shortcut: StandardKey.Delete
        enabled: editing.hasSelection
        onTriggered: editing.deleteSelection()
    }
    readonly property Action renameAction: Action {
        text: qsTr("Re&name")
        shortcut: "F2"
        enabled: editing.document.hasPipeline
        onTriggered: editing.renameRequested()
    }
}
