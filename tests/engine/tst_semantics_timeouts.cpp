// semantics.md "Timeouts and cancelling" (step and run timeouts, process groups, user aborts)
// and two runs side by side on one engine.
#include "RunHarness.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

using namespace pw::engine;

namespace {

// A process is gone when it does not exist or is a zombie nobody has reaped yet.
bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) == "Z";
}

} // namespace

class TestSemanticsTimeouts : public QObject
{
    Q_OBJECT
private slots:
    void stepTimeout_data();
    void stepTimeout();
    void runTimeout();
    void shellGrandchildIgnoringSigtermIsGone_data();
    void shellGrandchildIgnoringSigtermIsGone();
    void userAbortLetsThePipelineHandlerRun();
    void secondAbortCancelsTheErrorHandler();
    void twoRunsSideBySide();
};

void TestSemanticsTimeouts::stepTimeout_data()
{
    QTest::addColumn<QByteArray>("step");
    QTest::newRow("Wait") << QByteArray("{id: a, type: Wait, timeout: 100ms, spec: {duration: 5s}}");
    QTest::newRow("Shell") << QByteArray("{id: a, type: Shell, timeout: 100ms, spec: {command: \"sleep 5\", killGrace: 100ms}}");
}

void TestSemanticsTimeouts::stepTimeout()
{
    QFETCH(QByteArray, step);
    RunHarness harness;
    const auto snapshot = harness.run("pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n          - step: "
                                      + step + "\n          - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}\n");
    QVERIFY(snapshot);
    const NodeState *a = findNode(*snapshot, s("a"));
    QCOMPARE(toString(a->status), s("Failed"));
    QVERIFY(a->error);
    QCOMPARE(pw::model::toString(a->error->type), s("Timeout"));
    QCOMPARE(a->attempts, 1);
    QCOMPARE(eventTrail(*snapshot, list({"a", "b"})),
             list({"a:started", "a:attemptStarted#1", "a:attemptFailed#1", "a:ended=Failed", "b:started",
                   "b:attemptStarted#1", "b:ended=Succeeded"}));
    QCOMPARE(pw::model::toString(*findEvent(*snapshot, s("a"), s("attemptFailed"))->errorType), s("Timeout"));
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("a"), s("attemptStarted")), findEvent(*snapshot, s("a"), s("attemptFailed"))), 100);
}

