#include "app/gui/MainWindow.h"
#include "app/gui/PipelineDocument.h"
#include "app/gui/monitor/RunMonitor.h"

#include "model/PipelineFile.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QPalette>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QFileInfo>
#include <QSettings>
#include <QTest>

using namespace pw;

namespace {

// Warnings and worse (QML warnings included) logged during the current test function.
QStringList &capturedWarnings()
{
    static QStringList warnings;
    return warnings;
}

QtMessageHandler previousHandler = nullptr;

void captureWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg)
        capturedWarnings() << message;
    if (previousHandler)
        previousHandler(type, context, message);
}

int countSteps(const model::NodeList &nodes);

int countSteps(const model::Node &node)
{
    if (node.step())
        return 1;
    if (const model::StepGroup *group = node.group())
        return countSteps(group->steps) + countSteps(group->rollbackSteps)
            + countSteps(group->errorHandler);
    return countSteps(node.parallel()->items);
}

int countSteps(const model::NodeList &nodes)
{
    int steps = 0;
    for (const model::Node &node : nodes)
        steps += countSteps(node);
    return steps;
}

int countSteps(const model::Stage &stage)
{
    return countSteps(stage.steps) + countSteps(stage.rollbackSteps)
        + countSteps(stage.errorHandler);
}

struct FileCounts
{
    int stages = 0;
    int steps = 0;
};

FileCounts countsOf(const model::Pipeline &pipeline)
{
    FileCounts counts;
    counts.steps = countSteps(pipeline.errorHandler);
    for (const model::StageItem &item : pipeline.stages) {
        if (const model::Stage *stage = item.stage()) {
            ++counts.stages;
            counts.steps += countSteps(*stage);
        } else {
            for (const model::Stage &member : item.parallel()->stages) {
                ++counts.stages;
                counts.steps += countSteps(member);
            }
        }
    }
    return counts;
}

// How many instances of a QML component (e.g. "StepCard") the scene holds: what a user sees.
int countItems(const QQuickItem *root, const QByteArray &component)
{
    const QByteArray className = root->metaObject()->className();
    int count = className.startsWith(QByteArray(component + "_QMLTYPE_")) ? 1 : 0;
    for (const QQuickItem *child : root->childItems())
        count += countItems(child, component);
    return count;
}

// The step delegates of the scene: (all of them, those near the view). Every step has its
// place; only those near the view are made into cards (see ViewportCuller).
std::pair<int, int> countStepPlaces(const QQuickItem *root)
{
    std::pair<int, int> counts;
    if (QByteArray(root->metaObject()->className()).startsWith("NodeDelegate_QMLTYPE_")
        && root->property("kind").toString() == QLatin1String("step")) {
        ++counts.first;
        counts.second += root->property("nearView").toBool() ? 1 : 0;
    }
    for (const QQuickItem *child : root->childItems()) {
        const auto [all, near] = countStepPlaces(child);
        counts.first += all;
        counts.second += near;
    }
    return counts;
}

