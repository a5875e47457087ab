// AlibabaClient against a scripted local server: the mapping of DescribeInstanceBill items onto
// cost rows (amounts as JSON numbers read exactly), hostile and broken answers, Alibaba error codes
// in plain words, throttling sent as HTTP 400, and ECS instance states.

#include "providers/alibaba/AlibabaClient.h"
#include "support/LocalHttpServer.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::alibaba::AlibabaClient;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::ScriptedResponse;

namespace {

const QDate kDay(2024, 3, 5);

struct Setup
{
    LocalHttpServer server;
    providers::net::HttpClient http;
    QList<std::chrono::milliseconds> sleeps;
    std::unique_ptr<AlibabaClient> client;

    Setup()
        : http([] {
            providers::net::HttpOptions o;
            o.connectTimeout = 5s;
            o.totalTimeout = 10s;
            o.maxAttempts = 2;
            return o;
        }())
    {
        http.setSleepFunction([this](std::chrono::milliseconds d, const CancelFn &) { sleeps.append(d); });
    }

    bool start()
    {
        if (!server.start())
            return false;
        providers::AccountConfig account;
        account.id = QStringLiteral("alibaba-test");
        account.name = QStringLiteral("shop");
        account.provider = QStringLiteral("alibaba");
        account.endpoint = server.url(QStringLiteral("/")).toString();
        client = std::make_unique<AlibabaClient>(account,
                                                 providers::auth::AlibabaCredentials{QStringLiteral("LTAIkey"),
                                                                                     QStringLiteral("the-secret-0001")},
                                                 http, providers::ClientOptions{});
        return true;
    }
};

QByteArray billPage(const QByteArray &items, const QByteArray &extraData = {})
{
    return R"({"Code":"Success","Message":"Successful!","RequestId":"R","Success":true,"Data":{"BillingCycle":"2024-03",)"
           R"("AccountID":"5123984766601234","AccountName":"acme","MaxResults":300,)"
        + extraData + R"("Items":[)" + items + "]}}";
}

int64_t billedNanos(const CostBatch &batch)
{
    int64_t sum = 0;
    for (const CostRow &r : batch.rows)
        sum += r.billedCost.nanos();
    return sum;
}

} // namespace

class TestAlibabaClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void numberText_data();
    void numberText();
    void bill_data();
    void bill();
    void itemMapping();
    void throttlingAs400IsRetried();
    void instanceStates();
};

void TestAlibabaClient::numberText_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("0.1") << 0.1 << QStringLiteral("0.1");
    QTest::newRow("0.3 written as 0.3") << 0.3 << QStringLiteral("0.3");
    QTest::newRow("six decimals") << 12.345678 << QStringLiteral("12.345678");
    QTest::newRow("large") << 123456.78 << QStringLiteral("123456.78");
    QTest::newRow("tiny") << 0.000001 << QStringLiteral("1e-06");
    QTest::newRow("negative") << -0.35 << QStringLiteral("-0.35");
    QTest::newRow("integer") << 42.0 << QStringLiteral("42");
}

void TestAlibabaClient::numberText()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(AlibabaClient::numberText(value), text);
    QVERIFY(Money::parse(text).has_value());
}

