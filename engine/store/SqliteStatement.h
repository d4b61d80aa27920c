#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace pw::engine {

// A prepared statement on a Qt SQL connection's own SQLite handle (QSqlDriver::handle()), for
// the run store's writer. The writer stores every event, node state, attempt and log of a run
// as it happens; through QSqlQuery each row cost ~4 µs (QVariant per value, UTF-16 text that
// SQLite converts back), a third of an Echo step. Bound directly, a row costs well under one.
// Connections, schema, reading and errors stay with Qt SQL.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool prepare(sqlite3 *db, const char *sql);

    // Parameters count from 1, as in SQLite.
    void bind(int index, qint64 value);
    void bind(int index, const QString &text); // NULL for a null QString
    void bindText(int index, const QString &text); // never NULL: '' for an empty text
    void bindBlob(int index, const QByteArray &bytes);
    void bindUtf8(int index, const QByteArray &text); // text already UTF-8; NULL when null
    void bindTime(int index, const QDateTime &time); // ms since the epoch, NULL if invalid
    void bindNull(int index);

    // Runs it once with the bound values and makes it ready for the next; false on failure
    // (errorText() says why).
    bool run();
    QString errorText() const;
    int errorCode() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

// The SQLite handle under a Qt SQL connection (the QSQLITE driver).
sqlite3 *sqliteHandle(const QSqlDatabase &database);

} // namespace pw::engine
