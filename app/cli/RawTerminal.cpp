#include "RawTerminal.h"

#include <unistd.h>

namespace pw::cli {

RawTerminal::RawTerminal()
{
    if (::tcgetattr(STDIN_FILENO, &m_saved) != 0)
        return;
    termios raw = m_saved;
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO); // ISIG stays: Ctrl+C still interrupts
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
}

RawTerminal::~RawTerminal()
{
    if (m_active)
        ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
}

} // namespace pw::cli
