// The YAML tab as an editor: the text the tab shows and what typing in it does to the
// document (PipelineDocument's text half; see PipelineDocument.h).
#include "DocumentCommands.h"
#include "PipelineDocument.h"
#include "ProblemListModel.h"

#include "model/PipelineFile.h"

namespace pw::gui {

using namespace pw::model;

namespace {

QVariantList problemsForEditor(const Problems &problems)
{
    QVariantList list;
    for (const Problem &problem : problems) {
        list.append(QVariantMap{{QStringLiteral("line"), problem.location.line},
                                {QStringLiteral("column"), problem.location.column},
                                {QStringLiteral("message"), problem.message},
                                {QStringLiteral("error"), problem.isError()}});
    }
    return list;
}

} // namespace

QString PipelineDocument::editorText() const
{
    return m_pipeline ? yamlText() : m_unloadedText;
}

QVariantList PipelineDocument::textProblems() const
{
    return problemsForEditor(m_currentProblems);
}

QVariantMap PipelineDocument::applyText(const QString &text)
{
    const auto answer = [](const Problems &problems, bool taken) {
        return QVariantMap{{QStringLiteral("problems"), problemsForEditor(problems)}, {QStringLiteral("taken"), taken}};
    };
    if (m_readOnly)
        return answer({}, false);
    LoadResult result = loadPipeline(text.toUtf8(), &m_validator);
    if (!result.pipeline) {
        // Not a pipeline yet: nothing changes but the problems, listed as the text has them.
        if (!m_pipeline) {
            m_unloadedText = text;
            m_currentProblems = result.problems;
            m_problems->setProblems(displayName(), m_currentProblems);
        }
        return answer(result.problems, false);
    }
    const Problems problems = result.problems;
    if (!m_pipeline) {
        // The file that did not load reads now: the canvas appears, unsaved.
        m_unloadedText.clear();
        m_pipeline = std::move(result.pipeline);
        m_currentProblems = result.problems;
        refreshViews(Refresh::NewDocument);
        m_undoStack.resetClean();
        emit dirtyChanged();
        emit undoStateChanged();
    } else if (!(*result.pipeline == *m_pipeline)) {
        m_undoStack.push(new ReplacePipelineCommand(*this, *m_pipeline, std::move(*result.pipeline)));
    }
    return answer(problems, true);
}

} // namespace pw::gui
