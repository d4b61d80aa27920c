import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// One node list of a stage, group or the pipeline. The main steps sit plainly in their
// container; rollback steps and error handlers get a tinted, titled lane of their own, since
// they only run when something went wrong.
Rectangle {
    id: laneBox

    required property PipelineOutline outline
    required property var laneIndex
    required property string lane // "steps", "rollbackSteps" or "errorHandler"
    property string owner: "stage" // "stage", "stepGroup" or "pipeline": for the caption
    property int minimumWidth: 0

    readonly property bool distinct: lane !== "steps"
    readonly property bool rollback: lane === "rollbackSteps"
    readonly property int padding: distinct ? 8 : 0
    readonly property color accent: rollback ? Theme.rollbackText : Theme.handlerText

    readonly property string title: rollback ? qsTr("Rollback")
                                  : owner === "pipeline" ? qsTr("Pipeline error handler")
                                  : qsTr("Error handler")
    readonly property string caption: {
        if (rollback)
            return owner === "stepGroup" ? qsTr("Runs on a step group rollback")
                                         : qsTr("Runs on a stage or pipeline rollback")
        if (owner === "pipeline")
            return qsTr("Runs when the run does not succeed")
        return owner === "stepGroup" ? qsTr("Runs when the group fails")
                                     : qsTr("Runs when the stage fails")
    }

    implicitWidth: Math.max(minimumWidth, body.implicitWidth + 2 * padding)
    implicitHeight: body.implicitHeight + 2 * padding
    radius: Theme.radius
    color: !distinct ? "transparent" : rollback ? Theme.rollbackFill : Theme.handlerFill
    border.width: distinct ? 1 : 0
    border.color: rollback ? Theme.rollbackBorder : Theme.handlerBorder

    ColumnLayout {
        id: body
        x: laneBox.padding
        y: laneBox.padding
        width: laneBox.width - 2 * laneBox.padding
        height: implicitHeight
        spacing: 8

        RowLayout {
            visible: laneBox.distinct
            spacing: 6
            Layout.fillWidth: true

            Image {
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
                    text: laneBox.caption
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
            outline: laneBox.outline
            parentIndex: laneBox.laneIndex
            Layout.fillWidth: true
        }
    }
}
