#pragma once

#include "Pipeline.h"
#include "PipelineWriter.h"
#include "Problem.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace pw::model {

class Validator;

struct LoadResult
{
    // Set when the file could be read into a pipeline, even if the Validator found errors
    // (the designer opens such a file so they can be fixed; running it is refused).
    std::optional<Pipeline> pipeline;
    Problems problems; // structural and validation problems, sorted by position
    SourceMap sourceMap;

    bool hasErrors() const { return model::hasErrors(problems); }
};

// Reads and validates text. The validator is reused when given (it owns a JS engine).
LoadResult loadPipeline(const QByteArray &text, Validator *validator = nullptr);

// Reads and validates a file; a file that cannot be read is one problem that says why.
// `text`, when given, receives the bytes that were read (what a run stores as its source).
LoadResult loadPipelineFile(const QString &path, Validator *validator = nullptr,
                            QByteArray *text = nullptr);

struct SaveResult
{
    bool ok = false;
    QString error;
};

// Writes the canonical form atomically: the old file stays whole until the new one is
// complete. JSON for *.json, YAML otherwise.
SaveResult savePipelineFile(const Pipeline &pipeline, const QString &path);

} // namespace pw::model