void TestSemanticsTimeouts::runTimeout()
{
    RunHarness harness;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  timeout: 200ms
  maxParallel: 4
  errorHandler:
    - step: {id: h, type: Echo, spec: {message: "{{ error.type }} {{ error.step }}"}}
  stages:
    - stage:
        id: s1
        steps:
          - parallel:
              - step: {id: w, type: Wait, spec: {duration: 5s}}
              - step: {id: r, type: Fail, retry: {type: constant, interval: 5s, maxAttempts: 2}}
              - step: {id: q, type: Echo, spec: {message: hi}}
          - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
        errorHandler: [{step: {id: sh, type: Echo, spec: {message: hi}}}]
    - stage: {id: s2, when: {pipelineStatus: All}, steps: [{step: {id: c, type: Echo, spec: {message: hi}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(toString(snapshot->status), s("Failed"));
    QCOMPARE(statusesOf(*snapshot, list({"s1", "w", "r", "q", "b", "sh", "s2", "c", "h"})),
             list({"s1=Aborted", "w=Aborted", "r=Aborted", "q=Succeeded", "b=Aborted", "sh=Skipped", "s2=Aborted",
                   "c=Aborted", "h=Succeeded"}));
    for (const char *id : {"w", "r"}) {
        const NodeState *node = findNode(*snapshot, s(id));
        QVERIFY2(node->error && node->error->type == pw::model::ErrorType::Timeout, id);
    }
    QCOMPARE(eventTrail(*snapshot, list({"w", "r"})),
             list({"w:started", "w:attemptStarted#1", "r:started", "r:attemptStarted#1", "r:attemptFailed#1",
                   "r:retryScheduled#2", "r:cancelled", "r:ended=Aborted", "w:cancelled", "w:ended=Aborted"}));
    // The first failure of the run: one of the steps the timeout cancelled.
    const QString handlerSaw = findNode(*snapshot, s("h"))->outputs.value(s("message")).toString();
    QVERIFY2(handlerSaw == QLatin1String("Timeout w") || handlerSaw == QLatin1String("Timeout r"), qPrintable(handlerSaw));
    PW_VERIFY_DELAY(snapshot->startedAt.msecsTo(findEvent(*snapshot, s("w"), s("ended"))->at), 200);
    QCOMPARE(eventTrail(*snapshot).last(), s("h:ended=Succeeded"));
}

void TestSemanticsTimeouts::shellGrandchildIgnoringSigtermIsGone_data()
{
    QTest::addColumn<bool>("byTimeout"); // else a user abort
    QTest::newRow("step timeout") << true;
    QTest::newRow("user abort") << false;
}

void TestSemanticsTimeouts::shellGrandchildIgnoringSigtermIsGone()
{
    QFETCH(bool, byTimeout);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RunHarness harness;
    harness.workingDir = dir.path();
    if (!byTimeout)
        harness.abortAfterMs = 300;
    // The step's shell and its grandchild ignore SIGTERM and keep running.
    const QByteArray timeout = byTimeout ? "timeout: 300ms\n              " : "";
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step:
              id: a
              type: Shell
              )" + timeout + R"(spec:
                killGrace: 100ms
                command: "trap '' TERM; sh -c 'trap \"\" TERM; echo $$ > gc.pid; while :; do sleep 0.05; done' & wait"
)");
    QVERIFY(snapshot);
    const NodeState *a = findNode(*snapshot, s("a"));
    QCOMPARE(toString(a->status), byTimeout ? s("Failed") : s("Aborted"));
    if (byTimeout)
        QCOMPARE(pw::model::toString(a->error->type), s("Timeout"));
    QFile pidFile(dir.filePath(s("gc.pid")));
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const qint64 pid = pidFile.readAll().trimmed().toLongLong();
    QVERIFY(pid > 1);
    const bool goneAtEnd = processGone(pid);
    QElapsedTimer late;
    late.start();
    while (!processGone(pid) && late.elapsed() < 1000)
        QThread::usleep(500);
    const bool goneSoon = processGone(pid);
    if (!goneSoon)
        ::kill(pid_t(pid), SIGKILL); // do not leave it behind
    QVERIFY2(goneSoon, "the grandchild survived its step's cancellation");
    // It must be gone when the step has ended: the attempt waits for its group to be empty.
    QVERIFY2(goneAtEnd, qPrintable(QStringLiteral("still alive when the run ended, gone %1 ms later").arg(late.elapsed())));
    // killGrace: the attempt ended 100 ms after SIGTERM (with SIGKILL), not at once and not never.
    const RunEvent *end = findEvent(*snapshot, s("a"), byTimeout ? s("attemptFailed") : s("ended"));
    PW_VERIFY_DELAY(msBetween(findEvent(*snapshot, s("a"), s("attemptStarted")), end), 300 + 100);
}

void TestSemanticsTimeouts::userAbortLetsThePipelineHandlerRun()
{
    RunHarness harness;
    harness.abortAfterMs = 100;
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  errorHandler:
    - step: {id: h1, type: Wait, spec: {duration: 100ms}}
    - step: {id: h2, type: Echo, spec: {message: hi}}
  stages:
    - stage: {id: s, steps: [{step: {id: w, type: Wait, spec: {duration: 5s}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(toString(snapshot->status), s("Aborted"));
    QCOMPARE(statusesOf(*snapshot, list({"s", "w", "h1", "h2"})), list({"s=Aborted", "w=Aborted", "h1=Succeeded", "h2=Succeeded"}));
    PW_VERIFY_DELAY(snapshot->startedAt.msecsTo(findEvent(*snapshot, s("w"), s("ended"))->at), 100);
    QVERIFY(!findNode(*snapshot, s("w"))->error); // a user abort is no Timeout
}

// The first abort cancels the run and the handler runs; a second abort while it runs cancels it.
void TestSemanticsTimeouts::secondAbortCancelsTheErrorHandler()
{
    RunHarness harness;
    harness.abortAfterMs = 100;
    harness.onEvent = [](Engine &engine, const QString &runId, const RunEvent &event) {
        if (event.node == QLatin1String("h1") && event.event == QLatin1String("attemptStarted"))
            QTimer::singleShot(50, &engine, [&engine, runId] { engine.abortRun(runId); });
    };
    const auto snapshot = harness.run(R"(pipeline:
  id: p
  errorHandler:
    - step: {id: h1, type: Wait, spec: {duration: 5s}}
    - step: {id: h2, type: Echo, spec: {message: hi}, when: {stageStatus: All}}
  stages:
    - stage: {id: s, steps: [{step: {id: w, type: Wait, spec: {duration: 5s}}}]}
)");
    QVERIFY(snapshot);
    QCOMPARE(toString(snapshot->status), s("Aborted"));
    QCOMPARE(statusesOf(*snapshot, list({"s", "w", "h1", "h2"})), list({"s=Aborted", "w=Aborted", "h1=Aborted", "h2=Aborted"}));
    QCOMPARE(eventTrail(*snapshot, list({"h1", "h2"})),
             list({"h1:started", "h1:attemptStarted#1", "h1:cancelled", "h1:ended=Aborted", "h2:cancelled", "h2:ended=Aborted"}));
    QVERIFY(msBetween(findEvent(*snapshot, s("h1"), s("attemptStarted")), findEvent(*snapshot, s("h1"), s("ended"))) < 1000);
}

void TestSemanticsTimeouts::twoRunsSideBySide()
{
    RunHarness first;
    RunHarness second;
    const auto one = first.makeRequest(R"(pipeline:
  id: one
  stages:
    - stage: {id: s, steps: [{step: {id: a, type: Wait, spec: {duration: 300ms}}}, {step: {id: b, type: Echo, spec: {message: one}}}]}
)");
    const auto two = second.makeRequest(R"(pipeline:
  id: two
  stages:
    - stage: {id: s, steps: [{step: {id: a, type: Shell, spec: {command: "sleep 0.3"}}}, {step: {id: b, type: Echo, spec: {message: two}}}]}
)");
    QVERIFY(one && two);
    Engine engine;
    QSignalSpy finished(&engine, &Engine::runFinished);
    QSignalSpy started(&engine, &Engine::runStarted);
    QElapsedTimer clock;
    clock.start();
    engine.startRun(*one);
    engine.startRun(*two);
    QCOMPARE(started.size(), 2);
    QVERIFY(started.at(0).at(0).toString() != started.at(1).at(0).toString());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    QVERIFY2(clock.elapsed() < 600 + 2 * kLateToleranceMs, qPrintable(QString::number(clock.elapsed())));
    QHash<QString, RunSnapshot> runs;
    for (const auto &args : std::as_const(finished)) {
        const auto snapshot = args.at(0).value<RunSnapshot>();
        runs.insert(snapshot.pipelineId, snapshot);
    }
    QCOMPARE(runs.size(), 2);
    for (const RunSnapshot &run : std::as_const(runs)) {
        QCOMPARE(toString(run.status), s("Succeeded"));
        QCOMPARE(eventTrail(run, list({"a", "b"})),
                 list({"a:started", "a:attemptStarted#1", "a:ended=Succeeded", "b:started", "b:attemptStarted#1",
                       "b:ended=Succeeded"}));
    }
    QCOMPARE(runs.value(s("one")).nodes.at(2).outputs.value(s("message")).toString(), s("one"));
    QCOMPARE(runs.value(s("two")).nodes.at(2).outputs.value(s("message")).toString(), s("two"));
    // Their events interleave in time: each run's step started before the other's ended.
    const RunEvent *oneStart = findEvent(runs[s("one")], s("a"), s("attemptStarted"));
    const RunEvent *oneEnd = findEvent(runs[s("one")], s("a"), s("ended"));
    const RunEvent *twoStart = findEvent(runs[s("two")], s("a"), s("attemptStarted"));
    const RunEvent *twoEnd = findEvent(runs[s("two")], s("a"), s("ended"));
    QVERIFY(oneStart->at < twoEnd->at);
    QVERIFY(twoStart->at < oneEnd->at);
}

QTEST_GUILESS_MAIN(TestSemanticsTimeouts)
#include "tst_semantics_timeouts.moc"
