import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
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
    // What the palette and the property panel show. They change with the canvases, a moment
    // after the rest of the window takes in a run (see canvasArea), and show the design until
    // then, as the canvas does: the panel disabling all its fields and re-making its lists for
    // the run's document was a third of the work of showing a run, and with the frame after it
    // one stretch of 40-60 ms under load.
    readonly property PipelineDocument panelsDocument: canvasArea.runCanvasWanted ? monitor.runDocument : document
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
                                     || (window.monitor.showingRun && !runCanvas.ready)

    // Set once the user agreed to lose unsaved changes, so that close() goes through.
    property bool closeConfirmed: false

    // The File menu's side (New, Open, Save and their questions) and the Edit menu's actions.
    readonly property FileActions files: fileActions
    readonly property EditActions editing: editActions

    function showError(title, message) {
        fileActions.showError(title, message)
    }

    function saveLayout() {
        geometry.x = window.x
        geometry.y = window.y
        geometry.width = window.width
        geometry.height = window.height
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
            fileActions.confirmDiscard(() => {
                closeConfirmed = true
                window.close()
            })
            return
        }
        saveLayout()
        document.closeCleanly()
    }

    Component.onCompleted: {
        if (geometry.width > 0 && geometry.height > 0) {
            window.x = geometry.x
            window.y = geometry.y
            window.width = geometry.width
            window.height = geometry.height
        }
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

    // The window's place and size, restored at start and saved on close (saveLayout), not as
    // the window moves: each save of a Settings is an fsync on the GUI thread (QSaveFile), and
    // on a slow disk that froze the window for 0.6 s half a second after every resize.
    Settings {
        id: geometry
        category: "MainWindow"
        property int x
        property int y
        property int width
        property int height
    }
    Settings {
        id: layout
        category: "MainWindowLayout"
        property var windowSplit
        property var bottomSplit
        property int bottomTab: 0
    }

    FileActions {
        id: fileActions
        document: window.document
        quit: () => window.close()
        onReplaced: window.selectedPath = ""
    }
    EditActions {
        id: editActions
        document: window.document
        selectedPath: window.selectedPath
        showError: (title, message) => window.showError(title, message)
        onSelect: path => window.selectedPath = path
        onRenameRequested: propertyPanel.focusName()
    }
    CanvasActions {
        id: canvasActions
        canvas: window.canvas
        canFind: window.shownDocument.hasPipeline
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

    menuBar: MainMenuBar {
        files: fileActions
        editing: editActions
        canvasActions: canvasActions
        runActions: runActions
        monitor: window.monitor
        selectedPath: window.selectedPath
        onRehearseRequested: stepId => rehearseDialog.openFor(stepId)
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
                visible: !window.panelsDocument.readOnly
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

                // The canvases change places a moment after a run is shown, in an event and a
                // frame of their own: hiding the design's 1,000 cards and starting the run's
                // canvas, on top of the rest of the window taking in the run, made one 40-55 ms
                // stretch of work on the slow machine. Back to the design, at once.
                property bool runCanvasWanted: false
                readonly property bool showingRun: window.monitor.showingRun
                onShowingRunChanged: {
                    if (showingRun) {
                        swapCanvases.restart()
                    } else {
                        swapCanvases.stop()
                        runCanvasWanted = false
                    }
                }
                Timer {
                    id: swapCanvases
                    interval: 30
                    onTriggered: canvasArea.runCanvasWanted = canvasArea.showingRun
                }

                PipelineCanvas {
                    id: designCanvas
                    objectName: "designCanvas"
                    anchors.fill: parent
                    document: window.document
                    visible: !canvasArea.runCanvasWanted
                }
                // Nothing to edit while a run is shown, in the moment before the swap (a
                // cover, not `enabled`: that too walks all 1,000 cards).
                MouseArea {
                    anchors.fill: parent
                    z: 1
                    visible: canvasArea.showingRun && !canvasArea.runCanvasWanted
                    acceptedButtons: Qt.AllButtons
                    hoverEnabled: true
                    onWheel: wheel => wheel.accepted = true
                }
                Loader {
                    id: runCanvas
                    anchors.fill: parent
                    active: canvasArea.runCanvasWanted
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
                    running: canvasArea.runCanvasWanted && !runCanvas.ready
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
                    document: window.panelsDocument
                    enabled: !window.panelsDocument.readOnly
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
                editActions.deleteAction.trigger()
            }
        }
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


}
