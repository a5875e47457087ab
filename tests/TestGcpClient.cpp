// The GCP client's own rules, beyond the provider contract suite: the billing table pattern (the
// only text that reaches the SQL), the query's shape, BigQuery's f/v row decoding with NULLs,
// records and repeated fields, and against the fake GCP endpoint: credits as their own rows,
// labels, the unfinished job polled, a 401 answered by exactly one fresh token, and the resources
// (disks attached to instances, metrics merged across pages, gone instances skipped).

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include "model/store/CostStore.h"
#include "providers/gcp/GcpClient.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudSyncService.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace costscope;
using costscope::providers::gcp::BillingTable;
using costscope::providers::gcp::GcpClient;
using costscope::testsupport::Fault;
using costscope::testsupport::FaultPlan;
using costscope::testsupport::FaultTarget;

namespace {

QJsonArray array(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).array();
}

struct Client
{
    std::unique_ptr<testsupport::FakeCloud> fake = testsupport::makeFakeCloud(QStringLiteral("gcp"));
    providers::net::HttpClient http;
    std::unique_ptr<providers::CloudClient> client;
    QString error;

    Client()
        : http([] {
            providers::net::HttpOptions o;
            o.maxAttempts = 1;
            return o;
        }())
    {
    }

    bool start(const QHash<QString, QString> &options = {})
    {
        if (!fake->start())
            return false;
        providers::AccountConfig account = fake->account(QStringLiteral("main"));
        for (auto it = options.begin(); it != options.end(); ++it)
            account.options.insert(it.key(), it.value());
        client = providers::createClient(account, fake->secrets(), http, {}, &error);
        return client != nullptr;
    }
};

} // namespace

class TestGcpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void billingTable_data();
    void billingTable();
    void queryShape();
    void decodeRows_data();
    void decodeRows();
    void monthFromFake();
    void expiredTokenRefreshedOnce();
    void resourcesFromFake();
    void hostileQueryAnswers_data();
    void hostileQueryAnswers();
    void unusableKey();
    void jobsQueryShape();
    void jobsFromFake_data();
    void jobsFromFake();
    void jobsDeniedIsWarning();
    void jobsBrokenRow_data();
    void jobsBrokenRow();
    void syncWritesJobs_data();
    void syncWritesJobs();
};

void TestGcpClient::billingTable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("quoted");
    QTest::addColumn<bool>("detailed");
    QTest::newRow("standard") << QStringLiteral("my-project.billing.gcp_billing_export_v1_012345_6789AB_CDEF01") << true
                              << QStringLiteral("`my-project.billing.gcp_billing_export_v1_012345_6789AB_CDEF01`") << false;
    QTest::newRow("detailed") << QStringLiteral("my-project.billing.gcp_billing_export_resource_v1_012345_6789AB_CDEF01") << true
                              << QStringLiteral("`my-project.billing.gcp_billing_export_resource_v1_012345_6789AB_CDEF01`") << true;
    QTest::newRow("domain-scoped project") << QStringLiteral("example.com:my-project.ds.t") << true
                                           << QStringLiteral("`example.com:my-project.ds.t`") << false;
    QTest::newRow("surrounding blanks") << QStringLiteral("  proj-1.d.t\n") << true << QStringLiteral("`proj-1.d.t`") << false;
    QTest::newRow("backtick injection") << QStringLiteral("my-project.d.t` WHERE 1=1; DROP TABLE x --") << false << QString() << false;
    QTest::newRow("space in table") << QStringLiteral("my-project.d.t x") << false << QString() << false;
    QTest::newRow("two parts") << QStringLiteral("my-project.table") << false << QString() << false;
    QTest::newRow("four parts") << QStringLiteral("my-project.a.b.c") << false << QString() << false;
    QTest::newRow("upper-case project") << QStringLiteral("My-Project.d.t") << false << QString() << false;
    QTest::newRow("project too short") << QStringLiteral("abc.d.t") << false << QString() << false;
    QTest::newRow("quote in dataset") << QStringLiteral("my-project.d'x.t") << false << QString() << false;
    QTest::newRow("newline inside") << QStringLiteral("my-project.d\n.t") << false << QString() << false;
    QTest::newRow("empty") << QString() << false << QString() << false;
}

void TestGcpClient::billingTable()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, quoted);
    QFETCH(bool, detailed);
    BillingTable t;
    QString error;
    QCOMPARE(BillingTable::parse(text, &t, &error), ok);
    if (ok) {
        QCOMPARE(t.quoted(), quoted);
        QCOMPARE(t.detailed, detailed);
    } else {
        QVERIFY2(error.contains(QStringLiteral("project.dataset.table")), qPrintable(error));
    }
}

