#pragma once

#include "IdKey.h"

#include <QHash>
#include <QString>

#include <utility>
#include <vector>

namespace pw::model {

struct Location
{
    int line = 0; // 1-based; 0: unknown
    int column = 0; // 1-based
    bool isValid() const { return line > 0; }
    bool operator==(const Location &) const = default;
};

// Where each structural path was in the file, so that problems found later, on the loaded
// value types, still point at a line and column.
//
// A file of 100,000 steps has over a million paths ("pipeline.stages[3].stage.steps[120].
// step.spec.command"), which as QString keys took more memory than the pipeline itself.
// Paths are kept as a tree of their parts instead: one node per prefix that ends before a
// '.' or a '[' (exactly the ancestors locate() falls back to), found by (parent, part), with
// each distinct part ("steps", "[120]") stored once.
class SourceMap
{
public:
    void insert(const QString &path, Location location);
    // The location of `path`, or of its nearest ancestor that has one.
    Location locate(const QString &path) const;
    bool isEmpty() const { return !m_hasLocations; }

private:
    // The node of `part` under `parent` (-1: the root); -1 when there is none.
    int find(int parent, const QString &part) const;
    int findOrAdd(int parent, const QString &part);
    static quint64 childKey(int parent, int part);

    std::vector<Location> m_locations; // by node; invalid for a prefix never inserted itself
    QHash<quint64, int> m_children; // childKey(parent, part) -> node
    QHash<IdKey, int> m_parts; // part text -> part id
    bool m_hasLocations = false;

    // The reader inserts paths in document order, each sharing most of its prefixes with the
    // one before: (end of the prefix in m_lastPath, node) for each prefix of the last path.
    QString m_lastPath;
    std::vector<std::pair<qsizetype, int>> m_lastPrefixes;
};

} // namespace pw::model
