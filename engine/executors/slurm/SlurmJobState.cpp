#include "SlurmJobState.h"

#include <QRegularExpression>

namespace pw::engine::slurm {

namespace {

// Slurm's job states (squeue(1) "JOB STATE CODES"); the ones not listed are still going.
const QStringList kEndedStates{
    QStringLiteral("COMPLETED"), QStringLiteral("FAILED"),     QStringLiteral("CANCELLED"),
    QStringLiteral("TIMEOUT"),   QStringLiteral("NODE_FAIL"),  QStringLiteral("BOOT_FAIL"),
    QStringLiteral("PREEMPTED"), QStringLiteral("OUT_OF_MEMORY"), QStringLiteral("DEADLINE"),
    QStringLiteral("SPECIAL_EXIT"), QStringLiteral("REVOKED")};

// "CANCELLED by 0" -> "CANCELLED"
QString baseState(const QString &state)
{
    return state.section(u' ', 0, 0).trimmed();
}

AttemptOutcome failed(model::ErrorType type, const QString &message)
{
    AttemptOutcome outcome;
    outcome.errorType = type;
    outcome.message = message;
    return outcome;
}

} // namespace

bool JobState::isPending() const
{
    const QString base = baseState(state);
    return base == QLatin1String("PENDING") || base == QLatin1String("REQUEUED")
           || base == QLatin1String("CONFIGURING") || base == QLatin1String("REQUEUE_HOLD");
}

bool JobState::isRunning() const
{
    return !state.isEmpty() && !isPending() && !hasEnded();
}

bool JobState::hasEnded() const
{
    return kEndedStates.contains(baseState(state));
}

QHash<QString, JobState> parseSqueue(const QByteArray &output)
{
    QHash<QString, JobState> jobs;
    for (const QByteArray &line : output.split('\n')) {
        const QList<QByteArray> fields = line.trimmed().split('|');
        if (fields.size() < 2 || fields.at(0).isEmpty())
            continue;
        JobState job;
        job.state = QString::fromUtf8(fields.at(1)).trimmed();
        if (fields.size() > 2)
            job.reason = QString::fromUtf8(fields.at(2)).trimmed();
        if (fields.size() > 3)
            job.nodes = QString::fromUtf8(fields.at(3)).trimmed();
        jobs.insert(QString::fromUtf8(fields.at(0)).trimmed(), job);
    }
    return jobs;
}

QHash<QString, JobState> parseScontrol(const QByteArray &output)
{
    static const QRegularExpression id(QStringLiteral("(?:^|\\s)JobId=(\\S+)"));
    static const QRegularExpression state(QStringLiteral("(?:^|\\s)JobState=(\\S+)"));
    static const QRegularExpression reason(QStringLiteral("(?:^|\\s)Reason=(\\S+)"));
    static const QRegularExpression exit(QStringLiteral("(?:^|\\s)ExitCode=(\\d+):(\\d+)"));
    QHash<QString, JobState> jobs;
    for (const QByteArray &bytes : output.split('\n')) {
        const QString line = QString::fromUtf8(bytes);
        const auto idMatch = id.match(line);
        const auto stateMatch = state.match(line);
        if (!idMatch.hasMatch() || !stateMatch.hasMatch())
            continue;
        JobState job;
        job.state = stateMatch.captured(1);
        if (const auto r = reason.match(line); r.hasMatch())
            job.reason = r.captured(1);
        if (const auto e = exit.match(line); e.hasMatch()) {
            job.exitCode = e.captured(1).toInt();
            job.exitSignal = e.captured(2).toInt();
        }
        jobs.insert(idMatch.captured(1), job);
    }
    return jobs;
}

QString parseSbatchJobId(const QByteArray &output)
{
    // The last non-empty line: sbatch may print warnings before the id.
    const QList<QByteArray> lines = output.trimmed().split('\n');
    const QString last = QString::fromUtf8(lines.isEmpty() ? QByteArray() : lines.last()).trimmed();
    const QString id = last.section(u';', 0, 0);
    static const QRegularExpression number(QStringLiteral("^[0-9]+(_[0-9]+)?$"));
    return number.match(id).hasMatch() ? id : QString();
}

AttemptOutcome outcomeOfJob(const QString &jobId, const JobState &state, std::optional<int> exitCode,
                            const QList<std::pair<int, model::ErrorType>> &exitCodes)
{
    const QString base = baseState(state.state);
    const QString slurm = QStringLiteral("Slurm job %1 %2").arg(jobId, base.isEmpty() ? QStringLiteral("gone") : base);
    using model::ErrorType;
    if (base == QLatin1String("TIMEOUT") || base == QLatin1String("DEADLINE"))
        return failed(ErrorType::Timeout, slurm + QStringLiteral(": the job's time limit was reached"));
    if (base == QLatin1String("NODE_FAIL") || base == QLatin1String("BOOT_FAIL"))
        return failed(ErrorType::DelegateProvisioning, slurm + QStringLiteral(": the node it ran on failed"));
    if (base == QLatin1String("PREEMPTED"))
        return failed(ErrorType::DelegateRestart, slurm + QStringLiteral(": preempted by the cluster"));
    if (base == QLatin1String("OUT_OF_MEMORY"))
        return failed(ErrorType::Unknown, slurm + QStringLiteral(": out of memory"));
    // The wrapper's exit code is the command's; scontrol's is the fallback (no file: the
    // wrapper was killed before it could write one).
    int code = -1; // none
    if (exitCode)
        code = *exitCode;
    else if (state.exitCode >= 0 && state.exitSignal == 0)
        code = state.exitCode;
    if (base == QLatin1String("CANCELLED"))
        return failed(ErrorType::Unknown, slurm + QStringLiteral(": cancelled outside Pipewright"));
    if (code == 0 && (base == QLatin1String("COMPLETED") || base.isEmpty())) {
        AttemptOutcome outcome;
        outcome.succeeded = true;
        return outcome;
    }
    if (code < 0) {
        const QString signal = state.exitSignal > 0 ? QStringLiteral(": killed by signal %1").arg(state.exitSignal)
                                                    : QStringLiteral(": ended without an exit code");
        return failed(ErrorType::Unknown, slurm + signal);
    }
    const QString message = QStringLiteral("exit code %1 (%2)").arg(code).arg(slurm);
    for (const auto &[mapped, type] : exitCodes) {
        if (mapped == code)
            return failed(type, message);
    }
    return failed(ErrorType::Unknown, message);
}

} // namespace pw::engine::slurm
