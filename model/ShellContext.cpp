#include "ShellContext.h"

#include <QStringList>

namespace pw::model {
namespace {

enum class Frame { Unquoted, Parenthesis, Backquote, Double, Single };

struct PendingHereDocument
{
    QString end;
    bool quoted = false;
    bool stripTabs = false;
};

// A small reader of POSIX shell text: quoting, $( ), backquotes, comments and here-documents,
// enough to know where a position stands. It does not need to understand commands, only to
// tell the words of the current one (to notice `sh -c`, `eval` and `ssh`).
class ShellReader
{
public:
    void feed(const QString &text)
    {
        for (qsizetype i = 0; i < text.size(); ++i)
            step(text, i);
    }

    ShellPlace place() const
    {
        ShellPlace place;
        if (m_inHereDocument) {
            place.context = m_hereDocument.quoted ? ShellContext::QuotedHereDocument : ShellContext::HereDocument;
            place.hereDocumentEnd = m_hereDocument.end;
            if (m_frames.size() > m_hereDocumentDepth) // in a $( ) or backquotes of the body
                place.context = contextOf(m_frames.last());
            return place;
        }
        if (m_inComment) {
            place.context = ShellContext::Comment;
            return place;
        }
        place.context = m_frames.isEmpty() ? ShellContext::Unquoted : contextOf(m_frames.last());
        if (place.context == ShellContext::DoubleQuoted || place.context == ShellContext::SingleQuoted)
            place.reparsedBy = reparser();
        return place;
    }

    // An expression's value sits where the reader stands: it is part of a word.
    void valueHere() { m_wordStarted = true; m_word += u'\x01'; }

private:
    static ShellContext contextOf(Frame frame)
    {
        switch (frame) {
        case Frame::Double: return ShellContext::DoubleQuoted;
        case Frame::Single: return ShellContext::SingleQuoted;
        default: return ShellContext::Unquoted;
        }
    }

    bool unquoted() const
    {
        return m_frames.isEmpty() || m_frames.last() == Frame::Parenthesis || m_frames.last() == Frame::Backquote;
    }

    // The command, among the words before this one, that reads its argument as shell text.
    QString reparser() const
    {
        for (qsizetype i = 0; i < m_words.size(); ++i) {
            const QString &word = m_words[i];
            const QString name = word.section(u'/', -1);
            if (name == u"eval")
                return name;
            if (name == u"ssh")
                return name;
            if ((name == u"sh" || name == u"bash" || name == u"dash" || name == u"zsh" || name == u"ksh")
                && i + 1 < m_words.size() && m_words[i + 1].startsWith(u'-') && m_words[i + 1].contains(u'c'))
                return name + u' ' + m_words[i + 1];
        }
        return {};
    }

    void endWord()
    {
        if (m_wordStarted)
            m_words << m_word;
        m_word.clear();
        m_wordStarted = false;
    }

    void endCommand()
    {
        endWord();
        m_words.clear();
    }

