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
    readonly property bool hasDescription: props.kind === "pipeline" || props.kind === "stage"

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
    // In a plain Item whose height drops to 0 when hidden: Qt 6.4's nested ColumnLayouts kept
    // counting the hidden editor's height after the selection moved from a stage to a step,
    // leaving a gap where the description had been.
    Item {
        visible: general.hasDescription
        implicitHeight: general.hasDescription ? descriptionEditor.implicitHeight : 0
        Layout.fillWidth: true

        FieldEditor {
            id: descriptionEditor
            width: parent.width
            document: general.document
            path: general.path
            field: "description"
            label: qsTr("Description")
            value: general.props.description ?? ""
            multiline: true
        }
    }
}
