#pragma once

#include "ExpressionChecker.h"
#include "Pipeline.h"
#include "Problem.h"

namespace pw::model {

// The rules of the format spec's "Errors in a file" that concern a whole, loaded pipeline:
// identifiers and their uniqueness, empty lists, counts and durations, actions that need an
// enclosing step group, retry policies, step specs, and expressions that do not parse.
// Works on any Pipeline (a loaded file or a document being edited); problems carry paths,
// not locations, unless validate() is given the file's SourceMap.
class Validator
{
public:
    // With a source map, problems carry positions, and messages about a second use of an id
    // say where the first one is.
    Problems validate(const Pipeline &pipeline, const SourceMap *sourceMap = nullptr);

private:
    ExpressionChecker m_expressions; // reused: creating a JS engine is the costly part
};


} // namespace pw::model
