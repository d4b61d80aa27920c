#include "AutosaveStore.h"

#include "model/PipelineFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

namespace pw::gui {

namespace {

const QString kYaml = QStringLiteral(".yaml");
const QString kMeta = QStringLiteral(".json");
const QString kLock = QStringLiteral(".lock");

QString metaPathFor(const QString &yamlPath)
{
    return yamlPath.left(yamlPath.size() - kYaml.size()) + kMeta;
}

QString lockPathFor(const QString &yamlPath)
{
    return yamlPath.left(yamlPath.size() - kYaml.size()) + kLock;
}

std::unique_ptr<QLockFile> lockFor(const QString &yamlPath)
{
    auto lock = std::make_unique<QLockFile>(lockPathFor(yamlPath));
    lock->setStaleLockTime(0); // stale only when its process is gone, however long it runs
    return lock;
}

} // namespace

AutosaveStore::AutosaveStore()
    : m_slot(QStringLiteral("autosave-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

AutosaveStore::~AutosaveStore() = default; // the lock goes; the slot stays for recovery

QString AutosaveStore::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/autosave");
}

bool AutosaveStore::write(const model::Pipeline &pipeline, const QString &originalPath,
                          QString &error)
{
    if (!QDir().mkpath(directory())) {
        error = QStringLiteral("cannot create ") + directory();
        return false;
    }
    const QString yamlPath = directory() + u'/' + m_slot + kYaml;
    if (!m_lock) {
        m_lock = lockFor(yamlPath);
        if (!m_lock->tryLock(0)) { // a fresh slot: only a broken directory refuses
            error = QStringLiteral("cannot lock ") + lockPathFor(yamlPath);
            m_lock.reset();
            return false;
        }
    }
    const model::SaveResult saved = model::savePipelineFile(pipeline, yamlPath);
    if (!saved.ok) {
        error = saved.error;
        return false;
    }
    QSaveFile meta(metaPathFor(yamlPath));
    const QJsonObject object{
        {QStringLiteral("originalPath"), originalPath},
        {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    if (!meta.open(QIODevice::WriteOnly) || meta.write(QJsonDocument(object).toJson()) < 0
        || !meta.commit()) {
        error = meta.errorString();
        return false;
    }
    return true;
}

void AutosaveStore::remove()
{
    const QString yamlPath = directory() + u'/' + m_slot + kYaml;
    QFile::remove(yamlPath);
    QFile::remove(metaPathFor(yamlPath));
    m_lock.reset(); // unlocks and removes the lock file
}

std::optional<AutosaveStore::Leftover> AutosaveStore::findLeftover() const
{
    const QDir dir(directory());
    std::optional<Leftover> newest;
    const QStringList names = dir.entryList({QStringLiteral("autosave-*.yaml")}, QDir::Files);
    for (const QString &name : names) {
        if (name == m_slot + kYaml)
            continue;
        Leftover leftover;
        leftover.yamlPath = dir.filePath(name);
        // Another window's, still open: not a leftover. (A crashed owner's lock is stale.)
        if (!lockFor(leftover.yamlPath)->tryLock(0))
            continue;
        QFile meta(metaPathFor(leftover.yamlPath));
        if (meta.open(QIODevice::ReadOnly)) {
            const QJsonObject object = QJsonDocument::fromJson(meta.readAll()).object();
            leftover.originalPath = object.value(QStringLiteral("originalPath")).toString();
            leftover.savedAt = QDateTime::fromString(
                object.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs);
        }
        if (!leftover.savedAt.isValid())
            leftover.savedAt = QFileInfo(leftover.yamlPath).lastModified();
        if (!newest || leftover.savedAt > newest->savedAt)
            newest = leftover;
    }
    return newest;
}

void AutosaveStore::removeLeftover(const Leftover &leftover)
{
    QFile::remove(leftover.yamlPath);
    QFile::remove(metaPathFor(leftover.yamlPath));
    QFile::remove(lockPathFor(leftover.yamlPath)); // a crashed owner's, if one is left
}

} // namespace pw::gui
