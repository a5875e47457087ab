#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <map>

namespace costscope::app {

// costscope catalog refresh [--provider azure] [--endpoint URL]
//   downloads on-demand Linux VM prices from the Azure Retail Prices API for the flavours and
//   regions of the catalog, and writes <workspace>.flavors.csv, which the recommendations prefer
//   over the bundled catalog. A failed download leaves the old file as it was.
int runCatalogCommand(const QString &workspacePath, const QStringList &positional,
                      const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err);

QString catalogUsage();

} // namespace costscope::app
