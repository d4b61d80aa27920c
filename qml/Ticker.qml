pragma Singleton
import QtQuick

// One clock for every countdown and elapsed time on screen (cards, dialogs, the timeline):
// a tick twice a second, and only while someone asked for it (`users` > 0), so an idle window
// does nothing; and the step that spinners turn by.
QtObject {
    property double now: Date.now()
    property int users: 0
    // The spinners of running steps turn together, in eighths of a turn eight times a
    // second: 200 running steps then cost 8 frames a second, not 60 with 200 animations.
    property int spinners: 0
    property int spin: 0

    readonly property Timer spinTimer: Timer {
        interval: 125
        repeat: true
        running: spinners > 0
        onTriggered: spin = (spin + 1) % 8
    }

    readonly property Timer timer: Timer {
        interval: 500
        repeat: true
        triggeredOnStart: true // the first reader after a quiet spell gets the time of now
        running: users > 0
        onTriggered: now = Date.now()
    }
}
