#include "app/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace costscope::app {

QString defaultWorkspacePath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.costscope");
    QDir().mkpath(dir);
    return dir + QStringLiteral("/workspace.costscope");
}

QStringList takeFilesToOpen(QStringList *args)
{
    QStringList files;
    bool first = true;
    for (qsizetype i = 0; i < args->size();) {
        const QString &a = args->at(i);
        if (a == u"--workspace") {
            i += 2;
            continue;
        }
        if (a.startsWith(u'-')) {
            ++i;
            continue;
        }
        const bool pathLike = (a.contains(u'/') || a.contains(u'\\') || a.contains(u'.')) && QFileInfo::exists(a);
        if (first && !pathLike)
            return {};
        first = false;
        if (pathLike) {
            files << a;
            args->removeAt(i);
            continue;
        }
        ++i;
    }
    return files;
}

} // namespace costscope::app
