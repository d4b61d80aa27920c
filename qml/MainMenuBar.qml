import QtQuick
import QtQuick.Controls
import Pipewright

// File, Edit, Run and View. The entries are the actions of the window's action objects (whose
// shortcuts work with the menus closed); only Open Recent and Rehearse are the menu's own.
MenuBar {
    id: bar

    required property FileActions files
    required property EditActions editing
    required property CanvasActions canvasActions
    required property RunActions runActions
    required property RunMonitor monitor
    property string selectedPath

    signal rehearseRequested(string stepId)

    readonly property PipelineDocument document: files.document
    // The selected step's id, when a step of the design is selected: what Rehearse fails. A
    // path names its element's kind last ("….steps[1].step"): no need to ask the document for
    // all of the element's fields at every click.
    readonly property string selectedStepId: document.hasPipeline && /\.step$/.test(selectedPath)
                                             ? document.outline.nodeIdAt(selectedPath) : ""

    Menu {
        id: fileMenu
        objectName: "fileMenu"
        title: qsTr("&File")
        ShortcutMenuItem { action: bar.files.newAction }
        ShortcutMenuItem { action: bar.files.openAction }
        Menu {
            id: recentMenu
            title: qsTr("Open &Recent")
            enabled: bar.document.recentFiles.length > 0

            Instantiator {
                model: bar.document.recentFiles
                // The name, then its folder: two files of one name stay apart.
                delegate: ShortcutMenuItem {
                    required property string modelData
                    objectName: "recentFile"
                    text: modelData.substring(modelData.lastIndexOf("/") + 1)
                    detail: modelData.substring(0, modelData.lastIndexOf("/"))
                    onTriggered: {
                        fileMenu.dismiss() // the whole File menu, not only the submenu
                        bar.files.confirmDiscard(() => bar.files.openFile(modelData))
                    }
                }
                onObjectAdded: (index, object) => recentMenu.insertItem(index, object)
                onObjectRemoved: (index, object) => recentMenu.removeItem(object)
            }
        }
        MenuSeparator {}
        ShortcutMenuItem { action: bar.files.saveAction }
        ShortcutMenuItem { action: bar.files.saveAsAction }
        MenuSeparator {}
        ShortcutMenuItem { action: bar.files.quitAction }
    }
    Menu {
        title: qsTr("&Edit")
        ShortcutMenuItem { action: bar.editing.undoAction }
        ShortcutMenuItem { action: bar.editing.redoAction }
        MenuSeparator {}
        ShortcutMenuItem { action: bar.editing.copyAction }
        ShortcutMenuItem { action: bar.editing.pasteAction }
        ShortcutMenuItem { action: bar.editing.deleteAction }
        MenuSeparator {}
        ShortcutMenuItem { action: bar.editing.renameAction }
        ShortcutMenuItem { action: bar.canvasActions.findAction }
    }
    Menu {
        title: qsTr("&Run")
        ShortcutMenuItem { action: bar.runActions.runAction }
        ShortcutMenuItem { action: bar.runActions.abortAction }
        ShortcutMenuItem {
            objectName: "rehearseMenuItem"
            text: qsTr("Rehearse &Failure of the Selected Step…")
            enabled: !bar.monitor.live && !bar.monitor.showingRun && bar.selectedStepId !== ""
            onTriggered: bar.rehearseRequested(bar.selectedStepId)
        }
        MenuSeparator {}
        ShortcutMenuItem { action: bar.runActions.rerunAction }
        ShortcutMenuItem { action: bar.runActions.resumeAction }
        ShortcutMenuItem { action: bar.runActions.reportAction }
        MenuSeparator {}
        ShortcutMenuItem { action: bar.runActions.closeRunAction }
    }
    Menu {
        title: qsTr("&View")
        ShortcutMenuItem { action: bar.canvasActions.zoomInAction }
        ShortcutMenuItem { action: bar.canvasActions.zoomOutAction }
        ShortcutMenuItem { action: bar.canvasActions.fitAction }
        ShortcutMenuItem { action: bar.canvasActions.resetZoomAction }
    }
}
