// OpenCostClient against a scripted local server: exact sums of the cost components, the mapping
// of allocations onto cost rows (__idle__ kept), follow-up requests when an answer ends early,
// hostile answers (misaligned windows, too many sets, wrong types), errors in plain words, and
// pods with requests against usage.

#include "providers/kubernetes/OpenCostClient.h"
#include "support/LocalHttpServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::kubernetes::OpenCostClient;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::RecordedRequest;
using costscope::testsupport::ScriptedResponse;

namespace {

const QDate kDay(2024, 3, 5);

struct Setup
{
    LocalHttpServer server;
    providers::net::HttpClient http;
    std::unique_ptr<OpenCostClient> client;

    Setup()
        : http([] {
            providers::net::HttpOptions o;
            o.connectTimeout = 5s;
            o.totalTimeout = 10s;
            o.maxAttempts = 1;
            return o;
        }())
    {
    }

    bool start(const QString &token = QStringLiteral("tok-secret-0001"))
    {
        if (!server.start())
            return false;
        providers::AccountConfig account;
        account.id = QStringLiteral("kubernetes-test");
        account.name = QStringLiteral("prod-cluster");
        account.provider = QStringLiteral("kubernetes");
        account.endpoint = server.url(QStringLiteral("/api/v1/")).toString();
        client = std::make_unique<OpenCostClient>(account, token, http, providers::ClientOptions{});
        return true;
    }
};

QByteArray window(const QDate &day)
{
    return R"("window":{"start":")" + day.toString(Qt::ISODate).toLatin1() + R"(T00:00:00Z","end":")"
        + day.addDays(1).toString(Qt::ISODate).toLatin1() + R"(T00:00:00Z"})";
}

QByteArray podAllocation(const QDate &day, const QByteArray &costs)
{
    return R"({"name":"web/api/api-1",)" + window(day)
        + R"(,"properties":{"cluster":"c1","namespace":"web","controller":"api","controllerKind":"deployment","pod":"api-1","node":"n1","labels":{"team":"search"}},)"
        + costs + "}";
}

QByteArray idleAllocation(const QDate &day, const QByteArray &costs)
{
    return R"({"name":"__idle__",)" + window(day) + R"(,"properties":{"cluster":"c1"},)" + costs + "}";
}

int64_t billedNanos(const CostBatch &batch)
{
    int64_t sum = 0;
    for (const CostRow &r : batch.rows)
        sum += r.billedCost.nanos();
    return sum;
}

} // namespace

class TestOpenCostClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void allocationCost_data();
    void allocationCost();
    void month_data();
    void month();
    void rowsAndFollowUps();
    void todayEndsAtNow();
    void errors_data();
    void errors();
    void pods();
};

void TestOpenCostClient::allocationCost_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("nanos");
    QTest::newRow("0.1 + 0.2 is 0.3") << QByteArray(R"({"cpuCost":0.1,"ramCost":0.2})") << true << qint64(300000000);
    QTest::newRow("six components") << QByteArray(R"({"cpuCost":1.000001,"gpuCost":2.5,"ramCost":0.333333,"pvCost":0.000002,"networkCost":0.01,"loadBalancerCost":0.025})")
                                    << true << qint64(3868336000);
    QTest::newRow("adjustments, shared, external") << QByteArray(R"({"cpuCost":1,"cpuCostAdjustment":-0.25,"sharedCost":0.5,"externalCost":0.125})")
                                                   << true << qint64(1375000000);
    QTest::newRow("totalCost is not trusted") << QByteArray(R"({"cpuCost":1,"totalCost":99})") << true << qint64(1000000000);
    QTest::newRow("exponent") << QByteArray(R"({"ramCost":1e-07})") << true << qint64(100);
    QTest::newRow("null is zero") << QByteArray(R"({"cpuCost":null,"ramCost":2})") << true << qint64(2000000000);
    QTest::newRow("nothing") << QByteArray("{}") << true << qint64(0);
    QTest::newRow("string") << QByteArray(R"({"cpuCost":"1.5"})") << false << qint64(0);
    QTest::newRow("huge") << QByteArray(R"({"cpuCost":1e300})") << false << qint64(0);
}

void TestOpenCostClient::allocationCost()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(qint64, nanos);
    Money total;
    QString error;
    QCOMPARE(OpenCostClient::allocationCost(QJsonDocument::fromJson(json).object(), &total, &error), ok);
    if (ok)
        QCOMPARE(total.nanos(), nanos);
    else
        QVERIFY(!error.isEmpty());
}

