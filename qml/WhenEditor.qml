import QtQuick
import QtQuick.Layouts
import Pipewright

// `when`: the status rule (the stage so far for steps and groups, the pipeline so far for
// stages) and an optional JavaScript condition that must also hold.
PanelSection {
    id: when

    property PipelineDocument document
    property string path
    property var props: ({})
    readonly property bool isStage: props.kind === "stage"

    title: qsTr("Run when")
    iconName: "when"

    ChoiceField {
        document: when.document
        path: when.path
        field: "when.status"
        label: when.isStage ? qsTr("Pipeline status so far") : qsTr("Stage status so far")
        value: when.props.when?.status ?? ""
        choices: ["Success", "Failure", "All"]
        defaultText: qsTr("Success (default)")
    }
    FieldEditor {
        document: when.document
        path: when.path
        field: "when.condition"
        label: qsTr("Condition")
        value: when.props.when?.condition ?? ""
        monospace: true
        placeholder: "inputs.cluster !== 'prod'"
        hint: qsTr("JavaScript; the element runs only if it is also true.")
    }
}
