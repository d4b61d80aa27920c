// Benchmark (issue: Monitor): the window stays responsive while a big run floods it.
// 200 Shell steps run side by side, each printing 50 lines a second for BENCH_SECONDS (8 s),
// in a pipeline of 1,000 steps; the main window shows the run (canvas statuses, the Logs tab
// on one of the printing steps, then the Timeline). On the GUI thread a 10 ms timer measures
// the longest gap between its ticks; every frame's render time (sync to swap) is measured
// under the offscreen platform; item model resets during the run are counted (there should
// be none: rows are updated). Prints its figures; asserts nothing.
//
//   build/tests/bench/gui_responsiveness   (QT_QPA_PLATFORM=offscreen is set if unset)
//   BENCH_STALL_MS=30 lists every gap over 30 ms, and logs "Run" and each gap as it happens
//   (with QT_MESSAGE_PATTERN="%{time process} %{message}", in line with Qt's own logs; with
//   "%{time boot}", in CLOCK_MONOTONIC seconds, as `perf record -k CLOCK_MONOTONIC` stamps).
// Each gap listed says how much of it the GUI thread worked and how much it waited for a CPU
// (Linux's schedstat): the window's own work, or the run's threads and processes; how long it
// was blocked in the kernel (the rest), with the pages it read from disk then; and which of
// the window's events over 4 ms ended in it, and how long a core stood still in it (a plain
// thread on each core, ControlSleeper): the machine's own pauses, which no window can avoid.
#include "BenchSupport.h"
#include "ControlSleeper.h"
#include "TimedApplication.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PipelineDocument.h"
#include "app/gui/monitor/RunMonitor.h"
#include "engine/executors/DescriptorLimit.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

using namespace pw::gui;
using pw::bench::percentile;

namespace {

QByteArray pipelineYaml(int printing, int total, int seconds)
{
    QByteArray yaml = "pipeline:\n  id: gui_bench\n  maxParallel: " + QByteArray::number(printing + 8) + "\n  stages:\n";
    yaml += "    - stage:\n        id: flood\n        steps:\n          - parallel:\n";
    const int lines = 50 * seconds;
    for (int i = 0; i < printing; ++i) {
        // One process per step that sleeps between lines (perl-base is in every Debian):
        // a shell loop would start 10,000 `sleep` processes a second, and measure fork().
        yaml += "              - step: {id: talk_" + QByteArray::number(i) + ", type: Shell, spec: {command: \"perl -e '$|=1; for my $i (1.."
                + QByteArray::number(lines) + ") { print qq(line $i of step " + QByteArray::number(i)
                + "\\\\n); select(undef, undef, undef, 0.02) }'\"}}\n";
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

// The GUI thread's time on a CPU and waiting for one, from Linux's schedstat (nanoseconds):
// a gap is the window's own work, or other threads and processes holding the cores. The rest
// of a gap the thread was blocked in the kernel; its major page faults (pages read from disk,
// getrusage) tell one reason for that apart.
struct CpuTimes
{
    double runningMs = 0;
    double waitingMs = 0;
    long majorFaults = 0;
};

CpuTimes guiThreadCpuTimes()
{
    CpuTimes times;
    struct rusage usage = {};
    if (::getrusage(RUSAGE_THREAD, &usage) == 0)
        times.majorFaults = usage.ru_majflt;
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (!file.open(QIODevice::ReadOnly))
        return times;
    const QList<QByteArray> fields = file.readAll().split(' ');
    if (fields.size() < 2)
        return times;
    times.runningMs = fields.at(0).toDouble() / 1e6;
    times.waitingMs = fields.at(1).toDouble() / 1e6;
    return times;
}

} // namespace

int main(int argc, char *argv[])
{
    // As the program's main() does, before any thread starts.
    pw::engine::raiseDescriptorLimit();
    pw::engine::reserveDescriptorTable();
    QTemporaryDir home;
    pw::bench::prepareDesignerEnvironment(home);
    pw::bench::TimedApplication application(argc, argv, 4.0);
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

    // Resets of the models the window shows, once the run is shown: showing a run resets them
    // once (new outline, new timeline, empty logs); after that rows change, nothing resets.
    int resets = 0;
    bool counting = false;
    bool runShown = false;
    bool userAction = false; // the Logs tab switching to the step the user selects is a reset
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
             monitor.logs(), monitor.timeline(), monitor.history(), monitor.requests(),
             monitor.runDocument()->outline()}) {
        QObject::connect(model, &QAbstractItemModel::modelAboutToBeReset, [&, model] {
            if (!runShown || userAction)
                return;
            ++resets;
            if (qEnvironmentVariableIsSet("BENCH_STALL_MS"))
                qInfo("bench: %s reset", model->metaObject()->className());
        });
    }

