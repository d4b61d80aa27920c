#include "SettingsStore.h"

#include <QCoreApplication>
#include <QSettings>

namespace pw::gui {

SettingsStore &SettingsStore::instance()
{
    // Made on first use from the GUI thread, destroyed with the application (after its event
    // loop, before the program's statics).
    static SettingsStore *store = nullptr;
    if (!store) {
        Q_ASSERT(QCoreApplication::instance());
        store = new SettingsStore(QCoreApplication::instance());
        QObject::connect(store, &QObject::destroyed, [] { store = nullptr; });
    }
    return *store;
}

SettingsStore::SettingsStore(QObject *parent) : QObject(parent), m_writer(new QObject)
{
    const QSettings settings;
    for (const QString &key : settings.allKeys())
        m_values.insert(key, settings.value(key));
    m_thread.setObjectName(QStringLiteral("pipewright-settings"));
    m_writer->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    m_thread.start();
}

SettingsStore::~SettingsStore()
{
    flush();
    m_thread.quit();
    m_thread.wait();
}

QVariant SettingsStore::value(const QString &key, const QVariant &fallback) const
{
    return m_values.value(key, fallback);
}

void SettingsStore::setValue(const QString &key, const QVariant &value)
{
    m_values.insert(key, value);
    QMetaObject::invokeMethod(m_writer, [key, value] {
        QSettings settings;
        settings.setValue(key, value);
        settings.sync();
    }, Qt::QueuedConnection);
}

void SettingsStore::remove(const QString &key)
{
    m_values.remove(key);
    QMetaObject::invokeMethod(m_writer, [key] {
        QSettings settings;
        settings.remove(key);
        settings.sync();
    }, Qt::QueuedConnection);
}

void SettingsStore::flush()
{
    // Queued calls run in order: when this one has run, every write before it has.
    QMetaObject::invokeMethod(m_writer, [] {}, Qt::BlockingQueuedConnection);
}

} // namespace pw::gui
