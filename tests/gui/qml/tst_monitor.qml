import QtQuick
import QtTest
import QtQuick.Controls
import Pipewright
import PipewrightTest

// The monitor in the main window, with real mouse events: Run from the toolbar, the canvas
// coloured by status, intervention dialogs (a click decides; the countdown reaches the deadline
// and the dialog closes; two at once; a refused decision), the Logs tab following and
// searching, the Timeline's bars of a run with retries, and the Harness example end to end.
TestCase {
    id: testCase
    name: "Monitor"
    width: 400
    height: 300
    when: windowShown
    visible: true

    Component {
        id: mainComponent
        Main {}
    }

    // Any QML warning (binding loop, type error) fails the test, as in tst_main_window.
    function init() {
        failOnWarning(/.*/)
    }
    function cleanupTestCase() {
        Fixture.release()
    }

    // The main window on `document`, rendered; the monitor shows no run.
    function openWindow(document) {
        tryVerify(() => !Fixture.monitor().live, 20000, "a run of the last test still goes on")
        Fixture.monitor().closeRun()
        const window = createTemporaryObject(mainComponent, testCase, {document: document, monitor: Fixture.monitor()})
        verify(window)
        window.width = 1400
        window.height = 900
        waitForRendering(window.contentItem)
        return window
    }
    // Anything of the window, dialogs (in the overlay) included.
    function find(window, name) {
        return findChild(window.contentItem.parent, name)
    }
    function pipeline(id, steps) {
        return Fixture.load(Fixture.writeFile(id + ".yaml",
            "pipeline:\n  id: " + id + "\n  stages:\n    - stage:\n        id: s\n        steps:\n" + steps))
    }
    function interventionStep(id, timeout) {
        return "          - step:\n              id: " + id + "\n              type: Fail\n              spec: {message: broke}\n" +
               "              failureStrategies:\n                - onFailure: {errors: [AllErrors], action: {type: ManualIntervention, " +
               "spec: {timeout: " + timeout + ", onTimeout: {action: {type: MarkAsFailure}}}}}\n"
    }
    function pressRun(window) {
        const run = find(window, "runButton")
        verify(run, "no Run button")
        mouseClick(run)
        tryVerify(() => window.monitor.showingRun && window.monitor.live, 5000, "the run did not start")
    }
    function waitForEnd(window) {
        tryVerify(() => window.monitor.showingRun && !window.monitor.live, 20000, "the run did not end")
    }

    function test_aClickDecides() {
        const window = openWindow(pipeline("click", interventionStep("ask", "30s")))
        pressRun(window)
        tryVerify(() => find(window, "decide:Ignore") !== null, 10000, "no dialog")
        compare(window.monitor.waitingCount, 1)
        verify(window.title.indexOf("waiting") >= 0, window.title)
        const label = find(window, "deadlineLabel")
        verify(label.text.indexOf("MarkAsFailure") >= 0, label.text)
        mouseClick(find(window, "decide:Ignore"))
        tryVerify(() => find(window, "decide:Ignore") === null, 5000, "the dialog stayed")
        waitForEnd(window)
        compare(window.monitor.status, "Succeeded")
        const decisions = Fixture.storedDecisions(window.monitor.runId)
        compare(decisions.length, 1)
        verify(decisions[0].startsWith("ask:Ignore:") && decisions[0].length > "ask:Ignore:".length, decisions[0])
    }

    // Countdowns round up: the last stretch reads "1s", never "0s" with time on the bar.
    function test_countdownsRoundUp() {
        compare(Theme.countdown(400), "1s")
        compare(Theme.countdown(1000), "1s")
        compare(Theme.countdown(1001), "2s")
        compare(Theme.countdown(0), "0s")
        compare(Theme.countdown(-20), "0s")
        compare(Theme.countdown(59500), "1:00")
    }

    function test_theDeadlineClosesTheDialog() {
        const window = openWindow(pipeline("deadline", interventionStep("slow", "1500ms")))
        pressRun(window)
        tryVerify(() => find(window, "deadlineBar") !== null, 10000, "no dialog")
        const bar = find(window, "deadlineBar")
        const first = bar.value
        tryVerify(() => bar.value < first, 3000, "the bar does not count down")
        tryVerify(() => find(window, "deadlineBar") === null, 5000, "the dialog stayed after the deadline")
        waitForEnd(window)
        compare(window.monitor.status, "Failed")
        let told = false
        for (let i = 0; i < window.monitor.notifications.rowCount(); ++i) {
            const text = window.monitor.notifications.data(window.monitor.notifications.index(i, 0), Qt.DisplayRole)
            told = told || (text.indexOf("slow") >= 0 && text.indexOf("MarkAsFailure applied") >= 0)
        }
        verify(told, "no notification of what the deadline applied")
        compare(Fixture.storedDecisions(window.monitor.runId)[0], "slow:MarkAsFailure:")
    }

    function test_twoRequestsAtOnce() {
        const window = openWindow(pipeline("two",
            "          - parallel:\n" + interventionStep("left", "30s").replace(/^ {10}/gm, "              ")
            + interventionStep("right", "30s").replace(/^ {10}/gm, "              ")))
        verify(window.document.setField("pipeline", "failurePolicy", "finishRunning"), window.document.lastError)
        compare(window.document.problems.errorCount, 0)
        pressRun(window)
        tryVerify(() => window.monitor.waitingCount === 2, 10000, "not two requests")
        const left = find(window, "requestBody:left")
        const right = find(window, "requestBody:right")
        verify(left && right, "two dialogs")
        verify(left.visible && right.visible)
        const a = left.mapToItem(null, 0, 0)
        const b = right.mapToItem(null, 0, 0)
        verify(Math.abs(a.x - b.x) > 10 && Math.abs(a.y - b.y) > 10, "the dialogs do not both show")
        // One answered, the other stays, usable.
        const ignores = []
        for (const name of ["decide:Ignore"])
            ignores.push(find(window, name))
        mouseClick(ignores[0])
        tryVerify(() => window.monitor.waitingCount === 1, 5000)
        const remaining = find(window, "decide:MarkAsSuccess")
        verify(remaining)
        mouseClick(remaining)
        waitForEnd(window)
        compare(window.monitor.status, "Succeeded")
    }

    function test_aRefusedDecisionIsShown() {
        const window = openWindow(pipeline("refused", interventionStep("ask", "30s")))
        pressRun(window)
        tryVerify(() => window.monitor.requests.rowCount() === 1, 10000)
        const requestId = window.monitor.requests.data(window.monitor.requests.index(0, 0), Qt.UserRole + 1)
        // Not among the decisions the request allows (the step is in no group).
        window.monitor.decide(requestId, "RetryStepGroup", "")
        tryVerify(() => find(window, "refusalLabel") && find(window, "refusalLabel").visible, 5000, "no refusal shown")
        verify(find(window, "refusalLabel").text.indexOf("not allowed") >= 0, find(window, "refusalLabel").text)
        mouseClick(find(window, "decide:MarkAsFailure"))
        waitForEnd(window)
        compare(window.monitor.status, "Failed")
    }

    function test_logsFollowAndSearch() {
        const window = openWindow(pipeline("logs",
            "          - step: {id: talk, type: Shell, spec: {command: \"for i in $(seq 1 400); do echo line $i; done; sleep 1\"}}\n"))
        pressRun(window)
        window.selectedPath = window.shownDocument.outline.pathOfNode("talk")
        const tabs = find(window, "bottomTabs")
        tabs.currentIndex = 2
        const list = find(window, "logList")
        tryVerify(() => list.count >= 400, 10000, "the lines did not arrive")
        waitForRendering(list)
        tryVerify(() => list.atYEnd, 3000, "not following the end")
        const search = find(window, "logSearch")
        search.text = "line 150"
        mouseClick(find(window, "searchNext"))
        const row = window.monitor.logs.find("line 150", -1, false)
        verify(row >= 0)
        tryVerify(() => !list.atYEnd, 3000, "the search did not move the view")
        verify(!find(window, "followCheck").checked, "searching stops following")
        waitForEnd(window)
    }

    function test_timelineShowsRetries() {
        const window = openWindow(pipeline("retries",
            "          - step: {id: flaky, type: Fail, spec: {succeedOnAttempt: 3}, retry: {type: constant, interval: 200ms, maxAttempts: 3}}\n"))
        pressRun(window)
        waitForEnd(window)
        const tabs = find(window, "bottomTabs")
        tabs.currentIndex = 3
        const list = find(window, "timelineList")
        tryVerify(() => list.count === 1, 5000)
        tryVerify(() => list.itemAtIndex(0) !== null, 5000, "the row is not drawn")
        const row = list.itemAtIndex(0)
        let attempts = 0
        let retries = 0
        for (let i = 0; i < row.children.length; ++i) {
            const name = row.children[i].objectName
            attempts += name === "segment:attempt" ? 1 : 0
            retries += name === "segment:retry" ? 1 : 0
        }
        compare(attempts, 3)
        compare(retries, 2)
        // The status on the canvas: the card says Succeeded after 3 attempts.
        const badge = find(window, "statusBadge")
        verify(badge)
        verify(badge.Accessible.name.indexOf("Succeeded") === 0, badge.Accessible.name)
        // Selected, the side panel tells its attempts and how long it took; Logs opens them.
        window.selectedPath = window.shownDocument.outline.pathOfNode("flaky")
        const attemptsLabel = find(window, "runDetailsAttempts")
        tryCompare(attemptsLabel, "text", "3 of 3")
        verify(find(window, "runDetailsTook").text.indexOf("s") > 0)
        // Its attempts' failure is told, but not as its outcome.
        compare(find(window, "runDetailsErrorTitle").text, "Last error")
        mouseClick(find(window, "showLogsButton"))
        compare(tabs.currentIndex, 2)
        compare(window.monitor.logs.node, "flaky")
    }

    // The time axis follows a live run: as the span grows its labels change their times and
    // new ones are added at the end; the ones there stay, rather than all being made again
    // at each change (a few milliseconds of the window's thread, twice a second).
    function test_timelineAxisFollowsARunKeepingItsLabels() {
        const window = openWindow(pipeline("axis", "          - step: {id: pause, type: Wait, spec: {duration: 3s}}\n"))
        const tabs = find(window, "bottomTabs")
        tabs.currentIndex = 3
        pressRun(window)
        const axis = find(window, "timelineAxis")
        verify(axis)
        tryVerify(() => axis.count > 1, 3000, "no labels on the axis")
        const first = axis.itemAt(0)
        const second = axis.itemAt(1)
        const secondText = second.text
        const count = axis.count
        tryVerify(() => axis.count !== count, 4000, "the axis did not follow the run")
        verify(axis.itemAt(0) === first, "the first label was made again")
        compare(first.text, "0")
        for (let i = 1; i < axis.count; ++i)
            verify(axis.itemAt(i).x > axis.itemAt(i - 1).x, "label " + i + " is not after the one before")
        if (axis.itemAt(1) === second)
            verify(second.text !== secondText || axis.count > count, "a kept label did not follow")
        waitForEnd(window)
    }

    // The Harness-style example, as a new user would: open, Run, watch, answer the
    // intervention in its dialog with the mouse, and find the decision stored.
    function test_harnessExampleEndToEnd() {
        const window = openWindow(Fixture.load("harness-deploy.yaml"))
        pressRun(window)
        tryVerify(() => find(window, "decide:Ignore") !== null, 15000, "no intervention dialog")
        // The step that asks is selected and the side panel says it waits.
        const details = find(window, "runDetails")
        tryCompare(details, "nodeId", "smoke_test")
        compare(details.info.status, "Waiting")
        verify(details.info.deadline > Date.now() - 1000, "no deadline in the details")
        mouseClick(find(window, "decide:Ignore"))
        waitForEnd(window)
        compare(window.monitor.status, "Succeeded")
        verify(window.monitor.warning)
        const decisions = Fixture.storedDecisions(window.monitor.runId)
        compare(decisions.length, 1)
        verify(decisions[0].startsWith("smoke_test:Ignore:"), decisions[0])
        // Back to the design: the canvas edits the file again.
        mouseClick(find(window, "closeRunButton"))
        verify(!window.monitor.showingRun)
        verify(!window.shownDocument.readOnly)
    }
}
