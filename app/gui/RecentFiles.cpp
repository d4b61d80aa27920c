#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace pw::gui {

namespace {

const QString kKey = QStringLiteral("designer/recentFiles");

} // namespace

QStringList readRecentFiles()
{
    return QSettings().value(kKey).toStringList();
}

QStringList addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = readRecentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(kKey, files);
    return files;
}

} // namespace pw::gui
