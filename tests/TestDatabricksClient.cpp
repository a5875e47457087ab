// The Databricks client's specifics: the statement exchange (PENDING then SUCCEEDED, chunks through
// next_chunk_internal_link, FAILED in plain words, links to other statements refused), one month
// priced by hand (list price x DBUs, the bundled table where the price is missing), the bundled DBU
// prices by SKU, the billable-usage CSV through the real import path (and broken files naming file
// and line), and a sync against the fake that writes the SaaS usage rows next to the costs.

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/databricks/DatabricksClient.h"
#include "providers/import/FileImporter.h"
#include "providers/pricing/DatabricksDbuPrices.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudSyncService.h"

#include <QJsonArray>
#include <QUrlQuery>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::databricks::DatabricksClient;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::ScriptedResponse;

namespace {

const QString kToken = QStringLiteral("dapi0123456789abcdef");

QByteArray succeeded(const QString &id, const QStringList &columns, const QList<QJsonArray> &rows, int totalRows = -1,
                     const QString &nextLink = {})
{
    QJsonArray cols, data;
    for (int i = 0; i < columns.size(); ++i)
        cols.append(QJsonObject{{QStringLiteral("name"), columns[i]}, {QStringLiteral("position"), i}});
    for (const QJsonArray &r : rows)
        data.append(r);
    QJsonObject result{{QStringLiteral("chunk_index"), 0}, {QStringLiteral("data_array"), data}};
    if (!nextLink.isEmpty())
        result.insert(QStringLiteral("next_chunk_internal_link"), nextLink);
    return QJsonDocument(QJsonObject{{QStringLiteral("statement_id"), id},
                                     {QStringLiteral("status"), QJsonObject{{QStringLiteral("state"), QStringLiteral("SUCCEEDED")}}},
                                     {QStringLiteral("manifest"),
                                      QJsonObject{{QStringLiteral("schema"), QJsonObject{{QStringLiteral("columns"), cols}}},
                                                  {QStringLiteral("total_row_count"), totalRows < 0 ? int(rows.size()) : totalRows}}},
                                     {QStringLiteral("result"), result}})
        .toJson(QJsonDocument::Compact);
}

const QStringList kUsageColumns = {QStringLiteral("usage_date"), QStringLiteral("workspace_id"), QStringLiteral("sku_name"),
                                   QStringLiteral("billing_origin_product"), QStringLiteral("usage_unit"), QStringLiteral("usage_quantity"),
                                   QStringLiteral("list_price"), QStringLiteral("currency_code")};

struct Scripted
{
    LocalHttpServer server;
    providers::net::HttpClient http;
    providers::AccountConfig account;

    Scripted()
        : http([] {
            providers::net::HttpOptions o;
            o.maxAttempts = 2;
            o.totalTimeout = 10s;
            return o;
        }())
    {
        http.setSleepFunction([](std::chrono::milliseconds, const CancelFn &) {});
        server.start();
        account.id = QStringLiteral("databricks-t");
        account.name = QStringLiteral("dbx");
        account.provider = QStringLiteral("databricks");
        account.endpoint = server.url(QString()).toString();
        account.options.insert(QStringLiteral("warehouse_id"), QStringLiteral("wh01"));
    }
    DatabricksClient client() { return DatabricksClient(account, kToken, http, {}); }
};

int64_t queryInt(const QString &workspace, const QString &sql)
{
    store::CostStore store;
    if (!store.open(workspace))
        return -1;
    return store.db().queryInt(sql.toUtf8().constData(), -1);
}

} // namespace

class TestDatabricksClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bundledPrices_data();
    void bundledPrices();
    void monthByHand();
    void pendingThenChunks();
    void hostileAnswers_data();
    void hostileAnswers();
    void checkAccount();
    void billableUsageCsv();
    void brokenBillableUsage_data();
    void brokenBillableUsage();
    void syncWritesSaasRows();
    void accountDownloadByHand();
    void accountDownloadFailures_data();
    void accountDownloadFailures();
    void accountIdChecked();
};

void TestDatabricksClient::bundledPrices_data()
{
    QTest::addColumn<QString>("sku");
    QTest::addColumn<qint64>("nanos"); // -1: not in the table
    QTest::newRow("premium jobs") << QStringLiteral("PREMIUM_JOBS_COMPUTE") << qint64(150'000'000);
    QTest::newRow("photon suffix") << QStringLiteral("PREMIUM_JOBS_COMPUTE_(PHOTON)") << qint64(150'000'000);
    QTest::newRow("region suffix") << QStringLiteral("PREMIUM_SERVERLESS_SQL_COMPUTE_US_EAST_N_VIRGINIA") << qint64(700'000'000);
    QTest::newRow("sql pro is not sql classic") << QStringLiteral("PREMIUM_SQL_PRO_COMPUTE_US_EAST_OHIO") << qint64(550'000'000);
    QTest::newRow("lower case") << QStringLiteral("standard_all_purpose_compute") << qint64(400'000'000);
    QTest::newRow("jobs light is its own") << QStringLiteral("ENTERPRISE_JOBS_LIGHT_COMPUTE") << qint64(130'000'000);
    QTest::newRow("no partial word") << QStringLiteral("PREMIUM_JOBS_COMPUTER") << qint64(-1);
    QTest::newRow("unknown") << QStringLiteral("PREMIUM_QUANTUM_COMPUTE") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
}

