#pragma once

#include "NodeRunStates.h"
#include "NotificationListModel.h"
#include "RequestListModel.h"
#include "RunHistoryModel.h"
#include "RunLogModel.h"
#include "RunTimelineModel.h"

#include "engine/RunRequest.h"
#include "engine/store/RunHistory.h"
#include "model/IdKey.h"
#include "model/Pipeline.h"
#include "model/Problem.h"

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace pw::engine {
class EngineThread;
}

namespace pw::gui {

class PipelineDocument;

// The monitoring half of the window (issue: Monitor): runs a pipeline on the engine thread,
// shows one run at a time (the live one, or a past one from the store), and answers its
// requests. Everything the engine says arrives as queued signals carrying values; every model
// here is touched on the GUI thread only. The canvas shows the shown run's own pipeline
// (runDocument, read-only) with each node's state from `states`.
class RunMonitor : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The application makes the run monitor")
    Q_PROPERTY(pw::gui::PipelineDocument *runDocument READ runDocument CONSTANT)
    Q_PROPERTY(bool showingRun READ showingRun NOTIFY shownRunChanged)
    Q_PROPERTY(QString runId READ runId NOTIFY shownRunChanged)
    Q_PROPERTY(QString originRunId READ originRunId NOTIFY shownRunChanged)
    Q_PROPERTY(QString runPipelineId READ runPipelineId NOTIFY shownRunChanged)
    // The shown run is a rehearsal: nothing was executed, its times are virtual.
    Q_PROPERTY(bool rehearsal READ isRehearsal NOTIFY shownRunChanged)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool live READ isLive NOTIFY statusChanged)
    Q_PROPERTY(bool warning READ warning NOTIFY statusChanged)
    Q_PROPERTY(int stepsDone READ stepsDone NOTIFY progressChanged)
    Q_PROPERTY(int stepsTotal READ stepsTotal NOTIFY shownRunChanged)
    Q_PROPERTY(double startedAt READ startedAt NOTIFY shownRunChanged)
    Q_PROPERTY(double endedAt READ endedAt NOTIFY statusChanged)
    Q_PROPERTY(int waitingCount READ waitingCount NOTIFY waitingCountChanged)
    Q_PROPERTY(QString databasePath READ databasePath CONSTANT)
    Q_PROPERTY(QString storeError READ storeError NOTIFY storeErrorChanged)
    Q_PROPERTY(int nodesRevision READ nodesRevision NOTIFY nodesRevisionChanged)
    Q_PROPERTY(pw::gui::RunLogModel *logs READ logs CONSTANT)
    Q_PROPERTY(pw::gui::RunTimelineModel *timeline READ timeline CONSTANT)
    Q_PROPERTY(pw::gui::RunHistoryModel *history READ history CONSTANT)
    Q_PROPERTY(pw::gui::RequestListModel *requests READ requests CONSTANT)
    Q_PROPERTY(pw::gui::NotificationListModel *notifications READ notifications CONSTANT)

