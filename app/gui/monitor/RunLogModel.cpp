#include "RunLogModel.h"

#include "AnsiText.h"
#include "engine/store/LogFormat.h"
#include "engine/store/RunHistory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>

namespace pw::gui {
namespace {

using engine::LogLine;

// A log larger than this is not read whole: its end is, and the view says how many lines
// came before.
constexpr qint64 kReadWholeBytes = 8 * 1024 * 1024;
constexpr qint64 kTailBytes = 2 * 1024 * 1024;

QString streamName(LogLine::Stream stream)
{
    switch (stream) {
    case LogLine::Stream::Out: return QStringLiteral("out");
    case LogLine::Stream::Err: return QStringLiteral("err");
    case LogLine::Stream::Engine: return QStringLiteral("note");
    }
    return {};
}

} // namespace

RunLogModel::RunLogModel(QObject *parent) : QAbstractListModel(parent) {}

QVariantList RunLogModel::attempts() const
{
    QVariantList list;
    for (int attempt : m_attempts)
        list << attempt;
    return list;
}

void RunLogModel::setDarkBackground(bool dark)
{
    if (m_dark == dark)
        return;
    m_dark = dark;
    emit darkBackgroundChanged();
    if (!m_lines.isEmpty())
        emit dataChanged(index(0), index(int(m_lines.size()) - 1), {HtmlRole});
}

void RunLogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    m_lastNumber = 0;
    m_node.clear();
    m_runId.clear();
    m_attempt = 0;
    m_attempts.clear();
    m_notShown = 0;
    endResetModel();
    emit sourceChanged();
    emit attemptsChanged();
    emit linesNotShownChanged();
}

void RunLogModel::show(engine::RunHistory *history, const QString &runId, const QString &node, int attempt)
{
    m_history = history;
    m_runId = runId;
    m_node = node;
    m_attempts.clear();
    if (history && !node.isEmpty()) {
        for (const engine::StoredLogRef &log : history->logs(runId, node))
            m_attempts << log.attempt;
    }
    if (attempt > 0)
        m_attempts << attempt; // a live attempt the store may not list yet
    std::sort(m_attempts.begin(), m_attempts.end());
    m_attempts.erase(std::unique(m_attempts.begin(), m_attempts.end()), m_attempts.end());
    m_attempt = attempt > 0 ? attempt : (m_attempts.isEmpty() ? 0 : m_attempts.last());
    load();
    emit sourceChanged();
    emit attemptsChanged();
}

void RunLogModel::selectAttempt(int attempt)
{
    if (attempt == m_attempt)
        return;
    m_attempt = attempt;
    load();
    emit sourceChanged();
}

void RunLogModel::noteAttempt(const QString &node, int attempt)
{
    if (node != m_node || m_attempts.contains(attempt))
        return;
    m_attempts << attempt;
    std::sort(m_attempts.begin(), m_attempts.end());
    emit attemptsChanged();
    // Following the step: its new attempt is what one wants to see. The old attempt's lines
    // go as removed rows, not a reset: a view keeps its place and delegates, and a step that
    // had not started yet (its first attempt) has no rows to remove at all.
    if (attempt > m_attempt) {
        m_attempt = attempt;
        if (!m_lines.isEmpty()) {
            beginRemoveRows({}, 0, int(m_lines.size()) - 1);
            m_lines.clear();
            endRemoveRows();
        }
        m_lastNumber = 0;
        m_notShown = 0;
        emit sourceChanged();
        emit linesNotShownChanged();
    }
}

void RunLogModel::load()
{
    beginResetModel();
    m_lines.clear();
    m_lastNumber = 0;
    m_notShown = 0;
    if (m_history && !m_node.isEmpty() && m_attempt > 0) {
        const QList<engine::StoredLogRef> logs = m_history->logs(m_runId, m_node, m_attempt);
        if (!logs.isEmpty()) {
            const engine::StoredLogRef &log = logs.first();
            const qint64 size = log.filePath.isEmpty() ? log.content.size() : QFileInfo(log.filePath).size();
            const qint64 from = size > kReadWholeBytes ? size - kTailBytes : 0;
            QByteArray bytes = engine::RunHistory::readLog(log, from);
            if (from > 0)
                bytes.remove(0, bytes.indexOf('\n') + 1); // the rest of a cut line
            const QList<engine::StoredLogLine> stored = engine::parseStoredLog(bytes);
            // Numbered from the end when only the end was read: the row counts every line.
            qint64 number = from > 0 ? std::max<qint64>(0, log.lines - stored.size()) : 0;
            m_notShown = number;
            const qint64 startMs = log.startedAt.toMSecsSinceEpoch();
            for (const engine::StoredLogLine &line : stored)
                m_lines.append({line.stream, QString::fromUtf8(line.text), startMs + line.offsetMs, ++number, 0});
            m_lastNumber = number;
            if (m_lines.size() > kMaxLines) {
                m_notShown += m_lines.size() - kMaxLines;
                m_lines.remove(0, m_lines.size() - kMaxLines);
            }
        }
    }
    endResetModel();
    emit linesNotShownChanged();
}

