#include "app/gui/SettingsStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace pw;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// What the settings file holds on disk, as a later start of the program would read it.
QString savedText()
{
    QFile file(QSettings().fileName());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class SettingsStoreTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(s("PipewrightTests"));
        QCoreApplication::setApplicationName(s("tst_settings_store"));
        QFile::remove(QSettings().fileName());
        // A value saved by an earlier run of the program, before the store is first used.
        QSettings earlier;
        earlier.setValue(s("designer/savedBefore"), s("kept"));
        earlier.sync();
    }

    void readsWhatWasSavedBefore()
    {
        QCOMPARE(gui::SettingsStore::instance().value(s("designer/savedBefore")).toString(), s("kept"));
        QCOMPARE(gui::SettingsStore::instance().value(s("designer/never"), 7).toInt(), 7);
    }

    // A value set is read back at once; the file has it once the writer has caught up.
    void aValueSetIsReadAtOnceAndSaved()
    {
        gui::SettingsStore &store = gui::SettingsStore::instance();
        const QStringList files{s("/tmp/a.yaml"), s("/tmp/b.yaml")};
        store.setValue(s("designer/recentFiles"), files);
        QCOMPARE(store.value(s("designer/recentFiles")).toStringList(), files);
        store.flush();
        QVERIFY(savedText().contains(s("recentFiles=/tmp/a.yaml, /tmp/b.yaml")));
    }

    // Writes reach the file in the order they were made: the last one is what stays.
    void theLastWriteStays()
    {
        gui::SettingsStore &store = gui::SettingsStore::instance();
        for (int i = 0; i < 20; ++i)
            store.setValue(s("designer/counter"), i);
        store.remove(s("designer/counter"));
        QVERIFY(!store.value(s("designer/counter")).isValid());
        store.setValue(s("designer/counter"), 99);
        store.flush();
        QVERIFY(savedText().contains(s("counter=99")));

        store.remove(s("designer/savedBefore"));
        store.flush();
        QVERIFY(!savedText().contains(s("savedBefore")));
        QVERIFY(!store.value(s("designer/savedBefore")).isValid());
    }
};

QTEST_GUILESS_MAIN(SettingsStoreTest)
#include "tst_settings_store.moc"
