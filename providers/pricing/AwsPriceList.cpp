#include "providers/pricing/AwsPriceList.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace costscope::providers::pricing {

namespace {

struct Term
{
    const char *field;
    QString value;
};

QJsonObject termMatch(const QString &field, const QString &value)
{
    return QJsonObject{{QStringLiteral("Type"), QStringLiteral("TERM_MATCH")},
                       {QStringLiteral("Field"), field},
                       {QStringLiteral("Value"), value}};
}

// The error type of a JSON 1.1 error answer ("...#ThrottlingException" -> "ThrottlingException").
QString errorType(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QString type = o.value(QStringLiteral("__type")).toString();
    if (type.isEmpty())
        type = o.value(QStringLiteral("code")).toString();
    return type.section(u'#', -1).left(100);
}

// The hourly USD price of one OnDemand term, or an explanation of why there is none.
// A price that is present but not a decimal number makes the answer malformed.
bool onDemandHourly(const QJsonObject &terms, Money *price, QString *skip, QString *malformed)
{
    const QJsonValue onDemand = terms.value(QStringLiteral("OnDemand"));
    if (!onDemand.isObject() || onDemand.toObject().isEmpty()) {
        *skip = QStringLiteral("no OnDemand term");
        return false;
    }
    const QJsonObject offers = onDemand.toObject();
    for (auto offer = offers.begin(); offer != offers.end(); ++offer) {
        const QJsonObject dimensions = offer.value().toObject().value(QStringLiteral("priceDimensions")).toObject();
        for (auto d = dimensions.begin(); d != dimensions.end(); ++d) {
            const QJsonObject dimension = d.value().toObject();
            if (dimension.value(QStringLiteral("unit")).toString() != u"Hrs")
                continue;
            const QJsonValue usd = dimension.value(QStringLiteral("pricePerUnit")).toObject().value(QStringLiteral("USD"));
            const std::optional<Money> parsed = usd.isString() ? Money::parse(usd.toString()) : std::nullopt;
            if (!parsed || parsed->nanos() < 0) {
                *malformed = QStringLiteral("pricePerUnit.USD of %1 is not a decimal number").arg(d.key());
                return false;
            }
            if (parsed->nanos() == 0)
                continue; // e.g. the zero rate of a capacity reservation dimension
            *price = *parsed;
            return true;
        }
    }
    *skip = QStringLiteral("no hourly USD price");
    return false;
}

} // namespace

QUrl awsPriceListEndpoint()
{
    return QUrl(QStringLiteral("https://api.pricing.us-east-1.amazonaws.com/"));
}

