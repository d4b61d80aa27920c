#include "YamlSyntax.h"

#include "YamlFields.h"

#include <QList>

#include <yaml-cpp/depthguard.h>

namespace pw::model::yaml {
namespace {

struct Bracket
{
    char open;
    qsizetype position;
};

// Whether a quote at `i` opens a quoted scalar: only at the start of a value (after
// indentation, "- ", ": ", a flow bracket or a comma), not inside plain text like "it's".
bool opensQuote(const QByteArray &text, qsizetype i)
{
    qsizetype j = i - 1;
    while (j >= 0 && (text[j] == ' ' || text[j] == '\t'))
        --j;
    return j < 0 || text[j] == '\n' || text[j] == ':' || text[j] == '-' || text[j] == '['
        || text[j] == '{' || text[j] == ',';
}

// Index just past the quoted scalar opening at `i`, or -1 when it never closes.
qsizetype skipQuoted(const QByteArray &text, qsizetype i)
{
    const char quote = text[i];
    for (qsizetype j = i + 1; j < text.size(); ++j) {
        if (quote == '"' && text[j] == '\\') {
            ++j;
        } else if (text[j] == quote) {
            if (quote == '\'' && j + 1 < text.size() && text[j + 1] == '\'') {
                ++j; // '' is an escaped quote in single-quoted text
                continue;
            }
            return j + 1;
        }
    }
    return -1;
}

// Flow brackets left open in the whole text, outermost first; stops early, at the bracket
// that opens level `stopAtDepth + 1`, when one does.
QList<Bracket> unclosedBrackets(const QByteArray &text, qsizetype stopAtDepth = -1)
{
    QList<Bracket> stack;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '"' || c == '\'') && opensQuote(text, i)) {
            const qsizetype end = skipQuoted(text, i);
            if (end < 0)
                break;
            i = end - 1;
        } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
            while (i < text.size() && text[i] != '\n')
                ++i;
        } else if (c == '[' || c == '{') {
            stack.append({c, i});
            if (stopAtDepth >= 0 && stack.size() > stopAtDepth)
                break;
        } else if ((c == ']' || c == '}') && !stack.isEmpty()) {
            stack.removeLast();
        }
    }
    return stack;
}

Location locationOfMark(const YAML::Mark &mark)
{
    if (mark.is_null() || mark.line < 0)
        return {};
    return {mark.line + 1, mark.column + 1};
}

Location locationOfOffset(const QByteArray &text, qsizetype offset)
{
    const qsizetype lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const int line = int(text.left(offset).count('\n')) + 1;
    const int column = int(QString::fromUtf8(text.mid(lineStart, offset - lineStart)).size()) + 1;
    return {line, column};
}

} // namespace

Problem describeSyntaxError(const YAML::Exception &error, const QByteArray &text)
{
    const QString reason = QString::fromStdString(error.msg);
    Problem problem;
    problem.location = locationOfMark(error.mark);
    if (!problem.location.isValid())
        problem.location = {1, 1};
    problem.message = QStringLiteral("YAML syntax error: ") + reason;
    if (dynamic_cast<const YAML::DeepRecursion *>(&error)) { // its message is "bad file"
        problem.message = QStringLiteral("nested deeper than the YAML parser allows (%1 levels) here")
                              .arg(static_cast<const YAML::DeepRecursion &>(error).depth());
        return problem;
    }

    const bool sequence = error.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
    const bool mapping = error.msg == YAML::ErrorMsg::END_OF_MAP_FLOW;
    if (!sequence && !mapping)
        return problem;
    const char open = sequence ? '[' : '{';
    const QList<Bracket> unclosed = unclosedBrackets(text);
    for (auto it = unclosed.crbegin(); it != unclosed.crend(); ++it) {
        if (it->open == open) {
            problem.location = locationOfOffset(text, it->position);
            problem.message = QStringLiteral("YAML syntax error: '%1' is never closed (%2)")
                                  .arg(QString(QLatin1Char(open)), reason);
            return problem;
        }
    }
    // Every bracket closes, so the parser stopped at an entry that should have been separated
    // from the one before it.
    problem.message = QStringLiteral("YAML syntax error: missing ',' before this entry (%1)").arg(reason);
    return problem;
}

