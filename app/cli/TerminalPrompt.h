#pragma once

#include "engine/RunTypes.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace pw::cli {

class RawTerminal;

// Asks the person at the terminal about open requests, one at a time: shows the request,
// then a single line with a live countdown to its deadline and what they type. Input comes
// through a QSocketNotifier on stdin, so the event loop (and the run's progress) never
// stops while waiting for an answer. Questions and the countdown go to stderr, so stdout
// stays a clean progress log even when it is redirected.
class TerminalPrompt : public QObject
{
    Q_OBJECT

public:
    explicit TerminalPrompt(QObject *parent = nullptr);
    ~TerminalPrompt() override;

    // Receives each answer (by "user").
    std::function<void(const engine::Decision &)> onAnswer;

    void ask(const engine::InterventionRequest &request); // queued behind open questions
    // The engine closed a request (decided, timed out, withdrawn): it is no longer asked.
    void requestClosed(const engine::InterventionRecord &record);

    // The run is over: open questions are dropped, the terminal is left as it was found.
    void close();

    // Prints a line above the live line, which is redrawn below it.
    void printAbove(const QString &line, bool toStderr);

private:
    void startNext();
    void finishCurrent(const QString &outcome);
    void showQuestion();
    void redrawLiveLine();
    void clearLiveLine();
    void readInput();
    void handleByte(char byte);
    void submit(const QString &answer);

    bool isActive() const { return !m_queue.isEmpty() && m_asking; }
    const engine::InterventionRequest &current() const { return m_queue.first(); }

    QList<engine::InterventionRequest> m_queue; // the first one is asked when m_asking
    QString m_awaitingClose; // answered here; the next question waits for its closing
    bool m_asking = false;
    bool m_live = false; // stderr is a terminal: the live line is redrawn in place
    bool m_inputClosed = false;
    QByteArray m_typed;
    int m_escape = 0; // inside a terminal escape sequence (arrow keys): skip it
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_tick;
    std::unique_ptr<RawTerminal> m_raw;
};

} // namespace pw::cli
