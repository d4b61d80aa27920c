#include "DocumentFixture.h"

#include "app/gui/OutlineBuilder.h"
#include "app/gui/PipelineOutline.h"
#include "app/gui/ProblemListModel.h"

#include "model/PipelineFile.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <initializer_list>

using namespace pw;
using gui::PipelineOutline;

namespace {

model::Pipeline loadExample(const QString &name)
{
    const model::LoadResult result =
        model::loadPipelineFile(QStringLiteral(PW_EXAMPLES_DIR "/") + name);
    if (!result.pipeline)
        qFatal("example %s did not load", qPrintable(name));
    return *result.pipeline;
}

model::Pipeline loadText(const char *yaml)
{
    const model::LoadResult result = model::loadPipeline(QByteArray(yaml));
    if (!result.pipeline || result.hasErrors()) {
        QStringList problems;
        for (const model::Problem &problem : result.problems)
            problems << model::formatProblem(QStringLiteral("test.yaml"), problem);
        qFatal("test pipeline did not load:\n%s", qPrintable(problems.join(u'\n')));
    }
    return *result.pipeline;
}

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

constexpr auto kReportToQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

QString role(const PipelineOutline &outline, const QModelIndex &index, PipelineOutline::Role r)
{
    return outline.data(index, r).toString();
}

// "kind:nodeId" of each child of `parent`, to compare a level of the tree in one go.
QStringList childRows(const PipelineOutline &outline, const QModelIndex &parent)
{
    QStringList rows;
    for (int row = 0; row < outline.rowCount(parent); ++row) {
        const QModelIndex child = outline.index(row, 0, parent);
        const QString kind = role(outline, child, PipelineOutline::KindRole);
        const auto name = kind == QLatin1String("lane") ? PipelineOutline::LaneRole
                                                        : PipelineOutline::NodeIdRole;
        rows << kind + u':' + role(outline, child, name);
    }
    return rows;
}

QStringList badgeField(const QVariant &badges, const QString &field)
{
    QStringList values;
    for (const QVariant &badge : badges.toList())
        values << badge.toMap().value(field).toString();
    return values;
}

} // namespace

class PipelineOutlineTest : public QObject
{
    Q_OBJECT

private slots:
    void cardsSayWhichStepsRunOnTheCluster();
    void passesModelTester_data();
    void passesModelTester();
    void mirrorsStagesLanesAndNodes();
    void framesParallelStagesAndPipelineHandler();
    void emptyLanesAreRowsWithListPaths();
    void followsAnyChangeRowByRow_data();
    void followsAnyChangeRowByRow();
    void stepBadgesSayHowFailureIsHandled();
    void stepSummaryIsOneLine_data();
    void stepSummaryIsOneLine();
    void problemListCountsSeverities();
};

