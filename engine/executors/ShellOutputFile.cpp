#include "ShellOutputFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <atomic>
#include <cerrno>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace pw::engine {

namespace {

constexpr char kOwnerLock[] = ".owner";

// Directories of programs that died without removing theirs (SIGKILL, a crash, power): their
// owner held a lock on the `.owner` file inside, which the kernel let go of with the program.
// One without that file is someone's being made right now, unless it is old.
void removeLeftovers(const QString &tempPath)
{
    const QDir temp(tempPath);
    const QFileInfoList candidates = temp.entryInfoList({QStringLiteral("pipewright-outputs-*")},
                                                        QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QFileInfo &candidate : candidates) {
        if (candidate.ownerId() != ::getuid() || candidate.isSymLink())
            continue;
        const QByteArray lockPath = QFile::encodeName(candidate.filePath() + u'/' + QLatin1String(kOwnerLock));
        const int fd = ::open(lockPath.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            if (errno == ENOENT && candidate.lastModified().secsTo(QDateTime::currentDateTime()) > 60)
                QDir(candidate.filePath()).removeRecursively();
            continue;
        }
        const bool ownerGone = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
        if (ownerGone)
            QDir(candidate.filePath()).removeRecursively();
        ::close(fd); // also lets go of our lock
    }
}

// Our directory, made on first use with its `.owner` lock held until we exit.
class OutputDirectory
{
public:
    OutputDirectory() : m_directory(QDir::tempPath() + u"/pipewright-outputs-XXXXXX")
    {
        removeLeftovers(QDir::tempPath());
        if (!m_directory.isValid())
            return;
        const QByteArray lockPath = QFile::encodeName(m_directory.filePath(QLatin1String(kOwnerLock)));
        m_lockFd = ::open(lockPath.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (m_lockFd >= 0)
            ::flock(m_lockFd, LOCK_EX | LOCK_NB);
    }
    ~OutputDirectory()
    {
        if (m_lockFd >= 0)
            ::close(m_lockFd);
    }
    OutputDirectory(const OutputDirectory &) = delete;
    OutputDirectory &operator=(const OutputDirectory &) = delete;

    bool isValid() const { return m_directory.isValid(); }
    QString filePath(const QString &name) const { return m_directory.filePath(name); }

private:
    QTemporaryDir m_directory;
    int m_lockFd = -1;
};

} // namespace

QString newShellOutputPath()
{
    static const OutputDirectory directory;
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
