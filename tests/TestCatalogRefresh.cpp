// The catalog refresh from the Azure Retail Prices API against a local server that answers in
// the documented shape (Items, NextPageLink): prices update, Windows / Spot / other units are
// skipped, paging is followed, and a broken page leaves the workspace's catalog as it was.
// The same for the AWS Price List (GetProducts), the GCP Cloud Billing Catalog and Alibaba Cloud
// ECS DescribePrice against fakes that verify SigV4, the bearer token and the RPC signature
// (support/FakePriceLists).

#include "support/FakePriceLists.h"
#include "support/LocalHttpServer.h"

#include "model/analysis/recommendations/FlavorCatalog.h"
#include "providers/pricing/AlibabaEcsPrices.h"
#include "providers/pricing/AwsPriceList.h"
#include "providers/pricing/AzureRetailPrices.h"
#include "providers/pricing/GcpBillingCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace costscope;
using namespace costscope::analysis;
using costscope::testsupport::FakeAlibabaPricing;
using costscope::testsupport::FakeAwsPricing;
using costscope::testsupport::FakeGcpBillingCatalog;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::ScriptedResponse;
using costscope::providers::pricing::FlavorPrice;
using costscope::providers::pricing::PriceListResult;

namespace {

QByteArray item(const char *sku, const char *region, double price, const char *product = "Virtual Machines Dsv5 Series",
                const char *skuName = "D4s v5", const char *unit = "1 Hour")
{
    return QByteArray("{\"currencyCode\":\"USD\",\"tierMinimumUnits\":0.0,\"retailPrice\":") + QByteArray::number(price)
           + ",\"unitPrice\":" + QByteArray::number(price) + ",\"armRegionName\":\"" + region
           + "\",\"location\":\"US East\",\"effectiveStartDate\":\"2023-01-01T00:00:00Z\",\"meterName\":\"" + skuName
           + "\",\"productName\":\"" + product + "\",\"skuName\":\"" + skuName
           + "\",\"serviceName\":\"Virtual Machines\",\"serviceFamily\":\"Compute\",\"unitOfMeasure\":\"" + unit
           + "\",\"type\":\"Consumption\",\"isPrimaryMeterRegion\":true,\"armSkuName\":\"" + sku + "\"}";
}

QByteArray page(const QList<QByteArray> &items, const QByteArray &next)
{
    QByteArray out = "{\"BillingCurrency\":\"USD\",\"CustomerEntityId\":\"Default\",\"CustomerEntityType\":\"Retail\","
                     "\"Items\":[";
    for (qsizetype i = 0; i < items.size(); ++i)
        out += (i ? "," : "") + items[i];
    out += "],\"NextPageLink\":" + (next.isEmpty() ? QByteArray("null") : "\"" + next + "\"") + ",\"Count\":"
           + QByteArray::number(items.size()) + "}";
    return out;
}

providers::net::HttpClient client()
{
    providers::net::HttpOptions o;
    o.maxAttempts = 1;
    return providers::net::HttpClient(o);
}

const QString kAwsKeyId = QStringLiteral("AKIDCATALOGTEST");
const QString kAwsSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYCATALOGKEY");
const QString kAliKeyId = QStringLiteral("LTAI5tCatalogTestKey");
const QString kAliSecret = QStringLiteral("Ali+Catalog/Secret0123456789abcd");

Money usd(const char *text)
{
    return *Money::parse(QByteArrayView(text));
}

// "region flavor price" lines, for comparing results in one QCOMPARE.
QStringList lines(const std::vector<FlavorPrice> &prices)
{
    QStringList out;
    for (const FlavorPrice &p : prices)
        out << p.region + u' ' + p.flavor + u' ' + p.hourly.toString();
    return out;
}

// The rows of flavors.csv that are not of the provider (they must survive a refresh unchanged).
QList<QByteArray> rowsNotOf(const FlavorCatalog &c, const QByteArray &provider)
{
    QList<QByteArray> out;
    for (const QByteArray &line : c.toCsv(QStringLiteral("x")).split('\n'))
        if (!line.startsWith('#') && !line.startsWith(QByteArray(provider + ',')))
            out << line;
    return out;
}

std::vector<std::tuple<QString, QString, Money>> rowsOf(const std::vector<FlavorPrice> &prices)
{
    std::vector<std::tuple<QString, QString, Money>> rows;
    for (const auto &p : prices)
        rows.emplace_back(p.region, p.flavor, p.hourly);
    return rows;
}

// One GetProducts PriceList entry (a JSON document in a string) for m5.xlarge in us-east-1.
QByteArray awsEntry(const QString &usdPrice)
{
    const QJsonObject attributes{{QStringLiteral("instanceType"), QStringLiteral("m5.xlarge")},
                                 {QStringLiteral("regionCode"), QStringLiteral("us-east-1")},
                                 {QStringLiteral("operatingSystem"), QStringLiteral("Linux")},
                                 {QStringLiteral("tenancy"), QStringLiteral("Shared")},
                                 {QStringLiteral("preInstalledSw"), QStringLiteral("NA")},
                                 {QStringLiteral("capacitystatus"), QStringLiteral("Used")},
                                 {QStringLiteral("licenseModel"), QStringLiteral("No License required")}};
    const QJsonObject terms{
        {QStringLiteral("OnDemand"),
         QJsonObject{{QStringLiteral("A.B"),
                      QJsonObject{{QStringLiteral("priceDimensions"),
                                   QJsonObject{{QStringLiteral("A.B.C"),
                                                QJsonObject{{QStringLiteral("unit"), QStringLiteral("Hrs")},
                                                            {QStringLiteral("pricePerUnit"),
                                                             QJsonObject{{QStringLiteral("USD"), usdPrice}}}}}}}}}}}};
    const QJsonObject product{{QStringLiteral("product"), QJsonObject{{QStringLiteral("attributes"), attributes}}},
                              {QStringLiteral("terms"), terms}};
    return QJsonDocument(QJsonObject{{QStringLiteral("PriceList"),
                                      QJsonArray{QString::fromUtf8(QJsonDocument(product).toJson(QJsonDocument::Compact))}}})
        .toJson(QJsonDocument::Compact);
}

providers::auth::GoogleServiceAccount testKey()
{
    QFile f(QStringLiteral(COSTSCOPE_TEST_DATA "/gcp/test_service_account.json"));
    f.open(QIODevice::ReadOnly);
    QString error;
    return *providers::auth::GoogleServiceAccount::fromJson(f.readAll(), &error);
}

QByteArray gcpSku(const char *units, const QJsonValue &nanos, bool withTiers = true)
{
    const QJsonObject rate{{QStringLiteral("startUsageAmount"), 0},
                           {QStringLiteral("unitPrice"), QJsonObject{{QStringLiteral("currencyCode"), QStringLiteral("USD")},
                                                                     {QStringLiteral("units"), QLatin1String(units)},
                                                                     {QStringLiteral("nanos"), nanos}}}};
    const QJsonObject sku{
        {QStringLiteral("skuId"), QStringLiteral("9A1B-2C3D-4E5F")},
        {QStringLiteral("description"), QStringLiteral("N2 Instance Core running in Americas")},
        {QStringLiteral("category"), QJsonObject{{QStringLiteral("usageType"), QStringLiteral("OnDemand")}}},
        {QStringLiteral("serviceRegions"), QJsonArray{QStringLiteral("us-central1")}},
        {QStringLiteral("pricingInfo"),
         withTiers ? QJsonArray{QJsonObject{{QStringLiteral("pricingExpression"),
                                             QJsonObject{{QStringLiteral("usageUnit"), QStringLiteral("h")},
                                                         {QStringLiteral("tieredRates"), QJsonArray{rate}}}}}}
                   : QJsonArray{}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("skus"), QJsonArray{sku}}}).toJson(QJsonDocument::Compact);
}

} // namespace

