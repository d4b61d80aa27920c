pragma Singleton
import QtQuick

// One clock for every countdown and elapsed time on screen (cards, dialogs, the timeline):
// a tick twice a second, and only while someone asked for it (`users` > 0), so an idle window
// does nothing.
QtObject {
    property double now: Date.now()
    property int users: 0

    readonly property Timer timer: Timer {
        interval: 500
        repeat: true
        triggeredOnStart: true // the first reader after a quiet spell gets the time of now
        running: users > 0
        onTriggered: now = Date.now()
    }
}
