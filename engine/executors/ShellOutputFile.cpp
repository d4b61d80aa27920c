#include "ShellOutputFile.h"

#include <QDir>
#include <QTemporaryDir>

#include <atomic>

namespace pw::engine {

QString newShellOutputPath()
{
    static const QTemporaryDir directory(QDir::tempPath() + u"/pipewright-outputs-XXXXXX");
    static std::atomic<quint64> attempts = 0;
    if (!directory.isValid())
        return QString();
    return directory.filePath(QStringLiteral("attempt-%1").arg(++attempts));
}


ShellOutputs parseShellOutputs(const QByteArray &content)
{
    ShellOutputs outputs;
    const QList<QByteArray> lines = content.split('\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        QByteArray line = lines[index];
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype equals = line.indexOf('=');
        const QString key = QString::fromUtf8(line.left(qMax<qsizetype>(equals, 0))).trimmed();
        if (equals < 0 || key.isEmpty()) {
            outputs.warnings.append(
                QStringLiteral("PW_OUTPUT line %1 ignored (expected key=value): %2")
                    .arg(index + 1)
                    .arg(QString::fromUtf8(line.left(200))));
            continue;
        }
        outputs.values.insert(key, QString::fromUtf8(line.mid(equals + 1)));
    }
    return outputs;
}

} // namespace pw::engine
