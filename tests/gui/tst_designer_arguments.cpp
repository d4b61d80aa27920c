#include "app/gui/DesignerArguments.h"

#include <QTest>

using pw::gui::DesignerArguments;
using pw::gui::parseDesignerArguments;

class DesignerArgumentsTest : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void zoom_data();
    void zoom();
};

void DesignerArgumentsTest::parses_data()
{
    const QString example = QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode"); // -1: the designer opens
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("screenshot");
    QTest::addColumn<QString>("message");

    QTest::newRow("untitled") << QStringList{} << -1 << QString() << QString() << QString();
    QTest::newRow("file") << QStringList{example} << -1 << example << QString() << QString();
    QTest::newRow("screenshot")
        << QStringList{example, QStringLiteral("--screenshot"), QStringLiteral("/tmp/a.png")}
        << -1 << example << QStringLiteral("/tmp/a.png") << QString();
    QTest::newRow("screenshot first")
        << QStringList{QStringLiteral("--screenshot=/tmp/a.png"), example}
        << -1 << example << QStringLiteral("/tmp/a.png") << QString();
    QTest::newRow("missing file")
        << QStringList{QStringLiteral("/nonexistent/x.yaml")} << 2 << QString() << QString()
        << QStringLiteral("no such file");
    QTest::newRow("directory") << QStringList{QStringLiteral(PW_EXAMPLES_DIR)} << 2 << QString()
                               << QString() << QStringLiteral("is a directory");
    QTest::newRow("two files") << QStringList{example, example} << 2 << QString() << QString()
                               << QStringLiteral("one file at a time");
    QTest::newRow("screenshot without a path")
        << QStringList{example, QStringLiteral("--screenshot")} << 2 << QString() << QString()
        << QStringLiteral("screenshot");
    QTest::newRow("select")
        << QStringList{example, QStringLiteral("--select"),
                       QStringLiteral("pipeline.stages[0].stage.steps[1].step")}
        << -1 << example << QString() << QString();
    QTest::newRow("select by id")
        << QStringList{example, QStringLiteral("--select"), QStringLiteral("deploy")} << -1
        << example << QString() << QString();
    QTest::newRow("select nothing")
        << QStringList{example, QStringLiteral("--select"), QStringLiteral(" ")} << 2
        << QString() << QString() << QStringLiteral("an id or an element path");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << 2
                                    << QString() << QString() << QStringLiteral("frobnicate");
    QTest::newRow("help") << QStringList{example, QStringLiteral("--help")} << 0 << QString()
                          << QString() << QStringLiteral("--screenshot");
}

void DesignerArgumentsTest::parses()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, file);
    QFETCH(QString, screenshot);
    QFETCH(QString, message);

    const DesignerArguments parsed =
        parseDesignerArguments(QStringList{QStringLiteral("pipewright")} + arguments);
    QCOMPARE(parsed.exitCode.value_or(-1), exitCode);
    QVERIFY2(parsed.message.contains(message), qPrintable(parsed.message));
    if (!parsed.exitCode) {
        QCOMPARE(parsed.file, file);
        QCOMPARE(parsed.screenshotPath, screenshot);
        const qsizetype select = arguments.indexOf(QStringLiteral("--select"));
        QCOMPARE(parsed.selection, select < 0 ? QString() : arguments.at(select + 1));
    }
}

void DesignerArgumentsTest::zoom_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<double>("zoom"); // -1: refused
    QTest::newRow("percent") << QStringLiteral("25%") << 0.25;
    QTest::newRow("number") << QStringLiteral("150") << 1.5;
    QTest::newRow("fit") << QStringLiteral("fit") << 0.0;
    QTest::newRow("too small") << QStringLiteral("5%") << -1.0;
    QTest::newRow("too large") << QStringLiteral("250") << -1.0;
    QTest::newRow("not a number") << QStringLiteral("wide") << -1.0;
}

void DesignerArgumentsTest::zoom()
{
    QFETCH(QString, given);
    QFETCH(double, zoom);
    const DesignerArguments parsed = parseDesignerArguments(
        {QStringLiteral("pipewright"), QStringLiteral(PW_EXAMPLES_DIR "/harness-deploy.yaml"), QStringLiteral("--zoom"), given});
    if (zoom < 0) {
        QCOMPARE(parsed.exitCode.value_or(-1), 2);
        QVERIFY2(parsed.message.contains(QStringLiteral("--zoom: expected a percentage from 10 to 200 or 'fit'")),
                 qPrintable(parsed.message));
        return;
    }
    QVERIFY2(!parsed.exitCode, qPrintable(parsed.message));
    QVERIFY(parsed.zoom.has_value());
    QCOMPARE(*parsed.zoom, zoom);
}

QTEST_GUILESS_MAIN(DesignerArgumentsTest)
#include "tst_designer_arguments.moc"
