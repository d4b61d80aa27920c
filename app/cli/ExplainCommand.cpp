#include "ExplainCommand.h"

#include "Console.h"
#include "FileCommandParser.h"
#include "ProblemList.h"
#include "engine/rehearsal/FailureCases.h"
#include "engine/run/RunPlan.h"
#include "model/PipelineFile.h"
#include "model/Validator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>


namespace pw::cli {
namespace {

QJsonObject explanationJson(const engine::FailureExplanation &explanation)
{
    QJsonObject json{{QStringLiteral("errorType"), model::toString(explanation.errorType)},
                     {QStringLiteral("automaticRetry"), explanation.automaticRetry.isEmpty()
                                                            ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(explanation.automaticRetry)},
                     {QStringLiteral("catch"), explanation.catchVar.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                              : QJsonValue(explanation.catchVar)},
                     {QStringLiteral("handling"), explanation.text()},
                     {QStringLiteral("waitsForPerson"), explanation.waitsForPerson}};
    if (explanation.catchVar.isEmpty()) {
        json.insert(QStringLiteral("actions"), explanation.actions);
        json.insert(QStringLiteral("strategy"),
                    explanation.origin
                        ? QJsonValue(QJsonObject{{QStringLiteral("level"), engine::toString(explanation.origin->level)},
                                                 {QStringLiteral("owner"), explanation.origin->ownerId},
                                                 {QStringLiteral("entry"), explanation.origin->index + 1}})
                        : QJsonValue(QJsonValue::Null));
    }
    return json;
}

// Error types handled alike share a line: "Timeout, Connectivity: step entry 1: Retry ...".
void printStep(const engine::PlannedNode &node)
{
    const QString where = node.stage.isEmpty() ? QStringLiteral("pipeline error handler")
                                               : QStringLiteral("stage %1").arg(node.stage);
    QString role;
    if (node.role == engine::NodeRole::Rollback)
        role = QStringLiteral(", rollback step");
    else if (node.role == engine::NodeRole::ErrorHandler)
        role = QStringLiteral(", error handler");
    printOut(QStringLiteral("%1 (%2 step in %3%4)").arg(node.id, model::toString(node.step->type()), where, role));
    for (const engine::FailureCase &failure : engine::failureCasesOf(node)) {
        QStringList types;
        for (model::ErrorType type : failure.errorTypes)
            types << model::toString(type);
        const QString typesText = types.size() == engine::concreteErrorTypes().size()
                                      ? QStringLiteral("any error")
                                      : types.join(QStringLiteral(", "));
        printOut(QStringLiteral("  %1: %2").arg(typesText, failure.explanation.text()));
    }
}

} // namespace

int runExplain(const QStringList &arguments)
{
    FileCommandParser command(QStringLiteral("explain"), QStringLiteral(
        "Says, for every step (or the one given), what happens when it fails with each error\n"
        "type: automatic retry, catch, the failure strategy that matches (step, group, stage or\n"
        "pipeline, and which entry) and the actions that follow, with their delays. Error types\n"
        "handled alike share a line. Nothing runs. Usage: pipewright explain FILE [STEP]"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON: one object per step and error type."));
    command.parser().addOption(json);
    if (const auto exitCode = command.parse(arguments))
        return *exitCode;
    const QStringList positional = command.files();
    if (positional.size() > 2) {
        printErr(QStringLiteral("pipewright explain: one FILE and at most one STEP (see pipewright explain --help)"));
        return ExitUsage;
    }
    const QString file = positional.first();
    model::Validator validator;
    const model::LoadResult loaded = model::loadPipelineFile(file, &validator);
    if (!loaded.pipeline || loaded.hasErrors()) {
        printProblems(file, loaded.problems, printErr);
        printErr(QStringLiteral("pipewright explain: %1: fix the errors above first").arg(file));
        return ExitUsage;
    }
    const engine::RunPlan plan(*loaded.pipeline);
    const QString only = positional.value(1);
    if (!only.isEmpty() && (!plan.contains(only) || plan.node(only).kind != engine::NodeKind::Step)) {
        printErr(QStringLiteral("pipewright explain: %1 has no step '%2'").arg(file, only));
        return ExitUsage;
    }

    QJsonArray steps;
    bool first = true;
    for (const engine::PlannedNode &node : plan.nodes()) {
        if (node.kind != engine::NodeKind::Step || (!only.isEmpty() && node.id != only))
            continue;
        if (command.parser().isSet(json)) {
            QJsonArray errors;
            for (model::ErrorType type : engine::concreteErrorTypes())
                errors.append(explanationJson(engine::explainFailure(node, type)));
            steps.append(QJsonObject{{QStringLiteral("step"), node.id},
                                     {QStringLiteral("stage"), node.stage.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                                    : QJsonValue(node.stage)},
                                     {QStringLiteral("role"), engine::toString(node.role)},
                                     {QStringLiteral("errors"), errors}});
            continue;
        }
        if (!first)
            printOut(QString());
        first = false;
        printStep(node);
    }
    if (command.parser().isSet(json))
        printOut(QString::fromUtf8(QJsonDocument(steps).toJson(QJsonDocument::Indented)).trimmed());
    return ExitSuccess;
}

} // namespace pw::cli