public:
    // `databasePath`: the run store (the user's default when empty).
    explicit RunMonitor(const QString &databasePath = {}, QObject *parent = nullptr);
    ~RunMonitor() override;

    // The real time between two jumps of a rehearsal's virtual clock, and how long it waits
    // for a person before an unanswered request's deadline passes.
    static constexpr std::chrono::milliseconds kRehearsalPace{400};
    static constexpr std::chrono::milliseconds kRehearsalPersonWindow = engine::kPersonWindow;
    // Runs started from the window run in the background. Their steps run at this many nice
    // levels below the window (the lowest priority short of SCHED_IDLE, which would starve a
    // run on a busy desktop). Without it, 200 steps starting at once on 2 cores kept the
    // window's thread waiting for a core half of its first 40 ms after Run; at 10 levels, with
    // 200 busy steps weighing twice the window, the benchmark's long gaps were still half
    // waits (24-60 ms of them); at 19, 0-17 ms.
    static constexpr int kStepNiceIncrement = 19;
    // The engine thread runs 10 levels below the window: low enough to yield to it, high
    // enough not to wait behind the steps while it holds the lock of the memory it shares with
    // the window (EngineThread.h). At 19 the window waited on that lock for up to 55 ms.
    static constexpr int kEngineNiceIncrement = 10;

    PipelineDocument *runDocument() const { return m_runDocument; }
    bool showingRun() const { return !m_runId.isEmpty(); }
    QString runId() const { return m_runId; }
    QString originRunId() const { return m_snapshot.originRunId; }
    QString runPipelineId() const { return m_snapshot.pipelineId; }
    bool isRehearsal() const { return m_snapshot.rehearsal; }
    QString status() const;
    bool isLive() const { return m_live; }
    bool warning() const { return m_snapshot.warning; }
    int stepsDone() const { return m_stepsDone; }
    int stepsTotal() const { return m_stepsTotal; }
    double startedAt() const;
    double endedAt() const;
    int waitingCount() const { return m_requests->count(); }
    int nodesRevision() const { return m_nodesRevision; }
    QString databasePath() const { return m_databasePath; }
    QString storeError() const { return m_storeError; }
    RunLogModel *logs() const { return m_logs; }
    RunTimelineModel *timeline() const { return m_timeline; }
    RunHistoryModel *history() const { return m_historyModel; }
    RequestListModel *requests() const { return m_requests; }
    NotificationListModel *notifications() const { return m_notifications; }
    NodeRunStates *states() { return &m_states; }

    // Why `document` cannot run now (errors in it, a run going on...), or empty.
    Q_INVOKABLE QString problemsBeforeRun(pw::gui::PipelineDocument *document) const;
    // The form the Run dialog asks: one entry per declared input, {id, type, description,
    // required, defaultValue, value (the last value given for this file, else the default)}.
    Q_INVOKABLE QVariantList inputForm(pw::gui::PipelineDocument *document) const;
    // Empty when `text` fits `type` (string, number, integer, boolean), else why not.
    Q_INVOKABLE static QString checkInput(const QString &type, const QString &text);
    // Starts `document`'s pipeline with the inputs given as text (id -> text); remembers them
    // for the file. False with the reason in a notification when it cannot start.
    Q_INVOKABLE bool start(pw::gui::PipelineDocument *document, const QVariantMap &inputs);
    // Plays a rehearsal of `document` (semantics.md "Rehearsal") on the canvas: nothing is
    // executed, step `stepId` fails with `errorType` (its first `attempts` attempts; 0: all),
    // on a virtual clock slowed to a watchable pace; requests open dialogs as in a run.
    Q_INVOKABLE bool rehearse(pw::gui::PipelineDocument *document, const QString &stepId,
                              const QString &errorType, int attempts);
    Q_INVOKABLE void abort();
    // The shown run's own pipeline text again, with its inputs: a new run.
    Q_INVOKABLE bool rerun();
    // A new run that reuses what the shown run finished (semantics.md resume), with
    // `document`'s pipeline when it is the same pipeline (edited since), else the stored text.
    Q_INVOKABLE bool resume(pw::gui::PipelineDocument *document);
    Q_INVOKABLE void decide(const QString &requestId, const QString &decision, const QString &comment);
    // Shows a stored run; false when it cannot be read.
    Q_INVOKABLE bool openRun(const QString &runId);
    // Back to the design document (a live run goes on; the history shows it).
    Q_INVOKABLE void closeRun();
    // The Logs panel follows `nodeId` (its latest attempt).
    Q_INVOKABLE void selectNode(const QString &nodeId);
    // What a node did in the shown run, for the side panel: NodeRunStates::info plus its
    // outputs ({name: value}) and the stage it is in; empty when the run has no such node.
    // Re-read when nodesRevision moves.
    Q_INVOKABLE QVariantMap nodeDetails(const QString &nodeId) const;
    // The HTML report of a stored run, written to a temporary file: its file:// URL.
    Q_INVOKABLE QString writeReport(const QString &runId);
    Q_INVOKABLE bool deleteRun(const QString &runId);