void TestAlibabaClient::bill_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("nanos"); // sum of billed when ok
    QTest::addColumn<QString>("errorHas");
    const QByteArray day = R"("BillingDate":"2024-03-05","Currency":"USD",)";
    QTest::newRow("numbers summed exactly")
        << 200
        << billPage(R"({)" + day + R"("PretaxAmount":0.1},{)" + day + R"("PretaxAmount":0.2},{)" + day
                    + R"("PretaxAmount":1e-06},{)" + day + R"("PretaxAmount":123456.78},{)" + day + R"("PretaxAmount":-0.35})")
        << true << qint64(123456730001000) << QString();
    QTest::newRow("amount as a decimal string") << 200 << billPage("{" + day + R"("PretaxAmount":"12.345"})") << true
                                                << qint64(12345000000) << QString();
    QTest::newRow("no items") << 200 << billPage({}) << true << qint64(0) << QString();
    QTest::newRow("amount garbage") << 200 << billPage("{" + day + R"("PretaxAmount":"12,34"})") << false << qint64(0)
                                    << QStringLiteral("not an amount");
    QTest::newRow("amount missing") << 200 << billPage("{" + day + R"("PaymentAmount":1})") << false << qint64(0)
                                    << QStringLiteral("has no PretaxAmount");
    QTest::newRow("amount an object") << 200 << billPage("{" + day + R"("PretaxAmount":{"v":1}})") << false << qint64(0)
                                      << QStringLiteral("PretaxAmount is not a number");
    QTest::newRow("amount beyond range") << 200 << billPage("{" + day + R"("PretaxAmount":1e300})") << false << qint64(0)
                                         << QStringLiteral("not an amount");
    QTest::newRow("two currencies")
        << 200 << billPage("{" + day + R"("PretaxAmount":1},{"BillingDate":"2024-03-05","Currency":"CNY","PretaxAmount":1})")
        << false << qint64(0) << QStringLiteral("two currencies");
    QTest::newRow("item of another day") << 200 << billPage(R"({"BillingDate":"2024-03-06","PretaxAmount":1})") << false
                                         << qint64(0) << QStringLiteral("outside the day");
    QTest::newRow("item not an object") << 200 << billPage("7") << false << qint64(0) << QStringLiteral("not an object");
    QTest::newRow("no Data") << 200 << QByteArray(R"({"Code":"Success","Success":true})") << false << qint64(0)
                             << QStringLiteral("no Data object");
    QTest::newRow("Items not a list") << 200 << QByteArray(R"({"Success":true,"Data":{"Items":"x"}})") << false << qint64(0)
                                      << QStringLiteral("Data.Items is not a list");
    QTest::newRow("Success false in a 200")
        << 200 << QByteArray(R"({"Success":false,"Code":"InvalidParameter.BillingCycle","Message":"bad cycle"})") << false
        << qint64(0) << QStringLiteral("Alibaba Cloud answered InvalidParameter.BillingCycle: bad cycle");
    QTest::newRow("HTML from a proxy") << 200 << QByteArray("<html><body>502</body></html>") << false << qint64(0)
                                       << QStringLiteral("not valid JSON");
    QTest::newRow("a JSON list") << 200 << QByteArray("[1,2]") << false << qint64(0) << QStringLiteral("not usable");
    QTest::newRow("unknown key") << 404 << QByteArray(R"({"Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found."})")
                                 << false << qint64(0) << QStringLiteral("rejected the credentials (InvalidAccessKeyId.NotFound)");
    QTest::newRow("no permission") << 403 << QByteArray(R"({"Code":"Forbidden.RAM","Message":"User not authorized"})") << false
                                   << qint64(0) << QStringLiteral("lacks a permission (Forbidden.RAM)");
    QTest::newRow("security token expired")
        << 400 << QByteArray(R"({"Code":"InvalidSecurityToken.Expired","Message":"Specified SecurityToken is expired."})") << false
        << qint64(0) << QStringLiteral("security token has expired");
    QTest::newRow("clock off") << 400 << QByteArray(R"({"Code":"InvalidTimeStamp.Expired","Message":"expired"})") << false
                               << qint64(0) << QStringLiteral("check this computer's clock");
    QTest::newRow("server echoes the secret") << 400 << QByteArray(R"({"Code":"Weird","Message":"your secret the-secret-0001"})")
                                              << false << qint64(0) << QStringLiteral("REDACTED");
}

