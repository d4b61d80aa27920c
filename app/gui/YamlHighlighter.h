#pragma once

#include <QColor>
#include <QObject>
#include <QPointer>
#include <QSyntaxHighlighter>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <QQuickTextDocument>

namespace pw::gui {

// Colours the YAML editor's text (keys, comments, quoted text, numbers and booleans) and
// marks the lines with problems (a tinted background and a red underline), on the
// QTextDocument behind a QML TextArea.
class YamlHighlighter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickTextDocument *textDocument READ textDocument WRITE setTextDocument NOTIFY textDocumentChanged)
    // {line, column, message, error} as PipelineDocument::applyText gives them; lines from 1.
    Q_PROPERTY(QVariantList problems READ problems WRITE setProblems NOTIFY problemsChanged)
    Q_PROPERTY(QColor keyColor MEMBER m_keyColor NOTIFY coloursChanged)
    Q_PROPERTY(QColor commentColor MEMBER m_commentColor NOTIFY coloursChanged)
    Q_PROPERTY(QColor stringColor MEMBER m_stringColor NOTIFY coloursChanged)
    Q_PROPERTY(QColor valueColor MEMBER m_valueColor NOTIFY coloursChanged)
    Q_PROPERTY(QColor errorColor MEMBER m_errorColor NOTIFY coloursChanged)
    Q_PROPERTY(QColor warningColor MEMBER m_warningColor NOTIFY coloursChanged)

public:
    explicit YamlHighlighter(QObject *parent = nullptr);

    QQuickTextDocument *textDocument() const { return m_textDocument; }
    void setTextDocument(QQuickTextDocument *document);
    QVariantList problems() const { return m_problems; }
    void setProblems(const QVariantList &problems);

    // The messages of the problems on the line holding a text position, one per line of text.
    Q_INVOKABLE QString messagesAtPosition(int position) const;

signals:
    void textDocumentChanged();
    void problemsChanged();
    void coloursChanged();

private:
    class Rules;
    QPointer<QQuickTextDocument> m_textDocument;
    Rules *m_rules = nullptr; // owned by the QTextDocument
    QVariantList m_problems;
    QColor m_keyColor{0x1f, 0x5f, 0xbf};
    QColor m_commentColor{0x80, 0x80, 0x80};
    QColor m_stringColor{0x2e, 0x7d, 0x32};
    QColor m_valueColor{0x8e, 0x44, 0xad};
    QColor m_errorColor{0xc6, 0x28, 0x28};
    QColor m_warningColor{0xb2, 0x6a, 0x00};
};

} // namespace pw::gui
