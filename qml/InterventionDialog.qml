import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// One open request of the run (a manual intervention or an approval): what failed and where,
// the step's last lines, one button per decision allowed with what it does, and a bar
// counting down to the deadline, named by what applies then. Not modal: the window and the
// other requests stay usable. It closes when the engine closes the request: decided (here or
// elsewhere), at the deadline, or because its step was cancelled.
Popup {
    id: dialog

    required property RunMonitor monitor
    required property string requestId
    required property string kind
    required property string step
    required property string stage
    required property string errorType
    required property string errorMessage
    required property string message
    required property string approvers
    required property var decisions
    required property double requestedAt
    required property double deadline
    required property string onTimeout
    required property string onTimeoutExplanation
    required property var lastLines
    required property string refusal
    required property bool pending

    readonly property bool approval: kind === "approval"
    readonly property double now: Ticker.now
    readonly property double remaining: Math.max(0, deadline - now)
    readonly property double fraction: deadline > requestedAt ? remaining / (deadline - requestedAt) : 0

    objectName: "request:" + step
    modal: false
    focus: false
    closePolicy: Popup.NoAutoClose
    width: 420
    padding: 14
    visible: true

    Component.onCompleted: Ticker.users++
    Component.onDestruction: Ticker.users--

    background: Rectangle {
        color: Theme.panel
        radius: Theme.radius + 2
        border.width: 2
        border.color: Theme.statusColor("Waiting")
    }

    contentItem: ColumnLayout {
        objectName: "requestBody:" + dialog.step
        spacing: 8

        RowLayout {
            spacing: 8
            Layout.fillWidth: true
            ThemedIcon {
                source: Theme.icon(dialog.approval ? "approval" : "warning")
                sourceSize.width: 20
                sourceSize.height: 20
            }
            Label {
                text: dialog.approval ? qsTr("Approval: %1").arg(dialog.step) : qsTr("%1 failed").arg(dialog.step)
                font.bold: true
                font.pixelSize: Theme.titleFontSize
                color: Theme.text
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("stage %1").arg(dialog.stage)
                visible: dialog.stage !== ""
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
            }
        }

        Label {
            visible: !dialog.approval
            text: dialog.errorType + (dialog.errorMessage !== "" ? ": " + dialog.errorMessage : "")
            color: Theme.errorText
            wrapMode: Text.Wrap
            maximumLineCount: 4
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Label {
            visible: dialog.approval && dialog.message !== ""
            text: dialog.message + (dialog.approvers !== "" ? qsTr("\nApprovers: %1").arg(dialog.approvers) : "")
            color: Theme.text
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Rectangle {
            visible: dialog.lastLines.length > 0
            color: Theme.panelAlt
            radius: 4
            implicitHeight: linesText.implicitHeight + 10
            Layout.fillWidth: true
            Label {
                id: linesText
                x: 6
                y: 5
                width: parent.width - 12
                text: dialog.lastLines.join("\n")
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
                color: Theme.textMuted
                elide: Text.ElideRight
                maximumLineCount: 8
            }
        }

        // The countdown to the deadline, and what happens then.
        ColumnLayout {
            spacing: 3
            Layout.fillWidth: true
            ProgressBar {
                objectName: "deadlineBar"
                from: 0
                to: 1
                value: dialog.fraction
                Layout.fillWidth: true
            }
            Label {
                objectName: "deadlineLabel"
                text: qsTr("%1 left, then %2").arg(Theme.countdown(dialog.remaining)).arg(dialog.onTimeout)
                      + (dialog.onTimeoutExplanation !== "" ? " — " + dialog.onTimeoutExplanation : "")
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        TextField {
            id: comment
            visible: dialog.approval
            placeholderText: qsTr("Comment (optional)")
            Layout.fillWidth: true
        }

        Repeater {
            model: dialog.decisions
            delegate: RowLayout {
                id: choice
                required property var modelData
                spacing: 10
                Layout.fillWidth: true
                Button {
                    objectName: "decide:" + choice.modelData.decision
                    text: choice.modelData.decision
                    enabled: !dialog.pending
                    highlighted: choice.modelData.decision === "Approve" || choice.modelData.decision === "Retry"
                    Layout.preferredWidth: 150
                    onClicked: dialog.monitor.decide(dialog.requestId, choice.modelData.decision, comment.text)
                }
                Label {
                    text: choice.modelData.explanation
                    color: Theme.textMuted
                    font.pixelSize: Theme.smallFontSize
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }

        Label {
            objectName: "refusalLabel"
            visible: dialog.refusal !== ""
            text: qsTr("Refused: %1").arg(dialog.refusal)
            color: Theme.errorText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
