// The HTML report of a stored run (engine/report): what the page holds, that everything from
// the run is escaped, that it references nothing outside itself, and that a real browser
// (headless Chromium) draws it: the timeline's bars in their colours, the DOM still whole.
#include "engine/report/HtmlReport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

using namespace pw::engine;
using pw::model::ErrorType;
using pw::model::StepType;

namespace {

const QString kChromium = QStringLiteral("/usr/bin/chromium");
const QString kPngCopy = QStringLiteral("/tmp/pipewright-report.png");
// Text from the run that must reach the page escaped, never as markup; `%1` catches a
// QString::arg() chain substituting into user text.
const QString kHostile = QStringLiteral("<script>alert('x')</script> & 100%1 done");

QDateTime at(qint64 ms)
{
    return QDateTime(QDate(2026, 11, 22), QTime(10, 15), QTimeZone::utc()).addMSecs(ms);
}

NodeState node(const QString &id, NodeKind kind, const QStringList &parents, NodeStatus status, int attempts = 0)
{
    NodeState state;
    state.id = id;
    state.kind = kind;
    state.parents = parents;
    state.stage = parents.isEmpty() ? (kind == NodeKind::Stage ? id : QString()) : parents.first();
    state.stepType = StepType::Shell;
    state.status = status;
    state.attempts = attempts;
    return state;
}

RunEvent runEvent(qint64 ms, const QString &nodeId, const QString &name, int attempt = 0, qint64 delayMs = -1)
{
    RunEvent result;
    result.at = at(ms);
    result.node = nodeId;
    result.event = name;
    result.attempt = attempt;
    result.delayMs = delayMs;
    return result;
}

// Adds one attempt, with the events the engine records for it.
void addAttempt(StoredRun &run, const QString &nodeId, int attempt, qint64 fromMs, qint64 toMs, const QString &outcome,
                std::optional<NodeError> error = std::nullopt)
{
    run.attempts.append({nodeId, attempt, at(fromMs), toMs < 0 ? QDateTime() : at(toMs), outcome, error, {}});
    run.snapshot.events.append(runEvent(fromMs, nodeId, QStringLiteral("attemptStarted"), attempt));
    if (outcome == QLatin1String("Failed"))
        run.snapshot.events.append(runEvent(toMs, nodeId, QStringLiteral("attemptFailed"), attempt));
}

// Two stages; `flaky` fails twice and succeeds on attempt 3 after two automatic retries;
// `push` (in a group) times out, waits for a person who answers Retry, fails again and the
// stage rolls back with `undo_push`; `fetch` is reused from the run this one resumes.
StoredRun sampleRun()
{
    StoredRun run;
    RunSummary &summary = run.summary;
    summary.runId = QStringLiteral("20261122-101500-3f9a");
    summary.originRunId = QStringLiteral("20261121-090000-0b1c");
    summary.pipelineId = QStringLiteral("release_service");
    summary.pipelineName = QStringLiteral("Release <service> & co");
    summary.status = RunStatus::RolledBack;
    summary.warning = true;
    summary.startedAt = at(0);
    summary.endedAt = at(42000);
    summary.owner = QStringLiteral("ci");
    RunSnapshot &snapshot = run.snapshot;
    snapshot.runId = summary.runId;
    snapshot.pipelineId = summary.pipelineId;
    snapshot.status = summary.status;
    snapshot.startedAt = summary.startedAt;
    snapshot.endedAt = summary.endedAt;
    snapshot.inputs = {{QStringLiteral("cluster"), QStringLiteral("prod & <eu>")},
                       {QStringLiteral("token"), QStringLiteral("*****")}};
    snapshot.error = RunError{ErrorType::Timeout, kHostile, QStringLiteral("push"), QStringLiteral("deploy")};

    const QStringList build{QStringLiteral("build")};
    const QStringList rollout{QStringLiteral("deploy"), QStringLiteral("rollout")};
    snapshot.nodes = {node(QStringLiteral("build"), NodeKind::Stage, {}, NodeStatus::Succeeded),
                      node(QStringLiteral("fetch"), NodeKind::Step, build, NodeStatus::Succeeded, 1),
                      node(QStringLiteral("compile"), NodeKind::Step, build, NodeStatus::Succeeded, 1),
                      node(QStringLiteral("flaky"), NodeKind::Step, build, NodeStatus::Succeeded, 3),
                      node(QStringLiteral("deploy"), NodeKind::Stage, {}, NodeStatus::RolledBack),
                      node(QStringLiteral("rollout"), NodeKind::Group, {QStringLiteral("deploy")}, NodeStatus::Failed),
                      node(QStringLiteral("push"), NodeKind::Step, rollout, NodeStatus::Failed, 2),
                      node(QStringLiteral("smoke_test"), NodeKind::Step, rollout, NodeStatus::Skipped),
                      node(QStringLiteral("undo_push"), NodeKind::Step, {QStringLiteral("deploy")}, NodeStatus::Succeeded, 1)};
    NodeState &fetch = snapshot.nodes[1];
    fetch.cloned = true;
    fetch.startedAt = fetch.endedAt = at(100);
    snapshot.nodes[3].warning = true;
    snapshot.nodes[6].error = NodeError{ErrorType::Timeout, kHostile};
    snapshot.nodes[8].role = NodeRole::Rollback;

    const NodeError failure{ErrorType::Unknown, QStringLiteral("exit code 1")};
    addAttempt(run, QStringLiteral("compile"), 1, 200, 3000, QStringLiteral("Succeeded"));
    addAttempt(run, QStringLiteral("flaky"), 1, 3100, 5000, QStringLiteral("Failed"), failure);
    snapshot.events.append(runEvent(5000, QStringLiteral("flaky"), QStringLiteral("retryScheduled"), 2, 2000));
    addAttempt(run, QStringLiteral("flaky"), 2, 7000, 9000, QStringLiteral("Failed"), failure);
    snapshot.events.append(runEvent(9000, QStringLiteral("flaky"), QStringLiteral("retryScheduled"), 3, 4000));
    addAttempt(run, QStringLiteral("flaky"), 3, 13000, 16000, QStringLiteral("Succeeded"));
    addAttempt(run, QStringLiteral("push"), 1, 16500, 20000, QStringLiteral("Failed"),
               NodeError{ErrorType::Timeout, kHostile});
    snapshot.events.append(runEvent(20000, QStringLiteral("push"), QStringLiteral("waiting"), 1));
    addAttempt(run, QStringLiteral("push"), 2, 30200, 36000, QStringLiteral("Failed"),
               NodeError{ErrorType::Timeout, kHostile});
    addAttempt(run, QStringLiteral("undo_push"), 1, 36500, 40000, QStringLiteral("Succeeded"));

    // Node times from their attempts; a stage or group spans the steps inside it.
    for (NodeState &state : snapshot.nodes) {
        for (const AttemptRecord &attempt : std::as_const(run.attempts)) {
            const NodeState *step = nullptr;
            for (const NodeState &candidate : std::as_const(snapshot.nodes))
                step = candidate.id == attempt.node ? &candidate : step;
            if (attempt.node != state.id && !(step && step->parents.contains(state.id)))
                continue;
            if (!state.startedAt.isValid() || attempt.startedAt < state.startedAt)
                state.startedAt = attempt.startedAt;
            if (!state.endedAt.isValid() || attempt.endedAt > state.endedAt)
                state.endedAt = attempt.endedAt;
        }
    }

    InterventionRecord record;
    record.request.id = QStringLiteral("r1");
    record.request.runId = summary.runId;
    record.request.step = QStringLiteral("push");
    record.request.stage = QStringLiteral("deploy");
    record.request.errorType = ErrorType::Timeout;
    record.request.errorMessage = kHostile;
    record.request.requestedAt = at(20000);
    record.request.deadline = at(620000);
    record.request.onTimeout = QStringLiteral("StageRollback");
    record.decision = QStringLiteral("Retry");
    record.by = QStringLiteral("user");
    record.who = QStringLiteral("alice");
    record.comment = QStringLiteral("looks like a flake");
    record.decidedAt = at(30000);
    run.requests = {record};
    snapshot.interventions = run.requests;
    return run;
}

StoredLogLine logLine(LogLine::Stream stream, qint64 offsetMs, const QByteArray &text)
{
    return {stream, offsetMs, text};
}

QList<LogTail> sampleTails()
{
    LogTail flaky{QStringLiteral("flaky"), 1, at(3100), {}, 3};
    flaky.lines = {logLine(LogLine::Stream::Out, 5, "compiling flaky.c"),
                   logLine(LogLine::Stream::Err, 900, "error: <script>alert('x')</script> & token=*****"),
                   logLine(LogLine::Stream::Engine, 1900, "attempt 1 failed: exit code 1")};
    LogTail push{QStringLiteral("push"), 2, at(30200), {}, 250};
    push.lines = {logLine(LogLine::Stream::Out, 10, "\x1b[31mred\x1b[0m and a bell \x07"),
                  logLine(LogLine::Stream::Out, 20, "bytes \xff\xfe ok"),
                  logLine(LogLine::Stream::Err, 5800, "push: deadline exceeded")};
    LogTail notes{QString(), 0, at(0), {logLine(LogLine::Stream::Engine, 0, "run started by ci")}, 1};
    return {flaky, push, notes};
}

// The <svg id="timeline"> element of a page, to count what it holds apart from the legend.
QByteArray timelineOf(const QByteArray &page)
{
    const qsizetype start = page.indexOf("<svg id=\"timeline\"");
    const qsizetype end = page.indexOf("</svg>", start);
    return start < 0 || end < 0 ? QByteArray() : page.mid(start, end - start);
}

struct ChromiumRun
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    qint64 elapsedMs = 0;
};

