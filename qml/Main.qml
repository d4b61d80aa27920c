import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Qt.labs.settings
import Pipewright

// The designer's main window: menus, palette | canvas | properties, and Problems / YAML /
// Logs / Timeline / Runs below. The selection lives here (selectedPath) and is shared by the
// canvas and the property panel. While a run is shown, they show the pipeline it ran
// (read-only) with each node's state, and its requests open as dialogs.
ApplicationWindow {
    id: window

    required property PipelineDocument document
    required property RunMonitor monitor
    readonly property PipelineDocument shownDocument: monitor.showingRun ? monitor.runDocument : document
    // The canvas on screen: the design's, or the shown run's.
    readonly property PipelineCanvas canvas: canvasArea.current
    property string selectedPath
    property string initialSelection // --select PATH: what the window starts with selected
    // --zoom: the design canvas's zoom at start (0: fit to the window); -1: as it was.
    property real initialZoom: -1
    onInitialZoomChanged: {
        if (initialZoom === 0)
            designCanvas.fitToWindow()
        else if (initialZoom > 0)
            designCanvas.setZoom(initialZoom)
    }
    // Cards are still being made (in the background, or after a zoom across the compact
    // threshold): a screenshot waits for them.
    readonly property bool settling: designCanvas.building || designCanvas.controller.remaking
                                     || (runCanvas.active && !runCanvas.ready)

    // Set once the user agreed to lose unsaved changes, so that close() goes through.
    property bool closeConfirmed: false
    // What to do after the unsaved-changes prompt or the Save As dialog succeeded.
    property var pendingContinuation: null
    property var pendingSave: null // what to do after a save the user confirmed despite errors

    readonly property bool hasSelection: selectedPath !== "" && selectedPath !== "pipeline"

    // "pipeline.stages[2].stage.steps[3].step" -> {list: "...steps", index: 3}
    function placeOf(path) {
        const match = /^(.*)\[(\d+)\]\.(stage|step|stepGroup|parallel)$/.exec(path)
        return match ? {list: match[1], index: Number(match[2])} : null
    }

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

    function openFile(pathOrUrl) {
        if (document.open(pathOrUrl))
            selectedPath = ""
        else
            showError(qsTr("Could not open the file"), document.lastError)
    }

    function newDocument() {
        confirmDiscard(() => {
            document.newDocument()
            selectedPath = ""
        })
    }

    function deleteSelection() {
        if (!hasSelection)
            return
        if (document.remove(selectedPath))
            selectedPath = ""
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
                selectedPath = pasted
                return
            }
        }
        showError(qsTr("Could not paste"), document.lastError)
    }

    function saveLayout() {
        layout.windowSplit = horizontalSplit.saveState()
        layout.bottomSplit = verticalSplit.saveState()
        layout.bottomTab = bottomTabs.currentIndex
    }

    width: 1400
    height: 860
    minimumWidth: 900
    minimumHeight: 560
    visible: true
    title: (monitor.waitingCount > 0 ? qsTr("(%n waiting) ", "", monitor.waitingCount) : "")
           + (document.displayName || (document.isUntitled ? qsTr("Untitled") : document.fileName))
           + (document.dirty ? "*" : "") + " — Pipewright"
    color: Theme.window
    font.pixelSize: Theme.fontSize

    // Fusion's controls take Theme's colours, light or dark as the desktop is.
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.panel
    palette.alternateBase: Theme.panelAlt
    palette.text: Theme.text
    palette.button: Theme.panelAlt
    palette.buttonText: Theme.text
    palette.mid: Theme.border
    palette.midlight: Theme.panelAlt
    palette.dark: Theme.borderStrong
    palette.light: Theme.panel
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.toolTipBase: Theme.toolTip
    palette.toolTipText: Theme.toolTipText
    palette.placeholderText: Theme.textFaint

    onClosing: close => {
        if (document.dirty && !closeConfirmed) {
            close.accepted = false
            confirmDiscard(() => {
                closeConfirmed = true
                window.close()
            })
            return
        }
        saveLayout()
        document.closeCleanly()
    }

    Component.onCompleted: {
        if (layout.windowSplit)
            horizontalSplit.restoreState(layout.windowSplit)
        if (layout.bottomSplit)
            verticalSplit.restoreState(layout.bottomSplit)
        bottomTabs.currentIndex = layout.bottomTab
        if (initialSelection !== "") {
            // An id (`--select deploy`) or a path as the Problems panel shows it.
            const byId = document.outline.pathOfNode(initialSelection)
            selectedPath = byId !== "" ? byId : initialSelection
        }
        if (document.recoveryAvailable)
            recoveryDialog.open()
        showYamlIfUnloaded()
    }

    // A file that does not load opens in the YAML editor, to be fixed there.
    function showYamlIfUnloaded() {
        if (!document.hasPipeline && document.editorText !== "")
            bottomTabs.currentIndex = 1
    }
    Connections {
        target: window.document
        function onLoaded() { window.showYamlIfUnloaded() }
    }

    Settings {
        id: geometry
        category: "MainWindow"
        property alias x: window.x
        property alias y: window.y
        property alias width: window.width
        property alias height: window.height
    }
    Settings {
        id: layout
        category: "MainWindowLayout"
        property var windowSplit
        property var bottomSplit
        property int bottomTab: 0
    }

    // Actions live outside the menus so that their shortcuts work with the menus closed.
    Action {
        id: newAction
        text: qsTr("&New")
        shortcut: StandardKey.New
        onTriggered: window.newDocument()
    }
    Action {
        id: openAction
        text: qsTr("&Open…")
        shortcut: StandardKey.Open
        onTriggered: window.confirmDiscard(() => openDialog.open())
    }
    Action {
        id: saveAction
        text: qsTr("&Save")
        shortcut: StandardKey.Save
        enabled: window.document.hasPipeline
        onTriggered: window.saveThen(null)
    }
    Action {
        id: saveAsAction
        text: qsTr("Save &As…")
        shortcut: "Ctrl+Shift+S"
        enabled: window.document.hasPipeline
        onTriggered: {
            window.pendingContinuation = null
            saveDialog.open()
        }
    }
    Action {
        id: quitAction
        text: qsTr("&Quit")
        shortcut: StandardKey.Quit
        onTriggered: window.close()
    }
    Action {
        id: undoAction
        text: window.document.canUndo && window.document.undoText
              ? qsTr("&Undo %1").arg(window.document.undoText) : qsTr("&Undo")
        shortcut: StandardKey.Undo
        enabled: window.document.canUndo
        onTriggered: window.document.undo()
    }
    Action {
        id: redoAction
        text: window.document.canRedo && window.document.redoText
              ? qsTr("&Redo %1").arg(window.document.redoText) : qsTr("&Redo")
        shortcut: "Ctrl+Shift+Z"
        enabled: window.document.canRedo
        onTriggered: window.document.redo()
    }
    Shortcut {
        sequence: "Ctrl+Y"
        enabled: window.document.canRedo
        onActivated: window.document.redo()
    }
    Action {
        id: copyAction
        text: qsTr("&Copy")
        shortcut: StandardKey.Copy
        enabled: window.hasSelection
        onTriggered: {
            if (!window.document.copy(window.selectedPath))
                window.showError(qsTr("Could not copy"), window.document.lastError)
        }
    }
    Action {
        id: pasteAction
        text: qsTr("&Paste")
        shortcut: StandardKey.Paste
        enabled: window.document.hasPipeline
        onTriggered: window.paste()
    }
    Action {
        id: deleteAction
        text: qsTr("&Delete")
        shortcut: StandardKey.Delete
        enabled: window.hasSelection
        onTriggered: window.deleteSelection()
    }
    Action {
        id: renameAction
        text: qsTr("Re&name")
        shortcut: "F2"
        enabled: window.document.hasPipeline
        onTriggered: propertyPanel.focusName()
    }
    Action {
        id: findAction
        text: qsTr("&Find…")
        shortcut: StandardKey.Find
        enabled: window.shownDocument.hasPipeline
        onTriggered: canvas.openFind()
    }
    Action {
        id: zoomInAction
        text: qsTr("Zoom &In")
        shortcut: "Ctrl++"
        onTriggered: canvas.zoomIn()
    }
    Shortcut {
        sequence: "Ctrl+="
        onActivated: canvas.zoomIn()
    }
    Action {
        id: zoomOutAction
        text: qsTr("Zoom &Out")
        shortcut: "Ctrl+-"
        onTriggered: canvas.zoomOut()
    }
    Action {
        id: fitAction
        text: qsTr("&Fit to Window")
        shortcut: "Ctrl+Shift+F"
        onTriggered: canvas.fitToWindow()
    }
    Action {
        id: resetZoomAction
        text: qsTr("&Actual Size")
        shortcut: "Ctrl+0"
        onTriggered: canvas.resetZoom()
    }

    RunActions {
        id: runActions
        monitor: window.monitor
        document: window.document
        showProblem: message => {
            bottomTabs.currentIndex = 0
            window.showError(qsTr("Not run"), message)
        }
        askInputs: () => inputsDialog.open()
    }

    menuBar: MenuBar {
        Menu {
            id: fileMenu
            objectName: "fileMenu"
            title: qsTr("&File")
            ShortcutMenuItem { action: newAction }
            ShortcutMenuItem { action: openAction }
            Menu {
                id: recentMenu
                title: qsTr("Open &Recent")
                enabled: window.document.recentFiles.length > 0

                Instantiator {
                    model: window.document.recentFiles
                    // The name, then its folder: two files of one name stay apart.
                    delegate: ShortcutMenuItem {
                        required property string modelData
                        objectName: "recentFile"
                        text: modelData.substring(modelData.lastIndexOf("/") + 1)
                        detail: modelData.substring(0, modelData.lastIndexOf("/"))
                        onTriggered: {
                            fileMenu.dismiss() // the whole File menu, not only the submenu
                            window.confirmDiscard(() => window.openFile(modelData))
                        }
                    }
                    onObjectAdded: (index, object) => recentMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => recentMenu.removeItem(object)
                }
            }
            MenuSeparator {}
            ShortcutMenuItem { action: saveAction }
            ShortcutMenuItem { action: saveAsAction }
            MenuSeparator {}
            ShortcutMenuItem { action: quitAction }
        }
        Menu {
            title: qsTr("&Edit")
            ShortcutMenuItem { action: undoAction }
            ShortcutMenuItem { action: redoAction }
            MenuSeparator {}
            ShortcutMenuItem { action: copyAction }
            ShortcutMenuItem { action: pasteAction }
            ShortcutMenuItem { action: deleteAction }
            MenuSeparator {}
            ShortcutMenuItem { action: renameAction }
            ShortcutMenuItem { action: findAction }
        }
        Menu {
            title: qsTr("&Run")
            ShortcutMenuItem { action: runActions.runAction }
            ShortcutMenuItem { action: runActions.abortAction }
            ShortcutMenuItem {
                objectName: "rehearseMenuItem"
                text: qsTr("Rehearse &Failure of the Selected Step…")
                enabled: window.document.hasPipeline && !window.monitor.live && !window.monitor.showingRun
                         && window.document.outline.nodeIdAt(window.selectedPath) !== ""
                         && (window.document.properties(window.selectedPath) ?? {}).kind === "step"
                onTriggered: rehearseDialog.openFor(window.document.outline.nodeIdAt(window.selectedPath))
            }
            MenuSeparator {}
            ShortcutMenuItem { action: runActions.rerunAction }
            ShortcutMenuItem { action: runActions.resumeAction }
            ShortcutMenuItem { action: runActions.reportAction }
            MenuSeparator {}
            ShortcutMenuItem { action: runActions.closeRunAction }
        }
        Menu {
            title: qsTr("&View")
            ShortcutMenuItem { action: zoomInAction }
            ShortcutMenuItem { action: zoomOutAction }
            ShortcutMenuItem { action: fitAction }
            ShortcutMenuItem { action: resetZoomAction }
        }
    }

    header: ColumnLayout {
        spacing: 0
        DocumentHeader {
            document: window.document
            runAction: runActions.runAction
            Layout.fillWidth: true
        }
        RunHeader {
            monitor: window.monitor
            actions: runActions
            Layout.fillWidth: true
        }
    }

    SplitView {
        id: verticalSplit
        objectName: "verticalSplit"
        anchors.fill: parent
        orientation: Qt.Vertical
        handle: SplitHandleBar {}

        SplitView {
            id: horizontalSplit
            SplitView.fillHeight: true
            orientation: Qt.Horizontal
            handle: SplitHandleBar {}

            // Nothing to add to a run: the canvas gets the room.
            StepPalette {
                visible: !window.shownDocument.readOnly
                SplitView.preferredWidth: 216
                SplitView.minimumWidth: 170
                SplitView.maximumWidth: 320
            }

            // Two canvases, the design's and the shown run's, rather than one switching
            // documents: switching a canvas's model re-creates its whole tree (and, in Qt 6.4,
            // the nested lists of the tree it drops, many times over: a minute for 1,000 steps),
            // while a second canvas is built once per run shown. The design keeps its zoom and
            // scroll for when the user comes back.
            Item {
                id: canvasArea
                SplitView.fillWidth: true
                SplitView.minimumWidth: 300
                readonly property PipelineCanvas current: runCanvas.item ? runCanvas.item : designCanvas

                PipelineCanvas {
                    id: designCanvas
                    objectName: "designCanvas"
                    anchors.fill: parent
                    document: window.document
                    visible: !window.monitor.showingRun
                }
                Loader {
                    id: runCanvas
                    anchors.fill: parent
                    active: window.monitor.showingRun
                    asynchronous: true
                    // Shown once whole: a canvas growing card by card moves every card after
                    // the new one, frame after frame.
                    readonly property bool ready: status === Loader.Ready && item !== null && !item.building
                    visible: ready
                    sourceComponent: PipelineCanvas {
                        document: window.monitor.runDocument
                        buildInBackground: true
                    }
                }
                BusyIndicator {
                    objectName: "runCanvasBusy"
                    anchors.centerIn: parent
                    running: window.monitor.showingRun && !runCanvas.ready
                }
            }

            ColumnLayout {
                spacing: 0
                SplitView.preferredWidth: 340
                SplitView.minimumWidth: 260
                SplitView.maximumWidth: 560

                RunDetails {
                    monitor: window.monitor
                    nodeId: window.monitor.showingRun && window.selectedPath !== ""
                            ? window.shownDocument.outline.nodeIdAt(window.selectedPath) : ""
                    Layout.fillWidth: true
                    onShowLogsRequested: bottomTabs.currentIndex = 2
                }

                PropertyPanel {
                    id: propertyPanel
                    objectName: "propertyPanel"
                    document: window.shownDocument
                    enabled: !window.shownDocument.readOnly
                    path: window.selectedPath
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    onSelectElement: (path, field) => {
                        window.selectedPath = path === "pipeline" ? "" : path
                        Qt.callLater(() => propertyPanel.focusField(field))
                    }
                    onRehearseRequested: stepId => rehearseDialog.openFor(stepId)
                }
            }
        }

        BottomTabs {
            id: bottomTabs
            objectName: "bottomTabs"
            // Room for a few lines of logs or problems without crowding the canvas.
            SplitView.preferredHeight: 140
            SplitView.minimumHeight: 84
            document: window.shownDocument
            monitor: window.monitor
            onNodeActivated: nodeId => {
                const path = window.shownDocument.outline.pathOfNode(nodeId)
                if (path !== "")
                    window.selectedPath = path
            }
            onProblemActivated: (path, field) => {
                window.selectedPath = path === "pipeline" ? "" : path
                propertyPanel.focusField(field)
            }
        }
    }

    // The canvas and the panel share one selection, whichever sets it; in a run, the Logs
    // tab follows the selected step.
    onCanvasChanged: canvas.selectedPath = selectedPath
    onSelectedPathChanged: {
        if (canvas.selectedPath !== selectedPath)
            canvas.selectedPath = selectedPath
        if (monitor.showingRun && selectedPath !== "")
            monitor.selectNode(shownDocument.outline.nodeIdAt(selectedPath))
    }
    Connections {
        target: window.monitor
        // Another pipeline on the canvas: the old selection means nothing there.
        function onShownRunChanged() {
            window.selectedPath = ""
            // A run: its timeline is what one watches (as Kestra's Gantt of an execution).
            if (window.monitor.showingRun && bottomTabs.currentIndex < 2)
                bottomTabs.currentIndex = 3
        }
        function onAttentionNeeded(nodeId) {
            window.alert(0) // the taskbar asks for attention until the window is active
            // The step that asks, on the canvas and in the Logs tab.
            const path = window.shownDocument.outline.pathOfNode(nodeId)
            if (window.monitor.showingRun && path !== "")
                window.selectedPath = path
        }
    }
    Connections {
        target: window.canvas
        function onSelectedPathChanged() {
            window.selectedPath = window.canvas.selectedPath
        }
        function onRenameRequested(path) {
            window.selectedPath = path
            propertyPanel.focusName()
        }
        function onStepMenuRequested(path, stepId) {
            if (window.monitor.showingRun)
                return // the run's canvas: nothing to edit or rehearse there
            stepMenu.stepId = stepId
            stepMenu.path = path
            stepMenu.popup()
        }
    }

    // A step's right-click menu on the design canvas.
    Menu {
        id: stepMenu
        objectName: "stepMenu"
        property string stepId
        property string path
        MenuItem {
            objectName: "rehearseStepItem"
            text: qsTr("Rehearse &Failure…")
            enabled: !window.monitor.live
            onTriggered: rehearseDialog.openFor(stepMenu.stepId)
        }
        MenuItem {
            text: qsTr("Re&name")
            onTriggered: {
                window.selectedPath = stepMenu.path
                propertyPanel.focusName()
            }
        }
        MenuItem {
            text: qsTr("&Delete")
            onTriggered: {
                window.selectedPath = stepMenu.path
                deleteAction.trigger()
            }
        }
    }

    FileDialog {
        id: openDialog
        objectName: "openDialog"
        title: qsTr("Open a pipeline")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("Pipelines (*.yaml *.yml *.json)"), qsTr("All files (*)")]
        onAccepted: window.openFile(selectedFile)
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
            if (window.document.saveAs(selectedFile))
                window.continuePending()
            else
                window.showError(qsTr("Could not save"), window.document.lastError)
        }
        onRejected: window.pendingContinuation = null
    }

    Dialog {
        id: unsavedDialog
        objectName: "unsavedDialog"
        title: qsTr("Save changes?")
        anchors.centerIn: Overlay.overlay
        modal: true
        standardButtons: Dialog.Save | Dialog.Discard | Dialog.Cancel
        DialogText {
            text: qsTr("%1 has unsaved changes. Save them first?").arg(window.document.displayName
                                                                       || qsTr("The pipeline"))
            maxWidth: 420
        }
        onAccepted: window.saveThen(() => window.continuePending())
        onDiscarded: {
            close()
            window.continuePending()
        }
        onRejected: window.pendingContinuation = null
    }

    InputsDialog {
        id: inputsDialog
        monitor: window.monitor
        document: window.document
    }

    RehearseDialog {
        id: rehearseDialog
        monitor: window.monitor
        document: window.document
    }

    InterventionStack {
        anchors.fill: parent
        monitor: window.monitor
    }

    NotificationArea {
        anchors.fill: parent
        monitor: window.monitor
    }

    RecoveryDialog {
        id: recoveryDialog
        objectName: "recoveryDialog"
        document: window.document
        onRestoreFailed: message => window.showError(qsTr("Could not restore"), message)
    }

    Dialog {
        id: saveWithErrorsDialog
        objectName: "saveWithErrorsDialog"
        title: qsTr("Save with errors?")
        anchors.centerIn: Overlay.overlay
        modal: true
        DialogText {
            text: qsTr("%1 has %n error(s): it will not run until they are fixed. Save it anyway?", "",
                       window.document.problems.errorCount)
                  .arg(window.document.displayName || qsTr("The pipeline"))
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
            const then = window.pendingSave
            window.pendingSave = null
            window.saveThen(then, true)
        }
        onRejected: {
            window.pendingSave = null
            window.pendingContinuation = null
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
