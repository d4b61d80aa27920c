#include "LogsCommand.h"

#include "Console.h"
#include "HistoryAccess.h"
#include "StoreCommandParser.h"
#include "TerminalText.h"
#include "engine/store/LogFormat.h"

#include <QHash>
#include <QThread>

#include <cstdio>

namespace pw::cli {
namespace {

constexpr int kFollowIntervalMs = 200;

using engine::LogLine;
using engine::StoredLogRef;

QString labelOf(const StoredLogRef &log)
{
    return log.node.isEmpty() ? QStringLiteral("run") : QStringLiteral("%1#%2").arg(log.node).arg(log.attempt);
}

// Prints a log's lines from `offset`; returns the new offset (only whole lines are taken).
qint64 printFrom(const StoredLogRef &log, qint64 offset, bool raw)
{
    const QByteArray bytes = engine::RunHistory::readLog(log, offset);
    qsizetype consumed = 0;
    const QList<engine::StoredLogLine> lines = engine::parseStoredLog(bytes, &consumed);
    QByteArray out;
    for (const engine::StoredLogLine &line : lines) {
        if (raw) {
            // As the step printed it, for files and pipes; our notes are not its output.
            if (line.stream == LogLine::Stream::Engine)
                continue;
            out += line.text;
            out += '\n';
            continue;
        }
        const char marker = line.stream == LogLine::Stream::Err ? '!' : line.stream == LogLine::Stream::Out ? '|' : '-';
        out += labelOf(log).toUtf8() + ' ' + marker + ' '
               + terminalSafe(QString::fromUtf8(line.text)).toUtf8() + '\n';
    }
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
    return offset + consumed;
}

} // namespace

int runLogs(const QStringList &arguments)
{
    StoreCommandParser command(QStringLiteral("logs"), QStringLiteral("RUN_ID [STEP_ID]"), QStringLiteral(
        "Prints the stored output of a run's steps, every attempt in the order they started (or one\n"
        "step's, or one attempt's). Lines read `step#attempt | text`; `!` marks stderr, `-` Pipewright's\n"
        "own notes. Control characters are shown escaped unless --raw."), 1, 2);
    const QCommandLineOption attempt(QStringLiteral("attempt"), QStringLiteral("Only attempt N of the step."),
                                     QStringLiteral("N"));
    const QCommandLineOption follow({QStringLiteral("f"), QStringLiteral("follow")},
                                    QStringLiteral("Keeps printing while the run goes on, until it ends."));
    const QCommandLineOption raw(QStringLiteral("raw"),
                                 QStringLiteral("Only what the steps printed, byte for byte, without "
                                                "prefixes or notes."));
    command.parser().addOptions({attempt, follow, raw});
    if (const auto exitCode = command.parse(arguments))
        return *exitCode;
    const QString step = command.arguments().value(1);
    int attemptNumber = 0;
    if (command.parser().isSet(attempt)) {
        bool ok = false;
        attemptNumber = command.parser().value(attempt).toInt(&ok);
        if (!ok || attemptNumber < 1)
            return command.usageError(QStringLiteral("--attempt: a whole number of at least 1"));
        if (step.isEmpty())
            return command.usageError(QStringLiteral("--attempt needs a STEP_ID"));
    }
    engine::RunHistory history;
    if (const auto exitCode = openHistory(history, command.db(), command.command()))
        return *exitCode;
    QString runId;
    if (const auto error = history.resolveRunId(command.arguments().first(), &runId))
        return command.usageError(*error);
    const std::optional<engine::StoredRun> run = history.run(runId);
    if (!run)
        return command.usageError(QStringLiteral("cannot read run ") + runId);
    if (!step.isEmpty()) {
        const bool known = std::any_of(run->snapshot.nodes.cbegin(), run->snapshot.nodes.cend(),
                                       [&](const engine::NodeState &node) { return node.id == step; });
        if (!known)
            return command.usageError(QStringLiteral("run %1 has no step '%2'").arg(runId, step));
    }

    const bool isRaw = command.parser().isSet(raw);
    QHash<QPair<QString, int>, qint64> printed;
    const auto printNew = [&] {
        for (const StoredLogRef &log : history.logs(runId, step, attemptNumber)) {
            qint64 &offset = printed[{log.node, log.attempt}];
            if (log.bytes > offset)
                offset = printFrom(log, offset, isRaw);
        }
    };
    printNew();
    if (!command.parser().isSet(follow))
        return ExitSuccess;
    // Following: the database and the log files grow while the run goes on; readers never wait
    // for the writer (WAL). A last round after the run ended takes what came with its end.
    while (true) {
        QThread::msleep(kFollowIntervalMs);
        const bool running = history.statusOf(runId) == engine::RunStatus::Running;
        printNew();
        if (!running)
            break;
    }
    return ExitSuccess;
}

} // namespace pw::cli
