import QtQuick
import Pipewright

// Where a drag may land in one list of the document (a lane, a parallel block, the stages,
// a parallel-stages frame): before, between or after the elements laid out in `container`,
// or beside one of them (see besideMode). One zone per list keeps the cards themselves light.
DropArea {
    id: zone

    required property CanvasController controller
    required property string listPath
    required property Item container // the layout whose children are the list's NodeDelegates
    property bool horizontal: false
    // "none"; "edge": the right quarter of an element makes it parallel (lanes);
    // "middle": the middle of an element does (stages, laid out left to right).
    property string besideMode: "none"

    keys: ["pw-node"]

    // The list's elements in order. Children of the layout that are not elements of this
    // list (the Repeater, a placeholder, the pipeline's error handler) are left out.
    function elements() {
        const found = []
        const children = container.children
        for (let i = 0; i < children.length; ++i) {
            const child = children[i]
            if (child.elementPath !== undefined && child.visible
                    && controller.listOf(child.elementPath) === listPath)
                found.push(child)
        }
        found.sort((a, b) => controller.indexOf(a.elementPath) - controller.indexOf(b.elementPath))
        return found
    }

    function isEmpty() {
        return elements().length === 0
    }

    // A parallel block's zone gives its bottom edge to the lane around it: aiming just under
    // a block, a pointer a little high meant "after the block", not "into it".
    readonly property real afterBand: horizontal && listPath.endsWith("].parallel") ? 10 : 0

    function targetAt(x, y) {
        if (afterBand > 0 && y > height - afterBand)
            return { listPath: controller.listOf(listPath), index: controller.indexOf(listPath) + 1, after: listPath }
        const point = container.mapFromItem(zone, x, y)
        const along = horizontal ? point.x : point.y
        const items = elements()
        for (let i = 0; i < items.length; ++i) {
            const item = items[i]
            const start = horizontal ? item.x : item.y
            const size = horizontal ? item.width : item.height
            const inside = along >= start && along < start + size
            const rightEdge = inside && besideMode === "edge" && point.x > item.x + item.width * 0.75
            // The right edge of a parallel block adds to the block (beside it would nest
            // parallel in parallel).
            if (rightEdge && item.elementPath.endsWith(".parallel"))
                return { listPath: item.elementPath, index: controller.countOf(item.elementPath),
                         into: item.elementPath }
            if (rightEdge)
                return { beside: item.elementPath }
            if (inside && besideMode === "middle" && along > start + size * 0.3
                    && along < start + size * 0.7)
                return { beside: item.elementPath }
            if (along < start + size / 2)
                return { listPath: listPath, index: controller.indexOf(item.elementPath) }
        }
        return { listPath: listPath,
                 index: items.length > 0 ? controller.indexOf(items[items.length - 1].elementPath) + 1 : 0 }
    }

    function sceneRect(x, y, width, height) {
        return controller.scene.mapFromItem(container, x, y, width, height)
    }

    function elementFor(path) {
        const items = elements()
        for (let i = 0; i < items.length; ++i) {
            if (items[i].elementPath === path)
                return items[i]
        }
        return null
    }

    function indicatorShape(target) {
        if (target.into !== undefined)
            return "line"
        if (target.beside !== undefined)
            return besideMode === "edge" ? "line" : "box"
        return isEmpty() ? "slot" : "line"
    }

    // The accent line (or slot) where the element would land, in scene coordinates.
    function indicatorRect(target) {
        if (target.after !== undefined) // under this block, in the lane around it
            return sceneRect(0, container.height + 6, container.width, 4)
        if (target.into !== undefined) { // after the block's last item: at its right edge
            const block = elementFor(target.into)
            return block ? sceneRect(block.x + block.width + 3, block.y, 4, block.height) : null
        }
        if (target.beside !== undefined) {
            const item = elementFor(target.beside)
            if (!item)
                return null
            return besideMode === "edge" ? sceneRect(item.x + item.width + 3, item.y, 4, item.height)
                                         : sceneRect(item.x - 4, item.y - 4, item.width + 8, item.height + 8)
        }
        const items = elements()
        if (items.length === 0)
            return container.width > 4 ? sceneRect(0, 0, container.width, container.height) : null
        const gap = container.spacing !== undefined ? container.spacing : 8
        let position = items.length
        for (let i = 0; i < items.length; ++i) {
            if (controller.indexOf(items[i].elementPath) >= target.index) {
                position = i
                break
            }
        }
        const last = items[items.length - 1]
        if (horizontal) {
            const x = position < items.length ? items[position].x - gap / 2 : last.x + last.width + gap / 2
            return sceneRect(x - 2, 0, 4, container.height)
        }
        const y = position < items.length ? items[position].y - gap / 2 : last.y + last.height + gap / 2
        return sceneRect(0, y - 2, container.width, 4)
    }

    // A refused drop outlines what it was aimed at: the element, else the whole list.
    function refusedRect(target) {
        const aimed = target.beside !== undefined ? target.beside : target.into
        const item = aimed !== undefined ? elementFor(aimed) : null
        if (item)
            return sceneRect(item.x - 3, item.y - 3, item.width + 6, item.height + 6)
        const r = controller.scene.mapFromItem(zone, 0, 0, zone.width, zone.height)
        return Qt.rect(r.x + 2, r.y + 2, Math.max(0, r.width - 4), Math.max(0, r.height - 4))
    }

    onEntered: drag => controller.hoverOver(zone, drag.source, targetAt(drag.x, drag.y))
    onPositionChanged: drag => controller.hoverOver(zone, drag.source, targetAt(drag.x, drag.y))
    onExited: controller.leave(zone)
    onDropped: drop => {
        if (controller.dropOn(drop.source, targetAt(drop.x, drop.y)))
            drop.accept(Qt.MoveAction)
        controller.leave(zone)
    }
}
