#pragma once

#include <QDateTime>
#include <QString>
#include <QTextStream>

namespace costscope::app {

// `costscope resources [--provider P] [--currency CODE] [--format table|json|csv]`: the inventory
// with the Resources tab's columns. now: UTC seconds for "this month", CPU statistics and TTLs.
// currency: the costs' currency (empty: the workspace's main one); each month of another currency
// is converted with that month's rate, a month without one is left out of the costs and named
// (JSON "unconverted", a "Not counted" line after the table, on standard error with CSV).
int runResourcesCommand(const QString &workspacePath, const QString &format, const QString &provider, int64_t now,
                        QTextStream &out, QTextStream &err, const QString &currency = {});

} // namespace costscope::app
