// The Azure client beyond the shared provider contract: the Cost Management answer parser on the
// API's own example and on hostile bodies, amounts exact from their JSON text (where a double would
// lose digits), the once-only token refresh after "expired", a nextLink to another host, and ARM
// error JSON in plain words; amortised cost and charge types joined without double counting, a
// fault on each of the five cost queries, and Cost Management's own retry-after headers.

#include "providers/azure/AzureClient.h"
#include "support/FakeAzure.h"
#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::azure::AzureClient;
using costscope::providers::azure::CostQueryPage;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::ScriptedResponse;

namespace {

const QString kSecret = QStringLiteral("unit~test.secret+value/ABC=");

// The raw text of the JSON object that follows `"key":` (brace matching; the sample's strings hold
// no braces), so that its numbers reach the parser exactly as written in the file.
QByteArray rawObjectAfter(const QByteArray &text, const QByteArray &key)
{
    const qsizetype at = text.indexOf(QByteArray('"' + key + "\":"));
    const qsizetype open = text.indexOf('{', at);
    if (at < 0 || open < 0)
        return {};
    int depth = 0;
    for (qsizetype i = open; i < text.size(); ++i) {
        if (text[i] == '{')
            ++depth;
        else if (text[i] == '}' && --depth == 0)
            return text.mid(open, i - open + 1);
    }
    return {};
}

QByteArray oneRow(const QByteArray &costToken)
{
    return R"({"properties":{"nextLink":null,"columns":[{"name":"PreTaxCost","type":"Number"},{"name":"UsageDate","type":"Number"},)"
           R"({"name":"Currency","type":"String"}],"rows":[[)"
        + costToken + R"(,20240301,"USD"]]}})";
}

providers::AccountConfig accountFor(const LocalHttpServer &server)
{
    providers::AccountConfig c;
    c.id = QStringLiteral("azure-unit");
    c.name = QStringLiteral("unit");
    c.provider = QStringLiteral("azure");
    c.endpoint = server.url(QStringLiteral("/")).toString();
    c.scope = QStringLiteral("/subscriptions/5e1f0000-0000-4000-8000-000000000001");
    return c;
}

providers::net::HttpOptions fastOptions()
{
    providers::net::HttpOptions o;
    o.maxAttempts = 1;
    o.totalTimeout = 10s;
    return o;
}

QByteArray tokenJson()
{
    return R"({"token_type":"Bearer","expires_in":3599,"access_token":"unit-token-1"})";
}

} // namespace

class TestAzureClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void apiExampleResponse();
    void exactAmounts_data();
    void exactAmounts();
    void doubleWouldLoseDigits();
    void hostileBodies_data();
    void hostileBodies();
    void subscriptionOfScope_data();
    void subscriptionOfScope();
    void expiredTokenRefreshedOnce();
    void expiredTokenTwiceFails();
    void nextLinkToAnotherHostRefused();
    void armErrorInPlainWords_data();
    void armErrorInPlainWords();
    void chargeCategories_data();
    void chargeCategories();
    void amortisedAndChargeTypes();
    void faultOnEveryQuery_data();
    void faultOnEveryQuery();
    void costManagementRetryAfter_data();
    void costManagementRetryAfter();
};

