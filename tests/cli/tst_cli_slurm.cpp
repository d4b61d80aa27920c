// Shell steps as Slurm jobs, end to end: `pipewright run` against a real single-node Slurm
// (tools/slurm-dev.sh start; SLURM_CONF in the environment). No mocks: jobs are submitted,
// polled, cancelled and read back with the cluster's own commands.
//
// Without a cluster the suite is skipped, unless PW_REQUIRE_SLURM=1 (CI and `dev.sh test`
// set it), where a missing cluster fails it.
#include "PipewrightProcess.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>

using namespace pwtest;

namespace {

QString jobField(const QString &jobId, const QString &field)
{
    const Result shown = runCommand(QStringLiteral("scontrol"), {QStringLiteral("--oneliner"), QStringLiteral("show"),
                                                                   QStringLiteral("job"), jobId},
                                    QDir::tempPath(), QProcessEnvironment::systemEnvironment(), 10000);
    const QRegularExpression pattern(QStringLiteral("(?:^|\\s)%1=(\\S+)").arg(field));
    return pattern.match(QString::fromUtf8(shown.out)).captured(1);
}

QString jobState(const QString &jobId)
{
    return jobField(jobId, QStringLiteral("JobState"));
}

// `pipewright run FILE --db DB [more]` in the background, its output read as it comes.
struct LiveRun
{
    QProcess program;
    QByteArray seen; // standard output so far

    LiveRun(const QString &file, const QString &db, const QString &workingDir, const QProcessEnvironment &environment,
            const QStringList &more = {})
    {
        program.setProcessEnvironment(environment);
        program.setWorkingDirectory(workingDir);
        program.start(pipewrightBinary(), QStringList{QStringLiteral("run"), file, QStringLiteral("--db"), db} + more);
    }

    // Reads output until `done(seen)` holds (within 60 s); whether it did.
    bool readUntil(const std::function<bool(const QByteArray &)> &done)
    {
        return waitUntil([&] {
            program.waitForReadyRead(100);
            seen += program.readAllStandardOutput();
            return done(seen);
        }, 60000);
    }
    bool readUntilContains(const QByteArray &text)
    {
        return readUntil([&](const QByteArray &output) { return output.contains(text); });
    }
    bool finish()
    {
        const bool finished = program.waitForFinished(60000);
        seen += program.readAllStandardOutput();
        return finished;
    }
};

} // namespace