void PipelineOutlineTest::passesModelTester_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(QStringLiteral(PW_EXAMPLES_DIR))
                                  .entryList({QStringLiteral("*.yaml")}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

void PipelineOutlineTest::passesModelTester()
{
    QFETCH(QString, file);
    const model::Pipeline pipeline = loadExample(file);
    PipelineOutline outline;
    QAbstractItemModelTester tester(&outline, kReportToQtTest);
    outline.setPipeline(&pipeline);
    QVERIFY(outline.rowCount() > 0);
    outline.setPipeline(nullptr);
    QCOMPARE(outline.rowCount(), 0);
    QCOMPARE(outline.stageCount(), 0);
}

void PipelineOutlineTest::mirrorsStagesLanesAndNodes()
{
    const model::Pipeline pipeline = loadExample(QStringLiteral("harness-deploy.yaml"));
    PipelineOutline outline;
    outline.setPipeline(&pipeline);

    QCOMPARE(outline.stageCount(), 4);
    // The pipeline's error handler lane is there even when empty: it takes drops.
    QCOMPARE(childRows(outline, {}),
             strings({"stage:build", "stage:deploy", "stage:promote", "stage:notify",
                      "lane:errorHandler"}));
    QCOMPARE(role(outline, outline.index(4, 0), PipelineOutline::PathRole),
             QStringLiteral("pipeline.errorHandler"));
    QCOMPARE(outline.rowCount(outline.index(4, 0)), 0);
    const QModelIndex build = outline.index(0, 0);
    QCOMPARE(role(outline, build, PipelineOutline::NameRole), QStringLiteral("Build"));
    QCOMPARE(childRows(outline, build),
             strings({"lane:steps", "lane:rollbackSteps", "lane:errorHandler"}));

    const QModelIndex buildSteps = outline.index(0, 0, build);
    QCOMPARE(childRows(outline, buildSteps),
             strings({"step:checkout", "parallel:", "stepGroup:integration_tests"}));
    QCOMPARE(childRows(outline, outline.index(1, 0, buildSteps)),
             strings({"step:compile", "step:unit_tests", "step:lint"}));

    const QModelIndex group = outline.index(2, 0, buildSteps);
    QCOMPARE(childRows(outline, group),
             strings({"lane:steps", "lane:rollbackSteps", "lane:errorHandler"}));
    const QModelIndex stopTestDb = outline.index(0, 0, outline.index(1, 0, group));
    QCOMPARE(role(outline, stopTestDb, PipelineOutline::NodeIdRole), u"stop_test_db");
    QCOMPARE(role(outline, stopTestDb, PipelineOutline::LaneRole), QStringLiteral("rollbackSteps"));
    QCOMPARE(role(outline, stopTestDb, PipelineOutline::StepTypeRole), QStringLiteral("Echo"));

    const QModelIndex deploy = outline.index(1, 0);
    QCOMPARE(childRows(outline, deploy),
             strings({"lane:steps", "lane:rollbackSteps", "lane:errorHandler"}));
    QCOMPARE(childRows(outline, outline.index(1, 0, deploy)),
             strings({"step:rollback_api", "step:rollback_worker"}));
    QCOMPARE(badgeField(outline.data(deploy, PipelineOutline::BadgesRole), QStringLiteral("label")),
             strings({"Abort / ManualIntervention"}));
}

void PipelineOutlineTest::framesParallelStagesAndPipelineHandler()
{
    const model::Pipeline pipeline = loadExample(QStringLiteral("kestra-errors.yaml"));
    PipelineOutline outline;
    outline.setPipeline(&pipeline);

    QCOMPARE(childRows(outline, {}),
             strings({"parallelStages:", "stage:load", "stage:report", "lane:errorHandler"}));
    QCOMPARE(childRows(outline, outline.index(0, 0)),
             strings({"stage:extract_api", "stage:extract_files"}));
    QCOMPARE(outline.stageCount(), 4); // the two in the frame count
}

void PipelineOutlineTest::emptyLanesAreRowsWithListPaths()
{
    const model::Pipeline pipeline = loadText(R"(
pipeline:
  id: lanes
  stages:
    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              steps:
                - step: {id: a, type: Echo, spec: {message: a}}
)");
    PipelineOutline outline;
    outline.setPipeline(&pipeline);
    QCOMPARE(childRows(outline, {}), strings({"stage:s", "lane:errorHandler"}));
    const QModelIndex stage = outline.index(0, 0);
    const QModelIndex group = outline.index(0, 0, outline.index(0, 0, stage));
    const QString stagePath = QStringLiteral("pipeline.stages[0].stage");
    const QString groupPath = stagePath + QStringLiteral(".steps[0].stepGroup");
    QCOMPARE(role(outline, group, PipelineOutline::PathRole), groupPath);
    const QStringList lanes = strings({"steps", "rollbackSteps", "errorHandler"});
    for (int row = 0; row < 3; ++row) {
        const QModelIndex stageLane = outline.index(row, 0, stage);
        QCOMPARE(role(outline, stageLane, PipelineOutline::PathRole),
                 stagePath + u'.' + lanes.at(row));
        QCOMPARE(role(outline, stageLane, PipelineOutline::LaneRole), lanes.at(row));
        const QModelIndex groupLane = outline.index(row, 0, group);
        QCOMPARE(role(outline, groupLane, PipelineOutline::PathRole),
                 groupPath + u'.' + lanes.at(row));
    }
    QCOMPARE(outline.rowCount(outline.index(1, 0, stage)), 0);
    QCOMPARE(outline.rowCount(outline.index(2, 0, group)), 0);
}

// Any edit, applied row by row, ends with the outline a fresh build gives, signalled in a
// way QAbstractItemModelTester accepts and without a reset.
void PipelineOutlineTest::followsAnyChangeRowByRow_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    const QByteArray head = "pipeline:\n  id: p\n  stages:\n";
    // Explicit return types: QStringBuilder expressions must not outlive their parts.
    const auto stage = [](const char *id, const QByteArray &steps,
                          const QByteArray &extra = {}) -> QByteArray {
        return "    - stage:\n        id: " + QByteArray(id) + "\n        steps: [" + steps
            + "]\n" + extra;
    };
    const auto step = [](const char *id) -> QByteArray {
        return "{step: {id: " + QByteArray(id) + ", type: Echo, spec: {message: m}}}";
    };
    const QByteArray abcd = step("a") + ", " + step("b") + ", " + step("c") + ", " + step("d");
    const QByteArray dcba = step("d") + ", " + step("c") + ", " + step("b") + ", " + step("a");
    const QByteArray parallel = "{parallel: [" + step("b") + ", " + step("c") + "]}";

    const auto row = [](const char *name, const QByteArray &before, const QByteArray &after) {
        QTest::newRow(name) << before << after;
    };
    row("reverse a lane", head + stage("s", abcd), head + stage("s", dcba));
    row("swap stages", head + stage("s", step("a")) + stage("t", step("b")),
        head + stage("t", step("b")) + stage("s", step("a")));
    row("wrap into parallel", head + stage("s", step("a") + ", " + step("b") + ", " + step("c")),
        head + stage("s", step("a") + ", " + parallel));
    row("move between stages and reorder", head + stage("s", abcd) + stage("t", step("e")),
        head + stage("t", step("c") + ", " + step("e"))
            + stage("s", step("b") + ", " + step("a")));
    row("rollback lane fills", head + stage("s", step("a")),
        head + stage("s", step("a"), "        rollbackSteps: [" + step("r") + "]\n"));
    row("same ids twice", head + stage("s", step("a") + ", " + step("a") + ", " + step("b")),
        head + stage("s", step("b") + ", " + step("a") + ", " + step("x") + ", " + step("a")));
    row("group and handler",
        head + stage("s", "{stepGroup: {id: g, steps: [" + step("a") + "]}}"),
        head + stage("s", step("a") + ", {stepGroup: {id: g, steps: [" + step("b") + "]}}")
            + "  errorHandler: [" + step("h") + "]\n");
    row("everything goes", head + stage("s", abcd), head + stage("t", step("z")));
}

