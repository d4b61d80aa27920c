import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The document as Save would write it, read-only: what an edit did to the file.
Rectangle {
    id: view

    required property PipelineDocument document
    readonly property string text: yaml.text

    color: Theme.panel

    ScrollView {
        anchors.fill: parent
        clip: true

        TextArea {
            id: yaml
            objectName: "yamlText"
            // Written and laid out only while the tab is shown: for a pipeline of 1,000
            // steps that is 100 KB of text, on every edit and when a run is shown.
            text: view.visible ? view.document.yamlText ?? "" : ""
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.NoWrap
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize
            color: Theme.text
            leftPadding: 14
            topPadding: 8
            placeholderText: qsTr("No pipeline")
            Accessible.name: qsTr("YAML of the pipeline")
            Accessible.role: Accessible.EditableText
            background: null
        }
    }
}
