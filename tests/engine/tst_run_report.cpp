// The run report's own formatting (engine/RunReport.cpp, JsonTextWriter): valid JSON laid out
// exactly as Qt lays it out, times as cli.md spells them, every node and field present.
#include "engine/RunReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

using pw::engine::isoTime;
using pw::engine::NodeState;
using pw::engine::NodeStatus;
using pw::engine::RunEvent;
using pw::engine::RunSnapshot;

namespace {

// The report as an object, after checking that it is JSON that Qt writes back byte for byte:
// valid, keys in order, numbers and escapes as QJsonDocument::Indented has them.
QJsonObject parsedReport(const RunSnapshot &snapshot)
{
    const QByteArray text = pw::engine::runReportText(snapshot);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning("not JSON: %s at %d", qPrintable(error.errorString()), error.offset);
        return {};
    }
    const QByteArray again = document.toJson(QJsonDocument::Indented);
    if (again != text) {
        qsizetype at = 0;
        while (at < text.size() && at < again.size() && text[at] == again[at])
            ++at;
        qWarning("differs from Qt's layout at byte %lld: ours '%s' | Qt's '%s'", qlonglong(at),
                 text.mid(qMax<qsizetype>(0, at - 40), 80).constData(),
                 again.mid(qMax<qsizetype>(0, at - 40), 80).constData());
        return {};
    }
    return document.object();
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list)
        result << QString::fromLatin1(name);
    return result;
}

} // namespace