// One headless Chromium run on `html` with a profile of its own; its stderr is noise.
ChromiumRun runChromium(const QString &html, const QString &profile, const QStringList &what)
{
    QProcess chromium;
    chromium.setProgram(kChromium);
    chromium.setArguments(QStringList{QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                                      QStringLiteral("--disable-gpu"), QStringLiteral("--disable-quic"),
                                      QStringLiteral("--no-first-run"), QStringLiteral("--disable-background-networking"),
                                      QStringLiteral("--disable-component-update"), QStringLiteral("--disable-sync"),
                                      QStringLiteral("--hide-scrollbars"), QStringLiteral("--user-data-dir=") + profile,
                                      QStringLiteral("--window-size=1400,1800")}
                          + what + QStringList{QUrl::fromLocalFile(html).toString()});
    chromium.setStandardErrorFile(QProcess::nullDevice());
    ChromiumRun result;
    QElapsedTimer timer;
    timer.start();
    chromium.start();
    result.finished = chromium.waitForStarted() && chromium.waitForFinished(60000);
    result.elapsedMs = timer.elapsed();
    if (!result.finished) {
        chromium.kill();
        chromium.waitForFinished();
        return result;
    }
    result.exitCode = chromium.exitStatus() == QProcess::NormalExit ? chromium.exitCode() : -1;
    result.out = chromium.readAllStandardOutput();
    return result;
}