void TestAlibabaClient::bill()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(qint64, nanos);
    QFETCH(QString, errorHas);
    Setup s;
    QVERIFY(s.start());
    s.server.setHandler([&](const costscope::testsupport::RecordedRequest &) {
        return status == 200 ? ScriptedResponse::ok(body) : ScriptedResponse::status_(status, body);
    });
    CostBatch batch;
    QString error;
    QCOMPARE(s.client->fetchMonth(kDay, kDay.addDays(1), &batch, &error, {}), ok);
    if (ok) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(billedNanos(batch), nanos);
        QCOMPARE(batch.periodStart, QDate(2024, 3, 1));
        QCOMPARE(batch.periodEnd, QDate(2024, 4, 1));
    } else {
        QVERIFY2(error.contains(errorHas), qPrintable(error));
        QVERIFY2(error.startsWith(QStringLiteral("Alibaba Cloud BSS DescribeInstanceBill for 2024-03-05")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("the-secret-0001")));
        QVERIFY(batch.rows.empty());
    }
    // Every request was an RPC call signed with signature v1.
    const auto requests = s.server.requests();
    QVERIFY(!requests.isEmpty());
    const QUrlQuery q(QString::fromLatin1(requests.first().query));
    QCOMPARE(q.queryItemValue(QStringLiteral("Action")), QStringLiteral("DescribeInstanceBill"));
    QCOMPARE(q.queryItemValue(QStringLiteral("Version")), QStringLiteral("2017-12-14"));
    QCOMPARE(q.queryItemValue(QStringLiteral("BillingCycle")), QStringLiteral("2024-03"));
    QCOMPARE(q.queryItemValue(QStringLiteral("BillingDate")), QStringLiteral("2024-03-05"));
    QCOMPARE(q.queryItemValue(QStringLiteral("Granularity")), QStringLiteral("DAILY"));
    QCOMPARE(q.queryItemValue(QStringLiteral("SignatureMethod")), QStringLiteral("HMAC-SHA1"));
    QVERIFY(!q.queryItemValue(QStringLiteral("Signature")).isEmpty());
}

