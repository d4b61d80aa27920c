import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// Asks which failure to rehearse for a step: an error type, and whether every attempt fails
// or only the first few (so that a retry can succeed). Rehearse plays it on the canvas.
Dialog {
    id: dialog

    required property RunMonitor monitor
    required property PipelineDocument document
    property string stepId
    readonly property var errorTypes: document.errorTypes().filter(name => name !== "AllErrors")

    function openFor(step) {
        stepId = step
        open()
    }

    title: qsTr("Rehearse a failure of %1").arg(stepId)
    objectName: "rehearseDialog"
    anchors.centerIn: Overlay.overlay
    modal: true

    footer: DialogButtonBox {
        Button {
            objectName: "startRehearsalButton"
            text: qsTr("Rehearse")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    onAccepted: monitor.rehearse(document, stepId, typeBox.currentText, everyAttempt.checked ? 0 : attemptsBox.value)

    ColumnLayout {
        spacing: 10

        Label {
            text: qsTr("Nothing is executed: Shell and Http steps succeed at once, and time passes on a virtual clock (a day-long deadline takes seconds). Requests open their dialogs as in a run; an unanswered one lets its deadline pass after %1 s.")
                  .arg(30)
            wrapMode: Text.Wrap
            color: Theme.textMuted
            Layout.preferredWidth: 380
        }
        RowLayout {
            Label { text: qsTr("Error type") }
            ComboBox {
                id: typeBox
                objectName: "rehearsalErrorType"
                model: dialog.errorTypes
                currentIndex: Math.max(0, dialog.errorTypes.indexOf("Unknown"))
                Layout.fillWidth: true
            }
        }
        RadioButton {
            id: everyAttempt
            objectName: "failEveryAttempt"
            text: qsTr("Every attempt fails")
            checked: true
        }
        RowLayout {
            RadioButton {
                id: firstAttempts
                objectName: "failFirstAttempts"
                text: qsTr("Only the first")
            }
            SpinBox {
                id: attemptsBox
                objectName: "rehearsalAttempts"
                from: 1
                to: 100
                value: 1
                enabled: firstAttempts.checked
            }
            Label { text: qsTr("attempt(s)") }
        }
    }
}