class TestCatalogRefresh : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesAndFilters();
    void brokenResponses_data();
    void brokenResponses();
    void workspaceCatalogPreferred();

    void awsPagingFiltersAndMerge();
    void awsBrokenResponses_data();
    void awsBrokenResponses();
    void awsWrongSecret();
    void gcpCoreAndRamPrices();
    void gcpBrokenResponses_data();
    void gcpBrokenResponses();
    void alibabaPricesAndMerge();
    void alibabaBrokenResponses_data();
    void alibabaBrokenResponses();
    void throttlingRetriedAndSignedAgain();
};

void TestCatalogRefresh::pagesAndFilters()
{
    LocalHttpServer server;
    QVERIFY(server.start());
    const QByteArray next = server.url(QStringLiteral("/api/retail/prices?$skip=100")).toString().toUtf8();
    server.enqueue(ScriptedResponse::ok(page(
        {item("Standard_D4s_v5", "eastus", 0.2), item("Standard_D4s_v5", "eastus", 0.376, "Virtual Machines Dsv5 Series Windows"),
         item("Standard_D4s_v5", "eastus", 0.04, "Virtual Machines Dsv5 Series", "D4s v5 Spot"),
         item("Standard_D4s_v5", "eastus", 0.02, "Virtual Machines Dsv5 Series", "D4s v5 Low Priority"),
         item("Standard_D4s_v5", "eastus", 140.0, "Virtual Machines Dsv5 Series", "D4s v5", "1/Month"),
         item("Standard_Z99", "eastus", 9.9)},
        next)));
    server.enqueue(ScriptedResponse::ok(page({item("Standard_D4s_v5", "westus", 0.23)}, {})));
    std::vector<providers::pricing::AzurePrice> prices;
    QString error;
    QVERIFY2(providers::pricing::fetchAzureVmPrices(client(), server.url(QStringLiteral("/api/retail/prices")),
                                                    {QStringLiteral("eastus"), QStringLiteral("westus")},
                                                    {QStringLiteral("Standard_D4s_v5")}, &prices, &error),
             qPrintable(error));
    QCOMPARE(server.requestCount(), 2);
    // The filter as documented: service, price type and regions.
    const QString filter = QUrlQuery(QString::fromUtf8(server.requests().front().query))
                               .queryItemValue(QStringLiteral("$filter"), QUrl::FullyDecoded);
    QCOMPARE(filter, QStringLiteral("serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and "
                                    "(armRegionName eq 'eastus' or armRegionName eq 'westus')"));
    QCOMPARE(prices.size(), size_t(2));
    QCOMPARE(prices[0].flavor, QStringLiteral("Standard_D4s_v5"));
    QCOMPARE(prices[0].region, QStringLiteral("eastus"));
    QCOMPARE(prices[0].hourly.nanos(), Money::parse(QByteArrayView("0.2"))->nanos());
    QCOMPARE(prices[1].region, QStringLiteral("westus"));

    // Merged into the bundled catalog: eastus updated, westus added with the flavour's shape.
    FlavorCatalog c = FlavorCatalog::bundled();
    std::vector<std::tuple<QString, QString, Money>> rows;
    for (const auto &p : prices)
        rows.emplace_back(p.region, p.flavor, p.hourly);
    QCOMPARE(c.applyPrices(QStringLiteral("Azure"), rows), 2);
    bool matched = false;
    const Flavor *east = c.find(QStringLiteral("Azure"), QStringLiteral("eastus"), QStringLiteral("Standard_D4s_v5"), &matched);
    QVERIFY(east && matched);
    QCOMPARE(east->hourly.toString(), QStringLiteral("0.2"));
    const Flavor *west = c.find(QStringLiteral("Azure"), QStringLiteral("westus"), QStringLiteral("Standard_D4s_v5"), &matched);
    QVERIFY(west && matched);
    QCOMPARE(west->vcpus, 4);
    QCOMPARE(west->family, QStringLiteral("Standard_Dsv5"));
    // Applying the same prices again changes nothing.
    QCOMPARE(c.applyPrices(QStringLiteral("Azure"), rows), 0);
}

