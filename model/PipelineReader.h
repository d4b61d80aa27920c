#pragma once

#include "Pipeline.h"
#include "Problem.h"

#include <QByteArray>

#include <optional>

namespace pw::model {

struct ReadResult
{
    std::optional<Pipeline> pipeline; // empty when the file cannot be represented
    // What could be read despite structural errors, so that the Validator can still report
    // the problems of the parts that did read (all problems in one pass). Never to be used
    // as a pipeline.
    std::optional<Pipeline> partial;
    Problems problems; // in file order, with locations
    SourceMap sourceMap;
};

// Turns YAML (or JSON) text into a Pipeline, reporting every structural problem at once:
// bad syntax, values of the wrong kind, unknown enum values, bad durations, unknown keys
// (warnings). Rules about the whole pipeline are the Validator's. Never throws.
ReadResult readPipeline(const QByteArray &text);

// The leading comment block of a file, without the '#' marks.
QString leadingComment(const QByteArray &text);

} // namespace pw::model
