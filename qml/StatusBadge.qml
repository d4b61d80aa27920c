import QtQuick
import QtQuick.Controls
import Pipewright

// A node's state in the shown run, on its card: colour dot (a spinner while it runs), the
// status, and what is counting: time running, the countdown to the next attempt, to the
// deadline of a question; attempts as "2/4".
Rectangle {
    id: badge

    required property var info // NodeRunStates::info: {status, attempts, maxAttempts, startedAt, retryAt, deadline...}
    readonly property string status: info && info.status ? info.status : ""
    readonly property bool ticking: status === "Running" || status === "Retrying" || status === "Waiting"
    readonly property double now: ticking ? Ticker.now : 0

    readonly property string counter: {
        if (status === "Running" && info.startedAt > 0)
            return Theme.clock(now - info.startedAt)
        if (status === "Retrying" && info.retryAt > 0)
            return qsTr("retry in %1").arg(Theme.countdown(info.retryAt - now))
        if (status === "Waiting" && info.deadline > 0)
            return Theme.countdown(info.deadline - now)
        // A job queued on a cluster: why it waits there ("Resources", "Priority").
        if (status === "Pending" && info.reason)
            return info.reason
        return ""
    }
    readonly property string attemptsText: !info || !info.attempts ? ""
                                          : info.maxAttempts > 1 ? info.attempts + "/" + info.maxAttempts
                                          : info.attempts > 1 ? qsTr("×%1").arg(info.attempts) : ""

    visible: status !== ""
    implicitWidth: row.implicitWidth + 12
    implicitHeight: 20
    radius: 10
    color: Theme.tint(Theme.statusColor(status), 0.16)
    objectName: "statusBadge"

    Accessible.role: Accessible.StaticText
    Accessible.name: Theme.statusLabel(status) + (counter ? ", " + counter : "")

    readonly property bool spinning: status === "Running"
    Component.onCompleted: {
        Ticker.users += ticking ? 1 : 0
        Ticker.spinners += spinning ? 1 : 0
    }
    Component.onDestruction: {
        Ticker.users -= ticking ? 1 : 0
        Ticker.spinners -= spinning ? 1 : 0
    }
    onTickingChanged: Ticker.users += ticking ? 1 : -1
    onSpinningChanged: Ticker.spinners += spinning ? 1 : -1

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 5

        Item {
            width: 10
            height: 10
            anchors.verticalCenter: parent.verticalCenter
            Rectangle {
                anchors.fill: parent
                radius: 5
                color: Theme.statusColor(badge.status)
                visible: badge.status !== "Running"
            }
            // Running: a ring turning, so that a long step shows it is alive.
            Rectangle {
                id: spinner
                anchors.fill: parent
                radius: 5
                visible: badge.status === "Running"
                color: "transparent"
                border.width: 2
                border.color: Theme.statusColor("Running")
                Rectangle {
                    width: 4
                    height: 4
                    radius: 2
                    color: Theme.panel
                    x: 3
                    y: -1
                }
                rotation: visible ? Ticker.spin * 45 : 0
            }
        }
        Label {
            anchors.verticalCenter: parent.verticalCenter
            text: Theme.statusLabel(badge.status) + (badge.info && badge.info.cloned ? qsTr(" (reused)") : "")
            color: Theme.statusColor(badge.status)
            font.pixelSize: Theme.smallFontSize
            font.weight: Font.DemiBold
        }
        Label {
            anchors.verticalCenter: parent.verticalCenter
            visible: text !== ""
            text: [badge.attemptsText, badge.counter].filter(part => part !== "").join("  ")
            color: Theme.textMuted
            font.pixelSize: Theme.smallFontSize
        }
    }
}