void TestCatalogRefresh::brokenResponses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("<html>maintenance</html>") << 200 << QStringLiteral("not JSON");
    QTest::newRow("no items") << QByteArray("{\"Count\":0}") << 200 << QStringLiteral("no Items array");
    QTest::newRow("truncated") << QByteArray("{\"Items\":[{\"armSkuName\":") << 200 << QStringLiteral("not JSON");
    QTest::newRow("price text") << QByteArray("{\"Items\":[{\"armSkuName\":\"Standard_D4s_v5\",\"retailPrice\":\"0.2\","
                                              "\"productName\":\"Virtual Machines\",\"skuName\":\"D4s v5\",\"type\":"
                                              "\"Consumption\",\"unitOfMeasure\":\"1 Hour\",\"currencyCode\":\"USD\"}]}")
                                << 200 << QStringLiteral("no usable retailPrice");
    QTest::newRow("bad next link") << QByteArray("{\"Items\":[],\"NextPageLink\":\"ftp://x/y\"}") << 200
                                   << QStringLiteral("NextPageLink");
    QTest::newRow("server error") << QByteArray("{\"error\":\"busy\"}") << 503 << QStringLiteral("/api/retail/prices");
}

void TestCatalogRefresh::brokenResponses()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, expected);
    LocalHttpServer server;
    QVERIFY(server.start());
    server.enqueue(status == 200 ? ScriptedResponse::ok(body) : ScriptedResponse::status_(status, body));
    std::vector<providers::pricing::AzurePrice> prices{{QStringLiteral("x"), QStringLiteral("y"), Money()}};
    QString error;
    QVERIFY(!providers::pricing::fetchAzureVmPrices(client(), server.url(QStringLiteral("/api/retail/prices")),
                                                    {QStringLiteral("eastus")}, {QStringLiteral("Standard_D4s_v5")},
                                                    &prices, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(u'\n'), qPrintable(error));
    QCOMPARE(prices.size(), size_t(1)); // untouched
}

void TestCatalogRefresh::workspaceCatalogPreferred()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("w.costscope"));
    QString source;
    // None written: the bundled catalog.
    FlavorCatalog c = FlavorCatalog::forWorkspace(ws, &source);
    QCOMPARE(source, QStringLiteral("bundled"));
    QCOMPARE(c.flavors().size(), FlavorCatalog::bundled().flavors().size());
    // A refreshed file: preferred, and it round-trips through toCsv.
    FlavorCatalog changed = FlavorCatalog::bundled();
    QCOMPARE(changed.applyPrices(QStringLiteral("Azure"),
                                 {{QStringLiteral("eastus"), QStringLiteral("Standard_D4s_v5"), Money::fromUnits(1)}}),
             1);
    {
        QFile f(FlavorCatalog::workspaceFile(ws));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(changed.toCsv(QStringLiteral("test\nsecond line")));
    }
    c = FlavorCatalog::forWorkspace(ws, &source);
    QCOMPARE(source, FlavorCatalog::workspaceFile(ws));
    QCOMPARE(c.flavors().size(), FlavorCatalog::bundled().flavors().size());
    QCOMPARE(c.find(QStringLiteral("Azure"), QStringLiteral("eastus"), QStringLiteral("Standard_D4s_v5"))->hourly,
             Money::fromUnits(1));
    QVERIFY(c.commitment(QStringLiteral("AWS"), QStringLiteral("m5"))); // rates still bundled
    // A damaged file is ignored: the bundled catalog is used.
    {
        QFile f(FlavorCatalog::workspaceFile(ws));
        QVERIFY(f.open(QIODevice::Append));
        f.write("Azure,eastus,broken\n");
    }
    c = FlavorCatalog::forWorkspace(ws, &source);
    QCOMPARE(source, QStringLiteral("bundled"));
    QCOMPARE(c.find(QStringLiteral("Azure"), QStringLiteral("eastus"), QStringLiteral("Standard_D4s_v5"))->hourly.toString(),
             QStringLiteral("0.192"));
}

