import QtQuick
import QtTest
import Pipewright
import PipewrightTest

// "When this step fails": the explanation of a step's failure handling in its property panel,
// one row per group of error types, each naming its level; a click asks for that element and
// its strategy entry; the Rehearse button asks for a rehearsal of the step.
TestCase {
    id: testCase
    name: "FailureHandlingSection"
    width: 420
    height: 3000
    when: windowShown
    visible: true

    Component {
        id: panelComponent
        PropertyPanel {
            width: 420
            height: 3000
        }
    }

    SignalSpy {
        id: selectSpy
        signalName: "selectElement"
    }
    SignalSpy {
        id: rehearseSpy
        signalName: "rehearseRequested"
    }

    function init() {
        failOnWarning(/.*/)
        selectSpy.clear()
        rehearseSpy.clear()
    }

    function cleanupTestCase() {
        Fixture.release()
    }

    function rowsOf(panel) {
        const section = findChild(panel, "failureHandlingSection")
        verify(section)
        tryVerify(() => section.visible)
        const rows = []
        const collect = item => {
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (child.objectName === "failureHandlingRow")
                    rows.push(child)
                else
                    collect(child)
            }
        }
        collect(section)
        return rows
    }

    function openOn(stepId) {
        const document = Fixture.load("harness-deploy.yaml")
        verify(document.hasPipeline)
        const panel = createTemporaryObject(panelComponent, testCase,
                                            {document: document, path: document.outline.pathOfNode(stepId)})
        selectSpy.target = panel
        rehearseSpy.target = panel
        return panel
    }

    function test_rowsNameTheirLevel() {
        const panel = openOn("smoke_test")
        const rows = rowsOf(panel)
        // Its own entry for Timeout/Connectivity, the stage's two entries for the rest.
        compare(rows.length, 3)
        const texts = rows.map(row => row.modelData.types + " | " + row.modelData.handling)
        verify(texts.indexOf("Timeout, Connectivity | step entry 1: Retry 2x (100ms, 100ms), then MarkAsFailure") >= 0,
               texts.join("\n"))
        verify(texts.indexOf("Authentication, Authorization | stage 'deploy' entry 1: Abort") >= 0, texts.join("\n"))
        const person = rows.filter(row => row.modelData.waitsForPerson)
        compare(person.length, 1)
        verify(person[0].modelData.handling.indexOf("ManualIntervention (no decision within 2s: StageRollback)") >= 0)
    }

    function test_clickSelectsTheRuleOwner() {
        const panel = openOn("smoke_test")
        const rows = rowsOf(panel)
        const stageRow = rows.find(row => row.modelData.types === "Authentication, Authorization")
        mouseClick(stageRow)
        compare(selectSpy.count, 1)
        compare(selectSpy.signalArguments[0][0], panel.document.outline.pathOfNode("deploy"))
        compare(selectSpy.signalArguments[0][1], "failureStrategies[0]")
        const ownRow = rows.find(row => row.modelData.level === "step")
        mouseClick(ownRow)
        compare(selectSpy.signalArguments[1][0], panel.document.outline.pathOfNode("smoke_test"))
    }

    function test_followsEdits() {
        const panel = openOn("notify_team")
        compare(rowsOf(panel).length, 1)
        compare(rowsOf(panel)[0].modelData.handling, "default: MarkAsFailure")
        // A step-level strategy for Timeout: a second row appears.
        verify(panel.document.setFailureStrategies(panel.path, [{errors: ["Timeout"], action: {type: "Ignore"}}]))
        tryVerify(() => rowsOf(panel).length === 2)
        panel.document.undo()
        tryVerify(() => rowsOf(panel).length === 1)
    }

    function test_rehearseButton() {
        const panel = openOn("deploy_api")
        mouseClick(findChild(panel, "rehearseButton"))
        compare(rehearseSpy.count, 1)
        compare(rehearseSpy.signalArguments[0][0], "deploy_api")
    }
}
