#include "RunsCommand.h"

#include "Console.h"
#include "HistoryAccess.h"
#include "StoreCommandParser.h"
#include "TimeText.h"
#include "engine/RunReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace pw::cli {
namespace {

using engine::RunStatus;

QString localTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")) : QString();
}

QString durationOf(const engine::RunSummary &run)
{
    const QDateTime end = run.endedAt.isValid() ? run.endedAt : QDateTime::currentDateTimeUtc();
    const QString span = spanText(run.startedAt.msecsTo(end));
    return run.endedAt.isValid() ? span : span + QStringLiteral("+");
}

QString notesOf(const engine::RunSummary &run)
{
    QStringList notes;
    if (run.warning)
        notes << QStringLiteral("warning");
    if (run.rehearsal)
        notes << QStringLiteral("rehearsal");
    if (!run.originRunId.isEmpty())
        notes << QStringLiteral("resumes ") + run.originRunId;
    if (!run.deciders.isEmpty())
        notes << QStringLiteral("decided by ") + run.deciders.join(QStringLiteral(", "));
    return notes.join(QStringLiteral("; "));
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(engine::isoTime(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

void printTable(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = std::max(widths[i], row.at(i).size());
        }
    }
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row.at(i).leftJustified(widths.at(i) + 2) : row.at(i);
        printOut(line.trimmed());
    }
}

QString nodeLine(const engine::NodeState &node)
{
    const QString indent = QString(2 * (node.parents.size() + 1), u' ');
    QString text = indent + engine::toString(node.kind) + u' ' + node.id;
    text = text.leftJustified(36) + u' ' + engine::toString(node.status).leftJustified(15);
    QStringList notes;
    if (node.kind == engine::NodeKind::Step && node.attempts > 0)
        notes << QStringLiteral("%1 attempt(s)").arg(node.attempts);
    if (node.role != engine::NodeRole::Main)
        notes << engine::toString(node.role);
    if (node.cloned)
        notes << QStringLiteral("reused");
    if (node.warning)
        notes << QStringLiteral("warning");
    if (node.error && node.status != engine::NodeStatus::Succeeded)
        notes << model::toString(node.error->type) + QStringLiteral(": ") + node.error->message;
    QString line = text + notes.join(QStringLiteral(", "));
    while (line.endsWith(u' '))
        line.chop(1);
    return line;
}

void printRun(const engine::StoredRun &stored)
{
    const engine::RunSummary &run = stored.summary;
    const engine::RunSnapshot &snapshot = stored.snapshot;
    printOut(QStringLiteral("run %1 of pipeline %2%3")
                 .arg(run.runId, run.pipelineId,
                      run.pipelineName.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(run.pipelineName)));
    printOut(QStringLiteral("status:   %1%2").arg(engine::toString(run.status),
                                                    run.warning ? QStringLiteral(" (warning)") : QString()));
    printOut(QStringLiteral("started:  %1 (%2)").arg(localTime(run.startedAt), durationOf(run)));
    if (!run.pipelineFile.isEmpty())
        printOut(QStringLiteral("file:     ") + run.pipelineFile);
    if (!run.originRunId.isEmpty())
        printOut(QStringLiteral("resumes:  ") + run.originRunId);
    if (run.rehearsal)
        printOut(QStringLiteral("rehearsal: nothing ran"));
    printOut(QStringLiteral("by:       ") + run.owner);
    if (!snapshot.inputs.isEmpty()) {
        QStringList inputs;
        for (auto it = snapshot.inputs.cbegin(); it != snapshot.inputs.cend(); ++it)
            inputs << it.key() + u'=' + it.value().toString();
        printOut(QStringLiteral("inputs:   ") + inputs.join(QStringLiteral(", ")));
    }
    if (snapshot.error) {
        printOut(QStringLiteral("error:    %1: %2 (step %3%4)")
                     .arg(model::toString(snapshot.error->type), snapshot.error->message, snapshot.error->step,
                          snapshot.error->stage.isEmpty() ? QString() : QStringLiteral(", stage ") + snapshot.error->stage));
    }
    printOut(QStringLiteral("nodes:"));
    for (const engine::NodeState &node : snapshot.nodes)
        printOut(nodeLine(node));
    if (!stored.requests.isEmpty()) {
        printOut(QStringLiteral("requests:"));
        for (const engine::InterventionRecord &record : stored.requests) {
            const bool approval = record.request.kind == engine::RequestKind::Approval;
            QString line = QStringLiteral("  %1 %2, asked %3: ")
                               .arg(approval ? QStringLiteral("approval") : QStringLiteral("intervention"),
                                    record.request.step, localTime(record.request.requestedAt));
            if (record.decision.isEmpty()) {
                line += QStringLiteral("open until %1, then %2")
                            .arg(localTime(record.request.deadline), record.request.onTimeout);
            } else {
                line += QStringLiteral("%1 by %2 at %3")
                            .arg(record.decision, record.who.isEmpty() ? record.by : record.who + u" (" + record.by + u')',
                                 localTime(record.decidedAt));
                if (!record.comment.isEmpty())
                    line += QStringLiteral(": \"%1\"").arg(record.comment);
            }
            printOut(line);
        }
    }
    printOut(QStringLiteral("logs:     pipewright logs %1 [STEP]").arg(run.runId));
}

} // namespace

