import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// What only the pipeline has: run-time inputs, secrets, parallelism, the failure policy of
// parallel branches, the whole-run timeout and the file's header comment.
PanelSection {
    id: settings

    property PipelineDocument document
    property string path: "pipeline"
    property var props: ({})
    readonly property var inputs: props.inputs ?? []
    readonly property var secrets: props.secrets ?? []
    readonly property var inputTypes: ["string", "number", "integer", "boolean"]
    property string inputsError
    property string secretsError

    function copyOfInputs() {
        return JSON.parse(JSON.stringify(inputs))
    }

    function commitInputs(list) {
        const ok = document.setField(path, "inputs", list)
        inputsError = ok ? "" : (document.lastError || qsTr("The inputs were refused"))
        return ok
    }

    function editInput(index, changes) {
        const list = copyOfInputs()
        list[index] = Object.assign({}, list[index], changes)
        return commitInputs(list)
    }

    // An input's default as YAML would hold it: a number for number/integer, a boolean for
    // boolean, nothing when empty (the input is then required at run start).
    function typedDefault(type, text) {
        const trimmed = text.trim()
        if (trimmed === "")
            return null
        if ((type === "number" || type === "integer") && !isNaN(Number(trimmed)))
            return Number(trimmed)
        if (type === "boolean" && (trimmed === "true" || trimmed === "false"))
            return trimmed === "true"
        return text
    }

    function uniqueInputId() {
        const taken = inputs.map(input => input.id)
        let n = inputs.length + 1
        while (taken.indexOf("input_" + n) >= 0)
            ++n
        return "input_" + n
    }

    function commitSecrets(list) {
        const ok = document.setField(path, "secrets", list)
        secretsError = ok ? "" : (document.lastError || qsTr("The secrets were refused"))
        return ok
    }

    title: qsTr("Run settings")
    iconName: "policy"

    RowLayout {
        spacing: 8
        Layout.fillWidth: true
        FieldEditor {
            objectName: "maxParallel"
            document: settings.document
            path: settings.path
            field: "maxParallel"
            label: qsTr("Steps at once")
            value: String(settings.props.maxParallel ?? "")
            placeholder: qsTr("CPU cores")
            monospace: true
            Layout.preferredWidth: 1
            commitHandler: text => {
                if (text.trim() === "")
                    return settings.document.setField(settings.path, field, null)
                if (!/^\d+$/.test(text.trim()))
                    return qsTr("Enter a whole number.")
                return settings.document.setField(settings.path, field, Number(text.trim()))
            }
        }
        DurationField {
            objectName: "timeout"
            document: settings.document
            path: settings.path
            field: "timeout"
            label: qsTr("Run timeout")
            value: settings.props.timeout ?? ""
            placeholder: qsTr("none")
            Layout.preferredWidth: 1
        }
    }

    ChoiceField {
        objectName: "failurePolicy"
        document: settings.document
        path: settings.path
        field: "failurePolicy"
        label: qsTr("When a parallel branch fails")
        value: settings.props.failurePolicy ?? ""
        choices: ["failFast", "finishRunning"]
        defaultText: qsTr("failFast (default): cancel its siblings")
    }

    // Inputs
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: 4
        ThemedIcon {
            source: Theme.icon("inputs")
            sourceSize.width: 14
            sourceSize.height: 14
        }
        Label {
            text: qsTr("Inputs")
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
        }
        Button {
            objectName: "addInput"
            text: qsTr("Add input")
            flat: true
            Accessible.name: text
            onClicked: {
                const list = settings.copyOfInputs()
                list.push({id: settings.uniqueInputId(), type: "string"})
                settings.commitInputs(list)
            }
        }
    }

    Label {
        visible: settings.inputs.length === 0
        text: qsTr("No inputs: runs start without parameters.")
        color: Theme.textFaint
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Repeater {
        model: settings.inputs.length

        delegate: Rectangle {
            id: inputRow

            required property int index
            readonly property var input: settings.inputs[index] ?? ({})

            color: Theme.panelAlt
            border.color: Theme.border
            radius: Theme.radius
            implicitHeight: inputColumn.implicitHeight + 12
            Layout.fillWidth: true

            GridLayout {
                id: inputColumn
                anchors.fill: parent
                anchors.margins: 6
                columns: 3
                columnSpacing: 4
                rowSpacing: 2

                FieldEditor {
                    document: settings.document
                    value: inputRow.input.id ?? ""
                    monospace: true
                    accessibleName: qsTr("Input %1 identifier").arg(inputRow.index + 1)
                    placeholder: qsTr("identifier")
                    commitHandler: text => settings.editInput(inputRow.index, {id: text.trim()})
                }
                ComboBox {
                    model: settings.inputTypes
                    currentIndex: Math.max(0, settings.inputTypes.indexOf(inputRow.input.type ?? "string"))
                    Accessible.name: qsTr("Input %1 type").arg(inputRow.index + 1)
                    onActivated: index => {
                        settings.editInput(inputRow.index, {type: settings.inputTypes[index]})
                        currentIndex = Qt.binding(() => Math.max(0, settings.inputTypes.indexOf(inputRow.input.type ?? "string")))
                    }
                }
                ToolButton {
                    text: "✕"
                    Accessible.name: qsTr("Remove input %1").arg(inputRow.input.id ?? "")
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Remove")
                    onClicked: {
                        const list = settings.copyOfInputs()
                        list.splice(inputRow.index, 1)
                        settings.commitInputs(list)
                    }
                }
                FieldEditor {
                    document: settings.document
                    value: inputRow.input.default === undefined || inputRow.input.default === null
                           ? "" : String(inputRow.input.default)
                    placeholder: qsTr("default (empty: required)")
                    accessibleName: qsTr("Input %1 default").arg(inputRow.index + 1)
                    commitHandler: text => settings.editInput(inputRow.index,
                        {default: settings.typedDefault(inputRow.input.type ?? "string", text)})
                }
                FieldEditor {
                    document: settings.document
                    value: inputRow.input.description ?? ""
                    placeholder: qsTr("description")
                    accessibleName: qsTr("Input %1 description").arg(inputRow.index + 1)
                    commitHandler: text => settings.editInput(inputRow.index, {description: text})
                    Layout.columnSpan: 2
                }
            }
        }
    }

    ErrorText {
        text: settings.inputsError
    }

    // Secrets
    RowLayout {
        Layout.fillWidth: true
        Layout.topMargin: 4
        ThemedIcon {
            source: Theme.icon("secrets")
            sourceSize.width: 14
            sourceSize.height: 14
        }
        Label {
            text: qsTr("Secrets")
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
        }
        Button {
            objectName: "addSecret"
            text: qsTr("Add secret")
            flat: true
            Accessible.name: text
            onClicked: {
                let n = settings.secrets.length + 1
                while (settings.secrets.indexOf("SECRET_" + n) >= 0)
                    ++n
                settings.commitSecrets(settings.secrets.concat(["SECRET_" + n]))
            }
        }
    }

    Label {
        text: settings.secrets.length === 0
              ? qsTr("No secrets. Values are read from the environment at run start and masked.")
              : qsTr("Read from the environment at run start; masked in every log.")
        color: Theme.textFaint
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Repeater {
        model: settings.secrets.length

        delegate: RowLayout {
            id: secretRow

            required property int index

            spacing: 4
            Layout.fillWidth: true

            FieldEditor {
                document: settings.document
                value: settings.secrets[secretRow.index] ?? ""
                monospace: true
                accessibleName: qsTr("Secret %1").arg(secretRow.index + 1)
                commitHandler: text => settings.commitSecrets(settings.secrets.map(
                    (name, i) => i === secretRow.index ? text.trim() : name))
            }
            ToolButton {
                text: "✕"
                Accessible.name: qsTr("Remove secret %1").arg(settings.secrets[secretRow.index] ?? "")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Remove")
                onClicked: settings.commitSecrets(settings.secrets.filter((name, i) => i !== secretRow.index))
            }
        }
    }

    ErrorText {
        text: settings.secretsError
    }
}
