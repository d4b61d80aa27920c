import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// Above the canvas while a run is shown: which run, its status, progress and time, and the
// buttons that act on it. Editing is off meanwhile: the canvas shows the pipeline the run ran.
Rectangle {
    id: bar

    required property RunMonitor monitor
    required property RunActions actions

    readonly property double now: monitor.live ? Ticker.now : 0
    readonly property double elapsed: monitor.startedAt <= 0 ? 0
                                      : (monitor.live ? now : monitor.endedAt) - monitor.startedAt

    visible: monitor.showingRun
    implicitHeight: visible ? 44 : 0
    color: Theme.tint(Theme.statusColor(monitor.status), 0.1)
    objectName: "runHeader"

    // The shared clock ticks only while something on screen counts.
    readonly property bool ticking: monitor.live
    Component.onCompleted: if (ticking) Ticker.users++
    Component.onDestruction: if (ticking) Ticker.users--
    onTickingChanged: Ticker.users += ticking ? 1 : -1

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.border
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 12
        spacing: 12

        Rectangle {
            implicitWidth: statusLabel.implicitWidth + 20
            implicitHeight: 24
            radius: 12
            color: Theme.statusColor(bar.monitor.status)
            Label {
                id: statusLabel
                objectName: "runStatusLabel"
                anchors.centerIn: parent
                text: Theme.statusLabel(bar.monitor.status) + (bar.monitor.warning ? " ⚠" : "")
                color: "white"
                font.bold: true
            }
        }
        Rectangle {
            visible: bar.monitor.rehearsal
            objectName: "rehearsalBadge"
            implicitWidth: rehearsalLabel.implicitWidth + 16
            implicitHeight: 22
            radius: 11
            color: Theme.tint(Theme.accent, 0.15)
            border.color: Theme.accent
            Label {
                id: rehearsalLabel
                anchors.centerIn: parent
                text: qsTr("Rehearsal · nothing executed · virtual time")
                color: Theme.accent
                font.pixelSize: Theme.smallFontSize
                font.bold: true
            }
        }
        Label {
            objectName: "runProgressLabel"
            text: qsTr("%1/%2 steps").arg(bar.monitor.stepsDone).arg(bar.monitor.stepsTotal)
            color: Theme.text
            font.weight: Font.DemiBold
        }
        ProgressBar {
            from: 0
            to: Math.max(1, bar.monitor.stepsTotal)
            value: bar.monitor.stepsDone
            Layout.preferredWidth: 120
        }
        Label {
            text: Theme.clock(bar.elapsed)
            color: Theme.textMuted
            font.family: Theme.monoFamily
        }
        Label {
            text: qsTr("run %1").arg(bar.monitor.runId)
                  + (bar.monitor.originRunId !== "" ? qsTr(" · resumes %1").arg(bar.monitor.originRunId) : "")
            color: Theme.textMuted
            font.family: Theme.monoFamily
            font.pixelSize: Theme.smallFontSize
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Label {
            visible: bar.monitor.waitingCount > 0
            text: qsTr("%n waiting for you", "", bar.monitor.waitingCount)
            color: Theme.statusColor("Waiting")
            font.bold: true
        }
        Button { action: bar.actions.abortAction; visible: bar.monitor.live; objectName: "abortButton" }
        Button { action: bar.actions.rerunAction; visible: !bar.monitor.live }
        Button { action: bar.actions.resumeAction; visible: !bar.monitor.live }
        Button { action: bar.actions.reportAction; visible: !bar.monitor.live }
        Button { action: bar.actions.closeRunAction; objectName: "closeRunButton" }
    }
}
