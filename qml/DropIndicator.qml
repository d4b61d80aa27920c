import QtQuick
import Pipewright

// Where the drag in flight would land: an accent line between elements, a slot in an empty
// list, a frame around an element it would run beside; red with a no-entry sign if refused.
Rectangle {
    id: indicator

    property var hover: null // CanvasController.hover

    readonly property bool shown: hover !== null && hover.rect !== null && !hover.noOp
    readonly property bool allowed: shown && hover.allowed
    readonly property string shape: shown ? hover.shape : "line"
    readonly property color tone: allowed ? Theme.accent : Theme.errorText

    visible: shown
    x: shown ? hover.rect.x : 0
    y: shown ? hover.rect.y : 0
    width: shown ? hover.rect.width : 0
    height: shown ? hover.rect.height : 0
    z: 100
    readonly property string label: shown && hover.label ? hover.label : ""

    radius: shape === "line" ? 2 : Theme.radius
    // A frame that makes elements parallel stands out: its label says what happens.
    color: shape === "line" ? tone : Theme.tint(tone, label !== "" ? 0.18 : 0.08)
    border.width: shape === "line" ? 0 : 2
    border.color: tone

    Rectangle {
        objectName: "dropLabel"
        visible: indicator.label !== ""
        // Over a frame: at its top; beside a line (a step's right edge): to its right.
        x: indicator.shape === "line" ? indicator.width + 4 : (indicator.width - width) / 2
        y: indicator.shape === "line" ? (indicator.height - height) / 2 : 6
        width: labelText.implicitWidth + 16
        height: labelText.implicitHeight + 8
        radius: height / 2
        color: indicator.tone
        Text {
            id: labelText
            anchors.centerIn: parent
            text: "⇉ " + indicator.label
            color: "white"
            font.bold: true
            font.pixelSize: Theme.smallFontSize
        }
    }

    ThemedIcon {
        visible: !indicator.allowed
        anchors.centerIn: parent
        source: Theme.icon("not-allowed")
        sourceSize.width: 28
        sourceSize.height: 28
    }
}
