// Benchmark (issue: Designer, large pipelines): the designer with a big pipeline open.
// N Shell steps (default 1,000) in 10 stages, the main window at 1400x860 under the offscreen
// platform with the software renderer, as a user opens it; measured:
//   - open to first frame: loading the file, building the window, its first frame;
//   - a window screenshot (grabWindow, what --screenshot does);
//   - scrolling: 120 px steps down and then right; zooming: Ctrl+minus steps to the minimum
//     and back; each frame's cost is the change itself (bindings run when the view moves)
//     plus the frame (polish, sync, render);
//   - selecting a card by a mouse click, until the frame that shows it;
//   - the process's peak memory.
// Prints its figures; asserts nothing.
//
//   build/tests/bench/canvas_bench [STEPS]
#include "BenchSupport.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PipelineDocument.h"
#include "app/gui/monitor/RunMonitor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace pw::gui;
using pw::bench::percentile;

namespace {

QByteArray pipelineYaml(int steps)
{
    constexpr int kStages = 10;
    QByteArray yaml = "pipeline:\n  id: big\n  stages:\n";
    int made = 0;
    for (int s = 0; s < kStages; ++s) {
        yaml += "    - stage:\n        id: stage_" + QByteArray::number(s) + "\n        steps:\n";
        const int here = (steps - made) / (kStages - s);
        for (int i = 0; i < here; ++i, ++made)
            yaml += "          - step: {id: shell_" + QByteArray::number(made)
                    + ", type: Shell, spec: {command: \"make -C part_" + QByteArray::number(made) + " all\"}}\n";
    }
    return yaml;
}

double peakMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024;
}

// Measures frames of one window: the time from the start of a frame (afterAnimating, before
// polish) to its swap, on the GUI thread (the software render loop renders there).
class FrameMeter
{
public:
    explicit FrameMeter(QQuickWindow *window) : m_window(window)
    {
        QObject::connect(window, &QQuickWindow::afterAnimating, window, [this] { m_frame.restart(); }, Qt::DirectConnection);
        QObject::connect(window, &QQuickWindow::frameSwapped, window, [this] {
            m_lastFrameMs = m_frame.isValid() ? double(m_frame.nsecsElapsed()) / 1e6 : 0;
            ++m_swaps;
        }, Qt::DirectConnection);
    }

    // Runs `change`, then waits for the frame that shows it. Returns the change's own time plus
    // that frame's.
    double measure(const std::function<void()> &change)
    {
        QElapsedTimer changing;
        changing.start();
        change();
        const double changeMs = double(changing.nsecsElapsed()) / 1e6;
        m_window->update();
        waitForSwap();
        return changeMs + m_lastFrameMs;
    }

    void waitForSwap()
    {
        const int before = m_swaps;
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (m_swaps != before)
                loop.quit();
        });
        poll.start(1);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
    }

    // Lets late work (deferred layouts, incubation) finish: frames until one costs little.
    void settle()
    {
        for (int i = 0; i < 20; ++i) {
            if (measure([] {}) < 2)
                break;
        }
    }

private:
    QQuickWindow *m_window;
    QElapsedTimer m_frame;
    double m_lastFrameMs = 0;
    int m_swaps = 0;
};

void printFrames(const char *what, const std::vector<double> &frames)
{
    std::printf("  %s: %zu frames, median %.1f ms, 90th percentile %.1f ms, longest %.1f ms  (targets: median < 16 ms, longest < 50 ms)\n",
                what, frames.size(), percentile(frames, 0.5), percentile(frames, 0.9),
                frames.empty() ? 0.0 : *std::max_element(frames.begin(), frames.end()));
}

