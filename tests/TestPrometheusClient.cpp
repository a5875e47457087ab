// PrometheusClient (Kubernetes costs derived from OpenCost's metrics in Prometheus): the daily cost
// of each pod and the idle share against a known answer computed by hand from the fake's fixed
// samples, the 11,000-point split, exact sample reading and rounding, hostile answers from a
// scripted server, errors in plain words, the auto source probe, and pods with requests against
// usage.

#include "providers/kubernetes/KubernetesSource.h"
#include "providers/kubernetes/PrometheusClient.h"
#include "support/FakePrometheusServer.h"
#include "support/LocalHttpServer.h"

#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::kubernetes::KubernetesClient;
using costscope::providers::kubernetes::PrometheusClient;
using costscope::providers::kubernetes::Source;
using costscope::testsupport::FakePrometheusServer;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::RecordedRequest;
using costscope::testsupport::ScriptedResponse;

namespace {

providers::net::HttpOptions quickHttp()
{
    providers::net::HttpOptions o;
    o.connectTimeout = 5s;
    o.totalTimeout = 10s;
    o.maxAttempts = 1;
    return o;
}

providers::AccountConfig accountFor(const QUrl &endpoint, const QString &source, const QString &step = QString())
{
    providers::AccountConfig a;
    a.id = QStringLiteral("kubernetes-test");
    a.name = QStringLiteral("prom-cluster");
    a.provider = QStringLiteral("kubernetes");
    a.endpoint = endpoint.toString();
    a.billingAccount = QStringLiteral("cluster-prom");
    if (!source.isEmpty())
        a.options.insert(QStringLiteral("source"), source);
    if (!step.isEmpty())
        a.options.insert(QStringLiteral("step"), step);
    return a;
}

const CostRow *findRow(const CostBatch &batch, int64_t day, const QString &service, const QString &resource)
{
    for (const CostRow &r : batch.rows)
        if (r.chargeStart == day && r.serviceName == service && r.resourceId == resource)
            return &r;
    return nullptr;
}

QString extra(const CostRow &row, const QString &key)
{
    for (const auto &[k, v] : row.extra)
        if (k == key)
            return v;
    return {};
}

int64_t dayStart(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

// A body for every query_range: `first` for the first one, an empty matrix for the rest.
struct Scripted
{
    LocalHttpServer server;
    providers::net::HttpClient http{quickHttp()};
    QByteArray firstBody;
    int firstStatus = 200;
    std::atomic<int> queries{0};

    bool start(const QByteArray &body, int status = 200)
    {
        firstBody = body;
        firstStatus = status;
        server.setHandler([this](const RecordedRequest &r) {
            if (r.path.endsWith("/query_range") && queries++ == 0)
                return ScriptedResponse::status_(firstStatus, firstBody);
            return ScriptedResponse::ok(R"({"status":"success","data":{"resultType":"matrix","result":[]}})");
        });
        return server.start();
    }
};

} // namespace

class TestPrometheusClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownAnswerByHand();
    void splitRange_data();
    void splitRange();
    void oneMinuteStepIsSplit();
    void tooManyRequestsRefusedBeforeSending();
    void parseSample_data();
    void parseSample();
    void costNanos_data();
    void costNanos();
    void hostileAnswers_data();
    void hostileAnswers();
    void warningsAndNaN();
    void sourceProbe_data();
    void sourceProbe();
    void explicitOpenCostDoesNotProbe();
    void podsWithRequestsAgainstUsage();
    void testConnection();
};