    QElapsedTimer wall;
    qint64 shownAfter = -1;
    qint64 canvasShownAfter = -1;
    QObject::connect(&monitor, &RunMonitor::shownRunChanged, &application, [&] {
        shownAfter = wall.elapsed();
        QTimer::singleShot(0, &application, [&] { runShown = true; });
    }, Qt::QueuedConnection);
    // The GUI thread's pulse.
    QElapsedTimer pulse;
    std::vector<double> gaps;
    // Gaps over 50 ms, or BENCH_STALL_MS to look closer.
    struct Stall
    {
        qint64 endedAfterRun;
        double length;
        CpuTimes cpu; // of the GUI thread, during the gap
        std::vector<pw::bench::TimedApplication::TimedEvent> events; // the longest first
        qint64 startedNs; // on application.clock()
        qint64 endedNs;
    };
    // A control thread on each core (ControlSleeper).
    std::vector<std::unique_ptr<pw::bench::ControlSleeper>> controls;
    for (int core = 0; core < std::min(8, QThread::idealThreadCount()); ++core)
        controls.push_back(std::make_unique<pw::bench::ControlSleeper>(application.clock(), core));
    // How long a core stood still in (fromNs, toNs): the longest pause of a control thread.
    const auto coreStoodStillMs = [&controls](qint64 fromNs, qint64 toNs) {
        double longest = 0;
        for (const auto &control : controls)
            longest = std::max(longest, control->pausedMsWithin(fromNs, toNs));
        return longest;
    };
    std::vector<Stall> stalls;
    CpuTimes lastTick;
    const double stallMs = qEnvironmentVariableIntValue("BENCH_STALL_MS") > 0 ? qEnvironmentVariableIntValue("BENCH_STALL_MS") : 50;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const CpuTimes now = guiThreadCpuTimes();
        if (pulse.isValid()) {
            gaps.push_back(double(pulse.nsecsElapsed()) / 1e6);
            if (gaps.back() > stallMs) {
                const CpuTimes during{now.runningMs - lastTick.runningMs, now.waitingMs - lastTick.waitingMs,
                                      now.majorFaults - lastTick.majorFaults};
                const qint64 endedNs = application.clock().nsecsElapsed();
                const qint64 startedNs = endedNs - qint64(gaps.back() * 1e6);
                auto events = application.eventsEndingBetween(startedNs, endedNs);
                std::sort(events.begin(), events.end(), [](const auto &a, const auto &b) { return a.ms > b.ms; });
                stalls.push_back({wall.elapsed(), gaps.back(), during, std::move(events), startedNs, endedNs});
                if (qEnvironmentVariableIsSet("BENCH_STALL_MS")) // in line with Qt's own logs
                    qInfo("bench: a %.0f ms gap ends (%.0f ms working, %.0f ms waiting for a CPU)", gaps.back(),
                          during.runningMs, during.waitingMs);
            }
        }
        pulse.restart();
        lastTick = now;
        // The run's canvas is shown once the cards in view are made (Main.settling).
        if (runShown && canvasShownAfter < 0 && !window->property("settling").toBool())
            canvasShownAfter = wall.elapsed();
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

