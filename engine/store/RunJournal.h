#pragma once

#include "engine/RunTypes.h"

#include <QList>
#include <QString>

#include <optional>

namespace pw::engine {

// One entry of a run's journal: a node's final state, or the start of an attempt that reaches
// outside the program.
struct JournalEntry
{
    std::optional<NodeState> node;
    std::optional<AttemptRecord> attempt;
};

// A run's own write-ahead journal, beside the database: a line of JSON per node that ended and
// per Shell or Http attempt that started, appended the moment it happens. The database gets
// the same in batches; once a batch is committed the journal is emptied, and when the run ends
// it is removed. A program killed between a step's end and the next batch leaves its journal
// behind, and whoever finds the run interrupted puts the journal's entries into the database
// first: no finished step is lost, and recovery knows what was running.
//
// Why not commit each node to SQLite: a commit costs ~35 µs here (WAL, no fsync), a journal line
// ~3 µs, for the same guarantee against a program that dies (both leave it to the kernel to
// write the bytes; neither survives a power cut of the last moments).
class RunJournal
{
public:
    RunJournal() = default;
    ~RunJournal();
    RunJournal(const RunJournal &) = delete;
    RunJournal &operator=(const RunJournal &) = delete;

    std::optional<QString> open(const QString &path);
    bool isOpen() const { return m_fd >= 0; }
    // False when the line could not be written (disk full...).
    // `outputsJson`, `varsJson`: the node's maps as compact JSON (StoreValues::jsonText).
    bool append(const NodeState &state, const QByteArray &outputsJson, const QByteArray &varsJson);
    bool append(const AttemptRecord &attempt);
    // Everything in it is in the database now.
    void clear();
    // The run has ended: the journal goes.
    void remove();

    // The entries of a journal file, in order; a last line cut short by a crash is left out.
    static QList<JournalEntry> read(const QString &path);
    // Where run `runId`'s journal is, beside its logs.
    static QString pathFor(const QString &logsDirectory, const QString &runId);

private:
    bool write(const QByteArray &line);

    int m_fd = -1;
    QString m_path;
    bool m_empty = true;
};

} // namespace pw::engine
