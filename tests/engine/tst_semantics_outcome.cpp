// semantics.md "Statuses": the warning rules, and "Stage, group and run outcome" in its order
// of precedence.
#include "RunHarness.h"

using namespace pw::engine;

class TestSemanticsOutcome : public QObject
{
    Q_OBJECT
private slots:
    void warnings_data();
    void warnings();
    void outcome_data();
    void outcome();
};

// Each row: a pipeline, the nodes that carry a warning (plan order), and the run's warning.
void TestSemanticsOutcome::warnings_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("expectedWarnings");
    QTest::addColumn<bool>("runWarning");

    const auto oneStep = [](const char *step) -> QByteArray {
        return QByteArray("pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n") + step;
    };
    QTest::newRow("warningOnRetry: success after a retry")
        << oneStep("          - step: {id: a, type: Fail, spec: {succeedOnAttempt: 2}, retry: {type: constant, "
                   "interval: 10ms, maxAttempts: 3, warningOnRetry: true}}\n")
        << list({"s", "a"}) << true;
    QTest::newRow("warningOnRetry: success at once")
        << oneStep("          - step: {id: a, type: Echo, spec: {message: hi}, retry: {type: constant, "
                   "interval: 10ms, maxAttempts: 3, warningOnRetry: true}}\n")
        << QStringList() << false;
    QTest::newRow("no warningOnRetry: success after a retry")
        << oneStep("          - step: {id: a, type: Fail, spec: {succeedOnAttempt: 2}, retry: {type: constant, "
                   "interval: 10ms, maxAttempts: 3}}\n")
        << QStringList() << false;
    QTest::newRow("MarkAsSuccess")
        << oneStep("          - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], "
                   "action: {type: MarkAsSuccess}}}]}\n")
        << list({"s", "a"}) << true;
    QTest::newRow("IgnoredFailure by Ignore")
        << oneStep("          - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], "
                   "action: {type: Ignore}}}]}\n")
        << list({"s", "a"}) << true;
    QTest::newRow("IgnoredFailure by catch")
        << oneStep("          - step: {id: a, type: Fail, catch: e}\n") << list({"s", "a"}) << true;
    QTest::newRow("a plain failure has none") << oneStep("          - step: {id: a, type: Fail}\n")
                                               << QStringList() << false;
    QTest::newRow("through nested groups to the stage")
        << oneStep("          - step: {id: x, type: Echo, spec: {message: hi}}\n"
                   "          - stepGroup:\n"
                   "              id: g1\n"
                   "              steps:\n"
                   "                - step: {id: y, type: Echo, spec: {message: hi}}\n"
                   "                - stepGroup:\n"
                   "                    id: g2\n"
                   "                    steps:\n"
                   "                      - step: {id: a, type: Fail, catch: e}\n")
        << list({"s", "g1", "g2", "a"}) << true;
    QTest::newRow("a failed rollback step warns the run")
        << oneStep("          - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], "
                   "action: {type: StageRollback}}}]}\n"
                   "        rollbackSteps:\n"
                   "          - step: {id: r, type: Fail}\n")
        << QStringList() << true;
    QTest::newRow("a failed stage error-handler step warns the run")
        << oneStep("          - step: {id: a, type: Fail}\n"
                   "        errorHandler:\n"
                   "          - step: {id: h, type: Fail}\n")
        << QStringList() << true;
    QTest::newRow("a failed group error-handler step warns the run")
        << oneStep("          - stepGroup:\n"
                   "              id: g\n"
                   "              steps:\n"
                   "                - step: {id: a, type: Fail}\n"
                   "              errorHandler:\n"
                   "                - step: {id: h, type: Fail}\n")
        << QStringList() << true;
    QTest::newRow("a failed pipeline error-handler step warns the run")
        << QByteArray("pipeline:\n  id: p\n  errorHandler:\n    - step: {id: h, type: Fail}\n"
                      "  stages:\n    - stage:\n        id: s\n        steps:\n"
                      "          - step: {id: a, type: Fail}\n")
        << QStringList() << true;
    QTest::newRow("a succeeding handler does not warn")
        << oneStep("          - step: {id: a, type: Fail}\n"
                   "        errorHandler:\n"
                   "          - step: {id: h, type: Echo, spec: {message: hi}}\n")
        << QStringList() << false;
}

