#include "SimpleCommand.h"

#include <QSet>

namespace pw::engine {

namespace {

bool isPlainWordCharacter(QChar c)
{
    if (c.unicode() >= 128)
        return false; // the shell's idea of a word in other encodings is not ours to guess
    if (c.isLetterOrNumber())
        return true;
    switch (c.unicode()) {
    case '_': case '-': case '.': case '/': case ',': case '+': case '=': case ':': case '@':
    case '%':
        return true;
    default:
        return false;
    }
}

// POSIX keywords and the builtins of dash and bash: these mean something else, or behave
// differently (echo, pwd, test, kill), when run as programs.
const QSet<QString> &shellWords()
{
    static const QSet<QString> words{
        QStringLiteral("!"), QStringLiteral("case"), QStringLiteral("do"), QStringLiteral("done"),
        QStringLiteral("elif"), QStringLiteral("else"), QStringLiteral("esac"), QStringLiteral("fi"),
        QStringLiteral("for"), QStringLiteral("function"), QStringLiteral("if"), QStringLiteral("in"),
        QStringLiteral("select"), QStringLiteral("then"), QStringLiteral("time"),
        QStringLiteral("until"), QStringLiteral("while"), QStringLiteral("."), QStringLiteral(":"),
        QStringLiteral("alias"), QStringLiteral("bg"), QStringLiteral("break"), QStringLiteral("cd"),
        QStringLiteral("chdir"), QStringLiteral("command"), QStringLiteral("continue"),
        QStringLiteral("echo"), QStringLiteral("eval"), QStringLiteral("exec"), QStringLiteral("exit"),
        QStringLiteral("export"), QStringLiteral("fc"), QStringLiteral("fg"), QStringLiteral("getopts"),
        QStringLiteral("hash"), QStringLiteral("jobs"), QStringLiteral("kill"), QStringLiteral("local"),
        QStringLiteral("printf"), QStringLiteral("pwd"), QStringLiteral("read"),
        QStringLiteral("readonly"), QStringLiteral("return"), QStringLiteral("set"),
        QStringLiteral("shift"), QStringLiteral("source"), QStringLiteral("test"),
        QStringLiteral("times"), QStringLiteral("trap"), QStringLiteral("type"),
        QStringLiteral("ulimit"), QStringLiteral("umask"), QStringLiteral("unalias"),
        QStringLiteral("unset"), QStringLiteral("wait"),
    };
    return words;
}

} // namespace

std::optional<QStringList> simpleCommandWords(const QString &command)
{
    QStringList words;
    QString word;
    for (QChar c : command) {
        if (c == u' ' || c == u'\t') {
            if (!word.isEmpty())
                words.append(std::exchange(word, QString()));
        } else if (isPlainWordCharacter(c)) {
            word.append(c);
        } else {
            return std::nullopt; // quoting, expansion, redirection, a newline, a comment...
        }
    }
    if (!word.isEmpty())
        words.append(word);
    if (words.isEmpty())
        return std::nullopt;
    const QString &first = words.first();
    // `NAME=value cmd` is an assignment; `-x` would be an option to nobody.
    if (first.contains(u'=') || first.startsWith(u'-') || shellWords().contains(first))
        return std::nullopt;
    return words;
}

} // namespace pw::engine
