#include "InterruptHandler.h"

#include "Console.h"

#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace pw::cli {
namespace {

// The self-pipe: written by the signal handler, read by the event loop. Global because a
// signal handler can reach nothing else.
int g_pipe[2] = {-1, -1};

extern "C" void onSignal(int signalNumber)
{
    const int savedErrno = errno; // the interrupted code may be about to read errno
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    // Non-blocking: if the pipe is somehow full the signal is dropped rather than deadlocking.
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
    errno = savedErrno;
}

bool install(int signalNumber, struct sigaction *previous)
{
    struct sigaction action
    {
    };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART; // system calls of the event loop go on after the handler
    return ::sigaction(signalNumber, &action, previous) == 0;
}

} // namespace

InterruptHandler::InterruptHandler(QObject *parent)
    : QObject(parent)
{
    if (g_pipe[0] >= 0 || ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        printErr(QStringLiteral(
            "pipewright: cannot watch for Ctrl+C; it will stop the program at once"));
        return;
    }
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptHandler::drain);
    install(SIGINT, &m_previousInt);
    install(SIGTERM, &m_previousTerm);
}

InterruptHandler::~InterruptHandler()
{
    if (!m_notifier)
        return;
    ::sigaction(SIGINT, &m_previousInt, nullptr);
    ::sigaction(SIGTERM, &m_previousTerm, nullptr);
    delete m_notifier;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

void InterruptHandler::drain()
{
    unsigned char bytes[16];
    ssize_t got = 0;
    while ((got = ::read(g_pipe[0], bytes, sizeof bytes)) > 0) {
        for (ssize_t i = 0; i < got; ++i)
            emit interrupted(bytes[i], ++m_count);
    }
}

} // namespace pw::cli