std::optional<Problem> findDeepNesting(const QByteArray &text, int limit)
{
    const QList<Bracket> open = unclosedBrackets(text, limit);
    if (open.size() <= limit)
        return std::nullopt;
    Problem problem;
    problem.location = locationOfOffset(text, open.last().position);
    problem.message = QStringLiteral("nested deeper than %1 levels of '[' and '{' here: a pipeline never needs that").arg(limit);
    return problem;
}

namespace {

// Offset of the first alias token, or -1: `*` where a value starts, followed by a name.
qsizetype firstAlias(const QByteArray &text)
{
    for (qsizetype i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) {
        const bool atValueStart = i == 0 || QByteArrayView(" \t\n[{,:-").contains(text[i - 1]);
        const bool named = i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\n' && text[i + 1] != '*';
        if (atValueStart && named)
            return i;
    }
    return -1;
}

// Counts the nodes of the expanded tree down from `node` into `count`; false once past `budget`
// or deeper than the parser could have nested (an alias inside its own anchor: a cycle).
bool countWithin(const YamlNode &node, qsizetype &count, qsizetype budget, int depth = 0)
{
    constexpr int kMaxDepth = 1000;
    if (++count > budget || depth > kMaxDepth)
        return false;
    if (node.isSequence()) {
        for (int i = 0; i < node.size(); ++i)
            if (!countWithin(node.item(i), count, budget, depth + 1))
                return false;
    } else if (node.isMap()) {
        for (int pair = 0; pair < node.pairCount(); ++pair)
            if (!countWithin(node.key(pair), count, budget, depth + 1)
                || !countWithin(node.value(pair), count, budget, depth + 1))
                return false;
    }
    return true;
}

} // namespace

std::optional<Problem> findAliasExpansion(const YamlNode &root, const QByteArray &text, qsizetype maxNodes)
{
    const qsizetype alias = firstAlias(text);
    if (alias < 0)
        return std::nullopt;
    qsizetype count = 0;
    if (countWithin(root, count, maxNodes))
        return std::nullopt;
    Problem problem;
    problem.location = locationOfOffset(text, alias);
    problem.message = QStringLiteral("aliases ('*name') make this %1-byte file stand for more than %2 YAML "
                                     "nodes: not read (write the repeated parts out, or alias less deeply)")
                          .arg(text.size()).arg(maxNodes);
    return problem;
}

std::optional<Problem> findUnterminatedQuote(const YamlNode &root, const QByteArray &text)
{
    // Bounded: aliases can make a small file a very large tree.
    int budget = 200000;
    QList<YamlNode> pending{root};
    while (!pending.isEmpty() && budget-- > 0) {
        const YamlNode node = pending.takeLast();
        if (node.isMap()) {
            for (int pair = 0; pair < node.pairCount(); ++pair) {
                pending.append(node.key(pair));
                pending.append(node.value(pair));
            }
        } else if (node.isSequence()) {
            for (int i = 0; i < node.size(); ++i)
                pending.append(node.item(i));
        } else if (node.isScalar() && node.hasQuotedTag()) {
            const qsizetype at = node.offset();
            if (at < 0 || at >= text.size() || (text[at] != '"' && text[at] != '\''))
                continue;
            if (skipQuoted(text, at) < 0) {
                Problem problem;
                problem.location = locationOfOffset(text, at);
                problem.message = QStringLiteral("YAML syntax error: unterminated quoted text (the '%1' here is never closed)")
                                      .arg(QLatin1Char(text[at]));
                return problem;
            }
        }
    }
    return std::nullopt;
}

} // namespace pw::model::yaml
