#pragma once

#include "app/AnalysisCommands.h"

#include <QDate>
#include <QString>
#include <QTextStream>

namespace costscope::app {

// costscope report --pdf FILE [--month YYYY-MM]: the monthly FinOps report as PDF. `today` is
// the clock (tests pass a fixed day).
int runReportCommand(const CommandOptions &o, const QDate &today, QTextStream &out, QTextStream &err);

// The lines of `costscope --help` for this verb.
QString reportUsage();

} // namespace costscope::app
