#pragma once

#include <QString>

#include <optional>

class QSqlDatabase;

namespace pw::engine {

class RunDatabase;

// The run database's tables, one version after another. A database records its version in
// SQLite's user_version; opening one brings it up to the current version, one step at a time,
// inside a single transaction (two programs opening a new database at once: the second waits
// and finds it done). Old steps are never edited: a change is a new version.
class StoreSchema
{
public:
    static constexpr int kCurrentVersion = 2;

    // Brings the database to kCurrentVersion; the error text when it could not.
    static std::optional<QString> migrate(RunDatabase &database);
    // Brings a database to `version` exactly (tests build older databases with it).
    static std::optional<QString> migrateTo(QSqlDatabase &db, int version);
};

} // namespace pw::engine