void TestOpenCostClient::month_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("errorHas");
    const QByteArray good = "{\"web/api/api-1\":" + podAllocation(kDay, R"("cpuCost":0.1,"ramCost":0.2)") + ",\"__idle__\":"
        + idleAllocation(kDay, R"("cpuCost":0.7)") + "}";
    QTest::newRow("one day") << QByteArray(R"({"code":200,"data":[)" + good + "]}") << true << 2 << QString();
    QTest::newRow("empty set") << QByteArray(R"({"code":200,"data":[{}]})") << true << 0 << QString();
    QTest::newRow("null set") << QByteArray(R"({"code":200,"data":[null]})") << true << 0 << QString();
    QTest::newRow("no sets") << QByteArray(R"({"code":200,"data":[]})") << true << 0 << QString();
    QTest::newRow("more sets than days") << QByteArray(R"({"code":200,"data":[{},{}]})") << false << 0
                                         << QStringLiteral("more allocation sets than days");
    QTest::newRow("window of another day")
        << QByteArray(R"({"code":200,"data":[{"x":)" + podAllocation(kDay.addDays(1), R"("cpuCost":1)") + "}]}") << false << 0
        << QStringLiteral("not the next day");
    QTest::newRow("cost as a string") << QByteArray(R"({"code":200,"data":[{"x":)" + podAllocation(kDay, R"("cpuCost":"1")") + "}]}")
                                      << false << 0 << QStringLiteral("cpuCost is not a number");
    QTest::newRow("allocation not an object") << QByteArray(R"({"code":200,"data":[{"x":5}]})") << false << 0
                                              << QStringLiteral("is not an object");
    QTest::newRow("set not an object") << QByteArray(R"({"code":200,"data":[5]})") << false << 0 << QStringLiteral("not an object");
    QTest::newRow("no data") << QByteArray(R"({"code":200})") << false << 0 << QStringLiteral("no data list");
    QTest::newRow("error code in the body") << QByteArray(R"({"code":500,"message":"error querying Prometheus"})") << false << 0
                                            << QStringLiteral("OpenCost answered code 500: error querying Prometheus");
    QTest::newRow("not JSON") << QByteArray("<html>login</html>") << false << 0 << QStringLiteral("not valid JSON");
}

void TestOpenCostClient::month()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(int, rows);
    QFETCH(QString, errorHas);
    Setup s;
    QVERIFY(s.start());
    s.server.setHandler([&](const RecordedRequest &) { return ScriptedResponse::ok(body); });
    CostBatch batch;
    QString error;
    QCOMPARE(s.client->fetchMonth(kDay, kDay.addDays(1), &batch, &error, {}), ok);
    if (ok) {
        QCOMPARE(int(batch.rows.size()), rows);
    } else {
        QVERIFY2(error.contains(errorHas), qPrintable(error));
        QVERIFY(batch.rows.empty());
    }
    // The request: path under the URL's own path, the window in RFC 3339, one set per day.
    const RecordedRequest r = s.server.requests().first();
    QCOMPARE(r.path, QByteArray("/api/v1/allocation"));
    const QUrlQuery q(QString::fromLatin1(r.query));
    QCOMPARE(q.queryItemValue(QStringLiteral("window"), QUrl::FullyDecoded), QStringLiteral("2024-03-05T00:00:00Z,2024-03-06T00:00:00Z"));
    QCOMPARE(q.queryItemValue(QStringLiteral("aggregate"), QUrl::FullyDecoded), QStringLiteral("namespace,controller,pod"));
    QCOMPARE(q.queryItemValue(QStringLiteral("step")), QStringLiteral("1d"));
    QCOMPARE(q.queryItemValue(QStringLiteral("accumulate")), QStringLiteral("false"));
    QCOMPARE(r.header("Authorization"), QByteArray("Bearer tok-secret-0001"));
}

