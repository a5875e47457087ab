#pragma once

#include <QString>
#include <QTextStream>

#include <map>

namespace costscope::app {

// What the command line parsed, for the verbs that live outside CommandLine.cpp.
struct CommandOptions
{
    QString workspace; // empty: the default workspace
    QString format;    // table, csv or json
    std::multimap<QString, QString> options;
};

// costscope anomalies [--from D] [--to D] [--window N] [--threshold PCT] [--method mean|mad]
int runAnomaliesCommand(const CommandOptions &o, QTextStream &out, QTextStream &err);
// costscope forecast [--as-of D] [--months M] [--provider P] [--account A] [--service S]
int runForecastCommand(const CommandOptions &o, QTextStream &out, QTextStream &err);

// The lines of `costscope --help` for these verbs.
QString analysisUsage();

} // namespace costscope::app
