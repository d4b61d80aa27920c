import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// A chip pinned to the canvas's edge while the pipeline's error handler lane is scrolled out
// of view, pointing the way to it; a click brings the lane in. The lane is drawn after the
// last stage, so at the default window size a three-stage pipeline left it out of sight with
// nothing saying it was there (issue 12, item 17).
AbstractButton {
    id: chip

    property bool empty: false
    // Which way the lane is from the view: "right", "left", "up" or "down".
    property string direction: "right"

    implicitWidth: row.implicitWidth + 20
    implicitHeight: 30
    hoverEnabled: true
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.Button
    Accessible.name: qsTr("Show the pipeline's error handler")
    ToolTip.visible: hovered
    ToolTip.delay: 500
    ToolTip.text: qsTr("The pipeline's error handler runs when a run has not succeeded. Click to scroll to it.")

    background: Rectangle {
        radius: height / 2
        color: chip.hovered ? Theme.tint(Theme.handlerText, 0.16) : Theme.handlerFill
        border.color: Theme.tint(Theme.handlerText, 0.5)
    }

    contentItem: Item {
        RowLayout {
            id: row
            anchors.centerIn: parent
            spacing: 6

            ThemedIcon {
                source: Theme.icon("error-handler")
                sourceSize.width: 14
                sourceSize.height: 14
            }
            Label {
                text: chip.empty ? qsTr("Pipeline error handler (empty)") : qsTr("Pipeline error handler")
                color: Theme.handlerText
                font.pixelSize: Theme.smallFontSize
            }
            Label {
                text: ({ right: "→", left: "←", up: "↑", down: "↓" })[chip.direction] ?? "→"
                color: Theme.handlerText
                font.bold: true
            }
        }
    }
}
