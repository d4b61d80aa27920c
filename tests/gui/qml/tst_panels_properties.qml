import QtQuick
import QtTest
import Pipewright
import PipewrightTest

// The property panel on harness-deploy.yaml: edits go to the document, undo restores them,
// refused values say why, the retry editor shows only its type's fields.
TestCase {
    id: testCase
    name: "PropertyPanel"
    width: 420
    height: 3000
    when: windowShown
    visible: true

    readonly property string checkout: "pipeline.stages[0].stage.steps[0].step"
    readonly property string compile: "pipeline.stages[0].stage.steps[1].parallel[0].step"

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

    function cleanupTestCase() {
        Fixture.release()
    }

    function openPanel(path) {
        const document = Fixture.load("harness-deploy.yaml")
        verify(document.hasPipeline)
        const panel = createTemporaryObject(panelComponent, testCase, {document: document, path: path})
        verify(panel)
        return panel
    }

    // Focuses the field's input through the panel (as a problem click does), types `text`
    // over its content and presses Return: editingFinished commits.
    function typeInto(panel, field, text, finishKey) {
        verify(panel.focusField(field), "no editor for " + field)
        const input = panel.Window.activeFocusItem
        verify(input, "nothing focused for " + field)
        input.selectAll()
        keyClick(Qt.Key_Delete)
        for (const character of text)
            keyClick(character)
        keyClick(finishKey === undefined ? Qt.Key_Return : finishKey)
        return input
    }

    function test_showsPipelineWhenNothingSelected() {
        const panel = openPanel("")
        compare(panel.kind, "pipeline")
        verify(findChild(panel, "maxParallel").visible)
        compare(findChild(panel, "maxParallel").value, "4")
    }

    function test_editNameThenUndo() {
        const panel = openPanel(checkout)
        const document = panel.document
        compare(document.properties(checkout).name, "Checkout")

        const input = typeInto(panel, "name", "Fetch sources")
        compare(document.properties(checkout).name, "Fetch sources")
        verify(document.dirty)
        verify(document.canUndo)

        document.undo()
        compare(document.properties(checkout).name, "Checkout")
        compare(input.text, "Checkout")
    }

    // Issue 12 (10): Ctrl+Z with the cursor still in a property field undoes the document
    // once nothing is typed there; with typing pending it undoes the typing first.
    function test_ctrlZInAFieldUndoesTheDocument() {
        const panel = openPanel(checkout)
        const document = panel.document
        const input = typeInto(panel, "name", "Fetch sources")
        compare(document.properties(checkout).name, "Fetch sources")
        verify(input.activeFocus)
        keyClick(Qt.Key_Z, Qt.ControlModifier)
        compare(document.properties(checkout).name, "Checkout")
        tryCompare(input, "text", "Checkout")
        keyClick(Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
        compare(document.properties(checkout).name, "Fetch sources")

        // Typing not yet committed: Ctrl+Z takes the typing back, the document is untouched.
        keyClick(Qt.Key_End)
        keyClick(Qt.Key_X)
        compare(input.text, "Fetch sourcesx")
        keyClick(Qt.Key_Z, Qt.ControlModifier)
        compare(input.text, "Fetch sources")
        compare(document.properties(checkout).name, "Fetch sources")
    }

    function test_editTimeoutThenUndo() {
        const panel = openPanel(compile)
        const document = panel.document
        compare(document.properties(compile).timeout, "30s")

        const input = typeInto(panel, "timeout", "2m")
        compare(document.properties(compile).timeout, "2m")
        compare(input.text, "2m")
        document.undo()
        compare(document.properties(compile).timeout, "30s")
        compare(input.text, "30s")
    }

    function test_invalidDurationIsRefused() {
        const panel = openPanel(compile)
        const document = panel.document
        const revision = document.revision

        const input = typeInto(panel, "timeout", "abc")
        compare(document.properties(compile).timeout, "30s")
        verify(document.yamlText.indexOf("abc") < 0) // never applied
        const editor = input.parent
        verify(editor.errorText.length > 0, "no message under the field")
        compare(editor.errorText, document.lastError)
        compare(input.text, "abc") // kept for correcting

        typeInto(panel, "timeout", "1m")
        compare(document.properties(compile).timeout, "1m")
        compare(editor.errorText, "")
    }

    // Issue 12 (8): a refused value stays in its field and in Problems, whatever is selected
    // meanwhile, until it is fixed, typed back or undone; Save then asks first.
    function test_aRefusedValueStaysUntilFixed() {
        const panel = openPanel(compile)
        const document = panel.document
        const errorsBefore = document.problems.errorCount
        const input = typeInto(panel, "timeout", "30 minutes")
        const editor = input.parent
        compare(document.properties(compile).timeout, "30s")
        compare(document.problems.errorCount, errorsBefore + 1)
        verify(panel.problems.some(p => p.message.indexOf("'30 minutes'") >= 0), JSON.stringify(panel.problems))

        // Another element selected, then this one again: the typed text and its message are back.
        panel.path = checkout
        tryCompare(panel, "kind", "step")
        verify(panel.problems.every(p => p.message.indexOf("30 minutes") < 0))
        panel.path = compile
        tryCompare(input, "text", "30 minutes")
        verify(editor.errorText.indexOf("30 minutes") >= 0, editor.errorText)
        compare(document.problems.errorCount, errorsBefore + 1)

        // Fixed: the value applies, the problem goes.
        typeInto(panel, "timeout", "30m")
        compare(document.properties(compile).timeout, "30m")
        compare(document.problems.errorCount, errorsBefore)
        compare(editor.errorText, "")

        // Refused again, then Ctrl+Z in the field takes it back.
        typeInto(panel, "timeout", "soon")
        compare(document.problems.errorCount, errorsBefore + 1)
        panel.focusField("timeout")
        keyClick(Qt.Key_Z, Qt.ControlModifier)
        compare(document.problems.errorCount, errorsBefore)
        tryCompare(input, "text", "30m")
        compare(document.properties(compile).timeout, "30m") // the document's own edit stays

        // Refused, then the document undone: gone too.
        typeInto(panel, "timeout", "later")
        compare(document.problems.errorCount, errorsBefore + 1)
        document.undo()
        compare(document.problems.errorCount, errorsBefore)
        compare(document.properties(compile).timeout, "30s")
        tryCompare(input, "text", "30s")
    }

    function test_stepSpecFieldsFollowTheType() {
        const panel = openPanel(compile)
        verify(findChild(panel, "spec.command").visible)
        verify(findChild(panel, "spec.env"))
        verify(!findChild(panel, "spec.url"))
        typeInto(panel, "spec.command", "make all", Qt.Key_Tab) // multi-line: Tab leaves
        compare(panel.document.properties(compile).spec.command, "make all")
    }

    function test_retryEditorShowsOnlyItsTypesFields() {
        const panel = openPanel(checkout)
        const document = panel.document
        const enabled = findChild(panel, "retryEnabled")
        verify(!enabled.checked)
        mouseClick(enabled)
        verify(document.properties(checkout).retry !== null)
        verify(enabled.checked)

        const visibleFields = () => ["retry.maxAttempts", "retry.interval", "retry.delayFactor",
                                     "retry.minInterval", "retry.maxInterval", "retry.maxDuration"]
            .filter(name => findChild(panel, name).visible)
        const pick = type => {
            const combo = findChild(panel, "retryType").input
            const index = combo.find(type)
            verify(index >= 0, type)
            combo.currentIndex = index
            combo.activated(index)
            compare(document.properties(checkout).retry.type, type)
        }

        pick("constant")
        compare(visibleFields(), ["retry.maxAttempts", "retry.interval", "retry.maxDuration"])
        pick("exponential")
        compare(visibleFields(), ["retry.maxAttempts", "retry.interval", "retry.delayFactor",
                                  "retry.maxInterval", "retry.maxDuration"])
        pick("random")
        compare(visibleFields(), ["retry.maxAttempts", "retry.minInterval", "retry.maxInterval",
                                  "retry.maxDuration"])

        const sentence = findChild(panel, "retrySentence")
        verify(sentence.text.length > 0)
        compare(sentence.text, document.properties(checkout).retrySentence)

        mouseClick(enabled)
        compare(document.properties(checkout).retry ?? null, null)
    }

    function test_problemsOfTheElementAreListed() {
        const panel = openPanel(checkout)
        const document = panel.document
        // Representable, but the validator rejects it: maxAttempts < 1.
        verify(document.setField(checkout, "retry", {type: "constant", maxAttempts: 0, interval: "1s"}))
        const problems = document.properties(checkout).problems
        verify(problems.length > 0)
        compare(problems[0].field, "retry.maxAttempts")
        tryVerify(() => findChild(panel, "problem") !== null)
        waitForRendering(panel)
        mouseClick(findChild(panel, "problem"))
        const focused = panel.Window.activeFocusItem
        verify(focused)
        compare(focused.text, "0") // the maxAttempts field has the focus
    }

    // Issue 12 (9): a problem appearing or going must not move the fields, or the next click
    // lands on another control. The element's problems live in a strip below the fields.
    function test_fieldsStayPutWhenAProblemComesAndGoes() {
        const panel = openPanel(checkout)
        const document = panel.document
        const timeout = findChild(panel, "timeout")
        const strip = findChild(panel, "elementProblems")
        waitForRendering(panel)
        const yBefore = timeout.mapToItem(null, 0, 0).y
        verify(!strip.visible)

        verify(document.setField(checkout, "retry", {type: "constant", maxAttempts: 0, interval: "1s"}))
        tryVerify(() => strip.visible && strip.height > 0)
        waitForRendering(panel)
        compare(timeout.mapToItem(null, 0, 0).y, yBefore)
        // The strip is in the panel, under the fields.
        verify(strip.mapToItem(panel, 0, 0).y + strip.height <= panel.height + 0.5)
        verify(strip.mapToItem(null, 0, 0).y > yBefore)

        document.undo()
        tryVerify(() => !strip.visible)
        waitForRendering(panel)
        compare(timeout.mapToItem(null, 0, 0).y, yBefore)
    }

    function test_tabMovesThroughTheFields() {
        const panel = openPanel(checkout)
        verify(panel.focusField("id"))
        compare(panel.Window.activeFocusItem.text, "checkout")
        keyClick(Qt.Key_Tab)
        compare(panel.Window.activeFocusItem.text, "Checkout") // name
        keyClick(Qt.Key_Tab) // steps have no description: on to the type
        compare(panel.Window.activeFocusItem.currentText, "Echo")
    }

    function test_tabLeavesAMultiLineField() {
        const stage = "pipeline.stages[0].stage"
        const panel = openPanel(stage)
        verify(panel.focusField("name"))
        keyClick(Qt.Key_Tab)
        const description = panel.Window.activeFocusItem
        compare(description.text, "") // the stage's description (multi-line)
        keyClick(Qt.Key_Tab) // leaves the field instead of inserting a tab
        verify(panel.Window.activeFocusItem !== description)
        compare(panel.document.properties(stage).description, "")
    }
}