QQuickItem *findItem(QQuickItem *root, const QString &objectName)
{
    if (root->objectName() == objectName)
        return root;
    for (QQuickItem *child : root->childItems()) {
        if (QQuickItem *found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

void click(QQuickWindow *window, QPointF at)
{
    QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, at.toPoint());
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND"))
        qputenv("QT_QUICK_BACKEND", "software");
    QTemporaryDir home;
    pw::bench::prepareDesignerEnvironment(home);
    QApplication application(argc, argv);
    const int steps = argc > 1 ? std::max(10, std::atoi(argv[1])) : 1000;

    const QString path = home.filePath(QStringLiteral("big.yaml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pipelineYaml(steps)) < 0)
        return 2;
    file.close();

    // Open to first frame.
    QElapsedTimer opening;
    opening.start();
    PipelineDocument document;
    document.load(path);
    const double loadedMs = double(opening.nsecsElapsed()) / 1e6;
    RunMonitor monitor(home.filePath(QStringLiteral("runs.sqlite")));
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine, document, monitor);
    if (!window)
        return 5;
    window->resize(1400, 860);
    FrameMeter meter(window);
    meter.waitForSwap();
    const double firstFrameMs = double(opening.nsecsElapsed()) / 1e6;
    meter.settle();
    const double settledMs = double(opening.nsecsElapsed()) / 1e6;

    auto *canvas = window->findChild<QQuickItem *>(QStringLiteral("designCanvas"));
    auto *view = window->findChild<QQuickItem *>(QStringLiteral("canvasView"));
    if (!canvas || !view) {
        std::fprintf(stderr, "no design canvas in the window\n");
        return 5;
    }
    std::printf("Designer with %d Shell steps in 10 stages (offscreen, software renderer, 1400x860):\n", steps);
    std::printf("  open to first frame: %.0f ms (file loaded in %.0f ms; settled at %.0f ms)  (target < 800 ms at 1,000 steps)\n",
                firstFrameMs, loadedMs, settledMs);

    QElapsedTimer grabbing;
    grabbing.start();
    const QImage shot = window->grabWindow();
    std::printf("  window screenshot: %.0f ms (%dx%d)\n", double(grabbing.nsecsElapsed()) / 1e6, shot.width(), shot.height());

    // Scrolling: down through the tallest column, then right along the stages.
    std::vector<double> scrolling;
    const double contentHeight = view->property("contentHeight").toDouble();
    const double contentWidth = view->property("contentWidth").toDouble();
    for (double y = 120; y < std::min(contentHeight - view->height(), 120.0 * 80); y += 120)
        scrolling.push_back(meter.measure([&] { view->setProperty("contentY", y); }));
    for (double x = 120; x < contentWidth - view->width(); x += 120)
        scrolling.push_back(meter.measure([&] { view->setProperty("contentX", x); }));
    view->setProperty("contentX", 0);
    view->setProperty("contentY", 0);
    meter.settle();
    printFrames("scrolling by 120 px", scrolling);

    // Zooming out step by step to the minimum, then back to 100 %.
    std::vector<double> zooming;
    for (int i = 0; i < 13; ++i)
        zooming.push_back(meter.measure([&] { QMetaObject::invokeMethod(canvas, "zoomOut"); }));
    for (int i = 0; i < 13; ++i)
        zooming.push_back(meter.measure([&] { QMetaObject::invokeMethod(canvas, "zoomIn"); }));
    QMetaObject::invokeMethod(canvas, "resetZoom");
    QTest::qWait(600); // cards remade after crossing the compact zoom are made between frames
    meter.settle();
    printFrames("zooming by 1.2x", zooming);
    if (qEnvironmentVariableIsSet("BENCH_VERBOSE")) {
        for (double ms : zooming)
            std::printf(" %.0f", ms);
        std::printf("\n");
    }

    // Selecting: a click on the middle of the third card of the second stage.
    std::vector<double> selecting;
    for (int i = 0; i < 5; ++i) {
        const int stepNumber = steps / 10 + 2 + i;
        const QString elementPath = QStringLiteral("pipeline.stages[1].stage.steps[%1].step").arg(stepNumber - steps / 10);
        auto *card = findItem(window->contentItem(), QStringLiteral("element:") + elementPath);
        if (!card) {
            std::printf("  no card %s\n", qPrintable(elementPath));
            break;
        }
        const QPointF inContent = card->mapToItem(view->property("contentItem").value<QQuickItem *>(), QPointF(0, 0));
        view->setProperty("contentX", std::max(0.0, inContent.x() - 100));
        view->setProperty("contentY", std::max(0.0, inContent.y() - 200));
        meter.settle();
        const QPointF centre = card->mapToScene(QPointF(card->width() / 2, std::min(card->height() / 2, 20.0)));
        selecting.push_back(meter.measure([&] { click(window, centre); }));
        if (window->property("selectedPath").toString() != elementPath)
            std::printf("  the click did not select %s (selected: %s, canvas %s, at %.0f,%.0f)\n", qPrintable(elementPath),
                        qPrintable(window->property("selectedPath").toString()), qPrintable(canvas->property("selectedPath").toString()), centre.x(), centre.y());
    }
    std::printf("  select by click: median %.1f ms, longest %.1f ms  (target < 50 ms)\n", percentile(selecting, 0.5),
                selecting.empty() ? 0.0 : *std::max_element(selecting.begin(), selecting.end()));
    std::printf("  peak memory: %.0f MB  (target < 250 MB at 1,000 steps)\n", peakMegabytes());
    return 0;
}
