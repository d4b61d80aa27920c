#pragma once

#include <QString>

namespace pw::engine {

// The login name of the person running the program (for "decided by"); "unknown" when the
// system does not say.
QString loginName();

// "user@host, pid 1234": who runs a run, as the history shows it.
QString processOwner();

} // namespace pw::engine
