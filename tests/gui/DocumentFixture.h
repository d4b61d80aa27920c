#pragma once

// Shared by the document tests: a small pipeline with every kind of element, loaded into a
// PipelineDocument from a temporary file, and a one-line picture of a pipeline's structure
// so that a whole edit can be checked with one comparison.

#include "app/gui/PipelineDocument.h"
#include "app/gui/PipelineOutline.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

namespace fixture {

inline const char *const kDemoPipeline = R"(# Demo pipeline for the document tests.
pipeline:
  id: demo
  name: Demo
  stages:
    - stage:
        id: build
        steps:
          - step: {id: compile, type: Shell, spec: {command: make}}
          - parallel:
              - step: {id: unit, type: Shell, spec: {command: make test}}
              - step: {id: lint, type: Echo, spec: {message: hi}}
          - stepGroup:
              id: pack
              steps:
                - step: {id: zip, type: Shell, spec: {command: zip}}
    - parallel:
        - stage:
            id: deploy_a
            steps:
              - step: {id: a1, type: Echo, spec: {message: a}}
        - stage:
            id: deploy_b
            steps:
              - step: {id: b1, type: Wait, spec: {duration: 1s}}
    - stage:
        id: verify
        steps:
          - step: {id: check, type: Verify, spec: {condition: "true"}}
  errorHandler:
    - step: {id: notify, type: Echo, spec: {message: failed}}
)";

using namespace pw;

QString shapeOf(const model::NodeList &nodes);

inline QString shapeOf(const model::Node &node)
{
    if (const model::Step *step = node.step())
        return step->id;
    if (const model::StepGroup *group = node.group()) {
        QString text = group->id + u'{' + shapeOf(group->steps) + u'}';
        if (!group->rollbackSteps.empty())
            text += QStringLiteral("rb(") + shapeOf(group->rollbackSteps) + u')';
        return text;
    }
    return QStringLiteral("||(") + shapeOf(node.parallel()->items) + u')';
}

inline QString shapeOf(const model::NodeList &nodes)
{
    QStringList parts;
    for (const model::Node &node : nodes)
        parts << shapeOf(node);
    return parts.join(u',');
}

inline QString shapeOf(const model::Stage &stage)
{
    QString text = stage.id + u'[' + shapeOf(stage.steps) + u']';
    if (!stage.rollbackSteps.empty())
        text += QStringLiteral("rb(") + shapeOf(stage.rollbackSteps) + u')';
    if (!stage.errorHandler.empty())
        text += QStringLiteral("eh(") + shapeOf(stage.errorHandler) + u')';
    return text;
}

// "build[compile,||(unit,lint),pack{zip}] ||(deploy_a[a1],deploy_b[b1]) verify[check] !notify"
inline QString shapeOf(const model::Pipeline &pipeline)
{
    QStringList parts;
    for (const model::StageItem &item : pipeline.stages) {
        if (const model::Stage *stage = item.stage()) {
            parts << shapeOf(*stage);
        } else {
            QStringList members;
            for (const model::Stage &member : item.parallel()->stages)
                members << shapeOf(member);
            parts << QStringLiteral("||(") + members.join(u',') + u')';
        }
    }
    if (!pipeline.errorHandler.empty())
        parts << u'!' + shapeOf(pipeline.errorHandler);
    return parts.join(u' ');
}

inline const QString kDemoShape = QStringLiteral(
    "build[compile,||(unit,lint),pack{zip}] ||(deploy_a[a1],deploy_b[b1]) verify[check] "
    "!notify");

// A document showing the demo pipeline, with model testers watching its item models.
struct DemoDocument
{
    QTemporaryDir dir;
    std::unique_ptr<gui::PipelineDocument> document;
    std::unique_ptr<QAbstractItemModelTester> outlineTester;
    std::unique_ptr<QAbstractItemModelTester> problemsTester;

