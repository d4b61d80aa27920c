#include "RehearsalArguments.h"

#include "engine/run/RunPlan.h"

namespace pw::cli {
namespace {

QString errorTypeNames()
{
    QStringList names = model::allNames<model::ErrorType>();
    names.removeAll(model::toString(model::ErrorType::AllErrors));
    return names.join(QStringLiteral(", "));
}

std::optional<QString> readFailure(const engine::RunPlan &plan, const QString &argument,
                                   engine::RehearsalSettings &settings)
{
    const qsizetype equals = argument.indexOf(u'=');
    if (equals <= 0)
        return QStringLiteral("--fail %1: expected STEP=TYPE or STEP=TYPE:N").arg(argument);
    const QString step = argument.left(equals);
    QString type = argument.mid(equals + 1);
    int attempts = 0;
    if (const qsizetype colon = type.indexOf(u':'); colon >= 0) {
        bool ok = false;
        attempts = type.mid(colon + 1).toInt(&ok);
        if (!ok || attempts < 1)
            return QStringLiteral("--fail %1: N must be a whole number of at least 1").arg(argument);
        type = type.left(colon);
    }
    if (!plan.contains(step) || plan.node(step).kind != engine::NodeKind::Step)
        return QStringLiteral("--fail %1: the pipeline has no step '%2'").arg(argument, step);
    const auto errorType = model::parseErrorType(type);
    if (!errorType || *errorType == model::ErrorType::AllErrors)
        return QStringLiteral("--fail %1: '%2' is not an error type (%3)").arg(argument, type, errorTypeNames());
    if (settings.failures.contains(step))
        return QStringLiteral("--fail %1: step '%2' is given twice").arg(argument, step);
    settings.failures.insert(step, {*errorType, attempts});
    return std::nullopt;
}

std::optional<QString> readOutput(const engine::RunPlan &plan, const QString &argument,
                                  engine::RehearsalSettings &settings)
{
    const qsizetype equals = argument.indexOf(u'=');
    const qsizetype dot = argument.left(std::max<qsizetype>(equals, 0)).indexOf(u'.');
    if (equals <= 0 || dot <= 0 || dot + 1 == equals)
        return QStringLiteral("--output %1: expected STEP.KEY=VALUE").arg(argument);
    const QString step = argument.left(dot);
    const QString key = argument.mid(dot + 1, equals - dot - 1);
    if (!plan.contains(step) || plan.node(step).kind != engine::NodeKind::Step)
        return QStringLiteral("--output %1: the pipeline has no step '%2'").arg(argument, step);
    const model::StepType type = plan.node(step).step->type();
    if (type != model::StepType::Shell && type != model::StepType::Http)
        return QStringLiteral("--output %1: step '%2' is a %3 step; only Shell and Http steps are simulated "
                              "(the others run as in a real run)")
            .arg(argument, step, model::toString(type));
    settings.outputs[step].insert(key, argument.mid(equals + 1));
    return std::nullopt;
}

} // namespace

std::variant<engine::RehearsalSettings, QString> readRehearsalArguments(const model::Pipeline &pipeline,
                                                                        const QStringList &failures,
                                                                        const QStringList &outputs)
{
    const engine::RunPlan plan(pipeline);
    engine::RehearsalSettings settings;
    for (const QString &argument : failures) {
        if (auto error = readFailure(plan, argument, settings))
            return *error;
    }
    for (const QString &argument : outputs) {
        if (auto error = readOutput(plan, argument, settings))
            return *error;
    }
    return settings;
}

} // namespace pw::cli
