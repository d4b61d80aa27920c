import QtQuick
import Pipewright

// The handle of an element of the canvas: click selects it, double-click asks to rename it,
// dragging moves it (one document.move on the drop, hence one undo step).
DragStartArea {
    id: grip

    required property NodeDelegate node
    property string iconType: ""

    proxy: node.controller.proxy

    onPressed: node.controller.focusRequested()
    onDragStarting: {
        const stageLevel = node.kind === "stage" || node.kind === "parallelStages"
        proxy.newKind = ""
        proxy.movePath = node.path
        proxy.label = node.kind === "parallel" ? qsTr("Parallel")
                    : node.kind === "parallelStages" ? qsTr("Parallel stages") : node.name
        proxy.iconType = iconType
        proxy.Drag.keys = stageLevel ? ["pw-stage"] : ["pw-node"]
    }
    onTapped: node.controller.select(node.path)
    onDoubleTapped: node.controller.renameRequested(node.path)
}
