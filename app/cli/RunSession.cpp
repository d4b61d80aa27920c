#include "RunSession.h"

#include "Console.h"
#include "InterruptHandler.h"
#include "TerminalPrompt.h"
#include "engine/EngineThread.h"
#include "engine/RunReport.h"

#include <QSaveFile>
#include <QTimer>

#include <algorithm>

namespace pw::cli {
namespace {

using engine::RunStatus;

// Long next to the gap between the engine's two signals, short enough to feel live.
constexpr int kMergeWindowMs = 40;

int exitCodeFor(RunStatus status)
{
    switch (status) {
    case RunStatus::Succeeded: return ExitSuccess;
    case RunStatus::Failed: return ExitFailed;
    case RunStatus::Aborted: return ExitAborted;
    case RunStatus::RolledBack: return ExitRolledBack;
    case RunStatus::Pending:
    case RunStatus::Running:
    case RunStatus::Interrupted: break;
    }
    return ExitInternal; // a run that ended in no final status
}

// A rehearsal's engine gives fixed decisions itself, before its virtual clock moves on; only
// a person's answers (prompt) come from here.
AnswerMode answeredHere(const AnswerMode &mode, const RunOptions &options)
{
    const bool engineAnswers = options.command == RunOptions::Command::Rehearse && mode.kind == AnswerMode::Kind::Decide;
    return engineAnswers ? AnswerMode::wait() : mode;
}

bool usesPrompt(const RunOptions &options)
{
    return options.onIntervention.kind == AnswerMode::Kind::Prompt
           || options.onApproval.kind == AnswerMode::Kind::Prompt;
}

} // namespace

RunSession::RunSession(RunOptions options, QString databasePath, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_databasePath(std::move(databasePath))
    , m_printer(m_mirror, [this](const QString &line) { progress(line); })
    , m_prompt(usesPrompt(m_options) ? new TerminalPrompt(this) : nullptr)
    , m_responder(answeredHere(m_options.onIntervention, m_options), answeredHere(m_options.onApproval, m_options),
                  {[this](const engine::Decision &decision) { decide(decision); },
                   [this](const engine::InterventionRequest &request) { m_prompt->ask(request); },
                   [this](const QString &text) { diagnostic(text); }})
{
    m_printer.setStory(m_options.command == RunOptions::Command::Rehearse);
    if (m_prompt)
        m_prompt->onAnswer = [this](const engine::Decision &decision) { decide(decision); };
}

RunSession::~RunSession()
{
    m_engine.reset();
}

int RunSession::exec(engine::RunRequest request)
{
    m_masker = engine::SecretMasker(request.secrets);

    m_interrupts = new InterruptHandler(this);
    connect(m_interrupts, &InterruptHandler::interrupted, this, &RunSession::interrupted);
    m_engine = std::make_unique<engine::EngineThread>(m_databasePath);
    connectEngine();
    m_engine->startRun(std::move(request));
    const int exitCode = m_loop.exec();
    // Stop the engine thread now, inside the application's lifetime; runs still going (after
    // a second Ctrl+C) are destroyed with it, and their processes killed.
    m_engine.reset();
    delete m_interrupts; // default Ctrl+C behaviour again
    m_interrupts = nullptr;
    return exitCode;
}

void RunSession::connectEngine()
{
    const engine::Engine *engine = m_engine->engine();
    using E = engine::Engine;
    // The engine lives on its own thread: every connection here is queued to this thread.
    connect(engine, &E::runStarted, this, &RunSession::runStarted);
    connect(engine, &E::nodesChanged, this,
            [this](const QString &runId, const QList<engine::NodeState> &states) {
                if (runId == m_runId)
                    m_mirror.updateNodes(states);
            });
    connect(engine, &E::eventsAdded, this,
            [this](const QString &runId, const QList<engine::RunEvent> &events) {
                if (runId != m_runId)
                    return;
                m_mirror.addEvents(events);
                if (m_options.quiet) // nothing would be printed: 10,000 steps' lines cost 80 ms to make
                    return;
                m_printer.eventsAdded(events);
                schedulePrint();
            });
    connect(engine, &E::logLinesAdded, this,
            [this](const QString &runId, const QList<engine::LogLine> &lines) {
                // Taken: the engine may send the next batch. While this thread is busy
                // printing, it sends none and counts what it leaves out instead.
                m_engine->acknowledgeLogLines(runId);
                if (runId != m_runId)
                    return;
                m_printer.logLinesAdded(lines);
                schedulePrint();
            });
    connect(engine, &E::storeProblem, this, [this](const QString &, const QString &message) {
        diagnostic(QStringLiteral("run store: ") + message);
    });
    connect(engine, &E::interventionRequested, this, &RunSession::interventionRequested);
    connect(engine, &E::interventionDecided, this, &RunSession::interventionDecided);
    connect(engine, &E::decisionRefused, this, &RunSession::decisionRefused);
    connect(engine, &E::runFinished, this, &RunSession::runFinished);
}

void RunSession::schedulePrint()
{
    if (m_printScheduled)
        return;
    m_printScheduled = true;
    // The engine posts the events and the log lines of one moment as two signals, the second
    // one a little later: wait that little before printing them merged in order.
    QTimer::singleShot(kMergeWindowMs, this, [this] {
        m_printScheduled = false;
        m_printer.flush();
    });
}

void RunSession::runStarted(const QString &runId, const engine::RunSnapshot &initial)
{
    m_runId = runId;
    m_mirror.reset(initial);
    m_printer.runStarted();
    if (m_interrupted) // Ctrl+C came before the engine said which run to abort
        m_engine->abortRun(m_runId);
}

void RunSession::interventionRequested(engine::InterventionRequest request)
{
    if (request.runId != m_runId)
        return;
    // The engine masks secrets; the command line does too, for anything it prints itself.
    request.errorMessage = masked(request.errorMessage);
    request.message = masked(request.message);
    request.approvers = masked(request.approvers);
    m_requestSteps.insert(request.id, request.step);
    // A rehearsal's deadline is virtual; a person at the terminal gets kPersonWindow of real
    // time (the engine's clock waits that long), and the countdown says so.
    const bool askedHere = (request.kind == engine::RequestKind::Approval ? m_options.onApproval
                                                                            : m_options.onIntervention)
                               .kind == AnswerMode::Kind::Prompt;
    if (m_options.command == RunOptions::Command::Rehearse && askedHere) {
        request.requestedAt = QDateTime::currentDateTimeUtc();
        request.deadline = request.requestedAt.addMSecs(engine::kPersonWindow.count());
    }
    m_printer.interventionRequested(request);
    m_responder.handle(request);
}

void RunSession::interventionDecided(const QString &runId, const engine::InterventionRecord &record)
{
    if (runId != m_runId)
        return;
    m_mirror.addIntervention(record);
    if (m_prompt) {
        m_printer.flush(); // the decision's lines before the prompt's next words
        m_prompt->requestClosed(record);
    }
}

void RunSession::decisionRefused(const engine::Decision &decision, const QString &reason)
{
    diagnostic(QStringLiteral("step %1: %2 refused: %3")
                   .arg(m_requestSteps.value(decision.requestId, decision.requestId),
                        decision.decision, reason));
}

void RunSession::decide(const engine::Decision &decision)
{
    if (m_engine && !m_finished)
        m_engine->decide(decision);
}

void RunSession::interrupted(int signalNumber, int count)
{
    if (m_finished)
        return;
    const QString name =
        signalNumber == SIGTERM ? QStringLiteral("SIGTERM") : QStringLiteral("Ctrl+C");
    m_interrupted = true;
    if (count == 1) {
        diagnostic(
            QStringLiteral("%1: aborting the run (error handlers still run); again to stop at once")
                .arg(name));
        if (!m_runId.isEmpty())
            m_engine->abortRun(m_runId);
        return;
    }
    // Stop at once: a second abort also cancels a running error handler; the report holds
    // what is known so far.
    diagnostic(QStringLiteral("%1 again: stopping at once").arg(name));
    if (m_runId.isEmpty()) {
        diagnostic(QStringLiteral("stopped before the run started"));
        m_finished = true;
        m_loop.exit(ExitAborted);
        return;
    }
    m_engine->abortRun(m_runId);
    finish(m_mirror.abortedSnapshot(), QStringLiteral("stopped at once"));
}

void RunSession::runFinished(const engine::RunSnapshot &snapshot)
{
    if (snapshot.runId == m_runId)
        finish(snapshot, {});
}

void RunSession::finish(const engine::RunSnapshot &snapshot, const QString &remark)
{
    if (m_finished)
        return;
    m_finished = true;
    m_printer.flush();
    int exitCode = m_interrupted ? int(ExitAborted) : exitCodeFor(snapshot.status);
    const bool reportWritten = m_options.reportPath.isEmpty() || writeReport(snapshot);
    if (!reportWritten)
        exitCode = ExitInternal;
    if (m_prompt)
        m_prompt->close();
    printOut(masked(RunProgressPrinter::finalLine(
        snapshot, reportWritten ? m_options.reportPath : QString(), remark)));
    m_loop.exit(exitCode);
}

bool RunSession::writeReport(const engine::RunSnapshot &snapshot)
{
    // QSaveFile: a reader never sees half a report, and an old report stays whole on failure.
    QSaveFile file(m_options.reportPath);
    const QByteArray json = engine::runReportText(snapshot);
    if (file.open(QIODevice::WriteOnly) && file.write(json) == json.size() && file.commit())
        return true;
    diagnostic(QStringLiteral("cannot write the report %1: %2")
                   .arg(m_options.reportPath, file.errorString()));
    return false;
}

void RunSession::progress(const QString &line)
{
    if (m_options.quiet)
        return;
    if (m_prompt)
        m_prompt->printAbove(masked(line), false);
    else
        printOut(masked(line));
}

void RunSession::diagnostic(const QString &line)
{
    const QString text = QStringLiteral("pipewright %1: ").arg(commandWord(m_options.command)) + masked(line);
    if (m_prompt)
        m_prompt->printAbove(text, true);
    else
        printErr(text);
}

QString RunSession::masked(const QString &text) const
{
    return m_masker.mask(text);
}

} // namespace pw::cli