void TestAzureClient::apiExampleResponse()
{
    QFile f(QStringLiteral(COSTSCOPE_TEST_DATA "/azure-cost/query_billing_account_grouping_example.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray body = rawObjectAfter(f.readAll(), "body");
    QVERIFY(!body.isEmpty());
    CostQueryPage page;
    QString error;
    QVERIFY2(AzureClient::parseCostQuery(body, &page, &error), qPrintable(error));
    QCOMPARE(page.columns, (QStringList{QStringLiteral("PreTaxCost"), QStringLiteral("ResourceGroup"), QStringLiteral("Currency")}));
    QCOMPARE(page.columnTypes, (QStringList{QStringLiteral("Number"), QStringLiteral("String"), QStringLiteral("String")}));
    QCOMPARE(page.rows.size(), 3);
    // The cells keep the digits of the file (17 significant digits, more than a double prints back).
    QCOMPARE(page.rows[0], (QStringList{QStringLiteral("19.545363672276512"), QStringLiteral("JapanUnifia-Trial"), QStringLiteral("USD")}));
    QCOMPARE(page.rows[1][0], QStringLiteral("173.41979241290323"));
    QCOMPARE(page.rows[2][1], QStringLiteral("VSTSHOL-1595322048000"));
    QVERIFY(page.nextLink.endsWith(QStringLiteral("$skiptoken=AQAAAA%3D%3D")));
    // Nine decimals, half to even, worked by hand: ...672|276512 down, ...412|90323 up, ...562|625452 up.
    const int64_t expected[] = {19'545'363'672LL, 173'419'792'413LL, 20'359'416'563LL};
    int64_t sum = 0;
    for (int i = 0; i < 3; ++i) {
        const auto m = Money::parse(QStringView(page.rows[i][0]));
        QVERIFY(m);
        QCOMPARE(m->nanos(), expected[i]);
        sum += m->nanos();
    }
    QCOMPARE(sum, 213'324'572'648LL);
}

void TestAzureClient::exactAmounts_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<qlonglong>("nanos");
    QTest::newRow("0.1") << QByteArray("0.1") << 100'000'000LL;
    QTest::newRow("0.2") << QByteArray("0.2") << 200'000'000LL;
    QTest::newRow("1234567.123456789") << QByteArray("1234567.123456789") << 1'234'567'123'456'789LL;
    QTest::newRow("17 significant digits") << QByteArray("98765432.123456789") << 98'765'432'123'456'789LL;
    QTest::newRow("negative exponent") << QByteArray("-1.5E-7") << -150LL;
    QTest::newRow("positive exponent") << QByteArray("1e+2") << 100'000'000'000LL;
    QTest::newRow("integer") << QByteArray("12") << 12'000'000'000LL;
    QTest::newRow("zero") << QByteArray("0") << 0LL;
    QTest::newRow("half to even, down") << QByteArray("0.0000000005") << 0LL;
    QTest::newRow("half to even, up") << QByteArray("0.0000000015") << 2LL;
}

void TestAzureClient::exactAmounts()
{
    QFETCH(QByteArray, token);
    QFETCH(qlonglong, nanos);
    CostQueryPage page;
    QString error;
    QVERIFY2(AzureClient::parseCostQuery(oneRow(token), &page, &error), qPrintable(error));
    QCOMPARE(page.rows.size(), 1);
    QCOMPARE(page.rows[0][0], QString::fromLatin1(token));
    QCOMPARE(page.rows[0][1], QStringLiteral("20240301"));
    const auto m = Money::parse(QStringView(page.rows[0][0]));
    QVERIFY(m);
    QCOMPARE(m->nanos(), nanos);
}

void TestAzureClient::doubleWouldLoseDigits()
{
    // Why the parser keeps the token: through QJsonDocument's double the amount changes, and
    // 0.1 + 0.2 is not 0.3.
    const QJsonDocument doc = QJsonDocument::fromJson(R"({"a":98765432.123456789,"b":0.1,"c":0.2})");
    QVERIFY(Money::fromDouble(doc.object().value(QStringLiteral("a")).toDouble()).nanos() != 98'765'432'123'456'789LL);
    QVERIFY(doc.object().value(QStringLiteral("b")).toDouble() + doc.object().value(QStringLiteral("c")).toDouble() != 0.3);
    CostQueryPage a, b;
    QString error;
    QVERIFY(AzureClient::parseCostQuery(oneRow("0.1"), &a, &error));
    QVERIFY(AzureClient::parseCostQuery(oneRow("0.2"), &b, &error));
    QCOMPARE((*Money::parse(QStringView(a.rows[0][0])) + *Money::parse(QStringView(b.rows[0][0]))).nanos(), 300'000'000LL);
}

void TestAzureClient::hostileBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::newRow("truncated") << oneRow("1.5").left(60) << QStringLiteral("not valid JSON");
    QTest::newRow("HTML") << QByteArray("<html>gateway</html>") << QStringLiteral("not valid JSON");
    QTest::newRow("top-level array") << QByteArray("[1,2]") << QStringLiteral("not valid JSON");
    QTest::newRow("leading zero") << oneRow("01") << QStringLiteral("malformed number");
    QTest::newRow("dot without digits") << oneRow("1.") << QStringLiteral("malformed number");
    QTest::newRow("lone minus") << oneRow("-") << QStringLiteral("malformed number");
    QTest::newRow("exponent without digits") << oneRow("1e") << QStringLiteral("malformed number");
    QTest::newRow("NaN") << oneRow("NaN") << QStringLiteral("not valid JSON");
    QTest::newRow("escaped NUL in a string") << QByteArray(R"({"properties":{"columns":[],"rows":[],"x":"\u0000"}})")
                                             << QStringLiteral("\\u0000");
    QTest::newRow("no properties") << QByteArray(R"({"value":[]})") << QStringLiteral("no properties.columns");
    QTest::newRow("row too short") << QByteArray(R"({"properties":{"columns":[{"name":"A","type":"Number"},{"name":"B","type":"String"}],"rows":[[1]]}})")
                                   << QStringLiteral("row 1 of the answer has 1 cells for 2 columns");
    QTest::newRow("text in a number column") << oneRow("\"12.5\"") << QStringLiteral("no number");
    QTest::newRow("number in a text column")
        << QByteArray(R"({"properties":{"columns":[{"name":"Currency","type":"String"}],"rows":[[5]]}})") << QString();
    QTest::newRow("object in a text column")
        << QByteArray(R"({"properties":{"columns":[{"name":"Currency","type":"String"}],"rows":[[{}]]}})") << QStringLiteral("no text");
    QTest::newRow("nameless column") << QByteArray(R"({"properties":{"columns":[{"type":"Number"}],"rows":[]}})")
                                     << QStringLiteral("has no name");
}

void TestAzureClient::hostileBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorHas);
    CostQueryPage page;
    QString error;
    const bool ok = AzureClient::parseCostQuery(body, &page, &error);
    if (errorHas.isEmpty()) {
        // A number where text is expected is kept as its text (Azure never sends it; harmless).
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(page.rows.at(0).at(0), QStringLiteral("5"));
        return;
    }
    QVERIFY(!ok);
    QVERIFY2(error.contains(errorHas), qPrintable(error));
}

void TestAzureClient::subscriptionOfScope_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("subscription");
    QTest::newRow("subscription") << QStringLiteral("/subscriptions/abc") << QStringLiteral("abc");
    QTest::newRow("resource group") << QStringLiteral("/subscriptions/abc/resourceGroups/rg") << QStringLiteral("abc");
    QTest::newRow("no leading slash, other case") << QStringLiteral("Subscriptions/abc/") << QStringLiteral("abc");
    QTest::newRow("billing account") << QStringLiteral("/providers/Microsoft.Billing/billingAccounts/70664866") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("subscriptions alone") << QStringLiteral("/subscriptions/") << QString();
}