bool near(QRgb pixel, QRgb colour)
{
    return qAbs(qRed(pixel) - qRed(colour)) <= 6 && qAbs(qGreen(pixel) - qGreen(colour)) <= 6
           && qAbs(qBlue(pixel) - qBlue(colour)) <= 6;
}

} // namespace

class TestHtmlReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void page_data();
    void page();
    void timeline_data();
    void timeline();
    void rowLimit_data();
    void rowLimit();
    void tickLabels_data();
    void tickLabels();
    void rendersInChromium();

private:
    QByteArray m_page;
};

void TestHtmlReport::initTestCase()
{
    m_page = htmlReport(sampleRun(), sampleTails());
    QVERIFY(m_page.startsWith("<!DOCTYPE html>"));
    QVERIFY(m_page.endsWith("</html>\n"));
}

void TestHtmlReport::page_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("present");
    QTest::newRow("timeline") << QByteArray("<svg id=\"timeline\"") << true;
    QTest::newRow("pipeline name escaped") << QByteArray("Release &lt;service&gt; &amp; co") << true;
    QTest::newRow("origin run") << QByteArray("20261121-090000-0b1c") << true;
    QTest::newRow("status badge") << QByteArray("<span class=\"badge s-RolledBack\">RolledBack</span>") << true;
    QTest::newRow("input escaped") << QByteArray("cluster=prod &amp; &lt;eu&gt;") << true;
    QTest::newRow("first error") << QByteArray("<b>Timeout</b>: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
                                               "&amp; 100%1 done") << true;
    QTest::newRow("decision") << QByteArray("<b>Retry</b>") << true;
    QTest::newRow("decided by alice") << QByteArray("alice <span class=\"muted\">(user)</span>") << true;
    QTest::newRow("comment") << QByteArray("looks like a flake") << true;
    QTest::newRow("log heading") << QByteArray("push #2 <span class=\"muted\">last 3 of 250 lines</span>") << true;
    QTest::newRow("run notes heading") << QByteArray("run notes <span class=\"muted\">last 1 of 1 line</span>") << true;
    QTest::newRow("stderr line") << QByteArray("<span class=\"e\">error: &lt;script&gt;") << true;
    QTest::newRow("engine note") << QByteArray("<span class=\"p\">attempt 1 failed") << true;
    QTest::newRow("escape shown") << QByteArray("\\e[31mred\\e[0m and a bell \\x07") << true;
    QTest::newRow("invalid UTF-8 replaced") << QByteArray("bytes \xef\xbf\xbd\xef\xbf\xbd ok") << true;
    QTest::newRow("rollback in the table") << QByteArray("<span class=\"tag t-rollback\">rollback</span>") << true;
    QTest::newRow("reused in the table") << QByteArray("<span class=\"tag t-reused\">reused</span>") << true;
    QTest::newRow("raw ESC") << QByteArray("\x1b") << false;
    QTest::newRow("raw BEL") << QByteArray("\x07") << false;
    QTest::newRow("raw script from the run") << QByteArray("<script>alert") << false;
    QTest::newRow("any script") << QByteArray("<script") << false;
    QTest::newRow("http") << QByteArray("http://") << false;
    QTest::newRow("https") << QByteArray("https://") << false;
    QTest::newRow("file URL") << QByteArray("file:") << false;
    QTest::newRow("src attribute") << QByteArray("src=") << false;
    QTest::newRow("CSS import") << QByteArray("@import") << false;
    QTest::newRow("CSS url") << QByteArray("url(") << false;
    QTest::newRow("link element") << QByteArray("<link") << false;
    QTest::newRow("img element") << QByteArray("<img") << false;
}