    explicit DemoDocument(const char *yaml = kDemoPipeline)
    {
        const QString path = filePath();
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(yaml) < 0)
            qFatal("cannot write the test pipeline");
        file.close();
        document = std::make_unique<gui::PipelineDocument>();
        document->load(path);
        if (!document->hasPipeline() || document->problems()->errorCount() > 0)
            qFatal("the test pipeline did not load cleanly:\n%s",
                   qPrintable(document->problems()->texts().join(u'\n')));
        constexpr auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
        outlineTester = std::make_unique<QAbstractItemModelTester>(document->outline(), mode);
        problemsTester = std::make_unique<QAbstractItemModelTester>(document->problems(), mode);
    }

    QString filePath() const { return dir.filePath(QStringLiteral("demo.yaml")); }
    gui::PipelineDocument &operator*() { return *document; }
    gui::PipelineDocument *operator->() { return document.get(); }
    const model::Pipeline &pipeline() const { return *document->pipeline(); }
    QString shape() const { return shapeOf(pipeline()); }
};

// Both outlines hold the same rows with the same data for every role; `difference` names
// the first row (by path) and role that differ.
inline bool sameOutline(const gui::PipelineOutline &a, const gui::PipelineOutline &b,
                        QString &difference)
{
    const QHash<int, QByteArray> roles = a.roleNames();
    std::function<bool(const QModelIndex &, const QModelIndex &)> visit =
        [&](const QModelIndex &left, const QModelIndex &right) {
            const QString where = left.isValid()
                ? left.data(gui::PipelineOutline::PathRole).toString()
                : QStringLiteral("(root)");
            if (a.rowCount(left) != b.rowCount(right)) {
                difference = where + QStringLiteral(": row count %1, expected %2")
                                         .arg(a.rowCount(left))
                                         .arg(b.rowCount(right));
                return false;
            }
            for (int row = 0; row < a.rowCount(left); ++row) {
                const QModelIndex x = a.index(row, 0, left);
                const QModelIndex y = b.index(row, 0, right);
                if (x.parent() != left || x.row() != row) {
                    difference = where + QStringLiteral(": bad index for row %1").arg(row);
                    return false;
                }
                for (auto role = roles.cbegin(); role != roles.cend(); ++role) {
                    if (x.data(role.key()) != y.data(role.key())) {
                        difference = y.data(gui::PipelineOutline::PathRole).toString() + u' '
                            + QString::fromLatin1(role.value()) + QStringLiteral(": ")
                            + x.data(role.key()).toString() + QStringLiteral(" vs ")
                            + y.data(role.key()).toString();
                        return false;
                    }
                }
                if (!visit(x, y))
                    return false;
            }
            return true;
        };
    return visit({}, {});
}

// The document's outline, updated row by row through its edits, equals one built afresh.
inline bool outlineIsFresh(gui::PipelineDocument &document, QString &difference)
{
    gui::PipelineOutline fresh;
    fresh.resetPipeline(document.pipeline() ? &*document.pipeline() : nullptr,
                        document.currentProblems());
    return sameOutline(*document.outline(), fresh, difference);
}

// Every row of the outline names a path that resolves (lanes: as a list).
inline bool outlinePathsResolve(gui::PipelineDocument &document, QString &bad)
{
    model::Pipeline copy = *document.pipeline();
    gui::PipelineOutline *outline = document.outline();
    std::function<bool(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
        for (int row = 0; row < outline->rowCount(parent); ++row) {
            const QModelIndex index = outline->index(row, 0, parent);
            const QString path = index.data(gui::PipelineOutline::PathRole).toString();
            const bool lane = index.data(gui::PipelineOutline::KindRole).toString()
                == QLatin1String("lane");
            const bool ok = lane ? gui::resolveList(copy, path).has_value()
                                 : gui::resolveElement(copy, path).has_value();
            if (!ok || !visit(index)) {
                if (bad.isEmpty())
                    bad = path;
                return false;
            }
        }
        return true;
    };
    return visit(QModelIndex());
}

} // namespace fixture
