import QtQuick
import QtQuick.Controls
import Pipewright

// The Run menu's actions, with their shortcuts (F5 runs, as in IDEs). Run validates first and
// asks for inputs when the pipeline declares some; the others act on the shown run.
QtObject {
    id: actions

    required property RunMonitor monitor
    required property PipelineDocument document
    // Called with the text of a refusal (problems, a run going on) to show it.
    property var showProblem: function(message) {}
    property var askInputs: function() {}

    function run() {
        const problem = monitor.problemsBeforeRun(document)
        if (problem !== "") {
            showProblem(problem)
            return
        }
        if (monitor.inputForm(document).length > 0)
            askInputs()
        else
            monitor.start(document, {})
    }

    readonly property Action runAction: Action {
        text: qsTr("&Run")
        shortcut: "F5"
        enabled: actions.document.hasPipeline && !actions.monitor.live
        onTriggered: actions.run()
    }
    readonly property Action abortAction: Action {
        text: qsTr("&Abort")
        shortcut: "Shift+F5"
        enabled: actions.monitor.live
        onTriggered: actions.monitor.abort()
    }
    readonly property Action rerunAction: Action {
        text: qsTr("Run &Again")
        enabled: actions.monitor.showingRun && !actions.monitor.live
        onTriggered: actions.monitor.rerun()
    }
    readonly property Action resumeAction: Action {
        text: qsTr("Re&sume")
        shortcut: "Ctrl+F5"
        enabled: actions.monitor.showingRun && !actions.monitor.live
        onTriggered: actions.monitor.resume(actions.document)
    }
    readonly property Action closeRunAction: Action {
        text: qsTr("&Back to the Design")
        shortcut: "Ctrl+Shift+W"
        enabled: actions.monitor.showingRun
        onTriggered: actions.monitor.closeRun()
    }
    readonly property Action reportAction: Action {
        text: qsTr("Open Re&port")
        enabled: actions.monitor.showingRun && !actions.monitor.live
        onTriggered: {
            const url = actions.monitor.writeReport(actions.monitor.runId)
            if (url !== "")
                Qt.openUrlExternally(url)
        }
    }
}
