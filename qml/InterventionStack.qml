import QtQuick
import QtQml.Models
import Pipewright

// Every open request of the run as its own dialog, stacked at the top right of the window,
// the oldest first, each a little lower and further left so that all of them show.
Item {
    id: stack

    required property RunMonitor monitor

    Instantiator {
        model: stack.monitor.requests
        delegate: InterventionDialog {
            required property int index
            monitor: stack.monitor
            parent: stack
            x: stack.width - width - 24 - 28 * index
            y: 70 + 36 * index
        }
    }
}
