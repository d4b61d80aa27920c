import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The bar above everything: which pipeline is open, from which file, and its run settings.
Rectangle {
    id: header

    required property PipelineDocument document
    property Action runAction // the toolbar's Run button (F5)

    readonly property string heading: document.hasPipeline ? document.pipelineName
                                    : document.isUntitled ? qsTr("No pipeline open")
                                    : document.fileName

    implicitHeight: 58
    color: Theme.panel

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.border
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 16
        spacing: 12

        ThemedIcon {
            source: Theme.icon("logo")
            sourceSize.width: 28
            sourceSize.height: 28
            Layout.alignment: Qt.AlignVCenter
        }

        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter

            RowLayout {
                spacing: 8
                Label {
                    text: header.heading
                    font.pixelSize: Theme.titleFontSize
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                    Layout.maximumWidth: 420
                }
                Label {
                    visible: header.document.hasPipeline
                    text: header.document.pipelineId
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.smallFontSize
                    color: Theme.textMuted
                }
                Rectangle {
                    objectName: "unsavedChip"
                    visible: header.document.dirty === true
                    implicitWidth: unsaved.implicitWidth + 14
                    implicitHeight: 18
                    radius: 9
                    color: Theme.tint(Theme.warningText, 0.14)
                    Accessible.role: Accessible.StaticText
                    Accessible.name: unsaved.text
                    Label {
                        id: unsaved
                        anchors.centerIn: parent
                        text: qsTr("Unsaved changes")
                        font.pixelSize: Theme.smallFontSize
                        color: Theme.warningText
                    }
                }
            }

            Label {
                text: header.document.isUntitled
                      ? (header.document.hasPipeline
                         ? qsTr("Not saved yet: File › Save As (Ctrl+Shift+S)")
                         : qsTr("Open a pipeline with File › Open (Ctrl+O) or start one with File › New (Ctrl+N)"))
                      : header.document.filePath + (header.document.pipelineDescription
                                                    ? "  ·  " + header.document.pipelineDescription
                                                    : "")
                color: Theme.textMuted
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
        }

        BadgeFlow {
            badges: header.document.pipelineBadges
            Layout.preferredWidth: Math.min(implicitWidth, header.width * 0.4)
            Layout.alignment: Qt.AlignVCenter
        }

        Button {
            objectName: "runButton"
            visible: header.runAction !== null
            action: header.runAction
            text: qsTr("▶  Run")
            highlighted: true
            Layout.alignment: Qt.AlignVCenter
            ToolTip.text: qsTr("Run the pipeline (F5)")
            ToolTip.visible: hovered
            ToolTip.delay: 600
        }
    }
}
