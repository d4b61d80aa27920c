import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import Pipewright

// The File menu's side of the window: New, Open, Save, Save As and Quit, with the questions
// they ask before losing or saving something (unsaved changes, a document with errors, a
// file name) and the box every failure is told in. It knows the document, not the window:
// `replaced` says another pipeline is on screen, and the window clears what it had selected.
Item {
    id: files

    required property PipelineDocument document
    // Quit: the window's close(), which asks about unsaved changes itself (onClosing).
    property var quit: function() {}

    signal replaced()

    // What to do after the unsaved-changes prompt or the Save As dialog succeeded.
    property var pendingContinuation: null
    property var pendingSave: null // what to do after a save the user confirmed despite errors

    function showError(title, message) {
        errorDialog.title = title
        errorDialog.message = message
        errorDialog.open()
    }

    // Runs `then` at once when nothing is unsaved, else after Save or Discard (not Cancel).
    function confirmDiscard(then) {
        if (!document.dirty) {
            then()
            return
        }
        pendingContinuation = then
        unsavedDialog.open()
    }

    // Saves, asking for a name when the document has none; `then` runs after a success. A
    // document with errors is saved only when the user says so, as a code editor asks about
    // a file that does not compile (`anyway` skips the question).
    function saveThen(then, anyway) {
        if (!anyway && document.problems.errorCount > 0) {
            pendingSave = then
            saveWithErrorsDialog.open()
            return
        }
        if (document.isUntitled) {
            pendingContinuation = then
            saveDialog.open()
            return
        }
        if (document.save()) {
            if (then)
                then()
        } else {
            showError(qsTr("Could not save"), document.lastError)
        }
    }

    function continuePending() {
        const then = pendingContinuation
        pendingContinuation = null
        if (then)
            then()
    }

    // Opens at once: the caller has asked about unsaved changes (Open Recent, a dropped file).
    function openFile(pathOrUrl) {
        if (document.open(pathOrUrl))
            replaced()
        else
            showError(qsTr("Could not open the file"), document.lastError)
    }

    function newDocument() {
        confirmDiscard(() => {
            document.newDocument()
            replaced()
        })
    }

    // Actions live outside the menus so that their shortcuts work with the menus closed.
    readonly property Action newAction: Action {
        text: qsTr("&New")
        shortcut: StandardKey.New
        onTriggered: files.newDocument()
    }
    readonly property Action openAction: Action {
        text: qsTr("&Open…")
        shortcut: StandardKey.Open
        onTriggered: files.confirmDiscard(() => openDialog.open())
    }
    readonly property Action saveAction: Action {
        text: qsTr("&Save")
        shortcut: StandardKey.Save
        enabled: files.document.hasPipeline
        onTriggered: files.saveThen(null)
    }
    readonly property Action saveAsAction: Action {
        text: qsTr("Save &As…")
        shortcut: "Ctrl+Shift+S"
        enabled: files.document.hasPipeline
        onTriggered: {
            files.pendingContinuation = null
            saveDialog.open()
        }
    }
    readonly property Action quitAction: Action {
        text: qsTr("&Quit")
        shortcut: StandardKey.Quit
        onTriggered: files.quit()
    }

    FileDialog {
        id: openDialog
        objectName: "openDialog"
        title: qsTr("Open a pipeline")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Pipelines (*.yaml *.yml *.json)"), qsTr("All files (*)")]
        onAccepted: files.openFile(selectedFile)
    }
    FileDialog {
        id: saveDialog
        objectName: "saveDialog"
        title: qsTr("Save the pipeline as")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save") // Qt 6.4's own dialog says "Open" in every mode
        defaultSuffix: "yaml"
        nameFilters: [qsTr("Pipelines (*.yaml *.yml)"), qsTr("All files (*)")]
        onAccepted: {
            if (files.document.saveAs(selectedFile))
                files.continuePending()
            else
                files.showError(qsTr("Could not save"), files.document.lastError)
        }
        onRejected: files.pendingContinuation = null
    }

    Dialog {
        id: unsavedDialog
        objectName: "unsavedDialog"
        title: qsTr("Save changes?")
        anchors.centerIn: Overlay.overlay
        modal: true
        standardButtons: Dialog.Save | Dialog.Discard | Dialog.Cancel
        DialogText {
            text: qsTr("%1 has unsaved changes. Save them first?").arg(files.document.displayName
                                                                       || qsTr("The pipeline"))
            maxWidth: 420
        }
        onAccepted: files.saveThen(() => files.continuePending())
        onDiscarded: {
            close()
            files.continuePending()
        }
        onRejected: files.pendingContinuation = null
    }

    Dialog {
        id: saveWithErrorsDialog
        objectName: "saveWithErrorsDialog"
        title: qsTr("Save with errors?")
        anchors.centerIn: Overlay.overlay
        modal: true
        DialogText {
            text: qsTr("%1 has %n error(s): it will not run until they are fixed. Save it anyway?", "",
                       files.document.problems.errorCount)
                  .arg(files.document.displayName || qsTr("The pipeline"))
            maxWidth: 420
        }
        footer: DialogButtonBox {
            Button {
                objectName: "saveAnyway"
                text: qsTr("Save Anyway")
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        onAccepted: {
            const then = files.pendingSave
            files.pendingSave = null
            files.saveThen(then, true)
        }
        onRejected: {
            files.pendingSave = null
            files.pendingContinuation = null
        }
    }

    Dialog {
        id: errorDialog
        objectName: "errorDialog"
        property string message
        anchors.centerIn: Overlay.overlay
        modal: true
        standardButtons: Dialog.Ok
        DialogText {
            text: errorDialog.message
            maxWidth: 460
        }
    }
}
