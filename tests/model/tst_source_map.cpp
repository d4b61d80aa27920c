#include "model/SourceMap.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

using pw::model::Location;
using pw::model::SourceMap;

// What SourceMap did when it was a QHash of whole paths: the tree of parts must answer the
// same for every path, inserted in any order.
class ReferenceMap
{
public:
    void insert(const QString &path, Location location)
    {
        if (location.isValid())
            m_locations.insert(path, location);
    }
    Location locate(QString path) const
    {
        while (!path.isEmpty()) {
            const auto found = m_locations.constFind(path);
            if (found != m_locations.cend())
                return *found;
            const qsizetype cut = std::max(path.lastIndexOf(u'.'), path.lastIndexOf(u'['));
            if (cut <= 0)
                break;
            path.truncate(cut);
        }
        return {};
    }

private:
    QHash<QString, Location> m_locations;
};

class TestSourceMap : public QObject
{
    Q_OBJECT

private slots:
    void nearestAncestorAnswers()
    {
        SourceMap map;
        QVERIFY(map.isEmpty());
        map.insert(QStringLiteral("pipeline"), {1, 1});
        map.insert(QStringLiteral("pipeline.stages[0].stage"), {3, 7});
        QVERIFY(!map.isEmpty());
        QCOMPARE(map.locate(QStringLiteral("pipeline.stages[0].stage.steps[4].step.id")), Location({3, 7}));
        QCOMPARE(map.locate(QStringLiteral("pipeline.stages[0]")), Location({1, 1}));
        QCOMPARE(map.locate(QStringLiteral("other")), Location());
        QCOMPARE(map.locate(QString()), Location());
    }

    // "[0]" under one list and under another are different paths that share a part.
    void sharedPartsStayApart()
    {
        SourceMap map;
        map.insert(QStringLiteral("a.x[0]"), {1, 1});
        map.insert(QStringLiteral("a.y[0]"), {2, 1});
        map.insert(QStringLiteral("a.x[0].k"), {3, 1});
        QCOMPARE(map.locate(QStringLiteral("a.x[0]")), Location({1, 1}));
        QCOMPARE(map.locate(QStringLiteral("a.y[0]")), Location({2, 1}));
        QCOMPARE(map.locate(QStringLiteral("a.x[0].k")), Location({3, 1}));
        QCOMPARE(map.locate(QStringLiteral("a.y[0].k")), Location({2, 1}));
    }

    void answersAsTheWholePathMapDid()
    {
        // Paths from a small alphabet, so that they share prefixes, parts and cut characters
        // in every arrangement (keys with '.' or '[' in them, "a.bc" after "a.b", ...).
        const QStringList parts{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("bc"), QStringLiteral(".a"),
                                QStringLiteral(".b"), QStringLiteral(".bc"), QStringLiteral("[0]"), QStringLiteral("[1]"),
                                QStringLiteral("["), QStringLiteral("."), QStringLiteral("a.b")};
        QRandomGenerator random(11);
        const auto randomPath = [&] {
            QString path;
            const int length = random.bounded(6);
            for (int i = 0; i < length; ++i)
                path += parts[random.bounded(int(parts.size()))];
            return path;
        };
        for (int round = 0; round < 50; ++round) {
            SourceMap map;
            ReferenceMap reference;
            QStringList inserted;
            for (int i = 0; i < 200; ++i) {
                const QString path = random.bounded(3) == 0 && !inserted.isEmpty()
                    ? inserted[random.bounded(int(inserted.size()))] + parts[random.bounded(int(parts.size()))]
                    : randomPath();
                const Location location = random.bounded(10) == 0 ? Location() : Location{i + 1, round + 1};
                map.insert(path, location);
                reference.insert(path, location);
                inserted << path;
            }
            for (int i = 0; i < 400; ++i) {
                const QString path = i < inserted.size() ? inserted[i] : randomPath();
                QCOMPARE(map.locate(path), reference.locate(path));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSourceMap)
#include "tst_source_map.moc"
