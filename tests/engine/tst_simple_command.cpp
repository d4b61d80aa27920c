#include "engine/executors/SimpleCommand.h"

#include <QTest>

using pw::engine::simpleCommandWords;

// Which commands may skip the shell: a wrong "yes" would change what a step does, so the
// refusals matter as much as the words.
class TestSimpleCommand : public QObject
{
    Q_OBJECT

private slots:
    void words_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("words"); // empty: goes to the shell

        QTest::newRow("bare program") << QStringLiteral("true") << QStringList{QStringLiteral("true")};
        QTest::newRow("arguments and spaces") << QStringLiteral("  make -j2  all\t")
                                              << QStringList{QStringLiteral("make"), QStringLiteral("-j2"), QStringLiteral("all")};
        QTest::newRow("path and option values")
            << QStringLiteral("./build.sh --out=dist/x,y user@host:1%")
            << QStringList{QStringLiteral("./build.sh"), QStringLiteral("--out=dist/x,y"), QStringLiteral("user@host:1%")};
        QTest::newRow("empty") << QStringLiteral("   ") << QStringList();
        QTest::newRow("variable") << QStringLiteral("echo_ $HOME") << QStringList();
        QTest::newRow("double quotes") << QStringLiteral("ls \"a b\"") << QStringList();
        QTest::newRow("single quotes") << QStringLiteral("ls 'a b'") << QStringList();
        QTest::newRow("backslash") << QStringLiteral("ls a\\ b") << QStringList();
        QTest::newRow("separator") << QStringLiteral("true; rm x") << QStringList();
        QTest::newRow("and") << QStringLiteral("true && rm x") << QStringList();
        QTest::newRow("pipe") << QStringLiteral("ls | wc") << QStringList();
        QTest::newRow("redirect") << QStringLiteral("ls > out") << QStringList();
        QTest::newRow("background") << QStringLiteral("sleep 1 &") << QStringList();
        QTest::newRow("glob") << QStringLiteral("ls *.txt") << QStringList();
        QTest::newRow("question glob") << QStringLiteral("ls a?") << QStringList();
        QTest::newRow("brackets") << QStringLiteral("ls [ab]") << QStringList();
        QTest::newRow("tilde") << QStringLiteral("ls ~") << QStringList();
        QTest::newRow("comment") << QStringLiteral("ls #x") << QStringList();
        QTest::newRow("subshell") << QStringLiteral("(ls)") << QStringList();
        QTest::newRow("braces") << QStringLiteral("ls {a,b}") << QStringList();
        QTest::newRow("two lines") << QStringLiteral("ls\nrm x") << QStringList();
        QTest::newRow("assignment") << QStringLiteral("FOO=1 env") << QStringList();
        QTest::newRow("cd builtin") << QStringLiteral("cd /tmp") << QStringList();
        QTest::newRow("exit builtin") << QStringLiteral("exit 3") << QStringList();
        QTest::newRow("echo builtin differs") << QStringLiteral("echo -e x") << QStringList();
        QTest::newRow("pwd builtin differs") << QStringLiteral("pwd") << QStringList();
        QTest::newRow("keyword") << QStringLiteral("if true") << QStringList();
        QTest::newRow("non-ascii") << QStringLiteral("ls caf\u00e9") << QStringList();
    }

    void words()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, words);
        const std::optional<QStringList> result = simpleCommandWords(command);
        QCOMPARE(result.value_or(QStringList()), words);
    }
};

QTEST_APPLESS_MAIN(TestSimpleCommand)
#include "tst_simple_command.moc"
