#pragma once

#include "Pipeline.h"

#include <QByteArray>

namespace pw::model {

enum class FileFormat { Yaml, Json };

// The canonical saved form: keys in the order of the format spec, defaults left out unless
// the file gave them, durations compact. Writing the same pipeline always gives the same bytes.
QByteArray writePipeline(const Pipeline &pipeline, FileFormat format = FileFormat::Yaml);

// JSON for files named *.json, YAML otherwise.
FileFormat formatForFileName(const QString &fileName);

} // namespace pw::model
