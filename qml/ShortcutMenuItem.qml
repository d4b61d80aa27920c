import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// A menu entry with its action's shortcut on the right, as desktop menus show them (Qt Quick
// Controls 6.4's own MenuItem does not), spelled the platform's way ("Ctrl+S").
MenuItem {
    id: item

    property string detail // muted text after the title, e.g. a recent file's folder
    readonly property string shortcutText: item.action ? KeyText.of(item.action.shortcut) : ""

    contentItem: RowLayout {
        spacing: 24
        opacity: item.enabled ? 1 : 0.45

        Label {
            objectName: "menuItemTitle"
            // Mnemonic markers are the menu's business, not text to show.
            text: item.text.replace(/&(?!&)/g, "")
            color: item.highlighted ? item.palette.highlightedText : Theme.text
            elide: Text.ElideRight
            Layout.fillWidth: !detailLabel.visible
        }
        Label {
            id: detailLabel
            visible: item.detail !== ""
            text: item.detail
            color: item.highlighted ? item.palette.highlightedText : Theme.textMuted
            font.pixelSize: Theme.smallFontSize
            elide: Text.ElideMiddle
            Layout.maximumWidth: 360
            Layout.fillWidth: true
        }
        Label {
            objectName: "menuItemShortcut"
            visible: text !== ""
            text: item.shortcutText
            color: item.highlighted ? item.palette.highlightedText : Theme.textMuted
            font.pixelSize: Theme.smallFontSize
        }
    }
}
