import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// Error types as toggle chips. AllErrors excludes every other type (picking it clears them,
// picking another clears it), and the last chip cannot be cleared: a list with no error type
// would never match.
ColumnLayout {
    id: chips

    property var types: []
    property var selected: []
    property string label
    property string refusal

    // The chips' new selection, in `types` order.
    signal selectionEdited(var selection)

    function toggle(type) {
        const on = selected.indexOf(type) >= 0
        let next
        if (type === "AllErrors")
            next = on ? [] : ["AllErrors"]
        else if (on)
            next = selected.filter(t => t !== type)
        else
            next = selected.filter(t => t !== "AllErrors").concat([type])
        if (next.length === 0) {
            refusal = qsTr("At least one error type is needed.")
            return false
        }
        refusal = ""
        selectionEdited(types.filter(t => next.indexOf(t) >= 0))
        return true
    }

    spacing: 4
    Layout.fillWidth: true

    Label {
        text: chips.label
        visible: text !== ""
        color: Theme.textMuted
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Flow {
        spacing: 4
        Layout.fillWidth: true

        Repeater {
            model: chips.types

            delegate: AbstractButton {
                id: chip

                required property string modelData

                objectName: "chip:" + modelData
                text: modelData
                checkable: true
                checked: chips.selected.indexOf(modelData) >= 0
                focusPolicy: Qt.StrongFocus
                implicitWidth: chipLabel.implicitWidth + 16
                implicitHeight: 22
                Accessible.name: modelData
                Accessible.role: Accessible.CheckBox
                Accessible.checkable: true
                Accessible.checked: checked
                // The document decides; restore the binding the click broke.
                onClicked: {
                    chips.toggle(modelData)
                    checked = Qt.binding(() => chips.selected.indexOf(chip.modelData) >= 0)
                }

                background: Rectangle {
                    radius: 11
                    color: chip.checked ? Theme.accent : (chip.hovered ? Theme.hover : Theme.panelAlt)
                    border.color: chip.visualFocus ? Theme.accent
                                                   : chip.checked ? Theme.accent : Theme.border
                    border.width: chip.visualFocus ? 2 : 1
                }
                contentItem: Label {
                    id: chipLabel
                    text: chip.text
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    font.pixelSize: Theme.smallFontSize
                    color: chip.checked ? Theme.accentText : Theme.text
                }
            }
        }
    }

    ErrorText {
        text: chips.refusal
    }
}
