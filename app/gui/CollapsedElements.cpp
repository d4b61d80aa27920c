#include "CollapsedElements.h"

#include "SettingsStore.h"

#include <QCryptographicHash>
#include <QFileInfo>

namespace pw::gui {

// A hash of the file's absolute path: paths hold the separators QSettings reads as groups.
QString CollapsedElements::settingsKey() const
{
    const QByteArray path = QFileInfo(m_filePath).absoluteFilePath().toUtf8();
    return QStringLiteral("canvasCollapsed/")
           + QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex());
}

void CollapsedElements::setFilePath(const QString &path)
{
    if (m_filePath == path)
        return;
    m_filePath = path;
    emit filePathChanged();
    const QStringList stored = m_filePath.isEmpty() ? QStringList() : SettingsStore::instance().value(settingsKey()).toStringList();
    if (stored != m_ids) {
        m_ids = stored;
        emit idsChanged();
    }
}

void CollapsedElements::setCollapsed(const QString &id, bool collapsed)
{
    if (id.isEmpty() || collapsed == m_ids.contains(id))
        return;
    if (collapsed)
        m_ids.append(id);
    else
        m_ids.removeAll(id);
    if (!m_filePath.isEmpty()) {
        SettingsStore &settings = SettingsStore::instance();
        if (m_ids.isEmpty())
            settings.remove(settingsKey());
        else
            settings.setValue(settingsKey(), m_ids);
    }
    emit idsChanged();
}

} // namespace pw::gui
