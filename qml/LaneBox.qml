import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// One node list of a stage, group or the pipeline. The main steps sit plainly in their
// container; rollback steps and error handlers get a tinted, titled lane of their own, since
// they only run when something went wrong. While such a lane is empty it is only the place
// for its first step: a thin outlined strip that lights up (and at the foot of a stage column
// opens into a drop slot) while a step is dragged over the canvas. The whole lane takes
// drops of steps, groups and parallel blocks.
Rectangle {
    id: laneBox

    required property NodeDelegate node
    readonly property CanvasController controller: node.controller
    readonly property string lane: node.lane // "steps", "rollbackSteps" or "errorHandler"
    // "stage", "stepGroup" or "pipeline": for the caption
    readonly property string owner: node.path === "pipeline.errorHandler" ? "pipeline"
                                  : node.path.endsWith(".stepGroup." + lane) ? "stepGroup" : "stage"
    readonly property int minimumWidth: owner === "pipeline" ? Theme.stageMinWidth : 0

    readonly property bool distinct: lane !== "steps"
    readonly property bool rollback: lane === "rollbackSteps"
    readonly property bool compact: distinct && nodeList.count === 0
    // While a step is dragged over the canvas, empty lanes stand out as places to drop it;
    // those at the foot of a stage column (or the pipeline's) open into a taller slot. An
    // empty lane of a step group keeps its size: growing would shift the cards under the
    // pointer just as the user aims.
    readonly property bool invited: compact && controller.laneDragActive
    readonly property bool open: invited && owner !== "stepGroup"
    readonly property bool targeted: controller.hover !== null
                                     && controller.hover.target.listPath === node.path
    readonly property int padding: distinct && !compact ? 8 : 0
    readonly property color accent: rollback ? Theme.rollbackText : Theme.handlerText

    readonly property string title: rollback ? qsTr("Rollback")
                                  : owner === "pipeline" ? qsTr("Pipeline error handler")
                                  : qsTr("Error handler")
    readonly property string stripTitle: rollback ? qsTr("Rollback steps") : title
    readonly property string caption: {
        if (rollback)
            return owner === "stepGroup" ? qsTr("Runs on a step group rollback")
                                         : qsTr("Runs on a stage or pipeline rollback")
        if (owner === "pipeline")
            return qsTr("Runs when the run does not succeed")
        return owner === "stepGroup" ? qsTr("Runs when the group fails")
                                     : qsTr("Runs when the stage fails")
    }

    implicitWidth: compact ? Math.max(minimumWidth, strip.implicitWidth)
                           : Math.max(minimumWidth, body.implicitWidth + 2 * padding)
    implicitHeight: compact ? strip.implicitHeight : body.implicitHeight + 2 * padding
    radius: Theme.radius
    color: !distinct || compact ? "transparent" : rollback ? Theme.rollbackFill : Theme.handlerFill
    // Lit while the shown run uses the lane: a rollback or a handler is running (or ran).
    readonly property bool inUse: distinct && node.runStatus !== ""
    border.width: inUse ? 3 : distinct && !compact ? 1 : 0
    border.color: inUse ? laneBox.accent : rollback ? Theme.rollbackBorder : Theme.handlerBorder

    Accessible.role: Accessible.List
    Accessible.name: distinct ? title : qsTr("Steps")
    Accessible.description: compact ? qsTr("Empty. Drop a step here to add one.") : ""

    DropZone {
        anchors.fill: parent
        controller: laneBox.controller
        listPath: laneBox.node.path
        // An empty strip is a slot as a whole: the indicator fills it.
        container: laneBox.compact ? strip : nodeList
        besideMode: "edge"
    }

    ColumnLayout {
        id: body
        visible: !laneBox.compact
        x: laneBox.padding
        y: laneBox.padding
        width: laneBox.width - 2 * laneBox.padding
        height: implicitHeight
        spacing: 8

        RowLayout {
            visible: laneBox.distinct
            spacing: 6
            Layout.fillWidth: true

            ThemedIcon {
                source: Theme.icon(laneBox.rollback ? "rollback" : "error-handler")
                sourceSize.width: 15
                sourceSize.height: 15
                Layout.alignment: Qt.AlignTop
                Layout.topMargin: 1
            }
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Label {
                    text: laneBox.title
                    color: laneBox.accent
                    font.bold: true
                    font.pixelSize: Theme.smallFontSize + 1
                }
                Label {
                    text: laneBox.inUse ? (laneBox.node.runStatus === "Running" ? qsTr("Running now") : qsTr("Ran in this run"))
                                        : laneBox.caption
                    color: laneBox.accent
                    opacity: 0.85
                    font.pixelSize: Theme.smallFontSize
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.preferredWidth: 0 // follow the lane's width, do not widen it
                }
            }
        }

        NodeList {
            id: nodeList
            controller: laneBox.controller
            outline: laneBox.node.outline
            parentIndex: laneBox.node.nodeIndex
            listPath: laneBox.node.path
            showEmptyHint: !laneBox.distinct
            Layout.fillWidth: true
        }
    }

    Item {
        id: strip
        objectName: "emptyLane"
        visible: laneBox.compact
        width: laneBox.width
        height: laneBox.height
        // Narrow on purpose: the strip follows its column, it never widens it.
        implicitWidth: 96
        implicitHeight: laneBox.open ? 40 : 22

        readonly property color tone: laneBox.targeted ? Theme.accent
                                    : laneBox.invited ? laneBox.accent : Theme.borderStrong

        // A plain outline like the main lane's "No steps" gap: a Canvas or Shape for dashes
        // costs more on every relayout than the whole strip is worth (and Qt 6.4's software
        // renderer does not clip a Shape to the canvas).
        Rectangle {
            anchors.fill: parent
            radius: Theme.radius
            color: laneBox.invited ? Theme.tint(laneBox.targeted ? Theme.accent : laneBox.accent, 0.06)
                                   : "transparent"
            border.width: 1
            border.color: strip.tone
            opacity: laneBox.invited ? 1 : 0.8
        }

        Row {
            anchors.centerIn: parent
            spacing: 4

            ThemedIcon {
                anchors.verticalCenter: parent.verticalCenter
                source: Theme.icon(laneBox.rollback ? "rollback" : "error-handler")
                sourceSize.width: 12
                sourceSize.height: 12
                opacity: laneBox.invited ? 1 : 0.5
            }
            Label {
                anchors.verticalCenter: parent.verticalCenter
                width: Math.min(implicitWidth, strip.width - 22)
                text: laneBox.stripTitle
                color: laneBox.invited ? strip.tone : Theme.textFaint
                font.pixelSize: Theme.smallFontSize
                elide: Text.ElideRight
            }
        }
    }
}
