#pragma once

#include "app/AnalysisCommands.h"

#include <QString>
#include <QTextStream>

namespace costscope::app {

// costscope allocation [--from D] [--to D]: each team's cost before and after the allocation rules,
// and what each rule took. costscope allocation rules: the rules. Table, CSV or JSON.
int runAllocationCommand(const CommandOptions &o, const QStringList &positional, QTextStream &out, QTextStream &err);

// The lines of `costscope --help` for this verb.
QString allocationUsage();

} // namespace costscope::app
