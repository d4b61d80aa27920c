import QtQuick
import Pipewright

// A duration ("30s", "1m30s", "PT2S"); empty unsets it. The document checks the text when
// editing finishes and refuses what it cannot read (a bare number, "abc"): lastError shows.
FieldEditor {
    placeholder: qsTr("e.g. 30s, 5m, 1h30m")
    monospace: true
}
