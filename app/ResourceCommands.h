#pragma once

#include <QDateTime>
#include <QString>
#include <QTextStream>

namespace costscope::app {

// `costscope resources [--provider P] [--format table|json|csv]`: the inventory with the
// Resources tab's columns. now: UTC seconds for "this month", CPU statistics and TTLs.
int runResourcesCommand(const QString &workspacePath, const QString &format, const QString &provider, int64_t now,
                        QTextStream &out, QTextStream &err);

} // namespace costscope::app
