import QtQuick
import QtTest
import Pipewright
import PipewrightTest

// A large pipeline on the canvas: only the cards near the view are made (and their places
// keep the cards' height, so nothing jumps when they are made), selecting a far card makes
// it and scrolls to it, and below a readable zoom cards become compact blocks that still
// select. The root is a plain Item: Qt 6.4 delivers no input to a TestCase's children.
Item {
    id: root
    width: 1200
    height: 700

    TestCase {
        id: testCase
        name: "CanvasLarge"
        when: windowShown

        Component {
            id: canvasComponent
            PipelineCanvas {
                width: root.width
                height: root.height
            }
        }

        function init() {
            if (Fixture.takeWarnings)
                Fixture.takeWarnings()
        }

        function cleanup() {
            if (Fixture.takeWarnings)
                compare(Fixture.takeWarnings(), [], "no warnings while the test ran")
            Fixture.release()
        }

        // 400 Shell steps in two stages: two columns 200 cards tall.
        function openLarge() {
            const file = Fixture.writeLargePipeline(400, 2)
            verify(file !== "")
            const canvas = createTemporaryObject(canvasComponent, root, { document: Fixture.load(file) })
            verify(canvas)
            waitForRendering(canvas)
            return canvas
        }

        // As the window makes a run's canvas: in the background, through an asynchronous
        // Loader, cards included.
        Component {
            id: backgroundCanvasComponent
            Loader {
                property var document
                width: root.width
                height: root.height
                asynchronous: true
                sourceComponent: PipelineCanvas {
                    document: parent ? parent.document : null
                    buildInBackground: true
                }
            }
        }

        function place(canvas, stage, step) {
            return canvas.controller.itemAt("pipeline.stages[" + stage + "].stage.steps[" + step + "].step")
        }

        function test_onlyCardsNearTheViewAreMade() {
            const canvas = openLarge()
            const culler = findChild(canvas, "viewportCuller")
            // Every step has its place (keyboard, drops and scrolling need them)...
            compare(Array.from(canvas.controller.registry.keys()).filter(p => p.endsWith(".step")).length, 400)
            // ...but the cards are those near the view: two columns of a few screens' worth.
            const first = place(canvas, 0, 0)
            const last = place(canvas, 0, 199)
            verify(first.item && first.item.fullCard, "the first card is made")
            compare(last.item, null, "the card 200 places down is not made")
            verify(culler.nearCount > 10 && culler.nearCount < 80, "cards made: " + culler.nearCount)
            // Places hold the height cards of their shape have: all cards here look alike.
            fuzzyCompare(last.height, first.height, 0.5)
        }

        // A canvas made in the background makes the cards it shows once its delegates are all
        // in place: before, the last stage was made first, at the left edge, and its cards
        // were made there and dropped as the stages before it arrived.
        function test_aCanvasMadeInTheBackgroundMakesOnlyTheCardsItShows() {
            const file = Fixture.writeLargePipeline(400, 4)
            verify(file !== "")
            const loader = createTemporaryObject(backgroundCanvasComponent, root, { document: Fixture.load(file) })
            tryVerify(() => loader.item !== null, 5000, "the canvas is made")
            const canvas = loader.item
            tryVerify(() => !canvas.building, 10000, "the canvas is built")
            const culler = findChild(canvas, "viewportCuller")
            verify(culler.placed)
            verify(culler.nearCount > 10, "cards in view: " + culler.nearCount)
            // The cards made are those in view, but for a few per column pushed out at its
            // bottom when the first cards turn out taller than the places guessed for them
            // (before: 65 made for 32 in view).
            verify(culler.comingsNear - culler.nearCount <= 3 * 4,
                   culler.comingsNear + " cards made for " + culler.nearCount + " in view")
            verify(place(canvas, 0, 0).item !== null, "the first card is made")
            compare(place(canvas, 3, 99).item, null, "the last stage's last card is not made")
        }

        function test_selectingAFarCardMakesItAndScrollsToIt() {
            const canvas = openLarge()
            const last = place(canvas, 1, 199)
            compare(last.item, null)
            const heightBefore = last.height
            canvas.selectedPath = last.path
            tryVerify(() => last.item !== null && last.item.fullCard === true, 2000, "the selected card is made")
            waitForRendering(canvas)
            // It is on screen: made where its place was, without moving what is around it.
            const view = findChild(canvas, "canvasView")
            const onScreen = last.mapToItem(canvas, 0, 0)
            verify(onScreen.y >= 0 && onScreen.y + last.height <= view.height, "card at " + onScreen.y)
            fuzzyCompare(last.height, heightBefore, 0.5)
            verify(last.item.border.color === Theme.accent || last.selected)
            // The cards left behind at the top are dropped again.
            tryVerify(() => place(canvas, 0, 0).item === null, 2000, "the first card is dropped once far away")
            // Up from the last card walks to the card above, made as it comes into view.
            canvas.forceActiveFocus()
            keyClick(Qt.Key_Up)
            compare(canvas.selectedPath, place(canvas, 1, 198).path)
            verify(place(canvas, 1, 198).item !== null)
        }

        function test_compactBlocksBelowAReadableZoom() {
            const canvas = openLarge()
            const first = place(canvas, 0, 0)
            const height = first.height
            canvas.setZoom(0.3)
            waitForRendering(canvas)
            tryVerify(() => first.item !== null && first.item.fullCard === false, 2000, "a compact block")
            verify(canvas.controller.compact)
            // The block keeps the card's place: zooming moves nothing.
            fuzzyCompare(first.height, height, 0.5)
            // Far more of the pipeline is in view now, and its blocks are made.
            tryVerify(() => place(canvas, 0, 30).item !== null, 2000)
            // A click on a block selects its step, as on a card.
            const centre = first.mapToItem(canvas, first.width / 2, first.height / 2)
            mouseClick(canvas, centre.x, centre.y)
            compare(canvas.selectedPath, first.path)
            // Back to 100 %: full cards again.
            canvas.resetZoom()
            tryVerify(() => first.item !== null && first.item.fullCard === true, 2000, "a full card again")
            verify(!canvas.controller.compact)
            // The blocks are remade a frame's budget at a time (see ViewportCuller): in the end
            // no card near the view is left a block.
            const culler = findChild(canvas, "viewportCuller")
            tryVerify(() => !culler.restyling, 3000, "cards still being remade")
            for (let stage = 0; stage < 2; ++stage) {
                for (let i = 0; i < 60; ++i) {
                    const card = place(canvas, stage, i)
                    tryVerify(() => card.item === null || card.item.fullCard === true, 2000,
                              "stage " + stage + " card " + i + " is still a compact block")
                }
            }
        }
    
        function test_findGoesThroughMatchesAndCentresThem() {
            const canvas = openLarge()
            canvas.forceActiveFocus()
            keyClick(Qt.Key_F, Qt.ControlModifier)
            const bar = findChild(canvas, "findBar")
            const field = findChild(canvas, "findField")
            verify(bar.visible)
            tryVerify(() => field.activeFocus)
            // By id: step_39 and step_390 to step_399.
            for (const ch of "step_39")
                keyClick(ch)
            compare(bar.matches.length, 11)
            compare(findChild(canvas, "findCount").text, "1 of 11")
            compare(canvas.selectedPath, place(canvas, 0, 39).path)
            // The next one is far down the second column: selected, made and centred.
            keyClick(Qt.Key_Return)
            const far = place(canvas, 1, 190)
            compare(canvas.selectedPath, far.path)
            compare(findChild(canvas, "findCount").text, "2 of 11")
            tryVerify(() => far.item !== null && far.item.fullCard === true, 2000)
            const view = findChild(canvas, "canvasView")
            const centre = far.mapToItem(view, far.width / 2, far.height / 2)
            verify(Math.abs(centre.y - view.height / 2) < 30, "centred vertically: " + centre.y)
            // Back with Shift+Enter, round to the last from the first.
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            compare(canvas.selectedPath, place(canvas, 0, 39).path)
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            compare(canvas.selectedPath, place(canvas, 1, 199).path)
            // By the text of the command ("echo 123" is step_123's command alone).
            field.selectAll()
            keyClick(Qt.Key_Backspace)
            for (const ch of "echo 123")
                keyClick(ch)
            compare(bar.matches, [place(canvas, 0, 123).path])
            // Nothing found says so.
            keyClick("x")
            compare(findChild(canvas, "findCount").text, "No match")
            // Escape closes it and gives the keyboard back to the canvas.
            keyClick(Qt.Key_Escape)
            verify(!bar.visible)
            tryVerify(() => canvas.activeFocus)
        }
    
        function test_minimapShowsAndMovesTheView() {
            const canvas = openLarge()
            const map = findChild(canvas, "minimap")
            const frame = findChild(canvas, "minimapViewFrame")
            const view = findChild(canvas, "canvasView")
            verify(map.visible, "a pipeline larger than the view has an overview")
            compare(view.contentY, 0)
            const frameTop = frame.y
            // A click near the bottom of the overview brings the end of the columns into view.
            mouseClick(map, map.width / 2, map.height - 3)
            verify(view.contentY > view.contentHeight / 2, "scrolled to " + view.contentY)
            verify(frame.y > frameTop, "the frame follows the view")
            // Scrolling the canvas moves the frame too.
            view.contentY = 0
            compare(frame.y, frameTop)
        }

        function test_noMinimapWhenThePipelineFits() {
            const canvas = createTemporaryObject(canvasComponent, root, { document: Fixture.load("harness-deploy.yaml") })
            waitForRendering(canvas)
            canvas.fitToWindow()
            const view = findChild(canvas, "canvasView")
            tryVerify(() => view.contentWidth <= view.width + 1 && view.contentHeight <= view.height + 1)
            verify(!findChild(canvas, "minimap").visible)
        }
    
        function test_collapseAStageAndFindInsideIt() {
            const file = Fixture.writeLargePipeline(400, 2)
            let canvas = createTemporaryObject(canvasComponent, root, { document: Fixture.load(file) })
            waitForRendering(canvas)
            const stage = "pipeline.stages[0].stage"
            const toggle = findChild(canvas, "collapseToggle:" + stage)
            verify(toggle)
            mouseClick(toggle)
            verify(canvas.controller.collapsed.isCollapsed("stage_0"))
            // Its steps are hidden and their cards dropped; the note says how many.
            tryVerify(() => place(canvas, 0, 0).item === null, 2000)
            compare(findChild(canvas, "collapsedNoteText").text, "▸ 200 steps hidden")
            verify(place(canvas, 1, 0).item !== null, "the other stage is as it was")

            // Remembered for the file: the next canvas on it opens with the stage collapsed.
            canvas.destroy()
            canvas = createTemporaryObject(canvasComponent, root, { document: Fixture.load(file) })
            waitForRendering(canvas)
            verify(canvas.controller.collapsed.isCollapsed("stage_0"))
            compare(place(canvas, 0, 5).item, null)

            // Finding a step inside opens it.
            canvas.forceActiveFocus()
            keyClick(Qt.Key_F, Qt.ControlModifier)
            for (const ch of "step_5")
                keyClick(ch)
            compare(canvas.selectedPath, place(canvas, 0, 5).path)
            verify(!canvas.controller.collapsed.isCollapsed("stage_0"))
            tryVerify(() => place(canvas, 0, 5).item !== null, 2000)
            keyClick(Qt.Key_Escape)
        }
    }
}
