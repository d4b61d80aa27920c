#include "ProcessTag.h"

#include <QRandomGenerator>

#include <atomic>
#include <cstring>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace pw::engine {

const QByteArray &programTag()
{
    static const QByteArray tag = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    return tag;
}

QByteArray newAttemptTag()
{
    static std::atomic<quint64> serial{0};
    QByteArray tag = programTag();
    tag.append('.').append(QByteArray::number(++serial));
    return tag;
}

namespace {

// "/proc/<pid>/<file>" without allocating: the sweep reads many of these.
void procPath(pid_t pid, const char *file, char (&path)[64])
{
    char digits[16];
    int length = 0;
    for (unsigned value = unsigned(pid); length == 0 || value > 0; value /= 10)
        digits[length++] = char('0' + value % 10);
    char *out = path;
    for (const char *c = "/proc/"; *c; ++c)
        *out++ = *c;
    while (length > 0)
        *out++ = digits[--length];
    *out++ = '/';
    for (const char *c = file; *c && out < path + 63; ++c)
        *out++ = *c;
    *out = '\0';
}

} // namespace

size_t readProcessTag(pid_t pid, char *buffer, size_t size)
{
    static constexpr char kName[] = "PW_PROCESS_TAG=";
    constexpr size_t kNameLength = sizeof kName - 1;
    if (size == 0)
        return 0;
    buffer[0] = '\0';
    char path[64];
    procPath(pid, "environ", path);
    const int fd = int(::syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC));
    if (fd < 0)
        return 0;
    // The environment is a run of NUL-terminated "NAME=value" entries; read in chunks, one
    // entry at a time (an entry longer than `entry` is skipped: a tag is short).
    char chunk[4096];
    char entry[256];
    size_t entryLength = 0;
    bool entryTooLong = false;
    size_t found = 0;
    for (;;) {
        const long count = ::syscall(SYS_read, fd, chunk, sizeof chunk);
        if (count <= 0)
            break;
        for (long i = 0; i < count; ++i) {
            const char c = chunk[i];
            if (c != '\0') {
                if (entryLength + 1 < sizeof entry)
                    entry[entryLength++] = c;
                else
                    entryTooLong = true;
                continue;
            }
            if (!entryTooLong && entryLength > kNameLength && std::memcmp(entry, kName, kNameLength) == 0) {
                found = std::min(entryLength - kNameLength, size - 1);
                std::memcpy(buffer, entry + kNameLength, found);
                buffer[found] = '\0';
            }
            entryLength = 0;
            entryTooLong = false;
        }
        if (found)
            break;
    }
    ::syscall(SYS_close, fd);
    return found;
}

} // namespace pw::engine
