#include "DocumentFixture.h"

#include "app/gui/AutosaveStore.h"
#include "app/gui/RecentFiles.h"
#include "app/gui/SettingsStore.h"

#include "model/PipelineFile.h"

#include <QDir>
#include <QSignalSpy>
#include <QUrl>

using namespace pw;
using fixture::DemoDocument;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// The YAML and JSON of every slot (not the locks of open documents).
QStringList autosaveFiles()
{
    return QDir(gui::AutosaveStore::directory())
        .entryList({s("*.yaml"), s("*.json")}, QDir::Files);
}

const QString kCompile = s("pipeline.stages[0].stage.steps[0].step");

} // namespace

class DocumentFilesTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(s("PipewrightTests"));
        QCoreApplication::setApplicationName(s("tst_document_files"));
    }

    void init()
    {
        QDir(gui::AutosaveStore::directory()).removeRecursively();
        gui::SettingsStore::instance().remove(s("designer/recentFiles"));
    }

    void newDocument()
    {
        DemoDocument document;
        QSignalSpy loaded(document.document.get(), &gui::PipelineDocument::loaded);
        QVERIFY(document->remove(kCompile));
        document->newDocument();
        QCOMPARE(loaded.count(), 1);
        QVERIFY(document->hasPipeline());
        QCOMPARE(document->pipelineId(), s("new_pipeline"));
        QVERIFY(document.pipeline().stages.empty());
        QVERIFY(document->isUntitled());
        QCOMPARE(document->displayName(), s("Untitled"));
        QVERIFY(!document->isDirty());
        QVERIFY(!document->canUndo());
        // Only the pipeline's (empty) error handler lane: no stages yet.
        QCOMPARE(document->outline()->rowCount(), 1);
        QCOMPARE(document->outline()->stageCount(), 0);
        // The validator asks for a stage; the first drop adds one.
        QVERIFY(document->problems()->errorCount() > 0);
        QCOMPARE(document->insertNew(s("Stage"), s("pipeline.stages"), 0),
                 s("pipeline.stages[0].stage"));
        QVERIFY(document->isDirty());
    }

    void saveNeedsAName()
    {
        DemoDocument document;
        document->newDocument();
        QVERIFY(!document->save());
        QVERIFY(document->lastError().contains(s("Save As")));
    }

    void saveAsAndOpenRoundTrip()
    {
        DemoDocument document;
        document->newDocument();
        const QString stage = document->insertNew(s("Stage"), s("pipeline.stages"), 0);
        QVERIFY(document->insertNew(s("Shell"), stage + s(".steps"), 0) != QString());
        QVERIFY(document->setField(stage + s(".steps[0].step"), s("spec.command"), s("make")));
        QVERIFY(document->isDirty());

        QSignalSpy dirty(document.document.get(), &gui::PipelineDocument::dirtyChanged);
        QSignalSpy file(document.document.get(), &gui::PipelineDocument::fileChanged);
        const QString path = document.dir.filePath(s("saved.yaml"));
        QVERIFY(document->saveAs(QUrl::fromLocalFile(path).toString()));
        QCOMPARE(document->filePath(), path);
        QCOMPARE(document->fileName(), s("saved.yaml"));
        QCOMPARE(document->displayName(), s("saved.yaml"));
        QVERIFY(!document->isUntitled());
        QVERIFY(!document->isDirty());
        QCOMPARE(dirty.count(), 1);
        QCOMPARE(file.count(), 1);
        QCOMPARE(document->recentFiles().value(0), QFileInfo(path).absoluteFilePath());

        const model::LoadResult saved = model::loadPipelineFile(path);
        QVERIFY(saved.pipeline);
        QVERIFY(*saved.pipeline == document.pipeline());
        QCOMPARE(document->yamlText().toUtf8(), model::writePipeline(document.pipeline()));

        // Undo past the save point is dirty again; a second save is clean.
        document->undo();
        QVERIFY(document->isDirty());
        document->redo();
        QVERIFY(!document->isDirty());
        QVERIFY(document->setField(s("pipeline"), s("name"), s("Saved")));
        QVERIFY(document->save());
        QVERIFY(!document->isDirty());

        gui::PipelineDocument reopened;
        QVERIFY(reopened.open(path));
        QVERIFY(*reopened.pipeline() == document.pipeline());
        QCOMPARE(reopened.pipelineName(), s("Saved"));
        QVERIFY(!reopened.isDirty());
    }

    void openRefusals()
    {
        DemoDocument document;
        const model::Pipeline before = document.pipeline();
        QVERIFY(!document->open(document.dir.filePath(s("missing.yaml"))));
        QVERIFY(document->lastError().contains(s("does not exist")));
        QVERIFY(document.pipeline() == before);

        const QString broken = document.dir.filePath(s("broken.yaml"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("pipeline: [not, a, map\n");
        file.close();
        QVERIFY(!document->open(broken));
        QVERIFY(!document->hasPipeline());
        QVERIFY(document->problems()->errorCount() > 0);
        QVERIFY(document->insertNew(s("Stage"), s("pipeline.stages"), 0).isEmpty());
        QVERIFY(document->lastError().contains(s("no pipeline")));
    }

    void recentFiles()
    {
        QTemporaryDir dir;
        for (int i = 0; i < 12; ++i)
            gui::addRecentFile(dir.filePath(QStringLiteral("f%1.yaml").arg(i)));
        QStringList files = gui::readRecentFiles();
        QCOMPARE(files.size(), gui::kMaxRecentFiles);
        QCOMPARE(QFileInfo(files.first()).fileName(), s("f11.yaml"));
        gui::addRecentFile(dir.filePath(s("f5.yaml")));
        files = gui::readRecentFiles();
        QCOMPARE(QFileInfo(files.first()).fileName(), s("f5.yaml"));
        QCOMPARE(files.count(files.first()), 1);
        QCOMPARE(files.size(), gui::kMaxRecentFiles);

        DemoDocument document; // loading a file puts it first
        QCOMPARE(document->recentFiles().first(),
                 QFileInfo(document.filePath()).absoluteFilePath());
    }

    void autosaveAndRecovery()
    {
        QString originalPath;
        model::Pipeline edited;
        {
            DemoDocument document;
            originalPath = document.filePath();
            QVERIFY(document->autosaveNow()); // clean: nothing to write
            QVERIFY(autosaveFiles().isEmpty());
            QVERIFY(document->setField(kCompile, s("spec.command"), s("make everything")));
            QVERIFY(document->autosaveNow());
            QCOMPARE(autosaveFiles().size(), 2); // the YAML and the note of where it belongs
            edited = document.pipeline();
            document.document.reset(); // dirty: as if the session crashed
            QCOMPARE(autosaveFiles().size(), 2);
        }
        gui::PipelineDocument document;
        QVERIFY(document.recoveryAvailable());
        QVERIFY2(document.recoveryDescription().contains(s("demo.yaml")),
                 qPrintable(document.recoveryDescription()));
        QVERIFY(document.restoreRecovery());
        QVERIFY(*document.pipeline() == edited);
        QCOMPARE(document.filePath(), originalPath);
        QVERIFY(document.isDirty());
        QVERIFY(!document.recoveryAvailable());
        QCOMPARE(autosaveFiles().size(), 2); // now this document's own

        document.closeCleanly();
        QVERIFY(autosaveFiles().isEmpty());
    }

    void openWindowsAutosaveIsNotOffered()
    {
        // Another window (here: another document of this process) autosaves while it is
        // open: a window opened meanwhile must not offer to recover it.
        auto open = std::make_unique<DemoDocument>();
        QVERIFY((*open)->setField(kCompile, s("spec.command"), s("make everything")));
        QVERIFY((*open)->autosaveNow());
        QCOMPARE(autosaveFiles().size(), 2);
        {
            gui::PipelineDocument meanwhile;
            QVERIFY(!meanwhile.recoveryAvailable());
        }
        // Once that window is gone without closing cleanly (a crash), its work is offered.
        open->document.reset();
        gui::PipelineDocument next;
        QVERIFY(next.recoveryAvailable());
        next.discardRecovery();
        QVERIFY(autosaveFiles().isEmpty());
        QVERIFY(QDir(gui::AutosaveStore::directory()).entryList(QDir::Files).isEmpty());
    }

    void problemsAfterAnEditGetTheirLines()
    {
        DemoDocument document;
        QVERIFY(document->setField(kCompile, s("retry"),
                                   QVariantMap{{s("type"), s("constant")}, {s("maxAttempts"), 0},
                                               {s("interval"), s("1s")}}));
        QCOMPARE(document->currentProblems().size(), 1);
        QVERIFY(!document->currentProblems().first().location.isValid()); // at once: a path
        QSignalSpy reset(document->problems(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(document->problems(), &QAbstractItemModel::dataChanged);
        QTRY_VERIFY(document->currentProblems().first().location.isValid());
        // The line of maxAttempts in the text Save writes (and the YAML tab shows), in the list.
        const int line = document->currentProblems().first().location.line;
        const QStringList lines = document->yamlText().split(u'\n');
        QVERIFY2(lines.value(line - 1).contains(s("maxAttempts")), qPrintable(lines.value(line - 1)));
        QVERIFY2(document->problems()->texts().first().contains(s(":%1:").arg(line)),
                 qPrintable(document->problems()->texts().first()));
        // In place: the problems panel keeps its rows (and scroll).
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
    }

    void untitledAutosaveAndDiscard()
    {
        {
            gui::PipelineDocument document;
            document.newDocument();
            QVERIFY(document.insertNew(s("Stage"), s("pipeline.stages"), 0) != QString());
            QVERIFY(document.autosaveNow());
            QVERIFY(!autosaveFiles().isEmpty());
        } // dirty: left behind
        gui::PipelineDocument document;
        QVERIFY(document.recoveryAvailable());
        QVERIFY(document.recoveryDescription().contains(s("untitled")));
        QSignalSpy recovery(&document, &gui::PipelineDocument::recoveryChanged);
        document.discardRecovery();
        QCOMPARE(recovery.count(), 1);
        QVERIFY(!document.recoveryAvailable());
        QVERIFY(autosaveFiles().isEmpty());
    }

    void cleanCloseAndSaveRemoveAutosave()
    {
        {
            DemoDocument document;
            QVERIFY(document->remove(kCompile));
            QVERIFY(document->autosaveNow());
            QVERIFY(!autosaveFiles().isEmpty());
            document->undo(); // back to the file: a clean close
        }
        QVERIFY(autosaveFiles().isEmpty());
        DemoDocument document;
        QVERIFY(document->remove(kCompile));
        QVERIFY(document->autosaveNow());
        QVERIFY(document->save());
        QVERIFY(autosaveFiles().isEmpty());
        QVERIFY(!document->recoveryAvailable());
    }

    void timerAutosavesWhileDirty()
    {
        DemoDocument document;
        QVERIFY(document->remove(kCompile));
        QTRY_VERIFY_WITH_TIMEOUT(!autosaveFiles().isEmpty(), 8000);
        document->closeCleanly();
    }
};

QTEST_MAIN(DocumentFilesTest)
#include "tst_document_files.moc"
