// `pipewright` keeps the designer in a module it loads only to open a window
// (app/DesignerLoader.h): the sub-commands must not load the GUI libraries, the designer must
// still open from the program, and a missing module must be said plainly.
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kTimeoutMs = 60000;

struct Finished
{
    bool ranToEnd = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QByteArray describe() const
    {
        return "exit code " + QByteArray::number(exitCode) + (ranToEnd ? "" : " (did not end)")
            + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
};

Finished runProgram(const QString &program, const QStringList &arguments,
                    const QHash<QString, QString> &extraEnvironment = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    for (auto it = extraEnvironment.cbegin(); it != extraEnvironment.cend(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Finished result;
    if (!process.waitForStarted(kTimeoutMs))
        return result;
    if (!process.waitForFinished(kTimeoutMs)) {
        process.kill();
        process.waitForFinished(kTimeoutMs);
    }
    result.ranToEnd = process.exitStatus() == QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString binary()
{
    return QStringLiteral(PW_BINARY);
}

QString example()
{
    return QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml");
}

} // namespace

class DesignerModuleTest : public QObject
{
    Q_OBJECT

private slots:
    void designerOpensFromTheProgram()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("window.png"));
        const Finished run = runProgram(binary(), {example(), QStringLiteral("--screenshot"), png});
        QVERIFY2(run.ranToEnd && run.exitCode == 0, run.describe().constData());
        const QImage image(png);
        QVERIFY2(!image.isNull(), "no PNG was written");
        QVERIFY(image.width() >= 640 && image.height() >= 400);
        // A drawn window, not an empty surface: the canvas, panels and text give many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 20, qPrintable(QStringLiteral("%1 colours").arg(colours.size())));
    }

    void subCommandsDoNotLoadTheGuiLibraries()
    {
        // The dynamic loader lists what the program needs and exits without running it.
        const Finished run = runProgram(binary(), {QStringLiteral("--version")},
                                        {{QStringLiteral("LD_TRACE_LOADED_OBJECTS"), QStringLiteral("1")}});
        QVERIFY2(run.ranToEnd && run.exitCode == 0, run.describe().constData());
        QVERIFY2(run.out.contains("libQt6Core"), run.out.constData()); // the list is the real one
        QVERIFY2(!run.out.contains("libQt6Gui"), run.out.constData());
        QVERIFY2(!run.out.contains("libQt6Quick"), run.out.constData());
    }

    void missingModuleIsSaidPlainly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("pipewright"));
        QVERIFY(QFile::copy(binary(), copy));
        QVERIFY(QFile::setPermissions(copy, QFile::permissions(binary())));

        const Finished designer = runProgram(copy, {example()});
        QVERIFY2(designer.ranToEnd, designer.describe().constData());
        QCOMPARE(designer.exitCode, 5);
        QVERIFY2(designer.err.contains("the designer is not installed"), designer.err.constData());
        QVERIFY2(designer.err.contains("pipewright-designer.so"), designer.err.constData());

        // Everything headless works without it.
        const Finished validate = runProgram(copy, {QStringLiteral("validate"), example()});
        QVERIFY2(validate.ranToEnd && validate.exitCode == 0, validate.describe().constData());
    }
};

QTEST_GUILESS_MAIN(DesignerModuleTest)
#include "tst_designer_module.moc"
