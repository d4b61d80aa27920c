#include "NodeBadges.h"

#include <QStringList>
#include <QVariantMap>

namespace pw::gui {
namespace {

using namespace pw::model;

// Interventions and approvals both wait a day by default (pipeline-format.md).
QString defaultWait()
{
    return Duration::fromMilliseconds(kDefaultInterventionTimeoutMs).toString();
}

QVariantMap badge(const QString &kind, const QString &label, const QString &detail)
{
    return {{QStringLiteral("kind"), kind},
            {QStringLiteral("label"), label},
            {QStringLiteral("detail"), detail}};
}

QString errorList(const QList<ErrorType> &errors)
{
    if (errors.isEmpty())
        return toString(ErrorType::AllErrors);
    QStringList names;
    for (ErrorType error : errors)
        names << toString(error);
    return names.join(QStringLiteral(", "));
}

QString durationList(const QList<Duration> &durations)
{
    QStringList texts;
    for (const Duration &duration : durations)
        texts << duration.toString();
    return texts.join(QStringLiteral(", "));
}

// The whole action with its follow-ups, e.g. "Retry 2× (100ms, 200ms), then MarkAsFailure".
QString describeAction(const FailureAction &action)
{
    QString text = toString(action.type);
    if (isRetryAction(action.type)) {
        if (action.retryCount)
            text += QStringLiteral(" %1×").arg(*action.retryCount);
        if (!action.retryIntervals.isEmpty())
            text += QStringLiteral(" (") + durationList(action.retryIntervals) + u')';
        text += QStringLiteral(", then ")
            + (action.onRetryFailure ? describeAction(*action.onRetryFailure)
                                     : toString(ActionType::MarkAsFailure));
    } else if (action.type == ActionType::ManualIntervention) {
        text += QStringLiteral(" (") + (action.timeout ? action.timeout->toString() : defaultWait());
        text += QStringLiteral("), then ")
            + (action.onTimeout ? describeAction(*action.onTimeout)
                                : toString(ActionType::MarkAsFailure));
    }
    return text;
}

void addStrategies(QVariantList &badges, const FailureStrategies &strategies)
{
    if (strategies.isEmpty())
        return;
    QStringList lines;
    QStringList actions;
    for (const FailureStrategy &strategy : strategies) {
        lines << QStringLiteral("%1. on %2: %3")
                     .arg(lines.size() + 1)
                     .arg(errorList(strategy.errors), describeAction(strategy.action));
        actions << toString(strategy.action.type);
    }
    // One strategy fits on a chip whole; several are summed up by their actions.
    const QString label = strategies.size() == 1
        ? QString(errorList(strategies.first().errors) + QStringLiteral(" → ") + actions.first())
        : actions.join(QStringLiteral(" / "));
    badges << badge(QStringLiteral("strategy"), label,
                    QStringLiteral("Failure strategies (the first match wins):\n")
                        + lines.join(u'\n'));
}

// `subject` is what the status refers to: "stage" for steps and groups, "pipeline" for stages.
void addWhen(QVariantList &badges, const When &when, const QString &subject)
{
    const bool defaultStatus = !when.status || *when.status == StatusCondition::Success;
    if (defaultStatus && when.condition.isEmpty())
        return;
    QString label;
    QString detail = QStringLiteral("Runs when the %1 status is %2")
                         .arg(subject, toString(when.status.value_or(StatusCondition::Success)));
    if (!defaultStatus && *when.status == StatusCondition::All)
        label = QStringLiteral("always");
    else if (!defaultStatus)
        label = QStringLiteral("on ") + toString(*when.status);
    if (!when.condition.isEmpty()) {
        label += (label.isEmpty() ? QStringLiteral("if ") : QStringLiteral(", if "))
            + when.condition;
        detail += QStringLiteral(" and this is true:\n") + when.condition;
    }
    badges << badge(QStringLiteral("when"), label, detail);
}

QString describeRetry(const RetryPolicy &retry)
{
    QStringList parts;
    parts << QStringLiteral("Automatic retry (%1)").arg(toString(retry.type));
    if (retry.maxAttempts)
        parts << QStringLiteral("%1 attempts in total").arg(*retry.maxAttempts);
    if (retry.interval)
        parts << QStringLiteral("first delay ") + retry.interval->toString();
    if (retry.delayFactor)
        parts << QStringLiteral("delay factor %1").arg(*retry.delayFactor);
    if (retry.minInterval)
        parts << QStringLiteral("at least ") + retry.minInterval->toString();
    if (retry.maxInterval)
        parts << QStringLiteral("at most %1 a delay").arg(retry.maxInterval->toString());
    if (retry.maxDuration)
        parts << QStringLiteral("no new attempt after ") + retry.maxDuration->toString();
    parts << QStringLiteral("on ") + errorList(retry.onErrors);
    if (retry.warningOnRetry.value_or(false))
        parts << QStringLiteral("a success after a retry warns");
    return parts.join(QStringLiteral(", "));
}

} // namespace

QVariantList stepBadges(const Step &step, const Executor *inherited)
{
    QVariantList badges;
    // Where it runs, when that is not this machine: the first thing to know about a step.
    const Executor *executor = step.executor ? &*step.executor : inherited;
    if (step.type() == StepType::Shell && executor && executor->effectiveType() == ExecutorType::Slurm) {
        const QString label = executor->partition.isEmpty() ? QStringLiteral("Slurm")
                                                            : QStringLiteral("Slurm · ") + executor->partition;
        badges << badge(QStringLiteral("cluster"), label,
                        QStringLiteral("Each attempt runs as a Slurm batch job (%1)%2")
                            .arg(describeExecutor(*executor),
                                 step.executor ? QString() : QStringLiteral(", as set above this step")));
    }
    if (step.retry) {
        const QString label = step.retry->maxAttempts
            ? QStringLiteral("%1 attempts").arg(*step.retry->maxAttempts)
            : QStringLiteral("retry");
        badges << badge(QStringLiteral("retry"), label, describeRetry(*step.retry));
    }
    if (!step.catchVar.isEmpty()) {
        badges << badge(QStringLiteral("catch"), QStringLiteral("catch → ") + step.catchVar,
                        QStringLiteral("On final failure the error is stored in vars.%1 "
                                       "and the stage goes on")
                            .arg(step.catchVar));
    }
    addStrategies(badges, step.failureStrategies);
    if (step.timeout) {
        const QString timeout = step.timeout->toString();
        badges << badge(QStringLiteral("timeout"), timeout,
                        QStringLiteral("Each attempt is stopped after ") + timeout);
    } else if (step.type() == StepType::Approval) {
        badges << badge(QStringLiteral("timeout"), defaultWait(),
                        QStringLiteral("Approvals wait at most %1 unless a timeout is set")
                            .arg(defaultWait()));
    }
    addWhen(badges, step.when, QStringLiteral("stage"));
    return badges;
}

// A container that sets an executor says so: its Shell steps run there.
static void addOwnExecutor(QVariantList &badges, const std::optional<Executor> &executor, const QString &what)
{
    if (!executor)
        return;
    const bool slurm = executor->effectiveType() == ExecutorType::Slurm;
    badges << badge(QStringLiteral("cluster"), slurm ? QStringLiteral("Slurm") : QStringLiteral("local"),
                    slurm ? QStringLiteral("Shell steps in this %1 run as Slurm batch jobs (%2)")
                                .arg(what, describeExecutor(*executor))
                          : QStringLiteral("Shell steps in this %1 run on this machine").arg(what));
}

QVariantList groupBadges(const StepGroup &group)
{
    QVariantList badges;
    addOwnExecutor(badges, group.executor, QStringLiteral("group"));
    addStrategies(badges, group.failureStrategies);
    addWhen(badges, group.when, QStringLiteral("stage"));
    return badges;
}

QVariantList stageBadges(const Stage &stage)
{
    QVariantList badges;
    addOwnExecutor(badges, stage.executor, QStringLiteral("stage"));
    addStrategies(badges, stage.failureStrategies);
    addWhen(badges, stage.when, QStringLiteral("pipeline"));
    return badges;
}

QVariantList pipelineBadges(const Pipeline &pipeline)
{
    QVariantList badges;
    addOwnExecutor(badges, pipeline.executor, QStringLiteral("pipeline"));
    const FailurePolicy policy = pipeline.failurePolicy.value_or(FailurePolicy::FailFast);
    badges << badge(QStringLiteral("policy"), toString(policy),
                    policy == FailurePolicy::FailFast
                        ? QStringLiteral("A failure cancels the running siblings at once")
                        : QStringLiteral("A failure lets the running siblings finish"));
    if (pipeline.maxParallel) {
        badges << badge(QStringLiteral("parallel"),
                        QStringLiteral("max %1 at once").arg(*pipeline.maxParallel),
                        QStringLiteral("At most %1 steps run at the same time")
                            .arg(*pipeline.maxParallel));
    }
    if (pipeline.timeout) {
        badges << badge(QStringLiteral("timeout"), pipeline.timeout->toString(),
                        QStringLiteral("The whole run is stopped after ")
                            + pipeline.timeout->toString());
    }
    if (!pipeline.inputs.empty()) {
        QStringList ids;
        for (const Input &input : pipeline.inputs)
            ids << input.id;
        badges << badge(QStringLiteral("inputs"), QStringLiteral("%1 inputs").arg(ids.size()),
                        QStringLiteral("Inputs: ") + ids.join(QStringLiteral(", ")));
    }
    if (!pipeline.secrets.isEmpty()) {
        badges << badge(QStringLiteral("secrets"),
                        QStringLiteral("%1 secrets").arg(pipeline.secrets.size()),
                        QStringLiteral("Secrets: ") + pipeline.secrets.join(QStringLiteral(", ")));
    }
    addStrategies(badges, pipeline.failureStrategies);
    return badges;
}

} // namespace pw::gui
