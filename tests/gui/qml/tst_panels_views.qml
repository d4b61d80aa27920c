import QtQuick
import QtTest
import QtQuick.Controls
import Pipewright
import PipewrightTest

// The YAML view follows edits; a click on a problem selects its element (and, in the main
// window, shows it in the property panel).
TestCase {
    id: testCase
    name: "YamlAndProblems"
    width: 900
    height: 700
    when: windowShown
    visible: true

    readonly property string checkout: "pipeline.stages[0].stage.steps[0].step"

    Component {
        id: yamlComponent
        YamlView {
            width: 600
            height: 400
        }
    }
    Component {
        id: tabsComponent
        BottomTabs {
            width: 900
            height: 300
        }
    }
    Component {
        id: mainComponent
        Main {}
    }
    Component {
        id: iconComponent
        // A card's surface, as on the canvas, with a step type's icon on it.
        Rectangle {
            property alias icon: typeIcon
            width: 96
            height: 96
            color: Theme.panel
            TypeIcon {
                id: typeIcon
                anchors.centerIn: parent
                type: "Shell"
                size: 64
            }
        }
    }
    Component {
        id: okIconComponent
        ThemedIcon {
            source: Theme.icon("ok")
            sourceSize.width: 32
            sourceSize.height: 32
        }
    }
    SignalSpy {
        id: activatedSpy
        signalName: "problemActivated"
    }

    // Any QML warning (binding loop, type error) fails the test, as in tst_main_window.
    function init() {
        failOnWarning(/.*/)
    }

    function cleanupTestCase() {
        Fixture.release()
        Fixture.useDarkPalette(false)
    }

    // How far the icon's strokes are from the tile behind them in lightness: positive when they
    // are lighter, negative when darker. The tile's colour is the grab's most common one.
    function strokeContrast(tile) {
        const image = grabImage(tile)
        const counts = {}
        let background = ""
        for (let y = 0; y < image.height; ++y) {
            for (let x = 0; x < image.width; ++x) {
                const key = String(image.pixel(x, y))
                counts[key] = (counts[key] || 0) + 1
                if (background === "" || counts[key] > counts[background])
                    background = key
            }
        }
        const backgroundLightness = Qt.color(background).hslLightness
        let furthest = 0
        for (let y = 0; y < image.height; ++y) {
            for (let x = 0; x < image.width; ++x) {
                const difference = image.pixel(x, y).hslLightness - backgroundLightness
                if (Math.abs(difference) > Math.abs(furthest))
                    furthest = difference
            }
        }
        return furthest
    }

    // Monochrome icons follow the palette: dark strokes on a light desktop, light strokes on
    // a dark one (they stayed dark grey, nearly invisible, before ThemedIcon).
    function test_iconsFollowThePalette() {
        Fixture.useDarkPalette(false)
        const light = createTemporaryObject(iconComponent, testCase)
        waitForRendering(light)
        verify(!Theme.dark)
        const onLight = strokeContrast(light.icon)
        verify(onLight < -0.3, "strokes on the light tile: " + onLight)

        Fixture.useDarkPalette(true)
        tryVerify(() => Theme.dark)
        const dark = createTemporaryObject(iconComponent, testCase)
        waitForRendering(dark)
        const onDark = strokeContrast(dark.icon)
        verify(onDark > 0.3, "strokes on the dark tile: " + onDark)

        // Coloured icons keep their colour in either palette: "ok" stays green.
        const ok = createTemporaryObject(okIconComponent, testCase)
        waitForRendering(ok)
        const image = grabImage(ok)
        let green = 0
        for (let y = 0; y < image.height; ++y) {
            for (let x = 0; x < image.width; ++x) {
                const c = image.pixel(x, y)
                if (c.g > c.r + 0.25 && c.g > c.b + 0.15)
                    ++green
            }
        }
        verify(green > 50, green + " green pixels in the ok icon")
        Fixture.useDarkPalette(false)
        tryVerify(() => !Theme.dark)
    }

    // One problem, on the checkout step's retry.maxAttempts (representable, but below 1).
    function makeProblem(document) {
        verify(document.setField(checkout, "retry", {type: "constant", maxAttempts: 0, interval: "1s"}))
        compare(document.problems.count, 1)
    }

    function test_yamlFollowsEdits() {
        const document = Fixture.load("harness-deploy.yaml")
        const view = createTemporaryObject(yamlComponent, testCase, {document: document})
        verify(view.text.indexOf("name: Checkout") >= 0)
        verify(view.text.indexOf("Fetch sources") < 0)
        verify(document.setField(checkout, "name", "Fetch sources"))
        verify(view.text.indexOf("name: Fetch sources") >= 0)
        compare(view.text, document.yamlText)
        document.undo()
        verify(view.text.indexOf("Fetch sources") < 0)
    }

    // How many pixel rows of the item, from `fromY` down, have something drawn on them: a pixel
    // that differs from the row's first one (the background at the left margin).
    function drawnRows(item, fromY) {
        const image = grabImage(item)
        let rows = 0
        for (let y = fromY; y < image.height; ++y) {
            const background = String(image.pixel(2, y))
            for (let x = 20; x < image.width - 20; x += 2) {
                if (String(image.pixel(x, y)) !== background) {
                    ++rows
                    break
                }
            }
        }
        return rows
    }

    // Issue 12 (13): after the bottom panel grows, the YAML view draws every line that now
    // fits, not only the ones it showed before (Qt 6.4's TextEdit kept its old viewport).
    function test_yamlDrawsEveryLineAfterGrowing() {
        const document = Fixture.load("harness-deploy.yaml")
        const window = createTemporaryObject(mainComponent, testCase, {document: document, monitor: Fixture.monitor()})
        waitForRendering(window.contentItem)
        const tabs = findChild(window.contentItem, "bottomTabs")
        tabs.currentIndex = 1
        waitForRendering(window.contentItem)
        tabs.currentIndex = 0
        waitForRendering(window.contentItem)
        const handleY = tabs.mapToItem(window.contentItem, 0, 0).y - 3
        mousePress(window.contentItem, 600, handleY)
        for (let step = 1; step <= 10; ++step)
            mouseMove(window.contentItem, 600, handleY - step * 40)
        mouseRelease(window.contentItem, 600, handleY - 400)
        waitForRendering(window.contentItem)
        tabs.currentIndex = 1
        waitForRendering(window.contentItem)
        wait(100)
        verify(tabs.height > 450, "bottom panel " + tabs.height)
        // Lines of text fill the panel's lower half as they fill its upper half.
        const half = Math.round(tabs.height / 2)
        const lower = drawnRows(tabs, half)
        verify(lower > half * 0.3, "only " + lower + " of " + half + " rows drawn in the lower half")
    }

    // Issue 12 (17): at the default 1400x860 window the pipeline's error handler lane, drawn
    // after the last of three stages, is out of view; a chip at the canvas's edge says so and
    // a click scrolls the lane into view, clear of the property panel.
    function test_anOffscreenPipelineErrorHandlerIsPointedTo() {
        const document = Fixture.load("pipeline-rollback.yaml")
        const window = createTemporaryObject(mainComponent, testCase, {document: document, monitor: Fixture.monitor()})
        waitForRendering(window.contentItem)
        compare(window.width, 1400)
        compare(window.height, 860)
        const canvas = findChild(window.contentItem, "designCanvas")
        const lane = findChild(canvas, "element:pipeline.errorHandler")
        verify(lane && lane.visible, "no pipeline error handler lane")
        const chip = findChild(canvas, "handlerLaneChip")
        const inCanvas = () => {
            const r = lane.mapToItem(canvas, 0, 0, lane.width, lane.height)
            return r.x >= 0 && r.x + r.width <= canvas.width + 0.5 && r.y >= 0 && r.y < canvas.height
        }
        verify(!inCanvas(), "the lane already fits; the test needs it out of view")
        tryVerify(() => chip.visible)
        compare(chip.direction, "right")
        compare(chip.empty, false)
        const r = chip.mapToItem(canvas, 0, 0, chip.width, chip.height)
        verify(r.x >= 0 && r.x + r.width <= canvas.width && r.y >= 0 && r.y + r.height <= canvas.height,
               "chip outside the canvas")

        mouseClick(chip)
        tryVerify(inCanvas, 1000, "the lane is still out of view")
        tryVerify(() => !chip.visible)
        const panel = findChild(window.contentItem, "propertyPanel")
        verify(lane.mapToItem(window.contentItem, lane.width, 0).x <= panel.mapToItem(window.contentItem, 0, 0).x)
    }

    // Puts the cursor right after `after` in the YAML editor and types `typed`.
    function typeInYaml(view, after, typed) {
        const yaml = findChild(view, "yamlText")
        yaml.forceActiveFocus()
        const at = yaml.text.indexOf(after)
        verify(at >= 0, "'" + after + "' is in the text")
        yaml.cursorPosition = at + after.length
        for (const ch of typed)
            keyClick(ch === " " ? Qt.Key_Space : ch === "\n" ? Qt.Key_Return : ch)
        return yaml
    }

    function test_yamlEditorEditsTheDocument() {
        const document = Fixture.load("harness-deploy.yaml")
        const view = createTemporaryObject(yamlComponent, testCase, {document: document})
        typeInYaml(view, "name: Checkout", " sources")
        // Once typing stops, the text is read and becomes the document: one undoable edit.
        tryVerify(() => document.properties(checkout).name === "Checkout sources", 3000, "the edit is applied")
        verify(document.dirty)
        compare(document.undoText, "Edit YAML")
        document.undo()
        compare(document.properties(checkout).name, "Checkout")
        // Undo shows in the editor at once, cursor or not.
        const yaml = findChild(view, "yamlText")
        verify(yaml.activeFocus)
        verify(yaml.text.indexOf("Checkout sources") < 0)
        compare(yaml.text, document.yamlText)
    }

    function test_yamlEditorMarksProblemsAndKeepsTheText() {
        const document = Fixture.load("harness-deploy.yaml")
        const view = createTemporaryObject(yamlComponent, testCase, {document: document})
        const before = document.yamlText
        const yaml = typeInYaml(view, "name: Checkout", "\n  bad: [")
        tryVerify(() => view.problems.length > 0, 3000, "the broken text has a problem")
        const line = yaml.text.substring(0, yaml.text.indexOf("bad: [")).split("\n").length
        verify(view.problems.some(problem => problem.error && problem.line >= line), JSON.stringify(view.problems))
        // Not applied: the document is as it was, the user's text stays, and the editor says so.
        compare(document.yamlText, before)
        verify(yaml.text.indexOf("bad: [") >= 0)
        verify(findChild(view, "yamlStatus").text.indexOf("not applied") >= 0)
        verify(!document.dirty)
    }

    function test_fileThatDoesNotLoadIsFixedInTheEditor() {
        const path = Fixture.writeFile("unreadable.yaml",
                                       "pipeline:\n  id: fixme\n  stages:\n    - stage:\n        id: build\n"
                                       + "        steps:\n          - step:\n              id: compile\n"
                                       + "              type: Shell\n              timeout: 30 minutes\n"
                                       + "              spec: {command: make}\n")
        const document = Fixture.load(path)
        verify(!document.hasPipeline)
        const view = createTemporaryObject(yamlComponent, testCase, {document: document})
        const yaml = findChild(view, "yamlText")
        // The file's own text, its problem marked at line 10.
        verify(yaml.text.indexOf("timeout: 30 minutes") >= 0)
        verify(view.problems.some(problem => problem.line === 10 && problem.error), JSON.stringify(view.problems))
        verify(findChild(view, "yamlStatus").text.indexOf("does not load") >= 0)
        // Fixed: "30 minutes" -> "30m"; the document gets its pipeline, unsaved.
        yaml.forceActiveFocus()
        const at = yaml.text.indexOf("30 minutes")
        yaml.select(at, at + "30 minutes".length)
        keyClick("3"); keyClick("0"); keyClick("m")
        tryVerify(() => document.hasPipeline, 3000, "the fixed text loads")
        verify(document.dirty)
        compare(document.outline.stageCount, 1)
    }

    function test_clickingAProblemReportsItsElement() {
        const document = Fixture.load("harness-deploy.yaml")
        const tabs = createTemporaryObject(tabsComponent, testCase, {document: document, monitor: Fixture.monitor()})
        activatedSpy.target = tabs
        activatedSpy.clear()
        makeProblem(document)
        tryVerify(() => findChild(tabs, "problem:0") !== null)
        waitForRendering(tabs)
        mouseClick(findChild(tabs, "problem:0"))
        compare(activatedSpy.count, 1)
        compare(activatedSpy.signalArguments[0][0], checkout)
        compare(activatedSpy.signalArguments[0][1], "retry.maxAttempts")
    }

    function test_clickingAProblemSelectsInTheWindow() {
        const document = Fixture.load("harness-deploy.yaml")
        makeProblem(document)
        const window = createTemporaryObject(mainComponent, testCase, {document: document, monitor: Fixture.monitor()})
        verify(window)
        waitForRendering(window.contentItem)
        compare(window.selectedPath, "")
        const row = findChild(window.contentItem, "problem:0")
        verify(row, "no problem row")
        mouseClick(row)
        compare(window.selectedPath, checkout)
        const panel = findChild(window.contentItem, "propertyPanel")
        compare(panel.path, window.selectedPath)
        compare(panel.kind, "step")
        compare(window.activeFocusItem.text, "0") // its retry.maxAttempts field
        verify(window.title.indexOf("*") > 0) // edited, not saved
    }

    // After the pipeline and a stage (both with a description), a step (none) shows no gap
    // where the description was: the General section ends with the Name field.
    function test_noGapAfterSelectingAStepAfterAStage() {
        const document = Fixture.load("harness-deploy.yaml")
        const window = createTemporaryObject(mainComponent, testCase, {document: document, monitor: Fixture.monitor()})
        waitForRendering(window.contentItem)
        window.selectedPath = "pipeline.stages[1].stage"
        waitForRendering(window.contentItem)
        window.selectedPath = checkout
        waitForRendering(window.contentItem)
        const section = findChild(window.contentItem, "generalSection")
        const panel = findChild(window.contentItem, "propertyPanel")
        const name = panel.findEditor(section, "name")
        verify(name, "no name field")
        tryVerify(() => section.height - name.mapToItem(section, 0, name.height).y < 12,
                  1000, "the section runs " + (section.height - name.mapToItem(section, 0, name.height).y)
                        + " px past the Name field")
    }

    function test_unsavedChangesPromptBeforeNew() {
        const document = Fixture.load("harness-deploy.yaml")
        const window = createTemporaryObject(mainComponent, testCase, {document: document, monitor: Fixture.monitor()})
        waitForRendering(window.contentItem)
        verify(document.setField(checkout, "name", "Fetch sources"))
        verify(document.dirty)
        const dialog = findChild(window, "unsavedDialog")
        verify(dialog)

        // Cancel keeps everything.
        window.files.newAction.trigger()
        tryVerify(() => dialog.opened)
        dialog.standardButton(Dialog.Cancel).clicked()
        tryVerify(() => !dialog.visible)
        verify(document.hasPipeline)
        compare(document.properties(checkout).name, "Fetch sources")

        // Discard goes on with New.
        window.selectedPath = checkout
        window.files.newAction.trigger()
        tryVerify(() => dialog.opened)
        dialog.standardButton(Dialog.Discard).clicked()
        tryVerify(() => !dialog.visible)
        verify(!document.dirty)
        verify(document.isUntitled)
        compare(window.selectedPath, "")
    }

    function test_copyPasteAndDeleteActOnTheSelection() {
        const document = Fixture.load("harness-deploy.yaml")
        const window = createTemporaryObject(mainComponent, testCase, {document: document, monitor: Fixture.monitor()})
        waitForRendering(window.contentItem)
        window.selectedPath = checkout
        verify(document.copy(checkout))
        window.editing.pasteAction.trigger()
        // Pasted right after the selected step, and selected.
        compare(window.selectedPath, "pipeline.stages[0].stage.steps[1].step")
        compare(document.properties(window.selectedPath).type, "Echo")
        verify(document.properties(window.selectedPath).id !== "checkout") // renamed: ids are unique

        const pastedId = document.properties(window.selectedPath).id
        window.editing.deleteAction.trigger()
        compare(window.selectedPath, "")
        // Gone: the parallel block that followed it is back in second place.
        compare(document.properties("pipeline.stages[0].stage.steps[1].parallel").kind, "parallel")
        verify(document.yamlText.indexOf("id: " + pastedId + "\n") < 0)

        // A selected stage takes a pasted step at the end of its steps.
        window.selectedPath = "pipeline.stages[2].stage"
        window.editing.pasteAction.trigger()
        compare(window.selectedPath, "pipeline.stages[2].stage.steps[1].step")
    }

    function test_closingWithUnsavedChangesAsks() {
        const document = Fixture.load("harness-deploy.yaml")
        const window = createTemporaryObject(mainComponent, testCase, {document: document, monitor: Fixture.monitor()})
        waitForRendering(window.contentItem)
        verify(document.setField(checkout, "name", "Fetch sources"))
        const dialog = findChild(window, "unsavedDialog")
        window.close()
        tryVerify(() => dialog.opened)
        verify(window.visible) // the close was refused until the user decides
        dialog.standardButton(Dialog.Cancel).clicked()
        tryVerify(() => !dialog.visible)
        verify(window.visible)
        compare(document.properties(checkout).name, "Fetch sources")
    }
}
