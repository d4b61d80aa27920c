#include "ExecutorValues.h"

#include "ElementPath.h"
#include "FieldValues.h"

namespace pw::gui {

using namespace pw::model;
using namespace pw::gui::values;

QVariant fromExecutor(const std::optional<Executor> &executor)
{
    if (!executor)
        return {};
    return QVariantMap{
        {QStringLiteral("type"), fromOptionalEnum(executor->type)},
        {QStringLiteral("partition"), executor->partition},
        {QStringLiteral("cpus"), fromOptionalInt(executor->cpus)},
        {QStringLiteral("memory"), executor->memory},
        {QStringLiteral("time"), fromDuration(executor->time)},
        {QStringLiteral("account"), executor->account},
        {QStringLiteral("extraArgs"), executor->extraArgs},
        {QStringLiteral("outputDir"), executor->outputDir},
        {QStringLiteral("summary"), describeExecutor(*executor)},
    };
}

bool setExecutorField(std::optional<Executor> &executor, const QString &name, const QVariant &value,
                      QString &error)
{
    Executor edited = executor.value_or(Executor{ExecutorType::Slurm, {}, {}, {}, {}, {}, {}, {}});
    const QString field = QStringLiteral("executor.") + name;
    bool ok = false;
    if (name == QLatin1String("type"))
        ok = toOptionalEnum(value, field, &parseExecutorType, edited.type, error);
    else if (name == QLatin1String("partition"))
        ok = toText(value, field, edited.partition, error);
    else if (name == QLatin1String("cpus"))
        ok = toOptionalInt(value, field, edited.cpus, error);
    else if (name == QLatin1String("memory"))
        ok = toText(value, field, edited.memory, error);
    else if (name == QLatin1String("time"))
        ok = toDuration(value, field, edited.time, error);
    else if (name == QLatin1String("account"))
        ok = toText(value, field, edited.account, error);
    else if (name == QLatin1String("extraArgs")) {
        // The panel edits them as one line: "--gres=gpu:1 --qos=high".
        if (value.typeId() == QMetaType::QString) {
            edited.extraArgs = value.toString().split(u' ', Qt::SkipEmptyParts);
            ok = true;
        } else {
            ok = toStringList(value, field, edited.extraArgs, error);
        }
    } else if (name == QLatin1String("outputDir"))
        ok = toText(value, field, edited.outputDir, error);
    else
        error = field + QStringLiteral(": not a field of an executor");
    if (ok)
        executor = edited;
    return ok;
}

bool toExecutor(const QVariant &value, std::optional<Executor> &out, QString &error)
{
    if (isUnset(value)) {
        out.reset();
        return true;
    }
    if (value.typeId() != QMetaType::QVariantMap) {
        error = QStringLiteral("executor: expected a map {type, partition, ...} or nothing");
        return false;
    }
    std::optional<Executor> executor = Executor{};
    const QVariantMap map = value.toMap();
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (it.key() == QLatin1String("summary"))
            continue;
        if (!setExecutorField(executor, it.key(), it.value(), error))
            return false;
    }
    out = executor;
    return true;
}

namespace {

QVariantMap inheritedFrom(const QString &from, const Executor &executor)
{
    return {{QStringLiteral("from"), from},
            {QStringLiteral("summary"), describeExecutor(executor)},
            {QStringLiteral("type"), toString(executor.effectiveType())}};
}

} // namespace

QVariantMap inheritedExecutor(Pipeline &pipeline, const QString &path)
{
    // The element's ancestors, nearest first: every proper prefix of its path that ends at a
    // stage or a group ("pipeline.stages[0].stage.steps[2].stepGroup").
    const QStringList parts = path.split(u'.');
    for (qsizetype end = parts.size() - 1; end > 0; --end) {
        const QString &last = parts.at(end - 1);
        if (last != QLatin1String("stage") && last != QLatin1String("stepGroup"))
            continue;
        const std::optional<ElementRef> element = resolveElement(pipeline, parts.mid(0, end).join(u'.'));
        if (element && element->stage && element->stage->executor)
            return inheritedFrom(QStringLiteral("stage '%1'").arg(element->stage->id), *element->stage->executor);
        if (element && element->group && element->group->executor)
            return inheritedFrom(QStringLiteral("group '%1'").arg(element->group->id), *element->group->executor);
    }
    if (pipeline.executor && path != QLatin1String("pipeline"))
        return inheritedFrom(QStringLiteral("the pipeline"), *pipeline.executor);
    return {};
}

} // namespace pw::gui
