import QtQuick
import Pipewright

// One row of the outline, drawn by the component for its kind: a stage column, a frame of
// parallel stages, a lane, a step card, a step group or a parallel frame. The component is
// loaded by URL because containers hold node delegates of their own: naming their types
// here would make the QML files depend on each other in a cycle, which QML refuses. The
// loaded component reads the row through `node`, so field edits (dataChanged) show at once.
Loader {
    id: node

    required property CanvasController controller
    required property PipelineOutline outline
    required property var nodeIndex
    required property int index
    required property string kind
    required property string nodeId
    required property string name
    required property string description
    required property string stepType
    required property string summary
    required property string lane
    required property var badges
    required property string path
    required property string problemSeverity
    required property string problemText
    required property string runStatus // the node's status in the shown run; "" when none
    required property var runInfo

    // What drop zones and keyboard navigation look for; lanes are lists, not elements.
    readonly property string elementPath: kind === "lane" ? "" : path
    readonly property bool selected: kind !== "lane" && controller.selectedPath === path

    property string registeredPath: ""

    objectName: "element:" + path
    asynchronous: controller.buildInBackground

    function updateRegistration() {
        controller.unregister(registeredPath, node)
        registeredPath = elementPath
        controller.register(elementPath, node)
    }

    function componentFor(kind) {
        switch (kind) {
        case "step": return "StepCard.qml"
        case "stepGroup": return "StepGroupBox.qml"
        case "parallel": return "ParallelFrame.qml"
        case "stage": return "StageColumn.qml"
        case "parallelStages": return "ParallelStagesFrame.qml"
        case "lane": return "LaneBox.qml"
        }
        return ""
    }

    onSelectedChanged: {
        if (selected)
            controller.reveal(path)
    }
    onElementPathChanged: updateRegistration()

    Component.onCompleted: {
        updateRegistration()
        const component = componentFor(kind)
        if (component !== "")
            node.setSource(Qt.resolvedUrl(component), { node: node })
        // A new element is selected before it exists; show it once it is laid out.
        if (selected)
            Qt.callLater(controller.reveal, path)
    }
    Component.onDestruction: {
        controller.unregister(registeredPath, node)
        if (counted)
            controller.loadsPending--
    }

    // A card made in the background counts as pending until it is there (see
    // CanvasController.loadsPending).
    property bool counted: false
    onStatusChanged: {
        const loading = status === Loader.Loading
        if (loading !== counted) {
            counted = loading
            controller.loadsPending += loading ? 1 : -1
        }
    }
}
