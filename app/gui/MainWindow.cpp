#include "MainWindow.h"

#include "PacedIncubationController.h"
#include "PipelineDocument.h"
#include "monitor/RunMonitor.h"

#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/QQmlExtensionPlugin>

// pw_gui is a static library: without this the linker drops the module's static plugin,
// and with it the registration of the C++ types and the QML files' resources.
Q_IMPORT_QML_PLUGIN(PipewrightPlugin)

namespace pw::gui {

void useDesignerStyle()
{
    // Fusion looks like a desktop tool on every platform; Theme picks light or dark colours
    // from the system palette and the window hands them to the controls.
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
}

QQuickWindow *loadMainWindow(QQmlApplicationEngine &engine, PipelineDocument &document,
                             RunMonitor &monitor, const QString &selection)
{
    // Qt 6.4 does not search the module's resource prefix by default (6.5 does).
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.setInitialProperties({{QStringLiteral("document"), QVariant::fromValue(&document)},
                                 {QStringLiteral("monitor"), QVariant::fromValue(&monitor)},
                                 {QStringLiteral("initialSelection"), selection}});
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Pipewright/Main.qml")));
    const QList<QObject *> roots = engine.rootObjects();
    auto *window = roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.constFirst());
    // Asynchronous Loaders (the run's canvas) are made a little every frame; with no
    // controller, QML would make them at once.
    if (window)
        engine.setIncubationController(new PacedIncubationController(&engine));
    return window;
}

} // namespace pw::gui