void TestCatalogRefresh::awsPagingFiltersAndMerge()
{
    FakeAwsPricing fake(kAwsKeyId, kAwsSecret);
    QVERIFY(fake.start());
    fake.setPageSize(1);
    FakeAwsPricing::Product p;
    p.instanceType = QStringLiteral("m5.xlarge");
    p.regionCode = QStringLiteral("us-east-1");
    p.usd = QStringLiteral("0.1980000000");
    fake.addProduct(p);
    // A Windows product the server sends whatever the region: the client must leave it out.
    FakeAwsPricing::Product windows = p;
    windows.operatingSystem = QStringLiteral("Windows");
    windows.usd = QStringLiteral("0.3840000000");
    windows.ignoresFilters = true;
    fake.addProduct(windows);
    p.regionCode = QStringLiteral("us-west-2");
    p.usd = QStringLiteral("0.1920000000");
    fake.addProduct(p);
    p.instanceType = QStringLiteral("t3.micro");
    p.usd = QStringLiteral("0.0104000000");
    fake.addProduct(p);
    // Only a Reserved term in us-east-1: nothing to price there.
    p.regionCode = QStringLiteral("us-east-1");
    p.onDemand = false;
    fake.addProduct(p);

    PriceListResult result;
    result.requests = -1;
    QString error;
    QVERIFY2(providers::pricing::fetchAwsEc2Prices(client(), fake.url(), {kAwsKeyId, kAwsSecret, QString()},
                                                   {QStringLiteral("us-east-1"), QStringLiteral("us-west-2")},
                                                   {QStringLiteral("m5.xlarge"), QStringLiteral("t3.micro")}, &result,
                                                   &error),
             qPrintable(error));
    QCOMPARE(fake.rejections(), QStringList());
    // m5.xlarge: two products (Linux + Windows) in each region at one per page = 2 pages each.
    QCOMPARE(result.requests, 6);
    QCOMPARE(fake.server().requestCount(), 6);
    QCOMPARE(lines(result.prices), (QStringList{QStringLiteral("us-east-1 m5.xlarge 0.198"),
                                                QStringLiteral("us-west-2 m5.xlarge 0.192"),
                                                QStringLiteral("us-west-2 t3.micro 0.0104")}));
    QCOMPARE(result.skipped, (QStringList{QStringLiteral("us-east-1 m5.xlarge: a product whose operatingSystem is 'Windows'"),
                                          QStringLiteral("us-east-1 t3.micro: no OnDemand term"),
                                          QStringLiteral("us-west-2 m5.xlarge: a product whose regionCode is 'us-east-1'")}));
    // The filters as documented, for the first query (and the paging request repeats them).
    const QList<QJsonArray> filters = fake.filtersSeen();
    QCOMPARE(filters.size(), 6);
    QStringList first;
    for (const QJsonValue &f : filters.front())
        first << f.toObject().value(QStringLiteral("Type")).toString() + u' ' + f.toObject().value(QStringLiteral("Field")).toString()
                     + u'=' + f.toObject().value(QStringLiteral("Value")).toString();
    QCOMPARE(first, (QStringList{QStringLiteral("TERM_MATCH instanceType=m5.xlarge"),
                                 QStringLiteral("TERM_MATCH regionCode=us-east-1"),
                                 QStringLiteral("TERM_MATCH operatingSystem=Linux"), QStringLiteral("TERM_MATCH tenancy=Shared"),
                                 QStringLiteral("TERM_MATCH preInstalledSw=NA"), QStringLiteral("TERM_MATCH capacitystatus=Used"),
                                 QStringLiteral("TERM_MATCH licenseModel=No License required")}));
    QCOMPARE(filters[1], filters[0]);
    const QJsonObject second = QJsonDocument::fromJson(fake.server().requests()[1].body).object();
    QCOMPARE(second.value(QStringLiteral("NextToken")).toString(), QStringLiteral("t1"));
    QCOMPARE(second.value(QStringLiteral("ServiceCode")).toString(), QStringLiteral("AmazonEC2"));
    for (const auto &r : fake.server().requests())
        QVERIFY(!r.body.contains(kAwsSecret.toUtf8()) && !r.header("Authorization").contains(kAwsSecret.toUtf8()));

    // Merged: us-east-1 m5.xlarge changed, us-west-2 m5.xlarge equal, t3.micro added in us-west-2
    // with its us-east-1 shape; every other provider's row kept as it was.
    FlavorCatalog c = FlavorCatalog::bundled();
    const QList<QByteArray> others = rowsNotOf(c, "AWS");
    QCOMPARE(c.applyPrices(QStringLiteral("AWS"), rowsOf(result.prices)), 2);
    QCOMPARE(rowsNotOf(c, "AWS"), others);
    bool matched = false;
    QCOMPARE(c.find(QStringLiteral("AWS"), QStringLiteral("us-east-1"), QStringLiteral("m5.xlarge"))->hourly, usd("0.198"));
    const Flavor *added = c.find(QStringLiteral("AWS"), QStringLiteral("us-west-2"), QStringLiteral("t3.micro"), &matched);
    QVERIFY(added && matched);
    QCOMPARE(added->family, QStringLiteral("t3"));
    QCOMPARE(added->vcpus, 2);
    QCOMPARE(added->hourly, usd("0.0104"));
    QCOMPARE(c.flavors().size(), FlavorCatalog::bundled().flavors().size() + 1);
}