void TestGcpClient::queryShape()
{
    BillingTable standard, detailed;
    QString error;
    QVERIFY(BillingTable::parse(QStringLiteral("proj-1.billing.gcp_billing_export_v1_X"), &standard, &error));
    QVERIFY(BillingTable::parse(QStringLiteral("proj-1.billing.gcp_billing_export_resource_v1_X"), &detailed, &error));
    const QString s = GcpClient::costQuery(standard);
    const QString d = GcpClient::costQuery(detailed);
    for (const QString &q : {s, d}) {
        QVERIFY(q.contains(QStringLiteral("TIMESTAMP(@from_day)")));
        QVERIFY(q.contains(QStringLiteral("TIMESTAMP(@to_day)")));
        QVERIFY(q.contains(QStringLiteral("CAST(SUM(CAST(cost AS NUMERIC)) AS STRING)")));
        QVERIFY(q.contains(QStringLiteral("CAST(SUM(CAST(c.amount AS NUMERIC)) AS STRING)")));
        QVERIFY(q.contains(QStringLiteral("UNNEST(credits)")));
        QVERIFY(!q.contains(u';'));
    }
    QVERIFY(s.contains(QStringLiteral("FROM `proj-1.billing.gcp_billing_export_v1_X`")));
    QVERIFY(!s.contains(QStringLiteral("resource.global_name")));
    QVERIFY(d.contains(QStringLiteral("resource.global_name AS resource_global_name")));
    QVERIFY(d.contains(QStringLiteral("GROUP BY usage_day, billing_account_id, project_id, project_name, service, sku_id, "
                                      "sku_description, region, currency, cost_type, resource_name, resource_global_name")));
}

void TestGcpClient::decodeRows_data()
{
    QTest::addColumn<QString>("fields");
    QTest::addColumn<QString>("rows");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected"); // decoded rows as compact JSON, or a piece of the error
    const QString flat = QStringLiteral(R"([{"name":"a","type":"STRING"},{"name":"n","type":"NUMERIC","mode":"NULLABLE"}])");
    const QString nested = QStringLiteral(
        R"([{"name":"day","type":"DATE"},{"name":"labels","type":"RECORD","mode":"REPEATED","fields":[{"name":"key","type":"STRING"},{"name":"value","type":"STRING"}]},)"
        R"({"name":"project","type":"RECORD","fields":[{"name":"id","type":"STRING"},{"name":"name","type":"STRING"}]}])");
    QTest::newRow("strings and NULL") << flat << QStringLiteral(R"([{"f":[{"v":"x"},{"v":"-0.000000001"}]},{"f":[{"v":null},{"v":null}]}])")
                                      << true << QStringLiteral(R"([{"a":"x","n":"-0.000000001"},{"a":null,"n":null}])");
    QTest::newRow("no rows") << flat << QStringLiteral("[]") << true << QStringLiteral("[]");
    QTest::newRow("records and repeated records")
        << nested
        << QStringLiteral(R"([{"f":[{"v":"2024-03-01"},{"v":[{"v":{"f":[{"v":"team"},{"v":"ml"}]}},{"v":{"f":[{"v":"env"},{"v":null}]}}]},)"
                          R"({"v":{"f":[{"v":"p-1"},{"v":null}]}}]}])")
        << true
        << QStringLiteral(R"([{"day":"2024-03-01","labels":[{"key":"team","value":"ml"},{"key":"env","value":null}],"project":{"id":"p-1","name":null}}])");
    QTest::newRow("empty repeated and NULL record")
        << nested << QStringLiteral(R"([{"f":[{"v":"2024-03-02"},{"v":[]},{"v":null}]}])") << true
        << QStringLiteral(R"([{"day":"2024-03-02","labels":[],"project":null}])");
    QTest::newRow("too few cells") << flat << QStringLiteral(R"([{"f":[{"v":"x"}]}])") << false << QStringLiteral("row 1 has 1 cells");
    QTest::newRow("too many cells") << flat << QStringLiteral(R"([{"f":[{"v":"x"},{"v":"1"},{"v":"2"}]}])") << false
                                    << QStringLiteral("row 1 has 3 cells");
    QTest::newRow("row not an object") << flat << QStringLiteral(R"([["x","1"]])") << false << QStringLiteral("row 1");
    QTest::newRow("number instead of string") << flat << QStringLiteral(R"([{"f":[{"v":"x"},{"v":1.5}]}])") << false
                                              << QStringLiteral("the value of 'n' is not a string");
    QTest::newRow("record with missing field") << nested
                                               << QStringLiteral(R"([{"f":[{"v":"d"},{"v":[]},{"v":{"f":[{"v":"p-1"}]}}]}])") << false
                                               << QStringLiteral("the record 'project' does not have its 2 fields");
    QTest::newRow("repeated not a list") << nested << QStringLiteral(R"([{"f":[{"v":"d"},{"v":"team"},{"v":null}]}])") << false
                                         << QStringLiteral("the repeated field 'labels' is not a list");
    QTest::newRow("second row broken") << flat << QStringLiteral(R"([{"f":[{"v":"x"},{"v":"1"}]},{"f":[{"v":{}},{"v":"1"}]}])") << false
                                       << QStringLiteral("row 2: the value of 'a'");
}

