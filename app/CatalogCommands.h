#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <map>

namespace costscope::app {

// costscope catalog refresh [--provider azure|aws|gcp|alibaba] [--account NAME] [--endpoint URL]
//   downloads on-demand Linux VM prices for the flavours and regions of the catalog (Azure Retail
//   Prices API without an account; AWS Price List, GCP Cloud Billing Catalog and Alibaba Cloud ECS
//   DescribePrice with the keys of a connected account, read from the keychain), and writes <workspace>.flavors.csv, which the recommendations prefer
//   over the bundled catalog. A failed download leaves the old file as it was.
int runCatalogCommand(const QString &workspacePath, const QStringList &positional,
                      const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err);

QString catalogUsage();

} // namespace costscope::app
