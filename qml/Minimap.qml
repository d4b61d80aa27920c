import QtQuick
import Pipewright

// The whole pipeline in a corner, small: a block per stage column (in the colour of its
// status during a run) and a frame for the part the canvas shows. Click or drag in it to
// move the view there. Shown only when the pipeline does not fit the view.
Rectangle {
    id: map

    required property Item scene // the canvas's scene, unscaled
    required property Item columns // the layout holding the stage columns, inside the scene
    required property Flickable view
    required property real zoom

    readonly property real mapScale: scene.width > 0 && scene.height > 0
                                     ? Math.min(220 / scene.width, 170 / scene.height) : 0
    readonly property int inset: 5

    // Centres the view on a point of the map.
    function moveTo(mapX, mapY) {
        const sceneX = (mapX - inset) / mapScale
        const sceneY = (mapY - inset) / mapScale
        view.contentX = Math.max(0, Math.min(sceneX * zoom - view.width / 2, view.contentWidth - view.width))
        view.contentY = Math.max(0, Math.min(sceneY * zoom - view.height / 2, view.contentHeight - view.height))
    }

    visible: mapScale > 0 && (view.contentWidth > view.width + 1 || view.contentHeight > view.height + 1)
    width: scene.width * mapScale + 2 * inset
    height: scene.height * mapScale + 2 * inset
    radius: Theme.radius
    color: Theme.tint(Theme.panel, 0.92)
    border.color: Theme.borderStrong

    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Overview of the pipeline")
    Accessible.description: qsTr("Click or drag to move the view")

    Repeater {
        model: map.columns.children
        delegate: Rectangle {
            required property Item modelData
            readonly property string status: modelData.runStatus !== undefined ? modelData.runStatus : ""
            visible: modelData.visible && modelData.width > 0 && modelData.kind !== undefined
            x: map.inset + (map.columns.x + modelData.x) * map.mapScale
            y: map.inset + (map.columns.y + modelData.y) * map.mapScale
            width: Math.max(1, modelData.width * map.mapScale)
            height: Math.max(1, modelData.height * map.mapScale)
            radius: 2
            color: status !== "" ? Theme.tint(Theme.statusColor(status), 0.5) : Theme.tint(Theme.textMuted, 0.35)
            border.color: status !== "" ? Theme.statusColor(status) : Theme.textMuted
        }
    }

    Rectangle {
        objectName: "minimapViewFrame"
        x: map.inset + map.view.contentX / map.zoom * map.mapScale
        y: map.inset + map.view.contentY / map.zoom * map.mapScale
        width: Math.min(map.width - x, map.view.width / map.zoom * map.mapScale)
        height: Math.min(map.height - y, map.view.height / map.zoom * map.mapScale)
        color: Theme.tint(Theme.accent, 0.08)
        border.color: Theme.accent
        border.width: 2
    }

    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.PointingHandCursor
        onPressed: mouse => map.moveTo(mouse.x, mouse.y)
        onPositionChanged: mouse => {
            if (pressed)
                map.moveTo(mouse.x, mouse.y)
        }
    }
}
