import QtQuick
import QtQuick.Controls
import Pipewright

// The designer's main window: palette on the left, the canvas in the middle, problems below.
// The file is shown read-only; editing arrives with the designer issue.
ApplicationWindow {
    id: window

    required property PipelineDocument document

    width: 1400
    height: 860
    minimumWidth: 900
    minimumHeight: 560
    visible: true
    title: (document.isUntitled ? qsTr("Untitled") : document.fileName) + " — Pipewright"
    color: Theme.window
    font.pixelSize: Theme.fontSize

    // A fixed palette so that Fusion's controls match Theme whatever the desktop theme is.
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.panel
    palette.alternateBase: Theme.panelAlt
    palette.text: Theme.text
    palette.button: Theme.panelAlt
    palette.buttonText: Theme.text
    palette.mid: Theme.border
    palette.midlight: Theme.panelAlt
    palette.dark: Theme.borderStrong
    palette.highlight: Theme.accent
    palette.highlightedText: "#ffffff"
    palette.toolTipBase: "#2b313c"
    palette.toolTipText: "#ffffff"
    palette.placeholderText: Theme.textFaint

    header: DocumentHeader {
        document: window.document
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Vertical

        SplitView {
            SplitView.fillHeight: true
            orientation: Qt.Horizontal

            StepPalette {
                SplitView.preferredWidth: 216
                SplitView.minimumWidth: 170
                SplitView.maximumWidth: 320
            }

            PipelineCanvas {
                SplitView.fillWidth: true
                document: window.document
            }
        }

        ProblemsPanel {
            SplitView.preferredHeight: 132
            SplitView.minimumHeight: 84
            problems: window.document.problems
        }
    }
}
