#pragma once

#include "Problem.h"

#include <QByteArray>

#include <optional>

// What a pipeline file must be before YAML is parsed at all, so that nothing in it is lost
// without a word: yaml-cpp turns invalid UTF-8 into U+FFFD, drops NUL bytes, loads only the
// first of several documents and reads a file whose lines end in CR alone as one line, and
// `fmt` would write any of those back. Each is an error at its line and column.
namespace pw::model {

// The first of: a NUL byte; bytes that are not UTF-8; line ends that are CR alone; a second
// YAML document (`---` or text after `...`). Nothing when the text is fine.
std::optional<Problem> checkPipelineText(const QByteArray &text);

// A file far past the limit of steps and groups (`maxNodes`) is refused before it is parsed:
// yaml-cpp's tree cost ~100 bytes of memory per byte of text, so a 50 MB file of 700,000
// steps took 4 GB and 26 s before the reader's own limit could say no (the YamlTree that
// replaced it is ~4 bytes per byte, but parsing and reading that far would still be wasted). Counts `step:` and
// `stepGroup:` keys in the text and stops at 20 % past the limit (a key name inside some
// text may be counted; the reader's exact count decides below that).
std::optional<Problem> checkStepCount(const QByteArray &text, int maxNodes);

} // namespace pw::model
