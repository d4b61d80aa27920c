#pragma once

#include "engine/RunTypes.h"

#include <QHash>

#include <functional>

namespace pw::cli {

class RunMirror;

// Turns what the engine reports into one line per meaningful event, for people:
//   [  0.412s] step build/compile        Succeeded  (attempt 1)
// plus the steps' own output, indented under the step. Lines go to `sink`; the mirror
// supplies node kinds, paths and the latest errors.
class RunProgressPrinter
{
public:
    using Sink = std::function<void(const QString &line)>;
    RunProgressPrinter(const RunMirror &mirror, Sink sink);

    // A rehearsal's story: times as virtual offsets (`+5s`), and the engine's notes on how
    // each failure was handled (which strategy matched, retries used up, catch, decisions).
    void setStory(bool story) { m_story = story; }

    void runStarted(); // call after the mirror holds the initial snapshot
    // The engine sends events and log lines of the same moment in separate batches. They are
    // held here until flush(), which prints them merged in the order they happened.
    void eventsAdded(const QList<engine::RunEvent> &events);
    void logLinesAdded(const QList<engine::LogLine> &lines);
    void flush();
    void interventionRequested(const engine::InterventionRequest &request);

    // `run <id> <Status> in 4.3s (warning) — report: out.json`
    static QString finalLine(const engine::RunSnapshot &snapshot, const QString &reportPath,
                             const QString &remark = {});

private:
    QString label(const QString &nodeId) const;
    QString line(const QDateTime &at, const QString &label, const QString &text) const;
    QString eventText(const engine::RunEvent &event, bool latestFailureOfNode) const;
    QString endedText(const engine::NodeState &node) const;
    QString logText(const engine::LogLine &logLine) const;
    static bool printsBefore(const engine::LogLine &logLine, const engine::RunEvent &event);
    QString timeText(const QDateTime &at) const;

    const RunMirror &m_mirror;
    Sink m_sink;
    int m_labelWidth = 24;
    bool m_story = false;
    QList<engine::RunEvent> m_heldEvents;
    QList<engine::LogLine> m_heldLines;
    QHash<QString, int> m_attempts; // node id -> the last attempt started, as printed so far
};

} // namespace pw::cli