void TestSemanticsOutcome::warnings()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, expectedWarnings);
    QFETCH(bool, runWarning);
    RunHarness harness;
    const auto snapshot = harness.run(yaml);
    QVERIFY(snapshot);
    QCOMPARE(warningNodes(*snapshot), expectedWarnings);
    QCOMPARE(snapshot->warning, runWarning);
}

// Each row: a pipeline, the statuses of its stages and groups, and the run's status.
void TestSemanticsOutcome::outcome_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("abortMs");
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<QStringList>("expectedStatuses");
    QTest::addColumn<QString>("runStatus");

    const QByteArray head = "pipeline:\n  id: p\n  maxParallel: 4\n  stages:\n";
    const QByteArray rollbackA =
        "          - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], "
        "action: {type: StageRollback}}}]}\n";

    QTest::newRow("group: Failed if any child Failed (over Skipped)") << head + R"(    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              steps:
                - step: {id: a, type: Fail}
                - step: {id: b, type: Echo, spec: {message: hi}}
)" << -1 << list({"s", "g", "a", "b"}) << list({"s=Failed", "g=Failed", "a=Failed", "b=Skipped"}) << s("Failed");

    QTest::newRow("group: Skipped by its own when, with everything inside") << head + R"(    - stage:
        id: s
        steps:
          - step: {id: x, type: Echo, spec: {message: hi}}
          - stepGroup:
              id: g
              when: {condition: "false"}
              steps:
                - step: {id: a, type: Echo, spec: {message: hi}}
              rollbackSteps:
                - step: {id: r, type: Echo, spec: {message: hi}}
              errorHandler:
                - step: {id: h, type: Echo, spec: {message: hi}}
)" << -1 << list({"s", "g", "a", "r", "h"})
        << list({"s=Succeeded", "g=Skipped", "a=Skipped", "r=Skipped", "h=Skipped"}) << s("Succeeded");

    QTest::newRow("group and stage: Skipped when all children are Skipped") << head + R"(    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              steps:
                - step: {id: a, type: Echo, spec: {message: hi}, when: {condition: "false"}}
                - step: {id: b, type: Echo, spec: {message: hi}, when: {stageStatus: Failure}}
)" << -1 << list({"s", "g", "a", "b"}) << list({"s=Skipped", "g=Skipped", "a=Skipped", "b=Skipped"})
        << s("Succeeded");

    QTest::newRow("group: Succeeded with some children Skipped") << head + R"(    - stage:
        id: s
        steps:
          - stepGroup:
              id: g
              steps:
                - step: {id: a, type: Echo, spec: {message: hi}}
                - step: {id: b, type: Echo, spec: {message: hi}, when: {condition: "false"}}
)" << -1 << list({"s", "g", "a", "b"}) << list({"s=Succeeded", "g=Succeeded", "a=Succeeded", "b=Skipped"})
        << s("Succeeded");

    QTest::newRow("stage: RolledBack over Failed") << head + "    - stage:\n        id: s\n        steps:\n" + rollbackA
        << -1 << list({"s", "a"}) << list({"s=RolledBack", "a=Failed"}) << s("RolledBack");

    QTest::newRow("stage: Aborted over Failed (Abort action)") << head + R"(    - stage:
        id: s
        steps:
          - step: {id: a, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Abort}}}]}
)" << -1 << list({"s", "a"}) << list({"s=Aborted", "a=Failed"}) << s("Aborted");

    QTest::newRow("stage: RolledBack over Aborted; run: Aborted over RolledBack") << head + R"(    - stage:
        id: s
        steps:
)" + rollbackA + R"(        rollbackSteps:
          - step: {id: r, type: Wait, spec: {duration: 5s}}
)" << 150 << list({"s", "a", "r"}) << list({"s=RolledBack", "a=Failed", "r=Aborted"}) << s("Aborted");

    QTest::newRow("stage: not Aborted when it ended before the abort") << head + R"(    - stage:
        id: s1
        steps:
          - step: {id: a, type: Echo, spec: {message: hi}}
    - stage:
        id: s2
        steps:
          - step: {id: w, type: Wait, spec: {duration: 5s}}
)" << 150 << list({"s1", "a", "s2", "w"}) << list({"s1=Succeeded", "a=Succeeded", "s2=Aborted", "w=Aborted"})
        << s("Aborted");

    QTest::newRow("stage: Skipped by its own when, with everything inside") << head + R"(    - stage:
        id: s1
        steps:
          - step: {id: a, type: Echo, spec: {message: hi}}
    - stage:
        id: s2
        when: {pipelineStatus: Failure}
        steps:
          - stepGroup:
              id: g
              steps:
                - step: {id: b, type: Echo, spec: {message: hi}}
        rollbackSteps:
          - step: {id: r, type: Echo, spec: {message: hi}}
        errorHandler:
          - step: {id: h, type: Echo, spec: {message: hi}}
)" << -1 << list({"s1", "s2", "g", "b", "r", "h"})
        << list({"s1=Succeeded", "s2=Skipped", "g=Skipped", "b=Skipped", "r=Skipped", "h=Skipped"})
        << s("Succeeded");

    QTest::newRow("run: Aborted over Failed") << head + R"(    - stage:
        id: s1
        steps:
          - step: {id: a, type: Fail}
    - stage:
        id: s2
        when: {pipelineStatus: All}
        steps:
          - step: {id: b, type: Fail, failureStrategies: [{onFailure: {errors: [AllErrors], action: {type: Abort}}}]}
)" << -1 << list({"s1", "s2"}) << list({"s1=Failed", "s2=Aborted"}) << s("Aborted");

    QTest::newRow("run: user abort over Failed") << head + R"(    - stage:
        id: s1
        steps:
          - step: {id: a, type: Fail}
    - stage:
        id: s2
        when: {pipelineStatus: All}
        steps:
          - step: {id: w, type: Wait, spec: {duration: 5s}}
)" << 150 << list({"s1", "s2", "w"}) << list({"s1=Failed", "s2=Aborted", "w=Aborted"}) << s("Aborted");

    QTest::newRow("run: Failed over RolledBack") << head + "    - stage:\n        id: s1\n        steps:\n" + rollbackA
            + R"(    - stage:
        id: s2
        when: {pipelineStatus: All}
        steps:
          - step: {id: b, type: Fail}
)" << -1 << list({"s1", "s2"}) << list({"s1=RolledBack", "s2=Failed"}) << s("Failed");

    QTest::newRow("run: run timeout Failed over RolledBack") << QByteArray("pipeline:\n  id: p\n  maxParallel: 4\n  timeout: 200ms\n  stages:\n")
            + "    - stage:\n        id: s1\n        steps:\n" + rollbackA + R"(    - stage:
        id: s2
        when: {pipelineStatus: All}
        steps:
          - step: {id: w, type: Wait, spec: {duration: 5s}}
)" << -1 << list({"s1", "s2", "w"}) << list({"s1=RolledBack", "s2=Aborted", "w=Aborted"}) << s("Failed");

    QTest::newRow("run: RolledBack") << head + "    - stage:\n        id: s1\n        steps:\n" + rollbackA + R"(    - stage:
        id: s2
        steps:
          - step: {id: b, type: Echo, spec: {message: hi}}
)" << -1 << list({"s1", "s2", "b"}) << list({"s1=RolledBack", "s2=Skipped", "b=Skipped"}) << s("RolledBack");

    QTest::newRow("run: Succeeded with warnings and skipped stages") << head + R"(    - stage:
        id: s1
        steps:
          - step: {id: a, type: Fail, catch: e}
    - stage:
        id: s2
        when: {pipelineStatus: Failure}
        steps:
          - step: {id: b, type: Echo, spec: {message: hi}}
)" << -1 << list({"s1", "s2"}) << list({"s1=Succeeded", "s2=Skipped"}) << s("Succeeded");
}

void TestSemanticsOutcome::outcome()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, abortMs);
    QFETCH(QStringList, nodes);
    QFETCH(QStringList, expectedStatuses);
    QFETCH(QString, runStatus);
    RunHarness harness;
    if (abortMs >= 0)
        harness.abortAfterMs = abortMs;
    const auto snapshot = harness.run(yaml);
    QVERIFY(snapshot);
    QCOMPARE(statusesOf(*snapshot, nodes), expectedStatuses);
    QCOMPARE(toString(snapshot->status), runStatus);
    // Pending never appears in a final report.
    for (const NodeState &node : snapshot->nodes)
        QVERIFY2(isFinal(node.status), qPrintable(node.id + u'=' + toString(node.status)));
}

QTEST_GUILESS_MAIN(TestSemanticsOutcome)
#include "tst_semantics_outcome.moc"
