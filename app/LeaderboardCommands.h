#pragma once

#include <QString>
#include <QTextStream>

#include <map>

namespace costscope::app {

// costscope leaderboard --experiment NAME [--primary METRIC] [--direction max|min]
//   [--aggregation last|max|min|avg|sum] [--target X] [--secondary KEY[:AGG],...]
//   [--min KEY=X]... [--max KEY=X]... [--group-by-param P]... [--group-by-tag T]...
//   [--datasets A,B,...] [--min-datasets N]   (--format table|json|csv)
int runLeaderboardCommand(const QString &workspacePath, const QString &format,
                          const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err);

// The lines of `costscope --help` for this verb.
QString leaderboardUsage();

} // namespace costscope::app
