#include "ProcessTag.h"

#include <QFile>
#include <QRandomGenerator>

#include <atomic>

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

QByteArray processTag(pid_t pid)
{
    // Read only for the sweep's adopted children, which are few: plain file reading will do.
    QFile file(QStringLiteral("/proc/%1/environ").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    static const QByteArray name = QByteArray(kProcessTagVariable) + '=';
    // The environment is a run of NUL-terminated "NAME=value" entries.
    for (const QByteArray &entry : file.readAll().split('\0')) {
        if (entry.startsWith(name))
            return entry.mid(name.size());
    }
    return {};
}

} // namespace pw::engine