void TestDatabricksClient::bundledPrices()
{
    QFETCH(QString, sku);
    QFETCH(qint64, nanos);
    const auto price = providers::pricing::bundledDbuPrice(sku);
    QCOMPARE(price ? price->nanos() : -1, nanos);
    QVERIFY(providers::pricing::bundledDbuPriceSource().contains(QStringLiteral("databricks.com/product/pricing")));
}

void TestDatabricksClient::monthByHand()
{
    Scripted s;
    s.server.enqueue(ScriptedResponse::ok(R"({"statement_id":"st-1","status":{"state":"PENDING"}})"));
    s.server.enqueue(ScriptedResponse::ok(succeeded(
        QStringLiteral("st-1"), kUsageColumns,
        {QJsonArray{QStringLiteral("2024-07-03"), QStringLiteral("111"), QStringLiteral("PREMIUM_ALL_PURPOSE_COMPUTE"),
                    QStringLiteral("ALL_PURPOSE"), QStringLiteral("DBU"), QStringLiteral("12.5"), QStringLiteral("0.55"), QStringLiteral("USD")},
         QJsonArray{QStringLiteral("2024-07-03"), QStringLiteral("222"), QStringLiteral("PREMIUM_JOBS_COMPUTE"), QJsonValue(),
                    QStringLiteral("DBU"), QStringLiteral("3.000000001"), QJsonValue(), QJsonValue()},
         QJsonArray{QStringLiteral("2024-07-04"), QStringLiteral("111"), QStringLiteral("PREMIUM_SERVERLESS_SQL_COMPUTE_US_EAST"),
                    QStringLiteral("SQL"), QStringLiteral("DBU"), QStringLiteral("0.000000001"), QStringLiteral("0.70"), QStringLiteral("USD")}})));
    DatabricksClient client = s.client();
    CostBatch batch;
    QString error;
    QVERIFY2(client.fetchMonth(QDate(2024, 7, 1), QDate(2024, 8, 1), &batch, &error, {}), qPrintable(error));
    QCOMPARE(batch.provider, QStringLiteral("Databricks"));
    QCOMPARE(batch.currency, QStringLiteral("USD"));
    QCOMPARE(batch.rows.size(), size_t(3));
    // By hand: 12.5 x 0.55 = 6.875; 3.000000001 x 0.15 (bundled) = 0.45000000015 -> 0.450000000;
    // 0.000000001 x 0.70 = 0.0000000007 -> 0.000000001.
    QCOMPARE(batch.rows[0].billedCost.nanos(), qint64(6'875'000'000));
    QCOMPARE(batch.rows[0].serviceName, QStringLiteral("All-Purpose Compute"));
    QCOMPARE(batch.rows[0].subAccountId, QStringLiteral("111"));
    QCOMPARE(batch.rows[0].skuId, QStringLiteral("PREMIUM_ALL_PURPOSE_COMPUTE"));
    QCOMPARE(batch.rows[0].consumedQuantity, 12.5);
    QCOMPARE(batch.rows[0].consumedUnit, QStringLiteral("DBU"));
    QCOMPARE(batch.rows[1].billedCost.nanos(), qint64(450'000'000));
    QCOMPARE(batch.rows[1].serviceName, QStringLiteral("Jobs Compute"));
    bool bundled = false;
    for (const auto &e : batch.rows[1].extra)
        bundled = bundled || (e.first == u"x_price_source" && e.second.contains(QStringLiteral("bundled")));
    QVERIFY(bundled);
    QCOMPARE(batch.rows[2].billedCost.nanos(), qint64(1));
    QCOMPARE(batch.rows[2].serviceName, QStringLiteral("Databricks SQL"));
    QCOMPARE(batch.rows[2].chargeStart, QDateTime(QDate(2024, 7, 4), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
    const SaasBatch *saas = client.saasDetail();
    QVERIFY(saas);
    QCOMPARE(saas->usage.size(), size_t(3));
    QCOMPARE(saas->usage[1].entityKind, QStringLiteral("workspace"));
    QCOMPARE(saas->usage[1].entity, QStringLiteral("222"));
    QCOMPARE(saas->usage[1].usageType, QStringLiteral("dbu"));
    QCOMPARE(saas->usage[1].cost.nanos(), qint64(450'000'000));
    QCOMPARE(saas->from, QDate(2024, 7, 1));

    const auto requests = s.server.requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests[0].method, QByteArray("POST"));
    QCOMPARE(requests[0].path, QByteArray("/api/2.0/sql/statements"));
    QCOMPARE(requests[0].header("Authorization"), QByteArray("Bearer ") + kToken.toUtf8());
    const QJsonObject body = QJsonDocument::fromJson(requests[0].body).object();
    QCOMPARE(body.value(QStringLiteral("warehouse_id")).toString(), QStringLiteral("wh01"));
    QCOMPARE(body.value(QStringLiteral("disposition")).toString(), QStringLiteral("INLINE"));
    QCOMPARE(body.value(QStringLiteral("format")).toString(), QStringLiteral("JSON_ARRAY"));
    const QJsonArray params = body.value(QStringLiteral("parameters")).toArray();
    QCOMPARE(params.size(), 2);
    QCOMPARE(params[0].toObject().value(QStringLiteral("value")).toString(), QStringLiteral("2024-07-01"));
    QCOMPARE(params[1].toObject().value(QStringLiteral("value")).toString(), QStringLiteral("2024-08-01"));
    QVERIFY(!body.value(QStringLiteral("statement")).toString().contains(QStringLiteral("2024")));
    QCOMPARE(requests[1].method, QByteArray("GET"));
    QCOMPARE(requests[1].path, QByteArray("/api/2.0/sql/statements/st-1"));
}

void TestDatabricksClient::pendingThenChunks()
{
    Scripted s;
    s.server.enqueue(ScriptedResponse::ok(R"({"statement_id":"st-2","status":{"state":"RUNNING"}})"));
    s.server.enqueue(ScriptedResponse::ok(succeeded(QStringLiteral("st-2"), {QStringLiteral("n")}, {QJsonArray{QStringLiteral("1")}}, 3,
                                                    QStringLiteral("/api/2.0/sql/statements/st-2/result/chunks/1"))));
    s.server.enqueue(ScriptedResponse::ok(R"({"chunk_index":1,"data_array":[["2"]],"next_chunk_internal_link":"/api/2.0/sql/statements/st-2/result/chunks/2"})"));
    s.server.enqueue(ScriptedResponse::ok(R"({"chunk_index":2,"data_array":[["3"]]})"));
    DatabricksClient::Result r;
    QString error;
    QVERIFY2(s.client().runStatement(QStringLiteral("t"), QStringLiteral("SELECT 1"), {}, &r, &error, {}), qPrintable(error));
    QCOMPARE(r.rows.size(), size_t(3));
    QCOMPARE(r.rows[2].at(0), QStringLiteral("3"));
    const auto requests = s.server.requests();
    QCOMPARE(requests[2].path, QByteArray("/api/2.0/sql/statements/st-2/result/chunks/1"));
    QCOMPARE(requests[3].path, QByteArray("/api/2.0/sql/statements/st-2/result/chunks/2"));
}

void TestDatabricksClient::hostileAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("first");  // answer to the POST
    QTest::addColumn<QByteArray>("second"); // answer to the next GET (when any)
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("FAILED") << 200 << QByteArray(R"({"statement_id":"s","status":{"state":"FAILED","error":{"error_code":"BAD_REQUEST","message":"[TABLE_OR_VIEW_NOT_FOUND] system.billing.usage\nmore"}}})")
                            << QByteArray() << QStringLiteral("the statement failed: [TABLE_OR_VIEW_NOT_FOUND] system.billing.usage (BAD_REQUEST)");
    QTest::newRow("CANCELED") << 200 << QByteArray(R"({"statement_id":"s","status":{"state":"CANCELED"}})") << QByteArray()
                              << QStringLiteral("the statement canceled");
    QTest::newRow("unknown state") << 200 << QByteArray(R"({"statement_id":"s","status":{"state":"DANCING"}})") << QByteArray()
                                   << QStringLiteral("unknown statement state 'DANCING'");
    QTest::newRow("no statement id") << 200 << QByteArray(R"({"status":{"state":"PENDING"}})") << QByteArray()
                                     << QStringLiteral("no valid statement_id");
    QTest::newRow("statement id with a path") << 200 << QByteArray(R"({"statement_id":"../x","status":{"state":"PENDING"}})") << QByteArray()
                                              << QStringLiteral("no valid statement_id");
    QTest::newRow("chunk link of another statement")
        << 200 << succeeded(QStringLiteral("s"), {QStringLiteral("n")}, {QJsonArray{QStringLiteral("1")}}, 2, QStringLiteral("/api/2.0/sql/statements/other/result/chunks/1"))
        << QByteArray() << QStringLiteral("is not a chunk of this statement");
    QTest::newRow("chunk link to another host")
        << 200 << succeeded(QStringLiteral("s"), {QStringLiteral("n")}, {QJsonArray{QStringLiteral("1")}}, 2, QStringLiteral("https://evil.example/api/2.0/sql/statements/s/result/chunks/1"))
        << QByteArray() << QStringLiteral("is not a chunk of this statement");
    QTest::newRow("row count mismatch") << 200 << succeeded(QStringLiteral("s"), {QStringLiteral("n")}, {QJsonArray{QStringLiteral("1")}}, 5)
                                        << QByteArray() << QStringLiteral("total_row_count says 5 rows but 1 arrived");
    QTest::newRow("number cell") << 200 << succeeded(QStringLiteral("s"), {QStringLiteral("n")}, {QJsonArray{7}}) << QByteArray()
                                 << QStringLiteral("not a string");
    QTest::newRow("no schema") << 200 << QByteArray(R"({"statement_id":"s","status":{"state":"SUCCEEDED"},"manifest":{}})") << QByteArray()
                               << QStringLiteral("no manifest.schema.columns");
    QTest::newRow("403 invalid token") << 403 << QByteArray(R"({"error_code":"403","message":"Invalid access token."})") << QByteArray()
                                       << QStringLiteral("rejected the credentials");
    QTest::newRow("403 permission") << 403 << QByteArray(R"({"error_code":"PERMISSION_DENIED","message":"User does not have USE SCHEMA on system.billing"})")
                                    << QByteArray() << QStringLiteral("lacks a permission");
    QTest::newRow("404 warehouse") << 404 << QByteArray(R"({"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Warehouse wh01 does not exist"})")
                                   << QByteArray() << QStringLiteral("check the workspace URL and the SQL warehouse id");
    QTest::newRow("token echoed") << 400 << QByteArray(R"({"error_code":"INVALID_PARAMETER_VALUE","message":"bad token dapi0123456789abcdef"})")
                                  << QByteArray() << QStringLiteral("bad token REDACTED");
}

void TestDatabricksClient::hostileAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QString, errorHas);
    Scripted s;
    ScriptedResponse r = ScriptedResponse::ok(first);
    r.status = status;
    s.server.enqueue(r);
    if (!second.isEmpty())
        s.server.enqueue(ScriptedResponse::ok(second));
    DatabricksClient::Result result;
    QString error;
    QVERIFY(!s.client().runStatement(QStringLiteral("Databricks test"), QStringLiteral("SELECT 1"), {}, &result, &error, {}));
    QVERIFY2(error.contains(errorHas), qPrintable(error));
    QVERIFY2(!error.contains(kToken), qPrintable(error));
    QVERIFY(result.rows.empty());
    for (const auto &req : s.server.requests())
        QVERIFY(!req.path.contains("evil"));
}

