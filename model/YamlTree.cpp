#include "YamlTree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <limits>
#include <streambuf>

namespace pw::model::yaml {

namespace {

// The parser reads a std::istream: this one reads the QByteArray in place, where YAML::Load
// of a std::string would hold two more copies of the text (the string and a stringstream).
class TextBuffer : public std::streambuf
{
public:
    explicit TextBuffer(const QByteArray &text)
    {
        char *begin = const_cast<char *>(text.constData()); // only ever read
        setg(begin, begin, begin + text.size());
    }
};

} // namespace

// Turns the parser's events into a YamlTree, as yaml-cpp's NodeBuilder turns them into
// YAML::Nodes: same kinds, tags, marks and aliases, so readers see the same document.
class TreeBuilder : public YAML::EventHandler
{
public:
    explicit TreeBuilder(YamlTree &tree) : m_tree(tree) {}

    void OnDocumentStart(const YAML::Mark &) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        attach(add(NodeKind::Null, mark, anchor));
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        // The parser refuses unknown anchors itself; this keeps an index in range regardless.
        if (anchor >= m_anchors.size() || m_anchors[anchor] < 0)
            throw YAML::ParserException(mark, YAML::ErrorMsg::UNKNOWN_ANCHOR);
        // The node the anchor names, not a copy: its mark stays the anchor's, as in yaml-cpp.
        attach(m_anchors[anchor]);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        const std::int32_t index = add(NodeKind::Scalar, mark, anchor);
        YamlTree::Node &node = m_tree.m_nodes[std::size_t(index)];
        node.quotedTag = tag == "!";
        node.first = checkedSize(m_tree.m_scalars.size());
        node.count = checkedSize(value.size());
        m_tree.m_scalars += value;
        attach(index);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(add(NodeKind::Sequence, mark, anchor));
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(add(NodeKind::Map, mark, anchor));
    }
    void OnMapEnd() override { close(); }

    void finish()
    {
        // The pending children are no longer needed: give their memory back before reading.
        m_pending = {};
        m_tree.m_nodes.shrink_to_fit();
        m_tree.m_children.shrink_to_fit();
        m_tree.m_scalars.shrink_to_fit();
    }

private:
    struct OpenCollection
    {
        std::int32_t node;
        std::size_t firstPending;
    };

    static std::uint32_t checkedSize(std::size_t size)
    {
        // Offsets are 32-bit to keep nodes small; no pipeline file comes near 4 GB.
        if (size > std::numeric_limits<std::uint32_t>::max())
            throw YAML::Exception(YAML::Mark::null_mark(), "the document is too large");
        return std::uint32_t(size);
    }

    std::int32_t add(NodeKind kind, const YAML::Mark &mark, YAML::anchor_t anchor)
    {
        const std::int32_t index = std::int32_t(checkedSize(m_tree.m_nodes.size()));
        m_tree.m_nodes.push_back({kind, false, mark.line, mark.column, mark.pos, 0, 0});
        // Registered before a collection's children are read: an alias inside its own anchor
        // makes a cycle, as in yaml-cpp, which the alias-expansion check refuses.
        if (anchor) {
            if (m_anchors.size() <= anchor)
                m_anchors.resize(anchor + 1, -1);
            m_anchors[anchor] = index;
        }
        return index;
    }

    // Makes `index` the next child of the innermost open collection, or the root.
    void attach(std::int32_t index)
    {
        if (m_open.empty())
            m_tree.m_root = index;
        else
            m_pending.push_back(index);
    }

    void open(std::int32_t index)
    {
        attach(index);
        m_open.push_back({index, m_pending.size()});
    }

    // A collection's children are contiguous in m_pending once it ends (nested collections
    // took theirs out when they ended): they move to m_children as one range.
    void close()
    {
        const OpenCollection collection = m_open.back();
        m_open.pop_back();
        YamlTree::Node &node = m_tree.m_nodes[std::size_t(collection.node)];
        node.first = checkedSize(m_tree.m_children.size());
        node.count = checkedSize(m_pending.size() - collection.firstPending);
        m_tree.m_children.insert(m_tree.m_children.end(),
                                 m_pending.begin() + std::ptrdiff_t(collection.firstPending),
                                 m_pending.end());
        m_pending.resize(collection.firstPending);
    }

    YamlTree &m_tree;
    std::vector<OpenCollection> m_open;
    std::vector<std::int32_t> m_pending;
    std::vector<std::int32_t> m_anchors;
};

YamlTree YamlTree::parse(const QByteArray &text)
{
    YamlTree tree;
    TextBuffer buffer(text);
    std::istream stream(&buffer);
    YAML::Parser parser(stream);
    TreeBuilder builder(tree);
    parser.HandleNextDocument(builder);
    builder.finish();
    return tree;
}

NodeKind YamlNode::kind() const
{
    return m_index < 0 ? NodeKind::Null : m_tree->m_nodes[std::size_t(m_index)].kind;
}

std::string_view YamlNode::scalarUtf8() const
{
    if (!isScalar())
        return {};
    const YamlTree::Node &node = m_tree->m_nodes[std::size_t(m_index)];
    return std::string_view(m_tree->m_scalars).substr(node.first, node.count);
}

QString YamlNode::scalar() const
{
    const std::string_view text = scalarUtf8();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

bool YamlNode::hasQuotedTag() const
{
    return isScalar() && m_tree->m_nodes[std::size_t(m_index)].quotedTag;
}

Location YamlNode::location() const
{
    if (m_index < 0)
        return {};
    const YamlTree::Node &node = m_tree->m_nodes[std::size_t(m_index)];
    // yaml-cpp's locations are 0-based, and a mark it does not know is -1.
    if (node.line < 0)
        return {};
    return {node.line + 1, node.column + 1};
}

qsizetype YamlNode::offset() const
{
    return m_index < 0 ? -1 : m_tree->m_nodes[std::size_t(m_index)].offset;
}

int YamlNode::size() const
{
    if (!isSequence() && !isMap())
        return 0;
    return int(m_tree->m_nodes[std::size_t(m_index)].count);
}

YamlNode YamlNode::item(int index) const
{
    return isSequence() ? child(index) : YamlNode();
}

YamlNode YamlNode::child(int position) const
{
    if (position < 0 || position >= size())
        return {};
    const YamlTree::Node &node = m_tree->m_nodes[std::size_t(m_index)];
    return YamlNode(m_tree, m_tree->m_children[node.first + std::size_t(position)]);
}

YamlNode YamlNode::find(std::string_view name) const
{
    for (int pair = 0; pair < pairCount(); ++pair) {
        const YamlNode candidate = key(pair);
        if (candidate.isScalar() && candidate.scalarUtf8() == name)
            return value(pair);
    }
    return {};
}

} // namespace pw::model::yaml
