// The Slurm executor's parts that need no cluster: what it reads from squeue, scontrol and
// sbatch, how an ended job becomes an attempt's outcome, and the sbatch command line.
// (tst_cli_slurm runs it against a real cluster.)
#include "engine/executors/slurm/SlurmJobScript.h"
#include "engine/executors/slurm/SlurmJobState.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pw::engine;
using namespace pw::engine::slurm;

class TestSlurmParts : public QObject
{
    Q_OBJECT

private slots:
    void readsABatchedQueueListing()
    {
        const auto jobs = parseSqueue("12|RUNNING|None|node1\n13|PENDING|Resources|\n"
                                      "14|COMPLETED|None|node1\ngarbage\n\n");
        QCOMPARE(jobs.size(), 3);
        QVERIFY(jobs.value(QStringLiteral("12")).isRunning());
        QCOMPARE(jobs.value(QStringLiteral("12")).nodes, QStringLiteral("node1"));
        QVERIFY(jobs.value(QStringLiteral("13")).isPending());
        QCOMPARE(jobs.value(QStringLiteral("13")).reason, QStringLiteral("Resources"));
        QVERIFY(jobs.value(QStringLiteral("14")).hasEnded());
        QVERIFY(!jobs.value(QStringLiteral("14")).isRunning());
    }

    void readsTheControllersOneLineJobs()
    {
        const QByteArray line = "JobId=77 JobName=pw:r:s:1 UserId=root(0) JobState=FAILED Reason=NonZeroExitCode "
                                "Dependency=(null) Restarts=0 ExitCode=3:0 RunTime=00:00:01\n"
                                "JobId=78 JobName=x JobState=CANCELLED Reason=None ExitCode=0:15\n";
        const auto jobs = parseScontrol(line);
        QCOMPARE(jobs.value(QStringLiteral("77")).state, QStringLiteral("FAILED"));
        QCOMPARE(jobs.value(QStringLiteral("77")).exitCode, 3);
        QCOMPARE(jobs.value(QStringLiteral("78")).exitSignal, 15);
    }

    void readsTheJobIdSbatchPrints()
    {
        QCOMPARE(parseSbatchJobId("42\n"), QStringLiteral("42"));
        QCOMPARE(parseSbatchJobId("sbatch: warning: something\n43;cluster\n"), QStringLiteral("43"));
        QCOMPARE(parseSbatchJobId("sbatch: error: invalid partition\n"), QString());
    }

