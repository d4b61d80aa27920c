import QtQuick
import QtQuick.Layouts
import Pipewright

// Metaflow's @catch: on final failure keep the error in vars.<name> and go on.
PanelSection {
    id: catchSection

    property PipelineDocument document
    property string path
    property var props: ({})

    title: qsTr("Catch")
    iconName: "catch"

    FieldEditor {
        document: catchSection.document
        path: catchSection.path
        field: "catch"
        label: qsTr("Store the error in variable")
        value: catchSection.props.catch ?? ""
        monospace: true
        placeholder: "error_info"
        hint: value !== ""
              ? qsTr("On final failure the step ends IgnoredFailure and vars.%1 holds the error.").arg(value)
              : qsTr("Empty: a final failure goes to the failure strategies.")
    }
}