void PipelineOutlineTest::followsAnyChangeRowByRow()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    // Stages without steps or repeated ids are fine here: only the structure matters.
    const model::LoadResult first = model::loadPipeline(before);
    const model::LoadResult second = model::loadPipeline(after);
    QVERIFY(first.pipeline);
    QVERIFY(second.pipeline);

    PipelineOutline outline;
    outline.resetPipeline(&*first.pipeline);
    QAbstractItemModelTester tester(&outline, kReportToQtTest);
    QSignalSpy reset(&outline, &QAbstractItemModel::modelReset);
    outline.setPipeline(&*second.pipeline);
    QCOMPARE(reset.count(), 0);
    PipelineOutline fresh;
    fresh.resetPipeline(&*second.pipeline);
    QString difference;
    QVERIFY2(fixture::sameOutline(outline, fresh, difference), qPrintable(difference));

    outline.setPipeline(&*first.pipeline); // and back, as an undo would
    fresh.resetPipeline(&*first.pipeline);
    QVERIFY2(fixture::sameOutline(outline, fresh, difference), qPrintable(difference));
    QCOMPARE(reset.count(), 0);
}

void PipelineOutlineTest::stepBadgesSayHowFailureIsHandled()
{
    const model::Pipeline pipeline = loadText(R"(
pipeline:
  id: badges
  stages:
    - stage:
        id: s
        steps:
          - step:
              id: call
              type: Http
              spec: { url: "https://example.com", method: POST }
              retry: { type: exponential, maxAttempts: 4, interval: 1s }
              catch: call_error
              failureStrategies:
                - onFailure:
                    errors: [Timeout]
                    action: { type: Retry, spec: { retryCount: 2 } }
              timeout: 30s
              when: { stageStatus: Failure }
          - step:
              id: sign_off
              type: Approval
              spec: { message: "Ship it?" }
)");
    PipelineOutline outline;
    outline.setPipeline(&pipeline);
    const QModelIndex lane = outline.index(0, 0, outline.index(0, 0));
    const QVariant callBadges =
        outline.data(outline.index(0, 0, lane), PipelineOutline::BadgesRole);
    QCOMPARE(badgeField(callBadges, QStringLiteral("kind")),
             strings({"retry", "catch", "strategy", "timeout", "when"}));
    QCOMPARE(badgeField(callBadges, QStringLiteral("label")),
             strings({"4 attempts", "catch → call_error", "Timeout → Retry", "30s",
                      "on Failure"}));
    QVERIFY(badgeField(callBadges, QStringLiteral("detail"))
                .at(2).contains(QStringLiteral("Retry 2×, then MarkAsFailure")));

    // An approval without a timeout still waits at most a day: the card says so.
    const QVariant approvalBadges =
        outline.data(outline.index(1, 0, lane), PipelineOutline::BadgesRole);
    QCOMPARE(badgeField(approvalBadges, QStringLiteral("label")), strings({"1d"}));
}

