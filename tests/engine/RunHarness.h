#pragma once

#include "engine/Engine.h"
#include "engine/RunReport.h"
#include "model/PipelineFile.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <functional>
#include <limits>

// Runs a pipeline text on an Engine in the test's thread and returns its final snapshot,
// answering interventions and approvals as a test tells it to.
struct RunHarness
{
    // Called for each request; return the decision to give at once, or empty to let it wait.
    std::function<QString(const pw::engine::InterventionRequest &)> answer;
    QVariantMap inputs;
    QHash<QString, QString> secrets;
    QString workingDir;
    std::optional<int> maxParallel;
    QList<pw::engine::InterventionRequest> requests;
    QString databasePath; // runs are stored there when set
    bool acknowledgeLines = true; // false: a live reader that never keeps up
    QHash<QString, pw::engine::NodeState> reuse; // a resume's reused nodes
    QString originRunId;

    // --- optional extras (all off by default) ---
    // Called for each request after `answer`, with the engine: for decisions with a comment,
    // decisions given later (from a timer), or several decisions on one request.
    std::function<void(pw::engine::Engine &, const pw::engine::InterventionRequest &)> onRequest;
    // Called for every event as the engine publishes it (batched, so up to ~30 ms late).
    std::function<void(pw::engine::Engine &, const QString &runId, const pw::engine::RunEvent &)> onEvent;
    // A user abort this long after the run was started.
    std::optional<int> abortAfterMs;
    // What the engine published besides the final snapshot.
    QList<pw::engine::LogLine> logLines;
    QList<QPair<pw::engine::Decision, QString>> refusals; // decisionRefused: decision, reason
    QList<pw::engine::InterventionRecord> decidedRecords; // interventionDecided (incl. closed ones)
    QString runId;

    std::optional<pw::engine::RunSnapshot> run(const QByteArray &yaml, int timeoutMs = 20000)
    {
        const std::optional<pw::engine::RunRequest> request = makeRequest(yaml);
        if (!request)
            return std::nullopt;
        pw::engine::Engine engine(databasePath);
        connectTo(engine);
        QSignalSpy finished(&engine, &pw::engine::Engine::runFinished);
        engine.startRun(*request);
        if (abortAfterMs) {
            const QString id = runId;
            QTimer::singleShot(*abortAfterMs, Qt::PreciseTimer, &engine, [&engine, id] { engine.abortRun(id); });
        }
        if (!finished.wait(timeoutMs))
            return std::nullopt;
        // Let whatever the engine still posts (refusals of late decisions) arrive.
        QCoreApplication::processEvents();
        return finished.first().first().value<pw::engine::RunSnapshot>();
    }

    std::optional<pw::engine::RunRequest> makeRequest(const QByteArray &yaml)
    {
        const pw::model::LoadResult loaded = pw::model::loadPipeline(yaml);
        if (!loaded.pipeline || loaded.hasErrors()) {
            for (const auto &problem : loaded.problems)
                qWarning("%s", qPrintable(pw::model::formatProblem(QStringLiteral("test"), problem)));
            return std::nullopt;
        }
        pw::engine::RunRequest request;
        request.pipeline = *loaded.pipeline;
        request.pipelineText = yaml;
        for (const auto &input : loaded.pipeline->inputs) {
            if (!inputs.contains(input.id) && input.defaultValue)
                inputs.insert(input.id, *input.defaultValue);
        }
        request.inputs = inputs;
        request.secrets = secrets;
        request.workingDir = workingDir;
        request.maxParallel = maxParallel;
        request.reuse = reuse;
        request.originRunId = originRunId;
        request.user = QStringLiteral("tester");
        return request;
    }

    // Hooks this harness's callbacks and collections to an engine (one run at a time).
    void connectTo(pw::engine::Engine &engine)
    {
        QObject::connect(&engine, &pw::engine::Engine::runStarted, &engine,
                         [this](const QString &id, const pw::engine::RunSnapshot &) { runId = id; });
        QObject::connect(&engine, &pw::engine::Engine::interventionRequested, &engine,
                         [this, &engine](const pw::engine::InterventionRequest &r) {
            requests << r;
            const QString decision = answer ? answer(r) : QString();
            if (!decision.isEmpty())
                engine.decide({r.id, decision, QStringLiteral("user"), {}, {}});
            if (onRequest)
                onRequest(engine, r);
        });
        QObject::connect(&engine, &pw::engine::Engine::eventsAdded, &engine,
                         [this, &engine](const QString &id, const QList<pw::engine::RunEvent> &events) {
            if (!onEvent)
                return;
            for (const auto &event : events)
                onEvent(engine, id, event);
        });
        QObject::connect(&engine, &pw::engine::Engine::logLinesAdded, &engine,
                         [this, &engine](const QString &id, const QList<pw::engine::LogLine> &lines) {
            logLines += lines;
            if (acknowledgeLines)
                engine.acknowledgeLogLines(id);
        });
        QObject::connect(&engine, &pw::engine::Engine::decisionRefused, &engine,
                         [this](const pw::engine::Decision &d, const QString &reason) { refusals.append({d, reason}); });
        QObject::connect(&engine, &pw::engine::Engine::interventionDecided, &engine,
                         [this](const QString &, const pw::engine::InterventionRecord &record) { decidedRecords << record; });
    }
};