void TestGcpClient::decodeRows()
{
    QFETCH(QString, fields);
    QFETCH(QString, rows);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    std::vector<QJsonObject> out;
    QString error;
    QCOMPARE(GcpClient::decodeRows(array(fields.toUtf8().constData()), array(rows.toUtf8().constData()), &out, &error), ok);
    if (ok) {
        QJsonArray got;
        for (const QJsonObject &o : out)
            got.append(o);
        QCOMPARE(QString::fromUtf8(QJsonDocument(got).toJson(QJsonDocument::Compact)),
                 QString::fromUtf8(QJsonDocument(array(expected.toUtf8().constData())).toJson(QJsonDocument::Compact)));
    } else {
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
}

void TestGcpClient::monthFromFake()
{
    Client c;
    QVERIFY2(c.start(), qPrintable(c.error));
    QCOMPARE(c.client->testConnection({}), QString());
    CostBatch batch;
    QString error;
    QVERIFY2(c.client->fetchMonth(QDate(2024, 2, 1), QDate(2024, 3, 1), &batch, &error, {}), qPrintable(error));
    QCOMPARE(batch.provider, QStringLiteral("GCP"));
    QCOMPARE(batch.billingAccountId, QStringLiteral("01A2B3-C4D5E6-F7A8B9"));
    QCOMPARE(batch.currency, QStringLiteral("USD"));
    QCOMPARE(batch.periodStart, QDate(2024, 2, 1));
    QCOMPARE(batch.periodEnd, QDate(2024, 3, 1));
    // 29 days x (2 projects x 2 services + 1 credit), over four result pages.
    QCOMPARE(batch.rows.size(), size_t(29 * 5));
    int credits = 0;
    for (const CostRow &r : batch.rows) {
        QVERIFY(r.chargeEnd - r.chargeStart == 86400);
        if (r.chargeCategory == ChargeCategory::Credit) {
            ++credits;
            QCOMPARE(r.chargeDescription, QStringLiteral("Free tier"));
            QVERIFY(r.billedCost < Money());
            QCOMPARE(r.listCost, Money());
            QVERIFY(r.extra.contains({QStringLiteral("credit_type"), QStringLiteral("FREE_TIER")}));
        } else {
            QCOMPARE(r.listCost, r.billedCost);
            QCOMPARE(r.consumedQuantity, 3600.0);
            QCOMPARE(r.consumedUnit, QStringLiteral("seconds"));
        }
        if (r.subAccountId == u"ml-train-456") {
            QCOMPARE(r.subAccountName, QString()); // NULL in the answer
            QCOMPARE(r.tags, Tags({{QStringLiteral("team"), QStringLiteral("ml")}}));
        } else {
            QCOMPARE(r.subAccountName, QStringLiteral("Web production"));
            QVERIFY(r.tags.isEmpty());
        }
        QCOMPARE(r.region, QStringLiteral("us-central1"));
        QVERIFY(r.extra.contains({QStringLiteral("billing_account_id"), QStringLiteral("01A2B3-C4D5E6-F7A8B9")}));
    }
    QCOMPARE(credits, 29);
    // A range outside one month is refused before any request.
    const int before = c.fake->requestCount();
    QVERIFY(!c.client->fetchMonth(QDate(2024, 2, 20), QDate(2024, 3, 2), &batch, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("not inside one month")), qPrintable(error));
    QCOMPARE(c.fake->requestCount(), before);
}

void TestGcpClient::expiredTokenRefreshedOnce()
{
    Client c;
    QVERIFY2(c.start(), qPrintable(c.error));
    CostBatch batch;
    QString error;
    // Token, jobs.query, one poll that completes with the only page.
    QVERIFY2(c.client->fetchMonth(QDate(2024, 3, 1), QDate(2024, 3, 5), &batch, &error, {}), qPrintable(error));
    QCOMPARE(c.fake->requestCount(), 3);
    QCOMPARE(batch.rows.size(), size_t(4 * 5));
    // One 401: one new token, one repeated call, then the same result.
    c.fake->setFault(FaultPlan{Fault::ExpiredToken, FaultTarget::Costs, QDate(2024, 3, 1), 1});
    QVERIFY2(c.client->fetchMonth(QDate(2024, 3, 1), QDate(2024, 3, 5), &batch, &error, {}), qPrintable(error));
    QCOMPARE(c.fake->requestCount(), 3 + 4);
    QCOMPARE(batch.rows.size(), size_t(4 * 5));
    // A 401 that stays: refreshed once, then the error says expired, and only the month's calls.
    c.fake->setFault(FaultPlan{Fault::ExpiredToken, FaultTarget::Costs, QDate(2024, 3, 1), -1});
    QVERIFY(!c.client->fetchMonth(QDate(2024, 3, 1), QDate(2024, 3, 5), &batch, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("expired")) && error.contains(QStringLiteral("BigQuery jobs.query")), qPrintable(error));
    QCOMPARE(c.fake->requestCount(), 7 + 3);
    QVERIFY(batch.rows.empty());
}

void TestGcpClient::resourcesFromFake()
{
    Client c;
    QVERIFY2(c.start(), qPrintable(c.error));
    ResourceBatch batch;
    std::vector<MetricSeries> metrics;
    QString error;
    QVERIFY2(c.client->fetchResources(&batch, &metrics, &error, {}), qPrintable(error));
    QCOMPARE(batch.provider, QStringLiteral("GCP"));
    QCOMPARE(batch.resources.size(), size_t(8));
    QHash<QString, ResourceRecord> byName;
    for (const ResourceRecord &r : batch.resources)
        byName.insert(r.type + u'/' + r.name, r);
    const QString web = QStringLiteral("//compute.googleapis.com/projects/costscope-fake-1/zones/us-central1-a/instances/1001");
    const QString train = QStringLiteral("//compute.googleapis.com/projects/costscope-fake-1/zones/europe-west1-b/instances/2001");
    QCOMPARE(byName.value(QStringLiteral("instance/web-1")).resourceId, web);
    QCOMPARE(byName.value(QStringLiteral("instance/web-1")).state, QStringLiteral("running"));
    QCOMPARE(byName.value(QStringLiteral("instance/web-1")).flavor, QStringLiteral("n2-standard-4"));
    QCOMPARE(byName.value(QStringLiteral("instance/web-1")).region, QStringLiteral("us-central1"));
    QCOMPARE(byName.value(QStringLiteral("instance/web-1")).tags, Tags({{QStringLiteral("team"), QStringLiteral("search")}}));
    QCOMPARE(byName.value(QStringLiteral("instance/web-1")).createdAt,
             QDateTime(QDate(2024, 1, 5), QTime(18, 0), QTimeZone::utc()).toSecsSinceEpoch());
    QCOMPARE(byName.value(QStringLiteral("instance/batch-1")).state, QStringLiteral("stopped"));
    QCOMPARE(byName.value(QStringLiteral("instance/train-1")).region, QStringLiteral("europe-west1"));
    QCOMPARE(byName.value(QStringLiteral("volume/web-1")).attachedTo, web);
    QCOMPARE(byName.value(QStringLiteral("volume/web-1")).attachmentKind, QStringLiteral("volume-instance"));
    QCOMPARE(byName.value(QStringLiteral("volume/web-1")).state, QStringLiteral("in-use"));
    QCOMPARE(byName.value(QStringLiteral("volume/web-1")).flavor, QStringLiteral("pd-balanced"));
    QCOMPARE(byName.value(QStringLiteral("volume/train-1")).attachedTo, train);
    QCOMPARE(byName.value(QStringLiteral("volume/old-data")).attachedTo, QString());
    QCOMPARE(byName.value(QStringLiteral("volume/old-data")).state, QStringLiteral("available"));
    // Snapshots point at their source disk, also a deleted one (by its id).
    QCOMPARE(byName.value(QStringLiteral("snapshot/web-1-daily")).attachedTo, byName.value(QStringLiteral("volume/web-1")).resourceId);
    QCOMPARE(byName.value(QStringLiteral("snapshot/web-1-daily")).attachmentKind, QStringLiteral("snapshot-volume"));
    QCOMPARE(byName.value(QStringLiteral("snapshot/web-1-daily")).resourceId,
             QStringLiteral("//compute.googleapis.com/projects/costscope-fake-1/global/snapshots/5001"));
    QCOMPARE(byName.value(QStringLiteral("snapshot/old-backup")).attachedTo,
             QStringLiteral("//compute.googleapis.com/projects/costscope-fake-1/zones/us-central1-a/disks/3999"));
    QCOMPARE(byName.value(QStringLiteral("snapshot/old-backup")).state, QStringLiteral("ready"));
    // Two running instances x three metrics; the series of instance 9999 (gone) is skipped.
    QCOMPARE(metrics.size(), size_t(6));
    for (const MetricSeries &s : metrics) {
        QVERIFY(s.resourceId == web || s.resourceId == train);
        QCOMPARE(s.points.size(), size_t(4));
        for (size_t i = 0; i < s.points.size(); ++i) {
            if (i > 0)
                QVERIFY(s.points[i].time - s.points[i - 1].time == 900);
            // CPU fraction 0.125 x k as percent; network rates as served (bytes/s).
            const double expected = s.metric == u"cpu" ? 12.5 * double(i + 1) : 1500.0 * double(i + 1);
            QCOMPARE(s.points[i].value, expected);
        }
    }
}

void TestGcpClient::hostileQueryAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("answer");   // of jobs.query (and of every getQueryResults poll)
    QTest::addColumn<QString>("errorHas");
    const QByteArray schema =
        R"("schema":{"fields":[{"name":"kind","type":"STRING"},{"name":"usage_day","type":"DATE"},{"name":"currency","type":"STRING"},)"
        R"({"name":"cost","type":"STRING"}]},"jobReference":{"projectId":"proj-1","jobId":"j1","location":"US"},"jobComplete":true,)";
    auto row = [](const char *day, const char *currency, const char *cost) -> QByteArray {
        return QByteArray(R"({"f":[{"v":"usage"},{"v":")") + day + R"("},{"v":")" + currency + R"("},{"v":")" + cost + R"("}]})";
    };
    QTest::newRow("row outside the range") << 200 << QByteArray("{" + schema + R"("totalRows":"1","rows":[)" + row("2024-04-01", "USD", "1.5") + "]}")
                                           << QStringLiteral("lies outside the range");
    QTest::newRow("two currencies") << 200
                                    << QByteArray("{" + schema + R"("totalRows":"2","rows":[)" + row("2024-03-01", "USD", "1.5") + ","
                                                  + row("2024-03-01", "EUR", "2") + "]}")
                                    << QStringLiteral("two currencies (USD and EUR)");
    QTest::newRow("cost not a decimal") << 200 << QByteArray("{" + schema + R"("totalRows":"1","rows":[)" + row("2024-03-01", "USD", "1,5") + "]}")
                                        << QStringLiteral("has no decimal cost");
    QTest::newRow("cost empty") << 200 << QByteArray("{" + schema + R"("totalRows":"1","rows":[)" + row("2024-03-01", "USD", "") + "]}")
                                << QStringLiteral("has no decimal cost");
    QTest::newRow("cost NULL") << 200
                               << QByteArray("{" + schema + R"("totalRows":"1","rows":[{"f":[{"v":"usage"},{"v":"2024-03-01"},{"v":"USD"},{"v":null}]}]})")
                               << QStringLiteral("has no decimal cost");
    QTest::newRow("fewer rows than totalRows") << 200 << QByteArray("{" + schema + R"("totalRows":"3","rows":[)" + row("2024-03-01", "USD", "1") + "]}")
                                               << QStringLiteral("reported 3 rows but 1 arrived");
    QTest::newRow("no totalRows") << 200 << QByteArray("{" + schema + R"("rows":[]})") << QStringLiteral("no valid totalRows");
    QTest::newRow("no schema") << 200 << QByteArray(R"({"jobComplete":true,"totalRows":"0"})") << QStringLiteral("has no schema");
    QTest::newRow("never completes") << 200
                                     << QByteArray(R"({"jobReference":{"projectId":"proj-1","jobId":"j1","location":"US"},"jobComplete":false})")
                                     << QStringLiteral("did not finish after 120 polls");
    QTest::newRow("job id with a path") << 200
                                        << QByteArray(R"({"jobReference":{"projectId":"proj-1","jobId":"../../x","location":"US"},"jobComplete":false})")
                                        << QStringLiteral("no valid jobReference");
    QTest::newRow("HTML instead of JSON") << 200 << QByteArray("<html><body>proxy login</body></html>")
                                          << QStringLiteral("not usable: not valid JSON");
    QTest::newRow("permission denied") << 403
                                       << QByteArray(R"({"error":{"code":403,"message":"Access Denied: Table x: User does not have permission","status":"PERMISSION_DENIED"}})")
                                       << QStringLiteral("lacks a permission or the API is not enabled (PERMISSION_DENIED): Access Denied");
    QTest::newRow("table not found") << 404
                                     << QByteArray(R"({"error":{"code":404,"message":"Not found: Table proj-1:billing.t","status":"NOT_FOUND"}})")
                                     << QStringLiteral("not found (check the project 'proj-1' and the billing table): Not found: Table");
}

void TestGcpClient::hostileQueryAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, answer);
    QFETCH(QString, errorHas);
    testsupport::LocalHttpServer server;
    server.setHandler([&](const testsupport::RecordedRequest &r) {
        if (r.path == "/token")
            return testsupport::ScriptedResponse::ok(R"({"access_token":"t-1","expires_in":3600,"token_type":"Bearer"})");
        return status == 200 ? testsupport::ScriptedResponse::ok(answer) : testsupport::ScriptedResponse::status_(status, answer);
    });
    QVERIFY(server.start());
    providers::AccountConfig account;
    account.name = QStringLiteral("main");
    account.provider = QStringLiteral("gcp");
    account.scope = QStringLiteral("proj-1");
    account.billingTable = QStringLiteral("proj-1.billing.t");
    account.endpoint = server.url(QStringLiteral("/")).toString();
    QFile key(QStringLiteral(COSTSCOPE_TEST_DATA "/gcp/test_service_account.json"));
    QVERIFY(key.open(QIODevice::ReadOnly));
    providers::net::HttpOptions options;
    options.maxAttempts = 1;
    providers::net::HttpClient http(options);
    QString error;
    auto client = providers::createClient(account, {{QStringLiteral("service_account_json"), QString::fromUtf8(key.readAll())}}, http, {},
                                          &error);
    QVERIFY2(client, qPrintable(error));
    CostBatch batch;
    QVERIFY(!client->fetchMonth(QDate(2024, 3, 1), QDate(2024, 3, 11), &batch, &error, {}));
    QVERIFY2(error.contains(errorHas), qPrintable(error));
    QVERIFY(batch.rows.empty());
    // Nothing the server sent went into a URL path.
    for (const testsupport::RecordedRequest &r : server.requests())
        QVERIFY2(!r.path.contains(".."), r.path.constData());
}