void TestCatalogRefresh::awsBrokenResponses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("<html>maintenance</html>") << 200 << QStringLiteral("not JSON");
    QTest::newRow("truncated") << QByteArray("{\"PriceList\":[\"{\\\"product\\\"") << 200 << QStringLiteral("not JSON");
    QTest::newRow("no PriceList") << QByteArray("{\"FormatVersion\":\"aws_v1\"}") << 200 << QStringLiteral("no PriceList array");
    QTest::newRow("entry not a string") << QByteArray("{\"PriceList\":[{\"product\":{}}]}") << 200
                                        << QStringLiteral("PriceList[0] is not a JSON string");
    QTest::newRow("entry not json") << QByteArray("{\"PriceList\":[\"{\\\"product\\\":\"]}") << 200
                                    << QStringLiteral("PriceList[0] is not a JSON document");
    QTest::newRow("no attributes") << QByteArray("{\"PriceList\":[\"{}\"]}") << 200
                                   << QStringLiteral("PriceList[0] has no product.attributes");
    QTest::newRow("price text") << awsEntry(QStringLiteral("abc")) << 200 << QStringLiteral("is not a decimal number");
    QTest::newRow("negative price") << awsEntry(QStringLiteral("-0.1")) << 200 << QStringLiteral("is not a decimal number");
    QTest::newRow("NextToken number") << QByteArray("{\"PriceList\":[],\"NextToken\":5}") << 200
                                      << QStringLiteral("NextToken is not a string");
    QTest::newRow("access denied")
        << QByteArray("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"User: arn:aws:iam::1:user/x "
                      "is not authorized to perform: pricing:GetProducts\"}")
        << 400 << QStringLiteral("HTTP 400 AccessDeniedException");
    QTest::newRow("server error") << QByteArray("{}") << 500 << QStringLiteral("HTTP 500");
}

void TestCatalogRefresh::awsBrokenResponses()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, expected);
    FakeAwsPricing fake(kAwsKeyId, kAwsSecret);
    QVERIFY(fake.start());
    fake.server().enqueue(status == 200 ? ScriptedResponse::ok(body) : ScriptedResponse::status_(status, body));
    PriceListResult result;
    result.requests = 42;
    QString error;
    QVERIFY(!providers::pricing::fetchAwsEc2Prices(client(), fake.url(), {kAwsKeyId, kAwsSecret, QString()},
                                                   {QStringLiteral("us-east-1")}, {QStringLiteral("m5.xlarge")}, &result,
                                                   &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("AWS Price List GetProducts m5.xlarge in us-east-1 (POST ")), qPrintable(error));
    QVERIFY2(!error.contains(u'\n'), qPrintable(error));
    QVERIFY(!error.contains(kAwsSecret));
    QCOMPARE(result.requests, 42); // untouched
}

void TestCatalogRefresh::awsWrongSecret()
{
    FakeAwsPricing fake(kAwsKeyId, kAwsSecret);
    QVERIFY(fake.start());
    PriceListResult result;
    QString error;
    const QString otherSecret = QStringLiteral("another/secret+the/server+does/not/know");
    QVERIFY(!providers::pricing::fetchAwsEc2Prices(client(), fake.url(), {kAwsKeyId, otherSecret, QString()},
                                                   {QStringLiteral("us-east-1")}, {QStringLiteral("m5.xlarge")}, &result,
                                                   &error));
    QCOMPARE(fake.rejections(), QStringList{QStringLiteral("signature mismatch")});
    QVERIFY2(error.contains(QStringLiteral("HTTP 403 InvalidSignatureException")), qPrintable(error));
    QVERIFY(!error.contains(otherSecret) && !error.contains(kAwsKeyId + u'/'));
}