void TestHtmlReport::page()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, present);
    const QByteArray message = QByteArray(present ? "missing: " : "should not be there: ") + text.toPercentEncoding(" <>/&;\"=()#:'%");
    QVERIFY2(m_page.contains(text) == present, message.constData());
}

void TestHtmlReport::timeline_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("onlyThere"); // nowhere else on the page either (not in the legend)
    QTest::newRow("attempt bars") << QByteArray("class=\"attempt\"") << 7 << true;
    QTest::newRow("failed attempts") << QByteArray("class=\"attempt\" data-outcome=\"failed\"") << 4 << true;
    QTest::newRow("succeeded attempts") << QByteArray("class=\"attempt\" data-outcome=\"ok\"") << 3 << true;
    QTest::newRow("retry waits") << QByteArray("<g class=\"retry-wait\"") << 2 << true;
    QTest::newRow("intervention wait") << QByteArray("<g class=\"intervention-wait\" data-wait=\"person\" "
                                                     "data-kind=\"intervention\">") << 1 << true;
    QTest::newRow("decision in the tooltip") << QByteArray("Retry by alice") << 1 << true;
    QTest::newRow("decision on the wait") << QByteArray(">Retry</text>") << 1 << true;
    QTest::newRow("cloned marker") << QByteArray("<g class=\"cloned\"") << 1 << true;
    QTest::newRow("rollback row") << QByteArray("<rect class=\"band\" data-band=\"rollback\"") << 1 << true;
    QTest::newRow("rollback label") << QByteArray(">rollback</text>") << 1 << true;
    QTest::newRow("stage headings") << QByteArray("<text class=\"stage\"") << 2 << true;
    QTest::newRow("error in a tooltip") << QByteArray("Timeout: &lt;script&gt;alert(&#39;x&#39;)") << 2 << false;
    QTest::newRow("not drawn: skipped step") << QByteArray("smoke_test") << 0 << false;
}

