pragma Singleton
import QtQuick

// Colours, sizes and icons of the designer in one place. A fixed light palette for now;
// following the system's light or dark theme is a later issue and will only touch this file.
QtObject {
    // Surfaces and text
    readonly property color window: "#f3f4f6"
    readonly property color panel: "#ffffff"
    readonly property color panelAlt: "#f8f9fb"
    readonly property color canvas: "#eceff3"
    readonly property color border: "#d9dde4"
    readonly property color borderStrong: "#c2c8d1"
    readonly property color text: "#1d2330"
    readonly property color textMuted: "#5b6474"
    readonly property color textFaint: "#8b93a1"
    readonly property color accent: "#2563eb"
    readonly property color hover: "#eef2f8"

    // Containers and lanes
    readonly property color groupFill: "#f6f7f9"
    readonly property color groupBorder: "#b9c1cc"
    readonly property color parallelFill: "#f6f4ff"
    readonly property color parallelBorder: "#b7aef0"
    readonly property color parallelText: "#5842c3"
    readonly property color rollbackFill: "#fff8ea"
    readonly property color rollbackBorder: "#eac27c"
    readonly property color rollbackText: "#8a5700"
    readonly property color handlerFill: "#fdf1f2"
    readonly property color handlerBorder: "#eaa9b0"
    readonly property color handlerText: "#a3202f"
    readonly property color errorText: "#b42318"
    readonly property color warningText: "#9a6700"

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

    // Step types and palette entries ("Step group") to icon names ("step-group").
    function typeIcon(type) {
        return icon(type.toLowerCase().replace(" ", "-"))
    }

    function badgeColor(kind) {
        switch (kind) {
        case "retry": return "#2563eb"
        case "catch": return "#0f766e"
        case "strategy": return "#7c3aed"
        case "timeout": return "#b45309"
        case "when": return "#0369a1"
        }
        return "#475569"
    }
}
