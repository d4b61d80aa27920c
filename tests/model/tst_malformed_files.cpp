// The malformed-file table: every file in tests/model/data/malformed is loaded and each
// problem is formatted as `FILE:line:col: message`; the lines must equal the file's
// `.expected` partner exactly (positions are 1-based; a bad value points at the value, an
// unknown or duplicate key at the key). Adding a case is adding a pair of files.

#include "model/PipelineFile.h"
#include "model/Problem.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <optional>

using namespace pw::model;

namespace {

QString tableDir()
{
    return QStringLiteral(PW_TEST_DATA_DIR "/model/data/malformed");
}

QStringList caseFiles()
{
    return QDir(tableDir()).entryList({QStringLiteral("*.yaml"), QStringLiteral("*.json")},
                                      QDir::Files, QDir::Name);
}

QString expectedPathFor(const QString &caseFile)
{
    return tableDir() + u'/' + QFileInfo(caseFile).completeBaseName() + QStringLiteral(".expected");
}

// The lines of a text file, without the final newline; nullopt when it cannot be read.
std::optional<QStringList> readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QString text = QString::fromUtf8(file.readAll());
    text.remove(u'\r');
    if (text.isEmpty())
        return QStringList();
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text.split(u'\n');
}

bool isWarningLine(const QString &line)
{
    static const QRegularExpression warning(QStringLiteral("^FILE(:\\d+:\\d+)?: warning: "));
    return warning.match(line).hasMatch();
}

} // namespace

class TestMalformedFiles : public QObject
{
    Q_OBJECT

private slots:
    void tableIsComplete()
    {
        const QStringList cases = caseFiles();
        QVERIFY2(cases.size() >= 30,
                 qPrintable(QStringLiteral("only %1 cases in %2").arg(cases.size()).arg(tableDir())));
        // Every case has its .expected, and every .expected its case.
        for (const QString &file : cases)
            QVERIFY2(QFileInfo::exists(expectedPathFor(file)), qPrintable(file + QStringLiteral(": no .expected")));
        const QStringList expected = QDir(tableDir()).entryList({QStringLiteral("*.expected")}, QDir::Files);
        QCOMPARE(expected.size(), cases.size());
    }

    void reportsEveryProblem_data()
    {
        QTest::addColumn<QString>("fileName");
        const QStringList cases = caseFiles();
        for (const QString &file : cases)
            QTest::newRow(qPrintable(file)) << file;
    }

    void reportsEveryProblem()
    {
        QFETCH(QString, fileName);
        const auto expected = readLines(expectedPathFor(fileName));
        QVERIFY2(expected, qPrintable(expectedPathFor(fileName) + QStringLiteral(": cannot read")));
        QVERIFY2(!expected->isEmpty(), "a malformed file must produce at least one problem");

        const LoadResult result = loadPipelineFile(tableDir() + u'/' + fileName);
        QStringList actual;
        for (const Problem &problem : result.problems)
            actual << formatProblem(QStringLiteral("FILE"), problem);

        QCOMPARE(actual, *expected);

        const bool expectsError = std::any_of(expected->cbegin(), expected->cend(),
                                              [](const QString &line) { return !isWarningLine(line); });
        if (expectsError) {
            // Never half-loads: a file with an error gives no pipeline, or one flagged as broken.
            QVERIFY2(!result.pipeline || result.hasErrors(),
                     "the file has an error, but it loaded without one");
        } else {
            // Warnings only: the file still opens, with no error.
            QVERIFY(result.pipeline.has_value());
            QVERIFY(!result.hasErrors());
        }
    }
};

QTEST_GUILESS_MAIN(TestMalformedFiles)
#include "tst_malformed_files.moc"