// Two days of the fake (tests/support/FakePrometheusServer.cpp lists the samples), worked by hand:
//  api-server-7d9f8-abcde (node-a): 0.5 x 0.031611 + 0.5 GiB x 0.004237 = 0.017924 / h, x 24 = 0.430176
//  api-server-7d9f8-fghij (node-b): 0.5 x 0.0475 + 0.5 x 0.00635 = 0.026925 / h, x 24 = 0.6462
//  etl-0 (node-a): CPU 12 x 2 x 0.031611 + 12 x 2.5 x 0.031611 = 0.758664 + 0.94833 = 1.706994,
//     RAM 24 x 4 x 0.004237 = 0.406752, GPU 24 x 0.95 = 22.8 (compute 24.913746),
//     volume 24 x 20 GiB x 0.000137 = 0.06576; row 24.979506
//  nodes: node-a 24 x (4 x 0.031611 + 16 x 0.004237 + 0.95) = 24 x 1.144236 = 27.461664,
//     node-b 24 x (2 x 0.0475 + 8 x 0.00635) = 24 x 0.1458 = 3.4992; together 30.960864
//  2024-03-04 (both web pods): idle = 30.960864 - 0.430176 - 0.6462 = 29.884488
//  2024-03-07 (abcde and etl-0): idle = 30.960864 - 0.430176 - 24.913746 = 5.616942 (volumes
//     are not node capacity, so etl-0's 0.06576 is not taken from the idle share)
void TestPrometheusClient::knownAnswerByHand()
{
    const QDate webDay(2024, 3, 4);
    const QDate etlDay(2024, 3, 7);
    QVERIFY(FakePrometheusServer::podRuns(0, webDay) && FakePrometheusServer::podRuns(1, webDay) && !FakePrometheusServer::podRuns(2, webDay));
    QVERIFY(FakePrometheusServer::podRuns(0, etlDay) && !FakePrometheusServer::podRuns(1, etlDay) && FakePrometheusServer::podRuns(2, etlDay));
    FakePrometheusServer fake;
    QVERIFY(fake.start());
    providers::net::HttpClient http(quickHttp());
    PrometheusClient client(accountFor(QUrl(fake.account(QStringLiteral("x")).endpoint), QStringLiteral("prometheus")),
                            fake.secrets().value(QStringLiteral("token")), http, providers::ClientOptions{});
    for (const QDate &day : {webDay, etlDay}) {
        CostBatch batch;
        QString error;
        QVERIFY2(client.fetchMonth(day, day.addDays(1), &batch, &error, {}), qPrintable(error));
        QCOMPARE(batch.provider, QStringLiteral("Kubernetes"));
        QCOMPARE(batch.billingAccountId, QStringLiteral("cluster-prom"));
        QCOMPARE(batch.periodStart, QDate(2024, 3, 1));
        QCOMPARE(batch.currency, QStringLiteral("USD"));
        QCOMPARE(batch.rows.size(), size_t(3));
        const int64_t t = dayStart(day);
        const CostRow *abcde = findRow(batch, t, QStringLiteral("web"), QStringLiteral("web/api-server-7d9f8-abcde"));
        const CostRow *idle = findRow(batch, t, QStringLiteral("__idle__"), QString());
        QVERIFY(abcde && idle);
        QCOMPARE(abcde->billedCost, *Money::parse(u"0.430176"));
        QCOMPARE(abcde->effectiveCost, abcde->billedCost);
        QCOMPARE(abcde->listCost, abcde->billedCost);
        QCOMPARE(abcde->chargeEnd, t + 86400);
        QCOMPARE(abcde->resourceName, QStringLiteral("api-server-7d9f8-abcde"));
        QCOMPARE(abcde->resourceType, QStringLiteral("pod"));
        QCOMPARE(abcde->chargeDescription, QStringLiteral("web/api-server/api-server-7d9f8-abcde"));
        QCOMPARE(extra(*abcde, QStringLiteral("x_controller")), QStringLiteral("api-server")); // the ReplicaSet's Deployment
        QCOMPARE(extra(*abcde, QStringLiteral("x_controller_kind")), QStringLiteral("deployment"));
        QCOMPARE(extra(*abcde, QStringLiteral("x_node")), QStringLiteral("node-a"));
        QVERIFY(abcde->tags.contains(qMakePair(QStringLiteral("app"), QStringLiteral("api-server"))));
        QVERIFY(abcde->tags.contains(qMakePair(QStringLiteral("team"), QStringLiteral("web"))));
        QCOMPARE(idle->chargeDescription, QStringLiteral("Idle cluster capacity"));
        QVERIFY(idle->resourceId.isEmpty());
        if (day == webDay) {
            const CostRow *fghij = findRow(batch, t, QStringLiteral("web"), QStringLiteral("web/api-server-7d9f8-fghij"));
            QVERIFY(fghij);
            QCOMPARE(fghij->billedCost, *Money::parse(u"0.6462"));
            QCOMPARE(extra(*fghij, QStringLiteral("x_node")), QStringLiteral("node-b"));
            QCOMPARE(idle->billedCost, *Money::parse(u"29.884488"));
        } else {
            const CostRow *etl = findRow(batch, t, QStringLiteral("data"), QStringLiteral("data/etl-0"));
            QVERIFY(etl);
            QCOMPARE(etl->billedCost, *Money::parse(u"24.979506"));
            QCOMPARE(extra(*etl, QStringLiteral("x_controller")), QStringLiteral("etl"));
            QCOMPARE(extra(*etl, QStringLiteral("x_controller_kind")), QStringLiteral("statefulset"));
            QCOMPARE(idle->billedCost, *Money::parse(u"5.616942"));
        }
        QVERIFY(client.syncWarnings().isEmpty());
    }
    QCOMPARE(fake.tooLargeRequests(), 0);
    // Every request carried the token and asked hourly samples of that one day (00:00 to 23:00).
    for (const RecordedRequest &r : fake.requests()) {
        QCOMPARE(r.header("Authorization"), QByteArray("Bearer ") + fake.secrets().value(QStringLiteral("token")).toUtf8());
        QVERIFY2(!r.target.contains(fake.secrets().value(QStringLiteral("token")).toUtf8()), r.target.constData());
        const QUrlQuery q(QString::fromUtf8(r.query));
        QCOMPARE(r.path, QByteArray("/prometheus/api/v1/query_range"));
        QCOMPARE(q.queryItemValue(QStringLiteral("step")), QStringLiteral("3600"));
        const int64_t start = q.queryItemValue(QStringLiteral("start")).toLongLong();
        QVERIFY(start == dayStart(webDay) || start == dayStart(etlDay));
        QCOMPARE(q.queryItemValue(QStringLiteral("end")).toLongLong(), start + 23 * 3600);
    }
}

