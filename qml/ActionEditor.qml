import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// A failure-strategy action and its own fields: retryCount, retryIntervals and onRetryFailure
// for Retry and RetryStepGroup, timeout and onTimeout for ManualIntervention. Nested actions
// (onRetryFailure, onTimeout) are ActionEditors too, offered only what the format allows
// there: no retry after a retry, no intervention on an intervention's timeout.
ColumnLayout {
    id: editor

    property PipelineDocument document
    property var action: null          // {type, retryCount, ...}; null: the default
    property var allowed: []           // action types offered
    property string label: qsTr("Action")
    property string defaultText        // non-empty: the action is optional (null = default)
    property string errorText          // set by whoever commits the edit
    property int depth: 0

    readonly property string type: action ? (action.type ?? "") : ""
    readonly property bool isRetry: type === "Retry" || type === "RetryStepGroup"
    readonly property bool isIntervention: type === "ManualIntervention"
    // The action the default stands for (the format's default follow-up): listed once, as
    // the default, not a second time under its own name.
    property string defaultType: "MarkAsFailure"
    readonly property var entries: defaultText !== "" ? [""].concat(allowed.filter(t => t !== defaultType)) : allowed

    function describe(actionType) {
        switch (actionType) {
        case "ManualIntervention": return qsTr("Ask a person what to do; at the timeout apply the action below.")
        case "MarkAsSuccess": return qsTr("The step ends Succeeded, with a warning.")
        case "Ignore": return qsTr("The step ends IgnoredFailure and the stage goes on.")
        case "Retry": return qsTr("Run the step again, waiting the intervals (the last one repeats).")
        case "RetryStepGroup": return qsTr("Run the innermost step group again from its first node.")
        case "Abort": return qsTr("Cancel the whole run; only the pipeline's error handler runs.")
        case "StageRollback": return qsTr("Run the stage's rollback steps; the stage ends RolledBack.")
        case "StepGroupRollback": return qsTr("Run the innermost group's rollback steps.")
        case "PipelineRollback": return qsTr("Roll back every stage that started, latest first.")
        case "MarkAsFailure": return qsTr("The step ends Failed (the default).")
        }
        return ""
    }

    // The whole action as it should become (null: back to the default). The owner of the
    // failure-strategy list commits it and reports a refusal through errorText.
    signal edited(var next)

    function send(next) {
        edited(next)
    }

    function withChanges(changes) {
        return Object.assign({}, action || {}, changes)
    }

    function pickType(picked) {
        if (picked === type)
            return
        if (picked === "")
            return send(null)
        let next = {type: picked}
        if (picked === "Retry" || picked === "RetryStepGroup")
            next = {type: picked, retryCount: 1, retryIntervals: [], onRetryFailure: null}
        else if (picked === "ManualIntervention")
            next = {type: picked, timeout: "", onTimeout: null}
        return send(next)
    }

    function intervalsText(list) {
        return (list || []).join(", ")
    }

    spacing: 6
    Layout.fillWidth: true

    Label {
        text: editor.label
        color: Theme.textMuted
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    ComboBox {
        id: typeCombo
        objectName: editor.depth === 0 ? "actionType" : "actionType" + editor.depth
        model: editor.entries.map(entry => entry === "" ? editor.defaultText : entry)
        currentIndex: Math.max(0, editor.entries.indexOf(editor.type))
        Layout.fillWidth: true
        Accessible.name: editor.label
        onActivated: index => {
            editor.pickType(editor.entries[index])
            currentIndex = Qt.binding(() => Math.max(0, editor.entries.indexOf(editor.type)))
        }
    }

    Label {
        text: editor.describe(editor.type || (editor.defaultText !== "" ? "MarkAsFailure" : ""))
        visible: text !== ""
        color: Theme.textFaint
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    // The action's own fields, indented under it.
    ColumnLayout {
        visible: editor.isRetry || editor.isIntervention
        spacing: 6
        Layout.fillWidth: true
        Layout.leftMargin: 12

        RowLayout {
            visible: editor.isRetry
            spacing: 8
            Label {
                text: qsTr("Retries")
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
            }
            SpinBox {
                id: retryCount
                objectName: editor.depth === 0 ? "retryCount" : "retryCount" + editor.depth
                from: 1
                to: 1000
                editable: true
                value: editor.action?.retryCount ?? 1
                Accessible.name: qsTr("Retry count")
                onValueModified: {
                    editor.send(editor.withChanges({retryCount: value}))
                    value = Qt.binding(() => editor.action?.retryCount ?? 1)
                }
            }
        }

        FieldEditor {
            visible: editor.isRetry
            objectName: editor.depth === 0 ? "retryIntervals" : "retryIntervals" + editor.depth
            document: editor.document
            label: qsTr("Intervals before each retry")
            value: editor.intervalsText(editor.action?.retryIntervals)
            monospace: true
            placeholder: qsTr("e.g. 1s, 5s (the last one repeats)")
            commitHandler: text => {
                editor.send(editor.withChanges({
                    retryIntervals: text.split(/[,\s]+/).filter(part => part !== "")
                }))
                return editor.errorText === ""
            }
        }

        DurationField {
            visible: editor.isIntervention
            objectName: editor.depth === 0 ? "interventionTimeout" : "interventionTimeout" + editor.depth
            document: editor.document
            label: qsTr("Answer within")
            value: editor.action?.timeout ?? ""
            placeholder: qsTr("1d (default)")
            commitHandler: text => {
                editor.send(editor.withChanges({timeout: text}))
                return editor.errorText === ""
            }
        }

        Loader {
            id: nested
            active: editor.isRetry || editor.isIntervention
            Layout.fillWidth: true
            Component.onCompleted: setSource("ActionEditor.qml", {
                document: Qt.binding(() => editor.document),
                depth: editor.depth + 1
            })

            Connections {
                target: nested.item
                function onEdited(next) {
                    editor.send(editor.withChanges(editor.isRetry ? {onRetryFailure: next}
                                                                  : {onTimeout: next}))
                }
            }
            Binding {
                target: nested.item
                when: nested.item !== null
                property: "action"
                value: editor.isRetry ? (editor.action?.onRetryFailure ?? null)
                                      : (editor.action?.onTimeout ?? null)
            }
            Binding {
                target: nested.item
                when: nested.item !== null
                property: "label"
                value: editor.isRetry ? qsTr("When every retry failed")
                                      : qsTr("When nobody answers in time")
            }
            Binding {
                target: nested.item
                when: nested.item !== null
                property: "allowed"
                value: editor.allowed.filter(t => editor.isRetry
                    ? (t !== "Retry" && t !== "RetryStepGroup")
                    : t !== "ManualIntervention")
            }
            Binding {
                target: nested.item
                when: nested.item !== null
                property: "defaultText"
                value: qsTr("MarkAsFailure (default)")
            }
        }
    }

    ErrorText {
        text: editor.errorText
    }
}
