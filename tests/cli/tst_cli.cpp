// The command line, run as a real process: exit codes, exact output lines, and what `fmt`
// does (and does not do) to files. Needs no display.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kTimeoutMs = 30000;

QString binary() { return QStringLiteral(PW_BINARY); }
QString examplesDir() { return QStringLiteral(PW_EXAMPLES_DIR); }
QString malformedDir() { return QStringLiteral(PW_TEST_DATA_DIR "/model/data/malformed"); }

QStringList examples()
{
    QStringList paths;
    const QDir dir(examplesDir());
    for (const QString &name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

QStringList lines(const QByteArray &bytes)
{
    QString text = QString::fromLocal8Bit(bytes);
    text.remove(u'\r');
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text.isEmpty() ? QStringList() : text.split(u'\n');
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<cannot read ") + path.toUtf8() + '>';
    return file.readAll();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// The lines `pipewright validate` prints for a file of the malformed table (its .expected
// with the FILE placeholder replaced by the path given on the command line).
QStringList expectedProblems(const QString &caseFile, const QString &shownPath)
{
    const QString expectedPath = malformedDir() + u'/' + QFileInfo(caseFile).completeBaseName()
        + QStringLiteral(".expected");
    QStringList result;
    for (const QString &line : lines(readBytes(expectedPath))) {
        if (line.startsWith(QLatin1String("FILE")))
            result << shownPath + line.mid(4);
        else
            result << QStringLiteral("<bad .expected line: ") + line + u'>';
    }
    return result;
}

int countWarnings(const QStringList &problemLines, const QString &path)
{
    const QRegularExpression warning(u'^' + QRegularExpression::escape(path)
                                     + QStringLiteral("(:\\d+:\\d+)?: warning: "));
    return int(std::count_if(problemLines.cbegin(), problemLines.cend(),
                             [&](const QString &line) { return warning.match(line).hasMatch(); }));
}

QString summary(int files, int errors, int warnings)
{
    return QStringLiteral("%1 file(s) checked: %2 error(s), %3 warning(s)").arg(files).arg(errors).arg(warnings);
}

struct Run
{
    bool started = false;
    bool finished = false; // false: killed after the timeout
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QStringList outLines() const { return lines(out); }
    QStringList errLines() const { return lines(err); }
    bool ranToEnd() const { return started && finished && status == QProcess::NormalExit; }
    QByteArray describe() const
    {
        return "exit code " + QByteArray::number(exitCode) + (finished ? "" : " (timed out)")
            + (status == QProcess::CrashExit ? " (crashed)" : "") + "\n--- stdout:\n" + out
            + "--- stderr:\n" + err;
    }
};

Run runPipewright(const QStringList &arguments, int timeoutMs = kTimeoutMs)
{
    Run run;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.setProgram(binary());
    process.setArguments(arguments);
    process.start();
    run.started = process.waitForStarted(kTimeoutMs);
    if (!run.started)
        return run;
    run.finished = process.waitForFinished(timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(kTimeoutMs);
    }
    run.status = process.exitStatus();
    run.exitCode = run.finished ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QByteArray exitMismatch(const Run &run, int expected)
{
    return QByteArray("expected exit code ") + QByteArray::number(expected) + ", got "
        + run.describe();
}

} // namespace

// Runs pipewright with `args` into `var`, failing the test if it did not start, hung or crashed.
#define RUN(var, ...)                                                                  \
    const Run var = runPipewright(__VA_ARGS__);                                        \
    QVERIFY2(var.ranToEnd(), var.describe().constData())

#define COMPARE_EXIT(run, code)                                                       \
    QVERIFY2((run).exitCode == (code), exitMismatch((run), (code)).constData())

class TestCli : public QObject
{
    Q_OBJECT

private:
    // approval.yaml with the layout messed up: a flow list written as a block list, and
    // blank lines in the body and at the end. Same pipeline, not canonical.
    static QByteArray messUp(const QByteArray &canonical)
    {
        QString text = QString::fromUtf8(canonical);
        const QRegularExpression flowList(QStringLiteral("^( *)errors: \\[Timeout\\]$"),
                                          QRegularExpression::MultilineOption);
        text.replace(flowList, QStringLiteral("\\1errors:\n\\1  - Timeout"));
        text.replace(QStringLiteral("\npipeline:\n"), QStringLiteral("\npipeline:\n\n"));
        text.replace(QStringLiteral("\n  stages:\n"), QStringLiteral("\n\n\n  stages:\n"));
        text += QStringLiteral("\n\n");
        return text.toUtf8();
    }

    static QString approvalExample() { return examplesDir() + QStringLiteral("/approval.yaml"); }

    // approval.yaml converted to JSON by hand (python3 json.dumps(indent=1)): valid, but not
    // in the canonical JSON layout, so `fmt` has something to rewrite.
    static QByteArray approvalJson()
    {
        return QByteArray(
            "{\n"
            " \"pipeline\": {\n"
            "  \"id\": \"approval_gate\",\n"
            "  \"name\": \"Approval gate\",\n"
            "  \"description\": \"A release waits for approval; without an answer it is auto-approved after 3 seconds.\",\n"
            "  \"stages\": [\n"
            "   {\n"
            "    \"stage\": {\n"
            "     \"id\": \"build\",\n"
            "     \"name\": \"Build\",\n"
            "     \"steps\": [\n"
            "      {\n"
            "       \"step\": {\n"
            "        \"id\": \"package\",\n"
            "        \"name\": \"Package\",\n"
            "        \"type\": \"Shell\",\n"
            "        \"spec\": {\n"
            "         \"command\": \"echo packaging release\\necho \\\"version=2.0.1\\\" >> \\\"$PW_OUTPUT\\\"\\n\"\n"
            "        }\n"
            "       }\n"
            "      }\n"
            "     ]\n"
            "    }\n"
            "   },\n"
            "   {\n"
            "    \"stage\": {\n"
            "     \"id\": \"release\",\n"
            "     \"name\": \"Release\",\n"
            "     \"steps\": [\n"
            "      {\n"
            "       \"step\": {\n"
            "        \"id\": \"approve_release\",\n"
            "        \"name\": \"Approve release\",\n"
            "        \"type\": \"Approval\",\n"
            "        \"spec\": {\n"
            "         \"message\": \"Deploy version {{ steps.package.outputs.version }} to production?\",\n"
            "         \"approvers\": \"release-managers\"\n"
            "        },\n"
            "        \"timeout\": \"3s\",\n"
            "        \"failureStrategies\": [\n"
            "         {\n"
            "          \"onFailure\": {\n"
            "           \"errors\": [\n"
            "            \"Timeout\"\n"
            "           ],\n"
            "           \"action\": {\n"
            "            \"type\": \"MarkAsSuccess\"\n"
            "           }\n"
            "          }\n"
            "         },\n"
            "         {\n"
            "          \"onFailure\": {\n"
            "           \"errors\": [\n"
            "            \"ApprovalRejection\"\n"
            "           ],\n"
            "           \"action\": {\n"
            "            \"type\": \"Abort\"\n"
            "           }\n"
            "          }\n"
            "         }\n"
            "        ]\n"
            "       }\n"
            "      },\n"
            "      {\n"
            "       \"step\": {\n"
            "        \"id\": \"deploy_app\",\n"
            "        \"name\": \"Deploy\",\n"
            "        \"type\": \"Echo\",\n"
            "        \"spec\": {\n"
            "         \"message\": \"Deploying version {{ steps.package.outputs.version }} (approval step: {{ steps.approve_release.status }})\"\n"
            "        }\n"
            "       }\n"
            "      }\n"
            "     ]\n"
            "    }\n"
            "   }\n"
            "  ]\n"
            " }\n"
            "}\n");
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(binary()).isExecutable(), qPrintable(binary()));
        // The example checks below must not pass by finding nothing.
        QVERIFY2(examples().size() >= 5, qPrintable(examplesDir()));
        QVERIFY(QFileInfo::exists(approvalExample()));
    }

    void version()
    {
        RUN(run, {QStringLiteral("--version")});
        COMPARE_EXIT(run, 0);
        QCOMPARE(run.outLines(), QStringList{QStringLiteral("pipewright 0.1.0")});
    }

    void help()
    {
        RUN(run, {QStringLiteral("--help")});
        COMPARE_EXIT(run, 0);
        const QString text = QString::fromLocal8Bit(run.out);
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("(?m)^\\s+validate\\s+\\S"))), run.out.constData());
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("(?m)^\\s+fmt\\s+\\S"))), run.out.constData());
    }

    void subCommandHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("validate") << QStringLiteral("validate") << QStringLiteral("--quiet");
        QTest::newRow("fmt") << QStringLiteral("fmt") << QStringLiteral("--check");
    }

    void subCommandHelp()
    {
        QFETCH(QString, command);
        QFETCH(QString, mentions);
        RUN(run, {command, QStringLiteral("--help")});
        COMPARE_EXIT(run, 0);
        QVERIFY2(QString::fromLocal8Bit(run.out).contains(mentions), run.out.constData());
    }

    void unknownCommand()
    {
        // A short timeout: a word that is no command may be taken for `pipewright FILE`, and a
        // designer that opened on it would wait for ever.
        const Run run = runPipewright({QStringLiteral("frobnicate")}, 10000);
        QVERIFY2(run.ranToEnd(), run.describe().constData());
        COMPARE_EXIT(run, 2);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
#ifdef PW_BINARY_HAS_GUI
        // With the designer built in, the word is taken for a FILE that does not exist.
        QVERIFY2(run.err.contains("no such file: frobnicate"), run.err.constData());
#else
        QVERIFY2(run.err.contains("unknown command 'frobnicate'"), run.err.constData());
#endif
    }

    void validateWithoutFile()
    {
        RUN(run, {QStringLiteral("validate")});
        COMPARE_EXIT(run, 2);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        QVERIFY2(run.err.contains("no file given"), run.err.constData());
    }

    void validateExamples_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &path : examples())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }

    void validateExamples()
    {
        QFETCH(QString, path);
        RUN(run, {QStringLiteral("validate"), path});
        COMPARE_EXIT(run, 0);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        QCOMPARE(run.errLines().value(run.errLines().size() - 1), summary(1, 0, 0));
    }

    void validateAllExamplesAtOnce()
    {
        const QStringList paths = examples();
        RUN(run, QStringList{QStringLiteral("validate")} + paths);
        COMPARE_EXIT(run, 0);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        QCOMPARE(run.errLines().value(run.errLines().size() - 1), summary(int(paths.size()), 0, 0));
    }

    void validateMalformed_data()
    {
        QTest::addColumn<QString>("caseFile");
        // Cases whose output is right today (see tst_malformed_files for the others).
        for (const char *name : {"08-missing-pipeline-key.yaml", "09-stages-is-string.yaml",
                                 "20-unknown-step-type.yaml", "26-timeout-bare-number.yaml",
                                 "36-retry-count-zero.yaml", "47-duplicate-yaml-key.yaml",
                                 "48-wrong-type.json"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void validateMalformed()
    {
        QFETCH(QString, caseFile);
        const QString path = malformedDir() + u'/' + caseFile;
        QVERIFY2(QFileInfo::exists(path), qPrintable(path));
        RUN(run, {QStringLiteral("validate"), path});
        COMPARE_EXIT(run, 2);
        const QStringList out = run.outLines();
        QVERIFY(!out.isEmpty());
        const QRegularExpression shape(u'^' + QRegularExpression::escape(path)
                                       + QStringLiteral(":[1-9]\\d*:[1-9]\\d*: \\S.*$"));
        for (const QString &line : out)
            QVERIFY2(shape.match(line).hasMatch(), qPrintable(line));
        const QStringList expected = expectedProblems(caseFile, path);
        QCOMPARE(out, expected);
        const int warnings = countWarnings(expected, path);
        QCOMPARE(run.errLines().value(run.errLines().size() - 1),
                 summary(1, int(expected.size()) - warnings, warnings));
    }

    void validateSeveralFiles()
    {
        const QStringList cases{QStringLiteral("20-unknown-step-type.yaml"),
                                QStringLiteral("44-unknown-key-warning.yaml"),
                                QStringLiteral("09-stages-is-string.yaml")};
        QStringList paths;
        QStringList expected;
        for (const QString &caseFile : cases) {
            paths << malformedDir() + u'/' + caseFile;
            expected << expectedProblems(caseFile, paths.last());
        }
        RUN(run, QStringList{QStringLiteral("validate")} + paths);
        COMPARE_EXIT(run, 2);
        QCOMPARE(run.outLines(), expected);
        QCOMPARE(run.errLines().value(run.errLines().size() - 1), summary(3, 2, 1));
    }

    void validateWarningsOnly()
    {
        const QString caseFile = QStringLiteral("44-unknown-key-warning.yaml");
        const QString path = malformedDir() + u'/' + caseFile;
        {
            RUN(run, {QStringLiteral("validate"), path});
            COMPARE_EXIT(run, 0);
            const QStringList expected = expectedProblems(caseFile, path);
            QCOMPARE(expected.size(), 1);
            QVERIFY(expected.first().startsWith(path + QStringLiteral(":12:15: warning: ")));
            QCOMPARE(run.outLines(), expected);
            QCOMPARE(run.errLines().value(run.errLines().size() - 1), summary(1, 0, 1));
        }
        {
            RUN(run, {QStringLiteral("validate"), QStringLiteral("--quiet"), path});
            COMPARE_EXIT(run, 0);
            QVERIFY2(run.out.isEmpty(), run.out.constData());
        }
    }

    void validateMissingFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(QStringLiteral("no-such-pipeline.yaml"));
        RUN(run, {QStringLiteral("validate"), approvalExample(), missing});
        COMPARE_EXIT(run, 2);
        const QStringList out = run.outLines();
        QCOMPARE(out.size(), 1);
        QVERIFY2(out.first().startsWith(missing + QStringLiteral(": cannot open: ")), qPrintable(out.first()));
        QCOMPARE(run.errLines().value(run.errLines().size() - 1), summary(2, 1, 0));
    }

    void fmtCheckExamples()
    {
        const QStringList paths = examples();
        QList<QByteArray> before;
        for (const QString &path : paths)
            before << readBytes(path);
        RUN(run, QStringList{QStringLiteral("fmt"), QStringLiteral("--check")} + paths);
        COMPARE_EXIT(run, 0);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        for (int i = 0; i < paths.size(); ++i)
            QVERIFY2(readBytes(paths[i]) == before[i], qPrintable(paths[i]));
    }

    void fmtCheckReportsMessyLayout()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray canonical = readBytes(approvalExample());
        const QByteArray messy = messUp(canonical);
        QVERIFY(messy.contains("errors:\n                      - Timeout\n"));
        QVERIFY(messy.contains("\npipeline:\n\n  id:"));
        QVERIFY(messy != canonical);
        const QString path = dir.filePath(QStringLiteral("approval.yaml"));
        QVERIFY(writeBytes(path, messy));
        {
            // Still the same valid pipeline: only the layout differs.
            RUN(run, {QStringLiteral("validate"), path});
            COMPARE_EXIT(run, 0);
            QVERIFY2(run.out.isEmpty(), run.out.constData());
        }
        RUN(run, {QStringLiteral("fmt"), QStringLiteral("--check"), path});
        COMPARE_EXIT(run, 1);
        QCOMPARE(run.outLines(), QStringList{path + QStringLiteral(": would be reformatted")});
        QVERIFY(readBytes(path) == messy);
    }

    void fmtRewritesMessyLayout()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray canonical = readBytes(approvalExample());
        const QString path = dir.filePath(QStringLiteral("approval.yaml"));
        QVERIFY(writeBytes(path, messUp(canonical)));
        {
            RUN(run, {QStringLiteral("fmt"), path});
            COMPARE_EXIT(run, 0);
            QVERIFY2(run.out.isEmpty(), run.out.constData());
            QVERIFY2(run.errLines().contains(path + QStringLiteral(": reformatted")), run.err.constData());
        }
        QCOMPARE(readBytes(path), canonical);
        // Only the file itself is left: the atomic save leaves no temporary behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("approval.yaml")});
        {
            RUN(run, {QStringLiteral("fmt"), QStringLiteral("--check"), path});
            COMPARE_EXIT(run, 0);
            QVERIFY2(run.out.isEmpty(), run.out.constData());
        }
        {
            // A second fmt has nothing to do and says nothing.
            RUN(run, {QStringLiteral("fmt"), path});
            COMPARE_EXIT(run, 0);
            QCOMPARE(readBytes(path), canonical);
        }
    }

    void fmtRefuses_data()
    {
        QTest::addColumn<QString>("caseFile");
        QTest::addColumn<QString>("reason");
        QTest::newRow("read error") << QStringLiteral("20-unknown-step-type.yaml")
                                    << QStringLiteral("fix the errors above first");
        // Loads into a pipeline, but the validator rejects it.
        QTest::newRow("validation error") << QStringLiteral("36-retry-count-zero.yaml")
                                          << QStringLiteral("fix the errors above first");
        QTest::newRow("unknown key") << QStringLiteral("44-unknown-key-warning.yaml")
                                     << QStringLiteral("formatting would drop the unknown keys above");
    }

    void fmtRefuses()
    {
        QFETCH(QString, caseFile);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray original = readBytes(malformedDir() + u'/' + caseFile);
        const QString path = dir.filePath(caseFile);
        QVERIFY(writeBytes(path, original));
        for (const bool check : {false, true}) {
            QStringList arguments{QStringLiteral("fmt"), path};
            if (check)
                arguments << QStringLiteral("--check");
            RUN(run, arguments);
            COMPARE_EXIT(run, 2);
            // The problems are shown the way validate shows them, then why nothing was done.
            QCOMPARE(run.outLines(), expectedProblems(caseFile, path));
            QVERIFY2(run.errLines().contains(path + QStringLiteral(": not formatted: ") + reason),
                     run.err.constData());
            QVERIFY(readBytes(path) == original);
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{caseFile});
        }
    }

    void fmtKeepsJson()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray input = approvalJson().trimmed() + '\n';
        QJsonParseError parseError;
        const QJsonDocument inputDocument = QJsonDocument::fromJson(input, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        const QString path = dir.filePath(QStringLiteral("approval.json"));
        QVERIFY(writeBytes(path, input));
        {
            RUN(run, {QStringLiteral("validate"), path});
            COMPARE_EXIT(run, 0);
            QVERIFY2(run.out.isEmpty(), run.out.constData());
        }
        {
            RUN(run, {QStringLiteral("fmt"), path});
            COMPARE_EXIT(run, 0);
        }
        const QByteArray formatted = readBytes(path);
        QVERIFY2(formatted != input, "fmt did not rewrite the non-canonical JSON layout");
        QCOMPARE(formatted.trimmed().left(1), QByteArray("{"));
        const QJsonDocument formattedDocument = QJsonDocument::fromJson(formatted, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError,
                 qPrintable(parseError.errorString() + QStringLiteral("\n") + QString::fromUtf8(formatted)));
        // The same pipeline, still JSON.
        QCOMPARE(formattedDocument, inputDocument);
        {
            RUN(run, {QStringLiteral("validate"), path});
            COMPARE_EXIT(run, 0);
            QVERIFY2(run.out.isEmpty(), run.out.constData());
        }
        {
            RUN(run, {QStringLiteral("fmt"), QStringLiteral("--check"), path});
            COMPARE_EXIT(run, 0);
            QVERIFY2(run.out.isEmpty(), run.out.constData());
        }
    }

    void fmtWithoutFile()
    {
        RUN(run, {QStringLiteral("fmt")});
        COMPARE_EXIT(run, 2);
        QVERIFY2(run.err.contains("no file given"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
