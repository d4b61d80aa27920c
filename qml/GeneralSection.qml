import QtQuick
import QtQuick.Layouts
import Pipewright

// Identifier, display name and, for the pipeline and stages, description (steps and groups
// have none in the file format).
PanelSection {
    id: general

    property PipelineDocument document
    property string path
    property var props: ({})

    title: qsTr("General")
    iconName: "info"

    FieldEditor {
        document: general.document
        path: general.path
        field: "id"
        label: qsTr("Identifier")
        value: general.props.id ?? ""
        monospace: true
        hint: qsTr("Unique in the pipeline; steps.<id> refers to it.")
    }
    FieldEditor {
        document: general.document
        path: general.path
        field: "name"
        label: qsTr("Name")
        value: general.props.name ?? ""
        placeholder: general.props.id ?? ""
    }
    FieldEditor {
        document: general.document
        path: general.path
        field: "description"
        label: qsTr("Description")
        value: general.props.description ?? ""
        multiline: true
        visible: general.props.kind === "pipeline" || general.props.kind === "stage"
    }
}
