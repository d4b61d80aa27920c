#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QProcessEnvironment>
#include <QString>

namespace pw::engine {

// The environment a child process starts with, already in the form execve() takes:
// "NAME=value" entries in the locale's encoding.
//
// Why not a QProcessEnvironment to the end: converting a whole environment (some dozens of
// variables, each to a QString and back to bytes) was the largest part of what a short Shell
// step cost the engine thread. A run hands every step the same environment, so its encoding is
// remembered (see encoded()) and a step only adds its own few variables.
class ChildEnvironment
{
public:
    // The encoding of `environment`, remembered per thread for the environment last asked for:
    // the steps of a run share one QProcessEnvironment, and comparing a shared one is free.
    static ChildEnvironment encoded(const QProcessEnvironment &environment);

    // Sets NAME=value, replacing an entry of the same name.
    void set(const QString &name, const QString &value);
    // The value of NAME; empty when it is not set.
    QByteArray value(QByteArrayView name) const;

    const QByteArrayList &entries() const { return m_entries; }

private:
    qsizetype indexOf(QByteArrayView name) const;

    QByteArrayList m_entries; // implicitly shared: copying one is a reference count
};

} // namespace pw::engine
