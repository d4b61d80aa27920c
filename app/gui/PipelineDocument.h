#pragma once

#include "PipelineOutline.h"
#include "ProblemListModel.h"

#include "model/Pipeline.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace pw::gui {

// The file the window shows. Read-only for now: the editable document (undo stack,
// save) replaces the load-only API with the designer issue, the QML-facing properties stay.
class PipelineDocument : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The application opens documents")
    Q_PROPERTY(QString filePath READ filePath NOTIFY loaded)
    Q_PROPERTY(QString fileName READ fileName NOTIFY loaded)
    Q_PROPERTY(bool isUntitled READ isUntitled NOTIFY loaded)
    Q_PROPERTY(bool hasPipeline READ hasPipeline NOTIFY loaded)
    Q_PROPERTY(QString pipelineId READ pipelineId NOTIFY loaded)
    Q_PROPERTY(QString pipelineName READ pipelineName NOTIFY loaded)
    Q_PROPERTY(QString pipelineDescription READ pipelineDescription NOTIFY loaded)
    Q_PROPERTY(QVariantList pipelineBadges READ pipelineBadges NOTIFY loaded)
    Q_PROPERTY(pw::gui::PipelineOutline *outline READ outline CONSTANT)
    Q_PROPERTY(pw::gui::ProblemListModel *problems READ problems CONSTANT)

public:
    explicit PipelineDocument(QObject *parent = nullptr);

    // Loads and validates `path`. Never fails as such: whatever is wrong with the file,
    // unreadable included, ends up in problems(), and the outline is empty without a pipeline.
    void load(const QString &path);

    QString filePath() const { return m_filePath; }
    QString fileName() const;
    bool isUntitled() const { return m_filePath.isEmpty(); }
    bool hasPipeline() const { return m_pipeline.has_value(); }
    QString pipelineId() const;
    QString pipelineName() const;
    QString pipelineDescription() const;
    QVariantList pipelineBadges() const;
    PipelineOutline *outline() const { return m_outline; }
    ProblemListModel *problems() const { return m_problems; }

signals:
    void loaded();

private:
    QString m_filePath;
    std::optional<model::Pipeline> m_pipeline;
    PipelineOutline *m_outline;
    ProblemListModel *m_problems;
};

} // namespace pw::gui
