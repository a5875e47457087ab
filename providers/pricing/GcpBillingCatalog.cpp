#include "providers/pricing/GcpBillingCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <cmath>
#include <map>

namespace costscope::providers::pricing {

namespace {

// One on-demand core or RAM price of a series in a region.
struct Rate
{
    Money price;
    QString sku;
};

// "units" (an int64 as a JSON string, sometimes a number) + nanos; nullopt when malformed.
std::optional<Money> unitPrice(const QJsonObject &money)
{
    const QJsonValue unitsValue = money.value(QStringLiteral("units"));
    const QJsonValue nanosValue = money.value(QStringLiteral("nanos"));
    bool ok = true;
    qint64 units = 0;
    if (unitsValue.isString())
        units = unitsValue.toString().toLongLong(&ok);
    else if (unitsValue.isDouble())
        units = qint64(unitsValue.toDouble());
    else if (!unitsValue.isUndefined())
        ok = false;
    if (!ok || units < 0 || units > 100000)
        return std::nullopt;
    if (!nanosValue.isUndefined() && !nanosValue.isDouble())
        return std::nullopt;
    const double nanos = nanosValue.toDouble();
    if (nanos < 0 || nanos >= 1e9 || nanos != std::floor(nanos))
        return std::nullopt;
    return Money::fromNanos(units * Money::kScale + qint64(nanos));
}

bool sharedCore(const FlavorShape &f)
{
    static const QStringList names = {QStringLiteral("e2-micro"), QStringLiteral("e2-small"), QStringLiteral("e2-medium"),
                                      QStringLiteral("f1-micro"), QStringLiteral("g1-small")};
    return names.contains(f.flavor) || f.family.endsWith(QStringLiteral("-shared"));
}

} // namespace

QUrl gcpComputeSkusEndpoint()
{
    return QUrl(QStringLiteral("https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus"));
}

QString gcpBillingCatalogScope()
{
    return QStringLiteral("https://www.googleapis.com/auth/cloud-billing.readonly");
}

QString gcpSeriesSkuPrefix(const QString &series)
{
    static const std::map<QString, QString> prefixes = {
        {QStringLiteral("e2"), QStringLiteral("E2 Instance")},
        {QStringLiteral("n1"), QStringLiteral("N1 Predefined Instance")},
        {QStringLiteral("n2"), QStringLiteral("N2 Instance")},
        {QStringLiteral("n2d"), QStringLiteral("N2D AMD Instance")},
        {QStringLiteral("c2"), QStringLiteral("Compute optimized")},
        {QStringLiteral("c2d"), QStringLiteral("C2D AMD Instance")},
        {QStringLiteral("t2d"), QStringLiteral("T2D AMD Instance")},
        {QStringLiteral("c3"), QStringLiteral("C3 Instance")},
        {QStringLiteral("n4"), QStringLiteral("N4 Instance")},
    };
    const auto it = prefixes.find(series.toLower());
    return it == prefixes.end() ? QString() : it->second;
}

bool fetchGcpComputePrices(const net::HttpClient &http, const QUrl &skusUrl, auth::GoogleTokenProvider &tokens,
                           const QStringList &regions, const std::vector<FlavorShape> &flavors, PriceListResult *out,
                           QString *error, const CancelFn &cancelled, int maxPages)
{
    PriceListResult result;
    // The SKU prefixes the flavours need; the rest of the (large) SKU list is passed over.
    std::map<QString, QString> prefixOf; // flavour -> SKU prefix
    for (const FlavorShape &f : flavors) {
        const QString series = f.flavor.section(u'-', 0, 0);
        QString why;
        if (f.flavor.contains(QStringLiteral("custom")))
            why = QStringLiteral("custom machine types are priced per chosen vCPU and memory; not refreshed");
        else if (sharedCore(f))
            why = QStringLiteral("shared-core flavours bill a fraction of a core; not refreshed");
        else if (gcpSeriesSkuPrefix(series).isEmpty())
            why = QStringLiteral("series '%1' has no known SKU name; not refreshed").arg(series);
        else if (f.vcpus <= 0 || f.memoryGiB <= 0)
            why = QStringLiteral("the catalog gives no vCPUs or memory");
        if (!why.isEmpty()) {
            for (const QString &region : regions)
                result.skipped << QStringLiteral("%1 %2: %3").arg(region, f.flavor, why);
            continue;
        }
        prefixOf[f.flavor] = gcpSeriesSkuPrefix(series);
    }
    // (prefix, "Core"/"Ram", region) -> the on-demand rate
    std::map<std::tuple<QString, QString, QString>, Rate> rates;
    const QString endpoint = net::HttpClient::redactedUrl(skusUrl);
    auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
        const QString what = QStringLiteral("GCP Cloud Billing Catalog GET %1 (page %2)")
                                 .arg(endpoint)
                                 .arg(result.requests + 1);
        const auth::GoogleTokenResult bearer = tokens.token(cancelled);
        if (!bearer.ok) {
            *pageError = what + QStringLiteral(": no access token: ") + bearer.error;
            return false;
        }
        QUrl url = skusUrl;
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("currencyCode"), QStringLiteral("USD"));
        query.addQueryItem(QStringLiteral("pageSize"), QStringLiteral("5000"));
        if (!token.isEmpty())
            query.addQueryItem(QStringLiteral("pageToken"), token);
        url.setQuery(query);
        net::HttpRequest request;
        request.url = url;
        request.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer " + bearer.accessToken}};
        ++result.requests;
        const net::HttpResult answer = http.send(std::move(request), cancelled);
        if (!answer.ok) {
            if (answer.response.status == 401)
                tokens.invalidate();
            const QString status = QJsonDocument::fromJson(answer.response.body)
                                       .object()
                                       .value(QStringLiteral("error"))
                                       .toObject()
                                       .value(QStringLiteral("status"))
                                       .toString()
                                       .left(60);
            *pageError = what + QStringLiteral(": ")
                         + (answer.cancelled                 ? QStringLiteral("cancelled")
                            : answer.response.status > 0 ? QStringLiteral("HTTP %1%2").arg(answer.response.status).arg(
                                                               status.isEmpty() ? QString() : u' ' + status)
                                                         : answer.error);
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(answer.response.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            *pageError = what + QStringLiteral(": the answer is not JSON (%1)").arg(parseError.errorString());
            return false;
        }
        const QJsonObject root = doc.object();
        const QJsonValue skus = root.value(QStringLiteral("skus"));
        // The API leaves out an empty list.
        if (!skus.isArray() && !skus.isUndefined()) {
            *pageError = what + QStringLiteral(": skus is not an array");
            return false;
        }
        const QJsonArray list = skus.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject sku = list[i].toObject();
            const QString description = sku.value(QStringLiteral("description")).toString();
            const QJsonObject category = sku.value(QStringLiteral("category")).toObject();
            if (category.value(QStringLiteral("usageType")).toString() != u"OnDemand")
                continue;
            QString prefix, kind;
            for (const auto &[flavor, p] : prefixOf) {
                for (const QString &k : {QStringLiteral("Core"), QStringLiteral("Ram")}) {
                    if (description.startsWith(p + u' ' + k + QStringLiteral(" running in "))) {
                        prefix = p;
                        kind = k;
                    }
                }
            }
            if (prefix.isEmpty())
                continue;
            const QString name = sku.value(QStringLiteral("skuId")).toString().left(40);
            const QJsonArray pricing = sku.value(QStringLiteral("pricingInfo")).toArray();
            const QJsonObject expression =
                pricing.isEmpty() ? QJsonObject() : pricing.last().toObject().value(QStringLiteral("pricingExpression")).toObject();
            const QJsonArray tiers = expression.value(QStringLiteral("tieredRates")).toArray();
            if (tiers.isEmpty()) {
                *pageError = what + QStringLiteral(": SKU %1 (%2) has no pricingInfo tieredRates").arg(name, description.left(80));
                return false;
            }
            const QJsonObject money = tiers.last().toObject().value(QStringLiteral("unitPrice")).toObject();
            const std::optional<Money> price = unitPrice(money);
            if (!price) {
                *pageError = what + QStringLiteral(": SKU %1 (%2) has no usable unitPrice {units, nanos}")
                                        .arg(name, description.left(80));
                return false;
            }
            const QString unit = expression.value(QStringLiteral("usageUnit")).toString();
            const QString currency = money.value(QStringLiteral("currencyCode")).toString();
            const QString expectedUnit = kind == u"Core" ? QStringLiteral("h") : QStringLiteral("GiBy.h");
            const QJsonArray serviceRegions = sku.value(QStringLiteral("serviceRegions")).toArray();
            for (const QJsonValue &r : serviceRegions) {
                const QString region = r.toString();
                if (!regions.contains(region))
                    continue;
                if (unit != expectedUnit || (!currency.isEmpty() && currency != u"USD")) {
                    result.skipped << QStringLiteral("%1 SKU %2 (%3): usage unit '%4' %5, not %6 USD")
                                          .arg(region, name, description.left(80), unit.left(20), currency.left(5),
                                               expectedUnit);
                    continue;
                }
                rates.emplace(std::make_tuple(prefix, kind, region), Rate{*price, name});
            }
        }
        const QJsonValue next = root.value(QStringLiteral("nextPageToken"));
        if (!next.isUndefined() && !next.isNull() && !next.isString()) {
            *pageError = what + QStringLiteral(": nextPageToken is not a string");
            return false;
        }
        *nextToken = next.toString();
        return true;
    };
    if (!prefixOf.empty()) {
        const net::PagingResult paging = net::fetchPages(maxPages, fetchPage, cancelled);
        if (!paging.ok || paging.truncated) {
            *error = paging.truncated ? QStringLiteral("GCP Cloud Billing Catalog GET %1: more than %2 pages")
                                            .arg(endpoint)
                                            .arg(maxPages)
                                      : paging.error.startsWith(QStringLiteral("GCP"))
                                          ? paging.error
                                          : QStringLiteral("GCP Cloud Billing Catalog GET %1: %2").arg(endpoint, paging.error);
            return false;
        }
    }
    for (const FlavorShape &f : flavors) {
        const auto p = prefixOf.find(f.flavor);
        if (p == prefixOf.end())
            continue;
        for (const QString &region : regions) {
            const auto core = rates.find(std::make_tuple(p->second, QStringLiteral("Core"), region));
            const auto ram = rates.find(std::make_tuple(p->second, QStringLiteral("Ram"), region));
            if (core == rates.end() || ram == rates.end()) {
                result.skipped << QStringLiteral("%1 %2: no on-demand '%3 %4 running in' SKU for the region")
                                      .arg(region, f.flavor, p->second,
                                           core == rates.end() ? QStringLiteral("Core") : QStringLiteral("Ram"));
                continue;
            }
            const qint64 nanos = core->second.price.nanos() * f.vcpus
                                 + qint64(std::llround(double(ram->second.price.nanos()) * f.memoryGiB));
            result.prices.push_back({region, f.flavor, Money::fromNanos(nanos)});
        }
    }
    *out = std::move(result);
    return true;
}

} // namespace costscope::providers::pricing
