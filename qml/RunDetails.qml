import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// Above the (read-only) properties while a run is shown: what the selected node did in it:
// status, attempts, when it started and how long it took, its error and its outputs, and a
// way to its logs. The design's fields stay below for reference.
Rectangle {
    id: details

    required property RunMonitor monitor
    property string nodeId // "" when nothing is selected

    readonly property var info: nodeId !== "" ? readDetails(monitor.nodesRevision, nodeId) : ({})
    readonly property bool known: info.status !== undefined
    readonly property bool running: known && (info.status === "Running" || info.status === "Retrying"
                                              || info.status === "Waiting")
    readonly property bool failed: known && (info.status === "Failed" || info.status === "Aborted")
    readonly property double now: running ? Ticker.now : 0
    readonly property var outputNames: known && info.outputs ? Object.keys(info.outputs).sort() : []

    signal showLogsRequested()

    function readDetails(revision, id) {
        return monitor.nodeDetails(id)
    }

    visible: monitor.showingRun
    implicitHeight: visible ? column.implicitHeight + 20 : 0
    color: Theme.tint(Theme.statusColor(known ? info.status : ""), 0.06)
    objectName: "runDetails"

    // The shared clock ticks only while something on screen counts.
    readonly property bool ticking: running
    Component.onCompleted: if (ticking) Ticker.users++
    Component.onDestruction: if (ticking) Ticker.users--
    onTickingChanged: Ticker.users += ticking ? 1 : -1

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.border
    }

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 12
        spacing: 6

        RowLayout {
            spacing: 8
            Layout.fillWidth: true
            Label {
                text: qsTr("In this run")
                font.bold: true
                Accessible.role: Accessible.Heading
            }
            StatusBadge {
                visible: details.known
                info: details.info
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "showLogsButton"
                visible: details.known && details.info.attempts > 0
                text: qsTr("Logs")
                flat: true
                onClicked: details.showLogsRequested()
            }
        }

        Label {
            visible: !details.known
            objectName: "runDetailsHint"
            text: details.nodeId === "" ? qsTr("Select a step on the canvas to see what it did in this run.")
                                        : qsTr("%1 is not part of this run.").arg(details.nodeId)
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }

        GridLayout {
            visible: details.known
            columns: 2
            columnSpacing: 10
            rowSpacing: 3
            Layout.fillWidth: true

            Label {
                text: qsTr("Attempts")
                color: Theme.textMuted
                visible: attemptsValue.visible
            }
            Label {
                id: attemptsValue
                objectName: "runDetailsAttempts"
                visible: details.info.attempts > 0
                text: details.info.maxAttempts > 1 ? qsTr("%1 of %2").arg(details.info.attempts).arg(details.info.maxAttempts)
                                                   : String(details.info.attempts)
            }

            Label {
                text: qsTr("Started")
                color: Theme.textMuted
                visible: details.info.startedAt > 0
            }
            Label {
                visible: details.info.startedAt > 0
                text: details.info.startedAt > 0 ? Qt.formatTime(new Date(details.info.startedAt), "hh:mm:ss") : ""
            }

            Label {
                text: details.info.endedAt > 0 ? qsTr("Took") : qsTr("Running for")
                color: Theme.textMuted
                visible: tookValue.visible
            }
            Label {
                id: tookValue
                objectName: "runDetailsTook"
                visible: details.info.startedAt > 0 && (details.info.endedAt > 0 || details.running)
                text: Theme.duration((details.info.endedAt > 0 ? details.info.endedAt : details.now)
                                     - details.info.startedAt)
            }

            // A step that failed, then succeeded or was let pass, keeps its last error:
            // shown, but not as the outcome.
            Label {
                objectName: "runDetailsErrorTitle"
                text: details.failed ? qsTr("Error") : qsTr("Last error")
                color: Theme.textMuted
                visible: errorValue.visible
                Layout.alignment: Qt.AlignTop
            }
            Label {
                id: errorValue
                objectName: "runDetailsError"
                visible: (details.info.errorType ?? "") !== ""
                text: (details.info.errorType ?? "") + ((details.info.errorMessage ?? "") !== ""
                                                        ? ": " + details.info.errorMessage : "")
                color: details.failed ? Theme.statusColor("Failed") : Theme.text
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                Layout.fillWidth: true
            }
        }

        Label {
            visible: details.outputNames.length > 0
            text: qsTr("Outputs")
            color: Theme.textMuted
        }
        Repeater {
            model: details.outputNames
            delegate: Label {
                required property string modelData
                objectName: "runDetailsOutput:" + modelData
                text: modelData + " = " + String(details.info.outputs[modelData])
                font.family: Theme.monoFamily
                font.pixelSize: Theme.smallFontSize
                textFormat: Text.PlainText
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.leftMargin: 8

                HoverHandler {
                    onHoveredChanged: {
                        if (hovered && parent.truncated) {
                            parent.ToolTip.delay = 500
                            parent.ToolTip.show(parent.text)
                        } else {
                            parent.ToolTip.hide()
                        }
                    }
                }
            }
        }
    }
}