QQuickItem *findItem(QQuickItem *root, const QString &objectName)
{
    if (root->objectName() == objectName && root->isVisible())
        return root;
    for (QQuickItem *child : root->childItems()) {
        if (QQuickItem *found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void showsHarnessDeploy();
    void drawsEveryExample_data();
    void drawsEveryExample();
    void opensUntitled();
    void showsProblemsOfUnreadableFile();
    void titleMarksUnsavedChanges();
    void propertyPanelFollowsSelection();
    void selectsAtStartByIdOrPath();
    void followsTheSystemColourScheme();
    void opensEveryDialogAndView();
    void menusShowShortcutsAndRecentFolders();
    void editAndZoomKeysWorkWithTheMenusClosed();
    void savingAFileWithErrorsAsksFirst();
    void dialogsAreCentredAndSizedToTheirText();
    void theBottomPanelResizesFromAnEasyHandle();
    void thePaletteFitsTheDefaultWindow();
    void aPausedCanvasMakesNoCards();
    void remembersItsSizeWhenClosedNotWhileResized();

private:
    // Loads the window, waits until it is on screen and renders one frame.
    QQuickWindow *openWindow(QQmlApplicationEngine &engine, gui::PipelineDocument &document);

    QTemporaryDir m_runStore; // the monitor's database: never the user's
    std::unique_ptr<gui::RunMonitor> m_monitor;
};

void MainWindowTest::initTestCase()
{
    previousHandler = qInstallMessageHandler(captureWarnings);
}

void MainWindowTest::init()
{
    capturedWarnings().clear();
    m_monitor = std::make_unique<gui::RunMonitor>(m_runStore.filePath(QStringLiteral("runs.sqlite")));
}

void MainWindowTest::cleanup()
{
    const QString warnings = capturedWarnings().join(u'\n');
    QVERIFY2(warnings.isEmpty(), qPrintable(QStringLiteral("warnings were logged:\n") + warnings));
}

QQuickWindow *MainWindowTest::openWindow(QQmlApplicationEngine &engine,
                                         gui::PipelineDocument &document)
{
    QQuickWindow *window = gui::loadMainWindow(engine, document, *m_monitor);
    if (!window)
        return nullptr;
    if (!QTest::qWaitForWindowExposed(window))
        return nullptr;
    // Rendering runs the layouts and loads every image: their warnings show up here.
    if (window->grabWindow().isNull())
        return nullptr;
    return window;
}

void MainWindowTest::showsHarnessDeploy()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);

    QCOMPARE(window->title(), QStringLiteral("harness-deploy.yaml — Pipewright"));
    QCOMPARE(window->size(), QSize(1400, 860));
    QCOMPARE(document.outline()->stageCount(), 4);
    QCOMPARE(countItems(window->contentItem(), "StageColumn"), 4);
    QCOMPARE(countItems(window->contentItem(), "ParallelFrame"), 2);
    QCOMPARE(countItems(window->contentItem(), "StepGroupBox"), 2);
    QCOMPARE(document.problems()->rowCount(), 0);
}

void MainWindowTest::drawsEveryExample_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(QStringLiteral(PW_EXAMPLES_DIR))
                                  .entryList({QStringLiteral("*.yaml")}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

void MainWindowTest::drawsEveryExample()
{
    QFETCH(QString, file);
    const QString path = QStringLiteral(PW_EXAMPLES_DIR "/") + file;
    const model::LoadResult expected = model::loadPipelineFile(path);
    QVERIFY(expected.pipeline);
    const FileCounts counts = countsOf(*expected.pipeline);

    gui::PipelineDocument document;
    document.load(path);
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);

    QVERIFY(window->title().startsWith(file));
    QCOMPARE(document.outline()->stageCount(), counts.stages);
    QCOMPARE(countItems(window->contentItem(), "StageColumn"), counts.stages);
    const auto [places, near] = countStepPlaces(window->contentItem());
    QCOMPARE(places, counts.steps);
    QVERIFY(near > 0);
    QCOMPARE(countItems(window->contentItem(), "StepCard"), near);
    QCOMPARE(document.problems()->rowCount(), int(expected.problems.size()));
}

void MainWindowTest::opensUntitled()
{
    gui::PipelineDocument document;
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);

    QCOMPARE(window->title(), QStringLiteral("Untitled — Pipewright"));
    QCOMPARE(countItems(window->contentItem(), "StageColumn"), 0);
    QCOMPARE(countItems(window->contentItem(), "EmptyCanvasHint"), 1);
}

