#include "DocumentFixture.h"

#include <QSignalSpy>

using namespace pw;
using namespace Qt::StringLiterals;
using fixture::DemoDocument;
using fixture::kDemoShape;

namespace {

const QString S0 = u"pipeline.stages[0].stage"_s;
const QString Lane0 = S0 + u".steps"_s;
const QString Compile = Lane0 + u"[0].step"_s;
const QString Block = Lane0 + u"[1].parallel"_s;
const QString Unit = Block + u"[0].step"_s;
const QString Lint = Block + u"[1].step"_s;
const QString Pack = Lane0 + u"[2].stepGroup"_s;
const QString Zip = Pack + u".steps[0].step"_s;
const QString Frame = u"pipeline.stages[1].parallel"_s;
const QString DeployA = Frame + u"[0].stage"_s;
const QString DeployB = Frame + u"[1].stage"_s;
const QString Verify = u"pipeline.stages[2].stage"_s;
const QString Check = Verify + u".steps[0].step"_s;
const QString Notify = u"pipeline.errorHandler[0].step"_s;

// Runs one structural operation of the data tables: "insertNew kind list index",
// "move from list index", "insertBeside kind target", "moveBeside from target",
// "remove path", "copyPaste from list index".
QString runOperation(gui::PipelineDocument &document, const QString &op, const QString &a,
                     const QString &b, int index)
{
    if (op == QLatin1String("insertNew"))
        return document.insertNew(a, b, index);
    if (op == QLatin1String("move"))
        return document.move(a, b, index);
    if (op == QLatin1String("insertBeside"))
        return document.insertBeside(a, b);
    if (op == QLatin1String("moveBeside"))
        return document.moveBeside(a, b);
    if (op == QLatin1String("remove"))
        return document.remove(a) ? u"removed"_s : QString();
    if (op == QLatin1String("copyPaste")) {
        if (!document.copy(a))
            return {};
        return document.paste(b, index);
    }
    qFatal("unknown operation %s", qPrintable(op));
}

bool canRun(gui::PipelineDocument &document, const QString &op, const QString &a,
            const QString &b, int index)
{
    if (op == QLatin1String("insertNew"))
        return document.canInsert(a, b, index);
    if (op == QLatin1String("move"))
        return document.canMove(a, b, index);
    return false;
}

} // namespace

class DocumentCommandsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void fixtureShape()
    {
        DemoDocument document;
        QCOMPARE(document.shape(), kDemoShape);
        QVERIFY(!document->isDirty());
        QVERIFY(!document->canUndo());
    }

    void structuralEdit_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("expectedPath");
        QTest::addColumn<QString>("expectedShape");

        const QString rest = u" ||(deploy_a[a1],deploy_b[b1]) verify[check] !notify"_s;
        const QString build = u"build[compile,||(unit,lint),pack{zip}]"_s;

        QTest::newRow("insert step at end of lane")
            << "insertNew" << "Shell" << Lane0 << 3 << Lane0 + u"[3].step"_s
            << u"build[compile,||(unit,lint),pack{zip},shell_1]"_s + rest;
        QTest::newRow("insert with -1 appends")
            << "insertNew" << "Echo" << Lane0 << -1 << Lane0 + u"[3].step"_s
            << u"build[compile,||(unit,lint),pack{zip},echo_1]"_s + rest;
        QTest::newRow("paste with -1 appends")
            << "copyPaste" << Notify << "pipeline.errorHandler" << -1
            << "pipeline.errorHandler[1].step"
            << build + u" ||(deploy_a[a1],deploy_b[b1]) verify[check] !notify,notify_1"_s;
        QTest::newRow("insert stage first")
            << "insertNew" << "Stage" << "pipeline.stages" << 0 << "pipeline.stages[0].stage"
            << u"stage_1[] "_s + build + rest;
        QTest::newRow("insert parallel stages")
            << "insertNew" << "Parallel" << "pipeline.stages" << 3
            << "pipeline.stages[3].parallel"
            << build + u" ||(deploy_a[a1],deploy_b[b1]) verify[check] ||(stage_1[]) !notify"_s;
        QTest::newRow("insert empty parallel block in lane")
            << "insertNew" << "Parallel" << Verify + u".steps"_s << 0
            << Verify + u".steps[0].parallel"_s
            << build + u" ||(deploy_a[a1],deploy_b[b1]) verify[||(),check] !notify"_s;
        QTest::newRow("insert group into parallel block")
            << "insertNew" << "StepGroup" << Block << 1 << Block + u"[1].stepGroup"_s
            << u"build[compile,||(unit,group_1{},lint),pack{zip}]"_s + rest;
        QTest::newRow("insert stage into frame")
            << "insertNew" << "Stage" << Frame << 2 << Frame + u"[2].stage"_s
            << build + u" ||(deploy_a[a1],deploy_b[b1],stage_1[]) verify[check] !notify"_s;
        QTest::newRow("insert into pipeline error handler")
            << "insertNew" << "Http" << "pipeline.errorHandler" << 0
            << "pipeline.errorHandler[0].step"
            << build + u" ||(deploy_a[a1],deploy_b[b1]) verify[check] !http_1,notify"_s;
        QTest::newRow("insert into group rollback lane")
            << "insertNew" << "Echo" << Pack + u".rollbackSteps"_s << 0
            << Pack + u".rollbackSteps[0].step"_s
            << u"build[compile,||(unit,lint),pack{zip}rb(echo_1)]"_s + rest;

        QTest::newRow("move down in same lane")
            << "move" << Compile << Lane0 << 3 << Lane0 + u"[2].step"_s
            << u"build[||(unit,lint),pack{zip},compile]"_s + rest;
        QTest::newRow("move down one in same lane")
            << "move" << Compile << Lane0 << 2 << Lane0 + u"[1].step"_s
            << u"build[||(unit,lint),compile,pack{zip}]"_s + rest;
        QTest::newRow("move up in same lane")
            << "move" << Pack << Lane0 << 0 << Lane0 + u"[0].stepGroup"_s
            << u"build[pack{zip},compile,||(unit,lint)]"_s + rest;
        QTest::newRow("move stage to middle")
            << "move" << S0 << "pipeline.stages" << 2 << "pipeline.stages[1].stage"
            << u"||(deploy_a[a1],deploy_b[b1]) "_s + build
                   + u" verify[check] !notify"_s;
        QTest::newRow("move out of group to other stage")
            << "move" << Zip << Verify + u".steps"_s << 0 << Verify + u".steps[0].step"_s
            << "build[compile,||(unit,lint),pack{}] ||(deploy_a[a1],deploy_b[b1]) "
               "verify[zip,check] !notify";
        QTest::newRow("move stage to end")
            << "move" << S0 << "pipeline.stages" << 3 << "pipeline.stages[2].stage"
            << u"||(deploy_a[a1],deploy_b[b1]) verify[check] "_s + build + u" !notify"_s;
        QTest::newRow("move into later sibling block")
            << "move" << Compile << Block << 2 << Lane0 + u"[0].parallel[2].step"_s
            << u"build[||(unit,lint,compile),pack{zip}]"_s + rest;
        QTest::newRow("move stage into frame")
            << "move" << Verify << Frame << 0 << Frame + u"[0].stage"_s
            << build + u" ||(verify[check],deploy_a[a1],deploy_b[b1]) !notify"_s;
        QTest::newRow("move stage out of frame")
            << "move" << DeployB << "pipeline.stages" << 0 << "pipeline.stages[0].stage"
            << u"deploy_b[b1] "_s + build + u" ||(deploy_a[a1]) verify[check] !notify"_s;
        QTest::newRow("move from block to error handler")
            << "move" << Lint << "pipeline.errorHandler" << 1 << "pipeline.errorHandler[1].step"
            << "build[compile,||(unit),pack{zip}] ||(deploy_a[a1],deploy_b[b1]) "
               "verify[check] !notify,lint";
        QTest::newRow("move block into later group")
            << "move" << Block << Pack + u".steps"_s << 0
            << Lane0 + u"[1].stepGroup.steps[0].parallel"_s
            << u"build[compile,pack{||(unit,lint),zip}]"_s + rest;

        QTest::newRow("insert beside step wraps it")
            << "insertBeside" << "Echo" << Compile << 0 << Lane0 + u"[0].parallel[1].step"_s
            << u"build[||(compile,echo_1),||(unit,lint),pack{zip}]"_s + rest;
        QTest::newRow("insert beside step in block")
            << "insertBeside" << "Shell" << Unit << 0 << Block + u"[1].step"_s
            << u"build[compile,||(unit,shell_1,lint),pack{zip}]"_s + rest;
        QTest::newRow("insert beside stage wraps it")
            << "insertBeside" << "Stage" << Verify << 0 << "pipeline.stages[2].parallel[1].stage"
            << build + u" ||(deploy_a[a1],deploy_b[b1]) ||(verify[check],stage_1[]) !notify"_s;
        QTest::newRow("insert beside stage in frame")
            << "insertBeside" << "Stage" << DeployA << 0 << Frame + u"[1].stage"_s
            << build + u" ||(deploy_a[a1],stage_1[],deploy_b[b1]) verify[check] !notify"_s;
        QTest::newRow("insert beside a block appends to it")
            << "insertBeside" << "Shell" << Block << 0 << Block + u"[2].step"_s
            << u"build[compile,||(unit,lint,shell_1),pack{zip}]"_s + rest;

        QTest::newRow("move beside step in other stage")
            << "moveBeside" << Check << Compile << 0 << Lane0 + u"[0].parallel[1].step"_s
            << "build[||(compile,check),||(unit,lint),pack{zip}] "
               "||(deploy_a[a1],deploy_b[b1]) verify[] !notify";
        QTest::newRow("move beside later sibling")
            << "moveBeside" << Compile << Pack << 0 << Lane0 + u"[1].parallel[1].step"_s
            << u"build[||(unit,lint),||(pack{zip},compile)]"_s + rest;
        QTest::newRow("move child beside its group")
            << "moveBeside" << Zip << Pack << 0 << Lane0 + u"[2].parallel[1].step"_s
            << u"build[compile,||(unit,lint),||(pack{},zip)]"_s + rest;
        QTest::newRow("move stage beside first stage")
            << "moveBeside" << Verify << S0 << 0 << "pipeline.stages[0].parallel[1].stage"
            << u"||("_s + build + u",verify[check]) ||(deploy_a[a1],deploy_b[b1]) !notify"_s;
        QTest::newRow("move beside step in block")
            << "moveBeside" << Notify << Unit << 0 << Block + u"[1].step"_s
            << "build[compile,||(unit,notify,lint),pack{zip}] ||(deploy_a[a1],deploy_b[b1]) "
               "verify[check]";

        QTest::newRow("remove step")
            << "remove" << Compile << "" << 0 << "removed"
            << u"build[||(unit,lint),pack{zip}]"_s + rest;
        QTest::newRow("remove frame")
            << "remove" << Frame << "" << 0 << "removed"
            << build + u" verify[check] !notify"_s;
        QTest::newRow("remove group")
            << "remove" << Pack << "" << 0 << "removed"
            << u"build[compile,||(unit,lint)]"_s + rest;
        QTest::newRow("remove stage")
            << "remove" << S0 << "" << 0 << "removed"
            << "||(deploy_a[a1],deploy_b[b1]) verify[check] !notify";

        QTest::newRow("paste group renames ids")
            << "copyPaste" << Pack << Verify + u".steps"_s << 1 << Verify + u".steps[1].stepGroup"_s
            << build + u" ||(deploy_a[a1],deploy_b[b1]) verify[check,pack_1{zip_1}] !notify"_s;
        QTest::newRow("paste stage")
            << "copyPaste" << S0 << "pipeline.stages" << 0 << "pipeline.stages[0].stage"
            << u"build_1[compile_1,||(unit_1,lint_1),pack_1{zip_1}] "_s + build + rest;
        QTest::newRow("paste stage into frame")
            << "copyPaste" << DeployA << Frame << 2 << Frame + u"[2].stage"_s
            << build + u" ||(deploy_a[a1],deploy_b[b1],deploy_a_1[a1_1]) verify[check] !notify"_s;
        QTest::newRow("paste block into lane")
            << "copyPaste" << Block << "pipeline.errorHandler" << 1
            << "pipeline.errorHandler[1].parallel"
            << build + u" ||(deploy_a[a1],deploy_b[b1]) verify[check] !notify,||(unit_1,lint_1)"_s;
    }

    void structuralEdit()
    {
        QFETCH(QString, op);
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, index);
        QFETCH(QString, expectedPath);
        QFETCH(QString, expectedShape);

        DemoDocument document;
        const model::Pipeline before = document.pipeline();
        const int revision = document->revision();
        QSignalSpy changed(document.document.get(), &gui::PipelineDocument::pipelineChanged);
        // Edits, undo and redo update the outline row by row, never by a reset.
        QSignalSpy reset(document->outline(), &QAbstractItemModel::modelReset);

        if (op == QLatin1String("insertNew") || op == QLatin1String("move"))
            QVERIFY(canRun(*document, op, a, b, index));
        const QString path = runOperation(*document, op, a, b, index);
        QCOMPARE(path, expectedPath);
        QCOMPARE(document->lastError(), QString());
        QCOMPARE(document.shape(), expectedShape);
        if (path != QLatin1String("removed")) {
            const QVariantMap properties = document->properties(path).toMap();
            QVERIFY2(!properties.isEmpty(), qPrintable(path));
        }
        QCOMPARE(document->undoStack()->count(), 1);
        QVERIFY(document->isDirty());
        QVERIFY(document->canUndo());
        QVERIFY(!document->undoText().isEmpty());
        QVERIFY(document->revision() > revision);
        QCOMPARE(changed.count(), 1); // one refresh per user action, composites included
        QString bad;
        QVERIFY2(fixture::outlinePathsResolve(*document, bad), qPrintable(bad));
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));
        const model::Pipeline after = document.pipeline();

        const int revisionAfterEdit = document->revision();
        document->undo();
        QVERIFY(document.pipeline() == before);
        QCOMPARE(document.shape(), kDemoShape);
        QVERIFY(!document->isDirty());
        QVERIFY(document->revision() > revisionAfterEdit);
        QCOMPARE(changed.count(), 2);
        QVERIFY(document->canRedo());
        QVERIFY(fixture::outlinePathsResolve(*document, bad));
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));

        document->redo();
        QVERIFY(document.pipeline() == after);
        QCOMPARE(document.shape(), expectedShape);
        QVERIFY(fixture::outlinePathsResolve(*document, bad));
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));

        document->undo();
        QVERIFY(document.pipeline() == before);
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));
        QCOMPARE(reset.count(), 0);
    }

    void refusal_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("error");

        QTest::newRow("stage into lane")
            << "insertNew" << "Stage" << Lane0 << 0 << "stages do not go";
        QTest::newRow("step into stages")
            << "insertNew" << "Shell" << "pipeline.stages" << 0 << "only stages";
        QTest::newRow("parallel into block")
            << "insertNew" << "Parallel" << Block << 0 << "nested directly";
        QTest::newRow("parallel into frame")
            << "insertNew" << "Parallel" << Frame << 0 << "may not be nested";
        QTest::newRow("index past end") << "insertNew" << "Shell" << Lane0 << 4 << "outside";
        QTest::newRow("negative index") << "insertNew" << "Shell" << Lane0 << -2 << "outside";
        QTest::newRow("unknown kind") << "insertNew" << "Bogus" << Lane0 << 0 << "unknown kind";
        QTest::newRow("not a list")
            << "insertNew" << "Shell" << "pipeline.nowhere" << 0 << "not a list";
        QTest::newRow("pipeline has no steps lane")
            << "insertNew" << "Shell" << "pipeline.steps" << 0 << "not a list";
        QTest::newRow("stage into its own lane")
            << "move" << S0 << Lane0 << 0 << "into itself";
        QTest::newRow("group into its own lane")
            << "move" << Pack << Pack + u".steps"_s << 0 << "into itself";
        QTest::newRow("block into itself") << "move" << Block << Block << 0 << "into itself";
        QTest::newRow("block into frame") << "move" << Block << Frame << 0 << "only stages";
        QTest::newRow("step into stages")
            << "move" << Compile << "pipeline.stages" << 0 << "only stages";
        QTest::newRow("frame into frame")
            << "move" << Frame << Frame << 0 << "into itself";
        QTest::newRow("move pipeline") << "move" << "pipeline" << Lane0 << 0 << "pipeline itself";
        QTest::newRow("move missing") << "move" << Lane0 + u"[7].step"_s << Lane0 << 0
                                      << "not an element";
        QTest::newRow("remove pipeline") << "remove" << "pipeline" << "" << 0 << "pipeline itself";
        QTest::newRow("remove missing") << "remove" << Lane0 + u"[9].step"_s << "" << 0
                                        << "not an element";
        QTest::newRow("parallel beside step")
            << "insertBeside" << "Parallel" << Compile << 0 << "nested directly";
        QTest::newRow("stage beside step")
            << "insertBeside" << "Stage" << Compile << 0 << "stages do not go";
        QTest::newRow("step beside stage")
            << "insertBeside" << "Shell" << Verify << 0 << "only stages";
        QTest::newRow("group beside its child")
            << "moveBeside" << Pack << Zip << 0 << "inside it";
        QTest::newRow("block beside step")
            << "moveBeside" << Block << Compile << 0 << "nested directly";
        QTest::newRow("step beside stage")
            << "moveBeside" << Compile << S0 << 0 << "only stages";
        QTest::newRow("paste step among stages")
            << "copyPaste" << Compile << "pipeline.stages" << 0 << "nothing that fits";
        QTest::newRow("paste stage into lane")
            << "copyPaste" << S0 << Lane0 << 0 << "nothing that fits";
    }

    void refusal()
    {
        QFETCH(QString, op);
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, index);
        QFETCH(QString, error);

        DemoDocument document;
        const model::Pipeline before = document.pipeline();
        const int revision = document->revision();
        QVERIFY(!canRun(*document, op, a, b, index));
        QCOMPARE(runOperation(*document, op, a, b, index), QString());
        QVERIFY2(document->lastError().contains(error), qPrintable(document->lastError()));
        QVERIFY(document.pipeline() == before);
        QCOMPARE(document->undoStack()->count(), 0);
        QCOMPARE(document->revision(), revision);
        QVERIFY(!document->isDirty());
    }

    void moveToOwnPlaceIsNoOp()
    {
        DemoDocument document;
        QCOMPARE(document->move(Compile, Lane0, 0), Compile);
        QCOMPARE(document->move(Compile, Lane0, 1), Compile);
        QCOMPARE(document->move(DeployB, Frame, 2), DeployB);
        QCOMPARE(document->undoStack()->count(), 0);
        QVERIFY(!document->isDirty());
    }

    void copyToCopiesWithFreshIds()
    {
        DemoDocument document;
        const QString pack = Lane0 + u"[2].stepGroup"_s;
        // A group into its own lane: the copy is taken first, so it may go inside itself.
        QVERIFY(document->canCopyTo(pack, pack + u".steps"_s, 1));
        const QString copied = document->copyTo(pack, pack + u".steps"_s, 1);
        QCOMPARE(copied, pack + u".steps[1].stepGroup"_s);
        const QVariantMap copy = document->properties(copied).toMap();
        QVERIFY(copy.value(u"id"_s).toString() != u"pack"_s);
        QCOMPARE(document->currentProblems().size(), 0); // every id still unique
        QCOMPARE(document->undoStack()->count(), 1);
        document->undo();
        QCOMPARE(document.shape(), kDemoShape);
        // What a move may not do, a copy may not either: a stage into a lane.
        QVERIFY(!document->canCopyTo(u"pipeline.stages[2].stage"_s, Lane0, 0));
        QVERIFY(document->copyTo(u"pipeline.stages[2].stage"_s, Lane0, 0).isEmpty());
        QVERIFY(!document->lastError().isEmpty());
        QCOMPARE(document.shape(), kDemoShape);
    }

    void newIdsAreUnique()
    {
        DemoDocument document;
        QCOMPARE(document->insertNew(u"Shell"_s, Lane0, 0), Lane0 + u"[0].step"_s);
        QCOMPARE(document->insertNew(u"Shell"_s, Lane0, 0), Lane0 + u"[0].step"_s);
        QCOMPARE(document->insertNew(u"StepGroup"_s, Lane0, 0),
                 Lane0 + u"[0].stepGroup"_s);
        QCOMPARE(document.shape().section(u']', 0, 0),
                 u"build[group_1{},shell_2,shell_1,compile,||(unit,lint),pack{zip}"_s);
        const QVariantMap step = document->properties(Lane0 + u"[1].step"_s).toMap();
        QCOMPARE(step.value(u"type"_s).toString(), u"Shell"_s);
        QCOMPARE(step.value(u"kind"_s).toString(), u"step"_s);
        // Three steps undo one by one, back to the file.
        QCOMPARE(document->undoStack()->count(), 3);
        document->undo();
        document->undo();
        document->undo();
        QCOMPARE(document.shape(), kDemoShape);
    }

    void errorClearsOnSuccess()
    {
        DemoDocument document;
        QVERIFY(!document->remove(u"pipeline"_s));
        QVERIFY(!document->lastError().isEmpty());
        QVERIFY(document->remove(Compile));
        QCOMPARE(document->lastError(), QString());
    }

    void editsRevalidate()
    {
        DemoDocument document;
        QCOMPARE(document->problems()->errorCount(), 0);
        // An empty parallel block is reported, on its outline row and in the problems list.
        const QString block = document->insertNew(u"Parallel"_s, Lane0, 0);
        QVERIFY(document->problems()->errorCount() > 0);
        const QVariantMap properties = document->properties(block).toMap();
        QVERIFY(!properties.value(u"problems"_s).toList().isEmpty());
        const QModelIndex stage = document->outline()->index(0, 0);
        const QModelIndex lane = document->outline()->index(0, 0, stage);
        const QModelIndex row = document->outline()->index(0, 0, lane);
        QCOMPARE(row.data(gui::PipelineOutline::PathRole).toString(), block);
        QCOMPARE(row.data(gui::PipelineOutline::ProblemSeverityRole).toString(),
                 u"error"_s);
        QVERIFY(!row.data(gui::PipelineOutline::ProblemTextRole).toString().isEmpty());
        bool found = false;
        for (int i = 0; i < document->problems()->rowCount(); ++i) {
            const QModelIndex problem = document->problems()->index(i);
            found = found
                || problem.data(gui::ProblemListModel::PathRole).toString() == block;
        }
        QVERIFY(found);
        document->undo();
        QCOMPARE(document->problems()->errorCount(), 0);
        QCOMPARE(row.isValid(), true);
    }

    void problemsPointAtElementAndField()
    {
        DemoDocument document;
        const QString stage = document->insertNew(u"Stage"_s, u"pipeline.stages"_s, 0);
        QCOMPARE(stage, u"pipeline.stages[0].stage"_s);
        bool found = false;
        for (int i = 0; i < document->problems()->rowCount(); ++i) {
            const QModelIndex problem = document->problems()->index(i);
            found = found
                || (problem.data(gui::ProblemListModel::PathRole).toString() == stage
                    && problem.data(gui::ProblemListModel::FieldRole).toString() == u"steps"_s);
        }
        QVERIFY(found);
        // The empty steps lane of the new stage carries the stage's problem about it.
        const QModelIndex stageRow = document->outline()->index(0, 0);
        const QModelIndex lane = document->outline()->index(0, 0, stageRow);
        QCOMPARE(lane.data(gui::PipelineOutline::PathRole).toString(), stage + u".steps"_s);
        QCOMPARE(lane.data(gui::PipelineOutline::ProblemSeverityRole).toString(), u"error"_s);
        QVERIFY(lane.data(gui::PipelineOutline::ProblemTextRole).toString().contains(u"step"_s));
        // Rows without problems say so.
        const QModelIndex build = document->outline()->index(1, 0);
        QCOMPARE(build.data(gui::PipelineOutline::ProblemSeverityRole).toString(), QString());
        QCOMPARE(build.data(gui::PipelineOutline::ProblemTextRole).toString(), QString());
    }

    void fieldEditUpdatesRowsInPlace()
    {
        DemoDocument document;
        QSignalSpy reset(document->outline(), &QAbstractItemModel::modelReset);
        QSignalSpy dataChanged(document->outline(), &QAbstractItemModel::dataChanged);
        QVERIFY(document->setField(Compile, u"name"_s, u"Compile it"_s));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(dataChanged.count(), 1);
        const QModelIndex changed = dataChanged.first().first().toModelIndex();
        QCOMPARE(changed.data(gui::PipelineOutline::PathRole).toString(), Compile);
        QCOMPARE(changed.data(gui::PipelineOutline::NameRole).toString(),
                 u"Compile it"_s);
        QVERIFY(document->remove(Compile));
        QCOMPARE(reset.count(), 0);
    }

    // A drop into a large pipeline touches only the rows it concerns: views keep every
    // other row (and its delegate); rows after the new one learn their new path.
    void insertIntoLargePipelineInsertsOneRow()
    {
        const QByteArray yaml = largePipeline(500, 10);
        DemoDocument document(yaml.constData());
        gui::PipelineOutline *outline = document->outline();
        const QModelIndex lane = outline->index(0, 0, outline->index(9, 0));
        QCOMPARE(lane.data(gui::PipelineOutline::PathRole).toString(),
                 u"pipeline.stages[9].stage.steps"_s);
        QCOMPARE(outline->rowCount(lane), 50);
        const QPersistentModelIndex firstStep = outline->index(0, 0, outline->index(0, 0,
                                                                    outline->index(0, 0)));
        const QPersistentModelIndex before = outline->index(10, 0, lane);
        const QPersistentModelIndex after = outline->index(30, 0, lane);
        const QPersistentModelIndex laneIndex = lane;
        QCOMPARE(after.data(gui::PipelineOutline::NodeIdRole).toString(), u"step_480"_s);

        QSignalSpy reset(outline, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(outline, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(outline, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(outline, &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(outline, &QAbstractItemModel::dataChanged);

        const QString added = document->insertNew(u"Shell"_s, lane.data(
                                  gui::PipelineOutline::PathRole).toString(), 25);
        QCOMPARE(added, u"pipeline.stages[9].stage.steps[25].step"_s);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(moved.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(0).toModelIndex(), QModelIndex(laneIndex));
        QCOMPARE(inserted.first().at(1).toInt(), 25);
        QCOMPARE(inserted.first().at(2).toInt(), 25);
        // Only the 25 steps that moved down changed (their path).
        QCOMPARE(changed.count(), 25);
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            const QModelIndex row = signal.at(0).toModelIndex();
            QCOMPARE(row.parent(), QModelIndex(laneIndex));
            QVERIFY(row.row() > 25);
            QCOMPARE(signal.at(2).value<QList<int>>(),
                     QList<int>{gui::PipelineOutline::PathRole});
        }

        QVERIFY(firstStep.isValid());
        QCOMPARE(firstStep.data(gui::PipelineOutline::NodeIdRole).toString(), u"step_0"_s);
        QCOMPARE(before.row(), 10);
        QCOMPARE(before.data(gui::PipelineOutline::PathRole).toString(),
                 u"pipeline.stages[9].stage.steps[10].step"_s);
        QCOMPARE(after.row(), 31);
        QCOMPARE(after.data(gui::PipelineOutline::NodeIdRole).toString(), u"step_480"_s);
        QCOMPARE(after.data(gui::PipelineOutline::PathRole).toString(),
                 u"pipeline.stages[9].stage.steps[31].step"_s);
        QString bad;
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));

        document->undo();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(after.row(), 30);
        QCOMPARE(after.data(gui::PipelineOutline::PathRole).toString(),
                 u"pipeline.stages[9].stage.steps[30].step"_s);
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));
        document->redo();
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(reset.count(), 0);
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));
    }

    // Within a list a move is one rowsMoved; between lists, a removal and an insertion.
    void moveEmitsMoveOrRemoveAndInsert()
    {
        const QByteArray yaml = largePipeline(40, 2);
        DemoDocument document(yaml.constData());
        gui::PipelineOutline *outline = document->outline();
        const QModelIndex lane0 = outline->index(0, 0, outline->index(0, 0));
        const QPersistentModelIndex first = outline->index(0, 0, lane0);
        const QPersistentModelIndex fifth = outline->index(4, 0, lane0);
        QSignalSpy reset(outline, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(outline, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(outline, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(outline, &QAbstractItemModel::rowsMoved);

        const QString lanePath = u"pipeline.stages[0].stage.steps"_s;
        QCOMPARE(document->move(lanePath + u"[0].step"_s, lanePath, 10),
                 lanePath + u"[9].step"_s);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(inserted.count() + removed.count() + reset.count(), 0);
        QCOMPARE(first.row(), 9); // the moved row itself, and its delegate, survive
        QCOMPARE(first.data(gui::PipelineOutline::NodeIdRole).toString(), u"step_0"_s);
        QCOMPARE(fifth.row(), 3);
        QString bad;
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));

        document->undo();
        QCOMPARE(moved.count(), 2);
        QCOMPARE(first.row(), 0);
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));

        QVERIFY(!document->move(lanePath + u"[0].step"_s,
                                u"pipeline.stages[1].stage.steps"_s, 0).isEmpty());
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
        QVERIFY(!first.isValid());
        QCOMPARE(fifth.row(), 3);
        QVERIFY2(fixture::outlineIsFresh(*document, bad), qPrintable(bad));
    }

    // Opening another file is the one change that resets the outline.
    void openingResets()
    {
        DemoDocument document;
        QSignalSpy reset(document->outline(), &QAbstractItemModel::modelReset);
        document->newDocument();
        QCOMPARE(reset.count(), 1);
    }

private:
    // `stages` stages holding `steps` Shell steps in all, ids step_0 ... in order.
    static QByteArray largePipeline(int steps, int stages)
    {
        QByteArray yaml = "pipeline:\n  id: large\n  stages:\n";
        int written = 0;
        for (int s = 0; s < stages; ++s) {
            yaml += "    - stage:\n        id: stage_" + QByteArray::number(s)
                + "\n        steps:\n";
            const int here = (steps - written) / (stages - s);
            for (int i = 0; i < here; ++i, ++written) {
                yaml += "          - step: {id: step_" + QByteArray::number(written)
                    + ", type: Shell, spec: {command: echo}}\n";
            }
        }
        return yaml;
    }
};

QTEST_MAIN(DocumentCommandsTest)
#include "tst_document_commands.moc"
