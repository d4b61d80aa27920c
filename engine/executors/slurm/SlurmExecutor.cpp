#include "SlurmExecutor.h"

#include "SlurmCluster.h"
#include "engine/executors/ShellOutputFile.h"

#include <QDir>
#include <QProcess>

namespace pw::engine::slurm {

namespace {

constexpr int kTailIntervalMs = 250;
constexpr qint64 kDefaultKillGraceMs = 5000;
// After SIGKILL, how long a job may take to be reported ended before the attempt ends anyway
// (a controller that went away must not hold the run forever).
constexpr int kGiveUpAfterKillMs = 60000;
constexpr qint64 kMaxOutputsFileBytes = 1 << 20;

} // namespace

SlurmExecutor::SlurmExecutor(SlurmCluster &cluster, model::Executor executor,
                             std::optional<qint64> stepTimeoutMs, QObject *parent)
    : StepExecutor(parent)
    , m_cluster(cluster)
    , m_executor(std::move(executor))
    , m_stepTimeoutMs(stepTimeoutMs)
    , m_tail(this)
    , m_killTimer(this)
    , m_giveUp(this)
{
    m_tail.setInterval(kTailIntervalMs);
    connect(&m_tail, &QTimer::timeout, this, &SlurmExecutor::readNewOutput);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (!m_jobId.isEmpty())
            runDetached({QStringLiteral("scancel"), QStringLiteral("--full"), QStringLiteral("--signal=KILL"), m_jobId});
        m_giveUp.start(kGiveUpAfterKillMs);
    });
    m_giveUp.setSingleShot(true);
    connect(&m_giveUp, &QTimer::timeout, this, [this] {
        emit logLine(LogLine::Stream::Engine,
                     QStringLiteral("Slurm never reported job %1 ended; the attempt ends without it").arg(m_jobId));
        jobEnded(JobState{QStringLiteral("CANCELLED"), {}, {}, -1, 0});
    });
}

SlurmExecutor::~SlurmExecutor()
{
    if (m_live && !m_jobId.isEmpty()) {
        m_cluster.unwatch(m_jobId);
        runDetached({QStringLiteral("scancel"), m_jobId});
    }
    if (m_submit) {
        m_submit->disconnect(this);
        m_submit->kill();
        m_submit->waitForFinished(1000);
    }
}

void SlurmExecutor::fail(model::ErrorType type, const QString &message)
{
    m_live = false;
    finishSoon(failure(type, message));
}

void SlurmExecutor::start(const AttemptRequest &request)
{
    resetOutput();
    m_spec = std::get<model::ShellSpec>(request.spec);
    m_jobId.clear();
    m_running = false;
    m_lastState = {};
    m_cancelReason.reset();
    m_live = true;
    const QString root = m_executor.outputDir.isEmpty() ? m_cluster.defaultJobRoot() : m_executor.outputDir;
    m_files = JobFiles::forAttempt(root + u'/' + request.runId, request.stepId, request.attempt);
    if (const auto error = writeWrapper(m_files)) {
        fail(model::ErrorType::DelegateProvisioning, *error);
        return;
    }
    m_files.removeAttemptFiles(); // of an earlier program's run with this id, if any

    const QString workingDir = m_spec.workingDir.isEmpty()
        ? request.defaultWorkingDir
        : QDir(request.defaultWorkingDir).absoluteFilePath(m_spec.workingDir);
    QProcessEnvironment environment = request.environment.isEmpty() ? QProcessEnvironment::systemEnvironment()
                                                                    : request.environment;
    for (const auto &[name, value] : m_spec.env)
        environment.insert(name, value);
    environment.insert(QStringLiteral("PW_OUTPUT"), m_files.outputsFile);
    environment.insert(QStringLiteral("PW_JOB_COMMAND"), m_spec.command);
    environment.insert(QStringLiteral("PW_JOB_SHELL"), m_spec.shell.value_or(QStringLiteral("/bin/sh")));
    environment.insert(QStringLiteral("PW_JOB_WORKDIR"), workingDir);
    environment.insert(QStringLiteral("PW_JOB_EXIT"), m_files.exitFile);

    m_submit = std::make_unique<QProcess>();
    m_submit->setProgram(QStringLiteral("sbatch"));
    m_submit->setArguments(sbatchArguments(m_executor, m_files, jobName(request.runId, request.stepId, request.attempt),
                                           m_stepTimeoutMs));
    m_submit->setProcessEnvironment(environment);
    m_submit->setStandardInputFile(QProcess::nullDevice());
    connect(m_submit.get(), &QProcess::finished, this, [this](int exitCode) { submitted(exitCode); });
    connect(m_submit.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            submitted(-1);
    });
    m_submit->start();
}