    void endedJobsBecomeOutcomesAsTheSpecSays_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("exitCode"); // what the wrapper wrote; -1: nothing
        QTest::addColumn<bool>("succeeded");
        QTest::addColumn<int>("errorType");
        QTest::addColumn<QString>("inMessage");
        using E = pw::model::ErrorType;
        QTest::newRow("completed") << "COMPLETED" << 0 << true << int(E::Unknown) << "";
        QTest::newRow("failed") << "FAILED" << 3 << false << int(E::Unknown) << "exit code 3 (Slurm job 9 FAILED)";
        QTest::newRow("mapped exit code") << "FAILED" << 2 << false << int(E::Connectivity) << "exit code 2";
        QTest::newRow("time limit") << "TIMEOUT" << -1 << false << int(E::Timeout) << "TIMEOUT";
        QTest::newRow("deadline") << "DEADLINE" << -1 << false << int(E::Timeout) << "DEADLINE";
        QTest::newRow("node failure") << "NODE_FAIL" << -1 << false << int(E::DelegateProvisioning) << "NODE_FAIL";
        QTest::newRow("boot failure") << "BOOT_FAIL" << -1 << false << int(E::DelegateProvisioning) << "BOOT_FAIL";
        QTest::newRow("preempted") << "PREEMPTED" << -1 << false << int(E::DelegateRestart) << "PREEMPTED";
        QTest::newRow("out of memory") << "OUT_OF_MEMORY" << 137 << false << int(E::Unknown) << "OUT_OF_MEMORY";
        QTest::newRow("cancelled by someone") << "CANCELLED by 0" << -1 << false << int(E::Unknown) << "cancelled outside";
        QTest::newRow("forgotten, exit file 0") << "" << 0 << true << int(E::Unknown) << "";
        QTest::newRow("forgotten, no exit file") << "" << -1 << false << int(E::Unknown) << "without an exit code";
    }

    void endedJobsBecomeOutcomesAsTheSpecSays()
    {
        QFETCH(QString, state);
        QFETCH(int, exitCode);
        QFETCH(bool, succeeded);
        QFETCH(int, errorType);
        QFETCH(QString, inMessage);
        JobState job;
        job.state = state;
        const AttemptOutcome outcome = outcomeOfJob(QStringLiteral("9"), job,
                                                    exitCode >= 0 ? std::optional(exitCode) : std::nullopt,
                                                    {{2, pw::model::ErrorType::Connectivity}});
        QCOMPARE(outcome.succeeded, succeeded);
        if (!succeeded) {
            QCOMPARE(int(outcome.errorType), errorType);
            QVERIFY2(outcome.message.contains(inMessage), qPrintable(outcome.message));
        }
    }

    void sbatchGetsTheResourcesAndNothingItShouldNotOverride()
    {
        pw::model::Executor executor;
        executor.type = pw::model::ExecutorType::Slurm;
        executor.partition = QStringLiteral("batch");
        executor.cpus = 4;
        executor.memory = QStringLiteral("8G");
        executor.account = QStringLiteral("ml");
        executor.extraArgs = {QStringLiteral("--gres=gpu:1")};
        const JobFiles files = JobFiles::forAttempt(QStringLiteral("/shared/run1"), QStringLiteral("train"), 2);
        QStringList arguments = sbatchArguments(executor, files, jobName(QStringLiteral("run1"), QStringLiteral("train"), 2),
                                                std::optional<qint64>(90 * 1000));
        QCOMPARE(arguments.last(), QStringLiteral("/shared/run1/pipewright-job.sh"));
        for (const char *expected : {"--parsable", "--job-name=pw:run1:train:2", "--output=/shared/run1/train.2.out",
                                     "--error=/shared/run1/train.2.err", "--partition=batch", "--cpus-per-task=4",
                                     "--mem=8G", "--account=ml", "--gres=gpu:1", "--no-requeue",
                                     "--time=2"}) // the step's 90 s timeout, in whole minutes
            QVERIFY2(arguments.contains(QLatin1String(expected)), expected);
        executor.time = pw::model::Duration::fromMilliseconds(2 * 60 * 60 * 1000);
        arguments = sbatchArguments(executor, files, QStringLiteral("n"), std::optional<qint64>(90 * 1000));
        QVERIFY(arguments.contains(QStringLiteral("--time=120"))); // the executor's own limit wins
        QVERIFY(!sbatchArguments(pw::model::Executor{}, files, QStringLiteral("n"), std::nullopt)
                     .join(u' ').contains(QStringLiteral("--time")));
    }

    // The wrapper, run here as a job would run it: exit code to the file, SIGTERM passed on.
    void theWrapperWritesTheCommandsExitCodeAndPassesTermOn()
    {
        QTemporaryDir dir;
        const JobFiles files = JobFiles::forAttempt(dir.path(), QStringLiteral("s"), 1);
        QVERIFY(!writeWrapper(files));
        QProcess job;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PW_JOB_COMMAND"), QStringLiteral("echo in $(pwd); exit 7"));
        environment.insert(QStringLiteral("PW_JOB_SHELL"), QStringLiteral("/bin/sh"));
        environment.insert(QStringLiteral("PW_JOB_WORKDIR"), QStringLiteral("/tmp"));
        environment.insert(QStringLiteral("PW_JOB_EXIT"), files.exitFile);
        job.setProcessEnvironment(environment);
        job.start(files.script, {});
        QVERIFY(job.waitForFinished(10000));
        QCOMPARE(job.exitCode(), 7);
        QCOMPARE(job.readAllStandardOutput().trimmed(), QByteArray("in /tmp"));
        QFile exitFile(files.exitFile);
        QVERIFY(exitFile.open(QIODevice::ReadOnly));
        QCOMPARE(exitFile.readAll().trimmed(), QByteArray("7"));

        environment.insert(QStringLiteral("PW_JOB_COMMAND"),
                           QStringLiteral("trap 'echo got TERM; exit 143' TERM; echo ready; sleep 30 & wait"));
        job.setProcessEnvironment(environment);
        job.start(files.script, {});
        QVERIFY(job.waitForReadyRead(10000));
        QCOMPARE(job.readAllStandardOutput().trimmed(), QByteArray("ready"));
        job.terminate(); // SIGTERM to the wrapper only, as Slurm's batch step gets it
        QVERIFY(job.waitForFinished(10000));
        QCOMPARE(job.readAllStandardOutput().trimmed(), QByteArray("got TERM"));
        QCOMPARE(job.exitCode(), 143);
    }
};

QTEST_GUILESS_MAIN(TestSlurmParts)
#include "tst_slurm_parts.moc"
