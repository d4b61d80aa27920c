#include "ElementClipboard.h"

#include "model/PipelineReader.h"
#include "model/PipelineWriter.h"

namespace pw::gui {

using namespace pw::model;

namespace {

const QString kStageMarker = QStringLiteral("Pipewright clipboard: stage");
const QString kNodeMarker = QStringLiteral("Pipewright clipboard: node");
const QString kCarrierId = QStringLiteral("clipboard");

} // namespace

QByteArray elementToYaml(const DetachedElement &element)
{
    Pipeline carrier;
    carrier.id = kCarrierId;
    if (const StageItem *item = std::get_if<StageItem>(&element)) {
        carrier.headerComment = kStageMarker;
        carrier.stages.push_back(*item);
    } else {
        carrier.headerComment = kNodeMarker;
        Stage stage;
        stage.id = kCarrierId;
        stage.steps.push_back(std::get<Node>(element));
        carrier.stages.push_back(StageItem{std::move(stage)});
    }
    return writePipeline(carrier);
}

std::optional<DetachedElement> elementFromYaml(const QByteArray &text, ListKind list)
{
    // Structure only: a pasted element may well be invalid (an empty stage), and the
    // validator reports that once it is in the document.
    const ReadResult read = readPipeline(text);
    if (!read.pipeline || read.pipeline->stages.empty())
        return std::nullopt;
    const StageItem &first = read.pipeline->stages.front();
    if (list == ListKind::Stages || list == ListKind::StageFrame) {
        if (read.pipeline->headerComment.trimmed() == kNodeMarker)
            return std::nullopt;
        return DetachedElement{first};
    }
    if (read.pipeline->headerComment.trimmed() == kStageMarker)
        return std::nullopt;
    const Stage *stage = first.stage() ? first.stage()
        : first.parallel()->stages.empty() ? nullptr
                                           : &first.parallel()->stages.front();
    if (!stage || stage->steps.empty())
        return std::nullopt;
    return DetachedElement{stage->steps.front()};
}

} // namespace pw::gui