void SlurmExecutor::submitted(int exitCode)
{
    if (!m_submit)
        return;
    const std::unique_ptr<QProcess> process = std::move(m_submit);
    process->disconnect(this);
    const QByteArray output = process->readAllStandardOutput();
    const QString errors = QString::fromUtf8(process->readAllStandardError()).trimmed();
    const QString jobId = exitCode == 0 ? parseSbatchJobId(output) : QString();
    if (jobId.isEmpty()) {
        if (m_cancelReason) {
            m_live = false;
            finishSoon(cancelledOutcome(*m_cancelReason));
            return;
        }
        const QString why = exitCode < 0 ? QStringLiteral("sbatch could not be started (%1): is Slurm installed and on PATH?")
                                               .arg(process->errorString())
                          : errors.isEmpty() ? QStringLiteral("sbatch gave no job id (exit code %1)").arg(exitCode)
                                             : errors;
        fail(model::ErrorType::DelegateProvisioning, QStringLiteral("the job could not be submitted: ") + why);
        return;
    }
    m_jobId = jobId;
    emit externalIdAssigned(jobId);
    emit logLine(LogLine::Stream::Engine,
                 QStringLiteral("submitted as Slurm job %1%2")
                     .arg(jobId, m_executor.partition.isEmpty() ? QString()
                                                                : QStringLiteral(" to partition ") + m_executor.partition));
    m_cluster.watch(jobId, this, [this](const JobState &state) { jobStateChanged(state); });
    if (m_cancelReason)
        sendCancel();
}

void SlurmExecutor::jobStateChanged(const JobState &state)
{
    const JobState previous = m_lastState;
    m_lastState = state;
    if (state.hasEnded() || state.state.isEmpty()) {
        jobEnded(state);
        return;
    }
    if (state.isPending()) {
        if (state.reason != previous.reason || !previous.isPending()) {
            const bool hasReason = !state.reason.isEmpty() && state.reason != QLatin1String("None");
            emit waitingFor(hasReason ? state.reason : QStringLiteral("queued"));
            emit logLine(LogLine::Stream::Engine,
                         QStringLiteral("Slurm job %1 is pending%2")
                             .arg(m_jobId, hasReason ? QStringLiteral(" (%1)").arg(state.reason) : QString()));
        }
        return;
    }
    if (!m_running) {
        m_running = true;
        emit jobStarted();
        emit logLine(LogLine::Stream::Engine,
                     QStringLiteral("Slurm job %1 is running%2")
                         .arg(m_jobId, state.nodes.isEmpty() ? QString() : QStringLiteral(" on ") + state.nodes));
        m_tail.start();
    }
}

void SlurmExecutor::jobEnded(const JobState &state)
{
    if (!m_live)
        return;
    m_live = false;
    m_tail.stop();
    m_killTimer.stop();
    m_giveUp.stop();
    m_cluster.unwatch(m_jobId);
    drainOutput();
    AttemptOutcome outcome;
    if (m_cancelReason) {
        outcome = cancelledOutcome(*m_cancelReason);
    } else {
        outcome = outcomeOfJob(m_jobId, state, readExitCode(), m_spec.exitCodes);
        if (outcome.succeeded)
            outcome.outputs = readOutputs();
    }
    m_files.removeAttemptFiles(); // the run store has the output now
    finishSoon(outcome);
}

void SlurmExecutor::cancel(CancelReason reason)
{
    if (cancelPending(reason) || !m_live || m_cancelReason)
        return;
    m_cancelReason = reason;
    if (!m_jobId.isEmpty())
        sendCancel(); // else as soon as sbatch tells the id
}

// Plain scancel: SIGCONT and SIGTERM to every process of the job (the wrapper passes it on to
// the command) and the state CANCELLED; SIGKILL follows after the step's killGrace.
void SlurmExecutor::sendCancel()
{
    emit logLine(LogLine::Stream::Engine, QStringLiteral("cancelling Slurm job %1").arg(m_jobId));
    runDetached({QStringLiteral("scancel"), m_jobId});
    m_killTimer.start(int(m_spec.killGrace ? m_spec.killGrace->milliseconds() : kDefaultKillGraceMs));
    m_cluster.pollSoon();
}

void SlurmExecutor::runDetached(const QStringList &arguments) const
{
    // scancel returns at once; its result shows in the job's state at the next poll.
    QProcess::startDetached(arguments.first(), arguments.mid(1));
}

void SlurmExecutor::readNewOutput()
{
    for (Tail *tail : {&m_stdout, &m_stderr}) {
        if (!tail->file.isOpen()) {
            tail->file.setFileName(tail == &m_stdout ? m_files.stdoutFile : m_files.stderrFile);
            if (!tail->file.open(QIODevice::ReadOnly))
                continue; // not there yet
        }
        // Reads what was appended since the last look; a file on a shared filesystem may
        // lag, which only delays lines.
        const QByteArray bytes = tail->file.readAll();
        if (!bytes.isEmpty())
            writeOutput(tail->stream, bytes);
    }
}

void SlurmExecutor::drainOutput()
{
    readNewOutput();
    for (Tail *tail : {&m_stdout, &m_stderr}) {
        endOutput(tail->stream);
        tail->file.close();
    }
}

std::optional<int> SlurmExecutor::readExitCode() const
{
    QFile file(m_files.exitFile);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    bool ok = false;
    const int code = file.readAll().trimmed().toInt(&ok);
    return ok ? std::optional(code) : std::nullopt;
}

QVariantMap SlurmExecutor::readOutputs()
{
    QFile file(m_files.outputsFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const ShellOutputs outputs = parseShellOutputs(file.read(kMaxOutputsFileBytes));
    for (const QString &warning : outputs.warnings)
        emit logLine(LogLine::Stream::Engine, warning);
    return outputs.values;
}

} // namespace pw::engine::slurm