void TestGcpClient::unusableKey()
{
    providers::net::HttpClient http;
    QString error;
    providers::AccountConfig account;
    account.name = QStringLiteral("main");
    account.provider = QStringLiteral("gcp");
    const QString key = QStringLiteral(R"({"type":"service_account","client_email":"a@b","private_key":"-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"})");
    for (const QString &json : {QStringLiteral("{not json"), QStringLiteral(R"({"type":"authorized_user"})")}) {
        QVERIFY(!providers::createClient(account, {{QStringLiteral("service_account_json"), json}}, http, {}, &error));
        QVERIFY2(error.contains(QStringLiteral("service-account key in the keychain is not usable")), qPrintable(error));
    }
    // Without a table or project the client says what to add, before any request.
    auto client = providers::createClient(account, {{QStringLiteral("service_account_json"), key}}, http, {}, &error);
    QVERIFY2(client, qPrintable(error));
    CostBatch batch;
    QVERIFY(!client->fetchMonth(QDate(2024, 3, 1), QDate(2024, 3, 2), &batch, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("--billing-table")), qPrintable(error));
    const QString test = client->testConnection({});
    QVERIFY2(test.contains(QStringLiteral("--scope")), qPrintable(test));
    // A key that parses but cannot sign: the call fails with the signing error, not a transport one.
    account.scope = QStringLiteral("proj-1");
    account.billingTable = QStringLiteral("proj-1.billing.gcp_billing_export_v1_X");
    account.endpoint = QStringLiteral("http://127.0.0.1:1/");
    client = providers::createClient(account, {{QStringLiteral("service_account_json"), key}}, http, {}, &error);
    QVERIFY2(client, qPrintable(error));
    QVERIFY(!client->fetchMonth(QDate(2024, 3, 1), QDate(2024, 3, 2), &batch, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("no access token for account 'main'")) && error.contains(QStringLiteral("Cannot sign in")),
             qPrintable(error));
    QVERIFY(!error.contains(QStringLiteral("not a key")));
}


