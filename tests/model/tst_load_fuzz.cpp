#include "model/PipelineFile.h"
#include "model/PipelineWriter.h"
#include "model/Validator.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace pw::model;

namespace {

// Bytes that matter to YAML, JSON, durations and expressions.
constexpr char kInteresting[] = ":-[]{}'\"\t\n #&*!|>%@,?0123456789.PTsmhdw{}${}";

QByteArray mutate(QByteArray text, QRandomGenerator &random)
{
    const int edits = 1 + int(random.bounded(4));
    for (int i = 0; i < edits && !text.isEmpty(); ++i) {
        const qsizetype at = random.bounded(text.size());
        switch (random.bounded(9)) {
        case 0: // delete a run of bytes
            text.remove(at, 1 + random.bounded(qMin<qsizetype>(40, text.size() - at)));
            break;
        case 1: // insert a significant byte
            text.insert(at, kInteresting[random.bounded(int(sizeof(kInteresting) - 1))]);
            break;
        case 2: // overwrite a byte
            text[at] = kInteresting[random.bounded(int(sizeof(kInteresting) - 1))];
            break;
        case 3: { // duplicate a line (duplicate keys, ids, list items)
            const qsizetype start = text.lastIndexOf('\n', at) + 1;
            const qsizetype end = text.indexOf('\n', at);
            const QByteArray line = text.mid(start, (end < 0 ? text.size() : end) - start);
            text.insert(start, line + '\n');
            break;
        }
        case 4: // truncate
            text.truncate(at);
            break;
        case 5: // change indentation of a line
            text.insert(text.lastIndexOf('\n', at) + 1, random.bounded(2) ? "  " : " ");
            break;
        case 6: // a random byte, not necessarily valid UTF-8
            text.insert(at, char(random.bounded(256)));
            break;
        case 7: { // swap two lines
            const QList<QByteArray> lines = text.split('\n');
            QList<QByteArray> swapped = lines;
            const int a = int(random.bounded(lines.size()));
            const int b = int(random.bounded(lines.size()));
            swapped.swapItemsAt(a, b);
            text = swapped.join('\n');
            break;
        }
        case 8: { // replace a value by something of another kind
            static const char *replacements[] = {"[]", "{}", "~", "-1", "0", "\"\"", "1e999",
                                                 "[[[[[[[[]]]]]]]]", "*undefined", "&a [*a]",
                                                 "PT", "-5s", "'{{'", "{{ ) }}", "AllErrors"};
            const qsizetype colon = text.indexOf(": ", at);
            if (colon < 0)
                break;
            const qsizetype end = text.indexOf('\n', colon);
            text.replace(colon + 2, (end < 0 ? text.size() : end) - colon - 2,
                         replacements[random.bounded(int(std::size(replacements)))]);
            break;
        }
        }
    }
    return text;
}

} // namespace

// Loading must never crash, hang or half-load, whatever the bytes: it returns either a
// pipeline or errors. A pipeline that loads cleanly must also survive save and reload.
class TestLoadFuzz : public QObject
{
    Q_OBJECT

private slots:
    void mutatedFilesNeverCrash()
    {
        QList<QByteArray> seeds;
        const QDir dir(QStringLiteral(PW_EXAMPLES_DIR));
        for (const QString &name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            seeds << file.readAll();
        }
        QVERIFY(!seeds.isEmpty());

        const int iterations = qEnvironmentVariableIntValue("PW_FUZZ_ITERATIONS") > 0
            ? qEnvironmentVariableIntValue("PW_FUZZ_ITERATIONS")
            : 5000;
        const quint32 seed = qEnvironmentVariableIsSet("PW_FUZZ_SEED")
            ? quint32(qEnvironmentVariableIntValue("PW_FUZZ_SEED"))
            : 20261122u;
        qInfo("fuzzing %d mutations, seed %u (set PW_FUZZ_SEED to replay)", iterations, seed);
        QRandomGenerator random(seed);
        Validator validator;
        int loaded = 0;
        int rejected = 0;
        for (int i = 0; i < iterations; ++i) {
            const QByteArray text = mutate(seeds[int(random.bounded(seeds.size()))], random);
            const LoadResult result = loadPipeline(text, &validator);
            if (!result.pipeline) {
                QVERIFY2(result.hasErrors(), "no pipeline must come with an error saying why");
                ++rejected;
                continue;
            }
            ++loaded;
            if (result.hasErrors())
                continue;
            const QByteArray saved = writePipeline(*result.pipeline);
            const LoadResult again = loadPipeline(saved, &validator);
            if (!again.pipeline || !(*again.pipeline == *result.pipeline)) {
                QFile dump(QDir::temp().filePath(QStringLiteral("pw-fuzz-failure.yaml")));
                if (dump.open(QIODevice::WriteOnly))
                    dump.write(text);
                QFAIL(qPrintable(QStringLiteral("round trip changed a pipeline; input saved in %1")
                                     .arg(dump.fileName())));
            }
        }
        qInfo("%d loaded, %d rejected", loaded, rejected);
        QVERIFY(loaded > 0);
        QVERIFY(rejected > 0);
    }

    void hostileShapesAreRejectedQuickly_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("deep flow nesting") << QByteArray(5000, '[') + QByteArray(5000, ']');
        QTest::newRow("self alias") << QByteArray("pipeline: &a\n  id: p\n  stages: [*a]\n");
        QByteArray deepGroups = "pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps:\n";
        QByteArray indent = "          ";
        for (int i = 0; i < 100; ++i) {
            deepGroups += indent + "- stepGroup:\n" + indent + "    id: g" + QByteArray::number(i) + "\n"
                + indent + "    steps:\n";
            indent += "      ";
        }
        deepGroups += indent + "- step: {id: x, type: Echo, spec: {message: hi}}\n";
        QTest::newRow("groups nested 100 deep") << deepGroups;
        QByteArray laughs = "a0: &a0 {step: {id: x, type: Echo, spec: {message: hi}}}\n";
        for (int i = 1; i < 12; ++i) {
            laughs += "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i)
                + " {stepGroup: {id: g, steps: [*a" + QByteArray::number(i - 1) + ", *a"
                + QByteArray::number(i - 1) + ", *a" + QByteArray::number(i - 1) + ", *a"
                + QByteArray::number(i - 1) + "]}}\n";
        }
        laughs += "pipeline:\n  id: p\n  stages:\n    - stage:\n        id: s\n        steps: [*a11]\n";
        QTest::newRow("aliases multiplying nodes") << laughs;
    }
    void hostileShapesAreRejectedQuickly()
    {
        QFETCH(QByteArray, text);
        const LoadResult result = loadPipeline(text);
        QVERIFY(result.hasErrors());
    }
};

QTEST_GUILESS_MAIN(TestLoadFuzz)
#include "tst_load_fuzz.moc"
