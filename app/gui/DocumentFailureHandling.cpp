// PipelineDocument: what happens when a step fails ("When this step fails" in the property
// panel), from the pipeline as it is being edited: the same explanation as `pipewright explain`.
#include "PipelineDocument.h"

#include "engine/rehearsal/FailureCases.h"
#include "engine/run/RunPlan.h"


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
    const QList<engine::FailureCase> cases = engine::failureCasesOf(plan.node(stepId));
    QVariantList rows;
    for (const engine::FailureCase &failure : cases) {
        const engine::FailureExplanation &explanation = failure.explanation;
        QStringList types;
        for (model::ErrorType type : failure.errorTypes)
            types << model::toString(type);
        QVariantMap row{{QStringLiteral("errorTypes"), types},
                        {QStringLiteral("types"), typesLabel(types, cases.size())},
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