void MainWindowTest::showsProblemsOfUnreadableFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("broken.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("pipeline:\n  id: broken\n  stages: [ { stage: { id: a\n");
    file.close();

    gui::PipelineDocument document;
    document.load(path);
    QVERIFY(!document.hasPipeline());
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);

    QCOMPARE(window->title(), QStringLiteral("broken.yaml — Pipewright"));
    QVERIFY(document.problems()->errorCount() > 0);
    QVERIFY(document.problems()->texts().constFirst().startsWith(QStringLiteral("broken.yaml:")));
    QCOMPARE(countItems(window->contentItem(), "StageColumn"), 0);
    // It opens in the YAML editor, its own text there to be fixed.
    QCOMPARE(window->findChild<QQuickItem *>(QStringLiteral("bottomTabs"))->property("currentIndex").toInt(), 1);
    auto *yaml = findItem(window->contentItem(), QStringLiteral("yamlText"));
    QVERIFY(yaml);
    QTRY_VERIFY(yaml->property("text").toString().contains(QStringLiteral("stages: [ { stage: { id: a")));
    QVERIFY(!yaml->property("readOnly").toBool());

    // Fixed there, the canvas appears.
    auto *view = yaml->parentItem();
    while (view && !view->property("pending").isValid())
        view = view->parentItem();
    QVERIFY(view);
    yaml->forceActiveFocus();
    yaml->setProperty("text", QStringLiteral("pipeline:\n  id: broken\n  stages: [ { stage: { id: a, steps: [ {step: {id: s, type: Echo, spec: {message: hi}}} ] } } ]\n"));
    QMetaObject::invokeMethod(view, "applyNow");
    QVERIFY(document.hasPipeline());
    QTRY_COMPARE(countItems(window->contentItem(), "StageColumn"), 1);
}

void MainWindowTest::titleMarksUnsavedChanges()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);

    QVERIFY(document.setField(QStringLiteral("pipeline.stages[0].stage"), QStringLiteral("name"),
                              QStringLiteral("Compile")));
    QCOMPARE(window->title(), QStringLiteral("harness-deploy.yaml* — Pipewright"));
    document.undo();
    QCOMPARE(window->title(), QStringLiteral("harness-deploy.yaml — Pipewright"));
    QVERIFY(!window->grabWindow().isNull());
}

// `pipewright FILE --select deploy` (an id) and `--select pipeline.stages[0].stage` (a path).
void MainWindowTest::selectsAtStartByIdOrPath()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    const QString deploy = document.outline()->pathOfNode(QStringLiteral("deploy"));
    QVERIFY(deploy.startsWith(u"pipeline.stages["));
    for (const QString &given : {QStringLiteral("deploy"), deploy}) {
        QQmlApplicationEngine engine;
        QQuickWindow *window = gui::loadMainWindow(engine, document, *m_monitor, given);
        QVERIFY(window);
        QCOMPARE(window->property("selectedPath").toString(), deploy);
    }
}

void MainWindowTest::propertyPanelFollowsSelection()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);

    auto *panel = window->findChild<QQuickItem *>(QStringLiteral("propertyPanel"));
    QVERIFY(panel);
    QCOMPARE(panel->property("kind").toString(), QStringLiteral("pipeline"));
    const QString step = QStringLiteral("pipeline.stages[1].stage.steps[1].parallel[0].step");
    QVERIFY(window->setProperty("selectedPath", step));
    QCOMPARE(panel->property("path").toString(), step);
    QCOMPARE(panel->property("kind").toString(), QStringLiteral("step"));
    // Rendering the panel of a step with every section logs no warning (checked in cleanup).
    QVERIFY(!window->grabWindow().isNull());
}

void MainWindowTest::followsTheSystemColourScheme()
{
    // Qt 6.4 has no colour-scheme hint: a dark application palette means a dark desktop.
    const QPalette original = QGuiApplication::palette();
    const auto restore = qScopeGuard([&original] { QGuiApplication::setPalette(original); });
    QPalette dark = original;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    QGuiApplication::setPalette(dark);

    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    QVERIFY2(window->color().lightness() < 100, qPrintable(window->color().name()));
    QVERIFY(!window->grabWindow().isNull());

    QGuiApplication::setPalette(original);
    QTRY_VERIFY2(window->color().lightness() > 200, qPrintable(window->color().name()));
}

// The visible item of that objectName in the scene (visual children, which delegates are).

// The texts of the buttons shown in the window, dialogs and popups included.
static void collectButtonTexts(QQuickItem *item, QStringList &texts)
{
    if (!item->isVisible())
        return;
    if (item->inherits("QQuickAbstractButton"))
        texts << item->property("text").toString();
    for (QQuickItem *child : item->childItems())
        collectButtonTexts(child, texts);
}

static QStringList visibleButtonTexts(QQuickWindow *window)
{
    QStringList texts;
    collectButtonTexts(window->contentItem(), texts); // the overlay, with the popups, is in it
    return texts;
}