inline const pw::engine::NodeState *findNode(const pw::engine::RunSnapshot &snapshot, const QString &id)
{
    for (const auto &node : snapshot.nodes) {
        if (node.id == id)
            return &node;
    }
    return nullptr;
}

// "id:event" for each event of the given nodes (all when empty), in order.
inline QStringList eventTrail(const pw::engine::RunSnapshot &snapshot, const QStringList &nodes = {})
{
    QStringList trail;
    for (const auto &event : snapshot.events) {
        if (!nodes.isEmpty() && !nodes.contains(event.node))
            continue;
        QString entry = event.node + u':' + event.event;
        if (event.attempt > 0 && event.event != QLatin1String("waiting"))
            entry += u'#' + QString::number(event.attempt);
        if (event.status)
            entry += u'=' + pw::engine::toString(*event.status);
        if (!event.decision.isEmpty())
            entry += u'=' + event.decision + u'/' + event.by;
        trail << entry;
    }
    return trail;
}

// "id=Status" for every node, in plan order.
inline QStringList statuses(const pw::engine::RunSnapshot &snapshot)
{
    QStringList list;
    for (const auto &node : snapshot.nodes)
        list << node.id + u'=' + pw::engine::toString(node.status);
    return list;
}

// --- helpers for the semantics suites ---

// "id=Status" for the given nodes, in the order given ("id=<missing>" for an unknown id).
inline QStringList statusesOf(const pw::engine::RunSnapshot &snapshot, const QStringList &ids)
{
    QStringList list;
    for (const QString &id : ids) {
        const auto *node = findNode(snapshot, id);
        list << id + u'=' + (node ? pw::engine::toString(node->status) : QStringLiteral("<missing>"));
    }
    return list;
}

// The ids of the nodes that carry a warning, in plan order.
inline QStringList warningNodes(const pw::engine::RunSnapshot &snapshot)
{
    QStringList list;
    for (const auto &node : snapshot.nodes) {
        if (node.warning)
            list << node.id;
    }
    return list;
}

// The n-th (0-based) event of a node with that name (and that attempt, when > 0).
inline const pw::engine::RunEvent *findEvent(const pw::engine::RunSnapshot &snapshot, const QString &node,
                                             const QString &event, int attempt = 0, int occurrence = 0)
{
    for (const auto &e : snapshot.events) {
        if (e.node == node && e.event == event && (attempt <= 0 || e.attempt == attempt) && occurrence-- == 0)
            return &e;
    }
    return nullptr;
}

// Milliseconds from one event to another (by their `at`); a huge negative number when one is missing.
inline qint64 msBetween(const pw::engine::RunEvent *from, const pw::engine::RunEvent *to)
{
    if (!from || !to)
        return std::numeric_limits<int>::min();
    return from->at.msecsTo(to->at);
}

// Position of an event in the snapshot's event list, -1 when missing.
inline qsizetype eventIndex(const pw::engine::RunSnapshot &snapshot, const QString &node, const QString &event,
                            int attempt = 0)
{
    const pw::engine::RunEvent *found = findEvent(snapshot, node, event, attempt);
    return found ? qsizetype(found - snapshot.events.constData()) : -1;
}

// With PW_TRAIL set in the environment, prints every status and event (to write expectations).
inline void traceIfAsked(const pw::engine::RunSnapshot &snapshot)
{
    if (qEnvironmentVariableIsSet("PW_TRAIL"))
        qDebug().noquote() << statuses(snapshot).join(u' ') << "\n" << eventTrail(snapshot).join(u'\n');
}

// A delay never fires early and at most this much late on the test machine.
inline constexpr qint64 kLateToleranceMs = 150;

#define PW_VERIFY_DELAY(measuredMs, expectedMs)                                                              \
    do {                                                                                                     \
        const qint64 pwMeasured_ = (measuredMs);                                                            \
        const qint64 pwExpected_ = (expectedMs);                                                            \
        QVERIFY2(pwMeasured_ >= pwExpected_ && pwMeasured_ <= pwExpected_ + kLateToleranceMs,                \
                 qPrintable(QStringLiteral("measured %1 ms, expected %2 ms (+%3)")                           \
                                .arg(pwMeasured_).arg(pwExpected_).arg(kLateToleranceMs)));                  \
    } while (false)

// Short spellings for the many literal lists and strings of the semantics tests.
inline QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out << QString::fromUtf8(item);
    return out;
}

inline QString s(const char *text) { return QString::fromUtf8(text); }
