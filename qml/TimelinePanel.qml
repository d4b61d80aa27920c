import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The Timeline tab (the Gantt of Kestra and Airflow): a row per step that did something, its
// attempts as bars coloured by outcome, the waits before retries (hatched amber) and for a
// person (violet) as segments of their own; rollback and handler steps marked by their lane.
// Hover for times and errors, click to select the step; Ctrl+wheel or the slider zooms; while
// the run goes on the view follows now.
Item {
    id: panel

    required property RunMonitor monitor
    readonly property RunTimelineModel timeline: monitor.timeline
    signal nodeActivated(string nodeId)

    // Fitted (the default): the whole run spans the view, growing as the run goes on, as
    // Kestra's Gantt does. Zooming by hand leaves it, and the view then follows now.
    property bool fitted: true
    property double zoomedPixelsPerSecond: 40
    readonly property double pixelsPerSecond: fitted ? Math.max(0.01, (flick.width - labelWidth - 40) / (spanMs / 1000))
                                                     : zoomedPixelsPerSecond
    property bool followNow: true
    readonly property int labelWidth: 190
    readonly property double now: monitor.live ? Ticker.now : 0
    readonly property double endMs: timeline.endMs > 0 ? timeline.endMs : Math.max(now, timeline.startMs)
    // No run yet (startMs 0): one second, not the time since 1970.
    readonly property double spanMs: timeline.startMs > 0 ? Math.max(1000, endMs - timeline.startMs) : 1000
    readonly property double contentWidth: labelWidth + spanMs / 1000 * pixelsPerSecond + 40
    // The time axis: a label every tickStepMs, the first step at least 70 pixels wide.
    readonly property double tickStepMs: {
        const steps = [100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000,
                       600000, 1800000, 3600000, 7200000, 21600000, 86400000]
        for (const candidate of steps) {
            if (candidate / 1000 * pixelsPerSecond >= 70)
                return candidate
        }
        return steps[steps.length - 1]
    }
    readonly property int tickCount: Math.min(400, Math.floor(spanMs / tickStepMs) + 1)
    onTickCountChanged: countTicks()
    function countTicks() {
        if (ticks.count > tickCount)
            ticks.remove(tickCount, ticks.count - tickCount)
        while (ticks.count < tickCount)
            ticks.append({})
    }

    function xOf(ms) {
        return labelWidth + (ms - timeline.startMs) / 1000 * pixelsPerSecond
    }
    function colourOf(segment) {
        if (segment.kind === "retry")
            return Theme.statusColor("Retrying")
        if (segment.kind === "wait")
            return Theme.statusColor("Waiting")
        if (segment.kind === "cloned")
            return Theme.statusColor("Skipped")
        switch (segment.outcome) {
        case "Succeeded": return Theme.statusColor("Succeeded")
        case "Failed": return Theme.statusColor("Failed")
        case "Running": return Theme.statusColor("Running")
        }
        return Theme.statusColor("Aborted")
    }
    function zoomTo(pixels) {
        zoomedPixelsPerSecond = Math.min(2000, Math.max(0.02, pixels))
        fitted = false
    }

    // The shared clock ticks only while something on screen counts.
    readonly property bool ticking: monitor.live
    Component.onCompleted: {
        countTicks()
        if (ticking)
            Ticker.users++
    }
    Component.onDestruction: if (ticking) Ticker.users--
    onTickingChanged: Ticker.users += ticking ? 1 : -1
    onNowChanged: if (!fitted && followNow && monitor.live) flick.contentX = Math.max(0, contentWidth - flick.width)

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            spacing: 10
            Layout.fillWidth: true
            Layout.margins: 6
            Label {
                text: panel.timeline.startMs > 0 ? qsTr("%n step(s)", "", list.count) : qsTr("No run shown: press Run (F5) or open one in Runs.")
                color: Theme.textMuted
            }
            Repeater {
                model: [[qsTr("succeeded"), Theme.statusColor("Succeeded")], [qsTr("failed"), Theme.statusColor("Failed")],
                        [qsTr("running"), Theme.statusColor("Running")], [qsTr("retry wait"), Theme.statusColor("Retrying")],
                        [qsTr("waiting for a person"), Theme.statusColor("Waiting")]]
                delegate: Row {
                    required property var modelData
                    spacing: 4
                    Rectangle { width: 14; height: 8; radius: 2; color: modelData[1]; anchors.verticalCenter: parent.verticalCenter }
                    Label { text: modelData[0]; color: Theme.textMuted; font.pixelSize: Theme.smallFontSize }
                }
            }
            Item { Layout.fillWidth: true }
            CheckBox {
                text: qsTr("Follow now")
                checked: panel.followNow
                onToggled: panel.followNow = checked
                visible: panel.monitor.live
            }
            Button { text: qsTr("Fit"); enabled: !panel.fitted; onClicked: panel.fitted = true }
            Slider {
                objectName: "timelineZoom"
                from: Math.log(0.02)
                to: Math.log(2000)
                value: Math.log(panel.pixelsPerSecond)
                onMoved: panel.zoomTo(Math.exp(value))
                Layout.preferredWidth: 140
                ToolTip.text: qsTr("Zoom (Ctrl+wheel on the bars)")
                ToolTip.visible: hovered
            }
        }

        Flickable {
            id: flick
            clip: true
            contentWidth: panel.contentWidth
            contentHeight: height
            flickableDirection: Flickable.HorizontalFlick
            boundsBehavior: Flickable.StopAtBounds
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.horizontal: ScrollBar {}
            onMovementStarted: panel.followNow = false

            WheelHandler {
                acceptedModifiers: Qt.ControlModifier
                onWheel: event => {
                    panel.zoomTo(panel.pixelsPerSecond * (event.angleDelta.y > 0 ? 1.25 : 0.8))
                }
            }

            // The time axis.
            Item {
                id: axis
                width: panel.contentWidth
                height: 20
                // Rows added and removed as the count changes, not a number or an array: the
                // span grows while a run goes on, and a Repeater given a new number (or array)
                // makes all its labels again (Qt 6.4), a few milliseconds each time. Kept
                // labels follow a new step through their bindings.
                Repeater {
                    objectName: "timelineAxis"
                    model: ListModel {
                        id: ticks
                    }
                    delegate: Label {
                        required property int index
                        readonly property double at: index * panel.tickStepMs
                        x: panel.labelWidth + at / 1000 * panel.pixelsPerSecond - width / 2
                        text: at === 0 ? "0"
                            : at < 1000 ? at + " ms"
                            : at < 60000 ? (at / 1000).toFixed(at % 1000 ? 1 : 0) + " s"
                            : Theme.clock(at)
                        color: Theme.textFaint
                        font.pixelSize: Theme.smallFontSize
                    }
                }
            }

            ListView {
                id: list
                objectName: "timelineList"
                y: axis.height
                width: panel.contentWidth
                height: flick.height - axis.height
                model: panel.timeline
                // Rows only for what is in view: the rows of the 200 steps that start
                // together come in one batch, and Qt 6.4 made the rows of the cache buffer
                // as well in that frame (16 rows with their bars, 25-30 ms on the slow machine,
                // for a view two rows high).
                cacheBuffer: 0
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}

                delegate: Item {
                    id: row
                    required property int index
                    required property string nodeId
                    required property string stage
                    required property string lane
                    required property string status
                    required property var segments
                    width: list.width
                    height: 24

                    Rectangle {
                        anchors.fill: parent
                        color: row.index % 2 ? Theme.panelAlt : "transparent"
                    }
                    // "Now": where a running run is.
                    Rectangle {
                        visible: panel.monitor.live
                        x: panel.xOf(panel.now)
                        width: 1
                        height: parent.height
                        color: Theme.accent
                        opacity: 0.5
                    }
                    Label {
                        // Stays at the left edge while the bars scroll.
                        x: flick.contentX + 8
                        width: panel.labelWidth - 12
                        anchors.verticalCenter: parent.verticalCenter
                        text: row.nodeId + (row.lane === "rollback" ? qsTr(" ↺") : row.lane === "errorHandler" ? qsTr(" ⚑") : "")
                        color: row.lane === "main" ? Theme.text : Theme.rollbackText
                        elide: Text.ElideRight
                        z: 2
                        Rectangle { anchors.fill: parent; anchors.margins: -2; color: Theme.panel; z: -1; opacity: 0.85 }
                    }
                    Repeater {
                        model: row.segments
                        delegate: Rectangle {
                            id: bar
                            required property var modelData
                            readonly property double endsAt: modelData.end > 0 ? modelData.end : panel.endMs
                            objectName: "segment:" + modelData.kind
                            x: panel.xOf(modelData.start)
                            width: modelData.kind === "cloned" ? 10 : Math.max(3, (endsAt - modelData.start) / 1000 * panel.pixelsPerSecond)
                            height: modelData.kind === "attempt" ? 14 : 8
                            anchors.verticalCenter: parent.verticalCenter
                            radius: modelData.kind === "cloned" ? 5 : 2
                            color: modelData.kind === "retry" ? Theme.tint(panel.colourOf(modelData), 0.35) : panel.colourOf(modelData)
                            border.width: modelData.kind === "retry" || modelData.kind === "wait" ? 1 : 0
                            border.color: panel.colourOf(modelData)
                            HoverHandler { id: hover }
                            ToolTip.visible: hover.hovered
                            ToolTip.text: modelData.detail
                            ToolTip.delay: 300
                            TapHandler { onTapped: panel.nodeActivated(row.nodeId) }
                        }
                    }
                }
            }
        }
    }
}