// The smoke test a fresh machine needs: every tab and every dialog of the window opens and
// renders without a QML warning (a missing QML module shows here, not in a user's hands), in
// design and in a run, the run's own dialogs included.
void MainWindowTest::opensEveryDialogAndView()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    auto *tabs = window->findChild<QQuickItem *>(QStringLiteral("bottomTabs"));
    QVERIFY(tabs);
    const auto showEveryTab = [&] {
        for (int tab = 0; tab < 5; ++tab) {
            tabs->setProperty("currentIndex", tab);
            QVERIFY(!window->grabWindow().isNull());
        }
    };
    showEveryTab();
    for (const char *name : {"openDialog", "saveDialog", "unsavedDialog", "errorDialog", "recoveryDialog",
                             "inputsDialog", "confirmDeleteRun", "rehearseDialog", "saveWithErrorsDialog"}) {
        QObject *dialog = window->findChild<QObject *>(QLatin1String(name));
        QVERIFY2(dialog, name);
        QVERIFY2(QMetaObject::invokeMethod(dialog, "open"), name);
        QTRY_VERIFY2(dialog->property("visible").toBool(), name);
        QVERIFY(!window->grabWindow().isNull());
        if (QByteArray(name) == "saveDialog") // its button says what it does
            QTRY_VERIFY(visibleButtonTexts(window).contains(QStringLiteral("Save")) && !visibleButtonTexts(window).contains(QStringLiteral("Open")));
        QVERIFY2(QMetaObject::invokeMethod(dialog, dialog->metaObject()->indexOfMethod("reject()") >= 0 ? "reject" : "close"), name);
        QTRY_VERIFY2(!dialog->property("visible").toBool(), name);
    }

    // A step selected: "When this step fails" explains each error type.
    window->setProperty("selectedPath", document.outline()->pathOfNode(QStringLiteral("smoke_test")));
    QTRY_VERIFY(window->findChild<QQuickItem *>(QStringLiteral("failureHandlingSection"))->isVisible());
    QVERIFY(!window->grabWindow().isNull());

    // A right click on a step card opens its menu, with Rehearse Failure….
    const QString checkout = document.outline()->pathOfNode(QStringLiteral("checkout"));
    window->setProperty("selectedPath", checkout);
    QQuickItem *card = nullptr;
    QTRY_VERIFY((card = findItem(window->contentItem(), QStringLiteral("element:") + checkout)) && card->width() > 0);
    const QPointF center = card->mapToScene(QPointF(card->width() / 2, card->height() / 2));
    QTest::mouseClick(window, Qt::RightButton, {}, center.toPoint());
    QObject *stepMenu = window->findChild<QObject *>(QStringLiteral("stepMenu"));
    QVERIFY(stepMenu);
    QTRY_VERIFY(stepMenu->property("visible").toBool());
    QCOMPARE(stepMenu->property("stepId").toString(), QStringLiteral("checkout"));
    QVERIFY(!window->grabWindow().isNull());
    QMetaObject::invokeMethod(stepMenu, "close");
    QTRY_VERIFY(!stepMenu->property("visible").toBool());
    window->setProperty("selectedPath", QString());

    // Ctrl+F: the canvas's find bar finds a step by its command and selects it.
    QTest::keyClick(window, Qt::Key_F, Qt::ControlModifier);
    auto *findBar = findItem(window->contentItem(), QStringLiteral("findBar"));
    QVERIFY(findBar);
    QTRY_VERIFY(findBar->isVisible());
    for (const char letter : QByteArrayLiteral("checkout"))
        QTest::keyClick(window, letter);
    QTRY_COMPARE(window->property("selectedPath").toString(), checkout);
    QVERIFY(!window->grabWindow().isNull());
    QTest::keyClick(window, Qt::Key_Escape);
    QTRY_VERIFY(!findBar->isVisible());
    window->setProperty("selectedPath", QString());

    // A run: its header, the canvas statuses, an intervention dialog, every tab with data.
    QSignalSpy ended(m_monitor.get(), &gui::RunMonitor::runEnded);
    QSignalSpy attention(m_monitor.get(), &gui::RunMonitor::attentionNeeded);
    QVERIFY(m_monitor->start(&document, {}));
    // The smoke test's intervention: open for 2 s, then its deadline applies.
    QVERIFY(attention.wait(15000));
    QCOMPARE(m_monitor->waitingCount(), 1);
    QVERIFY(!window->grabWindow().isNull());
    QVERIFY(window->title().startsWith(QStringLiteral("(1 waiting)")));
    showEveryTab();
    QVERIFY(ended.wait(15000));
    m_monitor->selectNode(QStringLiteral("smoke_test"));
    showEveryTab();
    m_monitor->closeRun();
    QVERIFY(!window->grabWindow().isNull());
}

