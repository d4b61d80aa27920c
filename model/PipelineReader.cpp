#include "PipelineReader.h"

#include "ReaderCore.h"
#include "TextChecks.h"
#include "YamlSyntax.h"

#include <QList>

#include <algorithm>

namespace pw::model {
namespace reading {

Pipeline Reader::readDocument(const YamlNode &root)
{
    Pipeline pipeline;
    const Scope top;
    if (root.isNull()) {
        sink.error(top, {1, 1}, QStringLiteral("the file is empty (expected a 'pipeline' mapping)"));
        return pipeline;
    }
    MapReader file(sink, root, top, keys({"pipeline"}));
    if (!file.isValid())
        return pipeline;
    if (!file.has("pipeline")) {
        sink.error(top, yaml::locationOf(root), QStringLiteral("missing required key 'pipeline'"));
        return pipeline;
    }
    const YamlNode node = file.value("pipeline");
    pipeline.id = peekId(node);
    const Scope scope{QStringLiteral("pipeline"), QStringLiteral("pipeline"), QString(), QString()};
    MapReader map(sink, node, scope,
                  keys({"id", "name", "description", "inputs", "secrets", "maxParallel",
                        "timeout", "failurePolicy", "executor", "failureStrategies",
                        "errorHandler", "stages"}));
    if (!map.isValid())
        return pipeline;
    pipeline.id = map.string("id");
    pipeline.name = map.string("name");
    pipeline.description = map.string("description");
    pipeline.inputs = readInputs(map);
    pipeline.secrets = map.stringList("secrets");
    pipeline.maxParallel = map.integer("maxParallel");
    pipeline.timeout = map.duration("timeout");
    pipeline.failurePolicy = map.enumeration<FailurePolicy>(
        "failurePolicy", parseFailurePolicy, allNames<FailurePolicy>(), QStringLiteral("failure policy"));
    pipeline.executor = readExecutor(map);
    pipeline.failureStrategies = readStrategies(map);
    const Scope handlerScope{scope.path + QStringLiteral(".errorHandler"),
                             QStringLiteral("errorHandler"), QString(), QString()};
    pipeline.errorHandler = readNodes(map.value("errorHandler"), handlerScope);
    pipeline.stages = readStages(map.value("stages"), map.scopeOf("stages"));
    return pipeline;
}

std::vector<Input> Reader::readInputs(const MapReader &owner)
{
    std::vector<Input> inputs;
    forEachItem(sink, owner.value("inputs"), owner.scopeOf("inputs"),
                [&](const YamlNode &node, const Scope &scope) {
        const int index = int(inputs.size());
        const QString id = peekId(node);
        const Scope inputScope{scope.path, elementLabel("input", id, index), QString(), QStringLiteral("inputs[%1].").arg(index)};
        MapReader map(sink, node, inputScope, keys({"id", "type", "default", "description"}));
        Input input;
        input.id = map.string("id");
        input.type = map.enumeration<InputType>("type", parseInputType, allNames<InputType>(),
                                                QStringLiteral("input type"));
        input.defaultValue = map.optionalString("default");
        input.description = map.string("description");
        inputs.push_back(std::move(input));
    });
    return inputs;
}

std::vector<StageItem> Reader::readStages(const YamlNode &node, const Scope &scope)
{
    std::vector<StageItem> items;
    int stageIndex = 0;
    forEachItem(sink, node, scope, [&](const YamlNode &itemNode, const Scope &itemScope) {
        MapReader item(sink, itemNode, itemScope, keys({"stage", "parallel"}));
        if (!item.isValid())
            return;
        if (item.has("stage") == item.has("parallel")) {
            sink.error(itemScope, yaml::locationOf(itemNode),
                       QStringLiteral("each entry of 'stages' holds exactly one of 'stage' or 'parallel'"));
            return;
        }
        if (item.has("stage")) {
            items.push_back({readStage(item.value("stage"), itemScope, stageIndex++)});
            return;
        }
        ParallelStages parallel;
        forEachItem(sink, item.value("parallel"), item.scopeOf("parallel"),
                    [&](const YamlNode &inner, const Scope &innerScope) {
            MapReader entry(sink, inner, innerScope, keys({"stage"}));
            if (!entry.isValid())
                return;
            if (!entry.has("stage")) {
                sink.error(innerScope, yaml::locationOf(inner),
                           QStringLiteral("each entry of a stage 'parallel' holds a 'stage'"));
                return;
            }
            parallel.stages.push_back(readStage(entry.value("stage"), innerScope, stageIndex++));
        });
        items.push_back({std::move(parallel)});
    });
    return items;
}

Stage Reader::readStage(const YamlNode &node, const Scope &parent, int index)
{
    Stage stage;
    const QString id = peekId(node);
    // Stages are top-level elements: their context does not repeat the pipeline's.
    Scope scope = parent.element(QStringLiteral("stage"), elementLabel("stage", id, index), id);
    scope.context = elementLabel("stage", id, index);
    MapReader map(sink, node, scope,
                  keys({"id", "name", "description", "when", "executor", "failureStrategies", "steps",
                        "rollbackSteps", "errorHandler"}));
    if (!map.isValid())
        return stage;
    stage.id = map.string("id");
    stage.name = map.string("name");
    stage.description = map.string("description");
    stage.when = readWhen(map, "pipelineStatus");
    stage.executor = readExecutor(map);
    stage.failureStrategies = readStrategies(map);
    stage.steps = readNodes(map.value("steps"), map.scopeOf("steps"));
    readLanes(map, stage.rollbackSteps, stage.errorHandler);
    return stage;
}

void Reader::readLanes(const MapReader &owner, NodeList &rollbackSteps, NodeList &errorHandler)
{
    rollbackSteps = readNodes(owner.value("rollbackSteps"), owner.scope().lane(QStringLiteral("rollbackSteps")));
    errorHandler = readNodes(owner.value("errorHandler"), owner.scope().lane(QStringLiteral("errorHandler")));
}

NodeList Reader::readNodes(const YamlNode &node, const Scope &scope)
{
    NodeList nodes;
    NestingGuard guard(m_depth);
    if (guard.tooDeep()) {
        sink.error(scope, yaml::locationOf(node), QStringLiteral("nested too deeply"));
        return nodes;
    }
    // Only mappings can be read as nodes, and no more than the limit leaves. Grown by doubling
    // instead, the lists of a 100,000-step file held room for 1.6 times its steps (~30 MB).
    int mappings = 0;
    if (node.isSequence()) {
        for (int i = 0; i < node.size(); ++i)
            mappings += node.item(i).isMap() ? 1 : 0;
    }
    nodes.reserve(std::size_t(std::clamp(kMaxNodes - m_nodes, 0, mappings)));
    int index = 0;
    forEachItem(sink, node, scope, [&](const YamlNode &itemNode, const Scope &itemScope) {
        if (auto read = readNode(itemNode, itemScope, index++))
            nodes.push_back(std::move(*read));
    });
    return nodes;
}

std::optional<Node> Reader::readNode(const YamlNode &node, const Scope &scope, int index)
{
    if (++m_nodes == kMaxNodes + 1) // exactly kMaxNodes is allowed
        sink.error(scope, yaml::locationOf(node),
                   QStringLiteral("more than %1 steps and groups: not read further").arg(kMaxNodes));
    if (m_nodes > kMaxNodes)
        return std::nullopt;
    MapReader item(sink, node, scope, keys({"step", "stepGroup", "parallel"}));
    if (!item.isValid())
        return std::nullopt;
    const int kinds = int(item.has("step")) + int(item.has("stepGroup")) + int(item.has("parallel"));
    if (kinds != 1) {
        sink.error(scope, yaml::locationOf(node),
                   QStringLiteral("each entry holds exactly one of 'step', 'stepGroup' or 'parallel'"));
        return std::nullopt;
    }
    if (item.has("step"))
        return Node{readStep(item.value("step"), scope, index)};
    if (item.has("stepGroup"))
        return Node{readGroup(item.value("stepGroup"), scope, index)};
    Scope parallelScope = item.scopeOf("parallel");
    return Node{ParallelBlock{readNodes(item.value("parallel"), parallelScope)}};
}

Step Reader::readStep(const YamlNode &node, const Scope &parent, int index)
{
    Step step;
    const QString id = peekId(node);
    const Scope scope = parent.element(QStringLiteral("step"), elementLabel("step", id, index), id);
    MapReader map(sink, node, scope,
                  keys({"id", "name", "type", "spec", "timeout", "when", "retry", "catch",
                        "executor", "failureStrategies"}));
    if (!map.isValid())
        return step;
    step.id = map.string("id");
    step.name = map.string("name");
    const auto type = map.enumeration<StepType>("type", parseStepType, allNames<StepType>(),
                                                QStringLiteral("step type"));
    if (!map.has("type")) {
        sink.error(scope, yaml::locationOf(node),
                   QStringLiteral("missing required field 'type' (one of %1)")
                       .arg(allNames<StepType>().join(QStringLiteral(", "))));
    }
    if (type)
        step.spec = readSpec(*type, map.value("spec"), map.scopeOf("spec"));
    step.timeout = map.duration("timeout");
    step.when = readWhen(map, "stageStatus");
    step.retry = readRetry(map);
    step.catchVar = map.string("catch");
    step.executor = readExecutor(map);
    step.failureStrategies = readStrategies(map);
    return step;
}

StepGroup Reader::readGroup(const YamlNode &node, const Scope &parent, int index)
{
    StepGroup group;
    const QString id = peekId(node);
    const Scope scope = parent.element(QStringLiteral("stepGroup"), elementLabel("group", id, index), id);
    MapReader map(sink, node, scope,
                  keys({"id", "name", "when", "executor", "failureStrategies", "steps",
                        "rollbackSteps", "errorHandler"}));
    if (!map.isValid())
        return group;
    group.id = map.string("id");
    group.name = map.string("name");
    group.when = readWhen(map, "stageStatus");
    group.executor = readExecutor(map);
    group.failureStrategies = readStrategies(map);
    group.steps = readNodes(map.value("steps"), map.scopeOf("steps"));
    readLanes(map, group.rollbackSteps, group.errorHandler);
    return group;
}

} // namespace reading

QString leadingComment(const QByteArray &text)
{
    QStringList lines;
    // Line by line up to the first that is not a comment: splitting the whole text first
    // copied all of it (a file of 100,000 steps into 100,000 QByteArrays) for a few lines.
    for (qsizetype start = 0; start < text.size();) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QString line = QString::fromUtf8(QByteArrayView(text).sliced(start, end - start)).trimmed();
        start = end + 1;
        if (line.isEmpty()) {
            if (!lines.isEmpty())
                lines << QString();
            continue;
        }
        if (!line.startsWith(u'#'))
            break;
        QString content = line.mid(1);
        if (content.startsWith(u' '))
            content.remove(0, 1);
        lines << content;
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(u'\n');
}

// Far beyond any real pipeline (a group in a group ten deep is a lot), far below where the
// parser's recursion gives up.
constexpr int kMaxFlowNesting = 200;

ReadResult readPipeline(const QByteArray &text)
{
    ReadResult result;
    reading::Reader reader;
    if (auto problem = checkPipelineText(text)) {
        result.problems.append(*problem);
        return result;
    }
    if (auto problem = checkStepCount(text, reading::kMaxNodes)) {
        result.problems.append(*problem);
        return result;
    }
    if (auto problem = yaml::findDeepNesting(text, kMaxFlowNesting)) {
        result.problems.append(*problem);
        return result;
    }
    yaml::YamlTree tree;
    try {
        tree = yaml::YamlTree::parse(text);
    } catch (const YAML::Exception &e) {
        result.problems.append(yaml::describeSyntaxError(e, text));
        return result;
    }
    const yaml::YamlNode root = tree.root();
    // Without aliases a tree has fewer nodes than its text has bytes; legitimate aliases (a
    // strategy shared by many steps) stay well within this.
    if (auto problem = yaml::findAliasExpansion(root, text, 4 * text.size() + 10000)) {
        result.problems.append(*problem);
        return result;
    }
    if (auto unterminated = yaml::findUnterminatedQuote(root, text)) {
        result.problems.append(*unterminated);
        return result;
    }
    // Walking our own tree cannot throw (yaml-cpp's could, on exotic input).
    Pipeline pipeline = reader.readDocument(root);
    tree = {}; // read: its memory (~4 bytes per byte of text) is given back before validation
    pipeline.headerComment = leadingComment(text);
    result.problems = reader.sink.problems();
    result.sourceMap = std::move(reader.sink.sourceMap());
    if (!reader.sink.hasErrors())
        result.pipeline = std::move(pipeline);
    else if (!pipeline.stages.empty() || !pipeline.id.isEmpty())
        result.partial = std::move(pipeline);
    return result;
}

} // namespace pw::model
