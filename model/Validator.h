#pragma once

#include "ExpressionChecker.h"
#include "Pipeline.h"
#include "Problem.h"

namespace pw::model {

// The rules of the format spec's "Errors in a file" that concern a whole, loaded pipeline:
// identifiers and their uniqueness, empty lists, counts and durations, actions that need an
// enclosing step group, retry policies, step specs, and expressions that do not parse.
// Works on any Pipeline (a loaded file or a document being edited); problems carry paths,
// not locations (see locateProblems).
class Validator
{
public:
    Problems validate(const Pipeline &pipeline);

private:
    ExpressionChecker m_expressions; // reused: creating a JS engine is the costly part
};

// Fills in each problem's line and column from where its path was in the file.
void locateProblems(Problems &problems, const SourceMap &sourceMap);

} // namespace pw::model
