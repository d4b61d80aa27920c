#pragma once

#include <QHashFunctions>
#include <QString>
#include <QStringView>

#include <utility>

namespace pw::model {

// A QString as the key of the hashes that are looked up on every step: node ids in the
// engine and the monitor, path parts in the source map. Implicit both ways, so that
// `hash.value(id)` and `insert(id, ...)` read as with a QString key.
//
// Why not QString itself: Qt 6.4 hashes a QString with the process's random seed through its
// AES code, and for strings under 8 characters that code mixes AVX-512 and legacy SSE
// instructions. On an AVX-512 machine each switch between the two stalls: 160-200 ns per
// hash of "s123" on the 2-core benchmark machine, against 8 ns for the same string hashed
// without a seed, and a step's state goes through five such hashes each time it changes
// (a fifth of the engine thread in the 10,000-step benchmark).
//
// Unseeded, the hash is the same in every run, so a file could be written whose ids collide.
// These keys come from the pipeline file, which is code the user runs: whoever writes it can
// already make a run as slow as they like.
class IdKey
{
public:
    IdKey() = default;
    IdKey(const QString &id) : m_id(id) {} // NOLINT(google-explicit-constructor): see above
    IdKey(QString &&id) : m_id(std::move(id)) {} // NOLINT(google-explicit-constructor)

    operator const QString &() const { return m_id; } // NOLINT(google-explicit-constructor)

    friend bool operator==(const IdKey &a, const IdKey &b) noexcept { return a.m_id == b.m_id; }
    friend size_t qHash(const IdKey &key, size_t seed) noexcept
    {
        return qHash(QStringView(key.m_id), 0) ^ seed;
    }

private:
    QString m_id;
};

} // namespace pw::model