void TestGcpClient::jobsQueryShape()
{
    const QString sql = GcpClient::jobsQuery(QStringLiteral("p-1"), QStringLiteral("region-us"));
    QVERIFY(sql.contains(QStringLiteral("FROM `p-1.region-us`.INFORMATION_SCHEMA.JOBS_BY_PROJECT")));
    QVERIFY(sql.contains(QStringLiteral("JOIN `p-1.region-us`.INFORMATION_SCHEMA.TABLE_STORAGE")));
    QVERIFY(sql.contains(QStringLiteral("creation_time >= TIMESTAMP(@from_day) AND creation_time < TIMESTAMP(@to_day)")));
    QVERIFY(sql.contains(QStringLiteral("IFNULL(statement_type, '') != 'SCRIPT'"))); // a script's children are the jobs
}

void TestGcpClient::jobsFromFake_data()
{
    QTest::addColumn<QString>("slotHourPrice");
    QTest::addColumn<qint64>("webDayNanos");  // the cost of web-prod-123 on one day, worked out by hand
    QTest::addColumn<QString>("costedType");  // the usage type that carries it
    // On-demand: 2 TiB x 6.25 + 64 GiB (1/16 TiB) x 6.25 = 12.5 + 0.390625 USD.
    QTest::newRow("on-demand") << QString() << qint64(12'890'625'000) << QStringLiteral("bytes-billed");
    // Editions at 0.06 USD per slot-hour: 1 + 2 slot-hours.
    QTest::newRow("editions") << QStringLiteral("0.06") << qint64(180'000'000) << QStringLiteral("slot-ms");
}

void TestGcpClient::jobsFromFake()
{
    QFETCH(QString, slotHourPrice);
    QFETCH(qint64, webDayNanos);
    QFETCH(QString, costedType);
    Client c;
    QHash<QString, QString> options{{QStringLiteral("jobs_region"), QStringLiteral("region-us")}};
    if (!slotHourPrice.isEmpty())
        options.insert(QStringLiteral("slot_hour_price"), slotHourPrice);
    QVERIFY2(c.start(options), qPrintable(c.error));
    CostBatch batch;
    QString error;
    QVERIFY2(c.client->fetchMonth(QDate(2024, 2, 1), QDate(2024, 3, 1), &batch, &error, {}), qPrintable(error));
    QCOMPARE(batch.rows.size(), size_t(29 * 5)); // the export's rows as without job history: no BigQuery line items added
    QVERIFY(c.client->syncWarnings().isEmpty());
    const SaasBatch *saas = c.client->saasDetail();
    QVERIFY(saas);
    QCOMPARE(saas->service, QStringLiteral("BigQuery"));
    QCOMPARE(saas->account, QStringLiteral("costscope-fake-1"));
    QCOMPARE(saas->from, QDate(2024, 2, 1));
    QCOMPARE(saas->to, QDate(2024, 3, 1));
    // 29 days x 3 jobs over three result pages of 40.
    QCOMPARE(saas->queries.size(), size_t(29 * 3));
    int fullScans = 0;
    Money queriesCost;
    for (const SaasQueryRow &q : saas->queries) {
        fullScans += q.fullScan ? 1 : 0;
        queriesCost = queriesCost + q.cost;
        QCOMPARE(q.currency, QStringLiteral("USD"));
        QCOMPARE(q.started.offsetFromUtc(), 0);
        if (q.queryId.endsWith(u"_1")) {
            QVERIFY(q.fullScan); // 2 TiB of a 2 TiB table
            QCOMPARE(q.user, QStringLiteral("ana@acme.example"));
            QCOMPARE(q.scope, QStringLiteral("web-prod-123"));
            QCOMPARE(q.bytesBilled, int64_t(2199023255552));
            QCOMPARE(q.slotMs, int64_t(3600000));
            QCOMPARE(q.durationMs, int64_t(60000));
            QCOMPARE(q.started.time(), QTime(9, 0));
        } else if (q.queryId.endsWith(u"_3")) {
            QVERIFY(!q.fullScan);
            QCOMPARE(q.bytesBilled, int64_t(0)); // NULL bytes billed (cached)
            QCOMPARE(q.cost, Money());
            QCOMPARE(q.statementType, QStringLiteral("INSERT"));
        } else {
            QVERIFY(!q.fullScan); // 64 GiB of 2 TiB: pruned
        }
    }
    QCOMPARE(fullScans, 29);
    QCOMPARE(queriesCost, Money::fromNanos(29 * webDayNanos));
    // Per project and day: bytes billed, slot-ms and queries; the cost on one of them only.
    QCOMPARE(saas->usage.size(), size_t(29 * 2 * 3));
    Money usageCost;
    for (const SaasUsageRow &u : saas->usage) {
        QCOMPARE(u.entityKind, QStringLiteral("project"));
        usageCost = usageCost + u.cost;
        const bool web = u.entity == u"web-prod-123";
        QVERIFY(web || u.entity == u"ml-train-456");
        if (u.usageType == u"bytes-billed") {
            QCOMPARE(u.unit, QStringLiteral("bytes"));
            QCOMPARE(u.quantity, web ? 2267742732288.0 : 0.0);
        } else if (u.usageType == u"slot-ms") {
            QCOMPARE(u.unit, QStringLiteral("slot-ms"));
            QCOMPARE(u.quantity, web ? 10800000.0 : 0.0);
        } else {
            QCOMPARE(u.usageType, QStringLiteral("queries"));
            QCOMPARE(u.unit, QStringLiteral("count"));
            QCOMPARE(u.quantity, web ? 2.0 : 1.0);
        }
        QCOMPARE(u.cost, web && u.usageType == costedType ? Money::fromNanos(webDayNanos) : Money());
    }
    QCOMPARE(usageCost, queriesCost);
}

void TestGcpClient::jobsDeniedIsWarning()
{
    Client c;
    QVERIFY2(c.start({{QStringLiteral("jobs_region"), QStringLiteral("region-eu")}}), qPrintable(c.error));
    CostBatch batch;
    QString error;
    QVERIFY2(c.client->fetchMonth(QDate(2024, 2, 1), QDate(2024, 3, 1), &batch, &error, {}), qPrintable(error));
    QCOMPARE(batch.rows.size(), size_t(29 * 5)); // the costs are all there
    QVERIFY(!c.client->saasDetail());
    const QStringList warnings = c.client->syncWarnings();
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.at(0).startsWith(QStringLiteral("BigQuery job history not readable")), qPrintable(warnings.at(0)));
    QVERIFY2(warnings.at(0).contains(QStringLiteral("roles/bigquery.resourceViewer")), qPrintable(warnings.at(0)));
}

