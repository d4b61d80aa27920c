import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// The panels under the canvas: Problems (click to select), the YAML of the document, and
// the shown run's Logs, Timeline, and the Runs in the store.
Rectangle {
    id: tabs

    required property PipelineDocument document
    required property RunMonitor monitor
    signal nodeActivated(string nodeId)
    property alias currentIndex: bar.currentIndex
    readonly property ProblemListModel problems: document.problems

    signal problemActivated(string path, string field)

    color: Theme.panel

    component CountChip: Rectangle {
        id: countChip
        property string iconName
        property string text
        implicitWidth: chipRow.implicitWidth + 12
        implicitHeight: 20
        radius: 10
        color: Theme.window
        Row {
            id: chipRow
            anchors.centerIn: parent
            spacing: 4
            ThemedIcon {
                anchors.verticalCenter: parent.verticalCenter
                source: Theme.icon(countChip.iconName)
                sourceSize.width: 12
                sourceSize.height: 12
            }
            Label {
                anchors.verticalCenter: parent.verticalCenter
                text: countChip.text
                color: Theme.textMuted
                font.pixelSize: Theme.smallFontSize
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            color: Theme.panelAlt
            implicitHeight: 34
            Layout.fillWidth: true

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 8
                anchors.rightMargin: 14
                spacing: 8

                TabBar {
                    id: bar
                    Layout.alignment: Qt.AlignBottom
                    background: null
                    TabButton {
                        objectName: "problemsTab"
                        text: qsTr("Problems")
                        width: implicitWidth
                        Accessible.name: qsTr("Problems")
                    }
                    TabButton {
                        objectName: "yamlTab"
                        text: qsTr("YAML")
                        width: implicitWidth
                        Accessible.name: qsTr("YAML")
                    }
                    TabButton {
                        objectName: "logsTab"
                        text: qsTr("Logs")
                        width: implicitWidth
                    }
                    TabButton {
                        objectName: "timelineTab"
                        text: qsTr("Timeline")
                        width: implicitWidth
                    }
                    TabButton {
                        objectName: "runsTab"
                        text: qsTr("Runs")
                        width: implicitWidth
                    }
                }
                CountChip {
                    visible: tabs.problems.errorCount > 0
                    iconName: "error"
                    text: tabs.problems.errorCount === 1
                          ? qsTr("1 error") : qsTr("%1 errors").arg(tabs.problems.errorCount)
                }
                CountChip {
                    visible: tabs.problems.warningCount > 0
                    iconName: "warning"
                    text: tabs.problems.warningCount === 1
                          ? qsTr("1 warning") : qsTr("%1 warnings").arg(tabs.problems.warningCount)
                }
                Item {
                    Layout.fillWidth: true
                }
            }

            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: 1
                color: Theme.border
            }
        }

        StackLayout {
            currentIndex: bar.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            ProblemsPanel {
                problems: tabs.problems
                onProblemActivated: (path, field) => tabs.problemActivated(path, field)
            }
            YamlView {
                document: tabs.document
            }
            LogsPanel {
                monitor: tabs.monitor
            }
            TimelinePanel {
                monitor: tabs.monitor
                onNodeActivated: nodeId => tabs.nodeActivated(nodeId)
            }
            RunsPanel {
                monitor: tabs.monitor
            }
        }
    }
}