void TestAzureClient::subscriptionOfScope()
{
    QFETCH(QString, scope);
    QFETCH(QString, subscription);
    QCOMPARE(AzureClient::subscriptionOf(scope), subscription);
}

void TestAzureClient::expiredTokenRefreshedOnce()
{
    // The same month against two fakes: the second says "expired" once; the client fetches one new
    // token and repeats the call, so it makes exactly two more requests and gets the same rows.
    using testsupport::Fault;
    using testsupport::FaultPlan;
    using testsupport::FaultTarget;
    providers::net::HttpClient http(fastOptions());
    std::vector<CostRow> rows[2];
    int requests[2] = {0, 0};
    for (int run = 0; run < 2; ++run) {
        auto fake = testsupport::makeFakeCloud(QStringLiteral("azure"));
        QVERIFY(fake);
        QVERIFY(fake->start());
        if (run == 1)
            fake->setFault(FaultPlan{Fault::ExpiredToken, FaultTarget::Costs, QDate(2024, 3, 1), 1});
        QString error;
        auto client = providers::createClient(fake->account(QStringLiteral("main")), fake->secrets(), http, {}, &error);
        QVERIFY2(client, qPrintable(error));
        CostBatch batch;
        QVERIFY2(client->fetchMonth(QDate(2024, 3, 1), QDate(2024, 3, 11), &batch, &error, {}), qPrintable(error));
        rows[run] = batch.rows;
        requests[run] = fake->requestCount();
        QCOMPARE(batch.currency, QStringLiteral("EUR"));
        QCOMPARE(batch.provider, QStringLiteral("Azure"));
    }
    QCOMPARE(requests[1], requests[0] + 2);
    QCOMPARE(rows[1].size(), rows[0].size());
    QCOMPARE(rows[0].size(), size_t(60));
    // Mapping: resource ids lower-case, the subscription and resource group taken from the id.
    const CostRow &r = rows[0].front();
    QCOMPARE(r.serviceName, QStringLiteral("Virtual Machines"));
    QCOMPARE(r.subAccountId, QStringLiteral("1f2e3d4c-0000-4000-8000-00000000c0de"));
    QVERIFY(r.resourceId.endsWith(QStringLiteral("/resourcegroups/web-rg/providers/microsoft.compute/virtualmachines/vm-web-1")));
    QCOMPARE(r.resourceName, QStringLiteral("vm-web-1"));
    QVERIFY(r.extra.contains(qMakePair(QStringLiteral("x_ResourceGroup"), QStringLiteral("web-rg"))));
    QCOMPARE(r.chargeStart, QDateTime(QDate(2024, 3, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch());
    QCOMPARE(r.chargeEnd - r.chargeStart, int64_t(86400));
    // The region comes from the second, undated query by resource and location.
    QCOMPARE(r.region, QStringLiteral("westeurope"));
    QCOMPARE(rows[0][2].region, QStringLiteral("northeurope"));
    QCOMPARE(rows[1][2].region, QStringLiteral("northeurope"));
    const CostRow &support = rows[0][3];
    QVERIFY(support.region.isEmpty()); // "Unassigned" is not a region
    QCOMPARE(support.serviceName, QStringLiteral("Azure Support"));
    QVERIFY(support.resourceId.isEmpty());
    QCOMPARE(support.subAccountId, QStringLiteral("1f2e3d4c-0000-4000-8000-00000000c0de")); // from the scope
}

void TestAzureClient::expiredTokenTwiceFails()
{
    using testsupport::Fault;
    using testsupport::FaultPlan;
    using testsupport::FaultTarget;
    providers::net::HttpClient http(fastOptions());
    auto fake = testsupport::makeFakeCloud(QStringLiteral("azure"));
    QVERIFY(fake->start());
    fake->setFault(FaultPlan{Fault::ExpiredToken, FaultTarget::Resources, {}, -1});
    QString error;
    auto client = providers::createClient(fake->account(QStringLiteral("main")), fake->secrets(), http, {}, &error);
    QVERIFY(client);
    ResourceBatch resources;
    std::vector<MetricSeries> metrics;
    QVERIFY(!client->fetchResources(&resources, &metrics, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("expired")) && error.contains(QStringLiteral("even after a fresh one")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("ExpiredAuthenticationToken")));
    QVERIFY(resources.resources.empty());
    // Token, list (401), token again, list (401): no third try.
    QCOMPARE(fake->requestCount(), 4);
}

void TestAzureClient::nextLinkToAnotherHostRefused()
{
    LocalHttpServer server;
    QVERIFY(server.start());
    server.enqueue(ScriptedResponse::ok(tokenJson()));
    QByteArray page = oneRow("1.25");
    page.replace(R"("nextLink":null)", R"("nextLink":"https://collector.example.com/steal?api-version=2023-11-01")");
    server.enqueue(ScriptedResponse::ok(page));
    providers::net::HttpClient http(fastOptions());
    AzureClient client(accountFor(server), {QStringLiteral("tenant-1"), QStringLiteral("client-1"), kSecret}, http, {});
    CostBatch batch;
    QString error;
    QVERIFY(!client.fetchMonth(QDate(2024, 3, 1), QDate(2024, 4, 1), &batch, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("another host")), qPrintable(error));
    QVERIFY(batch.rows.empty());
    QCOMPARE(server.requestCount(), 2);
    // The query went where it should, with the token and the documented body.
    const auto requests = server.requests();
    QCOMPARE(requests[0].path, QByteArray("/tenant-1/oauth2/v2.0/token"));
    QCOMPARE(requests[1].method, QByteArray("POST"));
    QCOMPARE(requests[1].path, QByteArray("/subscriptions/5e1f0000-0000-4000-8000-000000000001/providers/Microsoft.CostManagement/query"));
    QCOMPARE(requests[1].query, QByteArray("api-version=2023-11-01"));
    QCOMPARE(requests[1].header("Authorization"), QByteArray("Bearer unit-token-1"));
    const QJsonObject body = QJsonDocument::fromJson(requests[1].body).object();
    QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("ActualCost"));
    QCOMPARE(body.value(QStringLiteral("timePeriod")).toObject().value(QStringLiteral("from")).toString(), QStringLiteral("2024-03-01T00:00:00Z"));
    QCOMPARE(body.value(QStringLiteral("timePeriod")).toObject().value(QStringLiteral("to")).toString(), QStringLiteral("2024-03-31T23:59:59Z"));
    QCOMPARE(body.value(QStringLiteral("dataset")).toObject().value(QStringLiteral("grouping")).toArray().size(), 2);
}

void TestAzureClient::armErrorInPlainWords_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("403 AuthorizationFailed")
        << 403
        << QByteArray(R"({"error":{"code":"AuthorizationFailed","message":"The client 'x' with object id 'y' does not have authorization to perform action 'Microsoft.CostManagement/query/action'.\nMore text"}})")
        << QStringLiteral("lacks a role");
    QTest::newRow("404 SubscriptionNotFound") << 404 << QByteArray(R"({"error":{"code":"SubscriptionNotFound","message":"The subscription could not be found."}})")
                                              << QStringLiteral("does not know the scope");
    QTest::newRow("400 BadRequest echoing the secret")
        << 400 << (QByteArray(R"({"error":{"code":"BadRequest","message":"bad value )") + kSecret.toUtf8() + R"("}})")
        << QStringLiteral("Azure answered BadRequest");
    QTest::newRow("401 without JSON") << 401 << QByteArray("Unauthorized") << QStringLiteral("rejected the credentials");
}

void TestAzureClient::armErrorInPlainWords()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorHas);
    LocalHttpServer server;
    QVERIFY(server.start());
    server.enqueue(ScriptedResponse::ok(tokenJson()));
    server.enqueue(ScriptedResponse::status_(status, body));
    providers::net::HttpClient http(fastOptions());
    AzureClient client(accountFor(server), {QStringLiteral("tenant-1"), QStringLiteral("client-1"), kSecret}, http, {});
    CostBatch batch;
    QString error;
    QVERIFY(!client.fetchMonth(QDate(2024, 3, 1), QDate(2024, 3, 5), &batch, &error, {}));
    QVERIFY2(error.startsWith(QStringLiteral("Azure Cost Management query: ")), qPrintable(error));
    QVERIFY2(error.contains(errorHas), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("HTTP %1").arg(status)), qPrintable(error));
    QVERIFY2(!error.contains(kSecret), qPrintable(error));
    QVERIFY2(!error.contains(u'\n'), qPrintable(error));
    QVERIFY(!error.contains(QStringLiteral("unit-token-1")));
}

