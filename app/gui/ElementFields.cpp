#include "ElementFields.h"

#include "ExecutorValues.h"
#include "FieldValues.h"
#include "StructuredValues.h"

namespace pw::gui {

using namespace pw::model;
using namespace pw::gui::values;

namespace {

QVariantMap whenFields(const When &when)
{
    return {{QStringLiteral("status"), fromOptionalEnum(when.status)},
            {QStringLiteral("condition"), when.condition}};
}

bool setWhen(When &when, const QString &field, const QVariant &value, QString &error)
{
    if (field == QLatin1String("when")) {
        if (!isUnset(value) && value.typeId() != QMetaType::QVariantMap) {
            error = QStringLiteral("when: expected a map {status, condition}");
            return false;
        }
        When result;
        const QVariantMap map = value.toMap();
        if (!toOptionalEnum(map.value(QStringLiteral("status")), QStringLiteral("when.status"),
                            &parseStatusCondition, result.status, error)
            || !toText(map.value(QStringLiteral("condition")), QStringLiteral("when.condition"),
                       result.condition, error))
            return false;
        when = result;
        return true;
    }
    if (field == QLatin1String("when.status"))
        return toOptionalEnum(value, field, &parseStatusCondition, when.status, error);
    if (field == QLatin1String("when.condition"))
        return toText(value, field, when.condition, error);
    return false;
}

// Fields that stages, groups, steps and the pipeline have in common; nullopt: not one of them.
std::optional<bool> setCommonField(QString &id, QString &name, FailureStrategies &strategies,
                                   std::optional<Executor> &executor, const QString &field,
                                   const QVariant &value, QString &error)
{
    if (field == QLatin1String("executor"))
        return toExecutor(value, executor, error);
    if (field.startsWith(QLatin1String("executor.")))
        return setExecutorField(executor, field.mid(9), value, error);
    if (field == QLatin1String("id"))
        return toText(value, field, id, error);
    if (field == QLatin1String("name"))
        return toText(value, field, name, error);
    if (field == QLatin1String("failureStrategies"))
        return toStrategies(value, strategies, error);
    return std::nullopt;
}

bool setStepField(Step &step, const QString &field, const QVariant &value, QString &error)
{
    if (field == QLatin1String("type")) {
        const std::optional<StepType> type = parseStepType(value.toString());
        if (!type) {
            error = QStringLiteral("type: '") + value.toString()
                + QStringLiteral("' is not a step type (expected one of ")
                + allNames<StepType>().join(QStringLiteral(", ")) + u')';
            return false;
        }
        if (*type != step.type())
            step.spec = defaultSpecFor(*type);
        return true;
    }
    if (field == QLatin1String("spec"))
        return toSpec(value, step.spec, error);
    if (field.startsWith(QLatin1String("spec.")))
        return setSpecField(step.spec, field.mid(5), value, error);
    if (field == QLatin1String("timeout"))
        return toDuration(value, field, step.timeout, error);
    if (field == QLatin1String("catch"))
        return toText(value, field, step.catchVar, error);
    if (field == QLatin1String("retry"))
        return toRetry(value, step.retry, error);
    if (field.startsWith(QLatin1String("retry.")))
        return setRetryField(step.retry, field.mid(6), value, error);
    if (field.startsWith(QLatin1String("when")))
        return setWhen(step.when, field, value, error);
    error = field + QStringLiteral(": not a field of a step");
    return false;
}

bool setPipelineField(Pipeline &pipeline, const QString &field, const QVariant &value,
                      QString &error)
{
    if (field == QLatin1String("description"))
        return toText(value, field, pipeline.description, error);
    if (field == QLatin1String("timeout"))
        return toDuration(value, field, pipeline.timeout, error);
    if (field == QLatin1String("maxParallel"))
        return toOptionalInt(value, field, pipeline.maxParallel, error);
    if (field == QLatin1String("failurePolicy"))
        return toOptionalEnum(value, field, &parseFailurePolicy, pipeline.failurePolicy, error);
    if (field == QLatin1String("inputs"))
        return toInputs(value, pipeline.inputs, error);
    if (field == QLatin1String("secrets"))
        return toStringList(value, field, pipeline.secrets, error);
    if (field == QLatin1String("headerComment"))
        return toText(value, field, pipeline.headerComment, error);
    error = field + QStringLiteral(": not a field of the pipeline");
    return false;
}

} // namespace

QVariantMap elementFields(const ElementRef &element, bool ordered)
{
    QVariantMap map{{QStringLiteral("kind"), kindName(element.kind)}};
    auto addCommon = [&map](const QString &id, const QString &name,
                            const FailureStrategies &strategies, const std::optional<Executor> &executor) {
        map.insert(QStringLiteral("id"), id);
        map.insert(QStringLiteral("name"), name);
        map.insert(QStringLiteral("failureStrategies"), fromStrategies(strategies));
        map.insert(QStringLiteral("executor"), fromExecutor(executor));
    };
    if (const Pipeline *pipeline = element.pipeline) {
        addCommon(pipeline->id, pipeline->name, pipeline->failureStrategies, pipeline->executor);
        map.insert(QStringLiteral("description"), pipeline->description);
        map.insert(QStringLiteral("timeout"), fromDuration(pipeline->timeout));
        map.insert(QStringLiteral("inputs"), fromInputs(pipeline->inputs));
        map.insert(QStringLiteral("secrets"), pipeline->secrets);
        map.insert(QStringLiteral("maxParallel"), fromOptionalInt(pipeline->maxParallel));
        map.insert(QStringLiteral("failurePolicy"), fromOptionalEnum(pipeline->failurePolicy));
        map.insert(QStringLiteral("headerComment"), pipeline->headerComment);
    } else if (const Stage *stage = element.stage) {
        addCommon(stage->id, stage->name, stage->failureStrategies, stage->executor);
        map.insert(QStringLiteral("description"), stage->description);
        map.insert(QStringLiteral("when"), whenFields(stage->when));
    } else if (const StepGroup *group = element.group) {
        addCommon(group->id, group->name, group->failureStrategies, group->executor);
        map.insert(QStringLiteral("when"), whenFields(group->when));
    } else if (const Step *step = element.step) {
        addCommon(step->id, step->name, step->failureStrategies, step->executor);
        map.insert(QStringLiteral("type"), toString(step->type()));
        map.insert(QStringLiteral("spec"), fromSpec(step->spec, ordered));
        map.insert(QStringLiteral("timeout"), fromDuration(step->timeout));
        map.insert(QStringLiteral("when"), whenFields(step->when));
        map.insert(QStringLiteral("retry"), fromRetry(step->retry));
        map.insert(QStringLiteral("catch"), step->catchVar);
    }
    return map;
}

QVariant fieldAt(const QVariantMap &fields, const QString &field)
{
    QVariant value = fields;
    for (const QString &part : field.split(u'.')) {
        if (value.typeId() != QMetaType::QVariantMap)
            return {};
        const QVariantMap map = value.toMap();
        const auto found = map.constFind(part);
        if (found == map.cend())
            return {};
        value = *found;
    }
    return value;
}

bool setElementField(const ElementRef &element, const QString &field, const QVariant &value,
                     QString &error)
{
    error.clear();
    auto common = [&](QString &id, QString &name, FailureStrategies &strategies, std::optional<Executor> &executor) {
        return setCommonField(id, name, strategies, executor, field, value, error);
    };
    if (Pipeline *pipeline = element.pipeline) {
        if (const auto done = common(pipeline->id, pipeline->name, pipeline->failureStrategies, pipeline->executor))
            return *done;
        return setPipelineField(*pipeline, field, value, error);
    }
    if (Stage *stage = element.stage) {
        if (const auto done = common(stage->id, stage->name, stage->failureStrategies, stage->executor))
            return *done;
        if (field == QLatin1String("description"))
            return toText(value, field, stage->description, error);
        if (setWhen(stage->when, field, value, error))
            return true;
        if (error.isEmpty())
            error = field + QStringLiteral(": not a field of a stage");
        return false;
    }
    if (StepGroup *group = element.group) {
        if (const auto done = common(group->id, group->name, group->failureStrategies, group->executor))
            return *done;
        if (setWhen(group->when, field, value, error))
            return true;
        if (error.isEmpty())
            error = field + QStringLiteral(": not a field of a step group");
        return false;
    }
    if (Step *step = element.step) {
        if (const auto done = common(step->id, step->name, step->failureStrategies, step->executor))
            return *done;
        return setStepField(*step, field, value, error);
    }
    error = field + QStringLiteral(": a parallel block has no fields");
    return false;
}

QStringList fieldsToRestore(const QString &field)
{
    if (field == QLatin1String("type"))
        return {QStringLiteral("type"), QStringLiteral("spec")};
    const qsizetype dot = field.indexOf(u'.');
    return {dot < 0 ? field : field.left(dot)};
}

} // namespace pw::gui