void TestPrometheusClient::splitRange_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end"); // exclusive
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QList<qint64>>("points"); // per request
    const qint64 day = 86400;
    QTest::newRow("31 days hourly") << qint64(0) << 31 * day << qint64(3600) << QList<qint64>{744};
    QTest::newRow("31 days at 5m") << qint64(0) << 31 * day << qint64(300) << QList<qint64>{8928};
    QTest::newRow("31 days at 1m") << qint64(0) << 31 * day << qint64(60) << QList<qint64>{11000, 11000, 11000, 11000, 640};
    QTest::newRow("exactly 11000 points") << qint64(100) << qint64(100 + 11000 * 60) << qint64(60) << QList<qint64>{11000};
    QTest::newRow("11001 points") << qint64(100) << qint64(100 + 11000 * 60 + 1) << qint64(60) << QList<qint64>{11000, 1};
    QTest::newRow("one second") << qint64(5) << qint64(6) << qint64(3600) << QList<qint64>{1};
    QTest::newRow("empty") << qint64(5) << qint64(5) << qint64(3600) << QList<qint64>{};
    QTest::newRow("reversed") << qint64(9) << qint64(5) << qint64(60) << QList<qint64>{};
    QTest::newRow("no step") << qint64(0) << day << qint64(0) << QList<qint64>{};
}

void TestPrometheusClient::splitRange()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(qint64, step);
    QFETCH(QList<qint64>, points);
    const auto chunks = PrometheusClient::splitRange(start, end, step);
    QCOMPARE(qsizetype(chunks.size()), points.size());
    int64_t next = start;
    for (size_t i = 0; i < chunks.size(); ++i) {
        QCOMPARE(chunks[i].start, next); // contiguous, on the step grid, no time twice
        QCOMPARE((chunks[i].end - chunks[i].start) / step + 1, points[qsizetype(i)]);
        QVERIFY(chunks[i].end < end);
        next = chunks[i].end + step;
    }
    if (!chunks.empty())
        QVERIFY(next >= end); // every time before the end is asked
}

// A month at one-minute samples is 44,640 points per series: each query goes out in five
// requests, none of which Prometheus refuses, and the costs are the same as hourly ones (the
// fake's samples change on the hour).
void TestPrometheusClient::oneMinuteStepIsSplit()
{
    FakePrometheusServer fake;
    QVERIFY(fake.start());
    providers::net::HttpClient http(quickHttp());
    const QString token = fake.secrets().value(QStringLiteral("token"));
    PrometheusClient minutes(accountFor(QUrl(fake.account(QStringLiteral("x")).endpoint), QStringLiteral("prometheus"), QStringLiteral("1m")),
                             token, http, providers::ClientOptions{});
    CostBatch batch;
    QString error;
    QVERIFY2(minutes.fetchMonth(QDate(2024, 3, 1), QDate(2024, 4, 1), &batch, &error, {}), qPrintable(error));
    QCOMPARE(fake.tooLargeRequests(), 0);
    const QList<RecordedRequest> requests = fake.requests();
    QMap<QString, int> perQuery;
    for (const RecordedRequest &r : requests) {
        const QUrlQuery q(QString::fromUtf8(r.query));
        QCOMPARE(q.queryItemValue(QStringLiteral("step")), QStringLiteral("60"));
        const qint64 points = (q.queryItemValue(QStringLiteral("end")).toLongLong() - q.queryItemValue(QStringLiteral("start")).toLongLong()) / 60 + 1;
        QVERIFY(points <= 11000);
        ++perQuery[q.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded)];
    }
    QCOMPARE(perQuery.size(), 14);
    for (auto it = perQuery.cbegin(); it != perQuery.cend(); ++it)
        QCOMPARE(it.value(), 5);
    int64_t served = 0;
    for (QDate d(2024, 3, 1); d < QDate(2024, 4, 1); d = d.addDays(1))
        for (const QString &a : fake.billedAmounts(d))
            served += Money::parse(a)->nanos();
    int64_t written = 0;
    for (const CostRow &r : batch.rows)
        written += r.billedCost.nanos();
    QCOMPARE(written, served);
}