void TestAzureClient::chargeCategories_data()
{
    QTest::addColumn<QString>("chargeType");
    QTest::addColumn<int>("category");
    QTest::newRow("Usage") << QStringLiteral("Usage") << int(ChargeCategory::Usage);
    QTest::newRow("empty") << QString() << int(ChargeCategory::Usage);
    QTest::newRow("UnusedReservation") << QStringLiteral("UnusedReservation") << int(ChargeCategory::Usage);
    QTest::newRow("UnusedSavingsPlan") << QStringLiteral("UnusedSavingsPlan") << int(ChargeCategory::Usage);
    QTest::newRow("Purchase") << QStringLiteral("Purchase") << int(ChargeCategory::Purchase);
    QTest::newRow("purchase lower-case") << QStringLiteral(" purchase ") << int(ChargeCategory::Purchase);
    QTest::newRow("Tax") << QStringLiteral("Tax") << int(ChargeCategory::Tax);
    QTest::newRow("Refund") << QStringLiteral("Refund") << int(ChargeCategory::Credit);
    QTest::newRow("Credit") << QStringLiteral("Credit") << int(ChargeCategory::Credit);
    QTest::newRow("RoundingAdjustment") << QStringLiteral("RoundingAdjustment") << int(ChargeCategory::Adjustment);
    QTest::newRow("unknown") << QStringLiteral("SomethingNew") << int(ChargeCategory::Adjustment);
}

