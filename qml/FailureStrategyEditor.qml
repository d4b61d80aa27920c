import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The element's failure strategies, an ordered list (the first entry whose error types match
// wins): add, remove, move up and down; each entry has error types as chips and an action
// with its own fields. Every change replaces the whole list with setFailureStrategies, one
// undo step; the delegates stay (the model is the count) so focus survives an edit.
PanelSection {
    id: strategiesSection

    property PipelineDocument document
    property string path
    property var props: ({})
    readonly property var strategies: props.failureStrategies ?? []
    property var actionTypes: []
    property var errorTypes: []
    property string errorText

    readonly property string field: "failureStrategies" // for PropertyPanel.focusField()

    signal entryAdded(int index)

    function focusInput() {
        addButton.forceActiveFocus(Qt.TabFocusReason)
    }

    function copyOfList() {
        return JSON.parse(JSON.stringify(strategies))
    }

    function commitList(list) {
        const ok = document.setFailureStrategies(path, list)
        errorText = ok ? "" : (document.lastError || qsTr("The failure strategies were refused"))
        return ok
    }

    function addEntry() {
        const list = copyOfList()
        list.push({errors: ["AllErrors"], action: {type: actionTypes.indexOf("MarkAsFailure") >= 0
                                                        ? "MarkAsFailure" : actionTypes[0]}})
        if (commitList(list))
            entryAdded(list.length - 1)
    }

    function removeEntry(index) {
        const list = copyOfList()
        list.splice(index, 1)
        commitList(list)
    }

    function moveEntry(index, by) {
        const to = index + by
        if (to < 0 || to >= strategies.length)
            return
        const list = copyOfList()
        const entry = list.splice(index, 1)[0]
        list.splice(to, 0, entry)
        commitList(list)
    }

    function replaceEntry(index, changes) {
        const list = copyOfList()
        list[index] = Object.assign({}, list[index], changes)
        return commitList(list)
    }

    title: qsTr("Failure strategies")
    iconName: "strategy"

    Label {
        text: strategiesSection.strategies.length === 0
              ? qsTr("None here: a failure goes to the enclosing level's strategies (default MarkAsFailure).")
              : qsTr("The first entry whose error types match wins.")
        color: Theme.textFaint
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Repeater {
        id: entries
        model: strategiesSection.strategies.length

        delegate: Rectangle {
            id: entry

            required property int index
            readonly property var strategy: strategiesSection.strategies[index] ?? ({})

            objectName: "strategy:" + index
            color: Theme.panelAlt
            border.color: Theme.border
            radius: Theme.radius
            implicitHeight: entryColumn.implicitHeight + 16
            Layout.fillWidth: true

            ColumnLayout {
                id: entryColumn
                anchors.fill: parent
                anchors.margins: 8
                spacing: 6

                RowLayout {
                    spacing: 2
                    Layout.fillWidth: true
                    Label {
                        text: qsTr("Entry %1").arg(entry.index + 1)
                        font.bold: true
                        color: Theme.text
                        Layout.fillWidth: true
                    }
                    ToolButton {
                        objectName: "moveUp"
                        text: "↑"
                        enabled: entry.index > 0
                        Accessible.name: qsTr("Move entry %1 up").arg(entry.index + 1)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Move up")
                        onClicked: strategiesSection.moveEntry(entry.index, -1)
                    }
                    ToolButton {
                        objectName: "moveDown"
                        text: "↓"
                        enabled: entry.index < strategiesSection.strategies.length - 1
                        Accessible.name: qsTr("Move entry %1 down").arg(entry.index + 1)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Move down")
                        onClicked: strategiesSection.moveEntry(entry.index, 1)
                    }
                    ToolButton {
                        objectName: "removeEntry"
                        text: "✕"
                        Accessible.name: qsTr("Remove entry %1").arg(entry.index + 1)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Remove")
                        onClicked: strategiesSection.removeEntry(entry.index)
                    }
                }

                ErrorTypeChips {
                    objectName: "errorChips"
                    label: qsTr("On errors")
                    types: strategiesSection.errorTypes
                    selected: entry.strategy.errors ?? []
                    onSelectionEdited: selection => {
                        if (!strategiesSection.replaceEntry(entry.index, {errors: selection}))
                            refusal = strategiesSection.errorText
                    }
                }

                ActionEditor {
                    id: actionEditor
                    objectName: "action"
                    document: strategiesSection.document
                    action: entry.strategy.action ?? null
                    allowed: strategiesSection.actionTypes
                    onEdited: next => {
                        errorText = strategiesSection.replaceEntry(entry.index, {action: next})
                                ? "" : strategiesSection.errorText
                    }
                }
            }
        }
    }

    Button {
        id: addButton
        objectName: "addStrategy"
        text: qsTr("Add failure strategy")
        icon.source: Theme.icon("strategy")
        Accessible.name: text
        onClicked: strategiesSection.addEntry()
    }

    ErrorText {
        text: strategiesSection.errorText
    }
}