// Issue 12 (14): menus name their shortcuts; Open Recent shows each file's folder, and
// choosing one closes the whole File menu.
void MainWindowTest::menusShowShortcutsAndRecentFolders()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml")); // now a recent file
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    QObject *fileMenu = window->findChild<QObject *>(QStringLiteral("fileMenu"));
    QVERIFY(fileMenu);
    QVERIFY(QMetaObject::invokeMethod(fileMenu, "open"));
    QTRY_VERIFY(fileMenu->property("visible").toBool());
    QStringList shortcuts;
    for (QObject *label : fileMenu->findChildren<QObject *>(QStringLiteral("menuItemShortcut")))
        shortcuts << label->property("text").toString();
    for (const char *expected : {"Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Shift+S"})
        QVERIFY2(shortcuts.contains(QLatin1String(expected)), qPrintable(shortcuts.join(u' ')));

    QObject *recent = nullptr;
    for (QObject *item : window->findChildren<QObject *>(QStringLiteral("recentFile"))) {
        if (item->property("text").toString() == QLatin1String("harness-deploy.yaml"))
            recent = item;
    }
    QVERIFY(recent);
    QCOMPARE(recent->property("detail").toString(), QFileInfo(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml")).absolutePath());
    QVERIFY(QMetaObject::invokeMethod(recent, "triggered"));
    QTRY_VERIFY(!fileMenu->property("visible").toBool());
}

// The Edit and View menus' keys act with the menus closed, on the selection and the canvas on
// screen: copy, paste after the selection, delete, undo, redo, zoom in.
void MainWindowTest::editAndZoomKeysWorkWithTheMenusClosed()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    const QString checkout = document.outline()->pathOfNode(QStringLiteral("checkout"));
    const QString afterCheckout = QStringLiteral("pipeline.stages[0].stage.steps[1]");
    QCOMPARE(document.properties(afterCheckout + QStringLiteral(".parallel")).toMap().value(QStringLiteral("kind")).toString(),
             QStringLiteral("parallel"));
    window->setProperty("selectedPath", checkout);

    QTest::keyClick(window, Qt::Key_C, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_V, Qt::ControlModifier);
    // The copy lands right after the selected step, under a new id, and is selected.
    QCOMPARE(window->property("selectedPath").toString(), afterCheckout + QStringLiteral(".step"));
    const QVariantMap pasted = document.properties(afterCheckout + QStringLiteral(".step")).toMap();
    QCOMPARE(pasted.value(QStringLiteral("type")).toString(), QStringLiteral("Echo"));
    QVERIFY(pasted.value(QStringLiteral("id")).toString() != QLatin1String("checkout"));

    QTest::keyClick(window, Qt::Key_Delete);
    QCOMPARE(window->property("selectedPath").toString(), QString());
    QVERIFY(document.properties(afterCheckout + QStringLiteral(".step")).toMap().isEmpty());

    QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(document.properties(afterCheckout + QStringLiteral(".step")).toMap().value(QStringLiteral("id")),
             pasted.value(QStringLiteral("id")));
    QTest::keyClick(window, Qt::Key_Y, Qt::ControlModifier);
    QVERIFY(document.properties(afterCheckout + QStringLiteral(".step")).toMap().isEmpty());

    QObject *canvas = window->findChild<QObject *>(QStringLiteral("designCanvas"));
    QVERIFY(canvas);
    const qreal zoom = canvas->property("zoom").toReal();
    QTest::keyClick(window, Qt::Key_Equal, Qt::ControlModifier);
    QTRY_VERIFY(canvas->property("zoom").toReal() > zoom);
}

