#pragma once

#include "Problem.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// A parsed YAML document, compact enough to hold a 100,000-step file in a few times its size.
// yaml-cpp's own node tree costs ~100 bytes of memory per byte of text (a shared_ptr'd node,
// its data and a std::string per scalar, a vector of pairs per mapping); this one is filled
// from the parser's events: every node is 24 bytes in one vector, scalars are bytes of one
// buffer, children are index ranges of another vector and an alias is the index of the node
// it names (shared, not copied), so the document's meaning is what yaml-cpp's would be.
namespace pw::model::yaml {

class YamlTree;

enum class NodeKind : std::uint8_t { Null, Scalar, Sequence, Map };

// One node of a YamlTree, or "nothing" (a missing key, an absent document), which is a null
// node without a location. Cheap to copy; valid as long as its tree.
class YamlNode
{
public:
    YamlNode() = default;

    NodeKind kind() const;
    bool isNull() const { return kind() == NodeKind::Null; }
    bool isScalar() const { return kind() == NodeKind::Scalar; }
    bool isSequence() const { return kind() == NodeKind::Sequence; }
    bool isMap() const { return kind() == NodeKind::Map; }

    // The scalar's text (empty for other kinds), as parsed (quotes and escapes resolved).
    QString scalar() const;
    std::string_view scalarUtf8() const;
    // The tag yaml-cpp gives quoted scalars ("!"): a quoted "3" is text, not a number.
    bool hasQuotedTag() const;

    Location location() const;
    // Byte offset of the node in the text, -1 when unknown.
    qsizetype offset() const;

    // Items of a sequence; pairs of a mapping, in the order of the text (duplicates included).
    int size() const;
    YamlNode item(int index) const;
    int pairCount() const { return isMap() ? size() / 2 : 0; }
    YamlNode key(int pair) const { return child(2 * pair); }
    YamlNode value(int pair) const { return child(2 * pair + 1); }
    // The value of the first scalar key `name` of a mapping, or nothing.
    YamlNode find(std::string_view name) const;

private:
    friend class YamlTree;
    YamlNode(const YamlTree *tree, std::int32_t index) : m_tree(tree), m_index(index) {}
    YamlNode child(int position) const;

    const YamlTree *m_tree = nullptr;
    std::int32_t m_index = -1;
};

class YamlTree
{
public:
    // Parses the first document of `text`; throws YAML::Exception (with the parser's mark)
    // on a syntax error, as YAML::Load would.
    static YamlTree parse(const QByteArray &text);

    // The document's root; nothing when the text has no document.
    YamlNode root() const { return YamlNode(this, m_root); }

private:
    friend class YamlNode;
    friend class TreeBuilder;

    struct Node
    {
        NodeKind kind = NodeKind::Null;
        bool quotedTag = false;
        // As yaml-cpp's Mark: 0-based, -1 when unknown.
        std::int32_t line = -1;
        std::int32_t column = -1;
        std::int32_t offset = -1;
        // Scalar: bytes [first, first + count) of m_scalars; sequence and mapping: entries
        // [first, first + count) of m_children (a mapping's are key, value, key, value...).
        std::uint32_t first = 0;
        std::uint32_t count = 0;
    };

    std::vector<Node> m_nodes;
    std::vector<std::int32_t> m_children;
    std::string m_scalars;
    std::int32_t m_root = -1;
};

} // namespace pw::model::yaml
