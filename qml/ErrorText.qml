import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// Why the document refused a value, shown under the field that asked.
Label {
    visible: text !== ""
    color: Theme.errorText
    font.pixelSize: Theme.smallFontSize
    wrapMode: Text.Wrap
    Layout.fillWidth: true
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text
}
