import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// "When this step fails": for each group of error types the step handles alike, what happens
// (automatic retry, catch, the failure strategy and the actions after it), read from the
// pipeline as edited, as `pipewright explain` says it. A row names the level its rule comes
// from; clicking it selects that element and its strategy entry. "Rehearse failure…" plays
// one of these failures on the canvas.
PanelSection {
    id: section

    required property PipelineDocument document
    required property var props
    // (path, field): select that element and focus that field of it.
    signal selectElement(string path, string field)
    signal rehearseRequested(string stepId)

    readonly property var rows: section.visible && props.id ? document.failureHandling(props.id) : []

    title: qsTr("When this step fails")
    iconName: "strategy"
    objectName: "failureHandlingSection"

    Repeater {
        model: section.rows

        delegate: ItemDelegate {
            id: row

            required property var modelData
            required property int index

            objectName: "failureHandlingRow"
            Layout.fillWidth: true
            padding: 6
            enabled: modelData.level !== ""
            hoverEnabled: true
            Accessible.name: modelData.types + ": " + modelData.handling
            ToolTip.visible: hovered
            ToolTip.text: modelData.errorTypes.join(", ")
                          + (modelData.level !== "" ? "\n" + qsTr("Click to select %1").arg(modelData.origin) : "")
            ToolTip.delay: 600
            onClicked: {
                const path = modelData.level === "pipeline" ? "pipeline"
                                                            : section.document.outline.pathOfNode(modelData.ownerId)
                section.selectElement(path, "failureStrategies[" + (modelData.entry - 1) + "]")
            }
            background: Rectangle {
                radius: Theme.radius
                color: row.hovered && row.enabled ? Theme.tint(Theme.accent, 0.08)
                                                   : Theme.tint(row.modelData.waitsForPerson ? Theme.warningText
                                                                                             : Theme.textMuted, 0.06)
                border.color: row.visualFocus ? Theme.accent : "transparent"
            }
            contentItem: ColumnLayout {
                spacing: 2
                Label {
                    text: row.modelData.types
                    font.bold: true
                    color: Theme.text
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "handlingText"
                    text: row.modelData.handling
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }
    }

    Button {
        objectName: "rehearseButton"
        text: qsTr("Rehearse failure…")
        enabled: section.document.hasPipeline
        ToolTip.visible: hovered
        ToolTip.delay: 600
        ToolTip.text: qsTr("Play a failure of this step on the canvas, on a virtual clock: nothing is executed")
        onClicked: section.rehearseRequested(section.props.id)
    }
}