void TestOpenCostClient::rowsAndFollowUps()
{
    Setup s;
    QVERIFY(s.start());
    // A server that answers one day at a time: the client asks again from where each answer ended.
    s.server.setHandler([](const RecordedRequest &r) {
        const QUrlQuery q(QString::fromLatin1(r.query));
        const QDate day = QDate::fromString(q.queryItemValue(QStringLiteral("window"), QUrl::FullyDecoded).left(10), Qt::ISODate);
        const QByteArray set = "{\"web/api/api-1\":" + podAllocation(day, R"("cpuCost":0.1,"ramCost":0.2,"loadBalancerCost":0.025)")
            + ",\"__idle__\":" + idleAllocation(day, R"("cpuCost":0.7,"ramCost":0.05)") + "}";
        return ScriptedResponse::ok(R"({"code":200,"data":[)" + set + "]}");
    });
    CostBatch batch;
    QString error;
    QVERIFY2(s.client->fetchMonth(kDay, kDay.addDays(3), &batch, &error, {}), qPrintable(error));
    QCOMPARE(s.server.requestCount(), 3);
    QCOMPARE(batch.rows.size(), size_t(6));
    QCOMPARE(billedNanos(batch), int64_t(3) * (325000000 + 750000000));
    QCOMPARE(batch.provider, QStringLiteral("Kubernetes"));
    QCOMPARE(batch.billingAccountId, QStringLiteral("prod-cluster"));
    const auto requests = s.server.requests();
    QCOMPARE(QUrlQuery(QString::fromLatin1(requests[2].query)).queryItemValue(QStringLiteral("window"), QUrl::FullyDecoded),
             QStringLiteral("2024-03-07T00:00:00Z,2024-03-08T00:00:00Z"));
    const CostRow *pod = nullptr;
    const CostRow *idle = nullptr;
    for (const CostRow &r : batch.rows) {
        if (r.chargeStart == QDateTime(kDay, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch())
            (r.serviceName == u"__idle__" ? idle : pod) = &r;
    }
    QVERIFY(pod && idle);
    QCOMPARE(pod->serviceName, QStringLiteral("web"));
    QCOMPARE(pod->resourceId, QStringLiteral("web/api-1"));
    QCOMPARE(pod->resourceName, QStringLiteral("api-1"));
    QCOMPARE(pod->subAccountId, QStringLiteral("c1"));
    QCOMPARE(pod->billedCost.nanos(), int64_t(325000000));
    QVERIFY(pod->tags.contains(qMakePair(QStringLiteral("team"), QStringLiteral("search"))));
    QVERIFY(pod->extra.contains(qMakePair(QStringLiteral("x_controller"), QStringLiteral("api"))));
    QCOMPARE(idle->resourceId, QString());
    QCOMPARE(idle->chargeDescription, QStringLiteral("Idle cluster capacity"));
    QCOMPARE(idle->billedCost.nanos(), int64_t(750000000));
}

// OpenCost ends today's set at the present moment: that is not an answer that stopped early.
void TestOpenCostClient::todayEndsAtNow()
{
    Setup s;
    QVERIFY(s.start());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDate today = now.date();
    s.server.setHandler([&](const RecordedRequest &) {
        const QByteArray w = R"("window":{"start":")" + today.toString(Qt::ISODate).toLatin1() + R"(T00:00:00Z","end":")"
            + now.addSecs(-60).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")).toLatin1() + R"("})";
        return ScriptedResponse::ok(R"({"code":200,"data":[{"__idle__":{"name":"__idle__",)" + w + R"(,"cpuCost":0.5}}]})");
    });
    CostBatch batch;
    QString error;
    if (now.time() < QTime(0, 2))
        QSKIP("too close to midnight UTC for a partial day");
    QVERIFY2(s.client->fetchMonth(today, today.addDays(1), &batch, &error, {}), qPrintable(error));
    QCOMPARE(s.server.requestCount(), 1);
    QCOMPARE(batch.rows.size(), size_t(1));
    QCOMPARE(batch.rows.front().chargeEnd, now.addSecs(-60).toSecsSinceEpoch());
}

void TestOpenCostClient::errors_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("wrong token") << QStringLiteral("tok-secret-0001") << 401 << QByteArray() << QByteArray("Unauthorized")
                                 << QStringLiteral("rejected the credentials");
    QTest::newRow("no token") << QString() << 401 << QByteArray() << QByteArray() << QStringLiteral("keychain holds no token");
    QTest::newRow("expired, in the challenge") << QStringLiteral("tok-secret-0001") << 401
                                               << QByteArray(R"(Bearer error="invalid_token", error_description="The access token expired")")
                                               << QByteArray() << QStringLiteral("bearer token has expired");
    QTest::newRow("expired, in the body") << QStringLiteral("tok-secret-0001") << 401 << QByteArray()
                                          << QByteArray(R"({"code":401,"message":"token has expired"})")
                                          << QStringLiteral("bearer token has expired");
    QTest::newRow("forbidden") << QStringLiteral("tok-secret-0001") << 403 << QByteArray() << QByteArray("forbidden")
                               << QStringLiteral("lacks a permission");
    QTest::newRow("wrong URL") << QStringLiteral("tok-secret-0001") << 404 << QByteArray() << QByteArray("404 page not found")
                               << QStringLiteral("no OpenCost allocation API at this URL");
    QTest::newRow("server echoes the token") << QStringLiteral("tok-secret-0001") << 400 << QByteArray()
                                             << QByteArray(R"({"code":400,"message":"bad token tok-secret-0001"})")
                                             << QStringLiteral("REDACTED");
}

