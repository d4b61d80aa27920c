#include "YamlHighlighter.h"

#include <QHash>
#include <QQuickTextDocument>
#include <QRegularExpression>
#include <QTextDocument>

namespace pw::gui {

// The QSyntaxHighlighter itself: made per text document, reading its colours and problem
// lines from the YamlHighlighter that QML configures.
class YamlHighlighter::Rules : public QSyntaxHighlighter
{
public:
    Rules(QTextDocument *document, const YamlHighlighter &owner) : QSyntaxHighlighter(document), m_owner(owner) {}

    // Line (from 1) -> true for an error, false for a warning only.
    QHash<int, bool> problemLines;

protected:
    void highlightBlock(const QString &text) override
    {
        static const QRegularExpression key(QStringLiteral(R"(^(\s*(?:-\s+)*)([^\s#'"{}\[\],:][^#:]*?|"[^"]*"|'[^']*')\s*:(?=\s|$))"));
        static const QRegularExpression flowKey(QStringLiteral(R"([{,]\s*([A-Za-z_][\w.-]*)\s*:(?=\s))"));
        static const QRegularExpression quoted(QStringLiteral(R"("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')"));
        static const QRegularExpression scalar(QStringLiteral(R"((?<=[:\-\[,]\s)(true|false|null|~|-?\d+(?:\.\d+)?(?:ms|s|m|h|d)?)(?=\s*(?:$|[,\]}#])))"));

        QTextCharFormat keyFormat;
        keyFormat.setForeground(m_owner.m_keyColor);
        QTextCharFormat stringFormat;
        stringFormat.setForeground(m_owner.m_stringColor);
        QTextCharFormat valueFormat;
        valueFormat.setForeground(m_owner.m_valueColor);

        if (const auto match = key.match(text); match.hasMatch())
            setFormat(int(match.capturedStart(2)), int(match.capturedLength(2)), keyFormat);
        for (auto it = flowKey.globalMatch(text); it.hasNext();) {
            const auto match = it.next();
            setFormat(int(match.capturedStart(1)), int(match.capturedLength(1)), keyFormat);
        }
        for (auto it = scalar.globalMatch(text); it.hasNext();) {
            const auto match = it.next();
            setFormat(int(match.capturedStart(1)), int(match.capturedLength(1)), valueFormat);
        }
        // Quoted text, then comments: a # inside quotes is text.
        int commentAt = -1;
        int searchFrom = 0;
        for (auto it = quoted.globalMatch(text); it.hasNext();) {
            const auto match = it.next();
            const int hash = int(text.indexOf(u'#', searchFrom));
            if (hash >= 0 && hash < match.capturedStart() && (hash == 0 || text.at(hash - 1).isSpace())) {
                commentAt = hash;
                break;
            }
            setFormat(int(match.capturedStart()), int(match.capturedLength()), stringFormat);
            searchFrom = int(match.capturedEnd());
        }
        if (commentAt < 0) {
            for (int at = int(text.indexOf(u'#', searchFrom)); at >= 0; at = int(text.indexOf(u'#', at + 1))) {
                if (at == 0 || text.at(at - 1).isSpace()) {
                    commentAt = at;
                    break;
                }
            }
        }
        if (commentAt >= 0) {
            QTextCharFormat commentFormat;
            commentFormat.setForeground(m_owner.m_commentColor);
            commentFormat.setFontItalic(true);
            setFormat(commentAt, int(text.size()) - commentAt, commentFormat);
        }

        const auto problem = problemLines.constFind(currentBlock().blockNumber() + 1);
        if (problem != problemLines.cend()) {
            const QColor colour = *problem ? m_owner.m_errorColor : m_owner.m_warningColor;
            QColor tint = colour;
            tint.setAlphaF(0.12f);
            for (int at = 0; at < std::max<int>(1, int(text.size())); ++at) {
                QTextCharFormat marked = format(at);
                marked.setBackground(tint);
                marked.setUnderlineStyle(QTextCharFormat::SingleUnderline);
                marked.setUnderlineColor(colour);
                setFormat(at, 1, marked);
            }
        }
    }

private:
    const YamlHighlighter &m_owner;
};

YamlHighlighter::YamlHighlighter(QObject *parent) : QObject(parent)
{
    connect(this, &YamlHighlighter::coloursChanged, this, [this] {
        if (m_rules)
            m_rules->rehighlight();
    });
}

void YamlHighlighter::setTextDocument(QQuickTextDocument *document)
{
    if (m_textDocument == document)
        return;
    delete m_rules;
    m_rules = nullptr;
    m_textDocument = document;
    if (m_textDocument && m_textDocument->textDocument()) {
        m_rules = new Rules(m_textDocument->textDocument(), *this);
        setProblems(m_problems);
    }
    emit textDocumentChanged();
}

void YamlHighlighter::setProblems(const QVariantList &problems)
{
    const bool changed = problems != m_problems;
    m_problems = problems;
    if (m_rules) {
        QHash<int, bool> lines;
        for (const QVariant &entry : problems) {
            const QVariantMap problem = entry.toMap();
            const int line = problem.value(QStringLiteral("line")).toInt();
            if (line > 0)
                lines[line] = lines.value(line) || problem.value(QStringLiteral("error")).toBool();
        }
        if (lines != m_rules->problemLines) {
            m_rules->problemLines = lines;
            m_rules->rehighlight();
        }
    }
    if (changed)
        emit problemsChanged();
}

QString YamlHighlighter::messagesAtPosition(int position) const
{
    const QTextDocument *text = m_textDocument ? m_textDocument->textDocument() : nullptr;
    if (!text)
        return {};
    const int line = text->findBlock(position).blockNumber() + 1;
    QStringList messages;
    for (const QVariant &entry : m_problems) {
        const QVariantMap problem = entry.toMap();
        if (problem.value(QStringLiteral("line")).toInt() == line)
            messages << problem.value(QStringLiteral("message")).toString();
    }
    return messages.join(u'\n');
}

} // namespace pw::gui
