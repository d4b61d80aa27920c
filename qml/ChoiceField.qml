import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// One labelled choice of the selection, committed as soon as it is picked. An optional field
// offers `defaultText` first, which unsets it ("" is sent).
ColumnLayout {
    id: choice

    property PipelineDocument document
    property string path
    property string field
    property string label
    property string value
    property var choices: []
    property string defaultText // non-empty: first entry, meaning "unset"
    property var commitHandler: null // function(value) -> bool
    property string errorText

    readonly property var entries: (defaultText !== "" ? [""] : []).concat(choices)
    readonly property Item input: combo

    function focusInput() {
        combo.forceActiveFocus(Qt.TabFocusReason)
    }

    spacing: 3
    Layout.fillWidth: true

    Label {
        text: choice.label
        color: Theme.textMuted
        font.pixelSize: Theme.smallFontSize
        visible: text !== ""
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    ComboBox {
        id: combo
        model: choice.entries.map(entry => entry === "" ? choice.defaultText : entry)
        currentIndex: Math.max(0, choice.entries.indexOf(choice.value))
        Layout.fillWidth: true
        Accessible.name: choice.label
        onActivated: index => {
            const picked = choice.entries[index]
            if (picked === choice.value)
                return
            const ok = choice.commitHandler ? choice.commitHandler(picked)
                                            : choice.document.setField(choice.path, choice.field, picked)
            choice.errorText = ok ? "" : (choice.document.lastError || qsTr("The value was refused"))
            currentIndex = Qt.binding(() => Math.max(0, choice.entries.indexOf(choice.value)))
        }
    }

    ErrorText {
        text: choice.errorText
    }
}
