#pragma once

#include <QString>

#include <optional>

namespace pw::engine {

// Says "a live program is running this run": a file beside the database that the program
// holds an exclusive flock() on for as long as the run is going. The kernel lets go of it
// when the program dies, however it dies (even SIGKILL), and never hands it to the step
// processes (close-on-exec), so whoever can take the lock knows the run has no program
// behind it any more (semantics.md: such a run is Interrupted).
class OwnerLock
{
public:
    OwnerLock() = default;
    ~OwnerLock();
    OwnerLock(const OwnerLock &) = delete;
    OwnerLock &operator=(const OwnerLock &) = delete;

    // Creates and locks `path`; the reason when it could not.
    std::optional<QString> acquire(const QString &path);
    // Unlocks and removes the file.
    void release();
    bool isHeld() const { return m_fd >= 0; }

    // Whether some live program holds the lock at `path` (false when there is no such file).
    static bool isHeldByAnyone(const QString &path);

private:
    int m_fd = -1;
    QString m_path;
};

} // namespace pw::engine
