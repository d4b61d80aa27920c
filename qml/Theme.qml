pragma Singleton
import QtQuick

// Colours, sizes and icons of the designer in one place. Light or dark follows the desktop:
// Qt 6.4 has no colour-scheme hint, so the application palette's window colour decides.
QtObject {
    id: theme

    readonly property SystemPalette system: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property bool dark: system.window.hslLightness < 0.5

    function pick(light, darkColour) {
        return dark ? darkColour : light
    }

    // Surfaces and text
    readonly property color window: pick("#f3f4f6", "#1b1e24")
    readonly property color panel: pick("#ffffff", "#23272f")
    readonly property color panelAlt: pick("#f8f9fb", "#2a2f38")
    readonly property color canvas: pick("#eceff3", "#16181d")
    readonly property color border: pick("#d9dde4", "#3a404b")
    readonly property color borderStrong: pick("#c2c8d1", "#4d5563")
    readonly property color text: pick("#1d2330", "#e6e9ef")
    readonly property color textMuted: pick("#5b6474", "#a7afbd")
    readonly property color textFaint: pick("#8b93a1", "#7b8494")
    readonly property color accent: pick("#2563eb", "#5b8cff")
    readonly property color accentText: "#ffffff"
    readonly property color hover: pick("#eef2f8", "#2f3542")
    readonly property color selection: pick("#dbe7ff", "#2d4170")
    readonly property color toolTip: pick("#2b313c", "#e6e9ef")
    readonly property color toolTipText: pick("#ffffff", "#1d2330")

    // Containers and lanes
    readonly property color groupFill: pick("#f6f7f9", "#252a32")
    readonly property color groupBorder: pick("#b9c1cc", "#4a5260")
    readonly property color parallelFill: pick("#f6f4ff", "#27243a")
    readonly property color parallelBorder: pick("#b7aef0", "#6a5fc0")
    readonly property color parallelText: pick("#5842c3", "#b3a8ff")
    readonly property color rollbackFill: pick("#fff8ea", "#33291a")
    readonly property color rollbackBorder: pick("#eac27c", "#8a6a2c")
    readonly property color rollbackText: pick("#8a5700", "#f0c06a")
    readonly property color handlerFill: pick("#fdf1f2", "#35222a")
    readonly property color handlerBorder: pick("#eaa9b0", "#8c4650")
    readonly property color handlerText: pick("#a3202f", "#ff9aa6")
    readonly property color errorText: pick("#b42318", "#ff8a80")
    readonly property color warningText: pick("#9a6700", "#f2c14e")

    // Sizes
    readonly property int fontSize: 13
    readonly property int smallFontSize: 11
    readonly property int titleFontSize: 15
    readonly property string monoFamily: "monospace"
    readonly property int spacing: 8
    readonly property int radius: 6
    readonly property int cardWidth: 212
    readonly property int stageMinWidth: 252
    readonly property int canvasMargin: 24

    function stepColor(type) {
        switch (type) {
        case "Shell": return "#2563eb"
        case "Http": return "#0e7490"
        case "Echo": return "#64748b"
        case "Wait": return "#b45309"
        case "Fail": return "#dc2626"
        case "Verify": return "#15803d"
        case "Approval": return "#7e22ce"
        case "Stage": return "#334155"
        case "Step group": return "#475569"
        case "Parallel": return "#6d28d9"
        }
        return "#64748b"
    }

    // A light wash of a colour, for icon tiles and chips.
    function tint(colour, strength) {
        return Qt.rgba(colour.r, colour.g, colour.b, strength === undefined ? 0.12 : strength)
    }

    function icon(name) {
        return Qt.resolvedUrl("icons/" + name + ".svg")
    }

    // What ThemedIcon paints monochrome icons with: their own grey in the light theme.
    readonly property color iconColour: pick("#3c4451", "#c3cad5")

    function isMonochromeIcon(source) {
        return !/\/(logo|error|warning|ok|not-allowed|arrow|grid-dot)\.svg$/.test(String(source))
    }

    // Step types and palette entries ("Step group") to icon names ("step-group").
    function typeIcon(type) {
        return icon(type.toLowerCase().replace(" ", "-"))
    }

    // Run statuses (nodes and runs): what the canvas, the timeline and the history colour by.
    function statusColor(status) {
        switch (status) {
        case "Running": return pick("#2563eb", "#6f9bff")
        case "Pending": return pick("#94a3b8", "#6b7585")
        case "Retrying": return pick("#d97706", "#f2b04e")
        case "Waiting": return pick("#7c3aed", "#b794f6")
        case "Succeeded": return pick("#16a34a", "#4ade80")
        case "IgnoredFailure": return pick("#ca8a04", "#facc15")
        case "Failed": return pick("#dc2626", "#f87171")
        case "Skipped": return pick("#9ca3af", "#6b7280")
        case "Aborted": return pick("#92400e", "#d6a36a")
        case "RolledBack": return pick("#9333ea", "#c084fc")
        case "Interrupted": return pick("#475569", "#94a3b8")
        }
        return pick("#64748b", "#a0aec0")
    }
    function statusLabel(status) {
        switch (status) {
        case "IgnoredFailure": return qsTr("Ignored failure")
        case "RolledBack": return qsTr("Rolled back")
        }
        return status
    }
    // "1:05", "12s", "2h 03m": for counters that change every second.
    function clock(ms) {
        const seconds = Math.max(0, Math.round(ms / 1000))
        if (seconds < 60)
            return seconds + "s"
        if (seconds < 3600)
            return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0")
        if (seconds < 86400)
            return Math.floor(seconds / 3600) + "h " + String(Math.floor(seconds / 60) % 60).padStart(2, "0") + "m"
        return Math.floor(seconds / 86400) + "d " + String(Math.floor(seconds / 3600) % 24).padStart(2, "0") + "h"
    }

    // How long something took, as precise as it is short: "340 ms", "2.4 s", then clock().
    function duration(ms) {
        if (ms < 0)
            return ""
        if (ms < 1000)
            return Math.round(ms) + " ms"
        if (ms < 10000)
            return (ms / 1000).toFixed(1) + " s"
        return clock(ms)
    }
    // Time left, rounded up as countdowns are: "1s" until the very end, never "0s" with
    // time still on the bar.
    function countdown(ms) {
        return clock(Math.ceil(Math.max(0, ms) / 1000) * 1000)
    }

    function badgeColor(kind) {
        switch (kind) {
        case "retry": return pick("#2563eb", "#7aa2ff")
        case "catch": return pick("#0f766e", "#4fd1c5")
        case "strategy": return pick("#7c3aed", "#b794f6")
        case "timeout": return pick("#b45309", "#f6ad55")
        case "when": return pick("#0369a1", "#63b3ed")
        }
        return pick("#475569", "#a0aec0")
    }
}