signals:
    void shownRunChanged();
    void statusChanged();
    void progressChanged();
    void waitingCountChanged();
    void storeErrorChanged();
    void nodesRevisionChanged();
    // A request opened for `nodeId` (the window asks for attention and shows the step).
    void attentionNeeded(const QString &nodeId);
    void runEnded(const QString &status);

private:
    void connectEngine();
    std::optional<engine::RunRequest> requestFor(PipelineDocument *document, const QVariantMap &inputs);
    // `problems`: what the pipeline's checks found (warnings: errors do not run), for the
    // Problems tab of the run.
    bool launch(engine::RunRequest request, const QString &what, model::Problems problems);
    // Shows a run: its document at once, the rest (the shown run's properties, its statuses,
    // logs and progress, and the window hearing of it) at once too, or, with
    // `Announce::Later` while the design is shown, one turn of the event loop later. That
    // turn lets the window's timers and a frame run between the models' work and the
    // window's reaction to the run (on the slow machine, 40-55 ms of work in one go after Run).
    // Until then the design stays what the window shows, consistently; anything that touches
    // the shown run first settles a pending one (settlePendingShow).
    enum class Announce { Now, Later };
    void show(const engine::RunSnapshot &initial, const QByteArray &pipelineText, bool live,
              std::optional<model::Pipeline> pipeline = std::nullopt, const model::Problems &problems = {},
              Announce announce = Announce::Now);
    void applyShow(const engine::RunSnapshot &initial, bool live);
    void settlePendingShow();
    void countProgress();
    void notify(const QString &text, const QString &level);

    // Engine signals (queued).
    void runStarted(const QString &runId, const engine::RunSnapshot &initial);
    void nodesChanged(const QString &runId, const QList<engine::NodeState> &states);
    void eventsAdded(const QString &runId, const QList<engine::RunEvent> &events);
    void attemptsChanged(const QString &runId, const QList<engine::AttemptRecord> &attempts);
    void logLinesAdded(const QString &runId, const QList<engine::LogLine> &lines);
    void interventionRequested(const engine::InterventionRequest &request);
    void interventionDecided(const QString &runId, const engine::InterventionRecord &record);
    void decisionRefused(const engine::Decision &decision, const QString &reason);
    void runFinished(const engine::RunSnapshot &snapshot);

    QString m_databasePath;
    QString m_storeError;
    engine::RunHistory m_history;
    bool m_historyOpen = false;
    std::unique_ptr<engine::EngineThread> m_engine;
    PipelineDocument *m_runDocument;
    NodeRunStates m_states;
    RunLogModel *m_logs;
    RunTimelineModel *m_timeline;
    RunHistoryModel *m_historyModel;
    RequestListModel *m_requests;
    NotificationListModel *m_notifications;

    QString m_liveRunId; // the run the engine is running for this window, if any
    QString m_pendingLabel; // what the starting run is called until the engine names it
    QByteArray m_pendingText;
    // The starting run's pipeline as the window read and checked it: shown without reading
    // its text again.
    std::optional<model::Pipeline> m_pendingPipeline;
    model::Problems m_pendingProblems;
    struct PendingShow
    {
        engine::RunSnapshot initial;
        bool live = false;
    };
    std::optional<PendingShow> m_pendingShow; // shown at the next turn (Announce::Later)
    QString m_runId; // the shown run
    bool m_live = false;
    engine::RunSnapshot m_snapshot; // the shown run as far as known (nodes kept current)
    QHash<model::IdKey, qsizetype> m_nodeIndex;
    int m_nodesRevision = 0;
    int m_stepsDone = 0;
    int m_stepsTotal = 0;
    QString m_selectedNode;
};

} // namespace pw::gui
