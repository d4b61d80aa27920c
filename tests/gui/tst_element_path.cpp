#include "app/gui/ElementPath.h"

#include "model/PipelineFile.h"

#include <QTest>

using namespace pw;
using gui::ElementKind;

namespace {

const char *const kPipeline = R"(pipeline:
  id: demo
  stages:
    - stage:
        id: build
        steps:
          - step: {id: compile, type: Shell, spec: {command: make}}
          - parallel:
              - step: {id: unit, type: Shell, spec: {command: make test}}
              - stepGroup:
                  id: checks
                  steps:
                    - step: {id: lint, type: Echo, spec: {message: hi}}
                  rollbackSteps:
                    - step: {id: undo_lint, type: Echo, spec: {message: undo}}
    - parallel:
        - stage:
            id: deploy_a
            steps:
              - step: {id: a1, type: Echo, spec: {message: a}}
        - stage:
            id: deploy_b
            steps:
              - step: {id: b1, type: Wait, spec: {duration: 1s}}
  errorHandler:
    - step: {id: notify, type: Echo, spec: {message: failed}}
)";

model::Pipeline demo()
{
    model::LoadResult result = model::loadPipeline(QByteArray(kPipeline));
    if (!result.pipeline)
        qFatal("demo pipeline did not load");
    return *result.pipeline;
}

// The id of what a path resolves to, or its kind for elements without one.
QString resolvedName(model::Pipeline &pipeline, const QString &path)
{
    const std::optional<gui::ElementRef> ref = gui::resolveElement(pipeline, path);
    if (!ref)
        return QStringLiteral("<none>");
    if (ref->stage)
        return ref->stage->id;
    if (ref->step)
        return ref->step->id;
    if (ref->group)
        return ref->group->id;
    return gui::kindName(ref->kind);
}

} // namespace

