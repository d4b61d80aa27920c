#include "RejectedFields.h"

#include "ElementPath.h"

namespace pw::gui {

namespace {

QString elementLabel(const ElementRef &element)
{
    if (element.step)
        return QStringLiteral("step '%1'").arg(element.step->id);
    if (element.group)
        return QStringLiteral("group '%1'").arg(element.group->id);
    if (element.stage)
        return QStringLiteral("stage '%1'").arg(element.stage->id);
    return QStringLiteral("pipeline");
}

QString idOf(const ElementRef &element)
{
    if (element.step)
        return element.step->id;
    if (element.group)
        return element.group->id;
    if (element.stage)
        return element.stage->id;
    return element.pipeline ? element.pipeline->id : QString();
}

} // namespace

void RejectedFields::reject(RejectedField rejected)
{
    discard(rejected.path, rejected.field);
    m_fields.append(std::move(rejected));
}

bool RejectedFields::discard(const QString &path, const QString &field)
{
    return m_fields.removeIf([&](const RejectedField &rejected) {
        return rejected.path == path && rejected.field == field;
    }) > 0;
}

bool RejectedFields::discardAll()
{
    const bool had = !m_fields.isEmpty();
    m_fields.clear();
    return had;
}

bool RejectedFields::discardStale(model::Pipeline &pipeline)
{
    return m_fields.removeIf([&](const RejectedField &rejected) {
        const std::optional<ElementRef> element = resolveElement(pipeline, rejected.path);
        return !element || idOf(*element) != rejected.nodeId;
    }) > 0;
}

QVariantMap RejectedFields::at(const QString &path, const QString &field) const
{
    for (const RejectedField &rejected : m_fields) {
        if (rejected.path == path && rejected.field == field)
            return {{QStringLiteral("text"), rejected.text},
                    {QStringLiteral("error"), rejected.error},
                    {QStringLiteral("message"), rejected.message}};
    }
    return {};
}

model::Problems RejectedFields::problems() const
{
    model::Problems problems;
    for (const RejectedField &rejected : m_fields) {
        model::Problem problem;
        problem.message = rejected.message;
        problem.path = rejected.path + u'.' + rejected.field;
        problem.nodeId = rejected.path == QLatin1String("pipeline") ? QString() : rejected.nodeId;
        problem.field = rejected.field;
        problems.append(problem);
    }
    return problems;
}

RejectedField rejectedField(const ElementRef &element, const QString &path, const QString &field,
                            const QString &text, const QString &error)
{
    return {path, idOf(element), field, text, error,
            elementLabel(element) + QStringLiteral(": ") + error
                + QStringLiteral(" (not applied: the field keeps what was typed until it is fixed)")};
}

} // namespace pw::gui