void TestDatabricksClient::checkAccount()
{
    providers::AccountConfig c;
    c.name = QStringLiteral("d");
    QVERIFY(DatabricksClient::checkAccount(c).contains(QStringLiteral("no workspace URL")));
    c.endpoint = QStringLiteral("https://dbc-1.cloud.databricks.com");
    QVERIFY(DatabricksClient::checkAccount(c).contains(QStringLiteral("SQL warehouse")));
    c.options.insert(QStringLiteral("warehouse_id"), QStringLiteral("ab/../c"));
    QVERIFY(DatabricksClient::checkAccount(c).contains(QStringLiteral("SQL warehouse")));
    c.options.insert(QStringLiteral("warehouse_id"), QStringLiteral("abc123"));
    QCOMPARE(DatabricksClient::checkAccount(c), QString());
}

void TestDatabricksClient::billableUsageCsv()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("billable-usage.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("workspaceId,timestamp,clusterId,clusterName,clusterNodeType,clusterOwnerUserId,clusterCustomTags,sku,dbus,machineHours,"
            "clusterOwnerUserName,tags\n"
            "111,2024-06-30T23:00:00.000Z,0630-abc,etl,i3.xlarge,42,\"{\"\"team\"\":\"\"data\"\"}\",PREMIUM_JOBS_COMPUTE,2.5,1.0,ana@example.com,\n"
            "111,2024-07-01T00:00:00.000Z,0630-abc,etl,i3.xlarge,42,,PREMIUM_ALL_PURPOSE_COMPUTE_(PHOTON),1.2,1.0,ana@example.com,\"{}\"\n"
            "222,2024-07-01T01:00:00.000Z,,,,,,STANDARD_JOBS_LIGHT_COMPUTE,0.000000003,,,\n");
    f.close();
    const QString ws = dir.filePath(QStringLiteral("w.costscope"));
    store::CostStore store;
    QVERIFY(store.open(ws));
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    const ImportFileReport r = importer.importFile(csv);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, QStringLiteral("Databricks billable usage"));
    QCOMPARE(r.rows, int64_t(3));
    // By hand: 2.5 x 0.15 = 0.375 (June); 1.2 x 0.55 = 0.66 and 0.000000003 x 0.07 = 0.00000000021 -> 0 (July).
    QCOMPARE(store.db().queryInt("SELECT SUM(billed) FROM line_item", -1), int64_t(375'000'000 + 660'000'000));
    QCOMPARE(store.db().queryInt("SELECT COUNT(*) FROM billing_period", -1), int64_t(2));
    QCOMPARE(store.db().queryInt("SELECT COUNT(DISTINCT sub_account) FROM line_item", -1), int64_t(2));
    // The usage detail of each month, with the same money as the line items.
    QCOMPARE(store.db().queryInt("SELECT SUM(cost) FROM saas_usage_daily WHERE service = 'Databricks' AND entity_kind = 'workspace' "
                                 "AND usage_type = 'dbu' AND source = 'import:billable-usage.csv'",
                                 -1),
             int64_t(375'000'000 + 660'000'000));
    QCOMPARE(store.db().queryInt("SELECT COUNT(*) FROM saas_usage_daily", -1), int64_t(3));
    // Importing the same file again changes nothing.
    const ImportFileReport again = importer.importFile(csv);
    QVERIFY(again.ok && again.unchanged);
}