int runRuns(const QStringList &arguments)
{
    StoreCommandParser command(QStringLiteral("runs"), QString(), QStringLiteral(
        "Lists the stored runs, newest first (a run whose program died shows as Interrupted;\n"
        "pipewright resume goes on from where it stopped)."), 0, 0);
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("An array of {runId, originRunId, pipeline, status, warning, "
                                                 "startedAt, endedAt}."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Only the newest N."),
                                   QStringLiteral("N"));
    command.parser().addOptions({json, limit});
    if (const auto exitCode = command.parse(arguments))
        return *exitCode;
    std::optional<int> count;
    if (command.parser().isSet(limit)) {
        bool ok = false;
        count = command.parser().value(limit).toInt(&ok);
        if (!ok || *count < 1)
            return command.usageError(QStringLiteral("--limit: a whole number of at least 1"));
    }
    engine::RunHistory history;
    if (const auto exitCode = openHistory(history, command.db(), command.command()))
        return *exitCode;
    const QList<engine::RunSummary> runs = history.runs(count);
    if (command.parser().isSet(json)) {
        QJsonArray array;
        for (const engine::RunSummary &run : runs) {
            array.append(QJsonObject{{QStringLiteral("runId"), run.runId},
                                     {QStringLiteral("originRunId"), textOrNull(run.originRunId)},
                                     {QStringLiteral("pipeline"), run.pipelineId},
                                     {QStringLiteral("status"), engine::toString(run.status)},
                                     {QStringLiteral("warning"), run.warning},
                                     {QStringLiteral("startedAt"), timeOrNull(run.startedAt)},
                                     {QStringLiteral("endedAt"), timeOrNull(run.endedAt)}});
        }
        std::fputs(QJsonDocument(array).toJson(QJsonDocument::Indented).constData(), stdout);
        return ExitSuccess;
    }
    if (runs.isEmpty()) {
        printErr(QStringLiteral("no runs in %1").arg(history.path()));
        return ExitSuccess;
    }
    QList<QStringList> rows{{QStringLiteral("RUN ID"), QStringLiteral("PIPELINE"), QStringLiteral("STATUS"),
                             QStringLiteral("STARTED"), QStringLiteral("TOOK"), QStringLiteral("NOTES")}};
    for (const engine::RunSummary &run : runs) {
        rows.append({run.runId, run.pipelineId, engine::toString(run.status), localTime(run.startedAt),
                     durationOf(run), notesOf(run)});
    }
    printTable(rows);
    return ExitSuccess;
}

int runShow(const QStringList &arguments)
{
    StoreCommandParser command(QStringLiteral("show"), QStringLiteral("RUN_ID"), QStringLiteral(
        "Shows one stored run: its nodes, attempts, errors and requests. RUN_ID may be a\n"
        "unique prefix of the id."), 1, 1);
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Prints the run report (the JSON of run --report)."));
    command.parser().addOption(json);
    if (const auto exitCode = command.parse(arguments))
        return *exitCode;
    engine::RunHistory history;
    if (const auto exitCode = openHistory(history, command.db(), command.command()))
        return *exitCode;
    QString runId;
    if (const auto error = history.resolveRunId(command.arguments().first(), &runId))
        return command.usageError(*error);
    QString error;
    const std::optional<engine::StoredRun> stored = history.run(runId, &error);
    if (!stored) {
        printErr(QStringLiteral("pipewright show: ") + error);
        return ExitInternal;
    }
    if (command.parser().isSet(json)) {
        std::fputs(engine::runReportText(stored->snapshot).constData(), stdout);
        return ExitSuccess;
    }
    printRun(*stored);
    return ExitSuccess;
}

} // namespace pw::cli
