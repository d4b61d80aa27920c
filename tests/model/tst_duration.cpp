#include "model/Duration.h"

#include <QTest>

using pw::model::Duration;

class TestDuration : public QObject
{
    Q_OBJECT

private slots:
    void parsesBothForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("milliseconds");
        QTest::addColumn<QString>("canonical");

        QTest::newRow("compact ms") << "250ms" << qint64(250) << "250ms";
        QTest::newRow("compact s") << "2s" << qint64(2000) << "2s";
        QTest::newRow("compact m s") << "1m30s" << qint64(90000) << "1m30s";
        QTest::newRow("fraction h") << "3.5h" << qint64(12600000) << "3h30m";
        QTest::newRow("day") << "1d" << qint64(86400000) << "1d";
        QTest::newRow("week") << "1w" << qint64(604800000) << "1w";
        QTest::newRow("mixed units") << "1h1ms" << qint64(3600001) << "1h1ms";
        QTest::newRow("zero") << "0s" << qint64(0) << "0s";
        QTest::newRow("iso fraction s") << "PT0.250S" << qint64(250) << "250ms";
        QTest::newRow("iso s") << "PT2S" << qint64(2000) << "2s";
        QTest::newRow("iso m") << "PT1M" << qint64(60000) << "1m";
        QTest::newRow("iso fraction h") << "PT3.5H" << qint64(12600000) << "3h30m";
        QTest::newRow("iso day") << "P1D" << qint64(86400000) << "1d";
        QTest::newRow("iso day and time") << "P1DT2H" << qint64(93600000) << "1d2h";
        QTest::newRow("iso week") << "P2W" << qint64(1209600000) << "2w";
        QTest::newRow("iso lower case") << "pt1m30s" << qint64(90000) << "1m30s";
        QTest::newRow("surrounding spaces") << " 5s " << qint64(5000) << "5s";
        QTest::newRow("negative parses for validation") << "-5s" << qint64(-5000) << "-5s";
    }
    void parsesBothForms()
    {
        QFETCH(QString, text);
        QFETCH(qint64, milliseconds);
        QFETCH(QString, canonical);
        const auto parsed = Duration::parse(text);
        QVERIFY2(parsed.duration.has_value(), qPrintable(parsed.error));
        QCOMPARE(parsed.duration->milliseconds(), milliseconds);
        QCOMPARE(parsed.duration->toString(), canonical);
        // The canonical text reads back to the same length of time.
        QCOMPARE(Duration::parse(canonical).duration, parsed.duration);
    }

    void rejectsWithAReason_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");

        QTest::newRow("bare number") << "10" << "duration '10' has no unit (write e.g. 10s or PT10S)";
        QTest::newRow("bare fraction") << "1.5" << "duration '1.5' has no unit (write e.g. 1.5s or PT1.5S)";
        QTest::newRow("empty") << "" << "empty duration (expected e.g. 250ms, 2s or 1m30s)";
        QTest::newRow("words") << "10 minutes"
                               << "invalid duration '10 minutes' (expected e.g. 250ms, 2s, 1m30s, 1d or PT1M30S)";
        QTest::newRow("unknown unit") << "5y"
                                      << "invalid duration '5y' (expected e.g. 250ms, 2s, 1m30s, 1d or PT1M30S)";
        QTest::newRow("iso without parts") << "PT"
                                           << "invalid duration 'PT' (expected e.g. 250ms, 2s, 1m30s, 1d or PT1M30S)";
        QTest::newRow("iso only P") << "P"
                                    << "invalid duration 'P' (expected e.g. 250ms, 2s, 1m30s, 1d or PT1M30S)";
        QTest::newRow("iso time without T") << "P5M"
                                            << "invalid duration 'P5M' (expected e.g. 250ms, 2s, 1m30s, 1d or PT1M30S)";
        QTest::newRow("trailing garbage") << "5sx"
                                          << "invalid duration '5sx' (expected e.g. 250ms, 2s, 1m30s, 1d or PT1M30S)";
        QTest::newRow("too long") << "99999999999w" << "duration '99999999999w' is too long";
    }
    void rejectsWithAReason()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto parsed = Duration::parse(text);
        QVERIFY(!parsed.duration.has_value());
        QCOMPARE(parsed.error, error);
    }

    void ordersByLength()
    {
        QVERIFY(*Duration::parse(QStringLiteral("999ms")).duration < *Duration::parse(QStringLiteral("1s")).duration);
        QCOMPARE(*Duration::parse(QStringLiteral("60s")).duration, *Duration::parse(QStringLiteral("PT1M")).duration);
    }
};

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
