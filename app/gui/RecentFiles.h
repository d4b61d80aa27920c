#pragma once

#include <QStringList>

// The designer's recent files, most recent first, in the SettingsStore (the application and
// organisation names set in main() decide where).
namespace pw::gui {

inline constexpr int kMaxRecentFiles = 10;

QStringList readRecentFiles();
// Moves `path` to the front (absolute, no duplicates, at most kMaxRecentFiles) and stores it.
QStringList addRecentFile(const QString &path);

} // namespace pw::gui
