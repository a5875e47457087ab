#include "providers/pricing/AlibabaEcsPrices.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

namespace costscope::providers::pricing {

namespace {

QString errorCode(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QStringLiteral("Code")).toString().left(80);
}

// Codes with which DescribePrice says that the region does not sell the instance type.
bool notSoldHere(const QString &code)
{
    return code.startsWith(QStringLiteral("InvalidInstanceType")) || code == u"InvalidParam.InstanceType"
           || code == u"InvalidParameter.InstanceType" || code.startsWith(QStringLiteral("InvalidResourceType"))
           || code == u"PriceNotFound";
}

std::optional<Money> price(const QJsonValue &v)
{
    if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > 10000)
        return std::nullopt;
    return Money::fromDouble(v.toDouble());
}

} // namespace

bool fetchAlibabaEcsPrices(const net::HttpClient &http, const QUrl &endpoint, const auth::AlibabaCredentials &credentials,
                           const QStringList &regions, const QStringList &flavors, PriceListResult *out, QString *error,
                           const CancelFn &cancelled)
{
    PriceListResult result;
    auto scrub = [&credentials](QString text) {
        if (credentials.accessKeySecret.size() >= 4)
            text.replace(credentials.accessKeySecret, QStringLiteral("REDACTED"));
        return text;
    };
    for (const QString &region : regions) {
        if (region.isEmpty() || region.contains(QRegularExpression(QStringLiteral("[^a-z0-9-]")))) {
            *error = QStringLiteral("Alibaba Cloud ECS DescribePrice: '%1' is not a region id").arg(region.left(40));
            return false;
        }
        const QUrl base = endpoint.isEmpty() ? QUrl(QStringLiteral("https://ecs.%1.aliyuncs.com/").arg(region)) : endpoint;
        for (const QString &flavor : flavors) {
            const QString what = QStringLiteral("Alibaba Cloud ECS DescribePrice %1 in %2 (GET %3)")
                                     .arg(flavor, region, net::HttpClient::redactedUrl(base));
            const auth::QueryParams params = {{QStringLiteral("Action"), QStringLiteral("DescribePrice")},
                                              {QStringLiteral("Version"), QStringLiteral("2014-05-26")},
                                              {QStringLiteral("RegionId"), region},
                                              {QStringLiteral("ResourceType"), QStringLiteral("instance")},
                                              {QStringLiteral("InstanceType"), flavor},
                                              {QStringLiteral("PriceUnit"), QStringLiteral("Hour")},
                                              {QStringLiteral("Period"), QStringLiteral("1")},
                                              {QStringLiteral("Amount"), QStringLiteral("1")},
                                              {QStringLiteral("InstanceNetworkType"), QStringLiteral("vpc")},
                                              {QStringLiteral("SystemDisk.Category"), QStringLiteral("cloud_essd")}};
            net::HttpRequest request;
            request.method = "GET";
            request.url = base;
            const auth::AlibabaCredentials signing = credentials;
            // Signed again on every attempt: a retry needs a fresh nonce and time stamp.
            request.prepare = [signing, params, base](net::HttpRequest &r) {
                const auth::QueryParams all = auth::AlibabaRpcSigner::withCommonParameters(
                    params, signing, QDateTime::currentDateTimeUtc(), QUuid::createUuid().toString(QUuid::WithoutBraces));
                QUrl plain = base;
                plain.setQuery(QString());
                r.url = QUrl::fromEncoded(plain.toEncoded() + '?' + auth::AlibabaRpcSigner::signedQuery("GET", all, signing),
                                          QUrl::StrictMode);
            };
            request.retryable = [](const net::HttpResponse &r) {
                return (r.status == 400 || r.status == 503) && errorCode(r.body).startsWith(QStringLiteral("Throttling"));
            };
            ++result.requests;
            const net::HttpResult answer = http.send(std::move(request), cancelled);
            if (!answer.ok) {
                const QString code = answer.response.status >= 400 ? errorCode(answer.response.body) : QString();
                if (answer.response.status >= 400 && answer.response.status < 500 && notSoldHere(code)) {
                    result.skipped << QStringLiteral("%1 %2: not sold in the region (%3)").arg(region, flavor, code);
                    continue;
                }
                *error = scrub(what + QStringLiteral(": ")
                               + (answer.cancelled                 ? QStringLiteral("cancelled")
                                  : answer.response.status > 0 ? QStringLiteral("HTTP %1%2").arg(answer.response.status).arg(
                                                                     code.isEmpty() ? QString() : u' ' + code)
                                                               : answer.error));
                return false;
            }
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(answer.response.body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
                *error = what + QStringLiteral(": the answer is not JSON (%1)").arg(parseError.errorString());
                return false;
            }
            const QJsonObject p = doc.object().value(QStringLiteral("PriceInfo")).toObject().value(QStringLiteral("Price")).toObject();
            if (p.isEmpty()) {
                *error = what + QStringLiteral(": the answer has no PriceInfo.Price");
                return false;
            }
            const QString currency = p.value(QStringLiteral("Currency")).toString();
            if (currency != u"USD") {
                *error = what + QStringLiteral(": the price is in '%1', the catalog holds USD (use an account of the "
                                               "international site)")
                                    .arg(currency.left(5));
                return false;
            }
            std::optional<Money> hourly;
            const QJsonArray details =
                p.value(QStringLiteral("DetailInfos")).toObject().value(QStringLiteral("DetailInfo")).toArray();
            for (const QJsonValue &d : details) {
                const QJsonObject o = d.toObject();
                if (o.value(QStringLiteral("Resource")).toString() == u"instanceType") {
                    hourly = price(o.value(QStringLiteral("TradePrice")));
                    if (!hourly) {
                        *error = what + QStringLiteral(": the instanceType TradePrice is not a number");
                        return false;
                    }
                }
            }
            if (!hourly)
                hourly = price(p.value(QStringLiteral("TradePrice")));
            if (!hourly) {
                *error = what + QStringLiteral(": PriceInfo.Price.TradePrice is not a number");
                return false;
            }
            if (hourly->nanos() == 0) {
                result.skipped << QStringLiteral("%1 %2: a price of zero").arg(region, flavor);
                continue;
            }
            result.prices.push_back({region, flavor, *hourly});
        }
    }
    *out = std::move(result);
    return true;
}

} // namespace costscope::providers::pricing
