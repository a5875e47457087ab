#include "app/CatalogCommands.h"

#include "model/analysis/recommendations/FlavorCatalog.h"
#include "providers/pricing/AzureRetailPrices.h"

#include <QDateTime>
#include <QSaveFile>

#include <set>

namespace costscope::app {

QString catalogUsage()
{
    return QStringLiteral("  catalog refresh [--provider azure] [--endpoint URL]  Azure VM prices from the public price list\n");
}

int runCatalogCommand(const QString &workspacePath, const QStringList &positional,
                      const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err)
{
    if (positional.value(0) != u"refresh") {
        err << "costscope catalog: usage: " << catalogUsage();
        return 2;
    }
    auto value = [&](const char *name, const QString &fallback) {
        const auto it = options.find(QString::fromLatin1(name));
        return it == options.end() ? fallback : it->second;
    };
    const QString provider = value("provider", QStringLiteral("azure")).toLower();
    if (provider != u"azure") {
        err << "costscope catalog refresh: only --provider azure is implemented (the AWS price list offer files "
               "are hundreds of megabytes per region; not yet read)\n";
        return 2;
    }
    const QUrl endpoint = options.count(QStringLiteral("endpoint"))
                              ? QUrl(value("endpoint", {}))
                              : providers::pricing::azureRetailPricesEndpoint();
    if (!endpoint.isValid() || (endpoint.scheme() != u"https" && endpoint.scheme() != u"http")) {
        err << "costscope catalog refresh: --endpoint is not an http(s) URL\n";
        return 2;
    }
    QString source;
    analysis::FlavorCatalog catalog = analysis::FlavorCatalog::forWorkspace(workspacePath, &source);
    std::set<QString> regions, flavors;
    for (const analysis::Flavor &f : catalog.flavors()) {
        if (f.provider != u"Azure")
            continue;
        regions.insert(f.region);
        flavors.insert(f.name);
    }
    std::vector<providers::pricing::AzurePrice> prices;
    QString error;
    const providers::net::HttpClient http;
    if (!providers::pricing::fetchAzureVmPrices(http, endpoint, QStringList(regions.begin(), regions.end()),
                                                QStringList(flavors.begin(), flavors.end()), &prices, &error)) {
        err << "costscope catalog refresh: " << error << " (the catalog was not changed)\n";
        return 1;
    }
    std::vector<std::tuple<QString, QString, Money>> rows;
    for (const auto &p : prices)
        rows.emplace_back(p.region, p.flavor, p.hourly);
    const int changed = catalog.applyPrices(QStringLiteral("Azure"), rows);
    const QString file = analysis::FlavorCatalog::workspaceFile(workspacePath);
    QSaveFile save(file);
    const QByteArray text = catalog.toCsv(
        QStringLiteral("Costscope flavour catalog, refreshed %1 from %2 (Azure prices; the rest from %3).")
            .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), endpoint.toString(QUrl::RemoveQuery), source));
    if (!save.open(QIODevice::WriteOnly) || save.write(text) != text.size() || !save.commit()) {
        err << "costscope catalog refresh: cannot write " << file << ": " << save.errorString() << '\n';
        return 1;
    }
    out << prices.size() << " Azure prices read, " << changed << " catalog rows changed or added; written to " << file
        << '\n';
    return 0;
}

} // namespace costscope::app