    void step(const QString &text, qsizetype &i)
    {
        const QChar c = text[i];
        const QChar next = i + 1 < text.size() ? text[i + 1] : QChar();

        if (m_inHereDocument && m_frames.size() <= m_hereDocumentDepth) {
            // Line by line: a line that is the delimiter ends the body.
            if (m_atLineStart) {
                qsizetype start = i;
                if (m_hereDocument.stripTabs)
                    while (start < text.size() && text[start] == u'\t')
                        ++start;
                const qsizetype end = text.indexOf(u'\n', start);
                const QString line = text.mid(start, end < 0 ? -1 : end - start);
                if (line == m_hereDocument.end && end >= 0) {
                    i = end; // the newline: the next body, or the commands after
                    m_atLineStart = true;
                    nextHereDocument();
                    return;
                }
            }
            m_atLineStart = c == u'\n';
            if (!m_hereDocument.quoted && c == u'\\') {
                ++i;
            } else if (!m_hereDocument.quoted && c == u'$' && next == u'(') {
                m_frames << Frame::Parenthesis;
                ++i;
            } else if (!m_hereDocument.quoted && c == u'`') {
                m_frames << Frame::Backquote;
            }
            return;
        }
        if (m_inComment) {
            if (c == u'\n') {
                m_inComment = false;
                newline();
            }
            return;
        }
        const Frame frame = m_frames.isEmpty() ? Frame::Unquoted : m_frames.last();
        if (frame == Frame::Single) {
            if (c == u'\'')
                m_frames.removeLast();
            else
                m_word += c;
            return;
        }
        if (frame == Frame::Double) {
            if (c == u'"') {
                m_frames.removeLast();
            } else if (c == u'\\') {
                m_word += next;
                ++i;
            } else if (c == u'$' && next == u'(') {
                m_frames << Frame::Parenthesis;
                ++i;
            } else if (c == u'`') {
                m_frames << Frame::Backquote;
            } else {
                m_word += c;
            }
            return;
        }
        // Unquoted, at the top or inside $( ) or backquotes.
        if (c == u'\\') {
            if (next != u'\n') {
                m_wordStarted = true;
                m_word += next;
            }
            ++i;
        } else if (c == u'\'') {
            m_wordStarted = true;
            m_frames << Frame::Single;
        } else if (c == u'"') {
            m_wordStarted = true;
            m_frames << Frame::Double;
        } else if (c == u'$' && next == u'(') {
            m_wordStarted = true;
            m_frames << Frame::Parenthesis;
            ++i;
        } else if (c == u'`') {
            if (frame == Frame::Backquote) {
                m_frames.removeLast();
            } else {
                m_wordStarted = true;
                m_frames << Frame::Backquote;
            }
        } else if (c == u')' && frame == Frame::Parenthesis) {
            m_frames.removeLast();
        } else if (c == u'#' && !m_wordStarted) {
            m_inComment = true;
        } else if (c == u'<' && next == u'<' && (i + 2 >= text.size() || text[i + 2] != u'<')) {
            endWord();
            i = readHereDocumentWord(text, i + 2);
        } else if (c == u'\n') {
            endCommand();
            newline();
        } else if (c == u';' || c == u'|' || c == u'&' || c == u'(' || c == u')') {
            endCommand();
        } else if (c == u' ' || c == u'\t') {
            endWord();
        } else {
            m_wordStarted = true;
            m_word += c;
        }
    }

    // After `<<`: `-`, blanks, then the delimiter word, quoted in part or whole or not.
    qsizetype readHereDocumentWord(const QString &text, qsizetype i)
    {
        PendingHereDocument pending;
        if (i < text.size() && text[i] == u'-') {
            pending.stripTabs = true;
            ++i;
        }
        while (i < text.size() && (text[i] == u' ' || text[i] == u'\t'))
            ++i;
        for (; i < text.size(); ++i) {
            const QChar c = text[i];
            if (c == u'\'' || c == u'"') {
                pending.quoted = true;
                const qsizetype close = text.indexOf(c, i + 1);
                pending.end += text.mid(i + 1, close < 0 ? -1 : close - i - 1);
                if (close < 0)
                    return text.size() - 1;
                i = close;
            } else if (c == u'\\' && i + 1 < text.size()) {
                pending.quoted = true;
                pending.end += text[++i];
            } else if (c.isSpace() || c == u';' || c == u'|' || c == u'&' || c == u'<' || c == u'>' || c == u')') {
                break;
            } else {
                pending.end += c;
            }
        }
        if (!pending.end.isEmpty())
            m_pending << pending;
        return i - 1;
    }

    void newline()
    {
        if (!m_pending.isEmpty() && !m_inHereDocument) {
            m_hereDocument = m_pending.takeFirst();
            m_inHereDocument = true;
            m_hereDocumentDepth = m_frames.size();
            m_atLineStart = true;
        }
    }

    // A body has ended: the next one named on the same line starts, if any.
    void nextHereDocument()
    {
        m_inHereDocument = false;
        newline();
    }

    QList<Frame> m_frames;
    bool m_inComment = false;
    QList<PendingHereDocument> m_pending; // named on this line, bodies start at its end
    PendingHereDocument m_hereDocument;
    bool m_inHereDocument = false;
    qsizetype m_hereDocumentDepth = 0;
    bool m_atLineStart = false;
    QStringList m_words; // of the current command, quotes removed
    QString m_word;
    bool m_wordStarted = false;
};

} // namespace

QList<ShellPlace> shellPlaces(const QList<TemplatePart> &parts)
{
    ShellReader reader;
    QList<ShellPlace> places;
    for (const TemplatePart &part : parts) {
        if (!part.isExpression) {
            reader.feed(part.text);
            continue;
        }
        places << reader.place();
        reader.valueHere();
    }
    return places;
}

} // namespace pw::model
