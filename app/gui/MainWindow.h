#pragma once

#include <QString>

class QQmlApplicationEngine;
class QQuickWindow;

namespace pw::gui {

class PipelineDocument;
class RunMonitor;

// Picks the Qt Quick Controls style of the designer. Call before the first QML engine.
void useDesignerStyle();

// Loads the designer's main window (Pipewright/Main.qml) showing `document` into `engine`,
// with `selection` (an element path, may be empty) selected. Returns nullptr when the QML
// failed to load; the engine has then logged why.
QQuickWindow *loadMainWindow(QQmlApplicationEngine &engine, PipelineDocument &document,
                             RunMonitor &monitor, const QString &selection = QString());

} // namespace pw::gui