void TestHtmlReport::timeline()
{
    QFETCH(QByteArray, text);
    QFETCH(int, count);
    QFETCH(bool, onlyThere);
    const QByteArray svg = timelineOf(m_page);
    QVERIFY(!svg.isEmpty());
    QCOMPARE(svg.count(text), count);
    if (onlyThere)
        QCOMPARE(m_page.count(text), count);
    // Rows in the order of the pipeline.
    QVERIFY(svg.indexOf(">compile<") < svg.indexOf(">flaky<"));
    QVERIFY(svg.indexOf(">flaky<") < svg.indexOf(">push<"));
    QVERIFY(svg.indexOf(">push<") < svg.indexOf(">undo_push<"));
}

void TestHtmlReport::rowLimit_data()
{
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("bars");
    QTest::newRow("one") << 1 << 1;
    QTest::newRow("two hundred") << 200 << 200;
    QTest::newRow("five hundred") << 500 << 500;
    QTest::newRow("more than five hundred") << 520 << 500;
}

void TestHtmlReport::rowLimit()
{
    QFETCH(int, steps);
    QFETCH(int, bars);
    StoredRun run;
    run.summary.runId = QStringLiteral("big");
    run.summary.status = RunStatus::Succeeded;
    run.summary.startedAt = at(0);
    run.summary.endedAt = at(steps * 10 + 10);
    run.snapshot.nodes.append(node(QStringLiteral("stage_1"), NodeKind::Stage, {}, NodeStatus::Succeeded));
    for (int i = 0; i < steps; ++i) {
        const QString id = QStringLiteral("step_%1").arg(i);
        run.snapshot.nodes.append(node(id, NodeKind::Step, {QStringLiteral("stage_1")}, NodeStatus::Succeeded, 1));
        addAttempt(run, id, 1, i * 10, i * 10 + 10, QStringLiteral("Succeeded"));
    }
    const QByteArray svg = timelineOf(htmlReport(run, {}));
    QCOMPARE(svg.count("class=\"attempt\""), bars);
    const QByteArray leftOut = QStringLiteral("%1 more were left out").arg(steps - bars).toUtf8();
    QCOMPARE(svg.contains(leftOut), steps > bars);
}

void TestHtmlReport::tickLabels_data()
{
    QTest::addColumn<qint64>("spanMs");
    QTest::addColumn<QByteArray>("label");
    QTest::newRow("milliseconds") << qint64(800) << QByteArray(">200 ms</text>");
    QTest::newRow("seconds") << qint64(20000) << QByteArray(">5 s</text>");
    QTest::newRow("minutes") << qint64(10 * 60000) << QByteArray(">2 min</text>");
    QTest::newRow("hours and minutes") << qint64(3 * 3600000) << QByteArray(">1 h 30 min</text>");
    QTest::newRow("hours") << qint64(20 * 3600000) << QByteArray(">6 h</text>");
}

void TestHtmlReport::tickLabels()
{
    QFETCH(qint64, spanMs);
    QFETCH(QByteArray, label);
    StoredRun run;
    run.summary.status = RunStatus::Succeeded;
    run.summary.startedAt = at(0);
    run.summary.endedAt = at(spanMs);
    run.snapshot.nodes = {node(QStringLiteral("s"), NodeKind::Stage, {}, NodeStatus::Succeeded),
                          node(QStringLiteral("a"), NodeKind::Step, {QStringLiteral("s")}, NodeStatus::Succeeded, 1)};
    addAttempt(run, QStringLiteral("a"), 1, 0, spanMs, QStringLiteral("Succeeded"));
    const QByteArray svg = timelineOf(htmlReport(run, {}));
    QVERIFY2(svg.contains(label), svg.constData());
}

