import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The selection's fields (nothing selected: the pipeline's), its problems in a strip below. Every
// edit goes through document.setField or setFailureStrategies; the fields re-read
// document.properties(path) whenever document.revision moves (edit, undo, redo, load).
Rectangle {
    id: panel

    required property PipelineDocument document
    property string path // "" or "pipeline": the pipeline itself
    // A row of "When this step fails" asks to show the element its rule comes from.
    signal selectElement(string path, string field)
    signal rehearseRequested(string stepId)

    readonly property string elementPath: path === "" ? "pipeline" : path
    readonly property var props: readProperties(document.revision, elementPath)
    readonly property string kind: props.kind ?? ""
    readonly property var problems: props.problems ?? []
    readonly property var errorTypes: document.errorTypes()
    readonly property var stepTypes: document.stepTypes()
    readonly property var actionTypes: readActionTypes(document.revision, elementPath)

    function readProperties(revision, elementPath) {
        if (!document.hasPipeline)
            return {}
        const read = document.properties(elementPath)
        return read ? read : {}
    }

    function readActionTypes(revision, elementPath) {
        return document.hasPipeline ? document.actionTypes(elementPath) : []
    }

    function kindTitle(kindName) {
        switch (kindName) {
        case "pipeline": return qsTr("Pipeline")
        case "stage": return qsTr("Stage")
        case "parallelStages": return qsTr("Parallel stages")
        case "stepGroup": return qsTr("Step group")
        case "parallel": return qsTr("Parallel block")
        case "step": return qsTr("Step") + (props.type ? " · " + props.type : "")
        }
        return ""
    }

    function kindIcon(kindName) {
        switch (kindName) {
        case "pipeline": return "logo"
        case "stage": return "stage"
        case "stepGroup": return "step-group"
        case "parallel":
        case "parallelStages": return "parallel"
        case "step": return props.type ? props.type.toLowerCase() : "info"
        }
        return "info"
    }

    function findEditor(item, field) {
        for (let i = 0; i < item.children.length; ++i) {
            const child = item.children[i]
            if (!child.visible)
                continue
            if (child.field === field && typeof child.focusInput === "function")
                return child
            const found = findEditor(child, field)
            if (found)
                return found
        }
        return null
    }

    // Moves the keyboard focus to the editor of `field` ("spec.command", "when.condition",
    // "failureStrategies[1].action"...), or of the nearest enclosing field that has one.
    function focusField(field) {
        let name = field || ""
        while (name !== "") {
            const editor = findEditor(content, name)
            if (editor) {
                editor.focusInput()
                return true
            }
            const cut = Math.max(name.lastIndexOf("."), name.lastIndexOf("["))
            name = cut > 0 ? name.substring(0, cut) : ""
        }
        return false
    }

    // F2 / the canvas's rename request.
    function focusName() {
        return focusField(kind === "step" || kind === "stage" || kind === "stepGroup"
                          || kind === "pipeline" ? "name" : "")
    }

    // Keeps the focused field in view while tabbing through the panel.
    function revealFocused() {
        const focused = Window.activeFocusItem
        let inside = false
        for (let item = focused; item && !inside; item = item.parent)
            inside = item === content
        if (!inside)
            return
        const flick = scroll.contentItem
        const top = focused.mapToItem(content, 0, 0).y
        const bottom = top + focused.height
        if (top < flick.contentY)
            flick.contentY = Math.max(0, top - 24)
        else if (bottom > flick.contentY + flick.height)
            flick.contentY = Math.min(flick.contentHeight - flick.height, bottom - flick.height + 24)
    }

    onElementPathChanged: scroll.ScrollBar.vertical.position = 0
    // After a new selection the layouts settle in the next polish: reveal a moment later.
    Window.onActiveFocusItemChanged: revealTimer.restart()

    Timer {
        id: revealTimer
        interval: 30
        onTriggered: panel.revealFocused()
    }

    color: Theme.panel
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Properties")

    Rectangle {
        anchors.left: parent.left
        width: 1
        height: parent.height
        color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.leftMargin: 1
        spacing: 0

        // Which element this is.
        Rectangle {
            color: Theme.panelAlt
            implicitHeight: headerRow.implicitHeight + 16
            Layout.fillWidth: true

            RowLayout {
                id: headerRow
                anchors.fill: parent
                anchors.leftMargin: 14
                anchors.rightMargin: 14
                spacing: 8

                ThemedIcon {
                    source: Theme.icon(panel.kindIcon(panel.kind))
                    sourceSize.width: 18
                    sourceSize.height: 18
                }
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true
                    Label {
                        objectName: "kindTitle"
                        text: panel.kind !== "" ? panel.kindTitle(panel.kind) : qsTr("Properties")
                        font.bold: true
                        color: Theme.text
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                    }
                    Label {
                        text: panel.props.id ?? ""
                        visible: text !== ""
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallFontSize
                        color: Theme.textMuted
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                    }
                }
            }
            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: 1
                color: Theme.border
            }
        }

        ScrollView {
            id: scroll
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true

            ColumnLayout {
                id: content
                objectName: "propertyContent"
                width: scroll.availableWidth - 28
                x: 14
                spacing: 10

                Item {
                    implicitHeight: 4
                }

                Label {
                    visible: panel.kind === ""
                    text: panel.document.hasPipeline
                          ? qsTr("The selected element no longer exists.")
                          : qsTr("Open or create a pipeline to edit its properties.")
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }

                Label {
                    visible: panel.kind === "parallel" || panel.kind === "parallelStages"
                    text: panel.kind === "parallel"
                          ? qsTr("The items of a parallel block start together; the block is done when all of them are. It has no fields of its own: select an item to edit it.")
                          : qsTr("These stages run at the same time. Select a stage to edit it.")
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }

                GeneralSection {
                    objectName: "generalSection"
                    visible: ["pipeline", "stage", "stepGroup", "step"].indexOf(panel.kind) >= 0
                    document: panel.document
                    path: panel.elementPath
                    props: panel.props
                }

                StepSpecEditor {
                    visible: panel.kind === "step"
                    document: panel.document
                    path: panel.elementPath
                    props: panel.props
                    stepTypes: panel.stepTypes
                    errorTypes: panel.errorTypes
                }

                PanelSection {
                    visible: panel.kind === "step"
                    title: qsTr("Timeout")
                    iconName: "timeout"
                    DurationField {
                        objectName: "timeout"
                        document: panel.document
                        path: panel.elementPath
                        field: "timeout"
                        label: qsTr("Per attempt")
                        value: panel.props.timeout ?? ""
                        placeholder: panel.props.type === "Approval" ? qsTr("1d (default)")
                                                                     : qsTr("none")
                    }
                }

                WhenEditor {
                    visible: ["stage", "stepGroup", "step"].indexOf(panel.kind) >= 0
                    document: panel.document
                    path: panel.elementPath
                    props: panel.props
                }

                RetryEditor {
                    visible: panel.kind === "step"
                    document: panel.document
                    path: panel.elementPath
                    props: panel.props
                    errorTypes: panel.errorTypes
                }

                CatchField {
                    visible: panel.kind === "step"
                    document: panel.document
                    path: panel.elementPath
                    props: panel.props
                }

                ExecutorSection {
                    objectName: "executorSection"
                    visible: ["pipeline", "stage", "stepGroup"].indexOf(panel.kind) >= 0
                             || (panel.kind === "step" && panel.props.type === "Shell")
                    document: panel.document
                    path: panel.elementPath
                    props: panel.props
                }

                PipelineSettings {
                    visible: panel.kind === "pipeline"
                    document: panel.document
                    props: panel.props
                }

                FailureHandlingSection {
                    visible: panel.kind === "step"
                    document: panel.document
                    props: panel.props
                    onSelectElement: (path, field) => panel.selectElement(path, field)
                    onRehearseRequested: stepId => panel.rehearseRequested(stepId)
                }

                FailureStrategyEditor {
                    visible: ["pipeline", "stage", "stepGroup", "step"].indexOf(panel.kind) >= 0
                    document: panel.document
                    path: panel.elementPath
                    props: panel.props
                    actionTypes: panel.actionTypes
                    errorTypes: panel.errorTypes
                }

                PanelSection {
                    visible: panel.kind === "pipeline"
                    title: qsTr("File")
                    iconName: "file"
                    FieldEditor {
                        objectName: "headerComment"
                        document: panel.document
                        path: panel.elementPath
                        field: "headerComment"
                        label: qsTr("Comment at the top of the file")
                        value: panel.props.headerComment ?? ""
                        multiline: true
                        monospace: true
                    }
                }

                Item {
                    implicitHeight: 16
                }
            }
        }

        ElementProblems {
            objectName: "elementProblems"
            problems: panel.problems
            maximumHeight: panel.height / 3
            Layout.fillWidth: true
            onFocusFieldRequested: field => panel.focusField(field)
            // The fields' viewport got shorter: keep the field being edited in view.
            onHeightChanged: revealTimer.restart()
        }
    }
}
