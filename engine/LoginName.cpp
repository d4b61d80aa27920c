#include "LoginName.h"

#include <QCoreApplication>
#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

namespace pw::engine {

QString loginName()
{
    if (const passwd *entry = ::getpwuid(::getuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

QString processOwner()
{
    return QStringLiteral("%1@%2, pid %3").arg(loginName(), QSysInfo::machineHostName()).arg(::getpid());
}

} // namespace pw::engine