void TestAlibabaClient::itemMapping()
{
    Setup s;
    QVERIFY(s.start());
    const QByteArray item = R"j({"BillingDate":"2024-03-05","InstanceID":"i-bp1abc","NickName":"web-1","ProductCode":"ecs",)j"
                            R"j("ProductName":"Elastic Compute Service","ProductType":"ecs","SubscriptionType":"PayAsYouGo",)j"
                            R"j("Region":"China (Hangzhou)","Zone":"cn-hangzhou-i","Currency":"CNY","InstanceSpec":"ecs.g6.large",)j"
                            R"j("Tag":"key:team value:search; key:env value:prod","OwnerID":5123984766601234,"PretaxGrossAmount":10.5,)j"
                            R"j("PretaxAmount":8.25,"PaymentAmount":7.25})j";
    s.server.setHandler([&](const costscope::testsupport::RecordedRequest &r) {
        // Two pages: the second carries the item.
        return ScriptedResponse::ok(r.query.contains("NextToken=") ? billPage(item) : billPage({}, R"("NextToken":"t2",)"));
    });
    CostBatch batch;
    QString error;
    QVERIFY2(s.client->fetchMonth(kDay, kDay.addDays(1), &batch, &error, {}), qPrintable(error));
    QCOMPARE(s.server.requestCount(), 2);
    QCOMPARE(batch.provider, QStringLiteral("Alibaba Cloud"));
    QCOMPARE(batch.currency, QStringLiteral("CNY"));
    QCOMPARE(batch.billingAccountId, QStringLiteral("shop"));
    QCOMPARE(batch.rows.size(), size_t(1));
    const CostRow &r = batch.rows.front();
    QCOMPARE(r.chargeStart, QDateTime(kDay, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
    QCOMPARE(r.chargeEnd - r.chargeStart, int64_t(86400));
    QCOMPARE(r.subAccountId, QStringLiteral("5123984766601234")); // an id sent as a JSON number, no exponent
    QCOMPARE(r.serviceName, QStringLiteral("Elastic Compute Service"));
    QCOMPARE(r.region, QStringLiteral("China (Hangzhou)"));
    QCOMPARE(r.resourceId, QStringLiteral("i-bp1abc"));
    QCOMPARE(r.resourceName, QStringLiteral("web-1"));
    QCOMPARE(r.skuId, QStringLiteral("ecs.g6.large"));
    QCOMPARE(r.pricingCategory, QStringLiteral("Standard"));
    QCOMPARE(r.billedCost.nanos(), int64_t(8250000000));
    QCOMPARE(r.effectiveCost.nanos(), int64_t(8250000000));
    QCOMPARE(r.listCost.nanos(), int64_t(10500000000));
    const Tags expectedTags = {{QStringLiteral("team"), QStringLiteral("search")}, {QStringLiteral("env"), QStringLiteral("prod")}};
    QCOMPARE(r.tags, expectedTags);
    QVERIFY(r.extra.contains(qMakePair(QStringLiteral("x_PaymentAmount"), QStringLiteral("7.25"))));
    QVERIFY(r.extra.contains(qMakePair(QStringLiteral("x_Zone"), QStringLiteral("cn-hangzhou-i"))));
}

void TestAlibabaClient::throttlingAs400IsRetried()
{
    Setup s;
    QVERIFY(s.start());
    // Throttling.User in an HTTP 400 is retried (with back-off, no Retry-After); other 400s are not.
    s.server.enqueue(ScriptedResponse::status_(400, R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control."})"));
    s.server.enqueue(ScriptedResponse::ok(billPage(R"({"BillingDate":"2024-03-05","PretaxAmount":2.5})")));
    CostBatch batch;
    QString error;
    QVERIFY2(s.client->fetchMonth(kDay, kDay.addDays(1), &batch, &error, {}), qPrintable(error));
    QCOMPARE(s.server.requestCount(), 2);
    QCOMPARE(s.sleeps.size(), 1);
    QCOMPARE(billedNanos(batch), int64_t(2500000000));
    // The retry was signed again: another nonce.
    const auto requests = s.server.requests();
    QVERIFY(QUrlQuery(QString::fromLatin1(requests[0].query)).queryItemValue(QStringLiteral("SignatureNonce"))
            != QUrlQuery(QString::fromLatin1(requests[1].query)).queryItemValue(QStringLiteral("SignatureNonce")));

    // Always throttled: gives up with plain words.
    s.server.setHandler([](const costscope::testsupport::RecordedRequest &) {
        return ScriptedResponse::status_(400, R"({"Code":"Throttling.User","Message":"flow control"})");
    });
    QVERIFY(!s.client->fetchMonth(kDay, kDay.addDays(1), &batch, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("kept throttling")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("gave up after 2 attempts")), qPrintable(error));

    // A plain 400 is not retried.
    const int before = s.server.requestCount();
    s.server.setHandler([](const costscope::testsupport::RecordedRequest &) {
        return ScriptedResponse::status_(400, R"({"Code":"InvalidParameter","Message":"bad"})");
    });
    QVERIFY(!s.client->fetchMonth(kDay, kDay.addDays(1), &batch, &error, {}));
    QCOMPARE(s.server.requestCount(), before + 1);
}

void TestAlibabaClient::instanceStates()
{
    Setup s;
    QVERIFY(s.start());
    s.server.setHandler([](const costscope::testsupport::RecordedRequest &r) {
        const QUrlQuery q(QString::fromLatin1(r.query));
        const QString action = q.queryItemValue(QStringLiteral("Action"));
        if (action == u"DescribeRegions")
            return ScriptedResponse::ok(
                R"({"Regions":{"Region":[{"RegionId":"cn-hangzhou","RegionEndpoint":"ecs.cn-hangzhou.aliyuncs.com"},{"RegionId":"bad/region"}]}})");
        if (action == u"DescribeInstances")
            return ScriptedResponse::ok(R"({"Instances":{"Instance":[)"
                                        R"({"InstanceId":"i-1","Status":"Running","InstanceType":"ecs.g6.large","CreationTime":"2024-01-05T10:04Z"},)"
                                        R"({"InstanceId":"i-2","Status":"Stopped","StoppedMode":"KeepCharging"},)"
                                        R"({"InstanceId":"i-3","Status":"Stopped","StoppedMode":"StopCharging"}]}})");
        if (action == u"DescribeDisks")
            return ScriptedResponse::ok(R"({"Disks":{"Disk":[)"
                                        R"({"DiskId":"d-1","Category":"cloud_essd","Status":"In_use","InstanceId":"i-1","RegionId":"cn-hangzhou"},)"
                                        R"({"DiskId":"d-2","Category":"cloud_efficiency","Status":"Available","InstanceId":"","Tags":{"Tag":[{"TagKey":"team","TagValue":"data"}]}}]}})");
        if (action == u"DescribeMetricList")
            return ScriptedResponse::ok(R"({"Code":"200","Success":true,"Datapoints":"[{\"timestamp\":1704450000000,\"instanceId\":\"i-1\",\"Average\":12.5},{\"timestamp\":1704450000000,\"instanceId\":\"i-2\",\"Average\":1}]"})");
        return ScriptedResponse::status_(404, R"({"Code":"InvalidAction.NotFound"})");
    });
    ResourceBatch resources;
    std::vector<MetricSeries> metrics;
    QString error;
    QVERIFY2(s.client->fetchResources(&resources, &metrics, &error, {}), qPrintable(error));
    QCOMPARE(resources.resources.size(), size_t(5));
    QCOMPARE(resources.resources[0].state, QStringLiteral("running"));
    QCOMPARE(resources.resources[0].region, QStringLiteral("cn-hangzhou"));
    QCOMPARE(resources.resources[0].createdAt, QDateTime(QDate(2024, 1, 5), QTime(10, 4), QTimeZone::utc()).toSecsSinceEpoch());
    QCOMPARE(resources.resources[1].state, QStringLiteral("stopped")); // still billed: what the recommendation looks for
    QCOMPARE(resources.resources[2].state, QStringLiteral("stopped-no-charge"));
    // Disks: attached to their instance, or available (still billed, nobody uses it).
    const ResourceRecord &attached = resources.resources[3];
    QCOMPARE(attached.type, QStringLiteral("volume"));
    QCOMPARE(attached.flavor, QStringLiteral("cloud_essd"));
    QCOMPARE(attached.state, QStringLiteral("in-use"));
    QCOMPARE(attached.attachedTo, QStringLiteral("i-1"));
    QCOMPARE(attached.attachmentKind, QStringLiteral("volume-instance"));
    const ResourceRecord &unused = resources.resources[4];
    QCOMPARE(unused.state, QStringLiteral("available"));
    QCOMPARE(unused.region, QStringLiteral("cn-hangzhou"));
    QVERIFY(unused.attachedTo.isEmpty());
    QVERIFY(unused.attachmentKind.isEmpty());
    QCOMPARE(unused.tags, (Tags{{QStringLiteral("team"), QStringLiteral("data")}}));
    // Only the running instance's CPU is kept.
    QCOMPARE(metrics.size(), size_t(1));
    QCOMPARE(metrics[0].resourceId, QStringLiteral("i-1"));
    QCOMPARE(metrics[0].metric, QStringLiteral("cpu"));
    QCOMPARE(metrics[0].points.size(), size_t(1));
    QCOMPARE(metrics[0].points[0].time, int64_t(1704450000));
    QCOMPARE(metrics[0].points[0].value, 12.5);
    // The region id with a slash was skipped: one DescribeInstances only.
    int describeInstances = 0;
    for (const auto &r : s.server.requests())
        describeInstances += r.query.contains("Action=DescribeInstances") ? 1 : 0;
    QCOMPARE(describeInstances, 1);
}

QTEST_GUILESS_MAIN(TestAlibabaClient)
#include "TestAlibabaClient.moc"