void TestHtmlReport::rendersInChromium()
{
    if (!QFile::exists(kChromium))
        QFAIL("/usr/bin/chromium is missing: run ./tools/dev.sh test, which installs it (as CI does)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString html = dir.filePath(QStringLiteral("report.html"));
    const QString png = dir.filePath(QStringLiteral("report.png"));
    QFile file(html);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(m_page) == m_page.size());
    file.close();

    const ChromiumRun shot = runChromium(html, dir.filePath(QStringLiteral("profile-shot")),
                                         {QStringLiteral("--screenshot=") + png});
    QVERIFY2(shot.finished, "Chromium did not finish within 60 s");
    QCOMPARE(shot.exitCode, 0);
    qInfo("Chromium rendered the report to PNG in %lld ms", qlonglong(shot.elapsedMs));
    QImage image(png);
    QVERIFY2(!image.isNull(), "Chromium wrote no PNG");
    QFile::remove(kPngCopy);
    QFile::copy(png, kPngCopy);

    // Where the timeline lies on the screenshot: a copy of the page with a probe that writes
    // the box into the DOM (the report itself has no script), laid out in the same window.
    const QString probe = dir.filePath(QStringLiteral("probe.html"));
    QByteArray probed = m_page;
    probed.replace("</body>", "<script>const r = document.getElementById('timeline').getBoundingClientRect();"
                              "document.body.dataset.box = [r.left, r.top, r.width, r.height].map(Math.round).join(',');"
                              "</script></body>");
    QFile probeFile(probe);
    QVERIFY(probeFile.open(QIODevice::WriteOnly) && probeFile.write(probed) == probed.size());
    probeFile.close();
    const ChromiumRun dump = runChromium(probe, dir.filePath(QStringLiteral("profile-dom")),
                                         {QStringLiteral("--dump-dom")});
    QVERIFY2(dump.finished, "Chromium did not finish within 60 s");
    QCOMPARE(dump.exitCode, 0);
    const QByteArray dom = dump.out;
    QVERIFY2(dom.contains("<svg id=\"timeline\""), dom.left(2000).constData());
    QCOMPARE(timelineOf(dom).count("class=\"attempt\""), 7);
    QCOMPARE(timelineOf(dom).count("<g class=\"retry-wait\""), 2);
    const QRegularExpressionMatch box = QRegularExpression(QStringLiteral("data-box=\"(\\d+),(\\d+),(\\d+),(\\d+)\""))
                                            .match(QString::fromUtf8(dom));
    QVERIFY2(box.hasMatch(), "the probe found no #timeline box");
    const QRect timeline = QRect(box.captured(1).toInt(), box.captured(2).toInt(), box.captured(3).toInt(),
                                 box.captured(4).toInt())
                               .intersected(image.rect());
    QVERIFY2(timeline.width() > 800 && timeline.height() > 150,
             qPrintable(QStringLiteral("timeline box %1x%2 on a %3x%4 screenshot")
                            .arg(timeline.width()).arg(timeline.height()).arg(image.width()).arg(image.height())));

    // Drawn, not blank: many colours, and enough pixels of each kind of bar and wait.
    const QList<QPair<const char *, QRgb>> expected{{"succeeded green", qRgb(0x2e, 0x9d, 0x4f)},
                                                    {"failed red", qRgb(0xd1, 0x3b, 0x3b)},
                                                    {"retry wait cream", qRgb(0xff, 0xf4, 0xd6)},
                                                    {"person wait lilac", qRgb(0xe3, 0xd8, 0xfb)}};
    QList<int> counts(expected.size(), 0);
    QSet<QRgb> colours;
    for (int y = timeline.top(); y <= timeline.bottom(); ++y) {
        for (int x = timeline.left(); x <= timeline.right(); ++x) {
            const QRgb pixel = image.pixel(x, y) & 0xffffff;
            colours.insert(pixel);
            for (qsizetype i = 0; i < expected.size(); ++i)
                counts[i] += near(pixel, expected.at(i).second) ? 1 : 0;
        }
    }
    QVERIFY2(colours.size() > 20, qPrintable(QStringLiteral("only %1 colours in the timeline").arg(colours.size())));
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY2(counts.at(i) > 60, qPrintable(QStringLiteral("%1 pixels of %2 in the timeline")
                                                   .arg(counts.at(i))
                                                   .arg(QLatin1String(expected.at(i).first))));
}

QTEST_GUILESS_MAIN(TestHtmlReport)
#include "tst_html_report.moc"