void TestPrometheusClient::tooManyRequestsRefusedBeforeSending()
{
    FakePrometheusServer fake;
    QVERIFY(fake.start());
    providers::net::HttpClient http(quickHttp());
    providers::ClientOptions options;
    options.maxPages = 4;
    PrometheusClient client(accountFor(QUrl(fake.account(QStringLiteral("x")).endpoint), QStringLiteral("prometheus"), QStringLiteral("1m")),
                            fake.secrets().value(QStringLiteral("token")), http, options);
    CostBatch batch;
    QString error;
    QVERIFY(!client.fetchMonth(QDate(2024, 3, 1), QDate(2024, 4, 1), &batch, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("needs 5 requests")) && error.contains(QStringLiteral("limit of 4")), qPrintable(error));
    QCOMPARE(fake.requestCount(), 0);
    QVERIFY(batch.rows.empty());
}

void TestPrometheusClient::parseSample_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("nanos");
    QTest::newRow("half") << QStringLiteral("0.5") << true << qint64(500000000);
    QTest::newRow("integer bytes") << QStringLiteral("536870912") << true << qint64(536870912000000000);
    QTest::newRow("price") << QStringLiteral("0.031611") << true << qint64(31611000);
    QTest::newRow("exponent") << QStringLiteral("1e-05") << true << qint64(10000);
    QTest::newRow("capital exponent, sign") << QStringLiteral("+2.5E+2") << true << qint64(250000000000);
    QTest::newRow("negative") << QStringLiteral("-1.5") << true << qint64(-1500000000);
    QTest::newRow("double artefact") << QStringLiteral("0.30000000000000004") << true << qint64(300000000);
    QTest::newRow("half a nano to even (0)") << QStringLiteral("0.0000000005") << true << qint64(0);
    QTest::newRow("1.5 nanos to even (2)") << QStringLiteral("0.0000000015") << true << qint64(2);
    QTest::newRow("2.5 nanos to even (2)") << QStringLiteral("0.0000000025") << true << qint64(2);
    QTest::newRow("just above half") << QStringLiteral("0.00000000250001") << true << qint64(3);
    QTest::newRow("far below") << QStringLiteral("1e-30") << true << qint64(0);
    QTest::newRow("zero") << QStringLiteral("0") << true << qint64(0);
    QTest::newRow("leading point") << QStringLiteral(".25") << true << qint64(250000000);
    QTest::newRow("NaN") << QStringLiteral("NaN") << false << qint64(0);
    QTest::newRow("Inf") << QStringLiteral("+Inf") << false << qint64(0);
    QTest::newRow("empty") << QString() << false << qint64(0);
    QTest::newRow("garbage") << QStringLiteral("abc") << false << qint64(0);
    QTest::newRow("two points") << QStringLiteral("1.2.3") << false << qint64(0);
    QTest::newRow("hex") << QStringLiteral("0x10") << false << qint64(0);
    QTest::newRow("blank inside") << QStringLiteral("1 5") << false << qint64(0);
    QTest::newRow("exponent without digits") << QStringLiteral("1e") << false << qint64(0);
    QTest::newRow("1e18 too large") << QStringLiteral("1e18") << false << qint64(0);
    QTest::newRow("1e400") << QStringLiteral("1e400") << false << qint64(0);
    QTest::newRow("arabic digits") << QStringLiteral("\u0661") << false << qint64(0);
}

void TestPrometheusClient::parseSample()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, nanos);
    Int128 v = 12345;
    QCOMPARE(PrometheusClient::parseSample(text, &v), ok);
    if (ok)
        QCOMPARE(qint64(v), nanos);
}

