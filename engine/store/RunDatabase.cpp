#include "RunDatabase.h"

#include "SqliteStatement.h"
#include "StoreSchema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <sqlite3.h>

namespace pw::engine {
namespace {

QString newConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("pipewright-runs-%1").arg(counter.fetchAndAddRelaxed(1));
}

// SQLite's own words for the common failures are terse ("database is locked"); say what it
// means for the person who reads it.
QString explain(const QSqlError &error, int busyTimeoutMs)
{
    const QString native = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (native == QLatin1String("5") || native == QLatin1String("6")
        || text.contains(QLatin1String("locked"))) {
        return QStringLiteral("the database is locked by another program (waited %1 s): %2")
            .arg(busyTimeoutMs / 1000.0)
            .arg(text);
    }
    if (native == QLatin1String("11") || native == QLatin1String("26")
        || text.contains(QLatin1String("malformed")) || text.contains(QLatin1String("not a database"))) {
        return QStringLiteral("the database is damaged or not a SQLite database (%1); it was left "
                              "as it is: move it away or pass another --db")
            .arg(text);
    }
    return text.isEmpty() ? error.text() : text;
}

} // namespace

RunDatabase::~RunDatabase()
{
    close();
}

QString RunDatabase::defaultPath()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("pipewright/runs.sqlite"));
}

QString RunDatabase::logsDirectoryFor(const QString &databasePath)
{
    const QFileInfo info(databasePath);
    return info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral("-logs"));
}

QString RunDatabase::logsDirectory() const
{
    return logsDirectoryFor(m_path);
}

std::optional<QString> RunDatabase::checkFileBeforeOpening() const
{
    const QFileInfo info(m_path);
    if (info.exists()) {
        if (info.isDir())
            return QStringLiteral("%1 is a directory, not a run database").arg(m_path);
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
        const QByteArray header = file.read(100);
        // An empty file is what a crash between create and first write leaves: SQLite
        // initialises it. Anything else must be a SQLite file.
        if (!header.isEmpty() && !header.startsWith(QByteArrayView("SQLite format 3\0", 16))) {
            return QStringLiteral("%1 is not a SQLite database (it was left as it is: move it "
                                  "away or pass another --db)")
                .arg(m_path);
        }
        // SQLite trusts its header; a damaged one must stop us before SQLite writes anything.
        if (!header.isEmpty()) {
            const int pageSize = header.size() < 18 ? 0 : (quint8(header.at(16)) << 8) | quint8(header.at(17));
            const qint64 bytes = pageSize == 1 ? 65536 : pageSize;
            const bool powerOfTwo = bytes >= 512 && bytes <= 65536 && (bytes & (bytes - 1)) == 0;
            if (header.size() < 100 || !powerOfTwo || info.size() % bytes != 0) {
                return QStringLiteral("the run database %1 is damaged (its header is not valid); it was left "
                                      "as it is: move it away or pass another --db")
                    .arg(m_path);
            }
        }
        if (!info.isWritable())
            return QStringLiteral("cannot write to %1: permission denied").arg(m_path);
        return std::nullopt;
    }
    const QDir dir = info.absoluteDir();
    if (!dir.exists() && !QDir().mkpath(dir.absolutePath()))
        return QStringLiteral("cannot create the folder %1 for the run database").arg(dir.absolutePath());
    if (!QFileInfo(dir.absolutePath()).isWritable())
        return QStringLiteral("cannot create %1: the folder is not writable").arg(m_path);
    return std::nullopt;
}

std::optional<QString> RunDatabase::open(const QString &path, int busyTimeoutMs)
{
    close();
    m_busyTimeoutMs = busyTimeoutMs;
    m_path = QFileInfo(path).absoluteFilePath();
    if (const auto problem = checkFileBeforeOpening())
        return problem;
    m_connectionName = newConnectionName();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid())
        return QStringLiteral("the Qt SQLite driver is missing (Debian package libqt6sql6-sqlite)");
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs));
    if (!m_db.open()) {
        const QString reason = explain(m_db.lastError(), m_busyTimeoutMs);
        close();
        return QStringLiteral("cannot open the run database %1: %2").arg(path, reason);
    }
    // Looked at before anything is written: a database that is not ours stays untouched.
    if (const auto problem = checkIsOurs()) {
        close();
        return problem;
    }
    // WAL: readers never wait for the writer, and two programs can write one after the other.
    // synchronous=NORMAL: a commit survives the program being killed at any moment (what
    // resume relies on); only a power cut may lose the last few commits.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                               "PRAGMA foreign_keys=OFF", "PRAGMA temp_store=MEMORY"}) {
        if (const auto error = exec(QString::fromLatin1(pragma))) {
            close();
            return QStringLiteral("cannot use the run database %1: %2").arg(path, *error);
        }
    }
    if (const auto error = StoreSchema::migrate(*this)) {
        close();
        return QStringLiteral("cannot prepare the run database %1: %2").arg(path, *error);
    }
    // The last connection to close would checkpoint the WAL into the database and fsync both:
    // ~8 ms at the end of every command. What is in the WAL is as safe there; the next writer
    // checkpoints it when it has grown (wal_autocheckpoint).
    if (sqlite3 *handle = sqliteHandle(m_db))
        sqlite3_db_config(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    return std::nullopt;
}

std::optional<QString> RunDatabase::checkIsOurs()
{
    // The version and the tables in one statement, so one snapshot: read apart, a second
    // program creating the database between the two reads made it look like another
    // program's (tables, version 0).
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT (SELECT user_version FROM pragma_user_version), "
                                   "(SELECT count(*) FROM sqlite_master)"))
        || !query.next())
        return QStringLiteral("cannot read the run database %1: %2").arg(m_path, explain(query.lastError(), m_busyTimeoutMs));
    const int version = query.value(0).toInt();
    const int tables = query.value(1).toInt();
    if (version < 0) {
        return QStringLiteral("the run database %1 is damaged (schema version %2); it was left as it is")
            .arg(m_path)
            .arg(version);
    }
    if (version > StoreSchema::kCurrentVersion) {
        return QStringLiteral("the run database %1 was written by a newer Pipewright (schema %2; this "
                              "version knows up to %3); it was left as it is")
            .arg(m_path)
            .arg(version)
            .arg(StoreSchema::kCurrentVersion);
    }
    if (version > 0)
        return std::nullopt;
    // Version 0 is a new, empty database, or another program's.
    if (tables > 0) {
        return QStringLiteral("%1 is a SQLite database of another program, not a run database; "
                              "it was left as it is")
            .arg(m_path);
    }
    // A new database: deleting runs should give their pages back to the file system.
    query.exec(QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL"));
    return std::nullopt;
}

void RunDatabase::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

std::optional<QString> RunDatabase::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return std::nullopt;
    return explain(query.lastError(), m_busyTimeoutMs);
}

QString RunDatabase::describe(const QString &what, const QSqlQuery &query) const
{
    return QStringLiteral("%1 (%2): %3").arg(what, m_path, explain(query.lastError(), m_busyTimeoutMs));
}

} // namespace pw::engine
