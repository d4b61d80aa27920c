// PipelineDocument: what happens when a step fails ("When this step fails" in the property
// panel), from the pipeline as it is being edited: the same explanation as `pipewright explain`.
#include "PipelineDocument.h"

#include "engine/rehearsal/FailureExplanation.h"
#include "engine/run/RunPlan.h"

#include <map>

namespace pw::gui {
namespace {

// A long list of types reads as "the rest": the other rows name the types handled apart.
QString typesLabel(const QStringList &types, qsizetype rows)
{
    if (types.size() == engine::concreteErrorTypes().size())
        return PipelineDocument::tr("Any error");
    constexpr int kListed = 4;
    if (types.size() > kListed && rows > 1)
        return PipelineDocument::tr("Any other error (%n type(s))", nullptr, int(types.size()));
    return types.join(QStringLiteral(", "));
}

} // namespace

QVariantList PipelineDocument::failureHandling(const QString &stepId) const
{
    if (!m_pipeline)
        return {};
    const engine::RunPlan plan(*m_pipeline);
    if (!plan.contains(stepId) || plan.node(stepId).kind != engine::NodeKind::Step)
        return {};
    const engine::PlannedNode &node = plan.node(stepId);
    // Error types handled alike share a row, in the order of their first type.
    std::map<QString, qsizetype> rowOf;
    QList<QStringList> types;
    QList<engine::FailureExplanation> explanations;
    for (model::ErrorType type : engine::concreteErrorTypes()) {
        engine::FailureExplanation explanation = engine::explainFailure(node, type);
        const auto [found, added] = rowOf.emplace(explanation.text(), explanations.size());
        if (added) {
            types.append({model::toString(type)});
            explanations.append(std::move(explanation));
        } else {
            types[found->second].append(model::toString(type));
        }
    }
    QVariantList rows;
    for (qsizetype i = 0; i < explanations.size(); ++i) {
        const engine::FailureExplanation &explanation = explanations.at(i);
        QVariantMap row{{QStringLiteral("errorTypes"), types.at(i)},
                        {QStringLiteral("types"), typesLabel(types.at(i), explanations.size())},
                        {QStringLiteral("automaticRetry"), explanation.automaticRetry},
                        {QStringLiteral("catchVar"), explanation.catchVar},
                        {QStringLiteral("origin"), explanation.catchVar.isEmpty() ? explanation.originText : QString()},
                        {QStringLiteral("actions"), explanation.actions},
                        {QStringLiteral("handling"), explanation.text()},
                        {QStringLiteral("waitsForPerson"), explanation.waitsForPerson},
                        {QStringLiteral("level"), QString()},
                        {QStringLiteral("ownerId"), QString()},
                        {QStringLiteral("entry"), 0}};
        if (explanation.origin) {
            row.insert(QStringLiteral("level"), engine::toString(explanation.origin->level));
            row.insert(QStringLiteral("ownerId"), explanation.origin->level == engine::StrategyLevel::Step
                                                      ? stepId
                                                      : explanation.origin->ownerId);
            row.insert(QStringLiteral("entry"), explanation.origin->index + 1);
        }
        rows.append(row);
    }
    return rows;
}

} // namespace pw::gui
