#include "AnsiText.h"

#include <QRegularExpression>
#include <QStringList>

namespace pw::gui {
namespace {

// The 16 colours, readable on the log view's light or dark background.
const char *const kLight[16] = {"#1d2330", "#c0392b", "#1e8449", "#9a7d0a", "#1f5fbf", "#8e44ad", "#117a8b", "#5d6d7e",
                                "#566573", "#e74c3c", "#27ae60", "#b7950b", "#3d85e0", "#a569bd", "#17a2b8", "#2c3e50"};
const char *const kDark[16] = {"#a0a6b4", "#ff6b6b", "#5fd38d", "#f5d76e", "#6fa8ff", "#d291ff", "#5fd3e0", "#d5d8dc",
                               "#808b96", "#ff8787", "#7ee2a8", "#ffe88a", "#93c0ff", "#e0b0ff", "#8de8f0", "#ffffff"};

bool isControl(char16_t c)
{
    return (c < 0x20 && c != u'\t') || (c >= 0x7f && c <= 0x9f);
}

QString escapedControl(char16_t c)
{
    if (c == 0x1b)
        return QStringLiteral("\\e");
    return c < 0x80 ? QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'))
                    : QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0'));
}

const QRegularExpression &sgr()
{
    static const QRegularExpression expression(QStringLiteral("\\x1b\\[([0-9;:]*)m"));
    return expression;
}

} // namespace

QString withoutAnsi(const QString &line)
{
    if (!line.contains(QChar(0x1b)))
        return line;
    QString plain = line;
    plain.remove(sgr());
    return plain;
}

QString ansiLineToHtml(const QString &line, bool darkBackground)
{
    QString html;
    html.reserve(line.size() + 16);
    int colour = -1;
    bool bold = false;
    bool spanOpen = false;
    bool boldOpen = false;
    const auto openSpan = [&] {
        if (spanOpen)
            html += boldOpen ? QStringLiteral("</b></font>") : QStringLiteral("</font>");
        spanOpen = colour >= 0 || bold;
        if (!spanOpen)
            return;
        // StyledText (cheap, as a log view needs): <font color> and <b>, closed together.
        if (colour >= 0)
            html += QStringLiteral("<font color=\"%1\">").arg(QLatin1String((darkBackground ? kDark : kLight)[colour]));
        else
            html += QStringLiteral("<font>");
        if (bold)
            html += QStringLiteral("<b>");
        boldOpen = bold;
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char16_t c = line.at(i).unicode();
        if (c == 0x1b) {
            const QRegularExpressionMatch match = sgr().match(line, i, QRegularExpression::NormalMatch,
                                                              QRegularExpression::AnchorAtOffsetMatchOption);
            if (match.hasMatch()) {
                const QStringList codes = match.captured(1).split(u';');
                for (const QString &text : codes) {
                    const int code = text.isEmpty() ? 0 : text.toInt();
                    if (code == 0) {
                        colour = -1;
                        bold = false;
                    } else if (code == 1) {
                        bold = true;
                    } else if (code == 22) {
                        bold = false;
                    } else if (code >= 30 && code <= 37) {
                        colour = code - 30;
                    } else if (code >= 90 && code <= 97) {
                        colour = code - 90 + 8;
                    } else if (code == 39) {
                        colour = -1;
                    }
                }
                openSpan();
                i += match.capturedLength() - 1;
                continue;
            }
        }
        if (isControl(c)) {
            html += escapedControl(c);
            continue;
        }
        switch (c) {
        case u'<': html += QStringLiteral("&lt;"); break;
        case u'>': html += QStringLiteral("&gt;"); break;
        case u'&': html += QStringLiteral("&amp;"); break;
        case u'\t': html += QStringLiteral("&nbsp;&nbsp;&nbsp;&nbsp;"); break;
        case u' ': html += (i + 1 < line.size() && line.at(i + 1) == u' ') ? QStringLiteral("&nbsp;") : QStringLiteral(" "); break;
        default: html += QChar(c);
        }
    }
    if (spanOpen)
        html += boldOpen ? QStringLiteral("</b></font>") : QStringLiteral("</font>");
    return html;
}

} // namespace pw::gui