class TestRunReport : public QObject
{
    Q_OBJECT

private slots:
    void isoTimeIsUtcWithMilliseconds_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QString>("expected");
        const QTimeZone utc = QTimeZone::utc();
        QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, utc)
                               << QStringLiteral("1970-01-01T00:00:00.000Z");
        QTest::newRow("today") << QDateTime(QDate(2026, 11, 22), QTime(17, 5, 15, 123), utc)
                               << QStringLiteral("2026-11-22T17:05:15.123Z");
        QTest::newRow("leap day, last ms")
            << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), utc)
            << QStringLiteral("2024-02-29T23:59:59.999Z");
        QTest::newRow("before the epoch") << QDateTime::fromMSecsSinceEpoch(-1, utc)
                                          << QStringLiteral("1969-12-31T23:59:59.999Z");
        QTest::newRow("offset is converted")
            << QDateTime(QDate(2026, 1, 1), QTime(2, 30), QTimeZone(5 * 3600 + 1800))
            << QStringLiteral("2025-12-31T21:00:00.000Z");
        QTest::newRow("invalid") << QDateTime() << QString();
    }

    void isoTimeIsUtcWithMilliseconds()
    {
        QFETCH(QDateTime, time);
        QFETCH(QString, expected);
        QCOMPARE(isoTime(time), expected);
    }

    void isoTimeMatchesQtsIsoFormat()
    {
        // Any instant from 1900 to 2100 reads exactly as Qt spells it in UTC (with "Z").
        QRandomGenerator random(20261122);
        const qint64 from = QDateTime(QDate(1900, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        const qint64 to = QDateTime(QDate(2100, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        for (int i = 0; i < 5000; ++i) {
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(random.bounded(from, to), QTimeZone::utc());
            QCOMPARE(isoTime(time), time.toUTC().toString(Qt::ISODateWithMs));
        }
    }

    void everyNodeIsReportedWhateverTheOrder()
    {
        RunSnapshot snapshot;
        snapshot.runId = QStringLiteral("r");
        const QStringList ids{QStringLiteral("s10"), QStringLiteral("b"), QStringLiteral("s2"),
                              QStringLiteral("a"), QStringLiteral("s1")};
        for (const QString &id : ids) {
            NodeState node;
            node.id = id;
            node.status = id == QLatin1String("b") ? NodeStatus::Failed : NodeStatus::Succeeded;
            node.attempts = int(id.size());
            snapshot.nodes.append(node);
        }
        const QJsonObject nodes = parsedReport(snapshot).value(QStringLiteral("nodes")).toObject();
        QCOMPARE(nodes.size(), ids.size());
        for (const QString &id : ids) {
            const QJsonObject node = nodes.value(id).toObject();
            QCOMPARE(node.value(QStringLiteral("status")).toString(),
                     id == QLatin1String("b") ? QStringLiteral("Failed") : QStringLiteral("Succeeded"));
            QCOMPARE(node.value(QStringLiteral("attempts")).toInt(), int(id.size()));
        }
    }

    void everyFieldAsTheSpecNamesIt()
    {
        using namespace pw::engine;
        const QDateTime t0 = QDateTime(QDate(2026, 11, 22), QTime(10, 0), QTimeZone::utc());
        RunSnapshot snapshot;
        snapshot.runId = QStringLiteral("20261122-100000-abcd");
        snapshot.originRunId = QStringLiteral("20261121-090000-ef01");
        snapshot.pipelineId = QStringLiteral("deploy");
        snapshot.status = RunStatus::Failed;
        snapshot.warning = true;
        snapshot.startedAt = t0;
        snapshot.endedAt = t0.addMSecs(1500);
        // Text that needs escaping, non-ASCII text, numbers of both kinds, nesting.
        snapshot.inputs = {{QStringLiteral("env"), QStringLiteral("prod \"eu\"\n\tüñí \u0001")},
                           {QStringLiteral("replicas"), 3},
                           {QStringLiteral("ratio"), 0.25},
                           {QStringLiteral("dry"), false}};
        snapshot.vars = {{QStringLiteral("catch"), QVariantMap{{QStringLiteral("x"), QStringLiteral("y")}}}};
        snapshot.error = RunError{pw::model::ErrorType::Timeout, QStringLiteral("timed out"),
                                  QStringLiteral("t1"), QStringLiteral("build")};

        NodeState stage;
        stage.id = QStringLiteral("build");
        stage.kind = NodeKind::Stage;
        stage.status = NodeStatus::Failed;
        stage.startedAt = t0;
        NodeState group;
        group.id = QStringLiteral("g");
        group.kind = NodeKind::Group;
        group.stage = QStringLiteral("build");
        group.parents = {QStringLiteral("build")};
        NodeState step;
        step.id = QStringLiteral("t1");
        step.stage = QStringLiteral("build");
        step.parents = {QStringLiteral("build"), QStringLiteral("g")};
        step.status = NodeStatus::Failed;
        step.attempts = 2;
        step.error = NodeError{pw::model::ErrorType::Timeout, QStringLiteral("timed out")};
        step.outputs = {{QStringLiteral("version"), QStringLiteral("1.2")}};
        step.startedAt = t0;
        step.endedAt = t0.addMSecs(1400);
        snapshot.nodes = {stage, group, step};

        const auto event = [&](int ms, const char *name) {
            RunEvent made;
            made.at = t0.addMSecs(ms);
            made.node = QStringLiteral("t1");
            made.event = QString::fromLatin1(name);
            return made;
        };
        RunEvent started = event(0, "attemptStarted");
        started.attempt = 1;
        RunEvent retry = event(10, "retryScheduled");
        retry.attempt = 1;
        retry.delayMs = 250;
        retry.errorType = pw::model::ErrorType::Timeout;
        RunEvent decided = event(20, "decided");
        decided.decision = QStringLiteral("Retry");
        decided.by = QStringLiteral("user");
        RunEvent ended = event(30, "ended");
        ended.status = NodeStatus::Failed;
        snapshot.events = {started, retry, decided, ended};

        InterventionRecord record;
        record.request.step = QStringLiteral("t1");
        record.request.kind = RequestKind::Intervention;
        record.request.requestedAt = t0.addMSecs(15);
        record.decision = QStringLiteral("Retry");
        record.by = QStringLiteral("user");
        record.comment = QStringLiteral("once more");
        record.decidedAt = t0.addMSecs(20);
        snapshot.interventions = {record};

        const QJsonObject report = parsedReport(snapshot);
        QVERIFY(!report.isEmpty());
        QCOMPARE(report.value(QStringLiteral("runId")).toString(), snapshot.runId);
        QCOMPARE(report.value(QStringLiteral("originRunId")).toString(), snapshot.originRunId);
        QCOMPARE(report.value(QStringLiteral("pipeline")).toString(), QStringLiteral("deploy"));
        QCOMPARE(report.value(QStringLiteral("status")).toString(), QStringLiteral("Failed"));
        QCOMPARE(report.value(QStringLiteral("warning")).toBool(), true);
        QCOMPARE(report.value(QStringLiteral("startedAt")).toString(), QStringLiteral("2026-11-22T10:00:00.000Z"));
        QCOMPARE(report.value(QStringLiteral("endedAt")).toString(), QStringLiteral("2026-11-22T10:00:01.500Z"));
        QCOMPARE(report.value(QStringLiteral("inputs")).toObject().toVariantMap(), snapshot.inputs);
        QCOMPARE(report.value(QStringLiteral("vars")).toObject().toVariantMap(), snapshot.vars);
        const QJsonObject error = report.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("Timeout"));
        QCOMPARE(error.value(QStringLiteral("step")).toString(), QStringLiteral("t1"));
        QCOMPARE(error.value(QStringLiteral("stage")).toString(), QStringLiteral("build"));

        const QJsonObject nodes = report.value(QStringLiteral("nodes")).toObject();
        QCOMPARE(nodes.value(QStringLiteral("build")).toObject().keys(),
                 names({"endedAt", "kind", "startedAt", "status", "warning"}));
        QCOMPARE(nodes.value(QStringLiteral("g")).toObject().keys(),
                 names({"endedAt", "kind", "parents", "role", "stage", "startedAt", "status", "warning"}));
        const QJsonObject t1 = nodes.value(QStringLiteral("t1")).toObject();
        QCOMPARE(t1.keys(), names({"attempts", "cloned", "endedAt", "error", "kind", "outputs", "parents",
                                         "role", "stage", "startedAt", "status", "warning"}));
        QCOMPARE(t1.value(QStringLiteral("attempts")).toInt(), 2);
        QCOMPARE(t1.value(QStringLiteral("parents")).toArray(), QJsonArray({QStringLiteral("build"), QStringLiteral("g")}));
        QCOMPARE(t1.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("Timeout"));
        QCOMPARE(t1.value(QStringLiteral("outputs")).toObject().value(QStringLiteral("version")).toString(),
                 QStringLiteral("1.2"));
        QVERIFY(nodes.value(QStringLiteral("build")).toObject().value(QStringLiteral("endedAt")).isNull());

        const QJsonArray events = report.value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 4);
        QCOMPARE(events.at(0).toObject().keys(), names({"at", "attempt", "event", "node"}));
        QCOMPARE(events.at(1).toObject().value(QStringLiteral("delayMs")).toInt(), 250);
        QCOMPARE(events.at(1).toObject().value(QStringLiteral("errorType")).toString(), QStringLiteral("Timeout"));
        QCOMPARE(events.at(2).toObject().value(QStringLiteral("by")).toString(), QStringLiteral("user"));
        QCOMPARE(events.at(3).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("Failed"));

        const QJsonObject intervention = report.value(QStringLiteral("interventions")).toArray().at(0).toObject();
        QCOMPARE(intervention.keys(), names({"by", "comment", "decidedAt", "decision", "kind",
                                                   "requestedAt", "step"}));
        QCOMPARE(intervention.value(QStringLiteral("kind")).toString(), QStringLiteral("intervention"));
        QCOMPARE(intervention.value(QStringLiteral("comment")).toString(), QStringLiteral("once more"));
    }

    void emptyRunIsStillWholeJson()
    {
        RunSnapshot snapshot;
        const QJsonObject report = parsedReport(snapshot);
        QCOMPARE(report.keys(), names({"endedAt", "error", "events", "inputs", "interventions", "nodes",
                                             "originRunId", "pipeline", "runId", "startedAt", "status", "vars",
                                             "warning"}));
        QVERIFY(report.value(QStringLiteral("error")).isNull());
        QVERIFY(report.value(QStringLiteral("originRunId")).isNull());
        QVERIFY(report.value(QStringLiteral("events")).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRunReport)
#include "tst_run_report.moc"
