#pragma once

// Local stand-ins for the three price lists `costscope catalog refresh` reads with an account's
// keys, each on its own LocalHttpServer (127.0.0.1). They check what the real services check and
// answer in the documented shapes:
//  - FakeAwsPricing: POST / with X-Amz-Target AWSPriceListService.GetProducts, JSON 1.1 body,
//    SigV4 (service "pricing", region us-east-1) recomputed over the signed headers; TERM_MATCH
//    filters applied to the products' attributes; PriceList entries as JSON strings; NextToken.
//  - FakeGcpBillingCatalog: POST /token (JWT bearer grant, RS256 verified with the public half of
//    tests/data/gcp's test key, the cloud-billing scope required), then
//    GET /v1/services/6F81-5844-456A/skus with a Bearer token it issued; nextPageToken.
//  - FakeAlibabaPricing: GET /?Action=DescribePrice... signed with RPC signature v1.0 (HMAC-SHA1),
//    unique nonces; PriceInfo.Price with DetailInfos; Code InvalidInstanceType.ValueNotSupported
//    for a type the region does not sell.
// Requests that fail a check are answered with the service's error and listed in rejections().

#include "support/LocalHttpServer.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <mutex>
#include <set>

namespace costscope::testsupport {

class FakeAwsPricing
{
public:
    struct Product
    {
        QString instanceType;
        QString regionCode;
        QString usd; // pricePerUnit.USD, as the API writes it ("0.1920000000")
        QString operatingSystem = QStringLiteral("Linux");
        QString tenancy = QStringLiteral("Shared");
        QString preInstalledSw = QStringLiteral("NA");
        QString capacitystatus = QStringLiteral("Used");
        QString licenseModel = QStringLiteral("No License required");
        bool onDemand = true;          // false: only a Reserved term
        bool ignoresFilters = false;   // returned for its instance type whatever the other filters say
    };

    FakeAwsPricing(QString keyId, QString secret);
    bool start();
    QUrl url() const { return m_server.url(QStringLiteral("/")); }
    LocalHttpServer &server() { return m_server; }

    void addProduct(const Product &p);
    void setPageSize(int n);
    // The Filters array of every accepted request, in order.
    QList<QJsonArray> filtersSeen() const;
    QStringList rejections() const;

private:
    ScriptedResponse handle(const RecordedRequest &r);

    LocalHttpServer m_server;
    QString m_keyId, m_secret;
    mutable std::mutex m_mutex;
    QList<Product> m_products;
    int m_pageSize = 100;
    QList<QJsonArray> m_filters;
    QStringList m_rejections;
};

class FakeGcpBillingCatalog
{
public:
    FakeGcpBillingCatalog();
    ~FakeGcpBillingCatalog();
    bool start();
    QUrl skusUrl() const { return m_server.url(QStringLiteral("/v1/services/6F81-5844-456A/skus")); }
    QUrl tokenUrl() const { return m_server.url(QStringLiteral("/token")); }
    LocalHttpServer &server() { return m_server; }

    // One SKU; price = units + nanos / 1e9 USD per usageUnit.
    void addSku(const QString &description, const QString &usageType, const QStringList &regions, qint64 units,
                int nanos, const QString &usageUnit);
    void setPageSize(int n);
    int tokensIssued() const;
    int skuPagesServed() const;
    QStringList rejections() const;

private:
    ScriptedResponse handle(const RecordedRequest &r);
    ScriptedResponse token(const RecordedRequest &r);

    LocalHttpServer m_server;
    struct Key;
    std::unique_ptr<Key> m_key;
    QString m_clientEmail, m_audience;
    mutable std::mutex m_mutex;
    QJsonArray m_skus;
    int m_pageSize = 5000;
    int m_pages = 0;
    std::set<QByteArray> m_tokens;
    QStringList m_rejections;
};

class FakeAlibabaPricing
{
public:
    FakeAlibabaPricing(QString keyId, QString secret);
    bool start();
    QUrl url() const { return m_server.url(QStringLiteral("/")); }
    LocalHttpServer &server() { return m_server; }

    // The instance type's hourly price in the region (and a 0.02 system disk beside it).
    void setPrice(const QString &region, const QString &instanceType, double price,
                  const QString &currency = QStringLiteral("USD"), bool withDetails = true);
    QStringList rejections() const;

private:
    ScriptedResponse handle(const RecordedRequest &r);

    LocalHttpServer m_server;
    QString m_keyId, m_secret;
    struct Price
    {
        double price;
        QString currency;
        bool details;
    };
    mutable std::mutex m_mutex;
    std::map<std::pair<QString, QString>, Price> m_prices;
    std::set<QString> m_nonces;
    QStringList m_rejections;
};

} // namespace costscope::testsupport
