#include "TextChecks.h"

namespace pw::model {
namespace {

// Tracks line and column (in characters) while the text is walked byte by byte.
struct Cursor
{
    int line = 1;
    int column = 1;

    void advance(unsigned char byte)
    {
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) { // continuation bytes belong to the character before
            ++column;
        }
    }
};

Problem errorAt(const Cursor &at, const QString &message)
{
    Problem problem;
    problem.location = {at.line, at.column};
    problem.message = message;
    return problem;
}

// The length of the UTF-8 sequence starting at `i`, or 0 when it is not one (overlong forms,
// surrogates and values past U+10FFFF included, as the Unicode standard defines).
int utf8SequenceLength(const QByteArray &text, qsizetype i)
{
    const auto at = [&](qsizetype k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
    const unsigned char first = at(i);
    if (first < 0x80)
        return 1;
    const auto continuation = [&](qsizetype k, unsigned low = 0x80, unsigned high = 0xBF) {
        const unsigned byte = at(k);
        return byte >= low && byte <= high;
    };
    if (first >= 0xC2 && first <= 0xDF)
        return continuation(i + 1) ? 2 : 0;
    if (first >= 0xE0 && first <= 0xEF) {
        const unsigned low = first == 0xE0 ? 0xA0 : 0x80;
        const unsigned high = first == 0xED ? 0x9F : 0xBF;
        return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
    }
    if (first >= 0xF0 && first <= 0xF4) {
        const unsigned low = first == 0xF0 ? 0x90 : 0x80;
        const unsigned high = first == 0xF4 ? 0x8F : 0xBF;
        return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    }
    return 0;
}

bool isDocumentMarker(const QByteArray &text, qsizetype lineStart, const char *marker)
{
    if (text.mid(lineStart, 3) != marker)
        return false;
    const qsizetype after = lineStart + 3;
    return after >= text.size() || text[after] == ' ' || text[after] == '\t' || text[after] == '\n'
        || text[after] == '\r';
}

// Whether the line starting at `lineStart` holds something other than blanks and a comment.
bool hasContent(const QByteArray &text, qsizetype lineStart)
{
    for (qsizetype k = lineStart; k < text.size() && text[k] != '\n'; ++k) {
        if (text[k] == '#')
            return false;
        if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r')
            return true;
    }
    return false;
}

} // namespace

std::optional<Problem> checkPipelineText(const QByteArray &text)
{
    Cursor cursor;
    bool contentSeen = false; // of the first document
    bool documentEnded = false; // a `...` line was seen
    for (qsizetype i = 0; i < text.size();) {
        const unsigned char byte = static_cast<unsigned char>(text[i]);
        const bool lineStart = i == 0 || text[i - 1] == '\n';
        if (lineStart && (byte == '-' || byte == '.')) {
            // Document markers stand at column 1, where no scalar can go on (YAML 1.2, 9.1.4).
            if (isDocumentMarker(text, i, "---") && (contentSeen || documentEnded))
                return errorAt(cursor, QStringLiteral("a second YAML document starts here: a pipeline file holds one "
                                                      "document (remove this '---' line or move what follows "
                                                      "to a file of its own)"));
            if (isDocumentMarker(text, i, "..."))
                documentEnded = true;
        }
        if (lineStart) {
            if (documentEnded && byte != '.' && hasContent(text, i))
                return errorAt(cursor, QStringLiteral("text after the end of the document ('...'): a pipeline file "
                                                      "holds one document"));
            if (!contentSeen && byte != '-' && byte != '%' && hasContent(text, i))
                contentSeen = true;
            else if (!contentSeen && byte == '-' && !isDocumentMarker(text, i, "---") && hasContent(text, i))
                contentSeen = true;
        }
        if (byte == 0)
            return errorAt(cursor, QStringLiteral("NUL byte: this is not a text file (or it is UTF-16; save it as UTF-8)"));
        if (byte == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))
            return errorAt(cursor, QStringLiteral("a line ends with CR alone (old Mac line ends): save the file "
                                                  "with LF or CRLF line ends"));
        const int length = utf8SequenceLength(text, i);
        if (length == 0)
            return errorAt(cursor, QStringLiteral("not UTF-8 (byte 0x%1): save the file as UTF-8")
                                       .arg(QString::number(byte, 16).toUpper()));
        cursor.advance(byte);
        i += length;
    }
    return std::nullopt;
}

std::optional<Problem> checkStepCount(const QByteArray &text, int maxNodes)
{
    const qint64 refuseAt = qint64(maxNodes) * 6 / 5;
    if (text.size() < refuseAt * 8) // each key takes at least "step: x" and a line
        return std::nullopt;
    qint64 count = 0;
    for (const QByteArrayView key : {QByteArrayView("step:"), QByteArrayView("stepGroup:")}) {
        for (qsizetype at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.size())) {
            const char before = at > 0 ? text[at - 1] : ' ';
            if (before != ' ' && before != '{' && before != '-' && before != ',' && before != '\n' && before != '\t')
                continue;
            if (++count > refuseAt) {
                const qsizetype lineStart = text.lastIndexOf('\n', at) + 1;
                Problem problem;
                problem.location = {int(text.left(at).count('\n')) + 1, int(at - lineStart) + 1};
                problem.message = QStringLiteral("more than %1 steps and groups (at least %2 here): not read")
                                      .arg(maxNodes).arg(count);
                return problem;
            }
        }
    }
    return std::nullopt;
}

} // namespace pw::model
