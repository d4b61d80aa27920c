// Which nodes a resume reuses (engine/store/ResumePlan, semantics.md "Runs, storage and
// resume"), and what a resumed run does with them.
#include "RunHarness.h"

#include "engine/run/RunPlan.h"
#include "engine/store/ResumePlan.h"

using namespace pw::engine;

namespace {

// The original run's nodes from "id=Status" words; kinds and roles from the pipeline itself
// (a test can override a kind with "id=Status/group").
QList<NodeState> originalNodes(const pw::model::Pipeline &pipeline, const QString &statuses)
{
    const RunPlan plan(pipeline);
    QHash<QString, QString> given;
    for (const QString &word : statuses.split(u' ', Qt::SkipEmptyParts))
        given.insert(word.section(u'=', 0, 0), word.section(u'=', 1));
    QList<NodeState> nodes;
    for (const PlannedNode &planned : plan.nodes()) {
        NodeState node;
        node.id = planned.id;
        node.kind = planned.kind;
        node.role = planned.role;
        const QString status = given.value(planned.id, QStringLiteral("Skipped"));
        node.status = parseNodeStatus(status.section(u'/', 0, 0)).value_or(NodeStatus::Skipped);
        if (status.contains(u'/'))
            node.kind = parseNodeKind(status.section(u'/', 1)).value_or(node.kind);
        node.outputs = {{QStringLiteral("from"), planned.id}};
        nodes << node;
    }
    return nodes;
}

pw::model::Pipeline load(const QByteArray &yaml)
{
    const auto loaded = pw::model::loadPipeline(yaml);
    if (!loaded.pipeline || loaded.hasErrors()) {
        for (const auto &problem : loaded.problems)
            qWarning("%s", qPrintable(pw::model::formatProblem(QStringLiteral("test"), problem)));
        return {};
    }
    return *loaded.pipeline;
}

QStringList sortedReuse(const ResumePlan &plan)
{
    QStringList ids = plan.reuse.keys();
    ids.sort();
    return ids;
}

const QByteArray kChain = R"(pipeline:
  id: p
  stages:
    - stage:
        id: s1
        steps:
          - step: {id: a, type: Echo, spec: {message: a}}
          - step: {id: b, type: Echo, spec: {message: b}}
          - step: {id: c, type: Echo, spec: {message: c}}
        rollbackSteps:
          - step: {id: r, type: Echo, spec: {message: r}}
    - stage:
        id: s2
        steps:
          - step: {id: d, type: Echo, spec: {message: d}}
)";

const QByteArray kShapes = R"(pipeline:
  id: p
  stages:
    - stage:
        id: s1
        steps:
          - parallel:
              - step: {id: p1, type: Echo, spec: {message: p1}}
              - step: {id: p2, type: Echo, spec: {message: p2}}
          - stepGroup:
              id: g
              steps:
                - step: {id: x, type: Echo, spec: {message: x}}
                - step: {id: y, type: Echo, spec: {message: y}}
          - step: {id: z, type: Echo, spec: {message: z}}
    - parallel:
        - stage:
            id: s2
            steps:
              - step: {id: e, type: Echo, spec: {message: e}}
        - stage:
            id: s3
            steps:
              - step: {id: f, type: Echo, spec: {message: f}}
    - stage:
        id: s4
        steps:
          - step: {id: h, type: Echo, spec: {message: h}}
  errorHandler:
    - step: {id: handler, type: Echo, spec: {message: handler}}
)";

} // namespace

class TestResumePlan : public QObject
{
    Q_OBJECT
private slots:
    void plan_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("original");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QStringList>("reused");