class TestCliSlurm : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QString pipeline(const QString &name, const QByteArray &steps, const QByteArray &extra = {})
    {
        const QString file = path(name + QStringLiteral(".yaml"));
        const QByteArray text = "pipeline:\n  id: " + name.toUtf8() + "\n  executor: {type: slurm}\n" + extra
                                + "  stages:\n    - stage:\n        id: main\n        steps:\n" + steps;
        if (!writeFile(file, text))
            return {};
        return file;
    }

    Result run(const QString &file, const QStringList &more = {}, int timeoutMs = 120000)
    {
        QStringList arguments{QStringLiteral("run"), file, QStringLiteral("--db"), path(QStringLiteral("runs.sqlite")),
                              QStringLiteral("--report"), file + QStringLiteral(".report.json")};
        return runProgram(arguments + more, m_dir.path(), m_env, timeoutMs);
    }

    QJsonObject report(const QString &file) const
    {
        return QJsonDocument::fromJson(readFile(file + QStringLiteral(".report.json"))).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Result info = runCommand(QStringLiteral("sinfo"), {QStringLiteral("-h"), QStringLiteral("-o"), QStringLiteral("%t")},
                                       m_dir.path(), m_env, 15000);
        const bool up = info.ranToEnd() && info.exitCode == 0 && !info.out.trimmed().isEmpty();
        if (!up && m_env.value(QStringLiteral("PW_REQUIRE_SLURM")) == QLatin1String("1"))
            QFAIL(QByteArray("no Slurm cluster answers (start one with tools/slurm-dev.sh start): " + info.describe()).constData());
        if (!up)
            QSKIP("no Slurm cluster (tools/slurm-dev.sh start, then SLURM_CONF as it prints)");
    }

    // Every Shell step is a job of its own; its id is in the report and the cluster agrees;
    // outputs come back through $PW_OUTPUT and feed the next step.
    void everyShellStepRunsAsAJob()
    {
        const QString file = pipeline(QStringLiteral("jobs"),
            "          - step: {id: first, type: Shell, spec: {command: 'echo on $(hostname); echo answer=42 >> \"$PW_OUTPUT\"'}}\n"
            "          - step: {id: second, type: Shell, spec: {command: 'echo got {{ steps.first.outputs.answer }} > second.txt'}}\n"
            "          - step: {id: here, type: Shell, executor: {type: local}, spec: {command: 'echo local'}}\n"
            "          - step: {id: note, type: Echo, spec: {message: done}}\n");
        const Result result = run(file);
        PW_CHECK_EXIT(result, 0);
        const QJsonObject nodes = report(file).value(QStringLiteral("nodes")).toObject();
        const QJsonObject first = nodes.value(QStringLiteral("first")).toObject();
        QCOMPARE(first.value(QStringLiteral("executor")).toString(), QStringLiteral("slurm"));
        QCOMPARE(first.value(QStringLiteral("outputs")).toObject().value(QStringLiteral("answer")).toString(), QStringLiteral("42"));
        const QJsonArray jobs = first.value(QStringLiteral("jobs")).toArray();
        QCOMPARE(jobs.size(), 1);
        const QString jobId = jobs.first().toString();
        QCOMPARE(jobState(jobId), QStringLiteral("COMPLETED"));
        QVERIFY2(jobField(jobId, QStringLiteral("JobName")).startsWith(QStringLiteral("pw:")), qPrintable(jobId));
        QVERIFY(jobField(jobId, QStringLiteral("JobName")).endsWith(QStringLiteral(":first:1")));
        const QString secondJob = nodes.value(QStringLiteral("second")).toObject().value(QStringLiteral("jobs")).toArray().first().toString();
        QVERIFY(!secondJob.isEmpty() && secondJob != jobId);
        QCOMPARE(readFile(path(QStringLiteral("second.txt"))).trimmed(), QByteArray("got 42"));
        // Local and in-program steps say nothing of executors (cli.md).
        QVERIFY(!nodes.value(QStringLiteral("here")).toObject().contains(QStringLiteral("executor")));
        QVERIFY(!nodes.value(QStringLiteral("note")).toObject().contains(QStringLiteral("jobs")));
        // The job's output is the step's log, stdout and stderr apart.
        QVERIFY2(result.out.contains("on "), result.out.constData());
        QVERIFY2(result.out.contains(QByteArray("submitted as Slurm job " + jobId.toUtf8())) || result.err.contains("submitted as Slurm job"),
                 result.out.constData());
    }

    void parallelJobsOverlapInTime()
    {
        const QByteArray step = "            - step: {id: %1, type: Shell, spec: {command: 'echo start=$(date +%s.%N) >> \"$PW_OUTPUT\"; sleep 3; echo end=$(date +%s.%N) >> \"$PW_OUTPUT\"'}}\n";
        const QString file = pipeline(QStringLiteral("overlap"),
                                      "          - parallel:\n" + QByteArray(step).replace("%1", "left")
                                          + QByteArray(step).replace("%1", "right"),
                                      "  maxParallel: 2\n");
        PW_CHECK_EXIT(run(file), 0);
        const QJsonObject nodes = report(file).value(QStringLiteral("nodes")).toObject();
        const auto outputs = [&](const char *id) { return nodes.value(QLatin1String(id)).toObject().value(QStringLiteral("outputs")).toObject(); };
        const double leftStart = outputs("left").value(QStringLiteral("start")).toString().toDouble();
        const double leftEnd = outputs("left").value(QStringLiteral("end")).toString().toDouble();
        const double rightStart = outputs("right").value(QStringLiteral("start")).toString().toDouble();
        const double rightEnd = outputs("right").value(QStringLiteral("end")).toString().toDouble();
        QVERIFY(leftStart > 0 && rightStart > 0);
        QVERIFY2(leftStart < rightEnd && rightStart < leftEnd,
                 qPrintable(QStringLiteral("left %1-%2, right %3-%4").arg(leftStart).arg(leftEnd).arg(rightStart).arg(rightEnd)));
    }

    // Automatic retry, then a Retry strategy: every attempt is a new job.
    void retriesSubmitANewJobPerAttempt()
    {
        const QString file = pipeline(QStringLiteral("retries"),
            "          - step:\n"
            "              id: flaky\n"
            "              type: Shell\n"
            "              spec: {command: 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; test $n -ge 4'}\n"
            "              retry: {type: constant, maxAttempts: 2, interval: 100ms}\n"
            "              failureStrategies:\n"
            "                - onFailure: {errors: [AllErrors], action: {type: Retry, spec: {retryCount: 2, retryIntervals: [100ms]}}}\n");
        PW_CHECK_EXIT(run(file), 0);
        const QJsonObject flaky = report(file).value(QStringLiteral("nodes")).toObject().value(QStringLiteral("flaky")).toObject();
        QCOMPARE(flaky.value(QStringLiteral("attempts")).toInt(), 4);
        const QJsonArray jobs = flaky.value(QStringLiteral("jobs")).toArray();
        QCOMPARE(jobs.size(), 4);
        QStringList ids;
        for (const QJsonValue &job : jobs)
            ids << job.toString();
        ids.removeDuplicates();
        QCOMPARE(ids.size(), 4);
        QCOMPARE(jobState(ids.at(0)), QStringLiteral("FAILED"));
        QCOMPARE(jobState(ids.at(3)), QStringLiteral("COMPLETED"));
    }

    void exitCodesMapToErrorTypes()
    {
        const QString file = pipeline(QStringLiteral("codes"),
            "          - step: {id: fetch, type: Shell, spec: {command: 'exit 2', exitCodes: {'2': Connectivity}}}\n");
        PW_CHECK_EXIT(run(file), 1);
        const QJsonObject error = report(file).value(QStringLiteral("nodes")).toObject().value(QStringLiteral("fetch"))
                                      .toObject().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("Connectivity"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("FAILED")),
                 qPrintable(error.value(QStringLiteral("message")).toString()));
    }

    // The log streams while the job runs, not only once it has ended.
    void outputArrivesBeforeTheJobEnds()
    {
        const QString file = pipeline(QStringLiteral("stream"),
            "          - step: {id: slow, type: Shell, spec: {command: 'echo early line; sleep 6; echo late line'}}\n");
        LiveRun run(file, path(QStringLiteral("runs.sqlite")), m_dir.path(), m_env);
        QVERIFY(run.readUntilContains("early line"));
        QVERIFY2(!run.seen.contains("late line"), run.seen.constData());
        QCOMPARE(run.program.state(), QProcess::Running);
        QVERIFY(run.finish());
        QVERIFY(run.seen.contains("late line"));
        QCOMPARE(run.program.exitCode(), 0);
    }

    // A step timeout cancels the running job: the command sees SIGTERM, Slurm says CANCELLED.
    void aTimeoutCancelsTheRunningJob()
    {
        const QString marker = path(QStringLiteral("timeout-term"));
        const QString file = pipeline(QStringLiteral("timeout"),
            "          - step:\n"
            "              id: stuck\n"
            "              type: Shell\n"
            "              timeout: 4s\n"
            "              spec:\n"
            "                command: \"trap 'echo got TERM > " + marker.toUtf8() + "; exit 143' TERM; echo started; sleep 100 & wait\"\n"
            "                killGrace: 3s\n");
        PW_CHECK_EXIT(run(file), 1);
        const QJsonObject stuck = report(file).value(QStringLiteral("nodes")).toObject().value(QStringLiteral("stuck")).toObject();
        QCOMPARE(stuck.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("Timeout"));
        const QString jobId = stuck.value(QStringLiteral("jobs")).toArray().first().toString();
        QVERIFY(waitUntil([&] { return jobState(jobId) == QLatin1String("CANCELLED"); }, 20000));
        QVERIFY(waitUntil([&] { return readFile(marker).contains("got TERM"); }, 10000));
    }

    // Ctrl+C aborts the run; its running job is cancelled the same way.
    void anAbortCancelsTheRunningJob()
    {
        const QString file = pipeline(QStringLiteral("abort"),
            "          - step: {id: long, type: Shell, spec: {command: 'echo running; sleep 100'}}\n");
        LiveRun run(file, path(QStringLiteral("runs.sqlite")), m_dir.path(), m_env,
                    {QStringLiteral("--report"), file + QStringLiteral(".report.json")});
        QVERIFY(run.readUntilContains("running"));
        ::kill(pid_t(run.program.processId()), SIGINT);
        QVERIFY(run.finish());
        QCOMPARE(run.program.exitCode(), 3);
        const QString jobId = report(file).value(QStringLiteral("nodes")).toObject().value(QStringLiteral("long")).toObject()
                                  .value(QStringLiteral("jobs")).toArray().first().toString();
        QVERIFY(!jobId.isEmpty());
        QVERIFY(waitUntil([&] { return jobState(jobId) == QLatin1String("CANCELLED"); }, 20000));
    }

    // A job Slurm holds back is Pending with Slurm's reason, and Running once released.
    void aQueuedJobShowsWhyItWaits()
    {
        const QString file = pipeline(QStringLiteral("held"),
            "          - step: {id: held, type: Shell, executor: {type: slurm, extraArgs: ['--hold']}, spec: {command: 'echo released'}}\n");
        LiveRun run(file, path(QStringLiteral("runs.sqlite")), m_dir.path(), m_env);
        static const QRegularExpression pending(QStringLiteral("Slurm job (\\d+) is pending \\((\\w+)\\)"));
        QRegularExpressionMatch match;
        QVERIFY2(run.readUntil([&](const QByteArray &output) {
            match = pending.match(QString::fromUtf8(output));
            return match.hasMatch();
        }), run.seen.constData());
        QCOMPARE(match.captured(2), QStringLiteral("JobHeldUser"));
        QCOMPARE(run.program.state(), QProcess::Running);
        PW_CHECK_EXIT(runCommand(QStringLiteral("scontrol"), {QStringLiteral("release"), match.captured(1)}, m_dir.path(), m_env), 0);
        QVERIFY(run.finish());
        QCOMPARE(run.program.exitCode(), 0);
        QVERIFY2(run.seen.contains("released"), run.seen.constData());
    }

    // A job that cannot be submitted is DelegateProvisioning, and strategies apply to it.
    void anUnknownPartitionIsDelegateProvisioning()
    {
        const QString file = pipeline(QStringLiteral("partition"),
            "          - step:\n"
            "              id: nowhere\n"
            "              type: Shell\n"
            "              executor: {type: slurm, partition: no_such_partition}\n"
            "              spec: {command: 'true'}\n"
            "              failureStrategies:\n"
            "                - onFailure: {errors: [DelegateProvisioning], action: {type: Ignore}}\n");
        PW_CHECK_EXIT(run(file), 0);
        const QJsonObject nowhere = report(file).value(QStringLiteral("nodes")).toObject().value(QStringLiteral("nowhere")).toObject();
        QCOMPARE(nowhere.value(QStringLiteral("status")).toString(), QStringLiteral("IgnoredFailure"));
        const QJsonObject error = nowhere.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("DelegateProvisioning"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("partition")),
                 qPrintable(error.value(QStringLiteral("message")).toString()));
        QVERIFY(nowhere.value(QStringLiteral("jobs")).toArray().isEmpty());
    }

    // A failed job, a person asked, the answer Retry: a new job, which succeeds.
    void anInterventionsRetrySubmitsANewJob()
    {
        const QString file = pipeline(QStringLiteral("intervene"),
            "          - step:\n"
            "              id: deploy\n"
            "              type: Shell\n"
            "              spec: {command: 'test -e deploy-tried && exit 0; touch deploy-tried; exit 1'}\n"
            "              failureStrategies:\n"
            "                - onFailure: {errors: [AllErrors], action: {type: ManualIntervention, spec: {timeout: 5m, onTimeout: {action: {type: Abort}}}}}\n");
        QFile::remove(path(QStringLiteral("deploy-tried")));
        PW_CHECK_EXIT(run(file, {QStringLiteral("--on-intervention"), QStringLiteral("Retry")}), 0);
        const QJsonObject result = report(file);
        const QJsonObject deploy = result.value(QStringLiteral("nodes")).toObject().value(QStringLiteral("deploy")).toObject();
        QCOMPARE(deploy.value(QStringLiteral("status")).toString(), QStringLiteral("Succeeded"));
        QCOMPARE(deploy.value(QStringLiteral("jobs")).toArray().size(), 2);
        QCOMPARE(result.value(QStringLiteral("interventions")).toArray().first().toObject().value(QStringLiteral("decision")).toString(),
                 QStringLiteral("Retry"));
    }

    // The program dies (SIGKILL) while a job runs: the next program to open the store finds
    // the run interrupted and cancels the job.
    void aKilledProgramsJobIsCancelledWhenTheInterruptionIsFound()
    {
        const QString db = path(QStringLiteral("killed.sqlite"));
        const QString file = pipeline(QStringLiteral("killed"),
            "          - step: {id: orphan, type: Shell, spec: {command: 'echo alive; sleep 300'}}\n");
        LiveRun run(file, db, m_dir.path(), m_env);
        QVERIFY(run.readUntilContains("alive"));
        static const QRegularExpression submitted(QStringLiteral("Slurm job (\\d+)"));
        const QString jobId = submitted.match(QString::fromUtf8(run.seen)).captured(1);
        QVERIFY2(!jobId.isEmpty(), run.seen.constData());
        QCOMPARE(jobState(jobId), QStringLiteral("RUNNING"));
        ::kill(pid_t(run.program.processId()), SIGKILL);
        QVERIFY(run.program.waitForFinished(10000));
        QCOMPARE(jobState(jobId), QStringLiteral("RUNNING")); // nobody knows yet

        const Result runs = runProgram({QStringLiteral("runs"), QStringLiteral("--db"), db}, m_dir.path(), m_env);
        PW_CHECK_EXIT(runs, 0);
        QVERIFY2(runs.out.contains("Interrupted"), runs.out.constData());
        QVERIFY(waitUntil([&] { return jobState(jobId) == QLatin1String("CANCELLED"); }, 20000));
        static const QRegularExpression runIdPattern(QStringLiteral("\\d{8}-\\d{6}-\\w+"));
        const QString runId = runIdPattern.match(QString::fromUtf8(runs.out)).captured(0);
        QVERIFY2(!runId.isEmpty(), runs.out.constData());
        const Result shown = runProgram({QStringLiteral("show"), runId, QStringLiteral("--db"), db, QStringLiteral("--json")},
                                        m_dir.path(), m_env);
        const QJsonObject orphan = shown.json().object().value(QStringLiteral("nodes")).toObject().value(QStringLiteral("orphan")).toObject();
        QCOMPARE(orphan.value(QStringLiteral("jobs")).toArray().first().toString(), jobId);
        QCOMPARE(orphan.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("DelegateRestart"));
    }
};

QTEST_GUILESS_MAIN(TestCliSlurm)
#include "tst_cli_slurm.moc"
