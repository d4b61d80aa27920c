#include "RecentFiles.h"

#include "SettingsStore.h"

#include <QFileInfo>

namespace pw::gui {

namespace {

const QString kKey = QStringLiteral("designer/recentFiles");

} // namespace

QStringList readRecentFiles()
{
    return SettingsStore::instance().value(kKey).toStringList();
}

QStringList addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = readRecentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    SettingsStore::instance().setValue(kKey, files);
    return files;
}

} // namespace pw::gui
