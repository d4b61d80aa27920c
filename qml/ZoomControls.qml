import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The canvas's zoom buttons: out, the current zoom (click for 100%), in, and fit.
Rectangle {
    id: controls

    property real zoom: 1
    signal zoomRequested(real value)
    signal fitRequested()

    implicitWidth: buttons.implicitWidth + 8
    implicitHeight: buttons.implicitHeight + 8
    radius: Theme.radius
    color: Theme.panel
    border.color: Theme.border

    component ZoomButton: ToolButton {
        property string tip
        implicitWidth: Math.max(30, implicitContentWidth + 16)
        implicitHeight: 28
        font.pixelSize: Theme.fontSize
        ToolTip.visible: hovered && tip !== ""
        ToolTip.text: tip
        ToolTip.delay: 500
    }

    RowLayout {
        id: buttons
        anchors.centerIn: parent
        spacing: 2

        ZoomButton {
            text: "−"
            tip: qsTr("Zoom out (Ctrl+−)")
            onClicked: controls.zoomRequested(controls.zoom / 1.2)
        }
        ZoomButton {
            text: Math.round(controls.zoom * 100) + "%"
            tip: qsTr("Actual size (Ctrl+0)")
            implicitWidth: 56
            onClicked: controls.zoomRequested(1)
        }
        ZoomButton {
            text: "+"
            tip: qsTr("Zoom in (Ctrl++)")
            onClicked: controls.zoomRequested(controls.zoom * 1.2)
        }
        ZoomButton {
            text: qsTr("Fit")
            tip: qsTr("Show the whole pipeline")
            onClicked: controls.fitRequested()
        }
    }
}