void TestCatalogRefresh::gcpCoreAndRamPrices()
{
    FakeGcpBillingCatalog fake;
    QVERIFY(fake.start());
    fake.setPageSize(3);
    const QStringList americas = {QStringLiteral("us-central1"), QStringLiteral("us-east1")};
    const QStringList central = {QStringLiteral("us-central1")};
    fake.addSku(QStringLiteral("N2 Instance Core running in Americas"), QStringLiteral("OnDemand"), americas, 0, 31611364,
                QStringLiteral("h"));
    fake.addSku(QStringLiteral("Spot Preemptible N2 Instance Core running in Americas"), QStringLiteral("Preemptible"),
                americas, 0, 7000000, QStringLiteral("h"));
    fake.addSku(QStringLiteral("N2 Custom Instance Core running in Americas"), QStringLiteral("OnDemand"), americas, 0,
                33000000, QStringLiteral("h"));
    fake.addSku(QStringLiteral("Commitment v1: N2 Cpu in Americas for 1 Year"), QStringLiteral("Commit1Yr"), americas, 0,
                19915000, QStringLiteral("h"));
    fake.addSku(QStringLiteral("N2 Instance Core running in Montreal"), QStringLiteral("OnDemand"),
                {QStringLiteral("northamerica-northeast1")}, 0, 34800000, QStringLiteral("h"));
    fake.addSku(QStringLiteral("N2 Instance Ram running in Americas"), QStringLiteral("OnDemand"), americas, 0, 4237000,
                QStringLiteral("GiBy.h"));
    fake.addSku(QStringLiteral("Compute optimized Core running in Americas"), QStringLiteral("OnDemand"), central, 0, 33982000,
                QStringLiteral("h"));
    fake.addSku(QStringLiteral("Compute optimized Ram running in Americas"), QStringLiteral("OnDemand"), central, 0, 4555000,
                QStringLiteral("GiBy.h"));
    fake.addSku(QStringLiteral("E2 Instance Core running in Americas"), QStringLiteral("OnDemand"), central, 0, 21811590,
                QStringLiteral("h"));
    fake.addSku(QStringLiteral("E2 Instance Ram running in Americas"), QStringLiteral("OnDemand"), central, 0, 2923530,
                QStringLiteral("GiBy.h"));
    // A RAM SKU per month in us-east1: not an hourly rate, left out.
    fake.addSku(QStringLiteral("E2 Instance Ram running in Americas"), QStringLiteral("OnDemand"), {QStringLiteral("us-east1")},
                2, 134000000, QStringLiteral("GiBy.mo"));

    const providers::net::HttpClient http = client();
    providers::auth::GoogleTokenProvider tokens(http, testKey(), {providers::pricing::gcpBillingCatalogScope()});
    tokens.setTokenEndpoint(fake.tokenUrl());
    const std::vector<providers::pricing::FlavorShape> shapes = {
        {QStringLiteral("n2-standard-4"), QStringLiteral("n2-standard"), 4, 16},
        {QStringLiteral("n2-highmem-2"), QStringLiteral("n2-highmem"), 2, 16},
        {QStringLiteral("c2-standard-4"), QStringLiteral("c2-standard"), 4, 16},
        {QStringLiteral("e2-standard-2"), QStringLiteral("e2-standard"), 2, 8},
        {QStringLiteral("e2-medium"), QStringLiteral("e2-shared"), 2, 4},
        {QStringLiteral("n2-custom-4-8192"), QStringLiteral("n2-custom"), 4, 8},
        {QStringLiteral("m3-megamem-64"), QStringLiteral("m3-megamem"), 64, 976},
    };
    PriceListResult result;
    QString error;
    QVERIFY2(providers::pricing::fetchGcpComputePrices(http, fake.skusUrl(), tokens, americas, shapes, &result, &error),
             qPrintable(error));
    QCOMPARE(fake.rejections(), QStringList());
    QCOMPARE(fake.tokensIssued(), 1);
    QCOMPARE(fake.skuPagesServed(), 4); // 11 SKUs, 3 a page
    QCOMPARE(result.requests, 4);
    // By hand: n2-standard-4 = 4 x 0.031611364 + 16 x 0.004237 = 0.126445456 + 0.067792;
    // n2-highmem-2 = 2 x 0.031611364 + 16 x 0.004237; c2-standard-4 = 4 x 0.033982 + 16 x 0.004555;
    // e2-standard-2 = 2 x 0.02181159 + 8 x 0.00292353.
    QCOMPARE(lines(result.prices), (QStringList{QStringLiteral("us-central1 n2-standard-4 0.194237456"),
                                                QStringLiteral("us-east1 n2-standard-4 0.194237456"),
                                                QStringLiteral("us-central1 n2-highmem-2 0.131014728"),
                                                QStringLiteral("us-east1 n2-highmem-2 0.131014728"),
                                                QStringLiteral("us-central1 c2-standard-4 0.208808"),
                                                QStringLiteral("us-central1 e2-standard-2 0.06701142")}));
    const QString skipped = result.skipped.join(u'\n');
    QVERIFY2(skipped.contains(QStringLiteral("us-central1 e2-medium: shared-core")), qPrintable(skipped));
    QVERIFY2(skipped.contains(QStringLiteral("us-east1 n2-custom-4-8192: custom machine types")), qPrintable(skipped));
    QVERIFY2(skipped.contains(QStringLiteral("us-east1 m3-megamem-64: series 'm3'")), qPrintable(skipped));
    QVERIFY2(skipped.contains(QStringLiteral("us-east1 c2-standard-4: no on-demand 'Compute optimized Core running in' SKU")),
             qPrintable(skipped));
    QVERIFY2(skipped.contains(QStringLiteral("us-east1 e2-standard-2: no on-demand 'E2 Instance Core")), qPrintable(skipped));
    QVERIFY2(skipped.contains(QStringLiteral("usage unit 'GiBy.mo'")), qPrintable(skipped));
    QCOMPARE(result.skipped.size(), 9);
    // The query: USD, the page size, the page tokens.
    const QList<testsupport::RecordedRequest> requests = fake.server().requests();
    QCOMPARE(requests.size(), 5); // the token, then four pages
    QVERIFY(requests[1].query.contains("currencyCode=USD"));
    QVERIFY(!requests[1].query.contains("pageToken"));
    QVERIFY(requests[2].query.contains("pageToken=p3"));

    // Merged into the bundled catalog: the GCP rows change, us-east1 is added; the rest is kept.
    FlavorCatalog c = FlavorCatalog::bundled();
    const QList<QByteArray> others = rowsNotOf(c, "GCP");
    QVERIFY(c.applyPrices(QStringLiteral("GCP"), rowsOf(result.prices)) >= 4);
    QCOMPARE(rowsNotOf(c, "GCP"), others);
    bool matched = false;
    const Flavor *east = c.find(QStringLiteral("GCP"), QStringLiteral("us-east1"), QStringLiteral("n2-standard-4"), &matched);
    QVERIFY(east && matched);
    QCOMPARE(east->hourly, usd("0.194237456"));
    QCOMPARE(east->family, QStringLiteral("n2-standard"));
    QCOMPARE(c.find(QStringLiteral("GCP"), QStringLiteral("us-central1"), QStringLiteral("e2-medium"))->hourly, usd("0.0335"));
}

