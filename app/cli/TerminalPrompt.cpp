#include "TerminalPrompt.h"

#include "Console.h"
#include "RawTerminal.h"
#include "TimeText.h"

#include <QDateTime>
#include <QSocketNotifier>

#include <cstdio>
#include <cerrno>
#include <termios.h>
#include <unistd.h>

namespace pw::cli {

namespace {

void writeErr(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

QString closedText(const engine::InterventionRecord &record)
{
    if (record.by == QLatin1String("timeout")) {
        return record.request.kind == engine::RequestKind::Approval
                   ? QStringLiteral("no answer in time: the step fails with Timeout")
                   : QStringLiteral("no answer in time: %1 applied").arg(record.decision);
    }
    if (record.by == QLatin1String("engine"))
        return QStringLiteral("withdrawn: the step no longer waits");
    return QStringLiteral("decided elsewhere: %1 (by %2)").arg(record.decision, record.by);
}

} // namespace

TerminalPrompt::TerminalPrompt(QObject *parent)
    : QObject(parent)
{
    m_live = ::isatty(STDERR_FILENO) && ::isatty(STDIN_FILENO);
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    m_notifier->setEnabled(false); // typing between questions is not read (nor taken)
    connect(m_notifier, &QSocketNotifier::activated, this, &TerminalPrompt::readInput);
    m_tick.setSingleShot(true);
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_tick, &QTimer::timeout, this, &TerminalPrompt::redrawLiveLine);
}

TerminalPrompt::~TerminalPrompt()
{
    close();
}

void TerminalPrompt::close()
{
    clearLiveLine();
    m_queue.clear();
    m_awaitingClose.clear();
    startNext(); // with nothing left: the terminal's own settings come back
}

void TerminalPrompt::ask(const engine::InterventionRequest &request)
{
    m_queue.append(request);
    if (!m_asking && m_awaitingClose.isEmpty())
        startNext();
}

void TerminalPrompt::requestClosed(const engine::InterventionRecord &record)
{
    const QString &id = record.request.id;
    if (id == m_awaitingClose) {
        // Our answer was taken (or came too late): the engine's word on it is out, and the
        // next question can follow it.
        m_awaitingClose.clear();
        startNext();
        return;
    }
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).id != id)
            continue;
        if (i == 0 && m_asking)
            finishCurrent(closedText(record));
        else
            m_queue.removeAt(i);
        return;
    }
}

void TerminalPrompt::printAbove(const QString &line, bool toStderr)
{
    const bool redraw = isActive() && m_live;
    if (redraw)
        clearLiveLine();
    if (toStderr)
        printErr(line);
    else
        printOut(line);
    if (redraw)
        redrawLiveLine();
}

void TerminalPrompt::startNext()
{
    m_asking = false;
    m_typed.clear();
    m_escape = 0;
    if (m_queue.isEmpty() || m_inputClosed) {
        m_queue.clear();
        m_tick.stop();
        m_notifier->setEnabled(false);
        m_raw.reset(); // the terminal is the person's again between questions
        return;
    }
    m_asking = true;
    if (m_live && !m_raw)
        m_raw = std::make_unique<RawTerminal>();
    // Keys pressed before the question was shown are not an answer to it.
    ::tcflush(STDIN_FILENO, TCIFLUSH);
    m_notifier->setEnabled(true);
    showQuestion();
}

void TerminalPrompt::finishCurrent(const QString &outcome)
{
    clearLiveLine();
    printErr(QStringLiteral("  ") + outcome);
    m_queue.removeFirst();
    startNext();
}

void TerminalPrompt::showQuestion()
{
    const engine::InterventionRequest &request = current();
    const QString where =
        request.stage.isEmpty()
            ? QStringLiteral("step %1").arg(request.step)
            : QStringLiteral("step %1 (stage %2)").arg(request.step, request.stage);
    QStringList lines;
    if (request.kind == engine::RequestKind::Approval) {
        lines << QStringLiteral("Approval needed: ") + where;
        if (!request.message.isEmpty())
            lines << QStringLiteral("  ") + request.message;
        if (!request.approvers.isEmpty())
            lines << QStringLiteral("  approvers: ") + request.approvers;
        lines << QStringLiteral("  no answer in time: the step fails with Timeout");
    } else {
        lines << QStringLiteral("Manual intervention: ") + where + QStringLiteral(" failed");
        const QString type =
            request.errorType ? model::toString(*request.errorType) : QStringLiteral("error");
        lines << QStringLiteral("  %1: %2").arg(type, request.errorMessage);
        lines << QStringLiteral("  no answer in time: ") + request.onTimeout;
    }
    for (qsizetype i = 0; i < request.allowedDecisions.size(); ++i)
        lines << QStringLiteral("  %1) %2").arg(i + 1).arg(request.allowedDecisions.at(i));
    lines << QStringLiteral(
        "  type a number or a name (any case), optionally followed by a comment");
    printErr(lines.join(u'\n'));
    if (!m_live) {
        printErr(QStringLiteral("answer within %1:")
                     .arg(spanText(QDateTime::currentDateTimeUtc().msecsTo(request.deadline))));
        return;
    }
    redrawLiveLine();
}

