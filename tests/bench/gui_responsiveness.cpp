// Benchmark (issue: Monitor): the window stays responsive while a big run floods it.
// 200 Shell steps run side by side, each printing 50 lines a second for BENCH_SECONDS (8 s),
// in a pipeline of 1,000 steps; the main window shows the run (canvas statuses, the Logs tab
// on one of the printing steps, then the Timeline). On the GUI thread a 10 ms timer measures
// the longest gap between its ticks; every frame's render time (sync to swap) is measured
// under the offscreen platform; item model resets during the run are counted (there should
// be none: rows are updated). Prints its figures; asserts nothing.
//
//   build/tests/bench/gui_responsiveness   (QT_QPA_PLATFORM=offscreen is set if unset)
#include "app/gui/MainWindow.h"
#include "app/gui/PipelineDocument.h"
#include "app/gui/monitor/RunMonitor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace pw::gui;

namespace {

QByteArray pipelineYaml(int printing, int total, int seconds)
{
    QByteArray yaml = "pipeline:\n  id: gui_bench\n  maxParallel: " + QByteArray::number(printing + 8) + "\n  stages:\n";
    yaml += "    - stage:\n        id: flood\n        steps:\n          - parallel:\n";
    const int lines = 50 * seconds;
    for (int i = 0; i < printing; ++i) {
        yaml += "              - step: {id: talk_" + QByteArray::number(i) + ", type: Shell, spec: {command: \"i=0; while [ $i -lt "
                + QByteArray::number(lines) + " ]; do echo line $i of step " + QByteArray::number(i)
                + "; i=$((i+1)); sleep 0.02; done\"}}\n";
    }
    const int rest = total - printing;
    const int stages = 8;
    int made = 0;
    for (int s = 0; s < stages; ++s) {
        yaml += "    - stage:\n        id: after_" + QByteArray::number(s) + "\n        steps:\n";
        const int here = (rest - made) / (stages - s);
        for (int i = 0; i < here; ++i, ++made)
            yaml += "          - step: {id: quick_" + QByteArray::number(made) + ", type: Echo, spec: {message: done " + QByteArray::number(made) + "}}\n";
    }
    return yaml;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    useDesignerStyle();
    QApplication application(argc, argv);
    const int seconds = qEnvironmentVariableIntValue("BENCH_SECONDS") > 0 ? qEnvironmentVariableIntValue("BENCH_SECONDS") : 8;

    const QString path = home.filePath(QStringLiteral("gui_bench.yaml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pipelineYaml(200, 1000, seconds)) < 0)
        return 2;
    file.close();
    PipelineDocument document;
    document.load(path);
    RunMonitor monitor(home.filePath(QStringLiteral("runs.sqlite")));
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine, document, monitor);
    if (!window)
        return 5;
    window->resize(1400, 900);

    // Resets of the models the window shows, once the run is on.
    int resets = 0;
    bool counting = false;
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
             monitor.logs(), monitor.timeline(), monitor.history(), monitor.requests(),
             monitor.runDocument()->outline()}) {
        QObject::connect(model, &QAbstractItemModel::modelAboutToBeReset, [&] { resets += counting ? 1 : 0; });
    }

    // The GUI thread's pulse.
    QElapsedTimer pulse;
    std::vector<double> gaps;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        if (pulse.isValid())
            gaps.push_back(double(pulse.nsecsElapsed()) / 1e6);
        pulse.restart();
        window->update(); // a frame every tick: what a person watching sees
    });

    // Frames: sync to swap, on the render loop's thread.
    std::vector<double> frames;
    QElapsedTimer frame;
    QObject::connect(window, &QQuickWindow::beforeSynchronizing, window, [&] { frame.restart(); }, Qt::DirectConnection);
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
        if (frame.isValid() && counting)
            frames.push_back(double(frame.nsecsElapsed()) / 1e6);
    }, Qt::DirectConnection);

    QElapsedTimer wall;
    QObject::connect(&monitor, &RunMonitor::runEnded, &application, [&](const QString &status) {
        counting = false;
        ticker.stop();
        std::printf("GUI responsiveness, 200 Shell steps printing 50 lines/s each for %d s in a 1,000-step run (%s, %.1f s):\n",
                    seconds, qPrintable(status), double(wall.elapsed()) / 1000);
        std::printf("  GUI thread: longest gap between 10 ms ticks %.1f ms, 99th percentile %.1f ms, %zu ticks  (target < 50 ms)\n",
                    gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end()), percentile(gaps, 0.99), gaps.size());
        std::printf("  frames: %zu, median %.1f ms, 90th percentile %.1f ms, longest %.1f ms  (target median < 33 ms)\n",
                    frames.size(), percentile(frames, 0.5), percentile(frames, 0.9),
                    frames.empty() ? 0.0 : *std::max_element(frames.begin(), frames.end()));
        std::printf("  model resets during the run: %d  (target 0)\n", resets);
        QTimer::singleShot(0, &application, &QCoreApplication::quit);
    });

    QTimer::singleShot(500, &application, [&] {
        wall.start();
        if (!monitor.start(&document, {})) {
            std::fprintf(stderr, "the run did not start\n");
            application.exit(5);
            return;
        }
        counting = true;
        ticker.start();
        // Watching one printing step's log, then the timeline.
        QTimer::singleShot(1000, &application, [&] { monitor.selectNode(QStringLiteral("talk_7")); });
    });
    return QApplication::exec();
}