void RunLogModel::addLive(const QList<LogLine> &lines)
{
    if (m_node.isEmpty())
        return;
    // Lines of a newer attempt than the one shown: the step's next attempt (or its first,
    // when the step was selected before it started, or before the store listed its log)
    // whose start has not reached us yet. Follow it, as noteAttempt does; without this the
    // Logs tab of a step selected at the wrong moment stayed empty for the whole attempt.
    for (const LogLine &line : lines) {
        if (line.node == m_node && line.attempt > m_attempt)
            noteAttempt(m_node, line.attempt);
    }
    QList<Line> fresh;
    for (const LogLine &line : lines) {
        if (line.node != m_node || line.attempt != m_attempt)
            continue;
        if (line.number > 0 && line.number <= m_lastNumber && line.skipped == 0)
            continue; // loaded from the store already
        fresh.append({line.stream, line.text, line.at.toMSecsSinceEpoch(), line.number, line.skipped});
        if (line.number > 0)
            m_lastNumber = std::max(m_lastNumber, line.number + std::max<qint64>(0, line.skipped - 1));
    }
    if (!fresh.isEmpty())
        append(std::move(fresh));
}

void RunLogModel::append(QList<Line> lines)
{
    const qsizetype overflow = m_lines.size() + lines.size() - kMaxLines;
    if (overflow > 0) {
        const qsizetype dropOld = std::min<qsizetype>(overflow, m_lines.size());
        if (dropOld > 0) {
            beginRemoveRows({}, 0, int(dropOld) - 1);
            m_lines.remove(0, dropOld);
            endRemoveRows();
        }
        const qsizetype dropNew = overflow - dropOld;
        if (dropNew > 0)
            lines.remove(0, dropNew);
        m_notShown += overflow;
        emit linesNotShownChanged();
    }
    if (lines.isEmpty())
        return;
    const int first = int(m_lines.size());
    beginInsertRows({}, first, first + int(lines.size()) - 1);
    m_lines.append(std::move(lines));
    endInsertRows();
}

int RunLogModel::find(const QString &text, int from, bool backwards) const
{
    const int count = int(m_lines.size());
    if (text.isEmpty() || count == 0)
        return -1;
    for (int step = 1; step <= count; ++step) {
        const int row = ((backwards ? from - step : from + step) % count + count) % count;
        if (withoutAnsi(m_lines.at(row).text).contains(text, Qt::CaseInsensitive))
            return row;
    }
    return -1;
}

QString RunLogModel::text(int first, int last) const
{
    QStringList lines;
    for (int row = std::max(0, first); row <= std::min(last, int(m_lines.size()) - 1); ++row)
        lines << withoutAnsi(m_lines.at(row).text);
    return lines.join(u'\n');
}

QString RunLogModel::fullLogUrl() const
{
    if (!m_history || m_node.isEmpty() || m_attempt <= 0)
        return {};
    const QList<engine::StoredLogRef> logs = m_history->logs(m_runId, m_node, m_attempt);
    if (logs.isEmpty())
        return {};
    // Written out as the step printed it (no prefixes, notes marked), for any text viewer.
    const QString path = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                             .filePath(QStringLiteral("pipewright-%1-%2.%3.log").arg(m_runId, m_node).arg(m_attempt));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    const engine::StoredLogRef &log = logs.first();
    qint64 offset = 0;
    while (true) {
        const QByteArray chunk = engine::RunHistory::readLog(log, offset).left(4 * 1024 * 1024);
        qsizetype consumed = 0;
        const QList<engine::StoredLogLine> lines = engine::parseStoredLog(chunk, &consumed);
        if (consumed == 0)
            break;
        QByteArray out;
        for (const engine::StoredLogLine &line : lines) {
            if (line.stream == LogLine::Stream::Engine)
                out += "[pipewright] ";
            out += line.text + '\n';
        }
        file.write(out);
        offset += consumed;
    }
    return QUrl::fromLocalFile(path).toString();
}

int RunLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant RunLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Line &line = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole: return line.skipped > 0 ? QString() : withoutAnsi(line.text);
    case HtmlRole:
        if (line.skipped > 0)
            return tr("… %n line(s) came too fast to show here; the stored log has them (Open full log)", nullptr,
                      int(std::min<qint64>(line.skipped, INT_MAX)));
        return ansiLineToHtml(line.text, m_dark);
    case StreamRole: return streamName(line.stream);
    case TimeRole: return line.at;
    case NumberRole: return line.number;
    case SkippedRole: return line.skipped;
    default: return {};
    }
}

QHash<int, QByteArray> RunLogModel::roleNames() const
{
    return {{TextRole, "text"},   {HtmlRole, "html"},     {StreamRole, "stream"},
            {TimeRole, "time"},   {NumberRole, "number"}, {SkippedRole, "skipped"}};
}

} // namespace pw::gui
