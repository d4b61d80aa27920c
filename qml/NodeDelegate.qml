import QtQuick
import Pipewright

// One node of a lane or parallel block: a step card, or a step group or parallel frame.
// The component is loaded by URL because groups and parallel frames hold node lists of
// their own: naming their types here would make the QML files depend on each other in a
// cycle, which QML refuses.
Loader {
    id: node

    required property PipelineOutline outline
    required property var nodeIndex
    required property int index
    required property string kind
    required property string nodeId
    required property string name
    required property string stepType
    required property string summary
    required property var badges

    Component.onCompleted: {
        if (node.kind === "step") {
            node.setSource(Qt.resolvedUrl("StepCard.qml"), {
                name: node.name,
                nodeId: node.nodeId,
                stepType: node.stepType,
                summary: node.summary,
                badges: node.badges
            })
        } else if (node.kind === "stepGroup") {
            node.setSource(Qt.resolvedUrl("StepGroupBox.qml"), {
                outline: node.outline,
                groupIndex: node.nodeIndex,
                name: node.name,
                nodeId: node.nodeId,
                badges: node.badges
            })
        } else if (node.kind === "parallel") {
            node.setSource(Qt.resolvedUrl("ParallelFrame.qml"), {
                outline: node.outline,
                parallelIndex: node.nodeIndex
            })
        }
    }
}
