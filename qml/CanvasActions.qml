import QtQuick
import QtQuick.Controls
import Pipewright

// Find and zoom, on whichever canvas is on screen: the design's or the shown run's.
QtObject {
    id: actions

    required property PipelineCanvas canvas
    property bool canFind: true

    readonly property Action findAction: Action {
        text: qsTr("&Find…")
        shortcut: StandardKey.Find
        enabled: actions.canFind
        onTriggered: actions.canvas.openFind()
    }
    readonly property Action zoomInAction: Action {
        text: qsTr("Zoom &In")
        shortcut: "Ctrl++"
        onTriggered: actions.canvas.zoomIn()
    }
    // Ctrl++ is Ctrl+Shift+= on most keyboards; the key without Shift zooms in too.
    readonly property Shortcut zoomInShortcut: Shortcut {
        sequence: "Ctrl+="
        onActivated: actions.canvas.zoomIn()
    }
    readonly property Action zoomOutAction: Action {
        text: qsTr("Zoom &Out")
        shortcut: "Ctrl+-"
        onTriggered: actions.canvas.zoomOut()
    }
    readonly property Action fitAction: Action {
        text: qsTr("&Fit to Window")
        shortcut: "Ctrl+Shift+F"
        onTriggered: actions.canvas.fitToWindow()
    }
    readonly property Action resetZoomAction: Action {
        text: qsTr("&Actual Size")
        shortcut: "Ctrl+0"
        onTriggered: actions.canvas.resetZoom()
    }
}