void TestDatabricksClient::brokenBillableUsage_data()
{
    QTest::addColumn<QByteArray>("rows");
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("unknown SKU") << QByteArray("111,2024-07-01T00:00:00Z,c,n,t,1,,PREMIUM_QUANTUM_COMPUTE,1,1,u,\n")
                                 << QStringLiteral("usage.csv: line 2, column 8 (sku): SKU 'PREMIUM_QUANTUM_COMPUTE' is not in the bundled DBU price table");
    QTest::newRow("dbus not a number") << QByteArray("111,2024-07-01T00:00:00Z,c,n,t,1,,PREMIUM_JOBS_COMPUTE,1,1,u,\n"
                                                     "111,2024-07-01T00:00:00Z,c,n,t,1,,PREMIUM_JOBS_COMPUTE,lots,1,u,\n")
                                       << QStringLiteral("usage.csv: line 3, column 9 (dbus): expected a decimal amount, found 'lots'");
    QTest::newRow("bad time") << QByteArray("111,yesterday,c,n,t,1,,PREMIUM_JOBS_COMPUTE,1,1,u,\n")
                              << QStringLiteral("usage.csv: line 2, column 2 (timestamp): expected a date");
    QTest::newRow("no workspace") << QByteArray(",2024-07-01T00:00:00Z,c,n,t,1,,PREMIUM_JOBS_COMPUTE,1,1,u,\n")
                                  << QStringLiteral("usage.csv: line 2, column 1 (workspaceId): expected a workspace id");
    QTest::newRow("broken tags") << QByteArray("111,2024-07-01T00:00:00Z,c,n,t,1,\"{not json\",PREMIUM_JOBS_COMPUTE,1,1,u,\n")
                                 << QStringLiteral("usage.csv: line 2, column 7 (clusterCustomTags): expected tags");
    QTest::newRow("short row") << QByteArray("111,2024-07-01T00:00:00Z\n") << QStringLiteral("usage.csv: line 2: expected 12 columns");
}

