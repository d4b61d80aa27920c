import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// The pipeline drawn left to right: a column per stage, parallel stages side by side in a
// frame, the pipeline's error handler last. Each level of the outline is one DelegateModel
// over the same PipelineOutline, rooted at its parent's index. Palette entries and elements
// are dropped into DropZones (one per list); the CanvasController holds the selection and
// the drop in flight. Pans by dragging the background or scrolling, zooms with Ctrl+wheel
// (around the pointer), Ctrl+plus/minus/0 while focused, and the controls in the corner.
Rectangle {
    id: canvas

    required property PipelineDocument document
    readonly property PipelineOutline outline: document ? document.outline : null
    // The pipeline's error handler lane is always a row of the outline; stages make it
    // a pipeline worth drawing.
    readonly property bool hasStages: outline !== null && outline.stageCount > 0
    // The selected element's path; set it to select (and scroll to) an element.
    property alias selectedPath: canvasController.selectedPath
    readonly property CanvasController controller: canvasController

    readonly property real minimumZoom: 0.1
    readonly property real maximumZoom: 2
    property real zoom: 1
    // See CanvasController.buildInBackground.
    property bool buildInBackground: false
    // Made in the background, the canvas is building until its culler has placed the cards
    // (once the outline's delegates are all there), and those cards are made.
    readonly property bool building: canvasController.loadsPending > 0
                                     || (buildInBackground && !viewportCuller.placed)
    // Set a moment after the canvas first has no card left to make (see the culler's
    // margin): not in the frame that shows it, which has enough to do.
    property bool shownOnce: false
    onBuildingChanged: if (!building && !shownOnce) widenLater.start()
    Timer {
        id: widenLater
        interval: 250
        onTriggered: canvas.shownOnce = true
    }

    signal renameRequested(string path)
    signal stepMenuRequested(string path, string stepId)

    function setZoom(value) {
        zoomAround(value, view.width / 2, view.height / 2)
    }

    // Zooms keeping the scene point under (x, y) of the view where it is.
    function zoomAround(value, x, y) {
        const next = Math.min(maximumZoom, Math.max(minimumZoom, value))
        const sceneX = (view.contentX + x) / zoom
        const sceneY = (view.contentY + y) / zoom
        zoom = next
        view.contentX = Math.max(0, Math.min(view.contentWidth - view.width, sceneX * next - x))
        view.contentY = Math.max(0, Math.min(view.contentHeight - view.height, sceneY * next - y))
    }

    function zoomIn() { setZoom(zoom * 1.2) }
    function zoomOut() { setZoom(zoom / 1.2) }
    // Actual size from the start of the pipeline: zooming around the middle of a pipeline
    // zoomed out left the first stage cut off at the edge.
    function resetZoom() {
        zoom = 1
        view.contentX = 0
        view.contentY = 0
    }

    // Shows the whole pipeline, but never enlarges it past its natural size.
    function fitToWindow() {
        zoom = Math.max(minimumZoom, Math.min(1, view.width / sceneItem.width, view.height / sceneItem.height))
        view.contentX = 0
        view.contentY = 0
    }

    // Ctrl+F: the find bar.
    function openFind() { findBar.open() }

    // Scrolls so that the element at `path` is in the middle of the view (as far as the
    // scene allows).
    function centreOn(path) {
        const item = canvasController.itemAt(path)
        if (!item)
            return
        const r = item.mapToItem(view.contentItem, 0, 0, item.width, item.height)
        view.contentX = Math.max(0, Math.min(r.x + r.width / 2 - view.width / 2, view.contentWidth - view.width))
        view.contentY = Math.max(0, Math.min(r.y + Math.min(r.height, view.height) / 2 - view.height / 2,
                                             view.contentHeight - view.height))
    }

    // Scrolls as little as possible to show the item, its top left corner first.
    function reveal(item) {
        const r = item.mapToItem(view.contentItem, 0, 0, item.width, item.height)
        const margin = 16
        let x = view.contentX
        let y = view.contentY
        if (r.x + r.width > x + view.width - margin)
            x = r.x + r.width - view.width + margin
        if (r.x < x + margin)
            x = r.x - margin
        if (r.y + r.height > y + view.height - margin)
            y = r.y + r.height - view.height + margin
        if (r.y < y + margin)
            y = r.y - margin
        view.contentX = Math.max(0, Math.min(x, view.contentWidth - view.width))
        view.contentY = Math.max(0, Math.min(y, view.contentHeight - view.height))
    }

    color: Theme.canvas
    clip: true
    activeFocusOnTab: true

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Pipeline canvas")

    Component.onDestruction: canvasController.alive = false
    // Rows an edit inserts make their cards at once (see CanvasController.insertingRows);
    // the flag drops after the event (the canvas may be gone by then).
    Connections {
        target: canvas.outline
        function onRowsAboutToBeInserted() { canvasController.insertingRows = true }
        function onRowsInserted() {
            Qt.callLater(() => {
                if (canvasController)
                    canvasController.insertingRows = false
            })
        }
    }

    Keys.onPressed: event => {
        if (event.modifiers & Qt.ControlModifier) {
            if (event.key === Qt.Key_F)
                canvas.openFind()
            else if (event.key === Qt.Key_Plus || event.key === Qt.Key_Equal)
                canvas.zoomIn()
            else if (event.key === Qt.Key_Minus)
                canvas.zoomOut()
            else if (event.key === Qt.Key_0)
                canvas.resetZoom()
            else
                return
            event.accepted = true
            return
        }
        switch (event.key) {
        case Qt.Key_Up:
        case Qt.Key_Down:
        case Qt.Key_Left:
        case Qt.Key_Right:
            canvasController.navigate(event.key)
            break
        case Qt.Key_Return:
        case Qt.Key_Enter:
        case Qt.Key_F2:
            if (canvasController.selectedPath !== "")
                canvas.renameRequested(canvasController.selectedPath)
            break
        case Qt.Key_Escape:
            canvasController.selectedPath = ""
            break
        default:
            return
        }
        event.accepted = true
    }

    CanvasController {
        id: canvasController
        document: canvas.document
        buildInBackground: canvas.buildInBackground
        scene: sceneItem
        proxy: dragProxy
        culler: viewportCuller
        zoom: canvas.zoom
        onRenameRequested: path => canvas.renameRequested(path)
        onStepMenuRequested: (path, stepId) => canvas.stepMenuRequested(path, stepId)
        onFocusRequested: canvas.forceActiveFocus()
        onRevealRequested: item => canvas.reveal(item)
    }

    ViewportCuller {
        id: viewportCuller
        objectName: "viewportCuller"
        scene: sceneItem
        compact: canvasController.compact
        // A canvas built in the background (a run's) shows once the cards in view are made;
        // those around the view come after that, in the background too.
        margin: canvasController.buildInBackground && !canvas.shownOnce ? 0 : 0.5
        waitForScene: canvasController.buildInBackground
        // Put away (the design while a run is shown): decided again when shown.
        paused: !canvas.visible && !canvasController.buildInBackground
        sceneLoading: canvasController.loadsPending > 0
        viewport: Qt.rect(view.contentX / canvas.zoom, view.contentY / canvas.zoom,
                          view.width / canvas.zoom, view.height / canvas.zoom)
    }

    Image {
        anchors.fill: parent
        source: Theme.icon("grid-dot")
        sourceSize.width: 20
        sourceSize.height: 20
        fillMode: Image.Tile
        opacity: Theme.dark ? 0.25 : 1 // light dots, quieter on a dark canvas
    }

    // A step dragged over the background (between columns, over a header) lands nowhere,
    // but empty lanes stay open as drop slots while it is on the canvas.
    DropArea {
        anchors.fill: parent
        keys: ["pw-node"]
        onEntered: canvasController.laneDragOverBackground = true
        onExited: canvasController.laneDragOverBackground = false
        onDropped: canvasController.laneDragOverBackground = false
    }

    // Stages land between the columns (or, dropped on a column's middle, beside it); lanes
    // refuse them, so a stage dragged over a column ends up here.
    DropZone {
        id: stageZone
        anchors.fill: parent
        controller: canvasController
        listPath: "pipeline.stages"
        container: stages
        horizontal: true
        besideMode: "middle"
        keys: ["pw-stage"]
    }

    Flickable {
        id: view
        objectName: "canvasView"
        anchors.fill: parent
        contentWidth: sceneItem.width * canvas.zoom
        contentHeight: sceneItem.height * canvas.zoom
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.horizontal: ScrollBar {}
        ScrollBar.vertical: ScrollBar {}

        // The background: a click clears the selection, a drag pans (the Flickable steals
        // it), Ctrl+wheel zooms around the pointer.
        MouseArea {
            width: Math.max(view.width, view.contentWidth)
            height: Math.max(view.height, view.contentHeight)
            onPressed: canvas.forceActiveFocus()
            onClicked: canvasController.selectedPath = ""

            WheelHandler {
                target: null
                acceptedModifiers: Qt.ControlModifier
                onWheel: event => canvas.zoomAround(
                             canvas.zoom * (event.angleDelta.y > 0 ? 1.1 : 1 / 1.1),
                             point.position.x - view.contentX, point.position.y - view.contentY)
            }
        }

        Item {
            id: sceneItem
            width: stages.implicitWidth + 2 * Theme.canvasMargin
            height: stages.implicitHeight + 2 * Theme.canvasMargin
            scale: canvas.zoom
            transformOrigin: Item.TopLeft

            RowLayout {
                id: stages
                x: Theme.canvasMargin
                y: Theme.canvasMargin
                // A layout outside a layout takes its implicit size only once; keep following it.
                width: implicitWidth
                height: implicitHeight
                spacing: 36 // room for the arrow between stages

                Repeater {
                    model: DelegateModel {
                        id: topLevel
                        model: canvas.outline
                        delegate: NodeDelegate {
                            id: slot
                            controller: canvasController
                            outline: canvas.outline
                            nodeIndex: topLevel.modelIndex(index)
                            // An empty pipeline error handler is only a drop target: not
                            // before there is a stage, and without an arrow leading to it.
                            readonly property bool quietLane: kind === "lane"
                                                              && !!item && item.compact
                            visible: !quietLane || canvas.hasStages
                            // Stages share one height so that their lanes line up; the
                            // pipeline's error handler only needs its own.
                            Layout.fillHeight: kind !== "lane"
                            Layout.alignment: Qt.AlignTop

                            StageConnector {
                                x: -width
                                visible: slot.index > 0 && !slot.quietLane
                            }
                            Component.onCompleted: if (kind === "lane") canvas.handlerLane = slot
                            Component.onDestruction: if (canvas.handlerLane === slot) canvas.handlerLane = null
                        }
                    }
                }
            }

            DropIndicator {
                objectName: "dropIndicator"
                hover: canvasController.hover
            }
        }
    }

    // Something dragged to an edge of the canvas scrolls it that way (nothing lands there).
    component ScrollEdge: DropArea {
        id: edge
        required property Timer timer
        property real stepX: 0
        property real stepY: 0
        keys: ["pw-node", "pw-stage"]
        onEntered: {
            edge.timer.stepX = edge.stepX
            edge.timer.stepY = edge.stepY
            edge.timer.start()
        }
        onExited: edge.timer.stop()
        onDropped: edge.timer.stop()
    }
    Timer {
        id: autoScroll
        property real stepX: 0
        property real stepY: 0
        interval: 16
        repeat: true
        onTriggered: {
            view.contentX = Math.max(0, Math.min(view.contentWidth - view.width, view.contentX + stepX))
            view.contentY = Math.max(0, Math.min(view.contentHeight - view.height, view.contentY + stepY))
        }
    }
    ScrollEdge { timer: autoScroll; x: 0; width: 20; height: parent.height; stepX: -14 }
    ScrollEdge { timer: autoScroll; x: parent.width - 20; width: 20; height: parent.height; stepX: 14 }
    ScrollEdge { timer: autoScroll; y: 0; width: parent.width; height: 20; stepY: -14 }
    ScrollEdge { timer: autoScroll; y: parent.height - 20; width: parent.width; height: 20; stepY: 14 }

    // Where the pipeline's error handler lane is against the view: its chip shows the way
    // while it is out of sight.
    property Item handlerLane: null
    readonly property rect handlerLaneInView: handlerLane
        ? Qt.rect((stages.x + handlerLane.x) * zoom - view.contentX, (stages.y + handlerLane.y) * zoom - view.contentY,
                  handlerLane.width * zoom, handlerLane.height * zoom)
        : Qt.rect(0, 0, 0, 0)
    OffscreenLaneChip {
        objectName: "handlerLaneChip"
        readonly property real slack: 24 // a lane showing less than this is as good as hidden
        readonly property rect lane: canvas.handlerLaneInView
        // Which way the lane is out of view; "" while enough of it shows.
        readonly property string away: lane.x > view.width - slack ? "right"
                                      : lane.x + lane.width < slack ? "left"
                                      : lane.y > view.height - slack ? "down"
                                      : lane.y + lane.height < slack ? "up" : ""
        direction: away
        visible: canvas.hasStages && canvas.handlerLane !== null && canvas.handlerLane.visible && away !== ""
        empty: canvas.handlerLane !== null && !!canvas.handlerLane.item && canvas.handlerLane.item.compact === true
        anchors.right: zoomControls.right
        anchors.bottom: zoomControls.top
        anchors.bottomMargin: 8
        onClicked: canvas.reveal(canvas.handlerLane)
    }

    ZoomControls {
        id: zoomControls
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 14
        visible: canvas.hasStages
        zoom: canvas.zoom
        onZoomRequested: value => canvas.setZoom(value)
        onFitRequested: canvas.fitToWindow()
    }

    Minimap {
        objectName: "minimap"
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: 24 // clear of the edges that scroll while dragging
        scene: sceneItem
        columns: stages
        view: view
        zoom: canvas.zoom
    }

    FindBar {
        id: findBar
        objectName: "findBar"
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: 10
        document: canvas.document
        onMatchChosen: path => {
            canvasController.selectedPath = path
            canvas.centreOn(path)
        }
        onClosed: canvas.forceActiveFocus()
    }

    EmptyCanvasHint {
        anchors.centerIn: parent
        visible: !canvas.hasStages
        untitled: canvas.document ? canvas.document.isUntitled : true
        hasPipeline: canvas.document ? canvas.document.hasPipeline : false
        targeted: canvasController.hover !== null && canvasController.hover.zone === stageZone
        refused: targeted && !canvasController.hover.allowed
    }

    DragProxy {
        id: dragProxy
    }
}