void TestGcpClient::jobsBrokenRow_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bytes not a number") << QStringLiteral("region-xx")
                                        << QStringLiteral("BigQuery JOBS_BY_PROJECT (region-xx): job row 2: job bquxjob_20240201_2 has a byte count");
    QTest::newRow("region spliced into SQL") << QStringLiteral("region-us`; DROP TABLE x; --")
                                             << QStringLiteral("is not of the form region-us");
    QTest::newRow("not a region") << QStringLiteral("us") << QStringLiteral("is not of the form region-us");
}

void TestGcpClient::jobsBrokenRow()
{
    QFETCH(QString, region);
    QFETCH(QString, expected);
    Client c;
    QVERIFY2(c.start({{QStringLiteral("jobs_region"), region}}), qPrintable(c.error));
    CostBatch batch;
    QString error;
    QVERIFY(!c.client->fetchMonth(QDate(2024, 2, 1), QDate(2024, 3, 1), &batch, &error, {}));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(batch.rows.empty()); // nothing of the month is written
    QVERIFY(!c.client->saasDetail());
}

void TestGcpClient::syncWritesJobs_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("denied");
    QTest::newRow("readable") << QStringLiteral("region-us") << false;
    QTest::newRow("permission denied") << QStringLiteral("region-eu") << true;
}