void TestDatabricksClient::brokenBillableUsage()
{
    QFETCH(QByteArray, rows);
    QFETCH(QString, errorHas);
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("usage.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("workspaceId,timestamp,clusterId,clusterName,clusterNodeType,clusterOwnerUserId,clusterCustomTags,sku,dbus,machineHours,"
            "clusterOwnerUserName,tags\n" + rows);
    f.close();
    store::CostStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("w.costscope"))));
    store::CostWriter writer(store);
    import::FileImporter importer(writer);
    const ImportFileReport r = importer.importFile(csv);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(errorHas), qPrintable(r.error));
    QCOMPARE(store.db().queryInt("SELECT COUNT(*) FROM line_item", -1), int64_t(0));
}

void TestDatabricksClient::syncWritesSaasRows()
{
    auto fake = testsupport::makeFakeCloud(QStringLiteral("databricks"));
    QVERIFY(fake->start());
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws.costscope"));
    providers::sync::AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error));
    providers::sync::AccountEntry e;
    e.config = fake->account(QStringLiteral("main"));
    e.initialMonths = 1;
    QVERIFY(registry.add(e, &error) && registry.save(&error));
    providers::sync::SyncOptions options;
    options.today = [] { return QDate(2024, 3, 10); };
    options.sleep = [](std::chrono::milliseconds, const CancelFn &) {};
    const providers::Secrets secrets = fake->secrets();
    providers::sync::CloudSyncService service(options, testsupport::secretsFrom(secrets));
    const auto reports = service.syncAccounts(ws, {}, {}, {}, {}, {});
    QVERIFY2(reports.front().ok, qPrintable(reports.front().error + u'\n' + fake->rejection()));
    const int64_t billed = queryInt(ws, QStringLiteral("SELECT SUM(billed) FROM line_item"));
    QVERIFY(billed > 0);
    QCOMPARE(queryInt(ws, QStringLiteral("SELECT SUM(cost) FROM saas_usage_daily WHERE service = 'Databricks' AND usage_type = 'dbu' "
                                         "AND entity_kind = 'workspace'")),
             billed);
    QCOMPARE(queryInt(ws, QStringLiteral("SELECT COUNT(DISTINCT entity) FROM saas_usage_daily")), int64_t(2));
    QCOMPARE(queryInt(ws, QStringLiteral("SELECT COUNT(DISTINCT service) FROM line_item")), int64_t(3));
    QCOMPARE(queryInt(ws, QStringLiteral("SELECT COUNT(*) FROM resource r JOIN str t ON t.id = r.type WHERE t.s = 'cluster'")), int64_t(3));
    QCOMPARE(queryInt(ws, QStringLiteral("SELECT COUNT(*) FROM resource r JOIN str st ON st.id = r.state WHERE st.s = 'stopped'")), int64_t(1));
}

