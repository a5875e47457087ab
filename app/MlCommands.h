#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <map>

namespace costscope::app {

// costscope runs import PATH...   (mlruns folders, mlflow.db files, tfevents files or folders)
int runRunsCommand(const QString &workspacePath, const QString &format, const QStringList &positional,
                   QTextStream &out, QTextStream &err);

// costscope tracking-server [--port P] [--token-env NAME]: serves until SIGINT or SIGTERM (needs a
// QCoreApplication), then closes the workspace.
int runTrackingServerCommand(const QString &workspacePath, const std::multimap<QString, QString> &options,
                             QTextStream &out, QTextStream &err);

// The lines of `costscope --help` for these verbs.
QString mlUsage();

} // namespace costscope::app