// Issue 12 (11): Save on a document with errors asks "Save Anyway / Cancel"; Cancel leaves
// the file as it was, Save Anyway writes it.
void MainWindowTest::savingAFileWithErrorsAsksFirst()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.yaml"));
    const QByteArray original = "pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n"
                                "          - step: {id: a, type: Echo, spec: {message: hi}}\n";
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(original) == original.size());
    }
    gui::PipelineDocument document;
    document.load(path);
    QVERIFY(document.hasPipeline());
    const QString step = document.outline()->pathOfNode(QStringLiteral("a"));
    QVERIFY(document.setField(step, QStringLiteral("timeout"), QStringLiteral("0s"))); // an error: timeouts are > 0
    QTRY_VERIFY(document.problems()->errorCount() > 0);
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    QObject *dialog = window->findChild<QObject *>(QStringLiteral("saveWithErrorsDialog"));
    QVERIFY(dialog);
    const auto readFile = [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };

    QTest::keyClick(window, Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(dialog->property("visible").toBool());
    QVERIFY(QMetaObject::invokeMethod(dialog, "reject"));
    QTRY_VERIFY(!dialog->property("visible").toBool());
    QCOMPARE(readFile(), original);
    QVERIFY(document.isDirty());

    QTest::keyClick(window, Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(dialog->property("visible").toBool());
    QQuickItem *button = findItem(window->contentItem(), QStringLiteral("saveAnyway"));
    QVERIFY(button);
    const QPointF center = button->mapToScene(QPointF(button->width() / 2, button->height() / 2));
    QTest::mouseClick(window, Qt::LeftButton, {}, center.toPoint());
    QTRY_VERIFY(!dialog->property("visible").toBool());
    QTRY_VERIFY(readFile().contains("timeout: 0s"));
    QVERIFY(!document.isDirty());
}

// Issue 12 (15): a dialog with a long message sits in the middle of the window, its text
// wrapped at a readable width, without a binding loop (the test fails on any warning).
void MainWindowTest::dialogsAreCentredAndSizedToTheirText()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    QObject *dialog = window->findChild<QObject *>(QStringLiteral("errorDialog"));
    QVERIFY(dialog);
    for (const QString &message : {QStringLiteral("Short."),
                                   QStringLiteral("A long message that needs more than one line to be read, "
                                                  "because it explains what went wrong and what to do about it, "
                                                  "naming the file /a/rather/long/path/to/a/pipeline.yaml.")}) {
        dialog->setProperty("message", message);
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY(dialog->property("opened").toBool());
        const qreal x = dialog->property("x").toReal();
        const qreal width = dialog->property("width").toReal();
        const qreal y = dialog->property("y").toReal();
        const qreal height = dialog->property("height").toReal();
        QVERIFY2(qAbs(x + width / 2 - window->width() / 2.0) <= 2, qPrintable(QStringLiteral("x %1 width %2").arg(x).arg(width)));
        QVERIFY(qAbs(y + height / 2 - window->height() / 2.0) <= 2);
        QVERIFY2(width < 560, qPrintable(QString::number(width))); // wrapped, not one endless line
        QVERIFY(width > 80);
        QVERIFY(QMetaObject::invokeMethod(dialog, "close"));
        QTRY_VERIFY(!dialog->property("visible").toBool());
    }
}

// Issue 12 (13): the handle above the bottom panel is easy to grab (a press 2 px off the line
// still takes it, 5 px above the panel) and dragging it up gives the panel that much more room.
void MainWindowTest::theBottomPanelResizesFromAnEasyHandle()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    auto *tabs = findItem(window->contentItem(), QStringLiteral("bottomTabs"));
    QVERIFY(tabs);
    const qreal before = tabs->height();
    const QPointF top = tabs->mapToScene(QPointF(tabs->width() / 2, 0));
    // Between the canvas and the panel: the handle sits just above the panel's top.
    const QPoint press(int(top.x()), int(top.y()) - 5); // 5 px above the panel: off a 2 px handle
    QTest::mousePress(window, Qt::LeftButton, {}, press);
    for (int step = 1; step <= 8; ++step)
        QTest::mouseMove(window, press - QPoint(0, 10 * step));
    QTest::mouseRelease(window, Qt::LeftButton, {}, press - QPoint(0, 80));
    QTRY_VERIFY2(qAbs(tabs->height() - (before + 80)) <= 3,
                 qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(tabs->height())));
}

