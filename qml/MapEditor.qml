import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// A map field (env, headers, exitCodes) as key/value rows. A row is committed once it has a
// key; the whole map is set in one edit. `valueChoices` turns the value into a choice
// (exitCodes: code -> error type).
ColumnLayout {
    id: mapEditor

    property PipelineDocument document
    property string path
    property string field
    property string label
    property var value: ({})
    property var valueChoices: []
    property string keyPlaceholder: qsTr("name")
    property string valuePlaceholder: qsTr("value")
    property var rows: []
    property string errorText

    readonly property Item input: addButton

    function focusInput() {
        if (rows.length > 0)
            repeater.itemAt(0).focusKey()
        else
            addButton.forceActiveFocus(Qt.TabFocusReason)
    }

    function rowsOf(map) {
        return Object.keys(map || {}).map(key => ({key: key, value: String(map[key] ?? "")}))
    }

    function commitRows(next) {
        const map = {}
        for (const row of next) {
            if (row.key !== "")
                map[row.key] = row.value
        }
        const ok = document.setField(path, field, map)
        errorText = ok ? "" : (document.lastError || qsTr("The value was refused"))
        if (ok)
            rows = next.filter(row => row.key !== "").concat(next.filter(row => row.key === ""))
        return ok
    }

    function changedRow(index, changes) {
        return rows.map((row, i) => i === index ? Object.assign({}, row, changes) : row)
    }

    onValueChanged: rows = rowsOf(value)
    onPathChanged: errorText = ""
    Component.onCompleted: rows = rowsOf(value)

    spacing: 3
    Layout.fillWidth: true

    Label {
        text: mapEditor.label
        color: Theme.textMuted
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Repeater {
        id: repeater
        model: mapEditor.rows.length

        delegate: RowLayout {
            id: row

            required property int index
            readonly property var entry: mapEditor.rows[index] ?? ({key: "", value: ""})

            function focusKey() {
                keyField.focusInput()
            }

            spacing: 4
            Layout.fillWidth: true

            FieldEditor {
                id: keyField
                document: mapEditor.document
                value: row.entry.key
                placeholder: mapEditor.keyPlaceholder
                monospace: true
                Layout.preferredWidth: 1
                commitHandler: text => mapEditor.commitRows(mapEditor.changedRow(row.index, {key: text.trim()}))
                accessibleName: qsTr("%1 %2 name").arg(mapEditor.label).arg(row.index + 1)
            }
            FieldEditor {
                visible: mapEditor.valueChoices.length === 0
                document: mapEditor.document
                value: row.entry.value
                placeholder: mapEditor.valuePlaceholder
                monospace: true
                Layout.preferredWidth: 2
                accessibleName: qsTr("%1 %2 value").arg(mapEditor.label).arg(row.index + 1)
                commitHandler: text => mapEditor.commitRows(mapEditor.changedRow(row.index, {value: text}))
            }
            ComboBox {
                visible: mapEditor.valueChoices.length > 0
                model: mapEditor.valueChoices
                currentIndex: Math.max(0, mapEditor.valueChoices.indexOf(row.entry.value))
                Layout.preferredWidth: 2
                Layout.fillWidth: true
                Accessible.name: qsTr("%1 %2 value").arg(mapEditor.label).arg(row.index + 1)
                onActivated: index => {
                    mapEditor.commitRows(mapEditor.changedRow(row.index,
                                                              {value: mapEditor.valueChoices[index]}))
                    currentIndex = Qt.binding(() => Math.max(0, mapEditor.valueChoices.indexOf(row.entry.value)))
                }
            }
            ToolButton {
                text: "✕"
                Accessible.name: qsTr("Remove %1").arg(row.entry.key || qsTr("row"))
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Remove")
                onClicked: mapEditor.commitRows(mapEditor.rows.filter((r, i) => i !== row.index))
            }
        }
    }

    Button {
        id: addButton
        text: qsTr("Add")
        flat: true
        Accessible.name: qsTr("Add to %1").arg(mapEditor.label)
        onClicked: {
            mapEditor.rows = mapEditor.rows.concat([{key: "", value: mapEditor.valueChoices[0] ?? ""}])
            repeater.itemAt(mapEditor.rows.length - 1).focusKey()
        }
    }

    ErrorText {
        text: mapEditor.errorText
    }
}
