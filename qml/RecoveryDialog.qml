import QtQuick
import QtQuick.Controls
import Pipewright

// Offers back the autosave of a session that did not close cleanly: Restore or Discard.
Dialog {
    id: dialog

    required property PipelineDocument document
    signal restoreFailed(string message)

    title: qsTr("Restore unsaved changes?")
    anchors.centerIn: Overlay.overlay
    modal: true
    closePolicy: Popup.NoAutoClose
    footer: DialogButtonBox {
        Button {
            text: qsTr("Restore")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Discard")
            DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
            onClicked: {
                dialog.document.discardRecovery()
                dialog.close()
            }
        }
    }
    DialogText {
        text: qsTr("Pipewright did not close cleanly last time. Its unsaved work can be restored:")
              + "\n" + (dialog.document.recoveryDescription ?? "")
        maxWidth: 460
    }
    onAccepted: {
        if (!dialog.document.restoreRecovery())
            dialog.restoreFailed(dialog.document.lastError)
    }
}
