#include "RunHarness.h"

using namespace pw::engine;

class TestEngineSmoke : public QObject
{
    Q_OBJECT
private slots:
    void echoChain()
    {
        RunHarness harness;
        const auto snapshot = harness.run(R"(pipeline:
  id: p
  stages:
    - stage:
        id: s
        steps:
          - step: {id: a, type: Echo, spec: {message: hello}}
          - step: {id: b, type: Fail, spec: {succeedOnAttempt: 3}, retry: {type: constant, interval: 10ms, maxAttempts: 3}}
          - step: {id: c, type: Fail}
          - step: {id: d, type: Echo, spec: {message: x}}
          - step: {id: e, type: Echo, spec: {message: "{{ steps.c.error.type }}"}, when: {stageStatus: Failure}}
)");
        QVERIFY(snapshot);
        qDebug().noquote() << statuses(*snapshot).join(u' ');
        qDebug().noquote() << eventTrail(*snapshot).join(u'\n');
        QCOMPARE(toString(snapshot->status), QStringLiteral("Failed"));
    }
};

QTEST_GUILESS_MAIN(TestEngineSmoke)
#include "tst_engine_smoke.moc"
