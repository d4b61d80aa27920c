import QtQuick
import QtQuick.Controls

// A red (error) or amber (warning) mark on an element the validator complains about;
// hovering it shows the first problem.
Image {
    id: mark
    objectName: "problemMark"

    required property string severity // "error", "warning" or ""
    required property string text

    visible: severity !== ""
    source: visible ? Theme.icon(severity === "error" ? "error" : "warning") : ""
    sourceSize.width: 16
    sourceSize.height: 16
    width: 16
    height: 16

    Accessible.role: Accessible.StaticText
    Accessible.name: (severity === "error" ? qsTr("Error: ") : qsTr("Warning: ")) + text

    // The tooltip is made on demand: an attached ToolTip per mark would weigh on large
    // pipelines.
    HoverHandler {
        enabled: mark.visible
        onHoveredChanged: {
            if (hovered) {
                mark.ToolTip.delay = 300
                mark.ToolTip.show(mark.text)
            } else {
                mark.ToolTip.hide()
            }
        }
    }
}
