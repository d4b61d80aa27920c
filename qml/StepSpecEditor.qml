import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// A step's type and the fields of its `spec`, as pipeline-format.md lists them per type.
// Changing the type resets the spec (the document does that, as one undo step).
PanelSection {
    id: specEditor

    property PipelineDocument document
    property string path
    property var props: ({})
    property var stepTypes: []
    property var errorTypes: []
    readonly property string type: props.type ?? ""
    readonly property var spec: props.spec ?? ({})
    readonly property var fields: fieldsOf(type)

    // kind: text | code (one line, monospace) | multiline | script (multi-line, monospace) |
    // duration | choice | map | int | intList
    function fieldsOf(stepType) {
        const raisable = errorTypes.filter(t => t !== "AllErrors")
        switch (stepType) {
        case "Shell": return [
            {key: "command", label: qsTr("Command"), kind: "script", placeholder: "echo hello"},
            {key: "shell", label: qsTr("Shell"), kind: "code", placeholder: "/bin/sh"},
            {key: "workingDir", label: qsTr("Working directory"), kind: "code"},
            {key: "env", label: qsTr("Environment"), kind: "map"},
            {key: "exitCodes", label: qsTr("Exit codes as error types"), kind: "map",
             choices: raisable, keyPlaceholder: qsTr("code")},
            {key: "killGrace", label: qsTr("Kill grace (SIGTERM to SIGKILL)"), kind: "duration",
             placeholder: qsTr("5s (default)")}]
        case "Http": return [
            {key: "method", label: qsTr("Method"), kind: "choice",
             choices: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"],
             defaultText: qsTr("GET (default)")},
            {key: "url", label: qsTr("URL"), kind: "code", placeholder: "https://"},
            {key: "headers", label: qsTr("Headers"), kind: "map"},
            {key: "body", label: qsTr("Body"), kind: "script"},
            {key: "expectStatus", label: qsTr("Expected status codes"), kind: "intList",
             placeholder: qsTr("any 2xx (default), e.g. 200, 204")}]
        case "Echo": return [
            {key: "message", label: qsTr("Message"), kind: "multiline"},
            {key: "level", label: qsTr("Level"), kind: "choice", choices: ["INFO", "WARN", "ERROR"],
             defaultText: qsTr("INFO (default)")}]
        case "Wait": return [
            {key: "duration", label: qsTr("Duration"), kind: "duration", placeholder: "10s"}]
        case "Fail": return [
            {key: "message", label: qsTr("Message"), kind: "multiline"},
            {key: "errorType", label: qsTr("Error type"), kind: "choice", choices: raisable,
             defaultText: qsTr("Unknown (default)")},
            {key: "succeedOnAttempt", label: qsTr("Succeed from attempt"), kind: "int",
             placeholder: qsTr("never")}]
        case "Verify": return [
            {key: "condition", label: qsTr("Condition (JavaScript)"), kind: "code",
             placeholder: "steps.build.outputs.ok === 'true'"},
            {key: "message", label: qsTr("Message when false"), kind: "multiline"}]
        case "Approval": return [
            {key: "message", label: qsTr("Message"), kind: "multiline"},
            {key: "approvers", label: qsTr("Approvers"), kind: "text"}]
        }
        return []
    }

    function textOf(value) {
        if (value === undefined || value === null)
            return ""
        if (Array.isArray(value))
            return value.join(", ")
        return String(value)
    }

    function commitNumber(field, text, list) {
        const parts = text.split(/[,\s]+/).filter(part => part !== "")
        if (parts.some(part => !/^\d+$/.test(part)))
            return list ? qsTr("Enter whole numbers separated by commas.") : qsTr("Enter a whole number.")
        const numbers = parts.map(part => Number(part))
        if (list)
            return document.setField(path, field, numbers)
        return document.setField(path, field, numbers.length > 0 ? numbers[0] : null)
    }

    title: qsTr("Step")
    iconName: type !== "" ? type.toLowerCase() : "info"

    ChoiceField {
        objectName: "type"
        document: specEditor.document
        path: specEditor.path
        field: "type"
        label: qsTr("Type (a new type starts with empty settings)")
        value: specEditor.type
        choices: specEditor.stepTypes
    }

    Repeater {
        model: specEditor.fields

        delegate: Loader {
            id: slot

            required property var modelData
            readonly property string field: "spec." + modelData.key
            readonly property var value: specEditor.spec[modelData.key]

            Layout.fillWidth: true
            sourceComponent: modelData.kind === "map" ? mapField
                           : modelData.kind === "choice" ? choiceField : textField

            Component {
                id: textField
                FieldEditor {
                    objectName: slot.field
                    document: specEditor.document
                    path: specEditor.path
                    field: slot.field
                    label: slot.modelData.label
                    value: specEditor.textOf(slot.value)
                    placeholder: slot.modelData.placeholder ?? ""
                    multiline: slot.modelData.kind === "multiline" || slot.modelData.kind === "script"
                    monospace: ["code", "script", "duration", "int", "intList"].indexOf(slot.modelData.kind) >= 0
                    commitHandler: slot.modelData.kind === "int" || slot.modelData.kind === "intList"
                                   ? (text => specEditor.commitNumber(slot.field, text,
                                                                      slot.modelData.kind === "intList"))
                                   : null
                }
            }
            Component {
                id: choiceField
                ChoiceField {
                    objectName: slot.field
                    document: specEditor.document
                    path: specEditor.path
                    field: slot.field
                    label: slot.modelData.label
                    value: specEditor.textOf(slot.value)
                    choices: slot.modelData.choices
                    defaultText: slot.modelData.defaultText ?? ""
                }
            }
            Component {
                id: mapField
                MapEditor {
                    objectName: slot.field
                    document: specEditor.document
                    path: specEditor.path
                    field: slot.field
                    label: slot.modelData.label
                    value: slot.value ?? ({})
                    valueChoices: slot.modelData.choices ?? []
                    keyPlaceholder: slot.modelData.keyPlaceholder ?? qsTr("name")
                }
            }
        }
    }
}
