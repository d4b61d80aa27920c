#pragma once

// The YAML reader's internals, shared by the files that read the document's structure
// (PipelineReader.cpp) and the fields of steps and failure strategies (StepFieldsReader.cpp).

#include "Pipeline.h"
#include "YamlFields.h"

namespace pw::model::reading {

using yaml::forEachItem;
using yaml::MapReader;
using yaml::Scope;
using yaml::YamlNode;

// Far deeper and larger than any real pipeline; keeps hostile files (deep nesting, aliases
// that multiply nodes) from exhausting the stack or the time of whoever opens them.
inline constexpr int kMaxNesting = 64;
inline constexpr int kMaxNodes = 100000;

inline QStringList keys(std::initializer_list<const char *> names)
{
    QStringList list;
    for (const char *name : names)
        list << QString::fromLatin1(name);
    return list;
}

// Reads the id of an element before anything else, so that messages can name it.
inline QString peekId(const YamlNode &node)
{
    const YamlNode id = node.find("id");
    return id.isScalar() ? id.scalar() : QString();
}

class Reader
{
public:
    yaml::ProblemSink sink;

    Pipeline readDocument(const YamlNode &root);

private:
    std::vector<StageItem> readStages(const YamlNode &node, const Scope &scope);
    Stage readStage(const YamlNode &node, const Scope &scope, int index);
    NodeList readNodes(const YamlNode &node, const Scope &scope);
    void readLanes(const MapReader &owner, NodeList &rollbackSteps, NodeList &errorHandler);
    std::optional<Node> readNode(const YamlNode &node, const Scope &scope, int index);
    Step readStep(const YamlNode &node, const Scope &scope, int index);
    StepGroup readGroup(const YamlNode &node, const Scope &scope, int index);
    StepSpec readSpec(StepType type, const YamlNode &node, const Scope &scope);
    When readWhen(const MapReader &owner, const char *statusKey);
    std::optional<RetryPolicy> readRetry(const MapReader &owner);
    std::optional<Executor> readExecutor(const MapReader &owner);
    FailureStrategies readStrategies(const MapReader &owner);
    FailureAction readAction(const YamlNode &node, const Scope &scope);
    ValueBox<FailureAction> readFollowUp(const MapReader &spec, const char *key);
    QList<ErrorType> readErrorTypes(const MapReader &owner, const char *key);
    std::vector<Input> readInputs(const MapReader &owner);
    StringPairs readPairs(const MapReader &owner, const char *key);

    int m_depth = 0;
    int m_nodes = 0;
};

// Counts nesting for the lifetime of one read of a nested element.
class NestingGuard
{
public:
    explicit NestingGuard(int &depth) : m_depth(++depth) {}
    ~NestingGuard() { --m_depth; }
    NestingGuard(const NestingGuard &) = delete;
    NestingGuard &operator=(const NestingGuard &) = delete;
    bool tooDeep() const { return m_depth > kMaxNesting; }

private:
    int &m_depth;
};

} // namespace pw::model::reading