void TestCatalogRefresh::gcpBrokenResponses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("<html>maintenance</html>") << 200 << QStringLiteral("not JSON");
    QTest::newRow("skus not a list") << QByteArray("{\"skus\":{}}") << 200 << QStringLiteral("skus is not an array");
    QTest::newRow("no tiers") << gcpSku("0", 31611364, false) << 200 << QStringLiteral("has no pricingInfo tieredRates");
    QTest::newRow("units text") << gcpSku("abc", 31611364) << 200 << QStringLiteral("no usable unitPrice");
    QTest::newRow("nanos too big") << gcpSku("0", 2000000000.0) << 200 << QStringLiteral("no usable unitPrice");
    QTest::newRow("nanos text") << gcpSku("0", QStringLiteral("31611364")) << 200 << QStringLiteral("no usable unitPrice");
    QTest::newRow("next token number") << QByteArray("{\"skus\":[],\"nextPageToken\":7}") << 200
                                       << QStringLiteral("nextPageToken is not a string");
    QTest::newRow("forbidden") << QByteArray("{\"error\":{\"code\":403,\"message\":\"Cloud Billing API has not been used\","
                                             "\"status\":\"PERMISSION_DENIED\"}}")
                               << 403 << QStringLiteral("HTTP 403 PERMISSION_DENIED");
}

void TestCatalogRefresh::gcpBrokenResponses()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, expected);
    FakeGcpBillingCatalog fake;
    QVERIFY(fake.start());
    const providers::net::HttpClient http = client();
    providers::auth::GoogleTokenProvider tokens(http, testKey(), {providers::pricing::gcpBillingCatalogScope()});
    tokens.setTokenEndpoint(fake.tokenUrl());
    QVERIFY(tokens.token().ok); // the token first: the scripted answer is for the SKU page
    fake.server().enqueue(status == 200 ? ScriptedResponse::ok(body) : ScriptedResponse::status_(status, body));
    PriceListResult result;
    result.requests = 42;
    QString error;
    QVERIFY(!providers::pricing::fetchGcpComputePrices(
        http, fake.skusUrl(), tokens, {QStringLiteral("us-central1")},
        {{QStringLiteral("n2-standard-4"), QStringLiteral("n2-standard"), 4, 16}}, &result, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("GCP Cloud Billing Catalog GET http://127.0.0.1:")), qPrintable(error));
    QVERIFY2(!error.contains(u'\n') && !error.contains(QStringLiteral("ya29.")), qPrintable(error));
    QCOMPARE(result.requests, 42);
}

void TestCatalogRefresh::alibabaPricesAndMerge()
{
    FakeAlibabaPricing fake(kAliKeyId, kAliSecret);
    QVERIFY(fake.start());
    fake.setPrice(QStringLiteral("cn-hangzhou"), QStringLiteral("ecs.g6.large"), 0.101);
    fake.setPrice(QStringLiteral("cn-hangzhou"), QStringLiteral("ecs.g6.xlarge"), 0.21);
    // Without DetailInfos: the whole TradePrice (0.105 + the 0.02 disk).
    fake.setPrice(QStringLiteral("cn-shanghai"), QStringLiteral("ecs.g6.large"), 0.105, QStringLiteral("USD"), false);
    PriceListResult result;
    QString error;
    QVERIFY2(providers::pricing::fetchAlibabaEcsPrices(client(), fake.url(), {kAliKeyId, kAliSecret},
                                                       {QStringLiteral("cn-hangzhou"), QStringLiteral("cn-shanghai")},
                                                       {QStringLiteral("ecs.g6.large"), QStringLiteral("ecs.g6.xlarge")},
                                                       &result, &error),
             qPrintable(error));
    QCOMPARE(fake.rejections(), QStringList());
    QCOMPARE(result.requests, 4);
    QCOMPARE(lines(result.prices), (QStringList{QStringLiteral("cn-hangzhou ecs.g6.large 0.101"),
                                                QStringLiteral("cn-hangzhou ecs.g6.xlarge 0.21"),
                                                QStringLiteral("cn-shanghai ecs.g6.large 0.125")}));
    QCOMPARE(result.skipped, QStringList{QStringLiteral("cn-shanghai ecs.g6.xlarge: not sold in the region "
                                                        "(InvalidInstanceType.ValueNotSupported)")});
    const QUrlQuery first(QString::fromUtf8(fake.server().requests().front().query));
    QCOMPARE(first.queryItemValue(QStringLiteral("SystemDisk.Category")), QStringLiteral("cloud_essd"));
    QCOMPARE(first.queryItemValue(QStringLiteral("RegionId")), QStringLiteral("cn-hangzhou"));
    QCOMPARE(first.queryItemValue(QStringLiteral("InstanceType")), QStringLiteral("ecs.g6.large"));

    FlavorCatalog c = FlavorCatalog::bundled();
    const QList<QByteArray> others = rowsNotOf(c, "Alibaba Cloud");
    // g6.large in cn-hangzhou is unchanged; g6.xlarge changes; g6.large is added in cn-shanghai.
    QCOMPARE(c.applyPrices(QStringLiteral("Alibaba Cloud"), rowsOf(result.prices)), 2);
    QCOMPARE(rowsNotOf(c, "Alibaba Cloud"), others);
    QCOMPARE(c.find(QStringLiteral("Alibaba Cloud"), QStringLiteral("cn-shanghai"), QStringLiteral("ecs.g6.large"))->vcpus, 2);
}

