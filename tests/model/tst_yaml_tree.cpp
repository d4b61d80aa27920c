#include "model/YamlTree.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFile>
#include <QTest>

using pw::model::Location;
using pw::model::yaml::NodeKind;
using pw::model::yaml::YamlNode;
using pw::model::yaml::YamlTree;

// YamlTree replaces yaml-cpp's node tree for memory's sake; the reader's messages depend on
// it being the same document: each file here is loaded both ways and walked side by side.
class TestYamlTree : public QObject
{
    Q_OBJECT

private slots:
    void sameDocumentAsYamlCpp_data();
    void sameDocumentAsYamlCpp();
    void aliasIsTheAnchoredNode();
};

namespace {

NodeKind kindOf(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Scalar: return NodeKind::Scalar;
    case YAML::NodeType::Sequence: return NodeKind::Sequence;
    case YAML::NodeType::Map: return NodeKind::Map;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
    }
    return NodeKind::Null;
}

// The first difference under `expected` and `actual`, or nothing. Bounded: aliases can make
// a small file a very large (or cyclic) tree.
QString compare(const YAML::Node &expected, const YamlNode &actual, const QString &path, int &budget, int depth = 0)
{
    if (--budget < 0 || depth > 100)
        return {};
    if (kindOf(expected) != actual.kind())
        return path + QStringLiteral(": kind");
    const Location location = expected.Mark().line < 0 ? Location()
                                                        : Location{expected.Mark().line + 1, expected.Mark().column + 1};
    if (location != actual.location())
        return path + QStringLiteral(": location");
    if (expected.IsScalar()) {
        if (QByteArray::fromStdString(expected.Scalar()) != QByteArrayView(actual.scalarUtf8().data(), qsizetype(actual.scalarUtf8().size())))
            return path + QStringLiteral(": text");
        if ((expected.Tag() == "!") != actual.hasQuotedTag())
            return path + QStringLiteral(": quoted tag");
        if (expected.Mark().pos != actual.offset())
            return path + QStringLiteral(": offset");
    }
    if (expected.IsSequence()) {
        if (int(expected.size()) != actual.size())
            return path + QStringLiteral(": size");
        for (int i = 0; i < actual.size(); ++i) {
            const QString difference = compare(expected[std::size_t(i)], actual.item(i), path + QStringLiteral("[%1]").arg(i), budget, depth + 1);
            if (!difference.isEmpty())
                return difference;
        }
    }
    if (expected.IsMap()) {
        int pair = 0;
        for (auto it = expected.begin(); it != expected.end(); ++it, ++pair) {
            const QString at = path + QStringLiteral("{%1}").arg(pair);
            QString difference = compare(it->first, actual.key(pair), at + QStringLiteral("key"), budget, depth + 1);
            if (difference.isEmpty())
                difference = compare(it->second, actual.value(pair), at, budget, depth + 1);
            if (!difference.isEmpty())
                return difference;
        }
        if (pair != actual.pairCount())
            return path + QStringLiteral(": pairs");
    }
    return {};
}

} // namespace

void TestYamlTree::sameDocumentAsYamlCpp_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("nulls") << QByteArray("a: ~\nb: null\nc:\nd: !!str ~\ne: ''\nf: NULL\n");
    QTest::newRow("tags") << QByteArray("a: !!str 3\nb: \"3\"\nc: '3'\nd: 3\ne: !custom x\nf: ! y\n");
    QTest::newRow("flow") << QByteArray("{a: [1, 2, {b: c}], d: {}, e: []}\n");
    QTest::newRow("block scalars") << QByteArray("a: |\n  one\n  two\nb: >-\n  three\n  four\n");
    QTest::newRow("aliases") << QByteArray("a: &x {k: v}\nb: *x\nc: [*x, *x]\n&y d: *y\n");
    QTest::newRow("duplicate keys") << QByteArray("a: 1\na: 2\n? [x]\n: 3\n");
    QTest::newRow("unicode") << QByteArray("\xc3\xa9t\xc3\xa9: \"\\u00e9\"\nb: caf\xc3\xa9\n");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("null document") << QByteArray("~\n");
    QTest::newRow("comment only") << QByteArray("# nothing\n");
    QTest::newRow("unclosed") << QByteArray("a: [1, 2\n");
    QTest::newRow("unknown alias") << QByteArray("a: *nope\n");
    QTest::newRow("self alias") << QByteArray("&a [*a]\n");
    const QStringList folders{QStringLiteral(PW_EXAMPLES_DIR), QStringLiteral(PW_TEST_DATA_DIR "/model/data/malformed")};
    for (const QString &folder : folders) {
        for (const QFileInfo &file : QDir(folder).entryInfoList({QStringLiteral("*.yaml")}, QDir::Files)) {
            QFile in(file.filePath());
            QVERIFY(in.open(QIODevice::ReadOnly));
            QTest::newRow(qPrintable(file.fileName())) << in.readAll();
        }
    }
}

void TestYamlTree::sameDocumentAsYamlCpp()
{
    QFETCH(QByteArray, text);
    YAML::Node expected;
    QString expectedError;
    try {
        expected = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        expectedError = QString::fromStdString(e.what());
    }
    YamlTree tree;
    QString actualError;
    try {
        tree = YamlTree::parse(text);
    } catch (const YAML::Exception &e) {
        actualError = QString::fromStdString(e.what());
    }
    QCOMPARE(actualError, expectedError);
    if (!expectedError.isEmpty())
        return;
    int budget = 100000;
    const QString difference = compare(expected, tree.root(), QStringLiteral("root"), budget);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestYamlTree::aliasIsTheAnchoredNode()
{
    const YamlTree tree = YamlTree::parse("a: &x {k: v}\nb: *x\n");
    const YamlNode anchored = tree.root().find("a");
    const YamlNode alias = tree.root().find("b");
    QVERIFY(alias.isMap());
    QCOMPARE(alias.location(), anchored.location()); // the same node, not a copy
    QCOMPARE(alias.find("k").scalar(), QStringLiteral("v"));
}

QTEST_GUILESS_MAIN(TestYamlTree)
#include "tst_yaml_tree.moc"
