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
    radius: shape === "line" ? 2 : Theme.radius
    color: shape === "line" ? tone : Theme.tint(tone, 0.08)
    border.width: shape === "line" ? 0 : 2
    border.color: tone

    ThemedIcon {
        visible: !indicator.allowed
        anchors.centerIn: parent
        source: Theme.icon("not-allowed")
        sourceSize.width: 28
        sourceSize.height: 28
    }
}
