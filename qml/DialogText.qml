import QtQuick
import QtQuick.Controls
import Pipewright

// A dialog's message: as wide as its longest line up to `maxWidth`, wrapped beyond. The width
// comes from an unwrapped copy of the text, not from a wrapping Label's implicitWidth, which
// is its unwrapped width and which a Label sized from it turns into a binding loop (dialogs
// then sat off-centre at their first opening: issue 12).
Item {
    id: root

    property alias text: label.text
    property real maxWidth: 440

    implicitWidth: Math.min(Math.ceil(unwrapped.implicitWidth) + 1, maxWidth)
    implicitHeight: label.implicitHeight

    Label {
        id: label
        width: root.width
        wrapMode: Text.Wrap
    }

    Text {
        id: unwrapped
        visible: false
        text: label.text
        font: label.font
    }
}