void TerminalPrompt::clearLiveLine()
{
    if (m_live && isActive())
        writeErr(QStringLiteral("\r\033[K"));
}

void TerminalPrompt::redrawLiveLine()
{
    if (!m_live || !isActive())
        return;
    const engine::InterventionRequest &request = current();
    const qint64 remainingMs = QDateTime::currentDateTimeUtc().msecsTo(request.deadline);
    QString head;
    if (remainingMs > 0) {
        // Whole seconds, rounded up: "1s left" until the very end.
        const qint64 shownMs = (remainingMs + 999) / 1000 * 1000;
        head = QStringLiteral("[%1 left] answer 1-%2: ")
                   .arg(spanText(shownMs))
                   .arg(request.allowedDecisions.size());
        // Next redraw when the shown second changes.
        m_tick.start(int(remainingMs % 1000) + 1);
    } else {
        const QString applied = request.kind == engine::RequestKind::Approval
                                    ? QStringLiteral("failing the step with Timeout")
                                    : QStringLiteral("applying ") + request.onTimeout;
        head = QStringLiteral("[deadline passed: %1] ").arg(applied);
        m_tick.stop();
    }
    writeErr(QStringLiteral("\r\033[K") + head + QString::fromLocal8Bit(m_typed));
}

void TerminalPrompt::readInput()
{
    char buffer[256];
    const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (got > 0) {
        // Bytes typed after an answer belong to no question: the next one starts clean.
        const QString asked = current().id;
        for (ssize_t i = 0; i < got && m_asking && current().id == asked; ++i)
            handleByte(buffer[i]);
        return;
    }
    if (got < 0 && errno == EINTR)
        return;
    // End of input (or an error): nobody can answer any more; deadlines decide.
    m_inputClosed = true;
    clearLiveLine();
    printErr(QStringLiteral("  stdin closed: open requests wait for their deadlines"));
    startNext();
}

void TerminalPrompt::handleByte(char byte)
{
    const auto c = static_cast<unsigned char>(byte);
    if (m_escape == 1) { // after ESC: '[' or 'O' starts a sequence; anything else ends it
        m_escape = (c == '[' || c == 'O') ? 2 : 0;
        return;
    }
    if (m_escape == 2) {
        if (c >= 0x40 && c <= 0x7e)
            m_escape = 0;
        return;
    }
    if (c == 0x1b) {
        m_escape = 1;
    } else if (c == '\n' || c == '\r') {
        if (m_live)
            writeErr(QStringLiteral("\n"));
        submit(QString::fromLocal8Bit(std::exchange(m_typed, {})));
        return;
    } else if (c == 0x7f || c == 0x08) {
        while (!m_typed.isEmpty() && (static_cast<unsigned char>(m_typed.back()) & 0xc0) == 0x80)
            m_typed.chop(1); // UTF-8 continuation bytes of the last character
        m_typed.chop(1);
    } else if (c == 0x15) { // Ctrl+U
        m_typed.clear();
    } else if (c >= 0x20) {
        m_typed.append(byte);
    }
    redrawLiveLine();
}

void TerminalPrompt::submit(const QString &answer)
{
    const engine::InterventionRequest &request = current();
    const QString text = answer.trimmed();
    const QString word = text.section(u' ', 0, 0).remove(u':');
    const QString comment = text.section(u' ', 1).trimmed();
    QString decision;
    bool isNumber = false;
    const int number = word.toInt(&isNumber);
    if (isNumber && number >= 1 && number <= request.allowedDecisions.size())
        decision = request.allowedDecisions.at(number - 1);
    for (const QString &allowed : request.allowedDecisions) {
        if (!isNumber && allowed.compare(word, Qt::CaseInsensitive) == 0)
            decision = allowed;
    }
    if (decision.isEmpty()) {
        if (!text.isEmpty()) {
            printErr(QStringLiteral("  '%1' is not one of 1-%2 or %3")
                         .arg(word)
                         .arg(request.allowedDecisions.size())
                         .arg(request.allowedDecisions.join(QStringLiteral(", "))));
        }
        if (!m_live)
            printErr(QStringLiteral("answer:"));
        redrawLiveLine();
        return;
    }
    const engine::Decision chosen{request.id, decision, QStringLiteral("user"), comment, {}};
    printErr(QStringLiteral("  answered: ") + decision);
    // The next question waits until the engine closed this one, so that what the answer
    // did is printed before it.
    m_awaitingClose = request.id;
    m_queue.removeFirst();
    m_asking = false;
    m_tick.stop();
    m_notifier->setEnabled(false);
    if (onAnswer)
        onAnswer(chosen);
}

} // namespace pw::cli