bool fetchAwsEc2Prices(const net::HttpClient &http, const QUrl &endpoint, const auth::AwsCredentials &credentials,
                       const QStringList &regions, const QStringList &flavors, PriceListResult *out, QString *error,
                       const CancelFn &cancelled, int maxPages)
{
    PriceListResult result;
    const QString url = net::HttpClient::redactedUrl(endpoint);
    for (const QString &region : regions) {
        for (const QString &flavor : flavors) {
            const QList<Term> wanted = {{"instanceType", flavor},
                                        {"regionCode", region},
                                        {"operatingSystem", QStringLiteral("Linux")},
                                        {"tenancy", QStringLiteral("Shared")},
                                        {"preInstalledSw", QStringLiteral("NA")},
                                        {"capacitystatus", QStringLiteral("Used")},
                                        {"licenseModel", QStringLiteral("No License required")}};
            QJsonArray filters;
            for (const Term &t : wanted)
                filters.append(termMatch(QString::fromLatin1(t.field), t.value));
            bool priced = false;
            QString lastSkip = QStringLiteral("no product");
            auto fetchPage = [&](const QString &token, QString *nextToken, QString *pageError) -> bool {
                const QString what = QStringLiteral("AWS Price List GetProducts %1 in %2 (POST %3%4)")
                                         .arg(flavor, region, url,
                                              token.isEmpty() ? QString() : QStringLiteral(", next page"));
                QJsonObject body{{QStringLiteral("ServiceCode"), QStringLiteral("AmazonEC2")},
                                 {QStringLiteral("FormatVersion"), QStringLiteral("aws_v1")},
                                 {QStringLiteral("MaxResults"), 100},
                                 {QStringLiteral("Filters"), filters}};
                if (!token.isEmpty())
                    body.insert(QStringLiteral("NextToken"), token);
                net::HttpRequest request;
                request.method = "POST";
                request.url = endpoint;
                request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                                   {"X-Amz-Target", "AWSPriceListService.GetProducts"}};
                request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
                const auth::AwsCredentials signing = credentials;
                // Signed on every attempt, so that a retry carries a fresh time.
                request.prepare = [signing](net::HttpRequest &r) {
                    auth::SigV4Signer::signHttpRequest(r, signing, QStringLiteral("us-east-1"), QStringLiteral("pricing"),
                                                       QDateTime::currentDateTimeUtc());
                };
                // The Price List API signals throttling with HTTP 400 and ThrottlingException.
                request.retryable = [](const net::HttpResponse &r) {
                    return r.status == 400 && errorType(r.body) == u"ThrottlingException";
                };
                ++result.requests;
                const net::HttpResult answer = http.send(std::move(request), cancelled);
                if (!answer.ok) {
                    const QString type = answer.response.status >= 400 ? errorType(answer.response.body) : QString();
                    *pageError = what + QStringLiteral(": ")
                                 + (answer.cancelled ? QStringLiteral("cancelled")
                                                     : answer.response.status > 0
                                                           ? QStringLiteral("HTTP %1%2").arg(answer.response.status)
                                                                 .arg(type.isEmpty() ? QString() : u' ' + type)
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
                const QJsonValue list = root.value(QStringLiteral("PriceList"));
                if (!list.isArray()) {
                    *pageError = what + QStringLiteral(": the answer has no PriceList array");
                    return false;
                }
                const QJsonArray entries = list.toArray();
                for (qsizetype i = 0; i < entries.size(); ++i) {
                    if (!entries[i].isString()) {
                        *pageError = what + QStringLiteral(": PriceList[%1] is not a JSON string").arg(i);
                        return false;
                    }
                    const QJsonDocument product = QJsonDocument::fromJson(entries[i].toString().toUtf8(), &parseError);
                    if (parseError.error != QJsonParseError::NoError || !product.isObject()) {
                        *pageError = what + QStringLiteral(": PriceList[%1] is not a JSON document (%2)")
                                                .arg(i)
                                                .arg(parseError.errorString());
                        return false;
                    }
                    const QJsonObject attributes = product.object()
                                                       .value(QStringLiteral("product"))
                                                       .toObject()
                                                       .value(QStringLiteral("attributes"))
                                                       .toObject();
                    if (attributes.isEmpty()) {
                        *pageError = what + QStringLiteral(": PriceList[%1] has no product.attributes").arg(i);
                        return false;
                    }
                    // The filters again: a product that does not match is not a Linux on-demand price.
                    QString mismatch;
                    for (const Term &t : wanted) {
                        const QString v = attributes.value(QString::fromLatin1(t.field)).toString();
                        if (v != t.value) {
                            mismatch = QStringLiteral("%1 is '%2'").arg(QString::fromLatin1(t.field), v.left(60));
                            break;
                        }
                    }
                    if (!mismatch.isEmpty()) {
                        result.skipped << QStringLiteral("%1 %2: a product whose %3").arg(region, flavor, mismatch);
                        continue;
                    }
                    Money price;
                    QString skip, malformed;
                    if (!onDemandHourly(product.object().value(QStringLiteral("terms")).toObject(), &price, &skip,
                                        &malformed)) {
                        if (!malformed.isEmpty()) {
                            *pageError = what + QStringLiteral(": PriceList[%1]: ").arg(i) + malformed;
                            return false;
                        }
                        lastSkip = skip;
                        continue;
                    }
                    if (!priced) {
                        result.prices.push_back({region, flavor, price});
                        priced = true;
                    }
                }
                const QJsonValue next = root.value(QStringLiteral("NextToken"));
                if (!next.isUndefined() && !next.isNull() && !next.isString()) {
                    *pageError = what + QStringLiteral(": NextToken is not a string");
                    return false;
                }
                *nextToken = next.toString();
                return true;
            };
            const net::PagingResult paging = net::fetchPages(maxPages, fetchPage, cancelled);
            if (!paging.ok || paging.truncated) {
                *error = paging.truncated ? QStringLiteral("AWS Price List GetProducts %1 in %2 (POST %3): more than %4 "
                                                           "pages")
                                                .arg(flavor, region, url)
                                                .arg(maxPages)
                                          : paging.error.startsWith(QStringLiteral("AWS Price List"))
                                              ? paging.error
                                              : QStringLiteral("AWS Price List GetProducts %1 in %2 (POST %3): %4")
                                                    .arg(flavor, region, url, paging.error);
                return false;
            }
            if (!priced)
                result.skipped << QStringLiteral("%1 %2: %3").arg(region, flavor, lastSkip);
        }
    }
    *out = std::move(result);
    return true;
}

} // namespace costscope::providers::pricing
