// The window's run monitor without a window: a run started from a document goes to the engine
// thread and back as queued signals into the models the panels show (Qt Test, each model
// watched by QAbstractItemModelTester while the run goes on), the store keeps it, a past run
// opens from the store, and resume reuses what finished.
#include "app/gui/PipelineDocument.h"
#include "app/gui/monitor/NodeRunStates.h"
#include "app/gui/monitor/RequestListModel.h"
#include "app/gui/monitor/RetryLimits.h"
#include "app/gui/monitor/RunLogModel.h"
#include "app/gui/monitor/RunMonitor.h"
#include "engine/Engine.h"
#include "model/PipelineFile.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <optional>

using namespace pw::gui;
namespace engine = pw::engine;

namespace {

// The nice value of this program's thread called `name` (Linux cuts names to 15 bytes).
std::optional<int> niceOfThreadNamed(const QByteArray &name)
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name)
            continue;
        errno = 0;
        const int nice = ::getpriority(PRIO_PROCESS, task.toUInt());
        return errno == 0 ? std::optional<int>(nice) : std::nullopt;
    }
    return std::nullopt;
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// Every row of a list model as "role=value" for the given role.
QStringList column(QAbstractItemModel *model, int role)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, 0).data(role).toString();
    return values;
}

// The outline row of node `id`, searched depth first; invalid when there is none.
QModelIndex rowOfNode(const QAbstractItemModel *model, const QString &id, const QModelIndex &parent = {})
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (index.data(PipelineOutline::NodeIdRole).toString() == id)
            return index;
        if (const QModelIndex found = rowOfNode(model, id, index); found.isValid())
            return found;
    }
    return {};
}

const QByteArray kRetries = R"(pipeline:
  id: monitored
  stages:
    - stage:
        id: build
        steps:
          - step:
              id: hello
              type: Shell
              spec:
                command: |
                  echo hello; echo oops >&2; printf '\033[32mgreen\033[0m\n'

          - step: {id: flaky, type: Fail, spec: {succeedOnAttempt: 3}, retry: {type: constant, interval: 50ms, maxAttempts: 3}}
          - step:
              id: ask
              type: Fail
              failureStrategies:
                - onFailure: {errors: [AllErrors], action: {type: ManualIntervention, spec: {timeout: 20s, onTimeout: {action: {type: MarkAsFailure}}}}}
)";

} // namespace

class RunMonitorTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // remembered inputs stay out of the user's settings
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_monitor = std::make_unique<RunMonitor>(m_dir.filePath(s("runs-%1.sqlite").arg(++m_serial)));
        m_testers.clear();
        for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
                 m_monitor->logs(), m_monitor->timeline(), m_monitor->history(), m_monitor->requests(),
                 m_monitor->notifications(), m_monitor->runDocument()->outline()}) {
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
    }

    void cleanup()
    {
        m_testers.clear();
        m_monitor.reset();
    }

    // The canvas hears only of the nodes whose state changed: the end of a run repeats every
    // state, and each one told is a card updated.
    void statesAlreadyKnownAreNotToldAgain()
    {
        NodeRunStates states;
        QSignalSpy changed(&states, &NodeRunStates::changed);
        pw::engine::NodeState build;
        build.id = s("build");
        build.status = pw::engine::NodeStatus::Running;
        build.attempts = 1;
        pw::engine::NodeState test;
        test.id = s("test");
        states.update({build, test});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toStringList(), QStringList({s("build"), s("test")}));
        states.update({build, test});
        QCOMPARE(changed.size(), 1);
        build.status = pw::engine::NodeStatus::Succeeded;
        states.update({build, test});
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).toStringList(), QStringList({s("build")}));
        QCOMPARE(states.info(s("build")).value(s("status")).toString(), s("Succeeded"));
    }

    // An intervention dialog shows the step's last lines of output, in order, whatever else
    // the batches hold: other steps' lines, the engine's, a skip entry, more than are kept.
    void aRequestShowsItsStepsLastLines()
    {
        RequestListModel requests;
        QAbstractItemModelTester tester(&requests, QAbstractItemModelTester::FailureReportingMode::QtTest);
        engine::InterventionRequest request;
        request.id = s("r1");
        request.step = s("deploy");
        request.allowedDecisions = {s("Ignore")};
        requests.open(request);
        const auto line = [](const QString &node, const QString &text, auto stream) {
            engine::LogLine entry;
            entry.node = node;
            entry.text = text;
            entry.stream = stream;
            return entry;
        };
        const auto lastLines = [&] { return requests.index(0).data(RequestListModel::LastLinesRole).toStringList(); };
        QSignalSpy changed(&requests, &QAbstractItemModel::dataChanged);

        QList<engine::LogLine> batch;
        for (int i = 1; i <= 12; ++i) {
            batch << line(s("deploy"), s("deploy %1").arg(i), engine::LogLine::Stream::Out);
            batch << line(s("other"), s("other %1").arg(i), engine::LogLine::Stream::Out);
        }
        batch << line(s("deploy"), s("attempt 1 ended"), engine::LogLine::Stream::Engine);
        engine::LogLine skip = line(s("deploy"), {}, engine::LogLine::Stream::Out);
        skip.skipped = 40;
        batch << skip;
        requests.addLines(batch);
        QCOMPARE(changed.size(), 1);
        QStringList expected;
        for (int i = 12 - RequestListModel::kLastLines + 1; i <= 12; ++i)
            expected << s("deploy %1").arg(i);
        QCOMPARE(lastLines(), expected);

        // The next batch adds to them, the oldest go.
        requests.addLines({line(s("deploy"), s("deploy 13"), engine::LogLine::Stream::Err),
                           line(s("deploy"), s("deploy 14"), engine::LogLine::Stream::Out)});
        expected = expected.mid(2) << s("deploy 13") << s("deploy 14");
        QCOMPARE(lastLines(), expected);

        // Another step's lines alone leave the dialog as it is.
        requests.addLines({line(s("other"), s("other 13"), engine::LogLine::Stream::Out)});
        QCOMPARE(changed.size(), 2);
    }

    // `2/4` on a card: every step with a retry limit, wherever it stands (a group inside a
    // parallel block, a stage's and the pipeline's error handlers).
    void retryLimitsOfStepsAnywhere()
    {
        PipelineDocument document;
        document.load(write(s("limits.yaml"), R"(pipeline:
  id: limits
  stages:
    - stage:
        id: build
        steps:
          - parallel:
              - step: {id: plain, type: Echo, spec: {message: hi}}
              - stepGroup:
                  id: checks
                  steps:
                    - step: {id: nested, type: Fail, spec: {}, retry: {type: constant, interval: 1s, maxAttempts: 4}}
        errorHandler:
          - step: {id: tidy, type: Echo, spec: {message: tidy}, retry: {type: constant, interval: 1s, maxAttempts: 2}}
  errorHandler:
    - step: {id: page, type: Echo, spec: {message: page}, retry: {type: exponential, interval: 1s, maxAttempts: 5}}
)"));
        QVERIFY(document.pipeline());
        const QHash<QString, int> limits = retryLimits(*document.pipeline());
        QCOMPARE(limits, (QHash<QString, int>{{s("nested"), 4}, {s("tidy"), 2}, {s("page"), 5}}));
    }

    // "Rehearse failure…": nothing executed, the injected failure handled on a paced virtual
    // clock, the intervention dialog open with the clock standing still until the person
    // answers, the rehearsal in the history, marked as one.
    void playsARehearsal()
    {
        PipelineDocument document;
        const QString marker = m_dir.filePath(s("executed"));
        document.load(write(s("rehearsed.yaml"), QByteArray(kRetries).replace("echo hello;", QByteArray("touch '" + marker.toUtf8() + "'; echo hello;"))));
        QSignalSpy ended(m_monitor.get(), &RunMonitor::runEnded);
        QElapsedTimer real;
        real.start();
        QVERIFY(!m_monitor->rehearse(&document, s("hello"), s("AllErrors"), 0)); // not an error type
        QVERIFY(m_monitor->rehearse(&document, s("hello"), s("Connectivity"), 1));
        // hello's first attempt fails: no strategy, so it ends Failed at once... unless retried:
        // it has none, so the run fails and `ask` never runs.
        QVERIFY(ended.wait(15000));
        QCOMPARE(ended.first().first().toString(), s("Failed"));
        QVERIFY2(!QFile::exists(marker), "a rehearsal executed a Shell step");

        // The intervention of `ask`: the dialog opens, the clock waits for the person.
        ended.clear();
        QVERIFY(m_monitor->rehearse(&document, s("ask"), s("Timeout"), 0));
        QTRY_COMPARE_WITH_TIMEOUT(m_monitor->requests()->rowCount(), 1, 10000);
        const QModelIndex request = m_monitor->requests()->index(0, 0);
        // The dialog counts down the real time the clock waits for a person, not 20 s virtual.
        const double wait = request.data(RequestListModel::DeadlineRole).toDouble()
                            - request.data(RequestListModel::RequestedAtRole).toDouble();
        QCOMPARE(wait, double(RunMonitor::kRehearsalPersonWindow.count()));
        QTest::qWait(300);
        QCOMPARE(m_monitor->requests()->rowCount(), 1); // still waiting: time stands still
        m_monitor->decide(request.data(RequestListModel::RequestIdRole).toString(), s("MarkAsSuccess"), {});
        QVERIFY(ended.wait(15000));
        QCOMPARE(ended.first().first().toString(), s("Succeeded"));
        QVERIFY(m_monitor->warning());
        // The flaky step's two 50 ms retries were virtual; the rehearsal took well under the
        // person window and far less than a real run's waits would have.
        qInfo("two rehearsals played in %lld ms", real.elapsed());
        QTRY_VERIFY(m_monitor->history()->rowCount() >= 2);
        QCOMPARE(m_monitor->history()->index(0, 0).data(RunHistoryModel::RehearsalRole).toBool(), true);
    }

    // Run pressed again on the same pipeline: the run view keeps its outline (and the run
    // canvas its cards: no rebuild of 1,000 cards at the press), statuses start over, and
    // the view is labelled with the new run.
    void runningTheSamePipelineAgainKeepsTheOutline()
    {
        PipelineDocument document;
        document.load(write(s("again.yaml"), "pipeline:\n  id: again\n  stages:\n    - stage:\n        id: s\n        steps:\n"
                                             "          - step: {id: one, type: Echo, spec: {message: hi}}\n"
                                             "          - step: {id: two, type: Wait, spec: {duration: 300ms}}\n"));
        QSignalSpy ended(m_monitor.get(), &RunMonitor::runEnded);
        QVERIFY(m_monitor->start(&document, {}));
        QVERIFY(ended.wait(10000));
        const QString firstRun = m_monitor->runId();
        PipelineOutline *outline = m_monitor->runDocument()->outline();
        const QPersistentModelIndex two = rowOfNode(outline, s("two"));
        QCOMPARE(two.data(PipelineOutline::RunStatusRole).toString(), s("Succeeded"));
        QSignalSpy resets(outline, &QAbstractItemModel::modelAboutToBeReset);

        ended.clear();
        QVERIFY(m_monitor->start(&document, {}));
        QTRY_VERIFY(m_monitor->runId() != firstRun);
        QVERIFY(m_monitor->runDocument()->displayName().contains(m_monitor->runId()));
        QCOMPARE(resets.count(), 0);
        QVERIFY(two.isValid()); // the same row, not a rebuilt one
        QVERIFY(two.data(PipelineOutline::RunStatusRole).toString() != s("Succeeded")); // started over
        QVERIFY(ended.wait(10000));
        QCOMPARE(two.data(PipelineOutline::RunStatusRole).toString(), s("Succeeded"));

        // An edited pipeline is a different one: its run shows the new outline.
        QVERIFY(document.setField(document.outline()->pathOfNode(s("one")), s("name"), s("First")));
        ended.clear();
        QVERIFY(m_monitor->start(&document, {}));
        QTRY_COMPARE(resets.count(), 1);
        QVERIFY(ended.wait(10000));
    }

    // The Logs tab follows a step chosen before it starts, through its retries, with rows
    // added and removed but never a reset (a reset makes the view drop its place and
    // delegates): the first attempt's lines arrive, then give way to the second's.
    void followingAStepThroughItsRetriesNeverResetsTheLogs()
    {
        // The step counts its attempts in a file, says which one it is, and fails.
        const QByteArray counter = m_dir.filePath(s("attempts-%1").arg(m_serial)).toUtf8();
        PipelineDocument document;
        document.load(write(s("follow.yaml"), "pipeline:\n  id: follow\n  stages:\n    - stage:\n        id: s\n        steps:\n"
                                              "          - step: {id: first, type: Wait, spec: {duration: 300ms}}\n"
                                              "          - step: {id: flaky, type: Shell, spec: {command: 'echo x >> " + counter
                                                  + "; echo attempt $(wc -l < " + counter + "); sleep 0.2; exit 1'}, "
                                              "retry: {type: constant, interval: 200ms, maxAttempts: 2}}\n"));
        QSignalSpy ended(m_monitor.get(), &RunMonitor::runEnded);
        QVERIFY(m_monitor->start(&document, {}));
        RunLogModel *logs = m_monitor->logs();
        QTRY_VERIFY(!m_monitor->runId().isEmpty());
        m_monitor->selectNode(s("flaky"));
        QCOMPARE(logs->rowCount(), 0); // not started yet
        QSignalSpy resets(logs, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy removed(logs, &QAbstractItemModel::rowsRemoved);

        QTRY_COMPARE(column(logs, RunLogModel::TextRole), QStringList{s("attempt 1")});
        QTRY_COMPARE(column(logs, RunLogModel::TextRole), QStringList{s("attempt 2")});
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.first().first().toString(), s("Failed"));
        QCOMPARE(logs->attempt(), 2);
        QCOMPARE(logs->attempts(), QVariantList({1, 2}));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(resets.count(), 0);
    }

    // A step selected before the window heard of its attempt (the engine's lines can come
    // before the attempt's start, and the store lists a log only once it is written): its
    // lines still show, as the attempt they belong to, and the next attempt still follows.
    void logsOfAnAttemptNotYetKnownStillShow()
    {
        RunLogModel logs;
        QAbstractItemModelTester tester(&logs, QAbstractItemModelTester::FailureReportingMode::QtTest);
        logs.show(nullptr, s("run"), s("talk"), 0);
        const auto line = [](const char *node, int attempt, qint64 number, const char *text) {
            engine::LogLine made;
            made.at = QDateTime::currentDateTimeUtc();
            made.node = QString::fromUtf8(node);
            made.attempt = attempt;
            made.stream = engine::LogLine::Stream::Out;
            made.text = QString::fromUtf8(text);
            made.number = number;
            return made;
        };
        logs.addLive({line("other", 1, 1, "not this step"), line("talk", 1, 1, "one"), line("talk", 1, 2, "two")});
        QCOMPARE(column(&logs, RunLogModel::TextRole), (QStringList{s("one"), s("two")}));
        QCOMPARE(logs.attempt(), 1);
        logs.addLive({line("talk", 2, 1, "again")});
        QCOMPARE(column(&logs, RunLogModel::TextRole), QStringList{s("again")});
        QCOMPARE(logs.attempts(), QVariantList({1, 2}));
    }

    // A run started from the window runs in the background: its steps (here, `nice` printing
    // its own niceness) run kStepNiceIncrement levels below the window, which stays first for
    // a core however many steps start at once; the engine thread kEngineNiceIncrement below.
    void stepsRunBelowTheWindowsPriority()
    {
        PipelineDocument document;
        document.load(write(s("nice.yaml"), "pipeline:\n  id: polite\n  stages:\n    - stage:\n        id: s\n        steps:\n"
                                            "          - step: {id: niceness, type: Shell, spec: {command: nice}}\n"));
        QSignalSpy ended(m_monitor.get(), &RunMonitor::runEnded);
        QVERIFY(m_monitor->start(&document, {}));
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.first().first().toString(), s("Succeeded"));
        m_monitor->selectNode(s("niceness"));
        const int window = ::getpriority(PRIO_PROCESS, 0);
        if (window >= 19)
            QSKIP("the tests run at the lowest priority already: there is none lower to see");
        const int expected = std::min(window + RunMonitor::kStepNiceIncrement, 19);
        QCOMPARE(column(m_monitor->logs(), RunLogModel::TextRole), QStringList{QString::number(expected)});
        QCOMPARE(::getpriority(PRIO_PROCESS, 0), window); // the window's thread is left as it was
        // The engine's thread is above its steps: it shares the window's memory, and waiting
        // behind them for a core while it holds the memory's lock would keep the window waiting.
        const std::optional<int> engineThread = niceOfThreadNamed("pipewright-engi");
        QVERIFY(engineThread);
        QCOMPARE(*engineThread, std::min(window + RunMonitor::kEngineNiceIncrement, 19));
        QVERIFY(*engineThread < expected || window + RunMonitor::kEngineNiceIncrement >= 19);
    }

    // A run from a document: the canvas states, the timeline with its retry waits, the
    // request answered, the Logs of a step, the progress, the history.
    void runFromADocument()
    {
        PipelineDocument document;
        document.load(write(s("monitored.yaml"), kRetries));
        QVERIFY(m_monitor->problemsBeforeRun(&document).isEmpty());
        QSignalSpy ended(m_monitor.get(), &RunMonitor::runEnded);
        QSignalSpy attention(m_monitor.get(), &RunMonitor::attentionNeeded);
        QVERIFY(m_monitor->start(&document, {}));
        QVERIFY(m_monitor->problemsBeforeRun(&document).contains(s("run is going on")));

        // The request: answered as the dialog would (Ignore).
        QTRY_COMPARE_WITH_TIMEOUT(m_monitor->requests()->rowCount(), 1, 10000);
        QCOMPARE(attention.count(), 1);
        const QModelIndex request = m_monitor->requests()->index(0, 0);
        QCOMPARE(request.data(RequestListModel::StepRole).toString(), s("ask"));
        QVERIFY(request.data(RequestListModel::DeadlineRole).toDouble() > request.data(RequestListModel::RequestedAtRole).toDouble());
        QVERIFY(column(m_monitor->requests(), RequestListModel::DecisionsRole).size() == 1);
        QCOMPARE(m_monitor->waitingCount(), 1);
        QCOMPARE(m_monitor->runDocument()->outline()->index(0, 0).data(PipelineOutline::RunStatusRole).toString(),
                 s("Running"));
        m_monitor->decide(request.data(RequestListModel::RequestIdRole).toString(), s("Ignore"), {});
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.first().first().toString(), s("Succeeded"));
        QCOMPARE(m_monitor->requests()->rowCount(), 0);
        QCOMPARE(m_monitor->status(), s("Succeeded"));
        QCOMPARE(m_monitor->stepsDone(), 3);
        QCOMPARE(m_monitor->stepsTotal(), 3);

        // The timeline: a row per step, flaky's three attempts with two retry waits between.
        RunTimelineModel *timeline = m_monitor->timeline();
        QCOMPARE(column(timeline, RunTimelineModel::NodeIdRole), QStringList({s("hello"), s("flaky"), s("ask")}));
        QStringList flaky;
        for (const QVariant &segment : timeline->index(1, 0).data(RunTimelineModel::SegmentsRole).toList()) {
            const QVariantMap map = segment.toMap();
            flaky << map.value(s("kind")).toString() + u':' + map.value(s("outcome")).toString();
            QVERIFY(map.value(s("end")).toDouble() >= map.value(s("start")).toDouble());
        }
        QCOMPARE(flaky, QStringList({s("attempt:Failed"), s("retry:"), s("attempt:Failed"), s("retry:"), s("attempt:Succeeded")}));
        QStringList ask;
        for (const QVariant &segment : timeline->index(2, 0).data(RunTimelineModel::SegmentsRole).toList())
            ask << segment.toMap().value(s("kind")).toString() + u':' + segment.toMap().value(s("outcome")).toString();
        QVERIFY2(ask.contains(s("wait:Ignore")), qPrintable(ask.join(u' ')));

        // The canvas: every node's state, on the run's own pipeline.
        PipelineOutline *outline = m_monitor->runDocument()->outline();
        QCOMPARE(m_monitor->runDocument()->isReadOnly(), true);
        QCOMPARE(outline->pathOfNode(s("flaky")).isEmpty(), false);
        const QVariantMap info = m_monitor->states()->info(s("flaky"));
        QCOMPARE(info.value(s("status")).toString(), s("Succeeded"));
        QCOMPARE(info.value(s("attempts")).toInt(), 3);
        QCOMPARE(info.value(s("maxAttempts")).toInt(), 3);

        // The Logs of a step, from the store, stdout and stderr told apart, colours rendered.
        m_monitor->selectNode(s("hello"));
        RunLogModel *logs = m_monitor->logs();
        QCOMPARE(logs->node(), s("hello"));
        QCOMPARE(logs->attempt(), 1);
        const QStringList texts = column(logs, RunLogModel::TextRole);
        QVERIFY2(texts.contains(s("hello")) && texts.contains(s("oops")) && texts.contains(s("green")), qPrintable(texts.join(u'|')));
        const int oops = int(texts.indexOf(s("oops")));
        QCOMPARE(logs->index(oops, 0).data(RunLogModel::StreamRole).toString(), s("err"));
        const int green = int(texts.indexOf(s("green")));
        QVERIFY(logs->index(green, 0).data(RunLogModel::HtmlRole).toString().contains(s("<font color=")));
        QCOMPARE(logs->find(s("OOPS"), -1, false), oops);

        // The history has it; the store has the decision with who made it.
        m_monitor->history()->refresh();
        QCOMPARE(m_monitor->history()->rowCount(), 1);
        QCOMPARE(m_monitor->history()->index(0, 0).data(RunHistoryModel::StatusRole).toString(), s("Succeeded"));
        QVERIFY(!m_monitor->history()->index(0, 0).data(RunHistoryModel::DecidersRole).toString().isEmpty());
    }

    // A past run opens from the store with its own pipeline, even after the file changed;
    // resume after a fix reuses what finished.
    void openAndResume()
    {
        const QString path = write(s("broken.yaml"), R"(pipeline:
  id: fixable
  stages:
    - stage:
        id: s
        steps:
          - step: {id: first, type: Echo, spec: {message: one}}
          - step: {id: second, type: Fail, spec: {message: broken}}
)");
        PipelineDocument document;
        document.load(path);
        QSignalSpy ended(m_monitor.get(), &RunMonitor::runEnded);
        QVERIFY(m_monitor->start(&document, {}));
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.takeFirst().first().toString(), s("Failed"));
        const QString failedRun = m_monitor->runId();

        // Fixed in the designer, then resumed: `first` is reused.
        QVERIFY(document.setField(document.outline()->pathOfNode(s("second")), s("type"), s("Echo")));
        QVERIFY(document.setField(document.outline()->pathOfNode(s("second")), s("spec.message"), s("two")));
        QVERIFY(m_monitor->resume(&document));
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.takeFirst().first().toString(), s("Succeeded"));
        QCOMPARE(m_monitor->originRunId(), failedRun);
        QCOMPARE(m_monitor->states()->info(s("first")).value(s("cloned")).toBool(), true);

        // The failed run, back on the canvas: its own text, Fail in it, not today's Echo.
        QVERIFY(m_monitor->openRun(failedRun));
        QCOMPARE(m_monitor->status(), s("Failed"));
        QVERIFY(m_monitor->runDocument()->yamlText().contains(s("type: Fail")));
        QCOMPARE(m_monitor->states()->info(s("second")).value(s("status")).toString(), s("Failed"));
        m_monitor->closeRun();
        QVERIFY(!m_monitor->showingRun());
    }

    // A run another program stores (the command line, another window) shows up in the
    // history by itself, as a new row: no reset.
    void historyFollowsOtherPrograms()
    {
        QSignalSpy resets(m_monitor->history(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(m_monitor->history(), &QAbstractItemModel::rowsInserted);
        const int before = m_monitor->history()->rowCount();
        pw::engine::Engine other(m_monitor->databasePath());
        QSignalSpy finished(&other, &pw::engine::Engine::runFinished);
        const auto loaded = pw::model::loadPipeline("pipeline: {id: elsewhere, stages: [{stage: {id: s, steps: "
                                                    "[{step: {id: e, type: Echo, spec: {message: hi}}}]}}]}");
        QVERIFY(loaded.pipeline);
        pw::engine::RunRequest request;
        request.pipeline = *loaded.pipeline;
        request.pipelineText = "pipeline: {id: elsewhere}";
        other.startRun(request);
        QVERIFY(finished.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(m_monitor->history()->rowCount(), before + 1, 8000);
        QCOMPARE(m_monitor->history()->index(0, 0).data(RunHistoryModel::PipelineRole).toString(), s("elsewhere"));
        QVERIFY(inserted.count() >= 1);
        QCOMPARE(resets.count(), 0);
        QVERIFY(m_monitor->history()->pipelines().contains(s("elsewhere")));
        m_monitor->history()->setStatusFilter(s("Failed"));
        QCOMPARE(m_monitor->history()->rowCount(), 0);
        m_monitor->history()->setStatusFilter({});
    }

    // What keeps a run from starting is said, and nothing starts.
    void refusals()
    {
        PipelineDocument document;
        document.load(write(s("bad.yaml"), "pipeline:\n  id: bad\n  stages:\n    - stage:\n        id: s\n        steps: []\n"));
        QVERIFY(!m_monitor->problemsBeforeRun(&document).isEmpty());
        QVERIFY(!m_monitor->start(&document, {}));
        PipelineDocument typed;
        typed.load(write(s("typed.yaml"), "pipeline:\n  id: typed\n  inputs: [{id: count, type: integer}]\n"
                                          "  stages:\n    - stage:\n        id: s\n        steps:\n"
                                          "          - step: {id: e, type: Echo, spec: {message: hi}}\n"));
        const QVariantList form = m_monitor->inputForm(&typed);
        QCOMPARE(form.size(), 1);
        QCOMPARE(form.first().toMap().value(s("type")).toString(), s("integer"));
        QCOMPARE(form.first().toMap().value(s("required")).toBool(), true);
        QVERIFY(!RunMonitor::checkInput(s("integer"), s("x")).isEmpty());
        QVERIFY(RunMonitor::checkInput(s("integer"), s("12")).isEmpty());
        QVERIFY(!m_monitor->start(&typed, {{s("count"), s("twelve")}}));
        QCOMPARE(m_monitor->showingRun(), false);
        QVERIFY2(column(m_monitor->notifications(), NotificationListModel::TextRole).contains(s("Input count: not a whole number")),
                 qPrintable(column(m_monitor->notifications(), NotificationListModel::TextRole).join(u'|')));
        // A good value runs, and is offered again next time.
        QSignalSpy ended(m_monitor.get(), &RunMonitor::runEnded);
        QVERIFY(m_monitor->start(&typed, {{s("count"), s("12")}}));
        QVERIFY(ended.wait(10000));
        QCOMPARE(m_monitor->inputForm(&typed).first().toMap().value(s("value")).toString(), s("12"));
    }

private:
    QString write(const QString &name, const QByteArray &yaml)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(yaml);
        return path;
    }

    QTemporaryDir m_dir;
    int m_serial = 0;
    std::unique_ptr<RunMonitor> m_monitor;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

QTEST_MAIN(RunMonitorTest)
#include "tst_run_monitor.moc"
