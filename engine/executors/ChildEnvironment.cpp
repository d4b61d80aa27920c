#include "ChildEnvironment.h"

namespace pw::engine {

ChildEnvironment ChildEnvironment::encoded(const QProcessEnvironment &environment)
{
    // One entry per thread: engine threads run their steps one at a time, and the memo never
    // needs a lock. QProcessEnvironment's == is a pointer comparison for shared copies and a
    // comparison of the variables otherwise, so a changed environment is never served stale.
    struct Memo
    {
        QProcessEnvironment source;
        ChildEnvironment result;
        bool filled = false;
    };
    thread_local Memo memo;
    if (memo.filled && memo.source == environment)
        return memo.result;

    ChildEnvironment result;
    const QStringList entries = environment.toStringList();
    result.m_entries.reserve(entries.size() + 4); // room for a step's own without regrowing
    for (const QString &entry : entries)
        result.m_entries.append(entry.toLocal8Bit());
    memo = {environment, result, true};
    return result;
}

qsizetype ChildEnvironment::indexOf(QByteArrayView name) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const QByteArray &entry = m_entries.at(i);
        if (entry.size() > name.size() && entry.at(name.size()) == '=' && entry.startsWith(name))
            return i;
    }
    return -1;
}

void ChildEnvironment::set(const QString &name, const QString &value)
{
    const QByteArray encodedName = name.toLocal8Bit();
    QByteArray entry = encodedName + '=' + value.toLocal8Bit();
    if (const qsizetype index = indexOf(encodedName); index >= 0)
        m_entries[index] = std::move(entry);
    else
        m_entries.append(std::move(entry));
}

QByteArray ChildEnvironment::value(QByteArrayView name) const
{
    const qsizetype index = indexOf(name);
    return index < 0 ? QByteArray() : m_entries.at(index).mid(name.size() + 1);
}

} // namespace pw::engine
