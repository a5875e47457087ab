#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <map>

namespace costscope::app {

// costscope sweep plan --experiment NAME --param NAME=VALUES... --instance-type T --minutes M
//   --budget B [--name N] [--command CMD] [--hourly-price P] [--tracking-uri URI] [--script FILE] [--save]
// costscope sweep list
// costscope sweep status ID                                   (--format table|json)
int runSweepCommand(const QString &workspacePath, const QString &format, const QStringList &positional,
                    const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err);

// The lines of `costscope --help` for this verb.
QString sweepUsage();

} // namespace costscope::app