// Through the sync service into a workspace: the month's line items and, in the same step, the
// job history; a refused job history is a warning and the costs are still written.
void TestGcpClient::syncWritesJobs()
{
    QFETCH(QString, region);
    QFETCH(bool, denied);
    auto fake = testsupport::makeFakeCloud(QStringLiteral("gcp"));
    QVERIFY(fake->start());
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws.costscope"));
    providers::sync::AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error));
    providers::sync::AccountEntry e;
    e.config = fake->account(QStringLiteral("main"));
    e.config.options.insert(QStringLiteral("jobs_region"), region);
    e.initialMonths = 1;
    QVERIFY(registry.add(e, &error) && registry.save(&error));
    providers::sync::SyncOptions options;
    options.today = [] { return QDate(2024, 3, 10); };
    options.sleep = [](std::chrono::milliseconds, const CancelFn &) {};
    options.resources = false;
    const providers::Secrets secrets = fake->secrets();
    providers::sync::CloudSyncService service(options, testsupport::secretsFrom(secrets));
    const auto reports = service.syncAccounts(ws, {}, {}, {}, {}, {});
    QCOMPARE(reports.size(), size_t(1));
    QVERIFY2(reports.front().ok, qPrintable(reports.front().error + u'\n' + fake->rejection()));
    QCOMPARE(reports.front().warnings.size(), denied ? 1 : 0);
    store::CostStore store;
    QVERIFY(store.open(ws));
    QVERIFY(store.db().queryInt("SELECT COUNT(*) FROM line_item", -1) > 0);
    const int64_t queries = store.db().queryInt("SELECT COUNT(*) FROM saas_query WHERE service = 'BigQuery'", -1);
    const int64_t usageCost = store.db().queryInt("SELECT SUM(cost) FROM saas_usage_daily WHERE service = 'BigQuery'", -1);
    const int64_t queryCost = store.db().queryInt("SELECT SUM(cost) FROM saas_query WHERE service = 'BigQuery'", -1);
    if (denied) {
        QCOMPARE(queries, int64_t(0));
    } else {
        QVERIFY(queries > 0);
        QCOMPARE(usageCost, queryCost);
        // A full scan of 2 TiB each day: 12.5 USD on-demand.
        QCOMPARE(store.db().queryInt("SELECT MIN(cost) FROM saas_query WHERE full_scan = 1", -1), int64_t(12'500'000'000));
    }
}

QTEST_GUILESS_MAIN(TestGcpClient)
#include "TestGcpClient.moc"
