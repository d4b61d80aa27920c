import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import Pipewright

// The pipeline drawn left to right: a column per stage, parallel stages side by side in a
// frame, the pipeline's error handler last. Each level of the outline is one DelegateModel
// over the same PipelineOutline, rooted at its parent's index. Pans by dragging or scrolling,
// zooms with Ctrl+wheel, Ctrl+plus/minus/0 and the controls in the corner.
Rectangle {
    id: canvas

    required property PipelineDocument document
    readonly property PipelineOutline outline: document.outline

    readonly property real minimumZoom: 0.3
    readonly property real maximumZoom: 2
    property real zoom: 1

    function setZoom(value) {
        zoom = Math.min(maximumZoom, Math.max(minimumZoom, value))
    }

    // Shows the whole pipeline, but never enlarges it past its natural size.
    function fitToView() {
        setZoom(Math.min(1, view.width / scene.width, view.height / scene.height))
        view.contentX = 0
        view.contentY = 0
    }

    color: Theme.canvas
    clip: true

    Image {
        anchors.fill: parent
        source: Theme.icon("grid-dot")
        sourceSize.width: 20
        sourceSize.height: 20
        fillMode: Image.Tile
    }

    Flickable {
        id: view
        anchors.fill: parent
        contentWidth: scene.width * canvas.zoom
        contentHeight: scene.height * canvas.zoom
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.horizontal: ScrollBar {}
        ScrollBar.vertical: ScrollBar {}

        WheelHandler {
            target: null
            acceptedModifiers: Qt.ControlModifier
            onWheel: event => canvas.setZoom(canvas.zoom * (event.angleDelta.y > 0 ? 1.1 : 1 / 1.1))
        }

        Item {
            id: scene
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
                        // The Loader is the delegate itself: a Loader nested inside the
                        // delegate did not pass its late implicit height up to the row.
                        delegate: Loader {
                            id: slot

                            required property int index
                            required property string kind
                            required property string nodeId
                            required property string name
                            required property string description
                            required property var badges
                            readonly property PipelineOutline outline: canvas.outline
                            readonly property var itemIndex: topLevel.modelIndex(index)

                            // Stages share one height so that their lanes line up; the
                            // pipeline's error handler only needs its own.
                            Layout.fillHeight: kind !== "lane"
                            Layout.alignment: Qt.AlignTop

                            StageConnector {
                                x: -width
                                visible: slot.index > 0
                            }

                            Component.onCompleted: {
                                if (slot.kind === "stage") {
                                    slot.setSource(Qt.resolvedUrl("StageColumn.qml"), {
                                        outline: slot.outline,
                                        stageIndex: slot.itemIndex,
                                        name: slot.name,
                                        nodeId: slot.nodeId,
                                        description: slot.description,
                                        badges: slot.badges
                                    })
                                } else if (slot.kind === "parallelStages") {
                                    slot.setSource(Qt.resolvedUrl("ParallelStagesFrame.qml"), {
                                        outline: slot.outline,
                                        frameIndex: slot.itemIndex
                                    })
                                } else {
                                    slot.setSource(Qt.resolvedUrl("LaneBox.qml"), {
                                        outline: slot.outline,
                                        laneIndex: slot.itemIndex,
                                        lane: "errorHandler",
                                        owner: "pipeline",
                                        minimumWidth: Theme.stageMinWidth
                                    })
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    ZoomControls {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 14
        visible: topLevel.count > 0
        zoom: canvas.zoom
        onZoomRequested: value => canvas.setZoom(value)
        onFitRequested: canvas.fitToView()
    }

    Shortcut {
        sequences: ["Ctrl++", "Ctrl+="]
        onActivated: canvas.setZoom(canvas.zoom * 1.2)
    }
    Shortcut {
        sequence: "Ctrl+-"
        onActivated: canvas.setZoom(canvas.zoom / 1.2)
    }
    Shortcut {
        sequence: "Ctrl+0"
        onActivated: canvas.setZoom(1)
    }

    EmptyCanvasHint {
        anchors.centerIn: parent
        visible: topLevel.count === 0
        untitled: canvas.document.isUntitled
    }
}
