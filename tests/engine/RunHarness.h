#pragma once

#include "engine/Engine.h"
#include "engine/RunReport.h"
#include "model/PipelineFile.h"

#include <QHash>
#include <QSignalSpy>
#include <QTest>

#include <functional>

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

    std::optional<pw::engine::RunSnapshot> run(const QByteArray &yaml, int timeoutMs = 20000)
    {
        const pw::model::LoadResult loaded = pw::model::loadPipeline(yaml);
        if (!loaded.pipeline || loaded.hasErrors()) {
            for (const auto &problem : loaded.problems)
                qWarning("%s", qPrintable(pw::model::formatProblem(QStringLiteral("test"), problem)));
            return std::nullopt;
        }
        pw::engine::Engine engine;
        pw::engine::RunRequest request;
        request.pipeline = *loaded.pipeline;
        for (const auto &input : loaded.pipeline->inputs) {
            if (!inputs.contains(input.id) && input.defaultValue)
                inputs.insert(input.id, *input.defaultValue);
        }
        request.inputs = inputs;
        request.secrets = secrets;
        request.workingDir = workingDir;
        request.maxParallel = maxParallel;
        QObject::connect(&engine, &pw::engine::Engine::interventionRequested, &engine,
                         [&](const pw::engine::InterventionRequest &r) {
            requests << r;
            const QString decision = answer ? answer(r) : QString();
            if (!decision.isEmpty())
                engine.decide({r.id, decision, QStringLiteral("user"), {}});
        });
        QSignalSpy finished(&engine, &pw::engine::Engine::runFinished);
        engine.startRun(request);
        if (!finished.wait(timeoutMs))
            return std::nullopt;
        return finished.first().first().value<pw::engine::RunSnapshot>();
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