namespace {

const QString kAccountId = QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
const QString kClientSecret = QStringLiteral("dose-sp-secret-0123456789");
const QByteArray kUsageHeader = "workspaceId,timestamp,clusterId,clusterName,clusterNodeType,clusterOwnerUserId,"
                                "clusterCustomTags,sku,dbus,machineHours,clusterOwnerUserName,tags\n";

// The account mode: an account id, the account console at the scripted server, no warehouse.
void accountMode(Scripted &s)
{
    s.account.options.insert(QStringLiteral("account_id"), kAccountId);
    s.account.options.insert(QStringLiteral("accounts_url"), s.server.url(QString()).toString());
    s.account.options.remove(QStringLiteral("warehouse_id"));
}

} // namespace

// The account billable-usage download: the service principal's OAuth token (client credentials,
// scope all-apis, basic auth), then the month's CSV read with the import mapping. By hand, with
// the bundled prices (PREMIUM_JOBS_COMPUTE 0.15, PREMIUM_ALL_PURPOSE_COMPUTE 0.55 USD per DBU):
// workspace 111 on 2024-07-03: 12.5 x 0.15 = 1.875 and 2.25 x 0.15 = 0.3375 (14.75 DBU, 2.2125);
// workspace 222 on 2024-07-04: 3.000000001 x 0.55 = 1.65000000055 -> 1.650000001; the row of
// 2024-07-20 is outside the range synced ([07-01, 07-10)).
void TestDatabricksClient::accountDownloadByHand()
{
    Scripted s;
    accountMode(s);
    QCOMPARE(DatabricksClient::checkAccount(s.account), QString());
    DatabricksClient client = s.client();
    client.setServicePrincipal(QStringLiteral("sp-client-id"), kClientSecret);
    QVERIFY(client.usesAccountDownload());
    s.server.enqueue(ScriptedResponse::ok(R"({"access_token":"eyJ.account-token.sig","token_type":"Bearer","expires_in":3600,"scope":"all-apis"})"));
    s.server.enqueue(ScriptedResponse::ok(
        kUsageHeader
            + "111,2024-07-03T10:00:00.000Z,0703-etl,nightly-etl,i3.xlarge,42,\"{\"\"team\"\":\"\"data\"\"}\",PREMIUM_JOBS_COMPUTE,12.5,2,ana@example.com,\n"
              "111,2024-07-03T11:00:00.000Z,0703-etl,nightly-etl,i3.xlarge,42,,PREMIUM_JOBS_COMPUTE,2.25,2,ana@example.com,\n"
              "222,2024-07-04T00:00:00.000Z,0704-bi,bi,r5.xlarge,43,,PREMIUM_ALL_PURPOSE_COMPUTE,3.000000001,1,bo@example.com,\n"
              "111,2024-07-20T05:00:00.000Z,0703-etl,nightly-etl,i3.xlarge,42,,PREMIUM_JOBS_COMPUTE,99,2,ana@example.com,\n",
        "text/csv"));
    CostBatch batch;
    QString error;
    QVERIFY2(client.fetchMonth(QDate(2024, 7, 1), QDate(2024, 7, 10), &batch, &error, {}), qPrintable(error));
    QCOMPARE(batch.provider, QStringLiteral("Databricks"));
    QCOMPARE(batch.currency, QStringLiteral("USD"));
    QCOMPARE(batch.periodStart, QDate(2024, 7, 1));
    QCOMPARE(batch.rows.size(), size_t(3));
    QCOMPARE(batch.rows[0].billedCost.nanos(), qint64(1'875'000'000));
    QCOMPARE(batch.rows[1].billedCost.nanos(), qint64(337'500'000));
    QCOMPARE(batch.rows[2].billedCost.nanos(), qint64(1'650'000'001));
    QCOMPARE(batch.rows[0].serviceName, QStringLiteral("Jobs Compute"));
    QCOMPARE(batch.rows[2].serviceName, QStringLiteral("All-Purpose Compute"));
    QCOMPARE(batch.rows[0].subAccountId, QStringLiteral("111"));
    QCOMPARE(batch.rows[0].resourceId, QStringLiteral("0703-etl"));
    QCOMPARE(batch.rows[0].consumedQuantity, 12.5);
    QCOMPARE(batch.rows[0].chargeStart, QDateTime(QDate(2024, 7, 3), QTime(10, 0), QTimeZone::utc()).toSecsSinceEpoch());
    const SaasBatch *saas = client.saasDetail();
    QVERIFY(saas);
    QCOMPARE(saas->from, QDate(2024, 7, 1));
    QCOMPARE(saas->usage.size(), size_t(2));
    QCOMPARE(saas->usage[0].entity, QStringLiteral("111"));
    QCOMPARE(saas->usage[0].day, QDate(2024, 7, 3));
    QCOMPARE(saas->usage[0].quantity, 14.75);
    QCOMPARE(saas->usage[0].cost.nanos(), qint64(2'212'500'000));
    QCOMPARE(saas->usage[1].entity, QStringLiteral("222"));
    QCOMPARE(saas->usage[1].cost.nanos(), qint64(1'650'000'001));

    const auto requests = s.server.requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests[0].method, QByteArray("POST"));
    QCOMPARE(requests[0].path, QByteArray("/oidc/accounts/") + kAccountId.toUtf8() + "/v1/token");
    QCOMPARE(requests[0].header("Authorization"),
             QByteArray("Basic ") + QByteArray("sp-client-id:" + kClientSecret.toUtf8()).toBase64());
    QCOMPARE(requests[0].header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    const QUrlQuery form(QString::fromUtf8(requests[0].body));
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
    QCOMPARE(form.queryItemValue(QStringLiteral("scope")), QStringLiteral("all-apis"));
    QVERIFY(!requests[0].body.contains(kClientSecret.toUtf8())); // only in the basic auth header
    QCOMPARE(requests[1].method, QByteArray("GET"));
    QCOMPARE(requests[1].path, QByteArray("/api/2.0/accounts/") + kAccountId.toUtf8() + "/usage/download");
    const QUrlQuery query(QString::fromUtf8(requests[1].query));
    QCOMPARE(query.queryItemValue(QStringLiteral("start_month")), QStringLiteral("2024-07"));
    QCOMPARE(query.queryItemValue(QStringLiteral("end_month")), QStringLiteral("2024-07"));
    QCOMPARE(query.queryItemValue(QStringLiteral("personal_data")), QStringLiteral("false"));
    QCOMPARE(requests[1].header("Authorization"), QByteArray("Bearer eyJ.account-token.sig"));

    // The next month reuses the token: one request, the download.
    s.server.enqueue(ScriptedResponse::ok(kUsageHeader, "text/csv"));
    CostBatch august;
    QVERIFY2(client.fetchMonth(QDate(2024, 8, 1), QDate(2024, 9, 1), &august, &error, {}), qPrintable(error));
    QCOMPARE(august.rows.size(), size_t(0));
    QCOMPARE(s.server.requests().size(), 3);
    QCOMPARE(s.server.requests()[2].path, QByteArray("/api/2.0/accounts/") + kAccountId.toUtf8() + "/usage/download");

    // The mapping is the import's: a row of the CSV gives the line item the file import gives.
    CostBatch again;
    SaasBatch usage;
    usage.service = QStringLiteral("Databricks");
    QVERIFY2(DatabricksClient::mapUsageCsv(kUsageHeader + "111,2024-07-03T10:00:00.000Z,c,n,t,1,,PREMIUM_JOBS_COMPUTE,12.5,1,u,\n",
                                           QDate(2024, 7, 1), QDate(2024, 8, 1), &again, &usage, &error),
             qPrintable(error));
    QCOMPARE(again.rows.size(), size_t(1));
    QCOMPARE(again.rows[0].billedCost.nanos(), qint64(1'875'000'000));
    QCOMPARE(usage.usage.size(), size_t(1));
}

void TestDatabricksClient::accountDownloadFailures_data()
{
    QTest::addColumn<int>("tokenStatus");
    QTest::addColumn<QByteArray>("tokenBody");
    QTest::addColumn<int>("downloadStatus"); // 0: no download request expected
    QTest::addColumn<QByteArray>("downloadBody");
    QTest::addColumn<QString>("errorHas");
    const QByteArray token = R"({"access_token":"eyJ.tok","token_type":"Bearer","expires_in":3600})";
    const QByteArray row = "111,2024-07-03T10:00:00Z,c,n,t,1,,PREMIUM_JOBS_COMPUTE,1,1,u,\n";
    QTest::newRow("bad client secret") << 401 << QByteArray(R"({"error":"invalid_client","error_description":"Client authentication failed"})")
                                       << 0 << QByteArray()
                                       << QStringLiteral("Databricks account OAuth token: Databricks rejected the service principal's "
                                                         "client id or secret of account 'dbx': Client authentication failed (");
    QTest::newRow("token without access_token") << 200 << QByteArray(R"({"token_type":"Bearer"})") << 0 << QByteArray()
                                                << QStringLiteral("the answer is not usable: no access_token");
    QTest::newRow("token not JSON") << 200 << QByteArray("<html>login</html>") << 0 << QByteArray()
                                    << QStringLiteral("the answer is not usable: no access_token");
    QTest::newRow("not an account admin") << 200 << token << 403
                                          << QByteArray(R"({"error_code":"PERMISSION_DENIED","message":"User is not an account admin"})")
                                          << QStringLiteral("Databricks billable usage download for 2024-07: the service principal is not an "
                                                            "account admin (downloading billable usage needs the account admin role): User is "
                                                            "not an account admin (");
    QTest::newRow("unknown account") << 200 << token << 404 << QByteArray(R"({"message":"account not found"})")
                                     << QStringLiteral("not found; check the Databricks account id of account 'dbx'");
    QTest::newRow("empty body") << 200 << token << 200 << QByteArray()
                                << QStringLiteral("the answer is not usable: the CSV is empty (no header)");
    QTest::newRow("html instead of CSV") << 200 << token << 200 << QByteArray("<html><body>Sign in</body></html>\n")
                                         << QStringLiteral("the answer is not usable: line 1: not the billable-usage CSV");
    QTest::newRow("row of another month") << 200 << token << 200
                                          << QByteArray(kUsageHeader + row + "111,2024-06-30T23:00:00Z,c,n,t,1,,PREMIUM_JOBS_COMPUTE,1,1,u,\n")
                                          << QStringLiteral("the answer is not usable: line 3: a row of 2024-06 in the download of 2024-07");
    QTest::newRow("unknown SKU") << 200 << token << 200
                                 << QByteArray(kUsageHeader + "111,2024-07-03T10:00:00Z,c,n,t,1,,PREMIUM_QUANTUM_COMPUTE,1,1,u,\n")
                                 << QStringLiteral("line 2, column 8 (sku): SKU 'PREMIUM_QUANTUM_COMPUTE' is not in the bundled DBU price table");
    QTest::newRow("dbus not a number") << 200 << token << 200
                                       << QByteArray(kUsageHeader + row + "111,2024-07-03T10:00:00Z,c,n,t,1,,PREMIUM_JOBS_COMPUTE,lots,1,u,\n")
                                       << QStringLiteral("line 3, column 9 (dbus): expected a decimal amount, found 'lots'");
    QTest::newRow("short row") << 200 << token << 200 << QByteArray(kUsageHeader + "111,2024-07-03T10:00:00Z\n")
                               << QStringLiteral("line 2: expected 12 columns, found 2");
}

void TestDatabricksClient::accountDownloadFailures()
{
    QFETCH(int, tokenStatus);
    QFETCH(QByteArray, tokenBody);
    QFETCH(int, downloadStatus);
    QFETCH(QByteArray, downloadBody);
    QFETCH(QString, errorHas);
    Scripted s;
    accountMode(s);
    DatabricksClient client = s.client();
    client.setServicePrincipal(QStringLiteral("sp-client-id"), kClientSecret);
    s.server.enqueue(tokenStatus == 200 ? ScriptedResponse::ok(tokenBody) : ScriptedResponse::status_(tokenStatus, tokenBody));
    if (downloadStatus != 0)
        s.server.enqueue(downloadStatus == 200 ? ScriptedResponse::ok(downloadBody, "text/csv")
                                               : ScriptedResponse::status_(downloadStatus, downloadBody));
    CostBatch batch;
    QString error;
    QVERIFY(!client.fetchMonth(QDate(2024, 7, 1), QDate(2024, 8, 1), &batch, &error, {}));
    QVERIFY2(error.contains(errorHas), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QVERIFY(!error.contains(kClientSecret));
    QVERIFY(!error.contains(QStringLiteral("eyJ.tok")));
    QCOMPARE(batch.rows.size(), size_t(0));
    QVERIFY(!client.saasDetail());
    QCOMPARE(s.server.requests().size(), downloadStatus != 0 ? 2 : 1);
}

void TestDatabricksClient::accountIdChecked()
{
    providers::AccountConfig c;
    c.name = QStringLiteral("d");
    c.endpoint = QStringLiteral("https://dbc-1.cloud.databricks.com");
    // An account id instead of a SQL warehouse: the download needs no warehouse.
    c.options.insert(QStringLiteral("account_id"), kAccountId);
    QCOMPARE(DatabricksClient::checkAccount(c), QString());
    for (const QString &bad : {QStringLiteral("12345"), QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/../x"),
                               QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4z")}) {
        c.options.insert(QStringLiteral("account_id"), bad);
        QVERIFY2(DatabricksClient::checkAccount(c).contains(QStringLiteral("must be a UUID")), qPrintable(bad));
    }
    c.options.insert(QStringLiteral("account_id"), kAccountId);
    c.options.insert(QStringLiteral("accounts_url"), QStringLiteral("not a url"));
    QVERIFY(DatabricksClient::checkAccount(c).contains(QStringLiteral("account console URL")));
    // Without a service principal the download says what is missing, before any request.
    Scripted s;
    accountMode(s);
    DatabricksClient client = s.client();
    CostBatch batch;
    QString error;
    QVERIFY(!client.fetchMonth(QDate(2024, 7, 1), QDate(2024, 8, 1), &batch, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("no service principal client id and secret")), qPrintable(error));
    QCOMPARE(s.server.requests().size(), 0);
}

QTEST_GUILESS_MAIN(TestDatabricksClient)
#include "TestDatabricksClient.moc"
