#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <map>

namespace costscope::app {

// costscope recommendations [--module ID] [--all]            run every module, list what they found
// costscope recommendations dismiss|restore MODULE RESOURCE  hide an item from the totals, or bring it back
// Table (default), csv or json; money is a decimal string with the currency beside it.
int runRecommendationsCommand(const QString &workspacePath, const QString &format, const QStringList &positional,
                              const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err);

QString recommendationsUsage();

} // namespace costscope::app