void TestAzureClient::chargeCategories()
{
    QFETCH(QString, chargeType);
    QFETCH(int, category);
    QCOMPARE(int(AzureClient::chargeCategoryOf(chargeType)), category);
}

void TestAzureClient::amortisedAndChargeTypes()
{
    // March 14 and 15, 2024 against the fake. Each day it serves, as actual cost, the six rows of
    // FakeAzureServer::amounts (the first one varies by day: 28.537158944 on the 14th and
    // 59.824667535 on the 15th), and on the 15th a resource-less Virtual Machines Purchase of
    // 310.5 (a reservation). The amortised view has no purchase and 0.75 more on vm-api-3 (the
    // reservation's daily share). Computed by hand (and checked with Python's Decimal):
    //   usage(14th) = 28.537158944 + 0.1 + 1234567.123456789 + 0.2 - 0.00000015 + 12 = 1234607.960615583
    //   usage(15th) = 59.824667535 + (the same five)                                  = 1234639.248124174
    //   billed:    14th 1234607.960615583, 15th 1234639.248124174 + 310.5 = 1234949.748124174
    //   effective: 14th 1234607.960615583 + 0.75 = 1234608.710615583, 15th 1234639.998124174
    providers::net::HttpClient http(fastOptions());
    auto fake = testsupport::makeFakeCloud(QStringLiteral("azure"));
    QVERIFY(fake->start());
    QString error;
    auto client = providers::createClient(fake->account(QStringLiteral("main")), fake->secrets(), http, {}, &error);
    QVERIFY2(client, qPrintable(error));
    CostBatch batch;
    QVERIFY2(client->fetchMonth(QDate(2024, 3, 14), QDate(2024, 3, 16), &batch, &error, {}), qPrintable(error));
    const int64_t day14 = QDateTime(QDate(2024, 3, 14), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    const int64_t day15 = day14 + 86400;
    QHash<int64_t, Money> billed, effective, list;
    QHash<int64_t, int> rowsOfDay;
    QList<const CostRow *> purchases;
    for (const CostRow &r : batch.rows) {
        billed[r.chargeStart] += r.billedCost;
        effective[r.chargeStart] += r.effectiveCost;
        list[r.chargeStart] += r.listCost;
        ++rowsOfDay[r.chargeStart];
        if (r.chargeCategory == ChargeCategory::Purchase)
            purchases << &r;
        else
            QCOMPARE(int(r.chargeCategory), int(ChargeCategory::Usage));
        // No resource-less Virtual Machines usage is left once the purchase has its own row.
        if (r.chargeStart == day15 && r.chargeCategory == ChargeCategory::Usage)
            QVERIFY(!(r.resourceId.isEmpty() && r.serviceName == u"Virtual Machines"));
    }
    QCOMPARE(billed.value(day14), *Money::parse(QStringView(u"1234607.960615583")));
    QCOMPARE(effective.value(day14), *Money::parse(QStringView(u"1234608.710615583")));
    QCOMPARE(billed.value(day15), *Money::parse(QStringView(u"1234949.748124174")));
    QCOMPARE(effective.value(day15), *Money::parse(QStringView(u"1234639.998124174")));
    QCOMPARE(list.value(day15), billed.value(day15)); // list cost: the actual cost
    QCOMPARE(rowsOfDay.value(day14), 6);
    QCOMPARE(rowsOfDay.value(day15), 7);
    QCOMPARE(purchases.size(), 1);
    const CostRow &purchase = *purchases.front();
    QCOMPARE(purchase.chargeStart, day15);
    QCOMPARE(purchase.billedCost, *Money::parse(QStringView(u"310.5")));
    QVERIFY(purchase.effectiveCost.isZero());
    QVERIFY(purchase.resourceId.isEmpty());
    QCOMPARE(purchase.serviceName, QStringLiteral("Virtual Machines"));
    QCOMPARE(purchase.subAccountId, QStringLiteral("1f2e3d4c-0000-4000-8000-00000000c0de"));
    QVERIFY(purchase.extra.contains(qMakePair(QStringLiteral("x_ChargeType"), QStringLiteral("Purchase"))));
    // The covered machine: billed its actual cost, effective its amortised cost.
    bool sawApi = false;
    for (const CostRow &r : batch.rows) {
        if (r.chargeStart == day15 && r.resourceId.endsWith(QStringLiteral("/vm-api-3"))) {
            QCOMPARE(r.billedCost, *Money::parse(QStringView(u"1234567.123456789")));
            QCOMPARE(r.effectiveCost, *Money::parse(QStringView(u"1234567.873456789")));
            QCOMPARE(r.region, QStringLiteral("northeurope"));
            sawApi = true;
        }
    }
    QVERIFY(sawApi);
    // The five queries, each one page for two days, in this order with these types and groupings.
    QCOMPARE(testsupport::azureCostQueries(*fake),
             (QStringList{QStringLiteral("ActualCost Daily ResourceId,ServiceName"),
                          QStringLiteral("AmortizedCost Daily ResourceId,ServiceName"),
                          QStringLiteral("ActualCost Daily ChargeType,MeterCategory"),
                          QStringLiteral("AmortizedCost Daily ChargeType,MeterCategory"),
                          QStringLiteral("ActualCost None ResourceId,ResourceLocation")}));
}

void TestAzureClient::faultOnEveryQuery_data()
{
    using testsupport::Fault;
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("times");
    QTest::addColumn<QString>("errorHas"); // empty: the month is fetched after retries
    const QList<QPair<const char *, QString>> queries{
        {"actual", QStringLiteral("ActualCost Daily ResourceId")},
        {"amortised", QStringLiteral("AmortizedCost Daily ResourceId")},
        {"charge types", QStringLiteral("ActualCost Daily ChargeType")},
        {"amortised charge types", QStringLiteral("AmortizedCost Daily ChargeType")},
        {"locations", QStringLiteral("ActualCost None")},
    };
    for (const auto &[name, prefix] : queries) {
        auto row = [&](const char *what) { return &QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), QLatin1String(what)))); };
        *row("throttled once") << prefix << int(Fault::Throttle) << 1 << QString();
        *row("500 once") << prefix << int(Fault::ServerError) << 1 << QString();
        *row("expired once") << prefix << int(Fault::ExpiredToken) << 1 << QString();
        *row("503 always") << prefix << int(Fault::Unavailable) << -1 << QStringLiteral("HTTP 503");
        *row("truncated") << prefix << int(Fault::Truncate) << -1 << QStringLiteral("truncated");
        *row("malformed") << prefix << int(Fault::Malformed) << -1 << QStringLiteral("not valid JSON");
        *row("pages forever") << prefix << int(Fault::PagesForever) << -1 << QStringLiteral("kept sending page tokens");
    }
}

