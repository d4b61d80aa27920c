#include "HtmlReport.h"

#include "HtmlText.h"
#include "TimelineSvg.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace pw::engine {
namespace {

using html::escape;

// Light, print-friendly, readable offline: the system's fonts, no web fonts, no images, and
// nothing referenced (no url(), no @import), so the file is the whole report.
const char kPageStyle[] = R"(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d2330;
       margin: 24px auto; max-width: 1160px; padding: 0 20px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 2px; } h1 .badge { vertical-align: 3px; margin-left: 8px; }
h2 { font-size: 17px; margin: 30px 0 8px; padding-bottom: 3px; border-bottom: 1px solid #dde2ea; }
h3 { font-size: 13px; margin: 16px 0 4px; font-weight: 600; }
nav { margin: 4px 0 0; font-size: 13px; } nav a { color: #2f6fd6; margin-right: 14px; text-decoration: none; }
.muted { color: #667085; font-weight: normal; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-weight: 600; font-size: 12.5px; color: #fff;
         -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.s-Succeeded { background: #2e9d4f; } .s-Failed { background: #d13b3b; } .s-Aborted { background: #8a6d3b; }
.s-RolledBack { background: #7b5cc4; } .s-IgnoredFailure { background: #c98a12; } .s-Skipped { background: #98a2b3; }
.s-Running, .s-Pending, .s-Retrying, .s-Waiting { background: #2f6fd6; } .s-Interrupted { background: #555d6b; }
.s-Rehearsal { background: #0e7490; }
.tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 11.5px; font-weight: 600; margin-right: 4px;
       border: 1px solid currentColor; }
.t-rollback { color: #6941c6; } .t-handler { color: #b54708; } .t-warning { color: #b54708; } .t-reused { color: #475467; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: 4px 18px; margin: 14px 0; }
dl.summary dt { color: #667085; } dl.summary dd { margin: 0; }
dd.error { color: #a12a2a; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #edf0f4; vertical-align: top; }
th { background: #f5f7fa; font-weight: 600; } tr.stage td { background: #fafbfc; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } td.err { color: #a12a2a; } td.err b { color: #7a1c1c; }
.timeline { overflow-x: auto; border: 1px solid #e4e8ef; border-radius: 6px; padding: 4px 0; }
pre.log { background: #f8f9fb; border: 1px solid #e4e8ef; border-radius: 4px; padding: 6px 8px; margin: 0;
          white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.35; }
pre.log .at { color: #98a2b3; user-select: none; } pre.log .e { color: #b42318; }
pre.log .p { color: #667085; font-style: italic; }
footer { margin-top: 32px; font-size: 12.5px; }
/* The timeline (TimelineSvg.cpp) and its legend */
svg.tl { display: block; max-width: 100%; height: auto; }
svg.tl text { font: 11.5px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; fill: #344054; }
svg.tl text.tick { text-anchor: middle; fill: #667085; font-size: 10.5px; }
svg.tl text.axis-note { fill: #98a2b3; font-size: 10.5px; }
svg.tl text.stage { font-weight: 700; fill: #1d2330; }
svg.tl text.more { fill: #b42318; font-style: italic; }
svg.tl a text.label { fill: #1d2330; } svg.tl a:hover text.label { text-decoration: underline; }
svg.tl line.grid { stroke: #e6e9ef; } svg.tl line.sep { stroke: #d0d5dd; }
svg.tl [data-band=zebra] { fill: #f8f9fb; } svg.tl [data-band=rollback] { fill: #f1ebfd; }
svg.tl [data-band=handler] { fill: #fdeedd; }
svg.tl text.tag-rollback, svg.tl text.tag-handler { font-size: 10px; font-weight: 700; text-anchor: end; }
svg.tl text.tag-rollback { fill: #6941c6; } svg.tl text.tag-handler { fill: #b54708; }
svg.tl [data-outcome=ok] { fill: #2e9d4f; } svg.tl [data-outcome=failed] { fill: #d13b3b; }
svg.tl [data-outcome=cancelled] { fill: #c08a4e; } svg.tl [data-outcome=running] { fill: #2f6fd6; }
svg.tl text.bar-label { fill: #fff; font-size: 10px; font-weight: 600; text-anchor: middle; pointer-events: none; }
svg.tl [data-wait=retry] rect { fill: #fff4d6; stroke: #d9a21b; stroke-width: 0.8; }
svg.tl [data-wait=retry] path { stroke: #d9a21b; stroke-width: 1.3; fill: none; }
svg.tl [data-wait=person] rect { fill: #e3d8fb; stroke: #7b5cc4; stroke-width: 1; stroke-dasharray: 3 2; }
svg.tl [data-wait=person] text { fill: #4a2d96; font-size: 10px; font-weight: 600; pointer-events: none; }
svg.tl [data-mark=reused] path { fill: #667085; }
svg.tl [data-mark=reused] text { fill: #667085; font-size: 10.5px; font-style: italic; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 8px; color: #475467; font-size: 12.5px; }
.legend span { white-space: nowrap; } .legend svg { vertical-align: -2px; margin-right: 5px; }
@media print {
  body { margin: 0; max-width: none; font-size: 12px; } nav { display: none; }
  .timeline { overflow: visible; border: none; } h2 { break-after: avoid; }
  tr, h3 { break-inside: avoid; } pre.log { break-inside: auto; }
}
)";

QString badge(const QString &status)
{
    return QStringLiteral("<span class=\"badge s-%1\">%1</span>").arg(escape(status));
}

QString tag(const QString &kind, const QString &text)
{
    return QStringLiteral("<span class=\"tag t-%1\">%2</span>").arg(kind, text);
}

QString mono(const QString &text)
{
    return QStringLiteral("<span class=\"mono\">") + escape(text) + QStringLiteral("</span>");
}

// Messages may span lines: each escaped on its own (a newline would show as `\x0a`).
QString escapeLines(const QString &text)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line = escape(line);
    return lines.join(QStringLiteral("<br>"));
}

QString utcTime(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz")) + QStringLiteral(" UTC")
                        : QStringLiteral("-");
}

// An input as the user would type it: scalars plainly, lists and maps as compact JSON.
QString inputText(const QVariant &value)
{
    const QJsonValue json = QJsonValue::fromVariant(value);
    if (json.isArray())
        return QString::fromUtf8(QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact));
    if (json.isObject())
        return QString::fromUtf8(QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
    return value.toString();
}

QString summary(const StoredRun &run)
{
    const RunSummary &s = run.summary;
    const RunSnapshot &snapshot = run.snapshot;
    const QString pipelineId = s.pipelineId.isEmpty() ? snapshot.pipelineId : s.pipelineId;
    QString out = QStringLiteral("<h1>") + escape(s.pipelineName.isEmpty() ? pipelineId : s.pipelineName)
                  + badge(toString(s.status))
                  + (s.rehearsal ? QStringLiteral(" <span class=\"badge s-Rehearsal\">rehearsal</span>") : QString())
                  + QStringLiteral("</h1>");
    out += QStringLiteral("<nav><a href=\"#timeline-section\">Timeline</a><a href=\"#nodes\">Nodes</a>"
                          "<a href=\"#requests\">Interventions and approvals</a><a href=\"#logs\">Logs</a></nav>");
    out += QStringLiteral("<dl class=\"summary\">");
    const auto row = [&out](const QString &name, const QString &valueHtml, const QString &cssClass = {}) {
        out += QStringLiteral("<dt>") + name + QStringLiteral("</dt><dd")
               + (cssClass.isEmpty() ? QString() : QStringLiteral(" class=\"") + cssClass + u'"') + u'>' + valueHtml
               + QStringLiteral("</dd>");
    };
    row(QStringLiteral("Pipeline"), mono(pipelineId)
                                        + (s.pipelineName.isEmpty() ? QString()
                                                                    : QStringLiteral(" <span class=\"muted\">(")
                                                                          + escape(s.pipelineName)
                                                                          + QStringLiteral(")</span>")));
    if (!s.pipelineFile.isEmpty())
        row(QStringLiteral("File"), mono(s.pipelineFile));
    row(QStringLiteral("Run"), mono(s.runId));
    const QString origin = s.originRunId.isEmpty() ? snapshot.originRunId : s.originRunId;
    if (!origin.isEmpty())
        row(QStringLiteral("Resumed from"), mono(origin));
    row(QStringLiteral("Status"), badge(toString(s.status)));
    row(QStringLiteral("Warning"),
        s.warning ? tag(QStringLiteral("warning"), QStringLiteral("warning"))
                        + QStringLiteral(" a step was retried, ignored or marked as success, or a rollback or handler "
                                         "step failed")
                  : QStringLiteral("none"));
    row(QStringLiteral("Rehearsal"),
        s.rehearsal ? QStringLiteral("yes: nothing was executed, failures were injected, times are virtual")
                    : QStringLiteral("no"));
    row(QStringLiteral("Started"), utcTime(s.startedAt));
    row(QStringLiteral("Ended"), s.endedAt.isValid() ? utcTime(s.endedAt) : QStringLiteral("not yet (still running)"));
    if (s.startedAt.isValid() && s.endedAt.isValid())
        row(QStringLiteral("Duration"), html::span(s.startedAt.msecsTo(s.endedAt)));
    if (!s.owner.isEmpty())
        row(QStringLiteral("Run by"), escape(s.owner));
    if (!snapshot.inputs.isEmpty()) {
        QStringList inputs;
        for (auto it = snapshot.inputs.cbegin(); it != snapshot.inputs.cend(); ++it)
            inputs << mono(it.key() + u'=' + inputText(it.value()));
        row(QStringLiteral("Inputs"), inputs.join(QStringLiteral("<br>")));
    }
    if (snapshot.error) {
        const RunError &error = *snapshot.error;
        QString where = QStringLiteral("step ") + mono(error.step);
        if (!error.stage.isEmpty())
            where += QStringLiteral(", stage ") + mono(error.stage);
        row(QStringLiteral("First error"),
            QStringLiteral("<b>") + model::toString(error.type) + QStringLiteral("</b>: ") + escapeLines(error.message)
                + QStringLiteral(" <span class=\"muted\">(") + where + QStringLiteral(")</span>"),
            QStringLiteral("error"));
    }
    return out + QStringLiteral("</dl>");
}

QString nodesTable(const StoredRun &run)
{
    QString out = QStringLiteral("<table><tr><th>Node</th><th>Kind</th><th>Status</th><th>Attempts</th>"
                                 "<th>Duration</th><th>Notes</th><th>Error</th></tr>");
    for (const NodeState &node : run.snapshot.nodes) {
        QString notes;
        if (node.role == NodeRole::Rollback)
            notes += tag(QStringLiteral("rollback"), QStringLiteral("rollback"));
        else if (node.role == NodeRole::ErrorHandler)
            notes += tag(QStringLiteral("handler"), QStringLiteral("error handler"));
        if (node.warning)
            notes += tag(QStringLiteral("warning"), QStringLiteral("warning"));
        if (node.cloned)
            notes += tag(QStringLiteral("reused"), QStringLiteral("reused"));
        const QString kind = node.kind == NodeKind::Step
                                 ? QStringLiteral("step <span class=\"muted\">") + model::toString(node.stepType)
                                       + QStringLiteral("</span>")
                                 : toString(node.kind);
        QString duration;
        if (node.cloned)
            duration = QStringLiteral("<span class=\"muted\">(original run)</span>");
        else if (node.startedAt.isValid() && node.endedAt.isValid())
            duration = html::span(node.startedAt.msecsTo(node.endedAt));
        else if (node.startedAt.isValid())
            duration = QStringLiteral("<span class=\"muted\">running</span>");
        const bool showError = node.error && node.status != NodeStatus::Succeeded;
        const QString error = showError ? QStringLiteral("<b>") + model::toString(node.error->type)
                                              + QStringLiteral("</b>: ") + escapeLines(node.error->message)
                                        : QString();
        const int indent = 8 + 18 * int(node.parents.size());
        out += (node.kind == NodeKind::Stage ? QStringLiteral("<tr class=\"stage\"") : QStringLiteral("<tr"))
               + QStringLiteral(" id=\"node-") + escape(node.id) + QStringLiteral("\"><td class=\"mono\" style=\"padding-left:")
               + QString::number(indent) + QStringLiteral("px\">") + escape(node.id) + QStringLiteral("</td><td>") + kind
               + QStringLiteral("</td><td>") + badge(toString(node.status)) + QStringLiteral("</td><td class=\"num\">")
               + (node.kind == NodeKind::Step ? QString::number(node.attempts) : QString())
               + QStringLiteral("</td><td class=\"num\">") + duration + QStringLiteral("</td><td>") + notes
               + QStringLiteral("</td><td class=\"err\">") + error + QStringLiteral("</td></tr>");
    }
    return out + QStringLiteral("</table>");
}

QString requestsTable(const StoredRun &run)
{
    if (run.requests.isEmpty())
        return QStringLiteral("<p class=\"muted\">No manual intervention or approval was asked for.</p>");
    QString out = QStringLiteral("<table><tr><th>Step</th><th>Kind</th><th>Requested</th><th>Deadline</th>"
                                 "<th>Decision</th><th>By</th><th>When</th><th>Comment</th></tr>");
    for (const InterventionRecord &record : run.requests) {
        const InterventionRequest &request = record.request;
        const bool approval = request.kind == RequestKind::Approval;
        QString why = approval ? escapeLines(request.message) : QString();
        if (request.errorType)
            why = model::toString(*request.errorType) + QStringLiteral(": ") + escapeLines(request.errorMessage);
        QString by = escape(record.by);
        if (!record.who.isEmpty())
            by = escape(record.who) + QStringLiteral(" <span class=\"muted\">(") + by + QStringLiteral(")</span>");
        const QString deadline = utcTime(request.deadline)
                                 + (request.onTimeout.isEmpty() ? QString()
                                                                : QStringLiteral("<div class=\"muted\">then ")
                                                                      + escape(request.onTimeout) + QStringLiteral("</div>"));
        out += QStringLiteral("<tr><td class=\"mono\">") + escape(request.step) + QStringLiteral("</td><td>")
               + (approval ? QStringLiteral("approval") : QStringLiteral("intervention"))
               + (why.isEmpty() ? QString() : QStringLiteral("<div class=\"muted\">") + why + QStringLiteral("</div>"))
               + QStringLiteral("</td><td>") + utcTime(request.requestedAt) + QStringLiteral("</td><td>") + deadline
               + QStringLiteral("</td><td>")
               + (record.decision.isEmpty() ? QStringLiteral("<i>open</i>")
                                            : QStringLiteral("<b>") + escape(record.decision) + QStringLiteral("</b>"))
               + QStringLiteral("</td><td>") + by + QStringLiteral("</td><td>") + utcTime(record.decidedAt)
               + QStringLiteral("</td><td>") + escapeLines(record.comment) + QStringLiteral("</td></tr>");
    }
    return out + QStringLiteral("</table>");
}

QString logLine(const StoredLogLine &line, const QDateTime &logStart)
{
    // Bytes as the step printed them: invalid UTF-8 becomes U+FFFD, control characters `\e`.
    const QString text = escape(QString::fromUtf8(line.text));
    const QString at = logStart.isValid() ? logStart.addMSecs(line.offsetMs).toUTC().toString(QStringLiteral("hh:mm:ss.zzz"))
                                          : QStringLiteral("+") + html::span(line.offsetMs);
    QString out = QStringLiteral("<span class=\"at\">") + at + QStringLiteral("  </span>");
    switch (line.stream) {
    case LogLine::Stream::Out: out += text; break;
    case LogLine::Stream::Err: out += QStringLiteral("<span class=\"e\">") + text + QStringLiteral("</span>"); break;
    case LogLine::Stream::Engine: out += QStringLiteral("<span class=\"p\">") + text + QStringLiteral("</span>"); break;
    }
    return out + u'\n';
}

QString logTails(const QList<LogTail> &tails)
{
    QString out;
    for (const LogTail &tail : tails) {
        if (tail.lines.isEmpty())
            continue;
        const QString name = tail.node.isEmpty() ? QStringLiteral("run notes")
                                                 : tail.node + QStringLiteral(" #") + QString::number(tail.attempt);
        const qint64 total = std::max<qint64>(tail.totalLines, tail.lines.size());
        out += QStringLiteral("<h3 class=\"mono\">") + escape(name) + QStringLiteral(" <span class=\"muted\">last ")
               + QString::number(tail.lines.size()) + QStringLiteral(" of ") + QString::number(total)
               + (total == 1 ? QStringLiteral(" line") : QStringLiteral(" lines")) + QStringLiteral("</span></h3>")
               + QStringLiteral("<pre class=\"log\">");
        for (const StoredLogLine &line : tail.lines)
            out += logLine(line, tail.startedAt);
        out += QStringLiteral("</pre>");
    }
    return out.isEmpty() ? QStringLiteral("<p class=\"muted\">Nothing was printed.</p>") : out;
}

} // namespace

QByteArray htmlReport(const StoredRun &run, const QList<LogTail> &tails)
{
    QString page = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                  "<title>")
                   + escape(run.summary.pipelineId) + QStringLiteral(" · run ") + escape(run.summary.runId)
                   + QStringLiteral(" · Pipewright</title><style>") + QString::fromUtf8(kPageStyle)
                   + QStringLiteral("</style></head><body>");
    page += summary(run);
    page += QStringLiteral("<h2 id=\"timeline-section\">Timeline</h2>") + timelineLegend();
    page += QStringLiteral("<div class=\"timeline\">") + timelineSvg(run) + QStringLiteral("</div>");
    page += QStringLiteral("<h2 id=\"nodes\">Nodes</h2>") + nodesTable(run);
    page += QStringLiteral("<h2 id=\"requests\">Manual interventions and approvals</h2>") + requestsTable(run);
    page += QStringLiteral("<h2 id=\"logs\">Logs</h2>") + logTails(tails);
    page += QStringLiteral("<footer class=\"muted\">Written by Pipewright from its run store. Whole logs: "
                           "<span class=\"mono\">pipewright logs ")
            + escape(run.summary.runId) + QStringLiteral("</span></footer></body></html>\n");
    return page.toUtf8();
}

} // namespace pw::engine
