#pragma once

#include <QStringList>

#include <optional>

namespace pw::engine {

// The words of a Shell command that a POSIX shell would run exactly like execvp(words)
// would: one line of plain words (letters, digits and `_ - . / , + = : @ %`, no quoting,
// expansion, redirection, globbing, assignment or separator) whose first word is neither a
// keyword nor a builtin of the shell, except `true` and `false`, whose programs behave the
// same. Such a command is started without the shell, as GNU make does for simple recipes:
// one process and one exec instead of two, which is most of the cost of a short step.
// Anything else gives nullopt and goes to the shell.
std::optional<QStringList> simpleCommandWords(const QString &command);

} // namespace pw::engine
