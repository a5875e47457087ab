#pragma once

#include "app/AnalysisCommands.h"

#include <QDate>
#include <QString>
#include <QTextStream>

#include <cstdint>

namespace costscope::app {

// costscope budgets [--month YYYY-MM] [--list pools|violations]: every pool with its limit, month
// to date, month-end forecast and status, the alerts crossed and the constraint violations.
// `today` and `now` (UTC seconds) are the clock (tests pass fixed values). Read-only: alerts are
// listed, not recorded as fired (the window does that).
int runBudgetsCommand(const CommandOptions &o, const QDate &today, int64_t now, QTextStream &out, QTextStream &err);

// The lines of `costscope --help` for this verb.
QString budgetsUsage();

} // namespace costscope::app
