#pragma once

#include "engine/RunRequest.h"
#include "engine/store/RunHistory.h"
#include "model/Problem.h"

#include <QByteArray>

#include <optional>

// What a run from the window starts from: the pipeline, the text kept with the run, the file
// and the directory its steps run in, for a document on screen or a run in the store. The
// rest of a request (secrets, user, store) is the monitor's, at launch.
namespace pw::gui {

class PipelineDocument;

// The text a run of `document` runs and keeps: the file as saved when nothing is unsaved
// (comments and all), else what Save would write.
QByteArray runText(const PipelineDocument &document);

// `document`'s pipeline as it is now (it must have one), run from its file's directory; the
// inputs are the caller's.
engine::RunRequest requestForDocument(const PipelineDocument &document);

// A stored run's own pipeline text again, with its inputs; nothing when that text no longer
// loads. `problems` receives what the pipeline's checks find in it.
std::optional<engine::RunRequest> requestForStoredRun(const engine::StoredRun &stored, model::Problems *problems);

} // namespace pw::gui