void TestCatalogRefresh::alibabaBrokenResponses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("<html/>") << 200 << kAliSecret << QStringLiteral("not JSON");
    QTest::newRow("no PriceInfo") << QByteArray("{\"RequestId\":\"x\"}") << 200 << kAliSecret
                                  << QStringLiteral("no PriceInfo.Price");
    QTest::newRow("price text") << QByteArray("{\"PriceInfo\":{\"Price\":{\"Currency\":\"USD\",\"TradePrice\":\"0.1\"}}}") << 200
                                << kAliSecret << QStringLiteral("TradePrice is not a number");
    QTest::newRow("CNY") << QByteArray("{\"PriceInfo\":{\"Price\":{\"Currency\":\"CNY\",\"TradePrice\":0.7}}}") << 200
                         << kAliSecret << QStringLiteral("the price is in 'CNY', the catalog holds USD");
    QTest::newRow("wrong secret") << QByteArray() << 0 << QStringLiteral("Wrong+Secret/Of/The/Account0123")
                                  << QStringLiteral("HTTP 400 SignatureDoesNotMatch");
    QTest::newRow("throttled then error") << QByteArray("{\"Code\":\"Forbidden.RAM\",\"Message\":\"no ecs:DescribePrice\"}")
                                          << 403 << kAliSecret << QStringLiteral("HTTP 403 Forbidden.RAM");
}

void TestCatalogRefresh::alibabaBrokenResponses()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    FakeAlibabaPricing fake(kAliKeyId, kAliSecret);
    QVERIFY(fake.start());
    if (status != 0)
        fake.server().enqueue(status == 200 ? ScriptedResponse::ok(body) : ScriptedResponse::status_(status, body));
    PriceListResult result;
    result.requests = 42;
    QString error;
    QVERIFY(!providers::pricing::fetchAlibabaEcsPrices(client(), fake.url(), {kAliKeyId, secret},
                                                       {QStringLiteral("cn-hangzhou")}, {QStringLiteral("ecs.g6.large")},
                                                       &result, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("Alibaba Cloud ECS DescribePrice ecs.g6.large in cn-hangzhou (GET ")),
             qPrintable(error));
    QVERIFY2(!error.contains(u'\n') && !error.contains(secret), qPrintable(error));
    QCOMPARE(result.requests, 42);
}

// AWS answers throttling with HTTP 400 ThrottlingException, Alibaba Cloud with HTTP 400
// Throttling.User: both are retried after a back-off, and the retry is signed again (a fresh
// X-Amz-Date; a fresh nonce, which the fake requires).
void TestCatalogRefresh::throttlingRetriedAndSignedAgain()
{
    providers::net::HttpOptions o;
    o.maxAttempts = 3;
    providers::net::HttpClient http(o);
    int sleeps = 0;
    http.setSleepFunction([&sleeps](std::chrono::milliseconds, const CancelFn &) { ++sleeps; });

    FakeAwsPricing aws(kAwsKeyId, kAwsSecret);
    QVERIFY(aws.start());
    FakeAwsPricing::Product p;
    p.instanceType = QStringLiteral("m5.xlarge");
    p.regionCode = QStringLiteral("us-east-1");
    p.usd = QStringLiteral("0.1920000000");
    aws.addProduct(p);
    aws.server().enqueue(ScriptedResponse::status_(
        400, R"({"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"})"));
    PriceListResult result;
    QString error;
    QVERIFY2(providers::pricing::fetchAwsEc2Prices(http, aws.url(), {kAwsKeyId, kAwsSecret, QString()},
                                                   {QStringLiteral("us-east-1")}, {QStringLiteral("m5.xlarge")}, &result,
                                                   &error),
             qPrintable(error));
    QCOMPARE(aws.server().requestCount(), 2);
    QCOMPARE(sleeps, 1);
    QCOMPARE(aws.rejections(), QStringList());
    QCOMPARE(lines(result.prices), QStringList{QStringLiteral("us-east-1 m5.xlarge 0.192")});

    FakeAlibabaPricing ali(kAliKeyId, kAliSecret);
    QVERIFY(ali.start());
    ali.setPrice(QStringLiteral("cn-hangzhou"), QStringLiteral("ecs.g6.large"), 0.101);
    ali.server().enqueue(ScriptedResponse::status_(400, R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control."})"));
    QVERIFY2(providers::pricing::fetchAlibabaEcsPrices(http, ali.url(), {kAliKeyId, kAliSecret}, {QStringLiteral("cn-hangzhou")},
                                                       {QStringLiteral("ecs.g6.large")}, &result, &error),
             qPrintable(error));
    QCOMPARE(ali.server().requestCount(), 2);
    QCOMPARE(sleeps, 2);
    QCOMPARE(ali.rejections(), QStringList()); // the retry carried a new nonce
    const QList<testsupport::RecordedRequest> sent = ali.server().requests();
    QVERIFY(QUrlQuery(QString::fromUtf8(sent[0].query)).queryItemValue(QStringLiteral("SignatureNonce"))
            != QUrlQuery(QString::fromUtf8(sent[1].query)).queryItemValue(QStringLiteral("SignatureNonce")));
    QCOMPARE(lines(result.prices), QStringList{QStringLiteral("cn-hangzhou ecs.g6.large 0.101")});
}

QTEST_GUILESS_MAIN(TestCatalogRefresh)
#include "TestCatalogRefresh.moc"
