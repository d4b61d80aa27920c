import QtQuick
import Pipewright

// What every part of the canvas shares: the document, the selection, the drop under the
// pointer and the path arithmetic. PipelineCanvas makes one and hands it down explicitly.
// Drop targets report where a drag would land (hoverOver); the indicator draws `hover`;
// a drop is applied after the event that caused it, because the edit changes the outline
// and may remove the very items that are still handling the drop.
QtObject {
    id: controller

    required property PipelineDocument document
    property Item scene // the drop indicator's coordinates
    property Item proxy // carries the drag of an element of the canvas

    property string selectedPath
    // Cards are made a few at a time between frames (a run's canvas of 1,000 steps would
    // otherwise hold the window for a second); the editable canvas makes them at once, because
    // an edit must show its result in the same frame.
    property bool buildInBackground: false
    // Cards still being made in the background: the canvas shows once there are none.
    property int loadsPending: 0
    // {zone, target: {listPath, index} or {beside}, allowed, noOp, rect, shape, laneDrag,
    // label (what the drop will do when a line does not say it: "In parallel with Deploy")}
    // or null
    property var hover: null
    // A step, group or parallel block is dragged over the canvas background (set by the
    // canvas); over a drop zone, `hover` says so.
    property bool laneDragOverBackground: false
    // While something lanes take is dragged over the canvas, empty rollback and handler
    // lanes open up into drop slots.
    readonly property bool laneDragActive: laneDragOverBackground
                                           || (hover !== null && hover.laneDrag)

    // Element path -> the NodeDelegates that say they stand there (see ItemRegistry).
    // Not a notifying property on purpose: nothing binds to it.
    readonly property ItemRegistry registry: ItemRegistry {}
    // False once the canvas is being torn down: its delegates then stop touching the registry.
    property bool alive: true
    property var pendingDrop: null

    // The stages and groups the user collapsed (remembered per file).
    readonly property CollapsedElements collapsed: CollapsedElements {
        filePath: controller.document ? controller.document.filePath : ""
    }
    // Selecting something inside a collapsed element (Find, the keyboard, the Problems
    // panel) opens it.
    onSelectedPathChanged: {
        markSelection()
        if (!document || selectedPath === "")
            return
        for (const id of collapsed.ids) {
            const path = document.outline.pathOfNode(id)
            if (path !== "" && selectedPath.startsWith(path + "."))
                collapsed.setCollapsed(id, false)
        }
    }

    // Makes step cards only near the view (null: every card is made).
    property ViewportCuller culler: null
    // True while an edit inserts rows into the outline: their cards are made at once, in the
    // frame of the edit, where the user looks (the culler drops them later if they are far).
    // Cards of a whole outline (opening a file, a run's canvas) wait for the culler.
    property bool insertingRows: false
    property real zoom: 1
    // Below this zoom card text is too small to read: steps become compact blocks with their
    // name large, stages show their titles large.
    readonly property real compactZoom: 0.6
    readonly property bool compact: zoom < compactZoom
    // Crossing compactZoom remakes every card near the view; those are made between frames
    // (a zoom step would otherwise hold the window for 0.3 s) and appear within a few frames.
    property bool remaking: false
    onCompactChanged: {
        remaking = true
        remakingDone.restart()
    }
    readonly property Timer remakingDone: Timer {
        interval: 400
        onTriggered: controller.remaking = false
    }
    // Shape of a step card ("s" summary, badge count, "r" run status) -> the height cards of
    // that shape measured, for the places of cards not made yet.
    property var cardHeights: ({})

    function cardHeightFor(shape) {
        const known = cardHeights[shape]
        if (known !== undefined)
            return known
        // Until a card of that shape has been measured: title row, then a line each.
        let height = 56
        if (shape.startsWith("s"))
            height += 22
        if (shape.endsWith("r"))
            height += 30
        if (parseInt(shape.replace(/^s/, "")) > 0)
            height += 28
        return height
    }

    // The first card of a shape to be made says its height. Only the first: cards of one shape
    // can differ by a pixel (a status line's text), and every change re-lays every place.
    function learnCardHeight(shape, height) {
        if (cardHeights[shape] !== undefined)
            return
        const heights = Object.assign({}, cardHeights)
        heights[shape] = height
        cardHeights = heights
    }

    signal revealRequested(Item item)
    signal renameRequested(string path)
    // A right click on a step: the window offers what can be done with it.
    signal stepMenuRequested(string path, string stepId)
    signal focusRequested()

    function select(path) {
        selectedPath = path
        focusRequested()
    }

    // "a.steps[3].step" -> "a.steps"; "pipeline.stages[1].parallel[0].stage" -> "...parallel"
    function listOf(path) {
        const head = path.substring(0, path.lastIndexOf("."))
        const bracket = head.lastIndexOf("[")
        return bracket < 0 ? "" : head.substring(0, bracket)
    }

    function indexOf(path) {
        const head = path.substring(0, path.lastIndexOf("."))
        const bracket = head.lastIndexOf("[")
        return bracket < 0 ? -1 : parseInt(head.substring(bracket + 1))
    }

    // The element holding `path`: the parallel block or frame it sits in, else the stage or
    // group whose lane it is in ("pipeline" for stages and the pipeline's error handler).
    function ownerOf(path) {
        const list = listOf(path)
        if (list.endsWith("].parallel"))
            return list
        return list.substring(0, list.lastIndexOf("."))
    }

    function elementAt(listPath, index) {
        const kinds = ["step", "stepGroup", "parallel", "stage"]
        for (let i = 0; i < kinds.length; ++i) {
            const path = listPath + "[" + index + "]." + kinds[i]
            if (registry.has(path))
                return path
        }
        return ""
    }

    // The delegates marked selected (see NodeDelegate.selected): unmarked when the
    // selection moves, the one at the new path marked.
    property var markedItems: []
    function markSelection() {
        for (const item of markedItems) {
            if (item && item.elementPath !== selectedPath)
                item.selected = false
        }
        const item = selectedPath !== "" ? registry.itemAt(selectedPath) : null
        if (item)
            item.selected = true
        markedItems = item ? [item] : []
    }

    function register(path, item) {
        if (!alive)
            return
        registry.add(path, item)
        if (path !== "" && path === selectedPath)
            markedItems = markedItems.concat([item])
    }

    function unregister(path, item) {
        if (alive)
            registry.remove(path, item)
    }

    // The delegate standing at `path` (the latest to say so), or null.
    function itemAt(path) {
        return registry.itemAt(path)
    }

    function reveal(path) {
        const item = itemAt(path)
        if (item)
            revealRequested(item)
    }

    // --- Drops -------------------------------------------------------------------------

    // A drop beside `targetPath` makes the two run in parallel (insertBeside/moveBeside).
    function canBeside(source, targetPath) {
        const kind = source.movePath !== "" ? source.movePath.substring(source.movePath.lastIndexOf(".") + 1)
                                            : source.newKind
        if (kind === "Parallel" || kind === "parallel" || kind === "parallelStages")
            return false
        const list = listOf(targetPath)
        const index = indexOf(targetPath) + 1
        if (source.movePath === "")
            return document.canInsert(source.newKind, list, index)
        if (targetPath === source.movePath || targetPath.startsWith(source.movePath + ".")
                || targetPath.startsWith(source.movePath + "["))
            return false
        return document.canMove(source.movePath, list, index)
    }

    // A drop onto an element makes the two run at the same time: said in words on the
    // indicator, because a stage dropped onto a stage making "Parallel stages" surprised people.
    function besideLabel(path) {
        const item = itemAt(path)
        const name = item && item.name ? item.name : (item ? item.nodeId : "")
        return qsTr("In parallel with %1").arg(name)
    }

    function isNoOp(source, target) {
        if (source.movePath === "" || source.copy)
            return false
        if (target.beside !== undefined)
            return target.beside === source.movePath
        const from = indexOf(source.movePath)
        return listOf(source.movePath) === target.listPath
                && (target.index === from || target.index === from + 1)
    }

    function allows(source, target) {
        if (target.beside !== undefined) // a copy beside would be two edits: not offered
            return !source.copy && canBeside(source, target.beside)
        if (source.movePath !== "" && source.copy)
            return document.canCopyTo(source.movePath, target.listPath, target.index)
        if (source.movePath !== "")
            return document.canMove(source.movePath, target.listPath, target.index)
        return document.canInsert(source.newKind, target.listPath, target.index)
    }

    function hoverOver(zone, source, target) {
        if (!source || source.movePath === undefined || !target) {
            leave(zone)
            return
        }
        const noOp = isNoOp(source, target)
        const allowed = noOp || allows(source, target)
        const keys = source.Drag ? source.Drag.keys : []
        hover = { zone: zone, target: target, allowed: allowed, noOp: noOp,
                  rect: allowed ? zone.indicatorRect(target) : zone.refusedRect(target),
                  shape: allowed ? zone.indicatorShape(target) : "box",
                  laneDrag: keys.indexOf("pw-node") >= 0,
                  label: allowed && target.beside !== undefined ? besideLabel(target.beside) : "" }
        if (source.refused !== undefined)
            source.refused = !allowed
    }

    function leave(zone) {
        if (hover && hover.zone === zone) {
            if (controller.proxy && controller.proxy.refused)
                controller.proxy.refused = false
            hover = null
        }
    }

    // Returns whether the drop will be applied (right after the current event).
    function dropOn(source, target) {
        if (!source || source.movePath === undefined || !target)
            return false
        if (isNoOp(source, target) || !allows(source, target))
            return false
        pendingDrop = { newKind: source.newKind, movePath: source.movePath, copy: source.copy === true,
                        listPath: target.listPath, index: target.index, beside: target.beside }
        Qt.callLater(controller.applyPendingDrop)
        return true
    }

    function applyPendingDrop() {
        const drop = pendingDrop
        pendingDrop = null
        if (!drop)
            return
        let path = ""
        if (drop.copy) {
            path = document.copyTo(drop.movePath, drop.listPath, drop.index)
        } else if (drop.movePath === "") {
            path = drop.beside !== undefined ? document.insertBeside(drop.newKind, drop.beside)
                                             : document.insertNew(drop.newKind, drop.listPath, drop.index)
        } else {
            path = drop.beside !== undefined ? document.moveBeside(drop.movePath, drop.beside)
                                             : document.move(drop.movePath, drop.listPath, drop.index)
        }
        if (path !== "")
            select(path)
    }

    // --- Keyboard ----------------------------------------------------------------------

    function stagePaths() {
        const pattern = /^pipeline\.stages\[(\d+)\](?:\.parallel\[(\d+)\])?\.stage$/
        const stages = []
        for (const path of registry.keys()) {
            const match = pattern.exec(path)
            if (match)
                stages.push({ path: path, outer: parseInt(match[1]),
                              inner: match[2] === undefined ? -1 : parseInt(match[2]) })
        }
        stages.sort((a, b) => a.outer - b.outer || a.inner - b.inner)
        return stages.map(stage => stage.path)
    }

    function stageOf(path) {
        const match = /^pipeline\.stages\[\d+\](?:\.parallel\[\d+\])?\.stage/.exec(path)
        return match ? match[0] : ""
    }

    function firstChildOf(path) {
        if (path.endsWith(".parallel"))
            return elementAt(path, 0)
        if (path.endsWith(".stage") || path.endsWith(".stepGroup")) {
            const first = elementAt(path + ".steps", 0)
            return first !== "" ? first : neighbourLane(path + ".steps", 1)
        }
        return ""
    }

    function countOf(listPath) {
        let count = 0
        while (elementAt(listPath, count) !== "")
            ++count
        return count
    }

    function lastOf(listPath) {
        let index = 0
        while (elementAt(listPath, index + 1) !== "")
            ++index
        return elementAt(listPath, index)
    }

    // The first element of the owner's next non-empty lane after `listPath` (steps, then
    // rollbackSteps, then errorHandler), or with `step` -1 the last element of the one before.
    function neighbourLane(listPath, step) {
        const match = /^(.*)\.(steps|rollbackSteps|errorHandler)$/.exec(listPath)
        if (!match)
            return ""
        const lanes = ["steps", "rollbackSteps", "errorHandler"]
        for (let i = lanes.indexOf(match[2]) + step; i >= 0 && i < lanes.length; i += step) {
            const lane = match[1] + "." + lanes[i]
            const found = step > 0 ? elementAt(lane, 0) : lastOf(lane)
            if (found !== "")
                return found
        }
        return ""
    }

    // What follows `path` reading down: its next sibling, else the owner's next lane, else
    // what follows the owner (out of a group or a parallel block; a stage is the end).
    function after(path) {
        const list = listOf(path)
        const next = elementAt(list, indexOf(path) + 1)
        if (next !== "")
            return next
        const lane = neighbourLane(list, 1)
        if (lane !== "")
            return lane
        const owner = ownerOf(path)
        if (!registry.has(owner) || owner.endsWith(".stage"))
            return ""
        return after(owner)
    }

    // Up and down walk a lane, into and out of containers and across a container's lanes
    // (steps, rollback steps, error handler); left and right walk the items of a parallel
    // block, else the stages.
    function navigate(key) {
        const stages = stagePaths()
        const current = selectedPath
        if (current === "" || !registry.has(current)) {
            if (stages.length > 0)
                select(stages[0])
            return
        }
        const list = listOf(current)
        const index = indexOf(current)
        let next = ""
        if (key === Qt.Key_Up) {
            next = index > 0 ? elementAt(list, index - 1) : neighbourLane(list, -1)
            if (next === "" && registry.has(ownerOf(current)))
                next = ownerOf(current)
        } else if (key === Qt.Key_Down) {
            next = firstChildOf(current)
            if (next === "")
                next = after(current)
        } else {
            const step = key === Qt.Key_Left ? -1 : 1
            if (list.endsWith("].parallel") && !current.endsWith(".stage"))
                next = elementAt(list, index + step)
            if (next === "") {
                const at = stages.indexOf(stageOf(current))
                const wanted = at < 0 ? (step < 0 ? stages.length - 1 : 0) : at + step
                if (wanted >= 0 && wanted < stages.length)
                    next = stages[wanted]
            }
        }
        if (next !== "") {
            select(next)
            reveal(next)
        }
    }
}
