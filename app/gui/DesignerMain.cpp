#include "DesignerMain.h"

#include "DesignerArguments.h"
#include "MainWindow.h"
#include "PipelineDocument.h"
#include "WindowScreenshot.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>

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
    QGuiApplication application(argc, argv);

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

    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine, document, arguments.selection);
    if (!window) {
        print(stderr, QStringLiteral("pipewright: the designer's window failed to load"));
        return kExitInternal;
    }

    if (!arguments.screenshotPath.isEmpty()) {
        saveScreenshotWhenRendered(window, arguments.screenshotPath, [](const QString &error) {
            if (!error.isEmpty())
                print(stderr, QStringLiteral("pipewright: screenshot: ") + error);
            QCoreApplication::exit(error.isEmpty() ? 0 : kExitFailed);
        });
    }
    return QGuiApplication::exec();
}

} // namespace pw::gui