void TestPrometheusClient::costNanos_data()
{
    QTest::addColumn<qint64>("coreNanos");  // cores (or GPUs) in nano-units
    QTest::addColumn<qint64>("corePrice");  // USD per core-hour in nano-units
    QTest::addColumn<qint64>("bytes");      // whole bytes
    QTest::addColumn<qint64>("bytePrice");  // USD per GiB-hour in nano-units
    QTest::addColumn<qint64>("step");
    QTest::addColumn<qint64>("nanos");
    QTest::newRow("0.5 core an hour") << qint64(500000000) << qint64(31611000) << qint64(0) << qint64(0) << qint64(3600) << qint64(15805500);
    QTest::newRow("0.5 core five minutes") << qint64(500000000) << qint64(31611000) << qint64(0) << qint64(0) << qint64(300)
                                           << qint64(1317125);
    QTest::newRow("1 GiB at 1 USD an hour") << qint64(0) << qint64(0) << qint64(1073741824) << qint64(1000000000) << qint64(3600)
                                            << qint64(1000000000);
    QTest::newRow("1 byte at 1 USD: 0.93 nanos, 1") << qint64(0) << qint64(0) << qint64(1) << qint64(1000000000) << qint64(3600) << qint64(1);
    // 0.5 nano exactly: 0.5 core x 0.000000001 USD; half to even gives 0, 1.5 gives 2 (2.5 below).
    QTest::newRow("half to even, 0.5") << qint64(500000000) << qint64(1) << qint64(0) << qint64(0) << qint64(3600) << qint64(0);
    QTest::newRow("half to even, 1.5") << qint64(1500000000) << qint64(1) << qint64(0) << qint64(0) << qint64(3600) << qint64(2);
    QTest::newRow("both parts") << qint64(2000000000) << qint64(950000000) << qint64(4294967296) << qint64(4237000) << qint64(3600)
                                << qint64(1916948000);
    QTest::newRow("a minute of 1 core at 0.06") << qint64(1000000000) << qint64(60000000) << qint64(0) << qint64(0) << qint64(60)
                                                << qint64(1000000);
    QTest::newRow("a minute of 1 core at 0.031611: 526850 nanos") << qint64(1000000000) << qint64(31611000) << qint64(0) << qint64(0)
                                                                  << qint64(60) << qint64(526850);
    QTest::newRow("a minute of 1 core at 0.000001: 16.67 nanos, 17") << qint64(1000000000) << qint64(1000) << qint64(0) << qint64(0)
                                                                     << qint64(60) << qint64(17);
}

void TestPrometheusClient::costNanos()
{
    QFETCH(qint64, coreNanos);
    QFETCH(qint64, corePrice);
    QFETCH(qint64, bytes);
    QFETCH(qint64, bytePrice);
    QFETCH(qint64, step);
    QFETCH(qint64, nanos);
    Int128 out = -1;
    QVERIFY(PrometheusClient::costNanos(Int128(coreNanos) * corePrice, Int128(bytes) * 1000000000 * bytePrice, step, &out));
    QCOMPARE(qint64(out), nanos);
    // Half to even at 1.5 and 2.5 nanos.
    QVERIFY(PrometheusClient::costNanos(Int128(1500000000), 0, 3600, &out));
    QCOMPARE(qint64(out), qint64(2));
    QVERIFY(PrometheusClient::costNanos(Int128(2500000000), 0, 3600, &out));
    QCOMPARE(qint64(out), qint64(2));
    QVERIFY(!PrometheusClient::costNanos(Int128(1) << 120, 0, 3600, &out)); // does not fit: refused, not wrapped
}

void TestPrometheusClient::hostileAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorHas");
    const QByteArray t = QByteArray::number(dayStart(QDate(2024, 3, 5)));
    auto matrix = [](const QByteArray &result) -> QByteArray {
        return R"({"status":"success","data":{"resultType":"matrix","result":)" + result + "}}";
    };
    QTest::newRow("status error in a 200") << 200 << QByteArray(R"({"status":"error","errorType":"execution","error":"query timed out in expression evaluation"})")
                                           << QStringLiteral("status 'error' (execution): query timed out");
    QTest::newRow("400 bad_data") << 400 << QByteArray(R"({"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected"})")
                                  << QStringLiteral("Prometheus refused the query (bad_data): 1:5: parse error");
    QTest::newRow("422 execution") << 422 << QByteArray(R"({"status":"error","errorType":"execution","error":"many-to-many matching not allowed"})")
                                   << QStringLiteral("(execution): many-to-many");
    QTest::newRow("404") << 404 << QByteArray("404 page not found") << QStringLiteral("no Prometheus HTTP API at this URL");
    QTest::newRow("403") << 403 << QByteArray("Forbidden") << QStringLiteral("lacks a permission");
    QTest::newRow("HTML") << 200 << QByteArray("<html><body>login</body></html>") << QStringLiteral("not valid JSON");
    QTest::newRow("not an object") << 200 << QByteArray("[1,2]") << QStringLiteral("not an object");
    QTest::newRow("vector, not matrix") << 200 << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[]}})")
                                        << QStringLiteral("no matrix result");
    QTest::newRow("no data") << 200 << QByteArray(R"({"status":"success"})") << QStringLiteral("no matrix result");
    QTest::newRow("series not an object") << 200 << matrix("[5]") << QStringLiteral("a series is not");
    QTest::newRow("values not a list") << 200 << matrix(R"([{"metric":{},"values":{}}])") << QStringLiteral("a series is not");
    QTest::newRow("label a number") << 200 << matrix(R"([{"metric":{"node":5},"values":[]}])") << QStringLiteral("label 'node' is not a string");
    QTest::newRow("value a number") << 200 << matrix(R"([{"metric":{},"values":[[)" + t + R"(,0.5]]}])")
                                    << QStringLiteral("a sample is not [time, \"value\"]");
    QTest::newRow("short sample") << 200 << matrix(R"([{"metric":{},"values":[[)" + t + "]]}]") << QStringLiteral("a sample is not");
    QTest::newRow("time a string") << 200 << matrix(R"([{"metric":{},"values":[[")" + t + R"(","0.5"]]}])") << QStringLiteral("a sample is not");
    QTest::newRow("time off the grid") << 200 << matrix(R"([{"metric":{},"values":[[)" + QByteArray::number(dayStart(QDate(2024, 3, 5)) + 1800)
                                                          + R"(,"0.5"]]}])")
                                       << QStringLiteral("not one of the times asked for");
    QTest::newRow("time outside the range") << 200 << matrix(R"([{"metric":{},"values":[[)" + QByteArray::number(dayStart(QDate(2024, 3, 9)))
                                                               + R"(,"0.5"]]}])")
                                            << QStringLiteral("not one of the times asked for");
    QTest::newRow("Inf value") << 200 << matrix(R"([{"metric":{},"values":[[)" + t + R"(,"+Inf"]]}])") << QStringLiteral("'+Inf'");
    QTest::newRow("huge value") << 200 << matrix(R"([{"metric":{},"values":[[)" + t + R"(,"1e300"]]}])") << QStringLiteral("not a usable number");
    QTest::newRow("garbage value") << 200 << matrix(R"([{"metric":{},"values":[[)" + t + R"(,"12abc"]]}])") << QStringLiteral("'12abc'");
}

