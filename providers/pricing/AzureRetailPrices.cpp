#include "providers/pricing/AzureRetailPrices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <set>

namespace costscope::providers::pricing {

QUrl azureRetailPricesEndpoint()
{
    return QUrl(QStringLiteral("https://prices.azure.com/api/retail/prices"));
}

bool fetchAzureVmPrices(const net::HttpClient &http, const QUrl &endpoint, const QStringList &regions,
                        const QStringList &flavors, std::vector<AzurePrice> *out, QString *error,
                        const CancelFn &cancelled, int maxPages)
{
    std::vector<AzurePrice> prices;
    const std::set<QString> wanted(flavors.begin(), flavors.end());
    QStringList regionTerms;
    for (const QString &r : regions)
        regionTerms << QStringLiteral("armRegionName eq '%1'").arg(QString(r).remove(QLatin1Char('\'')));
    QUrl url = endpoint;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("$filter"),
                       QStringLiteral("serviceName eq 'Virtual Machines' and priceType eq 'Consumption'")
                           + (regionTerms.isEmpty() ? QString()
                                                    : QStringLiteral(" and (") + regionTerms.join(QStringLiteral(" or "))
                                                          + QLatin1Char(')')));
    url.setQuery(query);
    for (int page = 0; page < maxPages; ++page) {
        net::HttpRequest request;
        request.url = url;
        const net::HttpResult result = http.send(request, cancelled);
        if (!result.ok) {
            *error = result.error.isEmpty() ? QStringLiteral("GET %1 failed: HTTP %2")
                                                  .arg(net::HttpClient::redactedUrl(url))
                                                  .arg(result.response.status)
                                            : result.error;
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(result.response.body, &parseError);
        const QString where = QStringLiteral("GET %1 (page %2)").arg(net::HttpClient::redactedUrl(url)).arg(page + 1);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *error = where + QStringLiteral(": not JSON: ") + parseError.errorString();
            return false;
        }
        const QJsonObject root = doc.object();
        if (!root.value(QStringLiteral("Items")).isArray()) {
            *error = where + QStringLiteral(": no Items array");
            return false;
        }
        const QJsonArray items = root.value(QStringLiteral("Items")).toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonObject item = items[i].toObject();
            const QString sku = item.value(QStringLiteral("armSkuName")).toString();
            if (!wanted.empty() && !wanted.count(sku))
                continue;
            const QString skuName = item.value(QStringLiteral("skuName")).toString();
            const QString product = item.value(QStringLiteral("productName")).toString();
            if (product.contains(u"Windows") || skuName.contains(u"Spot") || skuName.contains(u"Low Priority")
                || item.value(QStringLiteral("type")).toString() != u"Consumption"
                || item.value(QStringLiteral("unitOfMeasure")).toString() != u"1 Hour"
                || item.value(QStringLiteral("currencyCode")).toString() != u"USD")
                continue;
            const QJsonValue price = item.value(QStringLiteral("retailPrice"));
            if (!price.isDouble() || price.toDouble() <= 0 || price.toDouble() > 10000) {
                *error = where + QStringLiteral(": item %1 (%2) has no usable retailPrice").arg(i).arg(sku);
                return false;
            }
            prices.push_back({item.value(QStringLiteral("armRegionName")).toString(), sku,
                              Money::fromDouble(price.toDouble())});
        }
        const QJsonValue next = root.value(QStringLiteral("NextPageLink"));
        if (next.isNull() || next.isUndefined() || next.toString().isEmpty()) {
            *out = std::move(prices);
            return true;
        }
        const QUrl nextUrl(next.toString());
        if (!nextUrl.isValid() || (nextUrl.scheme() != u"https" && nextUrl.scheme() != endpoint.scheme())) {
            *error = where + QStringLiteral(": NextPageLink is not a usable URL");
            return false;
        }
        url = nextUrl;
    }
    *error = QStringLiteral("GET %1: more than %2 pages").arg(net::HttpClient::redactedUrl(endpoint)).arg(maxPages);
    return false;
}

} // namespace costscope::providers::pricing
