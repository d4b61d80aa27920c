#pragma once

#include "Problem.h"
#include "YamlTree.h"

#include <yaml-cpp/exceptions.h>

#include <QByteArray>

#include <optional>

// Friendlier reports of YAML syntax errors than the parser's own, where the cause can be
// seen from the text: an unclosed bracket is reported where it opens, a missing comma where
// the next entry starts, and a quote left open (which yaml-cpp accepts at the end of a file)
// is caught at all.
namespace pw::model::yaml {

Problem describeSyntaxError(const YAML::Exception &error, const QByteArray &text);

// Flow collections (`[`, `{`) nested deeper than `limit`, reported where the limit is passed:
// yaml-cpp's own guard only says "bad file" at the end of the text.
std::optional<Problem> findDeepNesting(const QByteArray &text, int limit);

// Aliases (`*name`) that expand the parsed tree past `maxNodes` nodes (a "billion laughs":
// 1 KB of text standing for millions of steps), reported at the first alias of the text. The
// tree is walked only when the text has an alias, and only until the budget runs out.
std::optional<Problem> findAliasExpansion(const YamlNode &root, const QByteArray &text, qsizetype maxNodes);

// A quoted scalar of the parsed tree whose closing quote is missing from the text.
std::optional<Problem> findUnterminatedQuote(const YamlNode &root, const QByteArray &text);

} // namespace pw::model::yaml