void TestPrometheusClient::hostileAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorHas);
    Scripted s;
    QVERIFY(s.start(body, status));
    const QString token = QStringLiteral("tok-prom-secret-0003");
    PrometheusClient client(accountFor(s.server.url(QStringLiteral("/")), QStringLiteral("prometheus")), token, s.http,
                            providers::ClientOptions{});
    CostBatch batch;
    QString error;
    QVERIFY(!client.fetchMonth(QDate(2024, 3, 5), QDate(2024, 3, 6), &batch, &error, {}));
    QVERIFY2(error.contains(errorHas), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("Prometheus query_range of ")), qPrintable(error));
    QVERIFY(!error.contains(token));
    QVERIFY(!error.contains(u'\n'));
    QVERIFY(batch.rows.empty());
    QCOMPARE(s.queries.load(), 1); // the first failing query ends the month
}

void TestPrometheusClient::warningsAndNaN()
{
    const int64_t t = dayStart(QDate(2024, 3, 5));
    const QByteArray body = R"({"status":"success","warnings":["PromQL info: metric might not be a counter"],"data":{"resultType":"matrix","result":[{"metric":{"namespace":"web","pod":"p","node":"n"},"values":[[)"
        + QByteArray::number(t) + R"(,"NaN"],[)" + QByteArray::number(t + 3600) + R"(,"1"]]}]}})";
    Scripted s;
    QVERIFY(s.start(body));
    PrometheusClient client(accountFor(s.server.url(QStringLiteral("/")), QStringLiteral("prometheus")), QString(), s.http,
                            providers::ClientOptions{});
    CostBatch batch;
    QString error;
    QVERIFY2(client.fetchMonth(QDate(2024, 3, 5), QDate(2024, 3, 6), &batch, &error, {}), qPrintable(error));
    // The pod has one CPU sample but no node price: no row, and the sync says why.
    const QString warnings = client.syncWarnings().join(u'\n');
    QVERIFY2(warnings.contains(QStringLiteral("Prometheus warned: PromQL info")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QStringLiteral("1 samples were NaN")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QStringLiteral("1 samples of pods had no node or volume price")), qPrintable(warnings));
    QVERIFY(batch.rows.empty());
}

void TestPrometheusClient::sourceProbe_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("source"); // resolved, or -1 for an error
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("Prometheus build info") << 200 << QByteArray(R"({"status":"success","data":{"version":"2.53.1","revision":"x"}})")
                                           << QByteArray() << int(Source::Prometheus) << QString();
    QTest::newRow("OpenCost: 404") << 404 << QByteArray("404 page not found") << QByteArray() << int(Source::OpenCost) << QString();
    QTest::newRow("200 but not Prometheus") << 200 << QByteArray(R"({"code":200,"data":[]})") << QByteArray() << int(Source::OpenCost)
                                            << QString();
    QTest::newRow("401") << 401 << QByteArray("Unauthorized") << QByteArray() << -1 << QStringLiteral("rejected the credentials");
    QTest::newRow("401 expired") << 401 << QByteArray("Unauthorized") << QByteArray(R"(Bearer error="invalid_token", error_description="The access token expired")")
                                 << -1 << QStringLiteral("bearer token has expired");
    QTest::newRow("403") << 403 << QByteArray("Forbidden") << QByteArray() << -1 << QStringLiteral("lacks a permission");
    QTest::newRow("503") << 503 << QByteArray("Service Unavailable") << QByteArray() << -1 << QStringLiteral("set the account's source");
}

