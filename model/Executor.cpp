#include "Executor.h"

#include <QRegularExpression>

namespace pw::model {

QStringList managedSbatchOptions()
{
    return {QStringLiteral("--output"), QStringLiteral("--error"), QStringLiteral("--job-name"),
            QStringLiteral("--wrap"), QStringLiteral("--parsable"), QStringLiteral("-o"),
            QStringLiteral("-e"), QStringLiteral("-J")};
}

namespace {

// "--output=x", "--output", "-o" and "-ox" all set the output file.
QString managedOptionIn(const QString &argument)
{
    for (const QString &option : managedSbatchOptions()) {
        if (argument == option)
            return option;
        const bool longOption = option.startsWith(QLatin1String("--"));
        if (longOption && argument.startsWith(option + u'='))
            return option;
        if (!longOption && argument.startsWith(option) && argument.size() > option.size())
            return option;
    }
    return {};
}

} // namespace

QList<std::pair<QString, QString>> executorProblems(const Executor &executor)
{
    QList<std::pair<QString, QString>> problems;
    if (executor.cpus && *executor.cpus < 1)
        problems.append({QStringLiteral("cpus"),
                         QStringLiteral("must be at least 1 (got %1)").arg(*executor.cpus)});
    // Slurm's --mem: a whole number with an optional K, M, G or T (megabytes without one).
    static const QRegularExpression size(QStringLiteral("^[0-9]+[KMGT]?$"));
    if (!executor.memory.isEmpty() && !size.match(executor.memory).hasMatch())
        problems.append({QStringLiteral("memory"),
                         QStringLiteral("'%1' is not a size (a whole number with K, M, G or T, e.g. 512M or 8G)")
                             .arg(executor.memory)});
    for (const QString &argument : executor.extraArgs) {
        const QString managed = managedOptionIn(argument);
        if (!managed.isEmpty())
            problems.append({QStringLiteral("extraArgs"),
                             QStringLiteral("'%1' sets %2, which Pipewright manages itself")
                                 .arg(argument, managed)});
    }
    return problems;
}

QString describeExecutor(const Executor &executor)
{
    if (executor.effectiveType() == ExecutorType::Local)
        return QStringLiteral("this machine");
    QStringList parts{QStringLiteral("Slurm")};
    if (!executor.partition.isEmpty())
        parts << executor.partition;
    if (executor.cpus)
        parts << (*executor.cpus == 1 ? QStringLiteral("1 CPU") : QStringLiteral("%1 CPUs").arg(*executor.cpus));
    if (!executor.memory.isEmpty())
        parts << executor.memory;
    if (executor.time)
        parts << executor.time->toString();
    return parts.join(QStringLiteral(" · "));
}

} // namespace pw::model
