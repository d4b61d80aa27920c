#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QThread>
#include <QVariant>

namespace pw::gui {

// The designer's own settings (recent files, collapsed groups, a run's last inputs), read
// from QSettings' file once and written to it on a thread of its own.
//
// Why not QSettings on the GUI thread: it saves through QSaveFile, which fsyncs, and on a slow
// disk (or one busy with a run's logs) that froze the window 0.1-0.6 s for a click on a
// group's collapse arrow or for Run with new inputs. Reads come from what was read at start
// and what was written since, never from the file, so they never wait for a save either.
// Writes reach the file in the order they were made.
//
// One per application, a child of it (instance()), used from the GUI thread; it waits for its
// last write when destroyed.
class SettingsStore : public QObject
{
    Q_OBJECT

public:
    static SettingsStore &instance();
    ~SettingsStore() override;

    QVariant value(const QString &key, const QVariant &fallback = {}) const;
    void setValue(const QString &key, const QVariant &value);
    void remove(const QString &key);
    // Returns once the file holds every write made so far.
    void flush();

private:
    explicit SettingsStore(QObject *parent);

    QHash<QString, QVariant> m_values;
    QThread m_thread;
    QObject *m_writer; // lives on m_thread; its queued calls are the writes, in order
};

} // namespace pw::gui