void TestPrometheusClient::sourceProbe()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(int, source);
    QFETCH(QString, errorHas);
    LocalHttpServer server;
    QList<QByteArray> paths;
    std::mutex mutex;
    server.setHandler([&](const RecordedRequest &r) {
        {
            std::lock_guard lock(mutex);
            paths << r.path;
        }
        if (r.path.endsWith("/api/v1/status/buildinfo")) {
            ScriptedResponse s = ScriptedResponse::status_(status, body);
            if (!header.isEmpty())
                s.headers.append({QByteArray("WWW-Authenticate"), header});
            return s;
        }
        return ScriptedResponse::status_(500, "stop here");
    });
    QVERIFY(server.start());
    providers::net::HttpClient http(quickHttp());
    const QString token = QStringLiteral("tok-probe-secret-0004");
    KubernetesClient client(accountFor(server.url(QStringLiteral("/k8s")), QStringLiteral("auto")), token, http, providers::ClientOptions{});
    QCOMPARE(client.resolvedSource(), Source::Auto);
    CostBatch batch;
    QString error;
    QVERIFY(!client.fetchMonth(QDate(2024, 3, 5), QDate(2024, 3, 6), &batch, &error, {})); // the next request fails (500)
    QVERIFY(!error.contains(token));
    if (source < 0) {
        QVERIFY2(error.contains(errorHas), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("source probe")), qPrintable(error));
        QCOMPARE(client.resolvedSource(), Source::Auto);
        QCOMPARE(paths.size(), 1);
        return;
    }
    QCOMPARE(int(client.resolvedSource()), source);
    QVERIFY(paths.size() >= 2);
    QCOMPARE(paths.first(), QByteArray("/k8s/api/v1/status/buildinfo"));
    QCOMPARE(paths.at(1), source == int(Source::Prometheus) ? QByteArray("/k8s/api/v1/query_range") : QByteArray("/k8s/allocation"));
    // Resolved once: a second call does not ask again.
    const qsizetype before = paths.size();
    QVERIFY(!client.fetchMonth(QDate(2024, 3, 5), QDate(2024, 3, 6), &batch, &error, {}));
    QVERIFY(!paths.mid(before).contains(QByteArray("/k8s/api/v1/status/buildinfo")));
}

void TestPrometheusClient::explicitOpenCostDoesNotProbe()
{
    LocalHttpServer server;
    server.setHandler([](const RecordedRequest &) { return ScriptedResponse::status_(500, "no"); });
    QVERIFY(server.start());
    providers::net::HttpClient http(quickHttp());
    for (const QString &source : {QStringLiteral("opencost"), QStringLiteral("prometheus")}) {
        KubernetesClient client(accountFor(server.url(QStringLiteral("/")), source), QString(), http, providers::ClientOptions{});
        QCOMPARE(client.resolvedSource(), source == u"opencost" ? Source::OpenCost : Source::Prometheus);
        CostBatch batch;
        QString error;
        QVERIFY(!client.fetchMonth(QDate(2024, 3, 5), QDate(2024, 3, 6), &batch, &error, {}));
    }
    for (const RecordedRequest &r : server.requests())
        QVERIFY2(!r.path.contains("buildinfo"), r.path.constData());
    QCOMPARE(server.requests().first().path, QByteArray("/allocation"));
    QCOMPARE(server.requests().last().path, QByteArray("/api/v1/query_range"));
    // An unknown source is refused when the client is made, naming the choices.
    providers::AccountConfig bad = accountFor(server.url(QStringLiteral("/")), QStringLiteral("graphite"));
    QString error;
    QVERIFY(!providers::createClient(bad, {}, http, {}, &error));
    QVERIFY2(error.contains(QStringLiteral("auto, opencost, prometheus")), qPrintable(error));
    bad = accountFor(server.url(QStringLiteral("/")), QStringLiteral("prometheus"), QStringLiteral("30s"));
    QVERIFY(!providers::createClient(bad, {}, http, {}, &error));
    QVERIFY2(error.contains(QStringLiteral("1h, 5m, 1m")), qPrintable(error));
}

