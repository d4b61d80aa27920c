#include "HtmlReport.h"

#include "HtmlText.h"
#include "TimelineSvg.h"

#include <QHash>

namespace pw::engine {
namespace {

using html::escape;

// Light, print-friendly, readable offline: the system's fonts, no web fonts, no images.
const char kStyle[] = R"(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d2330;
       margin: 24px auto; max-width: 1200px; padding: 0 16px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #dde2ea; }
h3 { font-size: 14px; margin: 16px 0 4px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.muted { color: #667085; } code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-weight: 600; font-size: 13px; color: #fff; }
.s-Succeeded { background: #2e9d4f; } .s-Failed { background: #d13b3b; } .s-Aborted { background: #8a6d3b; }
.s-RolledBack { background: #7b5cc4; } .s-IgnoredFailure { background: #c98a12; } .s-Skipped { background: #98a2b3; }
.s-Running, .s-Pending, .s-Retrying, .s-Waiting { background: #2f6fd6; } .s-Interrupted { background: #555d6b; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: 3px 16px; margin: 12px 0; }
dl.summary dt { color: #667085; } dl.summary dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #edf0f4; vertical-align: top; }
th { background: #f5f7fa; font-weight: 600; }
td.err { color: #a12a2a; }
.legend span { margin-right: 16px; white-space: nowrap; } .legend i { display: inline-block; width: 22px; height: 10px;
  border-radius: 2px; margin-right: 5px; vertical-align: middle; }
.timeline { overflow-x: auto; border: 1px solid #e4e8ef; border-radius: 6px; padding: 6px 0; }
svg text { font: 11.5px system-ui, "DejaVu Sans", sans-serif; fill: #344054; }
svg text.tick { text-anchor: middle; fill: #667085; } svg text.stage { font-weight: 700; fill: #1d2330; }
svg text.lane { fill: #7b5cc4; } svg line.grid { stroke: #eef1f5; } svg line.sep { stroke: #d0d5dd; }
rect.attempt[data-outcome=ok] { fill: #2e9d4f; } rect.attempt[data-outcome=failed] { fill: #d13b3b; }
rect.attempt[data-outcome=cancelled] { fill: #b08b5a; } rect.attempt[data-outcome=running] { fill: #2f6fd6; }
rect.retry { fill: url(#hatch); stroke: #d9a21b; stroke-width: 0.6; } rect.wait { fill: #c9b6f2; stroke: #7b5cc4; stroke-width: 0.8; }
path.cloned { fill: #98a2b3; }
pre.log { background: #f8f9fb; border: 1px solid #e4e8ef; border-radius: 4px; padding: 6px 8px; margin: 0;
  white-space: pre-wrap; word-break: break-all; }
pre.log .e { color: #b42318; } pre.log .p { color: #667085; font-style: italic; }
@media print { .timeline { overflow: visible; border: none; } body { margin: 0; } }
)";

QString badge(const QString &status)
{
    return QStringLiteral("<span class=\"badge s-%1\">%1</span>").arg(escape(status));
}

QString time(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz")) + QStringLiteral(" UTC")
                        : QStringLiteral("-");
}

QString summary(const StoredRun &run)
{
    const RunSummary &s = run.summary;
    const RunSnapshot &snapshot = run.snapshot;
    QString out = QStringLiteral("<h1>%1 %2</h1>").arg(escape(s.pipelineName.isEmpty() ? s.pipelineId : s.pipelineName),
                                                      badge(toString(s.status)));
    out += QStringLiteral("<div class=\"muted mono\">run %1</div><dl class=\"summary\">").arg(escape(s.runId));
    const auto row = [&out](const QString &name, const QString &value) {
        out += QStringLiteral("<dt>%1</dt><dd>%2</dd>").arg(name, value);
    };
    row(QStringLiteral("Pipeline"), QStringLiteral("<span class=\"mono\">%1</span>").arg(escape(s.pipelineId)));
    if (!s.pipelineFile.isEmpty())
        row(QStringLiteral("File"), QStringLiteral("<span class=\"mono\">%1</span>").arg(escape(s.pipelineFile)));
    if (!s.originRunId.isEmpty())
        row(QStringLiteral("Resumed from"), QStringLiteral("<span class=\"mono\">%1</span>").arg(escape(s.originRunId)));
    if (s.rehearsal)
        row(QStringLiteral("Rehearsal"), QStringLiteral("yes: nothing was executed, times are virtual"));
    row(QStringLiteral("Started"), time(s.startedAt));
    row(QStringLiteral("Ended"), s.endedAt.isValid() ? time(s.endedAt) : QStringLiteral("still running"));
    if (s.endedAt.isValid())
        row(QStringLiteral("Took"), html::span(s.startedAt.msecsTo(s.endedAt)));
    if (s.warning)
        row(QStringLiteral("Warning"), QStringLiteral("yes (a step was retried, ignored or marked as success, or a "
                                                      "rollback or handler step failed)"));
    if (!s.owner.isEmpty())
        row(QStringLiteral("Run by"), escape(s.owner));
    if (!snapshot.inputs.isEmpty()) {
        QStringList inputs;
        for (auto it = snapshot.inputs.cbegin(); it != snapshot.inputs.cend(); ++it)
            inputs << QStringLiteral("<span class=\"mono\">%1=%2</span>").arg(escape(it.key()), escape(it.value().toString()));
        row(QStringLiteral("Inputs"), inputs.join(QStringLiteral(", ")));
    }
    if (snapshot.error) {
        row(QStringLiteral("First failure"),
            QStringLiteral("<b>%1</b>: %2 <span class=\"muted\">(step %3%4)</span>")
                .arg(model::toString(snapshot.error->type), escape(snapshot.error->message), escape(snapshot.error->step),
                     snapshot.error->stage.isEmpty() ? QString() : QStringLiteral(", stage ") + escape(snapshot.error->stage)));
    }
    out += QStringLiteral("</dl>");
    return out;
}

QString legend()
{
    return QStringLiteral(
        "<div class=\"legend muted\"><span><i style=\"background:#2e9d4f\"></i>attempt succeeded</span>"
        "<span><i style=\"background:#d13b3b\"></i>attempt failed</span>"
        "<span><i style=\"background:#b08b5a\"></i>cancelled or interrupted</span>"
        "<span><i style=\"background:#2f6fd6\"></i>running</span>"
        "<span><i style=\"background:repeating-linear-gradient(45deg,#d9a21b 0 3px,#fdf3d8 3px 6px)\"></i>waiting to retry</span>"
        "<span><i style=\"background:#c9b6f2;border:1px solid #7b5cc4\"></i>waiting for a person</span>"
        "<span><i style=\"background:#98a2b3;transform:rotate(45deg);width:9px;height:9px\"></i>reused (resume)</span></div>");
}

QString nodesTable(const StoredRun &run)
{
    QString out = QStringLiteral("<table><tr><th>Node</th><th>Kind</th><th>Status</th><th>Attempts</th><th>Took</th>"
                                 "<th>Error</th></tr>");
    for (const NodeState &node : run.snapshot.nodes) {
        QStringList notes;
        if (node.role != NodeRole::Main)
            notes << toString(node.role);
        if (node.cloned)
            notes << QStringLiteral("reused");
        if (node.warning)
            notes << QStringLiteral("warning");
        const bool showError = node.error && node.status != NodeStatus::Succeeded;
        out += QStringLiteral("<tr id=\"node-%1\"><td class=\"mono\" style=\"padding-left:%2px\">%1%3</td><td>%4</td>"
                              "<td>%5</td><td>%6</td><td>%7</td><td class=\"err\">%8</td></tr>")
                   .arg(escape(node.id))
                   .arg(8 + 18 * int(node.parents.size()))
                   .arg(notes.isEmpty() ? QString()
                                        : QStringLiteral(" <span class=\"muted\">(%1)</span>").arg(notes.join(QStringLiteral(", "))),
                        toString(node.kind), badge(toString(node.status)),
                        node.kind == NodeKind::Step ? QString::number(node.attempts) : QString(),
                        node.startedAt.isValid() && node.endedAt.isValid() && !node.cloned
                            ? html::span(node.startedAt.msecsTo(node.endedAt))
                            : QString(),
                        showError ? QStringLiteral("<b>%1</b>: %2").arg(model::toString(node.error->type),
                                                                        escape(node.error->message))
                                  : QString());
    }
    return out + QStringLiteral("</table>");
}

QString requestsTable(const StoredRun &run)
{
    if (run.requests.isEmpty())
        return QStringLiteral("<p class=\"muted\">No manual intervention or approval was asked for.</p>");
    QString out = QStringLiteral("<table><tr><th>Step</th><th>Kind</th><th>Asked</th><th>Deadline</th><th>Decision</th>"
                                 "<th>By</th><th>When</th><th>Comment</th></tr>");
    for (const InterventionRecord &record : run.requests) {
        const InterventionRequest &request = record.request;
        QString why = request.kind == RequestKind::Approval ? escape(request.message) : QString();
        if (request.errorType)
            why = QStringLiteral("%1: %2").arg(model::toString(*request.errorType), escape(request.errorMessage));
        out += QStringLiteral("<tr><td class=\"mono\">%1</td><td>%2<div class=\"muted\">%3</div></td><td>%4</td>"
                              "<td>%5<div class=\"muted\">then %6</div></td><td>%7</td><td>%8</td><td>%9</td><td>%10</td></tr>")
                   .arg(escape(request.step),
                        request.kind == RequestKind::Approval ? QStringLiteral("approval") : QStringLiteral("intervention"),
                        why, time(request.requestedAt), time(request.deadline), escape(request.onTimeout),
                        record.decision.isEmpty() ? QStringLiteral("<i>open</i>") : QStringLiteral("<b>%1</b>").arg(escape(record.decision)),
                        escape(record.who.isEmpty() ? record.by : QStringLiteral("%1 (%2)").arg(record.who, record.by)),
                        time(record.decidedAt), escape(record.comment));
    }
    return out + QStringLiteral("</table>");
}

QString logTails(const QList<LogTail> &tails)
{
    if (tails.isEmpty())
        return QStringLiteral("<p class=\"muted\">Nothing was printed.</p>");
    QString out;
    for (const LogTail &tail : tails) {
        if (tail.lines.isEmpty())
            continue;
        const QString name = tail.node.isEmpty() ? QStringLiteral("run") : QStringLiteral("%1 #%2").arg(tail.node).arg(tail.attempt);
        out += QStringLiteral("<h3>%1 <span class=\"muted\">%2</span></h3><pre class=\"log\">")
                   .arg(escape(name),
                        tail.totalLines > tail.lines.size()
                            ? QStringLiteral("last %1 of %2 lines").arg(tail.lines.size()).arg(tail.totalLines)
                            : QStringLiteral("%1 line(s)").arg(tail.lines.size()));
        for (const StoredLogLine &line : tail.lines) {
            const QString text = escape(QString::fromUtf8(line.text));
            switch (line.stream) {
            case LogLine::Stream::Out: out += text; break;
            case LogLine::Stream::Err: out += QStringLiteral("<span class=\"e\">%1</span>").arg(text); break;
            case LogLine::Stream::Engine: out += QStringLiteral("<span class=\"p\">%1</span>").arg(text); break;
            }
            out += u'\n';
        }
        out += QStringLiteral("</pre>");
    }
    return out;
}

} // namespace

QByteArray htmlReport(const StoredRun &run, const QList<LogTail> &tails)
{
    QString page = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                  "<title>%1 · run %2 · Pipewright</title><style>%3</style></head><body>")
                       .arg(escape(run.summary.pipelineId), escape(run.summary.runId), QString::fromUtf8(kStyle));
    page += summary(run);
    page += QStringLiteral("<h2>Timeline</h2>") + legend();
    page += QStringLiteral("<div class=\"timeline\">") + timelineSvg(run) + QStringLiteral("</div>");
    page += QStringLiteral("<h2>Nodes</h2>") + nodesTable(run);
    page += QStringLiteral("<h2>Manual interventions and approvals</h2>") + requestsTable(run);
    page += QStringLiteral("<h2>Logs</h2>") + logTails(tails);
    page += QStringLiteral("<p class=\"muted\">Written by Pipewright from its run store. Full logs: "
                           "<span class=\"mono\">pipewright logs %1</span></p></body></html>\n")
                .arg(escape(run.summary.runId));
    return page.toUtf8();
}

} // namespace pw::engine
