#include "app/Workspace.h"

#include <QDir>
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

} // namespace costscope::app
