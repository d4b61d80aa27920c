import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// A step's automatic retry (Kestra's retry block): the type, then only the fields that type
// reads, and the document's sentence saying what it will do ("up to 4 attempts, waiting ...").
PanelSection {
    id: retry

    property PipelineDocument document
    property string path
    property var props: ({})
    property var errorTypes: []
    readonly property var block: props.retry ?? null
    readonly property string type: block ? (block.type ?? "") : ""
    property string errorText
    readonly property string field: "retry" // for PropertyPanel.focusField()

    function focusInput() {
        enabledBox.forceActiveFocus(Qt.TabFocusReason)
    }

    function numberCommit(field, text, integer) {
        if (text.trim() === "")
            return document.setField(path, field, null)
        const number = Number(text)
        if (isNaN(number) || (integer && !Number.isInteger(number)))
            return integer ? qsTr("Enter a whole number.") : qsTr("Enter a number.")
        return document.setField(path, field, number)
    }

    function enableRetry(on) {
        const ok = on ? document.setField(path, "retry", {type: "constant", maxAttempts: 3,
                                                          interval: "1s"})
                      : document.setField(path, "retry", null)
        errorText = ok ? "" : document.lastError
    }

    title: qsTr("Automatic retry")
    iconName: "retry"

    CheckBox {
        id: enabledBox
        objectName: "retryEnabled"
        text: qsTr("Retry automatically")
        checked: retry.block !== null
        Layout.fillWidth: true
        Accessible.name: text
        onClicked: {
            retry.enableRetry(checked)
            checked = Qt.binding(() => retry.block !== null)
        }
    }

    Label {
        text: qsTr("Runs again before any failure strategy is consulted.")
        color: Theme.textFaint
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    ColumnLayout {
        visible: retry.block !== null
        spacing: 8
        Layout.fillWidth: true

        ChoiceField {
            objectName: "retryType"
            document: retry.document
            path: retry.path
            field: "retry.type"
            label: qsTr("Delay")
            value: retry.type
            choices: ["constant", "exponential", "random"]
        }
        FieldEditor {
            objectName: "retry.maxAttempts"
            document: retry.document
            path: retry.path
            field: "retry.maxAttempts"
            label: qsTr("Attempts in total (the first one included)")
            value: String(retry.block?.maxAttempts ?? "")
            commitHandler: text => retry.numberCommit(field, text, true)
        }
        DurationField {
            objectName: "retry.interval"
            visible: retry.type === "constant" || retry.type === "exponential"
            document: retry.document
            path: retry.path
            field: "retry.interval"
            label: retry.type === "constant" ? qsTr("Interval") : qsTr("First interval")
            value: retry.block?.interval ?? ""
        }
        FieldEditor {
            objectName: "retry.delayFactor"
            visible: retry.type === "exponential"
            document: retry.document
            path: retry.path
            field: "retry.delayFactor"
            label: qsTr("Delay factor")
            placeholder: qsTr("2 (default)")
            value: String(retry.block?.delayFactor ?? "")
            commitHandler: text => retry.numberCommit(field, text, false)
        }
        DurationField {
            objectName: "retry.minInterval"
            visible: retry.type === "random"
            document: retry.document
            path: retry.path
            field: "retry.minInterval"
            label: qsTr("Shortest interval")
            value: retry.block?.minInterval ?? ""
        }
        DurationField {
            objectName: "retry.maxInterval"
            visible: retry.type === "exponential" || retry.type === "random"
            document: retry.document
            path: retry.path
            field: "retry.maxInterval"
            label: qsTr("Longest interval")
            value: retry.block?.maxInterval ?? ""
        }
        DurationField {
            objectName: "retry.maxDuration"
            document: retry.document
            path: retry.path
            field: "retry.maxDuration"
            label: qsTr("No new attempt after")
            placeholder: qsTr("no limit")
            value: retry.block?.maxDuration ?? ""
        }
        CheckBox {
            objectName: "retry.warningOnRetry"
            text: qsTr("Warn when a retry was needed")
            Layout.fillWidth: true
            checked: retry.block?.warningOnRetry === true
            Accessible.name: text
            onClicked: {
                if (!retry.document.setField(retry.path, "retry.warningOnRetry", checked))
                    retry.errorText = retry.document.lastError
                checked = Qt.binding(() => retry.block?.warningOnRetry === true)
            }
        }
        ErrorTypeChips {
            objectName: "retry.onErrors"
            label: qsTr("Retry on errors")
            types: retry.errorTypes
            selected: (retry.block?.onErrors ?? []).length > 0 ? retry.block.onErrors : ["AllErrors"]
            onSelectionEdited: selection => {
                const value = selection.length === 1 && selection[0] === "AllErrors" ? [] : selection
                if (!retry.document.setField(retry.path, "retry.onErrors", value))
                    refusal = retry.document.lastError
            }
        }
        Label {
            objectName: "retrySentence"
            text: retry.props.retrySentence ?? ""
            visible: text !== ""
            color: Theme.text
            font.italic: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    ErrorText {
        text: retry.errorText
    }
}