// Issue 12 (17): at the default 1400x860 the whole palette, its hint included, is in view.
void MainWindowTest::thePaletteFitsTheDefaultWindow()
{
    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    QCOMPARE(window->size(), QSize(1400, 860));
    auto *palette = findItem(window->contentItem(), QStringLiteral("paletteFlick"));
    QVERIFY(palette);
    QTRY_VERIFY(palette->property("contentHeight").toReal() > 0);
    QVERIFY2(palette->property("contentHeight").toReal() <= palette->height(),
             qPrintable(QStringLiteral("%1 of content in %2").arg(palette->property("contentHeight").toReal()).arg(palette->height())));
}

// The design's canvas while a run is shown is paused: the view grows when the palette goes,
// and cards made then would be made for nobody to see; they come once it shows again.
void MainWindowTest::aPausedCanvasMakesNoCards()
{
    QByteArray yaml = "pipeline:\n  id: wide\n  stages:\n";
    for (int stage = 0; stage < 12; ++stage) {
        yaml += "    - stage:\n        id: s" + QByteArray::number(stage) + "\n        steps:\n";
        for (int step = 0; step < 6; ++step)
            yaml += "          - step: {id: e" + QByteArray::number(stage * 10 + step) + ", type: Echo, spec: {message: hi}}\n";
    }
    const QString path = m_runStore.filePath(QStringLiteral("wide.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(yaml) == yaml.size());
    file.close();
    gui::PipelineDocument document;
    document.load(path);
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    auto *culler = findItem(window->contentItem(), QStringLiteral("viewportCuller"));
    QVERIFY(culler);
    QTRY_VERIFY(culler->property("placed").toBool());
    const int nearBefore = countStepPlaces(window->contentItem()).second;
    QVERIFY(nearBefore > 0);
    QVERIFY(nearBefore < 72); // the test needs cards beyond the view
    culler->setProperty("paused", true);
    window->resize(3600, window->height());
    QTest::qWait(200);
    QCOMPARE(countStepPlaces(window->contentItem()).second, nearBefore);
    culler->setProperty("paused", false);
    QTRY_VERIFY(countStepPlaces(window->contentItem()).second > nearBefore);
}

// The window's size comes back in the next window. It is saved when the window closes, not as
// it is resized: every save is an fsync on the GUI thread, 0.6 s on a slow disk.
void MainWindowTest::remembersItsSizeWhenClosedNotWhileResized()
{
    const QString settingsFile = QSettings().fileName();
    const auto savedText = [&] {
        QFile file(settingsFile);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    };
    {
        gui::PipelineDocument document;
        document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
        QQmlApplicationEngine engine;
        QQuickWindow *window = openWindow(engine, document);
        QVERIFY(window);
        window->resize(1111, 777);
        QTRY_COMPARE(window->width(), 1111);
        QTest::qWait(800); // Qt.labs.settings would have saved a bound size after 500 ms
        QVERIFY(!savedText().contains(QStringLiteral("width=1111")));
        window->close();
    }
    QTRY_VERIFY(savedText().contains(QStringLiteral("width=1111")));

    gui::PipelineDocument document;
    document.load(QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"));
    QQmlApplicationEngine engine;
    QQuickWindow *window = openWindow(engine, document);
    QVERIFY(window);
    QCOMPARE(window->size(), QSize(1111, 777));
}

int main(int argc, char **argv)
{
    // Without a runtime directory (containers, CI) Qt warns once; that is not the window's fault.
    QTemporaryDir runtimeDir;
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtimeDir.path()));
    // Remembered window geometry, recent files and autosaves stay out of the user's files.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(runtimeDir.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(runtimeDir.filePath(QStringLiteral("data"))));
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    pw::gui::useDesignerStyle();
    QGuiApplication application(argc, argv);
    // The window remembers its geometry with Qt.labs.settings, which needs these.
    QCoreApplication::setOrganizationName(QStringLiteral("PipewrightTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
    MainWindowTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_main_window.moc"
