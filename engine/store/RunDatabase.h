#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlQuery;

namespace pw::engine {

// One connection to a run database (SQLite through Qt SQL), owned by the thread that opened
// it: the engine thread has one for writing, and every reader (a command, the GUI) opens its
// own. Opening checks what is there before touching it: a file that is not SQLite, a database
// of another program, one written by a newer Pipewright, one that cannot be read, is locked
// or damaged is refused with a message that says which, and is never written to.
class RunDatabase
{
public:
    RunDatabase() = default;
    ~RunDatabase();
    RunDatabase(const RunDatabase &) = delete;
    RunDatabase &operator=(const RunDatabase &) = delete;

    // How long a writer waits for another program's transaction before giving up.
    static constexpr int kBusyTimeoutMs = 10000;

    // Opens (creating it and its folder when missing) and brings the schema up to date.
    // Returns the reason when it cannot be used.
    std::optional<QString> open(const QString &path, int busyTimeoutMs = kBusyTimeoutMs);
    void close();
    bool isOpen() const { return m_db.isOpen(); }

    QSqlDatabase &db() { return m_db; }
    const QString &path() const { return m_path; }
    // Where the logs too large for the database go: a folder beside it (runs-logs/ for
    // runs.sqlite).
    QString logsDirectory() const;
    static QString logsDirectoryFor(const QString &databasePath);

    // The user's default database: $XDG_DATA_HOME/pipewright/runs.sqlite.
    static QString defaultPath();

    // Runs `sql` (no results); returns the error text on failure.
    std::optional<QString> exec(const QString &sql);
    // "<what>: <driver error>" for a failed query, naming the database.
    QString describe(const QString &what, const QSqlQuery &query) const;

private:
    std::optional<QString> checkFileBeforeOpening() const;
    std::optional<QString> checkIsOurs();

    QString m_path;
    QString m_connectionName;
    int m_busyTimeoutMs = kBusyTimeoutMs;
    QSqlDatabase m_db;
};

} // namespace pw::engine
