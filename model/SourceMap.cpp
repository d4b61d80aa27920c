#include "SourceMap.h"

namespace pw::model {
namespace {

// Where the part of `path` starting at `start` ends: at the next '.' or '[' (locate() cuts
// a path there), or at the end.
qsizetype partEnd(const QString &path, qsizetype start)
{
    for (qsizetype i = start + 1; i < path.size(); ++i) {
        if (path[i] == u'.' || path[i] == u'[')
            return i;
    }
    return path.size();
}

} // namespace

quint64 SourceMap::childKey(int parent, int part)
{
    return (quint64(quint32(parent + 1)) << 32) | quint32(part);
}

int SourceMap::find(int parent, const QString &part) const
{
    const auto partId = m_parts.constFind(part);
    if (partId == m_parts.cend())
        return -1;
    return m_children.value(childKey(parent, *partId), -1);
}

int SourceMap::findOrAdd(int parent, const QString &part)
{
    // The part may be known under other parents ("[0]"): its id stays what they use.
    auto partId = m_parts.constFind(part);
    if (partId == m_parts.cend())
        partId = m_parts.insert(part, int(m_parts.size()));
    const quint64 key = childKey(parent, *partId);
    if (const auto found = m_children.constFind(key); found != m_children.cend())
        return *found;
    const int node = int(m_locations.size());
    m_locations.push_back({});
    m_children.insert(key, node);
    return node;
}

void SourceMap::insert(const QString &path, Location location)
{
    if (!location.isValid())
        return;
    m_hasLocations = true;
    // Reuse the prefixes this path shares with the last one, where they end at a cut of
    // this path too ("a.bc" shares "a" with "a.b.x", not "a.b").
    qsizetype common = 0;
    while (common < path.size() && common < m_lastPath.size() && path[common] == m_lastPath[common])
        ++common;
    std::size_t kept = 0;
    while (kept < m_lastPrefixes.size()) {
        const qsizetype end = m_lastPrefixes[kept].first;
        if (end > common)
            break;
        if (end < path.size() && path[end] != u'.' && path[end] != u'[')
            break;
        ++kept;
    }
    m_lastPrefixes.resize(kept);
    int node = kept == 0 ? -1 : m_lastPrefixes.back().second;
    qsizetype start = kept == 0 ? 0 : m_lastPrefixes.back().first;
    while (start < path.size()) {
        const qsizetype end = partEnd(path, start);
        node = findOrAdd(node, path.mid(start, end - start));
        m_lastPrefixes.emplace_back(end, node);
        start = end;
    }
    m_lastPath = path;
    // The empty path (the file itself) is no prefix of anything: locate() never returns it.
    if (node >= 0)
        m_locations[std::size_t(node)] = location;
}

Location SourceMap::locate(const QString &path) const
{
    Location nearest;
    int node = -1;
    for (qsizetype start = 0; start < path.size();) {
        const qsizetype end = partEnd(path, start);
        node = find(node, path.mid(start, end - start));
        if (node < 0)
            break;
        if (m_locations[std::size_t(node)].isValid())
            nearest = m_locations[std::size_t(node)];
        start = end;
    }
    return nearest;
}

} // namespace pw::model
