import QtQuick
import QtQuick.Layouts
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
    // Set by the controller (a binding on the selection in every delegate cost a 5,000-step
    // canvas 80 ms per click).
    property bool selected: false

    property string registeredPath: ""

    // Step cards are made only near the view (see ViewportCuller), and below a readable zoom
    // as compact blocks; until then the delegate holds the card's place at its height (the
    // card's own once it has been made, else what cards of its shape measured).
    readonly property bool culled: kind === "step" && controller.culler !== null
    property bool nearView: false
    // The card style the culler hands over (see ViewportCuller.compact).
    property bool compactCard: false
    readonly property string shape: (summary !== "" ? "s" : "") + badges.length + (runStatus !== "" ? "r" : "")
    property real knownHeight: -1
    readonly property real placeholderHeight: knownHeight > 0 ? knownHeight : controller.cardHeightFor(shape)
    readonly property string wantedComponent: !culled ? componentFor(kind)
                                              : !nearView ? ""
                                              : compactCard ? "CompactStepCard.qml" : "StepCard.qml"
    readonly property real fullCardHeight: item && item.fullCard === true ? item.implicitHeight : -1
    Layout.preferredWidth: culled && !item ? Theme.cardWidth : -1
    Layout.preferredHeight: culled && (!item || item.fullCard !== true) ? placeholderHeight : -1
    onFullCardHeightChanged: {
        if (fullCardHeight > 0) {
            knownHeight = fullCardHeight
            controller.learnCardHeight(shape, fullCardHeight)
        }
    }
    onShapeChanged: knownHeight = -1
    // Required properties arrive after the first evaluation of the bindings above: load only
    // once complete, and only what is not loaded yet (each load makes the whole subtree).
    property bool complete: false
    property string loadedComponent: ""
    onWantedComponentChanged: if (complete) loadWanted()

    function loadWanted() {
        if (wantedComponent === loadedComponent)
            return
        loadedComponent = wantedComponent
        if (wantedComponent === "")
            node.source = ""
        else
            node.setSource(Qt.resolvedUrl(wantedComponent), { node: node })
    }

    objectName: "element:" + path
    asynchronous: controller.buildInBackground || (culled && controller.remaking)

    function updateRegistration() {
        controller.unregister(registeredPath, node)
        registeredPath = elementPath
        controller.register(elementPath, node)
        selected = elementPath !== "" && controller.selectedPath === elementPath
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
        complete = true
        // A card an edit makes shows in the frame of the edit (it is where the user looks);
        // the culler drops it later if it is far.
        compactCard = controller.compact
        if (culled && controller.insertingRows)
            nearView = true
        if (culled)
            controller.culler.track(node)
        loadWanted()
        // A new element is selected before it exists; show it once it is laid out.
        if (selected)
            Qt.callLater(controller.reveal, path)
    }
    Component.onDestruction: {
        if (culled)
            controller.culler.untrack(node)
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
