import QtQuick

// Press, move past a threshold and the `proxy` (an item with Drag attached, see DragProxy)
// follows the pointer until the release drops it. A press without a drag is a tap. The
// proxy is moved by hand rather than by drag.target so that it can start under the pointer
// wherever it was before, and live in another part of the scene (over the canvas).
MouseArea {
    id: area

    property Item proxy
    property real threshold: 8
    readonly property bool dragging: tracking.dragging

    signal dragStarting() // set the proxy up: what it carries, how it looks
    signal tapped()
    signal doubleTapped()

    preventStealing: true
    cursorShape: !tracking.dragging ? Qt.OpenHandCursor
               : proxy && proxy.refused ? Qt.ForbiddenCursor
               : proxy && proxy.copy ? Qt.DragCopyCursor : Qt.ClosedHandCursor

    QtObject {
        id: tracking
        property bool dragging: false
        property point pressPoint
    }

    function moveProxy(x, y) {
        const point = area.mapToItem(proxy.parent, x, y)
        proxy.x = point.x - proxy.Drag.hotSpot.x
        proxy.y = point.y - proxy.Drag.hotSpot.y
    }

    // Ctrl copies an element of the canvas instead of moving it (as in file managers).
    function followModifiers(modifiers) {
        proxy.copy = proxy.movePath !== "" && (modifiers & Qt.ControlModifier) !== 0
    }

    function finish(dropped) {
        if (!tracking.dragging)
            return
        tracking.dragging = false
        if (dropped)
            proxy.Drag.drop()
        else
            proxy.Drag.cancel()
        proxy.Drag.active = false
        proxy.refused = false
        proxy.copy = false
    }

    onPressed: mouse => {
        tracking.pressPoint = Qt.point(mouse.x, mouse.y)
        tracking.dragging = false
    }
    onPositionChanged: mouse => {
        if (!pressed || !proxy)
            return
        if (!tracking.dragging) {
            if (Math.abs(mouse.x - tracking.pressPoint.x) < threshold
                    && Math.abs(mouse.y - tracking.pressPoint.y) < threshold)
                return
            area.dragStarting()
            tracking.dragging = true
            followModifiers(mouse.modifiers)
            moveProxy(mouse.x, mouse.y)
            proxy.Drag.active = true
            return
        }
        followModifiers(mouse.modifiers)
        moveProxy(mouse.x, mouse.y)
    }
    onReleased: mouse => {
        if (tracking.dragging) {
            followModifiers(mouse.modifiers) // what is held at the drop decides
            finish(true)
        }
        else
            area.tapped()
    }
    onCanceled: finish(false)
    onDoubleClicked: area.doubleTapped()
}