// A Shell step that runs on Slurm, by its own executor or one set above it, carries a badge;
// other step types and local steps do not; an edit above the step updates its card.
void PipelineOutlineTest::cardsSayWhichStepsRunOnTheCluster()
{
    const char *text = R"(
pipeline:
  id: cluster
  stages:
    - stage:
        id: s
        executor: { type: slurm, partition: gpu, cpus: 4 }
        steps:
          - step: { id: train, type: Shell, spec: { command: train } }
          - step: { id: here, type: Shell, spec: { command: ls }, executor: { type: local } }
          - step: { id: note, type: Echo, spec: { message: hi } }
          - stepGroup:
              id: g
              executor: { type: slurm, partition: cpu }
              steps:
                - step: { id: inner, type: Shell, spec: { command: x } }
)";
    const model::Pipeline pipeline = loadText(text);
    PipelineOutline outline;
    outline.setPipeline(&pipeline);
    const QModelIndex stage = outline.index(0, 0);
    const QModelIndex lane = outline.index(0, 0, stage);
    const auto badgesOf = [&](const QModelIndex &index, const char *field) {
        return badgeField(outline.data(index, PipelineOutline::BadgesRole), QString::fromLatin1(field));
    };
    QCOMPARE(badgesOf(outline.index(0, 0, lane), "label"), strings({"Slurm · gpu"}));
    QVERIFY(badgesOf(outline.index(0, 0, lane), "detail").first().contains(QStringLiteral("4 CPUs")));
    QVERIFY(badgesOf(outline.index(1, 0, lane), "kind").isEmpty());
    QVERIFY(badgesOf(outline.index(2, 0, lane), "kind").isEmpty());
    const QModelIndex group = outline.index(3, 0, lane);
    QCOMPARE(badgesOf(group, "label"), strings({"Slurm"}));
    QCOMPARE(badgesOf(outline.index(0, 0, outline.index(0, 0, group)), "label"), strings({"Slurm · cpu"}));
    QCOMPARE(badgesOf(stage, "kind"), strings({"cluster"}));

    // The stage's executor removed, as an edit or an undo would: the step's card follows.
    model::Pipeline edited = pipeline;
    edited.stages.at(0).stage()->executor.reset();
    outline.setPipeline(&edited);
    QVERIFY(badgesOf(outline.index(0, 0, outline.index(0, 0, outline.index(0, 0))), "kind").isEmpty());
}

void PipelineOutlineTest::stepSummaryIsOneLine_data()
{
    QTest::addColumn<QByteArray>("step");
    QTest::addColumn<QString>("summary");
    QTest::newRow("shell, several lines")
        << QByteArray("{ id: a, type: Shell, spec: { command: \"make\\nmake install\\n\" } }")
        << QStringLiteral("make …");
    QTest::newRow("http with method")
        << QByteArray("{ id: a, type: Http, spec: { url: \"https://x.org\", method: PUT } }")
        << QStringLiteral("PUT https://x.org");
    QTest::newRow("http default method")
        << QByteArray("{ id: a, type: Http, spec: { url: \"https://x.org\" } }")
        << QStringLiteral("GET https://x.org");
    QTest::newRow("wait") << QByteArray("{ id: a, type: Wait, spec: { duration: 90s } }")
                          << QStringLiteral("wait 1m30s");
    QTest::newRow("verify")
        << QByteArray("{ id: a, type: Verify, spec: { condition: \"1 === 1\" } }")
        << QStringLiteral("1 === 1");
}

void PipelineOutlineTest::stepSummaryIsOneLine()
{
    QFETCH(QByteArray, step);
    QFETCH(QString, summary);
    const QByteArray yaml =
        "pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n"
        "          - step: " + step + "\n";
    const model::Pipeline pipeline = loadText(yaml.constData());
    const model::Step *parsed = pipeline.stages.at(0).stage()->steps.at(0).step();
    QVERIFY(parsed);
    QCOMPARE(gui::stepSummary(*parsed), summary);
}

void PipelineOutlineTest::problemListCountsSeverities()
{
    model::Problem error;
    error.message = QStringLiteral("stage 's': steps must not be empty");
    error.location = {3, 5};
    model::Problem warning;
    warning.severity = model::Severity::Warning;
    warning.message = QStringLiteral("pipeline: unknown key 'colour' (ignored)");
    warning.location = {2, 3};

    gui::ProblemListModel problems;
    QAbstractItemModelTester tester(&problems, kReportToQtTest);
    problems.setProblems(QStringLiteral("p.yaml"), {warning, error});
    QCOMPARE(problems.rowCount(), 2);
    QCOMPARE(problems.errorCount(), 1);
    QCOMPARE(problems.warningCount(), 1);
    QCOMPARE(problems.texts(),
             strings({"p.yaml:2:3: warning: pipeline: unknown key 'colour' (ignored)",
                      "p.yaml:3:5: stage 's': steps must not be empty"}));
    QCOMPARE(problems.data(problems.index(1), gui::ProblemListModel::IsErrorRole).toBool(), true);
}

QTEST_GUILESS_MAIN(PipelineOutlineTest)
#include "tst_pipeline_outline.moc"
