#pragma once

// What the Qt Quick Test runners (tst_quick_canvas, tst_quick_panels) give their QML: the
// `Fixture` singleton (import PipewrightTest) with real PipelineDocuments, and the setup that
// keeps settings and autosaves in a throwaway place. One copy for both runners.

#include "app/gui/MainWindow.h"
#include "app/gui/PipelineDocument.h"
#include "app/gui/monitor/RunMonitor.h"
#include "model/PipelineFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QPalette>
#include <QQmlEngine>
#include <QTemporaryDir>

#include <utility>

namespace quickfixture {

// Warnings (QML ones included) logged since the fixture last handed them out.
inline QStringList &loggedWarnings()
{
    static QStringList warnings;
    return warnings;
}

inline QtMessageHandler previousHandler = nullptr;

inline void recordWarnings(QtMsgType type, const QMessageLogContext &context,
                           const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg)
        loggedWarnings() << message;
    if (previousHandler)
        previousHandler(type, context, message);
}

class Fixture : public QObject
{
    Q_OBJECT

public:
    // A new document of `example` (a file name under PW_EXAMPLES_DIR, or an absolute path),
    // owned by the fixture until release(): each test function starts from a clean file.
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
        if (m_monitor)
            m_monitor->closeRun();
        for (pw::gui::PipelineDocument *document : documents)
            document->deleteLater();
    }

    // The window's run monitor, on a run store in this runner's temporary directory; made on
    // first use and kept (runs of one test function may be looked at by the next).
    Q_INVOKABLE pw::gui::RunMonitor *monitor()
    {
        if (!m_monitor)
            m_monitor = new pw::gui::RunMonitor(tempPath(QStringLiteral("runs.sqlite")), this);
        return m_monitor;
    }

    // A path for `name` in a directory that lives as long as the runner.
    Q_INVOKABLE QString tempPath(const QString &name) const { return m_files.filePath(name); }

    // Writes `text` to `name` in the temporary directory; its path.
    Q_INVOKABLE QString writeFile(const QString &name, const QString &text)
    {
        const QString path = tempPath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0)
            return {};
        return path;
    }

    // The decisions stored for `runId`'s requests, "step:decision:who" each (the run store).
    Q_INVOKABLE QStringList storedDecisions(const QString &runId)
    {
        pw::engine::RunHistory history;
        if (history.open(monitor()->databasePath()))
            return {};
        const auto run = history.run(runId);
        QStringList decisions;
        if (run) {
            for (const pw::engine::InterventionRecord &record : run->requests)
                decisions << record.request.step + u':' + record.decision + u':' + record.who;
        }
        return decisions;
    }

    // Writes a pipeline of `stages` stages holding `steps` Shell steps in all; returns its path.
    Q_INVOKABLE QString writeLargePipeline(int steps, int stages)
    {
        QString yaml = QStringLiteral("pipeline:\n  id: large\n  stages:\n");
        int written = 0;
        for (int s = 0; s < stages; ++s) {
            yaml += QStringLiteral("    - stage:\n        id: stage_%1\n        steps:\n").arg(s);
            const int here = (steps - written) / (stages - s);
            for (int i = 0; i < here; ++i, ++written) {
                yaml += QStringLiteral("          - step:\n              id: step_%1\n"
                                       "              type: Shell\n"
                                       "              spec:\n                command: echo %1\n")
                            .arg(written);
            }
        }
        const QString path = tempPath(QStringLiteral("large-%1.yaml").arg(steps));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(yaml.toUtf8()) < 0)
            return {};
        return path;
    }

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

    Q_INVOKABLE QStringList takeWarnings() { return std::exchange(loggedWarnings(), {}); }

    // The desktop's palette turned dark (or back to the default), as a user's theme would.
    Q_INVOKABLE void useDarkPalette(bool dark)
    {
        QPalette palette;
        if (dark) {
            const QColor text(0xe6, 0xe9, 0xef);
            palette.setColor(QPalette::Window, QColor(0x20, 0x23, 0x2a));
            palette.setColor(QPalette::Base, QColor(0x18, 0x1b, 0x20));
            palette.setColor(QPalette::Button, QColor(0x2a, 0x2e, 0x36));
            for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
                palette.setColor(role, text);
        }
        QGuiApplication::setPalette(palette);
    }

    Q_INVOKABLE void startTimer() { m_timer.start(); }
    Q_INVOKABLE double elapsedMs() const { return double(m_timer.nsecsElapsed()) / 1e6; }

private:
    QTemporaryDir m_files;
    QElapsedTimer m_timer;
    pw::gui::RunMonitor *m_monitor = nullptr;
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
        // The application name stays the runner's executable name.
        QCoreApplication::setOrganizationName(QStringLiteral("PipewrightTests"));
        previousHandler = qInstallMessageHandler(recordWarnings);
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
    Fixture m_fixture;
};

} // namespace quickfixture