    QObject::connect(&monitor, &RunMonitor::runEnded, &application, [&](const QString &status) {
        counting = false;
        ticker.stop();
        std::printf("GUI responsiveness, 200 Shell steps printing 50 lines/s each for %d s in a 1,000-step run (%s, %.1f s):\n",
                    seconds, qPrintable(status), double(wall.elapsed()) / 1000);
        std::printf("  GUI thread: longest gap between 10 ms ticks %.1f ms, 99th percentile %.1f ms, %zu ticks  (target < 50 ms)\n",
                    gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end()), percentile(gaps, 0.99), gaps.size());
        // The controls' pauses are noted as they end, all of them by now.
        std::vector<double> stoodStill; // per stall
        double longestOwn = 0; // the longest gap in which the machine itself did not stop
        for (const double gap : gaps) {
            if (gap <= stallMs)
                longestOwn = std::max(longestOwn, gap);
        }
        for (const Stall &stall : stalls) {
            stoodStill.push_back(coreStoodStillMs(stall.startedNs, stall.endedNs));
            if (stoodStill.back() < 20)
                longestOwn = std::max(longestOwn, stall.length);
        }
        std::printf("  the longest of the gaps in which no core stood still for 20 ms (a control thread on each): %.1f ms\n",
                    longestOwn);
        for (size_t at = 0; at < stalls.size(); ++at) {
            const Stall &stall = stalls[at];
            const double blockedMs = std::max(0.0, stall.length - stall.cpu.runningMs - stall.cpu.waitingMs);
            std::printf("    a %.0f ms gap ending %lld ms after Run: the GUI thread worked %.0f ms, waited %.0f ms for a CPU, "
                        "was blocked %.0f ms (%ld pages read from disk); a core stood still %.0f ms of it\n",
                        stall.length, stall.endedAfterRun, stall.cpu.runningMs, stall.cpu.waitingMs, blockedMs,
                        stall.cpu.majorFaults, stoodStill[at]);
            for (size_t i = 0; i < std::min<size_t>(stall.events.size(), 4); ++i)
                std::printf("      %.0f ms: %s\n", stall.events[i].ms, stall.events[i].what.constData());
        }
        std::printf("  frames: %zu, median %.1f ms, 90th percentile %.1f ms, longest %.1f ms  (target median < 33 ms)\n",
                    frames.size(), percentile(frames, 0.5), percentile(frames, 0.9),
                    frames.empty() ? 0.0 : *std::max_element(frames.begin(), frames.end()));
        std::printf("  the run shown %lld ms after Run, its canvas %lld ms after Run; model resets after that: %d  (target 0)\n",
                    shownAfter, canvasShownAfter, resets);
        QTimer::singleShot(0, &application, &QCoreApplication::quit);
    });

    // Run 1.2 s after the window shows: the resize above is saved by the window's geometry
    // Settings half a second after it, with an fsync on the GUI thread (QSaveFile), and at
    // 0.5 s that save fell on Run, waiting up to 50 ms behind the run's own writes.
    QTimer::singleShot(1200, &application, [&] {
        wall.start();
        // Pressing Run is part of what is measured: the time start() takes is a gap too.
        counting = true;
        ticker.start();
        pulse.restart();
        lastTick = guiThreadCpuTimes();
        if (qEnvironmentVariableIsSet("BENCH_STALL_MS"))
            qInfo("bench: Run");
        if (!monitor.start(&document, {})) {
            std::fprintf(stderr, "the run did not start\n");
            application.exit(5);
            return;
        }
        // Watching one printing step's log, then the timeline.
        QTimer::singleShot(1000, &application, [&] {
            if (qEnvironmentVariableIsSet("BENCH_STALL_MS"))
                qInfo("bench: select talk_7");
            userAction = true;
            monitor.selectNode(QStringLiteral("talk_7"));
            userAction = false;
        });
    });
    return QApplication::exec();
}
