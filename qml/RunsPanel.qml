import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The Runs tab: every stored run, newest first, whoever started it (this window, another one,
// the command line), filtered by pipeline and status. Open shows it on the canvas with its own
// pipeline, Report opens its HTML page, Delete removes it with its logs.
Item {
    id: panel

    required property RunMonitor monitor
    readonly property RunHistoryModel history: monitor.history
    readonly property var statuses: ["", "Running", "Succeeded", "Failed", "Aborted", "RolledBack", "Interrupted"]

    function when(ms) {
        return ms > 0 ? new Date(ms).toLocaleString(Qt.locale(), "yyyy-MM-dd hh:mm:ss") : ""
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            spacing: 8
            Layout.fillWidth: true
            Layout.margins: 6
            Label { text: qsTr("Pipeline"); color: Theme.textMuted }
            ComboBox {
                objectName: "pipelineFilter"
                model: [qsTr("All")].concat(panel.history.pipelines)
                onActivated: index => panel.history.pipelineFilter = index === 0 ? "" : panel.history.pipelines[index - 1]
                Layout.preferredWidth: 180
            }
            Label { text: qsTr("Status"); color: Theme.textMuted }
            ComboBox {
                objectName: "statusFilter"
                model: panel.statuses.map(status => status === "" ? qsTr("All") : Theme.statusLabel(status))
                onActivated: index => panel.history.statusFilter = panel.statuses[index]
                Layout.preferredWidth: 140
            }
            Item { Layout.fillWidth: true }
            Label {
                text: panel.monitor.storeError !== "" ? panel.monitor.storeError
                                                      : qsTr("%1 of %2 run(s) · %3").arg(list.count).arg(panel.history.totalCount).arg(panel.monitor.databasePath)
                color: panel.monitor.storeError !== "" ? Theme.errorText : Theme.textFaint
                font.pixelSize: Theme.smallFontSize
                elide: Text.ElideMiddle
                Layout.maximumWidth: 520
            }
        }

        ListView {
            id: list
            objectName: "runsList"
            model: panel.history
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.vertical: ScrollBar {}

            delegate: Rectangle {
                id: row
                required property int index
                required property string runId
                required property string pipeline
                required property string status
                required property bool warning
                required property bool rehearsal
                required property double startedAt
                required property double endedAt
                required property string origin
                required property string deciders
                width: ListView.view.width
                height: 32
                color: panel.monitor.runId === runId ? Theme.selection : index % 2 ? Theme.panelAlt : "transparent"

                TapHandler { onDoubleTapped: panel.monitor.openRun(row.runId) }

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 8
                    anchors.rightMargin: 8
                    spacing: 10
                    Rectangle {
                        implicitWidth: 96
                        implicitHeight: 20
                        radius: 10
                        color: Theme.tint(Theme.statusColor(row.status), 0.18)
                        Label {
                            anchors.centerIn: parent
                            text: Theme.statusLabel(row.status) + (row.warning ? " ⚠" : "")
                            color: Theme.statusColor(row.status)
                            font.pixelSize: Theme.smallFontSize
                            font.bold: true
                        }
                    }
                    Label { text: row.runId; font.family: Theme.monoFamily; color: Theme.text; Layout.preferredWidth: 170 }
                    Label { text: row.pipeline; color: Theme.text; elide: Text.ElideRight; Layout.preferredWidth: 160 }
                    Label { text: panel.when(row.startedAt); color: Theme.textMuted; Layout.preferredWidth: 150 }
                    Label {
                        text: row.endedAt > 0 ? Theme.clock(row.endedAt - row.startedAt) : qsTr("running")
                        color: Theme.textMuted
                        Layout.preferredWidth: 70
                    }
                    Label {
                        text: [row.rehearsal ? qsTr("rehearsal") : "",
                               row.origin !== "" ? qsTr("resumes %1").arg(row.origin) : "",
                               row.deciders !== "" ? qsTr("decided by %1").arg(row.deciders) : ""].filter(t => t !== "").join(" · ")
                        color: Theme.textFaint
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Button { text: qsTr("Open"); objectName: "openRun"; onClicked: panel.monitor.openRun(row.runId) }
                    Button {
                        text: qsTr("Report")
                        enabled: row.endedAt > 0
                        onClicked: {
                            const url = panel.monitor.writeReport(row.runId)
                            if (url !== "")
                                Qt.openUrlExternally(url)
                        }
                    }
                    Button {
                        text: qsTr("Delete")
                        enabled: row.endedAt > 0
                        onClicked: {
                            confirmDelete.runId = row.runId
                            confirmDelete.open()
                        }
                    }
                }
            }
        }
    }

    Dialog {
        id: confirmDelete
        property string runId
        objectName: "confirmDeleteRun"
        title: qsTr("Delete run %1?").arg(runId)
        anchors.centerIn: Overlay.overlay
        modal: true
        standardButtons: Dialog.Yes | Dialog.No
        Label { text: qsTr("The run and its logs are deleted for good.") }
        onAccepted: panel.monitor.deleteRun(runId)
    }
}