void TestOpenCostClient::errors()
{
    QFETCH(QString, token);
    QFETCH(int, status);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorHas);
    Setup s;
    QVERIFY(s.start(token));
    s.server.setHandler([&](const RecordedRequest &) {
        ScriptedResponse r = ScriptedResponse::status_(status, body);
        if (!header.isEmpty())
            r.headers.append({QByteArray("WWW-Authenticate"), header});
        return r;
    });
    CostBatch batch;
    QString error;
    QVERIFY(!s.client->fetchMonth(kDay, kDay.addDays(1), &batch, &error, {}));
    QVERIFY2(error.contains(errorHas), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("HTTP %1").arg(status)), qPrintable(error));
    QVERIFY(!error.contains(QStringLiteral("tok-secret-0001")));
    QVERIFY(s.client->testConnection({}).contains(errorHas));
    if (token.isEmpty())
        QVERIFY(!s.server.requests().first().hasHeader("Authorization"));
}

void TestOpenCostClient::pods()
{
    Setup s;
    QVERIFY(s.start());
    // Seven days; the pod runs on the last two, with usage at a fifth of its CPU request.
    s.server.setHandler([](const RecordedRequest &r) {
        const QUrlQuery q(QString::fromLatin1(r.query));
        const QDate first = QDate::fromString(q.queryItemValue(QStringLiteral("window"), QUrl::FullyDecoded).left(10), Qt::ISODate);
        QByteArray sets;
        for (int i = 0; i < 7; ++i) {
            const QDate day = first.addDays(i);
            QByteArray set = "{\"__idle__\":" + idleAllocation(day, R"("cpuCost":1)");
            if (i >= 5)
                set += ",\"web/api/api-1\":"
                    + podAllocation(day, R"("cpuCost":0.1,"cpuCoreRequestAverage":0.5,"cpuCoreUsageAverage":0.1,"ramByteRequestAverage":1073741824,"ramByteUsageAverage":268435456)");
            sets += (i ? "," : "") + set + "}";
        }
        return ScriptedResponse::ok(R"({"code":200,"data":[)" + sets + "]}");
    });
    ResourceBatch resources;
    std::vector<MetricSeries> metrics;
    QString error;
    QVERIFY2(s.client->fetchResources(&resources, &metrics, &error, {}), qPrintable(error));
    QCOMPARE(resources.resources.size(), size_t(1)); // __idle__ is not a pod
    const ResourceRecord &pod = resources.resources.front();
    QCOMPARE(pod.resourceId, QStringLiteral("web/api-1"));
    QCOMPARE(pod.type, QStringLiteral("pod"));
    QCOMPARE(pod.region, QStringLiteral("c1"));
    QCOMPARE(pod.state, QStringLiteral("running"));
    QVERIFY(pod.tags.contains(qMakePair(QStringLiteral("namespace"), QStringLiteral("web"))));
    QCOMPARE(metrics.size(), size_t(5));
    QHash<QString, double> last;
    for (const MetricSeries &m : metrics) {
        QCOMPARE(m.resourceId, QStringLiteral("web/api-1"));
        QCOMPARE(m.points.size(), size_t(2));
        last.insert(m.metric, m.points.back().value);
    }
    QCOMPARE(last.value(QStringLiteral("cpu")), 20.0);
    QCOMPARE(last.value(QStringLiteral("cpu_request_cores")), 0.5);
    QCOMPARE(last.value(QStringLiteral("cpu_usage_cores")), 0.1);
    QCOMPARE(last.value(QStringLiteral("memory_request_bytes")), 1073741824.0);
    QCOMPARE(last.value(QStringLiteral("memory_usage_bytes")), 268435456.0);
}

QTEST_GUILESS_MAIN(TestOpenCostClient)
#include "TestOpenCostClient.moc"
