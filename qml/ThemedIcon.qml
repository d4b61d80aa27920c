import QtQuick
import QtQuick.Controls.impl as ControlsImpl

// One of our icons (source: Theme.icon(...)). The monochrome ones are drawn in the light
// theme's grey; they are recoloured with Theme.iconColour so that they stay legible on a dark
// palette. The coloured ones (logo, error, warning, ok, not-allowed) keep their colours.
ControlsImpl.ColorImage {
    color: Theme.isMonochromeIcon(source) ? Theme.iconColour : "transparent"
}
