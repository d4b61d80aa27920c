#pragma once

#include "engine/RunTypes.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QtQml/qqmlregistration.h>

namespace pw::engine {
class RunHistory;
}

namespace pw::gui {

// The Logs panel: one attempt of one step of the shown run. What the store has is loaded
// first, then the live feed's lines follow (those already loaded are told by their number).
// The view keeps the last kMaxLines; older lines, and lines the live feed skipped because they
// came too fast, are in the stored log ("Open full log").
class RunLogModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The run monitor owns the log view")
    Q_PROPERTY(QString node READ node NOTIFY sourceChanged)
    Q_PROPERTY(int attempt READ attempt NOTIFY sourceChanged)
    Q_PROPERTY(QVariantList attempts READ attempts NOTIFY attemptsChanged)
    Q_PROPERTY(qint64 linesNotShown READ linesNotShown NOTIFY linesNotShownChanged)
    Q_PROPERTY(bool darkBackground READ darkBackground WRITE setDarkBackground NOTIFY darkBackgroundChanged)

public:
    static constexpr int kMaxLines = 20000;

    enum Role {
        TextRole = Qt::UserRole + 1, // the line without colour codes
        HtmlRole, // the line as rich text, colours rendered, controls escaped
        StreamRole, // "out", "err" or "note" (Pipewright's own)
        TimeRole, // ms since the epoch
        NumberRole, // the line's number in its log
        SkippedRole, // > 0: a gap of that many lines (the feed skipped them)
    };

    explicit RunLogModel(QObject *parent = nullptr);

    QString node() const { return m_node; }
    int attempt() const { return m_attempt; }
    QVariantList attempts() const;
    qint64 linesNotShown() const { return m_notShown; }
    bool darkBackground() const { return m_dark; }
    void setDarkBackground(bool dark);

    // Shows `node`'s attempt (0: its latest) of `runId`, loading what `history` has stored.
    void show(engine::RunHistory *history, const QString &runId, const QString &node, int attempt = 0);
    void clear();
    // The attempts of the shown node (for the picker) as the run goes on.
    void noteAttempt(const QString &node, int attempt);
    // Lines of the live feed: those of the shown attempt are added.
    void addLive(const QList<engine::LogLine> &lines);

    // The row of the next line holding `text` (case-insensitive) after `from` (before it when
    // backwards), wrapping around; -1 when none does.
    Q_INVOKABLE int find(const QString &text, int from, bool backwards) const;
    // Rows `first` to `last` as plain text, for the clipboard.
    Q_INVOKABLE QString text(int first, int last) const;
    // A file:// URL of the whole stored log (written to a temporary file when it lives in the
    // database); empty when there is none.
    Q_INVOKABLE QString fullLogUrl() const;
    Q_INVOKABLE void selectAttempt(int attempt);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void sourceChanged();
    void attemptsChanged();
    void linesNotShownChanged();
    void darkBackgroundChanged();

private:
    struct Line
    {
        engine::LogLine::Stream stream = engine::LogLine::Stream::Out;
        QString text;
        qint64 at = 0;
        qint64 number = 0;
        qint64 skipped = 0;
    };
    void load();
    void append(QList<Line> lines);

    engine::RunHistory *m_history = nullptr;
    QString m_runId;
    QString m_node;
    int m_attempt = 0;
    QList<int> m_attempts;
    QList<Line> m_lines;
    qint64 m_lastNumber = 0; // the number of the last line shown
    qint64 m_notShown = 0;
    bool m_dark = false;
};

} // namespace pw::gui