void TestPrometheusClient::podsWithRequestsAgainstUsage()
{
    FakePrometheusServer fake;
    QVERIFY(fake.start());
    providers::net::HttpClient http(quickHttp());
    PrometheusClient client(accountFor(QUrl(fake.account(QStringLiteral("x")).endpoint), QStringLiteral("prometheus")),
                            fake.secrets().value(QStringLiteral("token")), http, providers::ClientOptions{});
    ResourceBatch resources;
    std::vector<MetricSeries> metrics;
    QString error;
    QVERIFY2(client.fetchResources(&resources, &metrics, &error, {}), qPrintable(error));
    QCOMPARE(resources.provider, QStringLiteral("Kubernetes"));
    QCOMPARE(resources.resources.size(), size_t(3));
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate yesterday = today.addDays(-1);
    QMap<QString, ResourceRecord> byId;
    for (const ResourceRecord &r : resources.resources)
        byId.insert(r.resourceId, r);
    QCOMPARE(byId.value(QStringLiteral("web/api-server-7d9f8-abcde")).flavor, QStringLiteral("deployment"));
    QCOMPARE(byId.value(QStringLiteral("data/etl-0")).flavor, QStringLiteral("statefulset"));
    QCOMPARE(byId.value(QStringLiteral("data/etl-0")).type, QStringLiteral("pod"));
    QVERIFY(byId.value(QStringLiteral("data/etl-0")).tags.contains(qMakePair(QStringLiteral("controller"), QStringLiteral("etl"))));
    QVERIFY(byId.value(QStringLiteral("data/etl-0")).tags.contains(qMakePair(QStringLiteral("app"), QStringLiteral("etl"))));
    const QStringList pods{QStringLiteral("web/api-server-7d9f8-abcde"), QStringLiteral("web/api-server-7d9f8-fghij"), QStringLiteral("data/etl-0")};
    for (int p = 0; p < 3; ++p)
        QCOMPARE(byId.value(pods[p]).state,
                 FakePrometheusServer::podRuns(p, yesterday) ? QStringLiteral("running") : QStringLiteral("terminated"));
    QCOMPARE(metrics.size(), size_t(15));
    // Usage is 10, 15 and 20 % of the request; one point per day the pod ran, at the day's start.
    const double percent[] = {10, 15, 20};
    const double requestCores[] = {0.5, 0.5, 2};
    for (const MetricSeries &m : metrics) {
        const int p = int(pods.indexOf(m.resourceId));
        QVERIFY(p >= 0);
        QCOMPARE(m.points.size(), size_t(4));
        for (const MetricPoint &point : m.points) {
            const QDate day = QDateTime::fromSecsSinceEpoch(point.time, QTimeZone::utc()).date();
            QCOMPARE(point.time, dayStart(day));
            QVERIFY(day < today && day >= today.addDays(-7));
            QVERIFY(FakePrometheusServer::podRuns(p, day));
            if (m.metric == u"cpu")
                QVERIFY(qAbs(point.value - percent[p]) < 1e-9);
            else if (m.metric == u"cpu_request_cores")
                QCOMPARE(point.value, requestCores[p]);
            else if (m.metric == u"memory_usage_bytes")
                QVERIFY(qAbs(point.value - (p == 2 ? 4.0 : 0.5) * 1073741824.0 * 0.4) < 1e-3);
        }
    }
    QCOMPARE(fake.tooLargeRequests(), 0);
}

void TestPrometheusClient::testConnection()
{
    FakePrometheusServer fake;
    QVERIFY(fake.start());
    providers::net::HttpClient http(quickHttp());
    providers::AccountConfig account = fake.account(QStringLiteral("x")); // auto
    {
        KubernetesClient client(account, fake.secrets().value(QStringLiteral("token")), http, providers::ClientOptions{});
        QCOMPARE(client.testConnection({}), QString());
        QCOMPARE(client.resolvedSource(), Source::Prometheus);
    }
    {
        KubernetesClient client(account, QStringLiteral("wrong-token-value"), http, providers::ClientOptions{});
        const QString error = client.testConnection({});
        QVERIFY2(error.contains(QStringLiteral("rejected the credentials")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("wrong-token-value")));
    }
    // A Prometheus that does not scrape OpenCost says so.
    LocalHttpServer bare;
    bare.setHandler([](const RecordedRequest &) {
        return ScriptedResponse::ok(R"({"status":"success","data":{"resultType":"vector","result":[]}})");
    });
    QVERIFY(bare.start());
    PrometheusClient client(accountFor(bare.url(QStringLiteral("/")), QStringLiteral("prometheus")), QString(), http, providers::ClientOptions{});
    const QString error = client.testConnection({});
    QVERIFY2(error.contains(QStringLiteral("no node_cpu_hourly_cost series")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestPrometheusClient)
#include "TestPrometheusClient.moc"
