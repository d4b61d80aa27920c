#pragma once

#include <termios.h>

namespace pw::cli {

// Stdin without line buffering and echo for as long as it lives, so that a prompt can
// redraw its line together with what was typed so far. Signals (Ctrl+C) still work. The
// terminal's previous settings come back on destruction.
class RawTerminal
{
public:
    RawTerminal();
    ~RawTerminal();
    RawTerminal(const RawTerminal &) = delete;
    RawTerminal &operator=(const RawTerminal &) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace pw::cli
