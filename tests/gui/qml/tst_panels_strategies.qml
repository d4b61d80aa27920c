import QtQuick
import QtTest
import Pipewright
import PipewrightTest

// The failure strategy editor: add, chips with AllErrors exclusive, an action with its own
// fields, move and remove; the document's list is what the editor shows.
TestCase {
    id: testCase
    name: "FailureStrategyEditor"
    width: 420
    height: 3000
    when: windowShown
    visible: true

    readonly property string checkout: "pipeline.stages[0].stage.steps[0].step"
    readonly property string buildStage: "pipeline.stages[0].stage"

    Component {
        id: panelComponent
        PropertyPanel {
            width: 420
            height: 3000
        }
    }

    // Any QML warning (binding loop, type error) fails the test, as in tst_main_window.
    function init() {
        failOnWarning(/.*/)
    }

    Component {
        id: actionComponent
        ActionEditor {}
    }

    // Issue: "When nobody answers in time" offered "MarkAsFailure (default)" and "MarkAsFailure".
    function test_theDefaultFollowUpIsListedOnce() {
        const editor = createTemporaryObject(actionComponent, testCase, {
            allowed: ["MarkAsFailure", "Ignore", "Abort"], defaultText: "MarkAsFailure (default)" })
        const combo = findChild(editor, "actionType")
        compare(combo.model, ["MarkAsFailure (default)", "Ignore", "Abort"])
        // Without a default, every action is listed.
        editor.defaultText = ""
        compare(combo.model, ["MarkAsFailure", "Ignore", "Abort"])
    }

    function cleanupTestCase() {
        Fixture.release()
    }

    function openPanel(path) {
        const document = Fixture.load("harness-deploy.yaml")
        verify(document.hasPipeline)
        return createTemporaryObject(panelComponent, testCase, {document: document, path: path})
    }

    // The list without unset fields (null, "", [], undefined), keys sorted, to compare with
    // what was meant.
    function normalised(value) {
        if (Array.isArray(value))
            return value.map(normalised)
        if (value === null || typeof value !== "object")
            return value
        const result = {}
        for (const key of Object.keys(value).sort()) {
            const field = value[key]
            if (field === null || field === undefined || field === ""
                    || (Array.isArray(field) && field.length === 0))
                continue
            result[key] = normalised(field)
        }
        return result
    }

    // As JSON text, so that a failure prints what differs.
    function strategiesOf(document, path) {
        return JSON.stringify(normalised(JSON.parse(JSON.stringify(
            document.properties(path).failureStrategies ?? []))))
    }

    function json(value) {
        return JSON.stringify(normalised(value))
    }

    function pickAction(scope, objectName, type) {
        const combo = findChild(scope, objectName)
        verify(combo, objectName)
        const index = combo.find(type)
        verify(index >= 0, type + " offered in " + objectName)
        combo.currentIndex = index
        combo.activated(index)
    }

    function offered(combo) {
        const types = []
        for (let i = 0; i < combo.count; ++i)
            types.push(combo.textAt(i))
        return types
    }

    function test_addToggleChipsAndManualIntervention() {
        const panel = openPanel(checkout)
        const document = panel.document
        compare(strategiesOf(document, checkout), json([]))

        mouseClick(findChild(panel, "addStrategy"))
        waitForRendering(panel)
        compare(strategiesOf(document, checkout), json([{errors: ["AllErrors"], action: {type: "MarkAsFailure"}}]))
        const entry = findChild(panel, "strategy:0")
        verify(entry)

        // Another type clears AllErrors; AllErrors clears the others.
        mouseClick(findChild(entry, "chip:Timeout"))
        compare(document.properties(checkout).failureStrategies[0].errors, ["Timeout"])
        mouseClick(findChild(entry, "chip:Connectivity"))
        compare(document.properties(checkout).failureStrategies[0].errors,
                ["Connectivity", "Timeout"])
        verify(!findChild(entry, "chip:AllErrors").checked)
        mouseClick(findChild(entry, "chip:AllErrors"))
        compare(document.properties(checkout).failureStrategies[0].errors, ["AllErrors"])
        verify(!findChild(entry, "chip:Timeout").checked)
        // The last chip stays: an entry without error types would never match.
        const revision = document.revision
        mouseClick(findChild(entry, "chip:AllErrors"))
        compare(document.revision, revision)
        verify(findChild(entry, "chip:AllErrors").checked)
        verify(findChild(entry, "errorChips").refusal.length > 0)

        pickAction(entry, "actionType", "ManualIntervention")
        compare(strategiesOf(document, checkout), json([{errors: ["AllErrors"], action: {type: "ManualIntervention"}}]))

        // Its own fields: the timeout, and onTimeout without ManualIntervention on offer.
        const timeout = findChild(entry, "interventionTimeout")
        verify(timeout.visible)
        timeout.focusInput()
        for (const character of "30m")
            keyClick(character)
        keyClick(Qt.Key_Return)
        const onTimeout = findChild(entry, "actionType1")
        verify(onTimeout, "no onTimeout editor")
        verify(offered(onTimeout).indexOf("ManualIntervention") < 0)
        pickAction(entry, "actionType1", "StageRollback")

        compare(strategiesOf(document, checkout), json([{
            errors: ["AllErrors"],
            action: {type: "ManualIntervention", timeout: "30m", onTimeout: {type: "StageRollback"}}
        }]))

        // Consecutive edits of one list may merge into one undo step: undo goes back to an
        // earlier list, never to something else.
        document.undo()
        const undone = strategiesOf(document, checkout)
        verify(undone === json([]) || undone === json([{
            errors: ["AllErrors"],
            action: {type: "ManualIntervention", timeout: "30m"}
        }]), undone)
    }

    function test_retryFieldsAndNoRetryAfterRetry() {
        const panel = openPanel(checkout)
        const document = panel.document
        mouseClick(findChild(panel, "addStrategy"))
        waitForRendering(panel)
        const entry = findChild(panel, "strategy:0")
        pickAction(entry, "actionType", "Retry")
        verify(findChild(entry, "retryCount").visible)
        verify(findChild(entry, "retryIntervals").visible)
        verify(!findChild(entry, "interventionTimeout").visible)

        findChild(entry, "retryIntervals").focusInput()
        for (const character of "1s, 5s")
            keyClick(character)
        keyClick(Qt.Key_Return)
        const onFailure = findChild(entry, "actionType1")
        const types = offered(onFailure)
        verify(types.indexOf("Retry") < 0)
        verify(types.indexOf("RetryStepGroup") < 0)
        verify(types.indexOf("Abort") >= 0)
        pickAction(entry, "actionType1", "Abort")
        compare(strategiesOf(document, checkout), json([{
            errors: ["AllErrors"],
            action: {type: "Retry", retryCount: 1, retryIntervals: ["1s", "5s"],
                     onRetryFailure: {type: "Abort"}}
        }]))
    }

    function test_actionsOfferedFollowTheLevel() {
        // A step in no group cannot use the group actions in its own list.
        const panel = openPanel(checkout)
        mouseClick(findChild(panel, "addStrategy"))
        const types = offered(findChild(findChild(panel, "strategy:0"), "actionType"))
        compare(types, panel.document.actionTypes(checkout))
        verify(types.indexOf("RetryStepGroup") < 0)
        verify(types.indexOf("StepGroupRollback") < 0)
    }

    function test_moveAndRemoveEntries() {
        const panel = openPanel(buildStage)
        const document = panel.document
        const before = JSON.parse(strategiesOf(document, buildStage))
        compare(before.length, 2)
        compare(before[0].errors, ["Timeout"])

        const second = findChild(panel, "strategy:1")
        verify(second)
        const upButton = findChild(second, "moveUp")
        mouseClick(upButton)
        compare(strategiesOf(document, buildStage), json([before[1], before[0]]))

        mouseClick(findChild(findChild(panel, "strategy:0"), "removeEntry"))
        compare(strategiesOf(document, buildStage), json([before[0]]))
        document.undo()
        const undone = strategiesOf(document, buildStage)
        verify(undone === json([before[1], before[0]]) || undone === json(before), undone)
    }
}