void TestAzureClient::faultOnEveryQuery()
{
    QFETCH(QString, query);
    QFETCH(int, fault);
    QFETCH(int, times);
    QFETCH(QString, errorHas);
    providers::net::HttpOptions options = fastOptions();
    options.maxAttempts = 3;
    providers::net::HttpClient http(options);
    QList<std::chrono::milliseconds> sleeps;
    http.setSleepFunction([&](std::chrono::milliseconds d, const CancelFn &) { sleeps << d; });
    providers::ClientOptions clientOptions;
    clientOptions.maxPages = 6;
    // The clean answer first, to compare with.
    CostBatch clean;
    {
        auto fake = testsupport::makeFakeCloud(QStringLiteral("azure"));
        QVERIFY(fake->start());
        QString error;
        auto client = providers::createClient(fake->account(QStringLiteral("main")), fake->secrets(), http, clientOptions, &error);
        QVERIFY(client);
        QVERIFY2(client->fetchMonth(QDate(2024, 3, 1), QDate(2024, 4, 1), &clean, &error, {}), qPrintable(error));
    }
    auto fake = testsupport::makeFakeCloud(QStringLiteral("azure"));
    QVERIFY(fake->start());
    testsupport::setAzureCostFaultQuery(*fake, query);
    fake->setFault({static_cast<testsupport::Fault>(fault), testsupport::FaultTarget::Costs, QDate(2024, 3, 1), times});
    QString error;
    auto client = providers::createClient(fake->account(QStringLiteral("main")), fake->secrets(), http, clientOptions, &error);
    QVERIFY(client);
    CostBatch batch;
    const bool ok = client->fetchMonth(QDate(2024, 3, 1), QDate(2024, 4, 1), &batch, &error, {});
    // The fault reached the query it was meant for.
    QVERIFY(testsupport::azureCostQueries(*fake).filter(query).size() >= 1);
    if (errorHas.isEmpty()) {
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(batch.rows.size(), clean.rows.size());
        Money billed, effective, cleanBilled, cleanEffective;
        for (size_t i = 0; i < batch.rows.size(); ++i) {
            billed += batch.rows[i].billedCost;
            effective += batch.rows[i].effectiveCost;
            cleanBilled += clean.rows[i].billedCost;
            cleanEffective += clean.rows[i].effectiveCost;
            QCOMPARE(batch.rows[i].region, clean.rows[i].region);
        }
        QCOMPARE(billed, cleanBilled);
        QCOMPARE(effective, cleanEffective);
        QVERIFY(cleanBilled != cleanEffective); // the month holds a reservation purchase
        if (static_cast<testsupport::Fault>(fault) == testsupport::Fault::Throttle)
            QCOMPARE(sleeps, (QList<std::chrono::milliseconds>{1000ms})); // the qpu / entity retry-after: 1
    } else {
        QVERIFY(!ok);
        QVERIFY2(error.contains(errorHas), qPrintable(error));
        QVERIFY(batch.rows.empty());
        QVERIFY(!error.contains(fake->secrets().value(QStringLiteral("client_secret"))));
    }
}

