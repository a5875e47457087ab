// The catalog refresh from the Azure Retail Prices API against a local server that answers in
// the documented shape (Items, NextPageLink): prices update, Windows / Spot / other units are
// skipped, paging is followed, and a broken page leaves the workspace's catalog as it was.

#include "support/LocalHttpServer.h"

#include "model/analysis/recommendations/FlavorCatalog.h"
#include "providers/pricing/AzureRetailPrices.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace costscope;
using namespace costscope::analysis;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::ScriptedResponse;

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

} // namespace

class TestCatalogRefresh : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesAndFilters();
    void brokenResponses_data();
    void brokenResponses();
    void workspaceCatalogPreferred();
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

QTEST_GUILESS_MAIN(TestCatalogRefresh)
#include "TestCatalogRefresh.moc"