        QTest::newRow("chain stops at the failure") << kChain << s("s1=Failed a=Succeeded b=Failed c=Aborted s2=Skipped d=Skipped")
                                                    << QString() << list({"a"});
        QTest::newRow("everything after a re-run runs") << kChain << s("s1=Failed a=Succeeded b=Failed c=Succeeded s2=Succeeded d=Succeeded")
                                                        << QString() << list({"a"});
        QTest::newRow("IgnoredFailure is reused") << kChain << s("s1=Failed a=IgnoredFailure b=Succeeded c=Failed")
                                                  << QString() << list({"a", "b"});
        QTest::newRow("skipped nodes do not break the chain") << kChain << s("s1=Failed a=Succeeded b=Skipped c=Succeeded s2=Failed d=Failed")
                                                              << QString() << list({"a", "c"});
        QTest::newRow("a whole stage is reused") << kChain << s("s1=Succeeded a=Succeeded b=Succeeded c=Succeeded s2=Failed d=Failed")
                                                 << QString() << list({"a", "b", "c", "s1"});
        QTest::newRow("rollback steps never") << kChain << s("s1=RolledBack a=Succeeded b=Failed r=Succeeded")
                                              << QString() << list({"a"});
        QTest::newRow("--from a step") << kChain << s("s1=Succeeded a=Succeeded b=Succeeded c=Succeeded s2=Succeeded d=Succeeded")
                                       << s("b") << list({"a"});
        QTest::newRow("--from a stage") << kChain << s("s1=Succeeded a=Succeeded b=Succeeded c=Succeeded s2=Succeeded d=Succeeded")
                                        << s("s2") << list({"a", "b", "c", "s1"});
        QTest::newRow("--from the first stage") << kChain << s("s1=Succeeded a=Succeeded b=Succeeded c=Succeeded s2=Succeeded d=Succeeded")
                                                << s("s1") << QStringList();
        QTest::newRow("a node whose kind changed is not reused") << kChain << s("s1=Failed a=Succeeded/group b=Succeeded c=Failed")
                                                                  << QString() << QStringList();
        QTest::newRow("parallel siblings do not count") << kShapes << s("s1=Failed p1=Succeeded p2=Failed g=Succeeded x=Succeeded y=Succeeded z=Succeeded")
                                                        << QString() << list({"p1"});
        QTest::newRow("--from a parallel item keeps its sibling") << kShapes << s("s1=Succeeded p1=Succeeded p2=Succeeded g=Succeeded x=Succeeded y=Succeeded z=Succeeded")
                                                                  << s("p2") << list({"p1"});
        QTest::newRow("group reused whole") << kShapes << s("s1=Failed p1=Succeeded p2=Succeeded g=Succeeded x=Succeeded y=Succeeded z=Failed")
                                            << QString() << list({"g", "p1", "p2", "x", "y"});
        QTest::newRow("group partly reused") << kShapes << s("s1=Failed p1=Succeeded p2=Succeeded g=Failed x=Succeeded y=Failed z=Aborted")
                                             << QString() << list({"p1", "p2", "x"});
        QTest::newRow("--from inside a group") << kShapes << s("s1=Succeeded p1=Succeeded p2=Succeeded g=Succeeded x=Succeeded y=Succeeded z=Succeeded")
                                               << s("y") << list({"p1", "p2", "x"});
        QTest::newRow("parallel stages") << kShapes
                                         << s("s1=Succeeded p1=Succeeded p2=Succeeded g=Succeeded x=Succeeded y=Succeeded z=Succeeded "
                                              "s2=Succeeded e=Succeeded s3=Failed f=Failed s4=Skipped h=Skipped handler=Succeeded")
                                         << QString() << list({"e", "g", "p1", "p2", "s1", "s2", "x", "y", "z"});
    }

    void plan()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, original);
        QFETCH(QString, from);
        QFETCH(QStringList, reused);
        const pw::model::Pipeline pipeline = load(yaml);
        QVERIFY(!pipeline.id.isEmpty());
        QCOMPARE(sortedReuse(planResume(pipeline, originalNodes(pipeline, original), from)), reused);
    }

    // A node that is new in the fixed file runs, and so does everything after it.
    void newNodeBreaksTheChain()
    {
        const pw::model::Pipeline before = load(kChain);
        QByteArray fixed = kChain;
        fixed.replace("          - step: {id: b,", "          - step: {id: added, type: Echo, spec: {message: n}}\n          - step: {id: b,");
        const pw::model::Pipeline after = load(fixed);
        QVERIFY(!after.id.isEmpty());
        const auto plan = planResume(after, originalNodes(before, s("s1=Failed a=Succeeded b=Succeeded c=Failed")));
        QCOMPARE(sortedReuse(plan), list({"a"}));
    }

    // A resumed run clones what it reuses (only a `cloned` event, outputs and vars copied,
    // visible to expressions) and runs the rest.
    void resumedRunUsesClonedOutputs()
    {
        const QByteArray broken = R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: make, type: Shell, spec: {command: "echo version=1.2.3 >> $PW_OUTPUT"}}
          - step: {id: soft, type: Fail, catch: soft_error}
          - step: {id: ship, type: Shell, spec: {command: "test -n \"{{ steps.make.outputs.version }}\" && exit 3"}}
          - step: {id: tell, type: Echo, spec: {message: "shipped {{ steps.make.outputs.version }} after {{ vars.soft_error.type }}"}}
)";
        RunHarness first;
        const auto original = first.run(broken);
        QVERIFY(original);
        QCOMPARE(toString(original->status), s("Failed"));

        QByteArray fixed = broken;
        fixed.replace("&& exit 3", "&& exit 0");
        const pw::model::Pipeline pipeline = load(fixed);
        RunHarness second;
        second.reuse = planResume(pipeline, original->nodes).reuse;
        second.originRunId = original->runId;
        QCOMPARE(sortedReuse({second.reuse}), list({"make", "soft"}));
        const auto resumed = second.run(fixed);
        QVERIFY(resumed);
        traceIfAsked(*resumed);
        QCOMPARE(toString(resumed->status), s("Succeeded"));
        QCOMPARE(resumed->originRunId, original->runId);
        QCOMPARE(eventTrail(*resumed, list({"make", "soft"})), list({"make:cloned", "soft:cloned"}));
        const NodeState *make = findNode(*resumed, s("make"));
        QVERIFY(make && make->cloned);
        QCOMPARE(make->outputs.value(s("version")).toString(), s("1.2.3"));
        QCOMPARE(toString(findNode(*resumed, s("soft"))->status), s("IgnoredFailure"));
        QCOMPARE(findNode(*resumed, s("ship"))->attempts, 1);
        QCOMPARE(findNode(*resumed, s("tell"))->outputs.value(s("message")).toString(),
                 s("shipped 1.2.3 after Unknown"));
        QCOMPARE(resumed->vars.value(s("soft_error")).toMap().value(s("step")).toString(), s("soft"));
    }
};

QTEST_GUILESS_MAIN(TestResumePlan)
#include "tst_resume_plan.moc"