void TestAzureClient::costManagementRetryAfter_data()
{
    QTest::addColumn<testsupport::HeaderList>("headers");
    QTest::addColumn<int>("waitMs");
    using H = testsupport::HeaderList;
    QTest::newRow("qpu only") << H{{"x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "3"}} << 3000;
    QTest::newRow("entity only") << H{{"x-ms-ratelimit-microsoft.costmanagement-entity-retry-after", "11"}} << 11000;
    QTest::newRow("the longest wins") << H{{"x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "3"},
                                           {"x-ms-ratelimit-microsoft.costmanagement-entity-retry-after", "7"},
                                           {"x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after", "5"}}
                                      << 7000;
    QTest::newRow("Retry-After first") << H{{"Retry-After", "2"}, {"x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "9"}} << 2000;
    QTest::newRow("unusable value: back-off") << H{{"x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "soon"}} << -1;
}

void TestAzureClient::costManagementRetryAfter()
{
    // A throttled request (here the connection test) waits what the headers say, then succeeds.
    QFETCH(testsupport::HeaderList, headers);
    QFETCH(int, waitMs);
    LocalHttpServer server;
    QVERIFY(server.start());
    server.enqueue(ScriptedResponse::ok(tokenJson()));
    ScriptedResponse throttled = ScriptedResponse::status_(429, R"({"error":{"code":"429","message":"Too many requests."}})");
    throttled.headers = headers;
    throttled.headers.append(qMakePair(QByteArray("x-ms-ratelimit-microsoft.costmanagement-qpu-remaining"), QByteArray("QueryQPU:0")));
    server.enqueue(throttled);
    server.enqueue(ScriptedResponse::ok(R"({"subscriptionId":"5e1f0000-0000-4000-8000-000000000001","state":"Enabled"})"));
    providers::net::HttpOptions options = fastOptions();
    options.maxAttempts = 2;
    options.initialBackoff = 100ms;
    options.maxBackoff = 100ms;
    providers::net::HttpClient http(options);
    QList<std::chrono::milliseconds> sleeps;
    http.setSleepFunction([&](std::chrono::milliseconds d, const CancelFn &) { sleeps << d; });
    AzureClient client(accountFor(server), {QStringLiteral("tenant-1"), QStringLiteral("client-1"), kSecret}, http, {});
    const QString error = client.testConnection({});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(server.requestCount(), 3);
    QCOMPARE(sleeps.size(), 1);
    if (waitMs >= 0)
        QCOMPARE(sleeps.front(), std::chrono::milliseconds(waitMs));
    else
        QVERIFY(sleeps.front() <= 100ms); // the HTTP layer's own back-off
}

QTEST_GUILESS_MAIN(TestAzureClient)
#include "TestAzureClient.moc"