class ElementPathTest : public QObject
{
    Q_OBJECT

private slots:
    void resolvesElements_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *path, const char *expected) {
            QTest::newRow(path) << QString::fromLatin1(path) << QString::fromLatin1(expected);
        };
        row("pipeline", "pipeline");
        row("pipeline.stages[0].stage", "build");
        row("pipeline.stages[0].stage.steps[0].step", "compile");
        row("pipeline.stages[0].stage.steps[1].parallel", "parallel");
        row("pipeline.stages[0].stage.steps[1].parallel[0].step", "unit");
        row("pipeline.stages[0].stage.steps[1].parallel[1].stepGroup", "checks");
        row("pipeline.stages[0].stage.steps[1].parallel[1].stepGroup.steps[0].step", "lint");
        row("pipeline.stages[0].stage.steps[1].parallel[1].stepGroup.rollbackSteps[0].step",
            "undo_lint");
        row("pipeline.stages[1].parallel", "parallelStages");
        row("pipeline.stages[1].parallel[1].stage", "deploy_b");
        row("pipeline.stages[1].parallel[1].stage.steps[0].step", "b1");
        row("pipeline.errorHandler[0].step", "notify");
        // Wrong kind word, out of range, garbage.
        row("pipeline.stages[0].parallel", "<none>");
        row("pipeline.stages[0].stage.steps[0].stepGroup", "<none>");
        row("pipeline.stages[2].stage", "<none>");
        row("pipeline.stages[1].parallel[2].stage", "<none>");
        row("pipeline.errorHandler[0].stage", "<none>");
        row("pipeline.steps[0].step", "<none>");
        row("stages[0].stage", "<none>");
        row("", "<none>");
    }

    void resolvesElements()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        model::Pipeline pipeline = demo();
        QCOMPARE(resolvedName(pipeline, path), expected);
    }

    void resolvesLists_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("kind"); // -1: not a list
        QTest::addColumn<int>("count");
        auto row = [](const char *path, int kind, int count) {
            QTest::newRow(path) << QString::fromLatin1(path) << kind << count;
        };
        row("pipeline.stages", int(gui::ListKind::Stages), 2);
        row("pipeline.stages[1].parallel", int(gui::ListKind::StageFrame), 2);
        row("pipeline.stages[0].stage.steps", int(gui::ListKind::Lane), 2);
        row("pipeline.stages[0].stage.rollbackSteps", int(gui::ListKind::Lane), 0);
        row("pipeline.stages[0].stage.errorHandler", int(gui::ListKind::Lane), 0);
        row("pipeline.stages[0].stage.steps[1].parallel", int(gui::ListKind::ParallelBlock), 2);
        row("pipeline.stages[0].stage.steps[1].parallel[1].stepGroup.rollbackSteps",
            int(gui::ListKind::Lane), 1);
        row("pipeline.errorHandler", int(gui::ListKind::Lane), 1);
        row("pipeline.steps", -1, 0);
        row("pipeline.rollbackSteps", -1, 0);
        row("pipeline.stages[0].stage", -1, 0);
        row("pipeline.stages[0].stage.steps[0].step.steps", -1, 0);
        row("pipeline.stages[0].stage.steps[0].step", -1, 0);
    }

    void resolvesLists()
    {
        QFETCH(QString, path);
        QFETCH(int, kind);
        QFETCH(int, count);
        model::Pipeline pipeline = demo();
        const std::optional<gui::ListRef> list = gui::resolveList(pipeline, path);
        QCOMPARE(list.has_value(), kind >= 0);
        if (list) {
            QCOMPARE(int(list->kind), kind);
            QCOMPARE(list->count(), count);
        }
    }

    void everyListedPathResolves()
    {
        model::Pipeline pipeline = demo();
        const QStringList paths = gui::allElementPaths(pipeline);
        QCOMPARE(paths.size(), 14);
        for (const QString &path : paths)
            QVERIFY2(gui::resolveElement(pipeline, path), qPrintable(path));
        QCOMPARE(gui::allIds(pipeline),
                 (QStringList{QStringLiteral("build"), QStringLiteral("compile"),
                              QStringLiteral("unit"), QStringLiteral("checks"),
                              QStringLiteral("lint"), QStringLiteral("undo_lint"),
                              QStringLiteral("deploy_a"), QStringLiteral("a1"),
                              QStringLiteral("deploy_b"), QStringLiteral("b1"),
                              QStringLiteral("notify")}));
    }

    void owningElement_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("owner");
        auto row = [](const char *path, const char *owner) {
            QTest::newRow(path) << QString::fromLatin1(path) << QString::fromLatin1(owner);
        };
        row("pipeline", "pipeline");
        row("pipeline.inputs[0]", "pipeline");
        row("pipeline.stages[0].stage", "pipeline.stages[0].stage");
        row("pipeline.stages[0].stage.steps[1].step.retry",
            "pipeline.stages[0].stage.steps[1].step");
        row("pipeline.stages[0].stage.steps[1].parallel",
            "pipeline.stages[0].stage.steps[1].parallel");
        row("pipeline.stages[0].stage.steps[1].parallel[0].step.spec.command",
            "pipeline.stages[0].stage.steps[1].parallel[0].step");
        // An env variable named like an element is not one.
        row("pipeline.stages[0].stage.steps[0].step.spec.env.step",
            "pipeline.stages[0].stage.steps[0].step");
        row("pipeline.stages[0].stage.failureStrategies[0].onFailure",
            "pipeline.stages[0].stage");
    }

    void owningElement()
    {
        QFETCH(QString, path);
        QFETCH(QString, owner);
        QCOMPARE(gui::owningElementPath(path), owner);
    }

    void pathShifts()
    {
        const QString lane = QStringLiteral("pipeline.stages[0].stage.steps");
        QCOMPARE(gui::pathAfterRemoval(lane + QStringLiteral("[3].step"), lane, 1),
                 lane + QStringLiteral("[2].step"));
        QCOMPARE(gui::pathAfterRemoval(lane + QStringLiteral("[1].step"), lane, 1),
                 lane + QStringLiteral("[1].step"));
        QCOMPARE(gui::pathAfterRemoval(lane + QStringLiteral("[0].step"), lane, 1),
                 lane + QStringLiteral("[0].step"));
        QCOMPARE(gui::pathAfterRemoval(QStringLiteral("pipeline.stages[2].stage.steps"),
                                       QStringLiteral("pipeline.stages"), 0),
                 QStringLiteral("pipeline.stages[1].stage.steps"));
        QCOMPARE(gui::pathAfterInsertion(lane + QStringLiteral("[1].step"), lane, 1),
                 lane + QStringLiteral("[2].step"));
        QCOMPARE(gui::pathAfterInsertion(lane + QStringLiteral("[0].step"), lane, 1),
                 lane + QStringLiteral("[0].step"));
        QCOMPARE(gui::pathAfterWrap(lane + QStringLiteral("[2].stepGroup.steps[0].step"),
                                    lane + QStringLiteral("[2].stepGroup")),
                 lane + QStringLiteral("[2].parallel[0].stepGroup.steps[0].step"));
        QCOMPARE(gui::pathAfterWrap(lane + QStringLiteral("[1].step"),
                                    lane + QStringLiteral("[2].stepGroup")),
                 lane + QStringLiteral("[1].step"));
        QVERIFY(gui::isSameOrInside(lane + QStringLiteral("[1].step"), lane));
        QVERIFY(!gui::isSameOrInside(QStringLiteral("pipeline.stages[1]"),
                                     QStringLiteral("pipeline.stages[10]")));
    }

    void insertRules_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("list");
        QTest::addColumn<bool>("allowed");
        using gui::ListKind;
        auto row = [](const char *name, ElementKind kind, ListKind list, bool allowed) {
            QTest::newRow(name) << int(kind) << int(list) << allowed;
        };
        row("stage in stages", ElementKind::Stage, ListKind::Stages, true);
        row("frame in stages", ElementKind::ParallelStages, ListKind::Stages, true);
        row("stage in frame", ElementKind::Stage, ListKind::StageFrame, true);
        row("frame in frame", ElementKind::ParallelStages, ListKind::StageFrame, false);
        row("step in stages", ElementKind::Step, ListKind::Stages, false);
        row("step in frame", ElementKind::Step, ListKind::StageFrame, false);
        row("step in lane", ElementKind::Step, ListKind::Lane, true);
        row("group in lane", ElementKind::StepGroup, ListKind::Lane, true);
        row("parallel in lane", ElementKind::Parallel, ListKind::Lane, true);
        row("stage in lane", ElementKind::Stage, ListKind::Lane, false);
        row("step in block", ElementKind::Step, ListKind::ParallelBlock, true);
        row("group in block", ElementKind::StepGroup, ListKind::ParallelBlock, true);
        row("parallel in block", ElementKind::Parallel, ListKind::ParallelBlock, false);
        row("stage in block", ElementKind::Stage, ListKind::ParallelBlock, false);
    }

    void insertRules()
    {
        QFETCH(int, kind);
        QFETCH(int, list);
        QFETCH(bool, allowed);
        const QString refusal = gui::refusalToInsert(ElementKind(kind), gui::ListKind(list));
        QCOMPARE(refusal.isEmpty(), allowed);
    }

    void takeAndInsertRoundTrip()
    {
        model::Pipeline pipeline = demo();
        const model::Pipeline before = pipeline;
        std::optional<gui::ListRef> frame =
            gui::resolveList(pipeline, QStringLiteral("pipeline.stages[1].parallel"));
        QVERIFY(frame);
        gui::DetachedElement taken = frame->take(0);
        QCOMPARE(int(gui::kindOf(taken)), int(ElementKind::Stage));
        QCOMPARE(frame->count(), 1);
        QVERIFY(!(pipeline == before));
        frame->insert(0, std::move(taken));
        QVERIFY(pipeline == before);
    }
};

QTEST_GUILESS_MAIN(ElementPathTest)
#include "tst_element_path.moc"
