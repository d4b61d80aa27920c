#include "DesignerMain.h"

#include "DesignerArguments.h"
#include "MainWindow.h"
#include "PipelineDocument.h"
#include "TrayNotifier.h"
#include "WindowScreenshot.h"
#include "monitor/RunMonitor.h"

#include <QApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>

#include <memory>
#include <QTimer>

#include <cstdio>

namespace pw::gui {
namespace {

constexpr int kExitFailed = 1;
constexpr int kExitInternal = 5; // cli.md: internal error

void print(std::FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stream);
}

} // namespace

int runDesigner(int &argc, char **argv)
{
    useDesignerStyle();
    // QApplication (Qt Widgets) rather than QGuiApplication: the system tray needs it.
    QApplication application(argc, argv);

    const DesignerArguments arguments = parseDesignerArguments(application.arguments());
    if (arguments.exitCode) {
        print(*arguments.exitCode == 0 ? stdout : stderr, arguments.message);
        return *arguments.exitCode;
    }

    PipelineDocument document;
    // Like any editor: a file when given, else a new untitled pipeline ready for a first stage.
    if (arguments.file.isEmpty())
        document.newDocument();
    else
        document.load(arguments.file);

    RunMonitor monitor(arguments.databasePath);
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine, document, monitor, arguments.selection);
    if (!window) {
        print(stderr, QStringLiteral("pipewright: the designer's window failed to load"));
        return kExitInternal;
    }

    TrayNotifier tray(monitor.notifications(), window);
    if (arguments.zoom) {
        // Once the window has its size: fitting an unsized canvas would zoom to the minimum.
        auto applied = std::make_shared<QMetaObject::Connection>();
        *applied = QObject::connect(window, &QQuickWindow::frameSwapped, window, [window, applied, zoom = *arguments.zoom] {
            QObject::disconnect(*applied);
            window->setProperty("initialZoom", zoom);
        }, Qt::QueuedConnection);
    }

    if (arguments.run) {
        QVariantMap inputs;
        for (const QString &pair : arguments.inputs)
            inputs.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
        if (!monitor.start(&document, inputs)) {
            print(stderr, QStringLiteral("pipewright: the run did not start: ") + monitor.problemsBeforeRun(&document));
            if (!arguments.screenshotPath.isEmpty())
                return kExitFailed;
        }
    }
    if (!arguments.rehearse.isEmpty()) {
        const QString step = arguments.rehearse.section(u'=', 0, 0);
        const QString failure = arguments.rehearse.section(u'=', 1);
        if (!monitor.rehearse(&document, step, failure.section(u':', 0, 0), failure.section(u':', 1).toInt())
            && !arguments.screenshotPath.isEmpty())
            return kExitFailed;
    }
    if (!arguments.screenshotPath.isEmpty()) {
        const auto take = [window, path = arguments.screenshotPath] {
            saveScreenshotWhenRendered(window, path, [](const QString &error) {
                if (!error.isEmpty())
                    print(stderr, QStringLiteral("pipewright: screenshot: ") + error);
                QCoreApplication::exit(error.isEmpty() ? 0 : kExitFailed);
            });
        };
        if (!arguments.screenshotAfterMs) {
            take();
        } else if (arguments.run || !arguments.rehearse.isEmpty()) {
            // "At that moment of the live run": counted from the run's start.
            QObject::connect(&monitor, &RunMonitor::shownRunChanged, window,
                             [window, take, after = int(*arguments.screenshotAfterMs)] {
                                 QTimer::singleShot(after, window, take);
                             }, Qt::SingleShotConnection);
        } else {
            QTimer::singleShot(int(*arguments.screenshotAfterMs), window, take);
        }
    }
    return QApplication::exec();
}

} // namespace pw::gui
