// Runs the Qt Quick Test suites of the designer's panels (qml/tst_panels_*.qml) against real
// documents: the QML asks the registered PanelFixture singleton for an example, loaded fresh.

#include "app/gui/MainWindow.h"
#include "app/gui/PipelineDocument.h"
#include "model/PipelineFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQuickTest>

#include <memory>
#include <vector>

namespace {

class PanelFixture : public QObject
{
    Q_OBJECT

public:
    // A new document of `example` (a file name under PW_EXAMPLES_DIR). The fixture owns it
    // until release(); each test function starts from a clean file this way.
    Q_INVOKABLE pw::gui::PipelineDocument *load(const QString &example)
    {
        auto *document = new pw::gui::PipelineDocument(this);
        document->load(QDir(QStringLiteral(PW_EXAMPLES_DIR)).filePath(example));
        return document;
    }

    Q_INVOKABLE void release()
    {
        const QList<pw::gui::PipelineDocument *> documents
            = findChildren<pw::gui::PipelineDocument *>(Qt::FindDirectChildrenOnly);
        for (pw::gui::PipelineDocument *document : documents)
            document->deleteLater();
    }

    // A path for `name` in a directory that lives as long as the runner.
    Q_INVOKABLE QString tempPath(const QString &name) const { return m_files.filePath(name); }

    // Loads and validates a saved file as `pipewright validate` would: the problems' texts
    // (errors and warnings), or why it is not a pipeline at all; empty when it is clean.
    Q_INVOKABLE QStringList validateFile(const QString &path) const
    {
        const pw::model::LoadResult result = pw::model::loadPipelineFile(path);
        QStringList texts;
        if (!result.pipeline)
            texts << QStringLiteral("%1 is not a pipeline").arg(path);
        for (const pw::model::Problem &problem : result.problems)
            texts << problem.message;
        return texts;
    }

private:
    QTemporaryDir m_files;
};

class Setup : public QObject
{
    Q_OBJECT

public:
    Setup()
    {
        // Settings (window geometry, recent files) and autosaves go to a throwaway place.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_home.path()));
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }

public slots:
    void applicationAvailable()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("PipewrightTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_quick_panels"));
        pw::gui::useDesignerStyle();
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // Qt 6.4 does not search the module's resource prefix by default (6.5 does).
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        qmlRegisterSingletonInstance("PipewrightTest", 1, 0, "Fixture", &m_fixture);
    }

private:
    QTemporaryDir m_home;
    PanelFixture m_fixture;
};

} // namespace

QUICK_TEST_MAIN_WITH_SETUP(tst_quick_panels, Setup)

#include "tst_quick_panels.moc"
