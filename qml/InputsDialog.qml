import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// Asks for the pipeline's inputs before a run: one field per declared input, typed (a check
// box for booleans), the default or the value given last time filled in, each checked as it
// is typed. Run starts it; nothing runs while a field is wrong.
Dialog {
    id: dialog

    required property RunMonitor monitor
    required property PipelineDocument document
    property var fields: []
    property var values: ({})
    property var errors: ({})
    readonly property bool valid: Object.keys(errors).every(key => errors[key] === "")

    title: qsTr("Run %1").arg(document.displayName)
    objectName: "inputsDialog"
    anchors.centerIn: Overlay.overlay
    modal: true
    standardButtons: Dialog.Cancel

    function prepare() {
        fields = monitor.inputForm(document)
        const given = {}
        const problems = {}
        for (const field of fields) {
            given[field.id] = field.value
            problems[field.id] = check(field, field.value)
        }
        values = given
        errors = problems
    }
    function check(field, text) {
        if (field.required && text === "")
            return qsTr("required")
        return text === "" && field.type === "string" ? "" : dialog.monitor.checkInput(field.type, text)
    }
    function setValue(field, text) {
        const given = Object.assign({}, values)
        given[field.id] = text
        values = given
        const problems = Object.assign({}, errors)
        problems[field.id] = check(field, text)
        errors = problems
    }

    onAboutToShow: prepare()

    footer: DialogButtonBox {
        Button {
            objectName: "startRunButton"
            text: qsTr("Run")
            enabled: dialog.valid
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
    onAccepted: monitor.start(document, values)

    ColumnLayout {
        spacing: 10
        width: Math.max(360, implicitWidth)

        Repeater {
            model: dialog.fields
            delegate: ColumnLayout {
                id: row
                required property var modelData
                spacing: 3
                Layout.fillWidth: true

                Label {
                    text: row.modelData.id + "  ·  " + row.modelData.type + (row.modelData.required ? qsTr("  (required)") : "")
                    font.weight: Font.DemiBold
                    color: Theme.text
                }
                Label {
                    visible: row.modelData.description !== ""
                    text: row.modelData.description
                    color: Theme.textMuted
                    font.pixelSize: Theme.smallFontSize
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Loader {
                    Layout.fillWidth: true
                    sourceComponent: row.modelData.type === "boolean" ? checkField : textField
                }
                Component {
                    id: textField
                    TextField {
                        objectName: "input:" + row.modelData.id
                        text: dialog.values[row.modelData.id] ?? ""
                        placeholderText: row.modelData.defaultValue
                        onTextEdited: dialog.setValue(row.modelData, text)
                    }
                }
                Component {
                    id: checkField
                    CheckBox {
                        objectName: "input:" + row.modelData.id
                        text: checked ? "true" : "false"
                        checked: dialog.values[row.modelData.id] === "true"
                        onToggled: dialog.setValue(row.modelData, checked ? "true" : "false")
                    }
                }
                Label {
                    visible: (dialog.errors[row.modelData.id] ?? "") !== ""
                    text: dialog.errors[row.modelData.id] ?? ""
                    color: Theme.errorText
                    font.pixelSize: Theme.smallFontSize
                }
            }
        }
    }
}
