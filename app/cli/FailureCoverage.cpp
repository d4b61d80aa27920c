#include "FailureCoverage.h"

#include "Console.h"
#include "TimeText.h"
#include "engine/EngineThread.h"
#include "engine/rehearsal/FailureCases.h"
#include "engine/run/RunPlan.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>


namespace pw::cli {
namespace {

using engine::NodeKind;
using engine::NodeRole;

bool ran(const engine::NodeState &node)
{
    return node.kind == NodeKind::Step && node.attempts > 0;
}

// Runs every rehearsal on one engine thread, a batch at a time: each has its own virtual
// clock, and a bounded batch bounds memory (every run holds a copy of the pipeline).
QList<engine::RunSnapshot> rehearseAll(const QList<engine::RunRequest> &requests)
{
    constexpr qsizetype kAtOnce = 32;
    QList<engine::RunSnapshot> results(requests.size());
    engine::EngineThread engine;
    QEventLoop loop;
    qsizetype started = 0;
    qsizetype left = requests.size();
    QObject::connect(engine.engine(), &engine::Engine::runFinished, &loop, [&](const engine::RunSnapshot &snapshot) {
        const qsizetype index = snapshot.runId.section(u'-', -1).toLongLong();
        if (index >= 0 && index < results.size())
            results[index] = snapshot;
        if (started < requests.size())
            engine.startRun(requests.at(started++));
        if (--left == 0)
            loop.quit();
    });
    while (started < std::min(kAtOnce, requests.size()))
        engine.startRun(requests.at(started++));
    if (left > 0)
        loop.exec();
    return results;
}

QString typesText(const QList<model::ErrorType> &types)
{
    if (types.size() == engine::concreteErrorTypes().size())
        return QStringLiteral("any");
    QStringList names;
    for (model::ErrorType type : types)
        names << model::toString(type);
    constexpr int kListed = 3;
    if (names.size() > kListed)
        return QStringLiteral("%1 other types").arg(names.size());
    return names.join(QStringLiteral(", "));
}

QString namesText(const QStringList &names)
{
    if (names.isEmpty())
        return QStringLiteral("-");
    constexpr int kListed = 4;
    if (names.size() <= kListed)
        return names.join(QStringLiteral(", "));
    return names.mid(0, kListed).join(QStringLiteral(", ")) + QStringLiteral(" (+%1)").arg(names.size() - kListed);
}

struct Row
{
    QString step, types, handling, outcome, handlersRan, neverRan;
};

struct CaseFacts
{
    QStringList handlersRan; // rollback and error-handler steps that ran
    QStringList neverRan;    // main steps that ran without the failure and not with it
};

CaseFacts factsOf(const engine::RunSnapshot &outcome, const engine::RunSnapshot &baseline)
{
    CaseFacts facts;
    QSet<QString> ranInBaseline;
    for (const engine::NodeState &node : baseline.nodes) {
        if (ran(node))
            ranInBaseline.insert(node.id);
    }
    for (const engine::NodeState &node : outcome.nodes) {
        if (node.kind != NodeKind::Step)
            continue;
        if (node.role != NodeRole::Main && ran(node))
            facts.handlersRan << node.id;
        else if (node.role == NodeRole::Main && !ran(node) && ranInBaseline.contains(node.id))
            facts.neverRan << node.id;
    }
    return facts;
}

// A rollback or handler step only runs when something else fails first; failing it alone
// leaves the run as it was, and the table says so instead of pretending it was covered.
bool reached(const engine::RunSnapshot &outcome, const QString &step)
{
    for (const engine::NodeState &node : outcome.nodes) {
        if (node.id == step)
            return node.attempts > 0;
    }
    return false;
}

QString outcomeText(const engine::RunSnapshot &outcome, const QString &step)
{
    if (!reached(outcome, step))
        return QStringLiteral("not reached (%1 did not run)").arg(step);
    QString text = engine::toString(outcome.status);
    if (outcome.warning && outcome.status == engine::RunStatus::Succeeded)
        text += QStringLiteral(" (warning)");
    return text;
}

void printTable(const QList<Row> &rows)
{
    const Row header{QStringLiteral("STEP"), QStringLiteral("ERROR TYPES"), QStringLiteral("HANDLING"),
                     QStringLiteral("RUN ENDS"), QStringLiteral("HANDLERS RAN"), QStringLiteral("NEVER RAN")};
    qsizetype widths[5] = {header.step.size(), header.types.size(), header.handling.size(), header.outcome.size(),
                           header.handlersRan.size()};
    for (const Row &row : rows) {
        widths[0] = std::max(widths[0], row.step.size());
        widths[1] = std::max(widths[1], row.types.size());
        widths[2] = std::max(widths[2], row.handling.size());
        widths[3] = std::max(widths[3], row.outcome.size());
        widths[4] = std::max(widths[4], row.handlersRan.size());
    }
    const auto print = [&](const Row &row) {
        printOut(QStringLiteral("%1  %2  %3  %4  %5  %6")
                     .arg(row.step.leftJustified(widths[0]), row.types.leftJustified(widths[1]),
                          row.handling.leftJustified(widths[2]), row.outcome.leftJustified(widths[3]),
                          row.handlersRan.leftJustified(widths[4]), row.neverRan)
                     .trimmed());
    };
    print(header);
    for (const Row &row : rows)
        print(row);
}

QJsonArray jsonNames(const QStringList &names)
{
    return QJsonArray::fromStringList(names);
}

} // namespace

int printFailureCoverage(const RunOptions &options, model::Pipeline pipeline, engine::RunRequest request)
{
    QElapsedTimer clock;
    clock.start();
    const engine::RunPlan plan(pipeline);
    const QList<engine::FailureCase> cases = engine::failureCases(plan);

    request.pipeline = std::move(pipeline);
    request.store = false;
    request.liveOutput = false;
    request.maxParallel = options.maxParallel;
    QList<engine::RunRequest> requests;
    requests.reserve(cases.size() + 1);
    for (qsizetype i = 0; i <= cases.size(); ++i) {
        engine::RunRequest one = request;
        one.runId = QStringLiteral("rehearsal-%1").arg(i); // the last one: no failure, the baseline
        if (i < cases.size())
            one.rehearsal->failures.insert(cases.at(i).step, {cases.at(i).errorTypes.first(), 0});
        requests.append(std::move(one));
    }
    const QList<engine::RunSnapshot> outcomes = rehearseAll(requests);
    const engine::RunSnapshot &baseline = outcomes.last();

    QList<Row> rows;
    QJsonArray json;
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const engine::FailureCase &c = cases.at(i);
        const engine::RunSnapshot &outcome = outcomes.at(i);
        const CaseFacts facts = factsOf(outcome, baseline);
        rows.append({c.step, typesText(c.errorTypes), c.explanation.text(), outcomeText(outcome, c.step),
                     namesText(facts.handlersRan), namesText(facts.neverRan)});
        QStringList types;
        for (model::ErrorType type : c.errorTypes)
            types << model::toString(type);
        QJsonObject entry{{QStringLiteral("step"), c.step},
                          {QStringLiteral("errorTypes"), QJsonArray::fromStringList(types)},
                          {QStringLiteral("handling"), c.explanation.text()},
                          {QStringLiteral("waitsForPerson"), c.explanation.waitsForPerson},
                          {QStringLiteral("reached"), reached(outcome, c.step)},
                          {QStringLiteral("status"), engine::toString(outcome.status)},
                          {QStringLiteral("warning"), outcome.warning},
                          {QStringLiteral("handlersRan"), jsonNames(facts.handlersRan)},
                          {QStringLiteral("neverRan"), jsonNames(facts.neverRan)}};
        if (c.explanation.origin) {
            entry.insert(QStringLiteral("strategy"),
                         QJsonObject{{QStringLiteral("level"), engine::toString(c.explanation.origin->level)},
                                     {QStringLiteral("owner"), c.explanation.origin->ownerId},
                                     {QStringLiteral("entry"), c.explanation.origin->index + 1}});
        }
        json.append(entry);
    }
    if (options.json) {
        printOut(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)).trimmed());
        return ExitSuccess;
    }
    printTable(rows);
    printErr(QStringLiteral("pipewright rehearse: %1 rehearsal(s) of %2 step(s) in %3 (nothing was executed)")
                 .arg(cases.size())
                 .arg(std::count_if(plan.nodes().cbegin(), plan.nodes().cend(),
                                    [](const engine::PlannedNode &node) { return node.kind == NodeKind::Step; }))
                 .arg(spanText(clock.elapsed())));
    return ExitSuccess;
}

} // namespace pw::cli
