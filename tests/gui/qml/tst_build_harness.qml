import QtQuick
import QtTest
import Pipewright
import PipewrightTest

// End to end: from an empty document, a user builds a Harness-style pipeline with the mouse
// (palette -> canvas drags, clicks on the canvas and in the property panel; the keyboard only
// types values into fields), saves it, and the saved file validates. Every edit goes through
// the real components arranged as in Main.qml: palette | canvas | properties, Problems below.
// The root is a plain Item: with a TestCase as the root, Qt 6.4 delivers no input to its
// children (see tst_canvas_dragdrop.qml).
Item {
    id: root
    width: 2000
    height: 1400

    TestCase {
        id: testCase
        name: "BuildHarness"
        when: windowShown

        readonly property string build: "pipeline.stages[0].stage"
        readonly property string deploy: "pipeline.stages[1].stage"
        readonly property string buildLane: build + ".steps"
        readonly property string deployLane: deploy + ".steps"
        readonly property string compile: buildLane + "[0].parallel[0].step"
        readonly property string announce: buildLane + "[0].parallel[1].step"
        readonly property string group: buildLane + "[1].stepGroup"
        readonly property string flaky: group + ".steps[0].step"
        readonly property string deployApi: deployLane + "[0].step"
        readonly property string smokeTest: deployLane + "[1].step"
        readonly property string rollbackLane: deploy + ".rollbackSteps"
        readonly property string rollbackApi: rollbackLane + "[0].step"

        // Main.qml's arrangement: the palette, the canvas and the property panel side by
        // side, the Problems / YAML tabs below, one selection shared by canvas and panel.
        Component {
            id: hostComponent
            Item {
                id: host
                required property PipelineDocument document
                property string selectedPath
                property alias palette: palette
                property alias canvas: canvas
                property alias panel: propertyPanel
                property alias tabs: bottomTabs
                readonly property int bottomHeight: 160
                width: root.width
                height: root.height

                StepPalette {
                    id: palette
                    width: 216
                    height: parent.height - host.bottomHeight
                }
                PipelineCanvas {
                    id: canvas
                    x: 216
                    width: parent.width - 216 - 340
                    height: parent.height - host.bottomHeight
                    document: host.document
                }
                PropertyPanel {
                    id: propertyPanel
                    objectName: "propertyPanel"
                    x: parent.width - 340
                    width: 340
                    height: parent.height - host.bottomHeight
                    document: host.document
                    path: host.selectedPath
                }
                BottomTabs {
                    id: bottomTabs
                    objectName: "bottomTabs"
                    y: parent.height - host.bottomHeight
                    width: parent.width
                    height: host.bottomHeight
                    document: host.document
                    monitor: Fixture.monitor()
                    onProblemActivated: (path, field) => {
                        host.selectedPath = path === "pipeline" ? "" : path
                        propertyPanel.focusField(field)
                    }
                }

                // As in Main.qml: the canvas and the panel share one selection.
                onSelectedPathChanged: {
                    if (canvas.selectedPath !== selectedPath)
                        canvas.selectedPath = selectedPath
                }
                Connections {
                    target: canvas
                    function onSelectedPathChanged() {
                        host.selectedPath = canvas.selectedPath
                    }
                    function onRenameRequested(path) {
                        host.selectedPath = path
                        propertyPanel.focusName()
                    }
                }
            }
        }

        // Any QML warning (binding loop, type error) fails the test, as in the panel suites.
        function init() {
            failOnWarning(/.*/)
        }

        // After the hosts (temporary objects) are gone: they use the documents to the end.
        function cleanupTestCase() {
            Fixture.release()
        }

        // Renders a frame, so that every pending polish (layout) is done: positions read
        // afterwards are what the user sees. (Waiting for a frame without asking for one
        // would wait out the timeout whenever nothing changed.)
        function settle() {
            root.Window.window.update()
            verify(waitForRendering(root, 3000), "a frame was rendered")
        }

        function openHost(document) {
            const host = createTemporaryObject(hostComponent, root, { document: document })
            verify(host)
            tryVerify(() => host.canvas.width > 0 && host.panel.width > 0)
            settle()
            return host
        }

        function element(host, path) {
            return findChild(host.canvas, "element:" + path)
        }

        function existingElement(host, path) {
            tryVerify(() => element(host, path) !== null, 2000, "the canvas shows " + path)
            return element(host, path)
        }

        function paletteEntry(host, kind) {
            const entry = findChild(host.palette, "palette:" + kind)
            verify(entry, "palette entry " + kind)
            return entry
        }

        // (x, y) of `item` in root coordinates, checked to be inside `area` (what the user
        // can see and reach there).
        function pointIn(area, item, x, y, what) {
            const inArea = item.mapToItem(area, x, y)
            verify(inArea.x >= 0 && inArea.y >= 0 && inArea.x < area.width && inArea.y < area.height,
                   what + " is in view at " + inArea.x + "," + inArea.y)
            return item.mapToItem(root, x, y)
        }

        // Drags the palette entry `kind` to (tx, ty) of `target` with the button held, in
        // small steps. The target point is computed again once the drag is under way, since
        // empty lanes open up while a step is dragged over the canvas.
        function dragFromPalette(host, kind, target, tx, ty) {
            // Positions are right once the layouts have settled (polished before a frame).
            settle()
            const entry = paletteEntry(host, kind)
            const a = pointIn(host.palette, entry, entry.width / 2, entry.height / 2, "palette " + kind)
            const b = pointIn(host.canvas, target, tx, ty, "drop target")
            mousePress(root, a.x, a.y, Qt.LeftButton)
            const steps = 12
            for (let i = 1; i <= steps; ++i) {
                mouseMove(root, a.x + (b.x - a.x) * i / steps, a.y + (b.y - a.y) * i / steps,
                          5, Qt.LeftButton)
            }
            const end = pointIn(host.canvas, target, tx, ty, "drop target")
            mouseMove(root, end.x, end.y, 5, Qt.LeftButton)
            return end
        }

        // The drop zone's verdict once the drag has caught up with the pointer (the Drag
        // attached property delivers its moves in a queued event).
        function hoverAt(host, expected, what) {
            const matches = target => expected.beside !== undefined
                ? target.beside === expected.beside
                : target.listPath === expected.listPath && target.index === expected.index
            tryVerify(() => host.canvas.controller.hover !== null
                            && matches(host.canvas.controller.hover.target), 1000,
                      "the drag for " + what + " is over the expected place")
            return host.canvas.controller.hover
        }

        // Drops what dragFromPalette carries; checks where the canvas said it would land
        // (`expected`: {listPath, index} or {beside}) and that the new element is selected.
        function dropAt(host, end, expected, added) {
            const hover = hoverAt(host, expected, added)
            verify(hover.allowed, "the drop for " + added + " is allowed")
            if (expected.beside !== undefined) {
                compare(hover.target.beside, expected.beside)
            } else {
                compare(hover.target.listPath, expected.listPath)
                compare(hover.target.index, expected.index)
            }
            mouseRelease(root, end.x, end.y, Qt.LeftButton)
            tryCompare(host, "selectedPath", added)
            tryCompare(host.panel, "elementPath", added)
            return existingElement(host, added)
        }

        // From tst_canvas_dragdrop.qml: into an empty rollback / handler lane, which is a
        // thin strip until a step is dragged over the canvas.
        function dropIntoEmptyLane(host, kind, lanePath) {
            settle()
            const entry = paletteEntry(host, kind)
            const lane = element(host, lanePath)
            verify(lane, lanePath + " is drawn (an empty lane is a drop target)")
            verify(lane.item.compact, lanePath + " is drawn as an empty strip")
            const closedHeight = lane.height

            const start = pointIn(host.palette, entry, entry.width / 2, entry.height / 2, "palette " + kind)
            const near = pointIn(host.canvas, lane, lane.width / 2, -20, "above " + lanePath)
            mousePress(root, start.x, start.y, Qt.LeftButton)
            for (let i = 1; i <= 10; ++i) {
                mouseMove(root, start.x + (near.x - start.x) * i / 10,
                          start.y + (near.y - start.y) * i / 10, 5, Qt.LeftButton)
            }
            tryVerify(() => host.canvas.controller.laneDragActive)
            tryVerify(() => lane.height > closedHeight, 1000, "the lane opens while dragging")
            // The column lays itself out again around the opened lane.
            settle()

            const end = pointIn(host.canvas, lane, lane.width / 2, lane.height / 2, lanePath)
            mouseMove(root, end.x, end.y, 5, Qt.LeftButton)
            const added = lanePath + "[0].step"
            dropAt(host, end, { listPath: lanePath, index: 0 }, added)
            tryVerify(() => !host.canvas.controller.laneDragActive)
            return added
        }

        // Clicks an element of the canvas (a card, a stage's header, a group's title row)
        // and waits until the panel shows it.
        function clickElement(host, path, y) {
            const item = existingElement(host, path)
            settle()
            const at = pointIn(host.canvas, item, item.width / 2, y === undefined ? item.height / 2 : y, path)
            mouseClick(root, at.x, at.y, Qt.LeftButton)
            tryCompare(host, "selectedPath", path)
            tryCompare(host.panel, "elementPath", path)
            tryVerify(() => host.panel.props.kind !== undefined && host.panel.props.kind !== "")
            settle()
        }

        // The property panel scrolls its content; bring `item` into its viewport before
        // clicking it. (Scrolled by setting the position, as the panel's own revealFocused()
        // does: the tall window normally makes this a no-op.)
        function revealInPanel(host, item) {
            const content = findChild(host.panel, "propertyContent")
            verify(content)
            const flick = content.parent.parent
            verify(flick.contentY !== undefined, "the panel's Flickable")
            const top = item.mapToItem(content, 0, 0).y
            if (top < flick.contentY || top + item.height > flick.contentY + flick.height) {
                flick.contentY = Math.max(0, Math.min(flick.contentHeight - flick.height, top - 24))
                settle()
            }
            const middle = item.mapToItem(host.panel, item.width / 2, item.height / 2)
            verify(middle.y > 0 && middle.y < host.panel.height, "the field is in the panel's view")
        }

        // The editor of `field` in the panel ("id", "spec.command", ...), as Problems finds it.
        function editorFor(host, field) {
            const content = findChild(host.panel, "propertyContent")
            verify(content)
            const editor = host.panel.findEditor(content, field)
            verify(editor, "the panel has an editor for " + field)
            return editor
        }

        // Clicks the text field of a FieldEditor, replaces its text by typing and commits as
        // the panel expects: Enter in a one-line field, Tab out of a multi-line one.
        function typeInto(host, editor, text) {
            const input = editor.input
            verify(input && input.visible, "a visible input")
            revealInPanel(host, input)
            mouseClick(input)
            tryVerify(() => input.activeFocus, 1000, "the field takes the focus on a click")
            keyClick(Qt.Key_A, Qt.ControlModifier)
            for (const character of text)
                keyClick(character)
            compare(input.text, text)
            keyClick(editor.multiline ? Qt.Key_Tab : Qt.Key_Return)
            compare(editor.errorText, "", "the value was taken")
            // The panel reveals the newly focused field 30 ms later: let it settle.
            wait(60)
        }

        function fill(host, path, field, text) {
            typeInto(host, editorFor(host, field), text)
            const read = host.document.properties(path)
            const value = field.startsWith("spec.") ? read.spec[field.substring(5)] : read[field]
            compare(value, text, field + " of " + path)
        }

        // Opens a combo box with a click and clicks the entry `text` in its popup.
        function pickFromCombo(host, combo, text) {
            verify(combo && combo.visible, "a visible combo box for " + text)
            revealInPanel(host, combo)
            const index = combo.find(text)
            verify(index >= 0, text + " is offered")
            mouseClick(combo)
            tryVerify(() => combo.popup.opened, 1000, "the popup opens")
            const list = combo.popup.contentItem
            list.positionViewAtIndex(index, ListView.Contain)
            tryVerify(() => list.itemAtIndex(index) !== null)
            const choice = list.itemAtIndex(index)
            compare(choice.text, text)
            mouseClick(choice)
            tryVerify(() => !combo.popup.visible, 1000, "the popup closes")
            tryCompare(combo, "currentText", text)
            wait(60)
        }

        function clickButton(host, button) {
            verify(button && button.visible && button.enabled, "an enabled button")
            revealInPanel(host, button)
            mouseClick(button)
            settle()
        }

        // The list without unset fields (null, "", [], undefined), keys sorted; as JSON text,
        // so that a failure prints what differs.
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

        function json(value) {
            return JSON.stringify(normalised(value))
        }

        function strategiesOf(document, path) {
            return json(JSON.parse(JSON.stringify(document.properties(path).failureStrategies ?? [])))
        }

        // The entry `index` of the strategy editor on show (delegates of an element shown
        // before may linger for a moment).
        function strategyEntry(host, index) {
            tryVerify(() => {
                const entry = findChild(host.panel, "strategy:" + index)
                return entry !== null && entry.visible && entry.index === index
            })
            return findChild(host.panel, "strategy:" + index)
        }

        // The whole document, checked through the document API after the UI built it.
        function checkHarness(document) {
            compare(document.properties(build).id, "build")
            compare(document.properties(deploy).id, "deploy")
            compare(document.properties(buildLane + "[0].parallel").kind, "parallel")

            const compileProps = document.properties(compile)
            compare(compileProps.id, "compile")
            compare(compileProps.type, "Shell")
            compare(compileProps.spec.command, "make build")
            const announceProps = document.properties(announce)
            compare(announceProps.id, "announce_build")
            compare(announceProps.type, "Echo")
            compare(announceProps.spec.message, "Building the service")

            const groupProps = document.properties(group)
            compare(groupProps.kind, "stepGroup")
            compare(groupProps.id, "integration_tests")
            compare(strategiesOf(document, group), json([{
                errors: ["AllErrors"],
                action: { type: "Retry", retryCount: 2, retryIntervals: ["10s"] }
            }]))
            const flakyProps = document.properties(flaky)
            compare(flakyProps.id, "flaky_test")
            compare(flakyProps.type, "Fail")
            compare(flakyProps.spec.message, "flaky integration test")

            const deployProps = document.properties(deployApi)
            compare(deployProps.id, "deploy_api")
            compare(deployProps.type, "Shell")
            compare(deployProps.spec.command, "./deploy.sh api")
            const smokeProps = document.properties(smokeTest)
            compare(smokeProps.id, "smoke_test")
            compare(smokeProps.type, "Verify")
            compare(smokeProps.spec.condition, "steps.deploy_api.status === 'Succeeded'")
            const rollbackProps = document.properties(rollbackApi)
            compare(rollbackProps.id, "rollback_api")
            compare(rollbackProps.type, "Echo")
            compare(rollbackProps.spec.message, "Rolling back the api")
            compare(strategiesOf(document, deploy), json([{
                errors: ["AllErrors"],
                action: { type: "ManualIntervention", timeout: "30m",
                          onTimeout: { type: "StageRollback" } }
            }]))

            // Nothing else crept in: six steps, one group, one parallel block, two stages.
            const yaml = document.yamlText
            const count = pattern => (yaml.match(pattern) || []).length
            compare(count(/^\s*- step:/gm), 6, yaml)
            compare(count(/^\s*- stepGroup:/gm), 1, yaml)
            compare(count(/^\s*- parallel:/gm), 1, yaml)
            compare(count(/^\s*- stage:/gm), 2, yaml)
        }

        function test_buildHarnessWithTheMouse() {
            const document = Fixture.load("harness-deploy.yaml")
            document.newDocument()
            verify(document.hasPipeline)
            verify(!document.canUndo)
            const host = openHost(document)
            verify(!element(host, build), "the new document has no stages")
            verify(document.problems.count > 0, "an empty pipeline is not valid yet")

            // 1. Two stages from the palette: onto the empty canvas, then after the first.
            let end = dragFromPalette(host, "Stage", host.canvas, host.canvas.width / 2,
                                      host.canvas.height / 2)
            dropAt(host, end, { listPath: "pipeline.stages", index: 0 }, build)
            const buildColumn = existingElement(host, build)
            // The right part of a column (beyond its middle third) means "after it".
            end = dragFromPalette(host, "Stage", buildColumn, buildColumn.width * 0.9,
                                  buildColumn.height / 2)
            dropAt(host, end, { listPath: "pipeline.stages", index: 1 }, deploy)

            // 2. build: a Shell step, an Echo beside it (a parallel block), a step group
            // after the block and a Fail step into the group.
            let lane = existingElement(host, buildLane)
            end = dragFromPalette(host, "Shell", lane, lane.width / 2, 10)
            let card = dropAt(host, end, { listPath: buildLane, index: 0 }, buildLane + "[0].step")
            // The right edge of a card: side by side with it.
            end = dragFromPalette(host, "Echo", card, card.width - 8, card.height / 2)
            dropAt(host, end, { beside: buildLane + "[0].step" }, announce)
            compare(document.properties(compile).type, "Shell")
            // The bottom edge of the parallel frame, below its items' own drop zone: the
            // build lane, after the block.
            // The bottom edge of the parallel frame, below its items' own drop zone: the
            // build lane, after the block.
            const block = existingElement(host, buildLane + "[0].parallel")
            end = dragFromPalette(host, "StepGroup", block, block.width * 0.3, block.height - 2)
            dropAt(host, end, { listPath: buildLane, index: 1 }, group)
            lane = existingElement(host, group + ".steps")
            end = dragFromPalette(host, "Fail", lane, lane.width / 2, 10)
            dropAt(host, end, { listPath: group + ".steps", index: 0 }, flaky)

            // 3. deploy: a Shell step, a Verify step below it, an Echo into its rollback lane.
            lane = existingElement(host, deployLane)
            end = dragFromPalette(host, "Shell", lane, lane.width / 2, 10)
            card = dropAt(host, end, { listPath: deployLane, index: 0 }, deployApi)
            // The lower half of the last card (not its right edge): after it.
            end = dragFromPalette(host, "Verify", card, card.width * 0.3, card.height * 0.75)
            dropAt(host, end, { listPath: deployLane, index: 1 }, smokeTest)
            compare(dropIntoEmptyLane(host, "Echo", rollbackLane), rollbackApi)

            compare(document.properties(buildLane + "[0].parallel").kind, "parallel")
            compare(document.properties(announce).type, "Echo")
            compare(document.properties(group).kind, "stepGroup")
            compare(document.properties(flaky).type, "Fail")
            compare(document.properties(deployApi).type, "Shell")
            compare(document.properties(smokeTest).type, "Verify")
            compare(document.properties(rollbackApi).type, "Echo")

            // 4. Select each element on the canvas and fill its fields in the panel.
            clickElement(host, build, 24) // the header is the stage's handle
            compare(host.panel.kind, "stage")
            fill(host, build, "id", "build")
            clickElement(host, deploy, 24)
            fill(host, deploy, "id", "deploy")

            clickElement(host, compile)
            compare(host.panel.props.type, "Shell")
            fill(host, compile, "id", "compile")
            fill(host, compile, "spec.command", "make build")

            clickElement(host, announce)
            compare(host.panel.props.type, "Echo")
            fill(host, announce, "id", "announce_build")
            fill(host, announce, "spec.message", "Building the service")

            clickElement(host, group, 14) // the title row is the group's handle
            compare(host.panel.kind, "stepGroup")
            fill(host, group, "id", "integration_tests")

            clickElement(host, flaky)
            compare(host.panel.props.type, "Fail")
            fill(host, flaky, "id", "flaky_test")
            fill(host, flaky, "spec.message", "flaky integration test")

            clickElement(host, deployApi)
            fill(host, deployApi, "id", "deploy_api")
            fill(host, deployApi, "spec.command", "./deploy.sh api")

            clickElement(host, smokeTest)
            compare(host.panel.props.type, "Verify")
            fill(host, smokeTest, "id", "smoke_test")
            fill(host, smokeTest, "spec.condition", "steps.deploy_api.status === 'Succeeded'")

            clickElement(host, rollbackApi)
            compare(host.panel.props.type, "Echo")
            fill(host, rollbackApi, "id", "rollback_api")
            fill(host, rollbackApi, "spec.message", "Rolling back the api")

            // 5. Failure strategies. The group: on AllErrors, retry twice after 10s.
            clickElement(host, group, 14)
            compare(strategiesOf(document, group), json([]))
            clickButton(host, findChild(host.panel, "addStrategy"))
            let entry = strategyEntry(host, 0)
            verify(findChild(entry, "chip:AllErrors").checked, "a new entry is for AllErrors")
            verify(!findChild(entry, "chip:Timeout").checked)
            pickFromCombo(host, findChild(entry, "actionType"), "Retry")
            const retryCount = findChild(entry, "retryCount")
            verify(retryCount && retryCount.visible)
            compare(retryCount.value, 1)
            revealInPanel(host, retryCount)
            mouseClick(retryCount.up.indicator)
            tryCompare(retryCount, "value", 2)
            compare(document.properties(group).failureStrategies[0].action.retryCount, 2)
            typeInto(host, findChild(entry, "retryIntervals"), "10s")
            compare(strategiesOf(document, group), json([{
                errors: ["AllErrors"],
                action: { type: "Retry", retryCount: 2, retryIntervals: ["10s"] }
            }]))

            // The deploy stage: ask a person, and roll the stage back after 30 minutes.
            clickElement(host, deploy, 24)
            compare(strategiesOf(document, deploy), json([]))
            clickButton(host, findChild(host.panel, "addStrategy"))
            entry = strategyEntry(host, 0)
            verify(findChild(entry, "chip:AllErrors").checked)
            pickFromCombo(host, findChild(entry, "actionType"), "ManualIntervention")
            typeInto(host, findChild(entry, "interventionTimeout"), "30m")
            const onTimeout = findChild(entry, "actionType1")
            verify(onTimeout, "the onTimeout action editor")
            pickFromCombo(host, onTimeout, "StageRollback")

            // 6. All of it is in the document, and nothing is wrong with it.
            checkHarness(document)
            tryCompare(document.problems, "count", 0)
            compare(document.problems.errorCount, 0)
            compare(document.problems.warningCount, 0)
            const problemList = findChild(host.tabs, "problemList")
            verify(problemList)
            tryCompare(problemList, "count", 0)
            // With nothing selected the panel shows the pipeline, which has no problems.
            host.selectedPath = ""
            tryCompare(host.panel, "kind", "pipeline")
            compare(host.panel.problems.length, 0)

            // Save (what File > Save As does with the chosen file) and load the file again.
            const path = Fixture.tempPath("harness-built.yaml")
            verify(document.saveAs(path), document.lastError)
            verify(!document.dirty)
            compare(document.filePath, path)
            compare(Fixture.validateFile(path), [])
            const reopened = Fixture.load(path)
            verify(reopened.hasPipeline)
            compare(reopened.problems.count, 0)
            checkHarness(reopened)
        }
    }
}
