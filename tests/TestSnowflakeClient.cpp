// The Snowflake client's specifics: the key-pair JWT (claims and public-key fingerprint checked by
// python3-cryptography and the openssl command line, the two oracles Snowflake's docs use), broken
// keys, the SQL API exchange (requestId and retry=true, bindings, 202 polling, partitions), one month
// computed by hand (credits x the account's rate), hostile answers, and a sync against the fake
// that writes the SaaS usage and query rows next to the costs.

#include "support/FakeCloud.h"
#include "support/LocalHttpServer.h"

#include "model/store/CostStore.h"
#include "providers/SaasPricing.h"
#include "providers/snowflake/SnowflakeClient.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudSyncService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::snowflake::SnowflakeAuth;
using costscope::providers::snowflake::SnowflakeClient;
using costscope::providers::snowflake::SnowflakeJwt;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::ScriptedResponse;

namespace {

QByteArray generateKey(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

QByteArray rsaKey()
{
    static const QByteArray k = generateKey({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"),
                                             QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:2048")});
    return k;
}

QByteArray result(const QStringList &columns, const QList<QJsonArray> &rows, int partitions = 1, const QString &handle = QStringLiteral("01b0-1"))
{
    QJsonArray rowType, info, data;
    for (const QString &c : columns)
        rowType.append(QJsonObject{{QStringLiteral("name"), c}, {QStringLiteral("type"), QStringLiteral("text")}});
    for (int p = 0; p < partitions; ++p)
        info.append(QJsonObject{{QStringLiteral("rowCount"), 1}});
    for (const QJsonArray &r : rows)
        data.append(r);
    return QJsonDocument(QJsonObject{{QStringLiteral("resultSetMetaData"),
                                      QJsonObject{{QStringLiteral("numRows"), int(rows.size())}, {QStringLiteral("partitionInfo"), info},
                                                  {QStringLiteral("rowType"), rowType}}},
                                     {QStringLiteral("data"), data},
                                     {QStringLiteral("statementHandle"), handle},
                                     {QStringLiteral("code"), QStringLiteral("090001")}})
        .toJson(QJsonDocument::Compact);
}

const QStringList kDailyColumns = {QStringLiteral("DAY"), QStringLiteral("SERVICE_TYPE"), QStringLiteral("CREDITS_USED_COMPUTE"),
                                   QStringLiteral("CREDITS_USED_CLOUD_SERVICES"), QStringLiteral("CREDITS_ADJUSTMENT_CLOUD_SERVICES"),
                                   QStringLiteral("CREDITS_BILLED")};
const QStringList kWarehouseColumns = {QStringLiteral("DAY"), QStringLiteral("WAREHOUSE_NAME"), QStringLiteral("CREDITS_USED_COMPUTE"),
                                       QStringLiteral("CREDITS_USED_CLOUD_SERVICES")};
const QStringList kQueryColumns = {QStringLiteral("QUERY_ID"), QStringLiteral("USER_NAME"), QStringLiteral("WAREHOUSE_NAME"),
                                   QStringLiteral("QUERY_TYPE"), QStringLiteral("QUERY_TEXT"), QStringLiteral("START_MS"),
                                   QStringLiteral("TOTAL_ELAPSED_TIME"), QStringLiteral("BYTES_SCANNED"),
                                   QStringLiteral("CREDITS_USED_CLOUD_SERVICES"), QStringLiteral("PARTITIONS_SCANNED"),
                                   QStringLiteral("PARTITIONS_TOTAL")};

struct Scripted
{
    LocalHttpServer server;
    providers::net::HttpClient http;
    providers::AccountConfig account;

    Scripted()
        : http([] {
            providers::net::HttpOptions o;
            o.maxAttempts = 3;
            o.totalTimeout = 10s;
            return o;
        }())
    {
        http.setSleepFunction([](std::chrono::milliseconds, const CancelFn &) {});
        server.start();
        account.id = QStringLiteral("snowflake-t");
        account.name = QStringLiteral("sf");
        account.provider = QStringLiteral("snowflake");
        account.endpoint = server.url(QString()).toString();
        account.options.insert(QStringLiteral("user"), QStringLiteral("reader"));
        account.options.insert(QStringLiteral("account_identifier"), QStringLiteral("myorg-acct"));
        account.options.insert(QStringLiteral("warehouse"), QStringLiteral("COST_WH"));
        account.options.insert(QStringLiteral("role"), QStringLiteral("COST_ROLE"));
    }
    std::unique_ptr<SnowflakeClient> client(bool oauth = false)
    {
        SnowflakeAuth auth{QStringLiteral("reader"), QStringLiteral("myorg-acct"), oauth ? QByteArray() : rsaKey(),
                           oauth ? QStringLiteral("oauth-token-0123456789") : QString()};
        return std::make_unique<SnowflakeClient>(account, auth, http, providers::ClientOptions{});
    }
};

int64_t queryInt(const QString &workspace, const char *sql)
{
    store::CostStore store;
    if (!store.open(workspace))
        return -1;
    return store.db().queryInt(sql, -1);
}

} // namespace

class TestSnowflakeClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void accountFromUrl_data();
    void accountFromUrl();
    void jwtVerifiedByOracles();
    void brokenKeys_data();
    void brokenKeys();
    void priceTimes_data();
    void priceTimes();
    void monthByHand();
    void retriedSubmitKeepsRequestId();
    void pollsThenReadsPartitions();
    void oauthHeader();
    void hostileAnswers_data();
    void hostileAnswers();
    void syncWritesSaasRows();
};

void TestSnowflakeClient::initTestCase()
{
    QVERIFY2(!rsaKey().isEmpty(), "the openssl command line is needed to make a test key");
}

void TestSnowflakeClient::accountFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("account");
    QTest::newRow("org-account") << QStringLiteral("https://myorg-myaccount.snowflakecomputing.com") << QStringLiteral("MYORG-MYACCOUNT");
    QTest::newRow("locator with region") << QStringLiteral("https://xy12345.us-east-1.aws.snowflakecomputing.com/") << QStringLiteral("XY12345");
    QTest::newRow("privatelink") << QStringLiteral("https://xy12345.eu-west-1.privatelink.snowflakecomputing.com") << QStringLiteral("XY12345");
    QTest::newRow("upper-case host") << QStringLiteral("https://MyOrg-Acct.SnowflakeComputing.com") << QStringLiteral("MYORG-ACCT");
    QTest::newRow("underscore") << QStringLiteral("https://myorg-my_account.snowflakecomputing.com") << QStringLiteral("MYORG-MY_ACCOUNT");
    QTest::newRow("other host") << QStringLiteral("https://snowflakecomputing.com.evil.example") << QString();
    QTest::newRow("bare domain") << QStringLiteral("https://snowflakecomputing.com") << QString();
    QTest::newRow("loopback") << QStringLiteral("http://127.0.0.1:8080") << QString();
}

void TestSnowflakeClient::accountFromUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, account);
    QCOMPARE(SnowflakeJwt::accountFromUrl(QUrl(url)), account);
}

void TestSnowflakeClient::jwtVerifiedByOracles()
{
    QTemporaryDir dir;
    const QString keyPath = dir.filePath(QStringLiteral("rsa_key.p8"));
    QFile f(keyPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(rsaKey());
    f.close();
    const QDateTime iat(QDate(2026, 1, 2), QTime(3, 4, 5), QTimeZone::utc());
    QString error;
    const QByteArray token = SnowflakeJwt::token(QStringLiteral("myorg-acct"), QStringLiteral("reader"), rsaKey(), iat, &error);
    QVERIFY2(!token.isEmpty(), qPrintable(error));
    const QString fingerprint = SnowflakeJwt::publicKeyFingerprint(rsaKey(), &error);

    // Oracle 1: Snowflake's documented command line.
    QProcess shell;
    shell.start(QStringLiteral("bash"), {QStringLiteral("-c"), QStringLiteral("openssl pkey -in '%1' -pubout -outform DER | openssl dgst "
                                                                              "-sha256 -binary | openssl enc -base64")
                                                                   .arg(keyPath)});
    QVERIFY(shell.waitForFinished(30000));
    QCOMPARE(fingerprint, QStringLiteral("SHA256:") + QString::fromLatin1(shell.readAllStandardOutput().trimmed()));

    // Oracle 2: python3-cryptography verifies the signature and reads the claims.
    const QString script = QStringLiteral(COSTSCOPE_SOURCE_DIR "/tests/support/verify_snowflake_jwt.py");
    QProcess python;
    python.start(QStringLiteral("python3"), {script, keyPath, QString::fromLatin1(token)});
    QVERIFY(python.waitForFinished(30000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonObject out = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    QCOMPARE(out.value(QStringLiteral("fingerprint")).toString(), fingerprint);
    QVERIFY(out.value(QStringLiteral("valid")).toBool());
    QCOMPARE(out.value(QStringLiteral("header")).toObject().value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    const QJsonObject claims = out.value(QStringLiteral("claims")).toObject();
    QCOMPARE(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("MYORG-ACCT.READER"));
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("MYORG-ACCT.READER.") + fingerprint);
    QCOMPARE(qint64(claims.value(QStringLiteral("iat")).toDouble()), iat.toSecsSinceEpoch());
    const qint64 lifetime = qint64(claims.value(QStringLiteral("exp")).toDouble()) - iat.toSecsSinceEpoch();
    QVERIFY(lifetime > 0 && lifetime <= 3600);

    // A token whose claims were changed after signing does not verify.
    QList<QByteArray> parts = token.split('.');
    parts[1] = QJsonDocument(QJsonObject{{QStringLiteral("sub"), QStringLiteral("MYORG-ACCT.ADMIN")}})
                   .toJson(QJsonDocument::Compact)
                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QProcess tampered;
    tampered.start(QStringLiteral("python3"), {script, keyPath, QString::fromLatin1(parts.join('.'))});
    QVERIFY(tampered.waitForFinished(30000));
    QCOMPARE(tampered.exitCode(), 1);
}

void TestSnowflakeClient::brokenKeys_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QString>("errorHas");
    const QByteArray good = rsaKey();
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("not PEM") << QByteArray("hello, world") << QStringLiteral("not one PEM block");
    QTest::newRow("text after the END line") << (good + "-wrong") << QStringLiteral("not one PEM block");
    QTest::newRow("truncated") << (good.left(good.size() / 2) + "\n-----END PRIVATE KEY-----\n") << QStringLiteral("not a readable PEM");
    QByteArray corrupt = good;
    corrupt[good.size() / 2] = corrupt[good.size() / 2] == 'A' ? 'B' : 'A';
    QTest::newRow("one character changed") << corrupt << QStringLiteral("private key");
    QTest::newRow("encrypted") << generateKey({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"),
                                               QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:1024"), QStringLiteral("-aes256"),
                                               QStringLiteral("-pass"), QStringLiteral("pass:secret")})
                               << QStringLiteral("encrypted");
    QTest::newRow("EC key") << generateKey({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                                            QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256")})
                            << QStringLiteral("not an RSA key");
}

void TestSnowflakeClient::brokenKeys()
{
    QFETCH(QByteArray, pem);
    QFETCH(QString, errorHas);
    QString error;
    QVERIFY(SnowflakeJwt::token(QStringLiteral("A"), QStringLiteral("U"), pem, QDateTime::currentDateTimeUtc(), &error).isEmpty());
    QVERIFY2(error.contains(errorHas), qPrintable(error));
    if (pem.isEmpty()) {
        // Without a key and a token no client is made at all.
        providers::AccountConfig c = Scripted().account;
        QVERIFY(SnowflakeClient::checkAccount(c, {}).contains(QStringLiteral("holds no private key")));
        return;
    }
    // The client says so before sending anything.
    Scripted s;
    SnowflakeAuth auth{QStringLiteral("reader"), QStringLiteral("myorg-acct"), pem, QString()};
    SnowflakeClient client(s.account, auth, s.http, {});
    const QString test = client.testConnection({});
    QVERIFY2(test.contains(QStringLiteral("not usable")) || test.contains(QStringLiteral("cannot sign")), qPrintable(test));
    QCOMPARE(s.server.requestCount(), 0);
}

void TestSnowflakeClient::priceTimes_data()
{
    QTest::addColumn<QString>("quantity");
    QTest::addColumn<QString>("price");
    QTest::addColumn<qint64>("nanos");
    QTest::newRow("1.5 credits at 3.00") << QStringLiteral("1.5") << QStringLiteral("3.00") << qint64(4'500'000'000);
    QTest::newRow("one nano-credit at 3") << QStringLiteral("0.000000001") << QStringLiteral("3") << qint64(3);
    QTest::newRow("half a nano rounds to even (0)") << QStringLiteral("0.000000001") << QStringLiteral("0.5") << qint64(0);
    QTest::newRow("1.5 nanos rounds to even (2)") << QStringLiteral("0.000000003") << QStringLiteral("0.5") << qint64(2);
    QTest::newRow("2.5 nanos rounds to even (2)") << QStringLiteral("0.000000005") << QStringLiteral("0.5") << qint64(2);
    QTest::newRow("negative") << QStringLiteral("-2.000000001") << QStringLiteral("2.5") << qint64(-5'000'000'002);
    QTest::newRow("12.345678901 at 2.55") << QStringLiteral("12.345678901") << QStringLiteral("2.55") << qint64(31'481'481'198);
    QTest::newRow("exponent") << QStringLiteral("1E-7") << QStringLiteral("0.70") << qint64(70);
}

void TestSnowflakeClient::priceTimes()
{
    QFETCH(QString, quantity);
    QFETCH(QString, price);
    QFETCH(qint64, nanos);
    const auto q = providers::decimalQuantity(quantity);
    const auto p = providers::decimalQuantity(price);
    QVERIFY(q && p);
    const auto product = providers::priceTimes(*q, *p);
    QVERIFY(product);
    QCOMPARE(product->nanos(), nanos);
    QVERIFY(!providers::decimalQuantity(QStringLiteral("NaN")));
    QVERIFY(!providers::decimalQuantity(QStringLiteral("1,000.5")));
    QVERIFY(!providers::decimalQuantity(QString()));
    QVERIFY(!providers::priceTimes(Money::fromUnits(9'000'000'000LL), Money::fromUnits(1000)));
}

void TestSnowflakeClient::monthByHand()
{
    Scripted s;
    s.account.options.insert(QStringLiteral("price_per_credit"), QStringLiteral("2.50"));
    s.account.options.insert(QStringLiteral("currency"), QStringLiteral("eur"));
    // 2024-05-02: ETL_WH 1.5 credits (0.2 cloud services), BI_WH 0.000000003; the daily history
    // has 2.0 warehouse credits (0.5 not yet per warehouse), PIPE 0.25, cloud 0.3 - 0.2 = 0.1 billed.
    s.server.enqueue(ScriptedResponse::ok(result(
        kDailyColumns,
        {QJsonArray{QStringLiteral("2024-05-02"), QStringLiteral("WAREHOUSE_METERING"), QStringLiteral("2.000000003"), QStringLiteral("0.3"),
                    QStringLiteral("-0.2"), QStringLiteral("2.100000003")},
         QJsonArray{QStringLiteral("2024-05-02"), QStringLiteral("PIPE"), QStringLiteral("0.25"), QJsonValue(), QJsonValue(), QStringLiteral("0.25")}})));
    s.server.enqueue(ScriptedResponse::ok(result(
        kWarehouseColumns, {QJsonArray{QStringLiteral("2024-05-02"), QStringLiteral("ETL_WH"), QStringLiteral("1.5"), QStringLiteral("0.2")},
                            QJsonArray{QStringLiteral("2024-05-02"), QStringLiteral("BI_WH"), QStringLiteral("0.000000003"), QStringLiteral("0")}})));
    const qint64 startMs = QDateTime(QDate(2024, 5, 2), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const QString longText = QStringLiteral("SELECT ") + QString(3000, u'x');
    s.server.enqueue(ScriptedResponse::ok(result(
        kQueryColumns, {QJsonArray{QStringLiteral("q-1"), QStringLiteral("ANA"), QStringLiteral("ETL_WH"), QStringLiteral("SELECT"), longText,
                                   QString::number(startMs), QStringLiteral("61000"), QStringLiteral("1099511627776"), QStringLiteral("0.004"),
                                   QStringLiteral("500"), QStringLiteral("500")}})));
    auto client = s.client();
    CostBatch batch;
    QString error;
    QVERIFY2(client->fetchMonth(QDate(2024, 5, 1), QDate(2024, 6, 1), &batch, &error, {}), qPrintable(error));
    QCOMPARE(batch.provider, QStringLiteral("Snowflake"));
    QCOMPARE(batch.currency, QStringLiteral("EUR"));
    QCOMPARE(batch.periodStart, QDate(2024, 5, 1));
    // By hand at 2.50: ETL_WH 3.75, BI_WH 0.0000000075 -> 0.000000008 (half to even), the
    // unattributed 0.5 -> 1.25, Snowpipe 0.625, cloud services 0.1 -> 0.25.
    QMap<QString, qint64> byDescription;
    for (const CostRow &r : batch.rows)
        byDescription[r.serviceName + u'/' + r.subAccountId] += r.billedCost.nanos();
    QCOMPARE(byDescription.value(QStringLiteral("Snowflake Compute/ETL_WH")), qint64(3'750'000'000));
    QCOMPARE(byDescription.value(QStringLiteral("Snowflake Compute/BI_WH")), qint64(8));
    QCOMPARE(byDescription.value(QStringLiteral("Snowflake Compute/sf")), qint64(1'250'000'000));
    QCOMPARE(byDescription.value(QStringLiteral("Snowpipe/sf")), qint64(625'000'000));
    QCOMPARE(byDescription.value(QStringLiteral("Cloud Services/sf")), qint64(250'000'000));
    QCOMPARE(batch.rows.size(), size_t(5));
    for (const CostRow &r : batch.rows) {
        QCOMPARE(r.chargeStart, QDateTime(QDate(2024, 5, 2), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch());
        if (r.subAccountId == u"ETL_WH") {
            QCOMPARE(r.resourceId, QStringLiteral("ETL_WH"));
            QCOMPARE(r.consumedQuantity, 1.5);
            QCOMPARE(r.consumedUnit, QStringLiteral("credits"));
        }
    }
    // The usage detail: each cost once, plus the warehouse's cloud-services credits at no cost.
    const SaasBatch *saas = client->saasDetail();
    QVERIFY(saas);
    QCOMPARE(saas->service, QStringLiteral("Snowflake"));
    QCOMPARE(saas->account, QStringLiteral("sf"));
    QCOMPARE(saas->source, QStringLiteral("snowflake-t"));
    QCOMPARE(saas->from, QDate(2024, 5, 1));
    QCOMPARE(saas->to, QDate(2024, 6, 1));
    qint64 usageCost = 0;
    int cloudRows = 0;
    for (const SaasUsageRow &u : saas->usage) {
        usageCost += u.cost.nanos();
        QCOMPARE(u.currency, QStringLiteral("EUR"));
        QCOMPARE(u.unit, QStringLiteral("credits"));
        if (u.entityKind == u"warehouse" && u.usageType == u"credits-cloud-services") {
            ++cloudRows;
            QCOMPARE(u.quantity, 0.2);
            QCOMPARE(u.cost.nanos(), qint64(0));
        }
    }
    QCOMPARE(usageCost, qint64(3'750'000'000 + 8 + 1'250'000'000 + 625'000'000 + 250'000'000));
    QCOMPARE(cloudRows, 1);
    QCOMPARE(saas->queries.size(), size_t(1));
    const SaasQueryRow &q = saas->queries.front();
    QCOMPARE(q.queryId, QStringLiteral("q-1"));
    QCOMPARE(q.user, QStringLiteral("ANA"));
    QCOMPARE(q.scope, QStringLiteral("ETL_WH"));
    QCOMPARE(q.text.size(), 2000);
    QCOMPARE(q.started.toMSecsSinceEpoch(), startMs);
    QCOMPARE(q.durationMs, int64_t(61000));
    QCOMPARE(q.bytesScanned, int64_t(1099511627776));
    QCOMPARE(q.cost.nanos(), qint64(10'000'000)); // 0.004 x 2.50
    QVERIFY(q.fullScan);

    // The requests: POST with a requestId, the bindings, UTC, warehouse and role, a JWT.
    const QList<testsupport::RecordedRequest> requests = s.server.requests();
    QCOMPARE(requests.size(), 3);
    for (const auto &r : requests) {
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/api/v2/statements"));
        QVERIFY(QUrlQuery(QString::fromUtf8(r.query)).hasQueryItem(QStringLiteral("requestId")));
        QCOMPARE(r.header("X-Snowflake-Authorization-Token-Type"), QByteArray("KEYPAIR_JWT"));
        QVERIFY(r.header("Authorization").startsWith("Bearer ey"));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(QStringLiteral("warehouse")).toString(), QStringLiteral("COST_WH"));
        QCOMPARE(body.value(QStringLiteral("role")).toString(), QStringLiteral("COST_ROLE"));
        QCOMPARE(body.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("timezone")).toString(), QStringLiteral("UTC"));
        QVERIFY(!body.value(QStringLiteral("statement")).toString().contains(QStringLiteral("2024-05")));
    }
    const QJsonObject bindings = QJsonDocument::fromJson(requests[0].body).object().value(QStringLiteral("bindings")).toObject();
    QCOMPARE(bindings.value(QStringLiteral("1")).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("2024-05-01"));
    QCOMPARE(bindings.value(QStringLiteral("2")).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("2024-06-01"));
    QCOMPARE(bindings.value(QStringLiteral("1")).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("TEXT"));
}

void TestSnowflakeClient::retriedSubmitKeepsRequestId()
{
    Scripted s;
    s.server.enqueue(ScriptedResponse::status_(503, "busy"));
    s.server.enqueue(ScriptedResponse::ok(result({QStringLiteral("A")}, {QJsonArray{QStringLiteral("1")}})));
    QCOMPARE(s.client()->testConnection({}), QString());
    const auto requests = s.server.requests();
    QCOMPARE(requests.size(), 2);
    const QUrlQuery first(QString::fromUtf8(requests[0].query)), second(QString::fromUtf8(requests[1].query));
    QCOMPARE(first.queryItemValue(QStringLiteral("requestId")), second.queryItemValue(QStringLiteral("requestId")));
    QVERIFY(!first.hasQueryItem(QStringLiteral("retry")));
    QCOMPARE(second.queryItemValue(QStringLiteral("retry")), QStringLiteral("true"));
    // Each attempt carries a freshly signed JWT.
    QVERIFY(requests[0].header("Authorization").startsWith("Bearer "));
}

void TestSnowflakeClient::pollsThenReadsPartitions()
{
    Scripted s;
    s.server.enqueue(ScriptedResponse{ScriptedResponse::Action::Respond, 202, {},
                                      R"({"code":"333334","statementHandle":"01b0-77","statementStatusUrl":"/api/v2/statements/01b0-77"})", -1});
    s.server.enqueue(ScriptedResponse{ScriptedResponse::Action::Respond, 202, {}, R"({"code":"333334","statementHandle":"01b0-77"})", -1});
    s.server.enqueue(ScriptedResponse::ok(result({QStringLiteral("N")}, {QJsonArray{QStringLiteral("1")}}, 2, QStringLiteral("01b0-77"))));
    s.server.enqueue(ScriptedResponse::ok(R"({"data":[["2"]]})"));
    SnowflakeClient::Result r;
    QString error;
    // numRows says 1 in partition 0's metadata; the second partition makes it 2: a mismatch is an error.
    QVERIFY(!s.client()->runStatement(QStringLiteral("t"), QStringLiteral("SELECT 1"), {}, &r, &error, {}));
    QVERIFY2(error.contains(QStringLiteral("numRows says 1 rows but 2 arrived")), qPrintable(error));
    const auto requests = s.server.requests();
    QCOMPARE(requests.size(), 4);
    QCOMPARE(requests[1].method, QByteArray("GET"));
    QCOMPARE(requests[1].path, QByteArray("/api/v2/statements/01b0-77"));
    QCOMPARE(requests[2].path, QByteArray("/api/v2/statements/01b0-77"));
    QCOMPARE(requests[3].query, QByteArray("partition=1"));

    // With a consistent numRows both partitions' rows arrive in order.
    Scripted t;
    QByteArray first = result({QStringLiteral("N")}, {QJsonArray{QStringLiteral("1")}}, 2, QStringLiteral("01b0-78"));
    first.replace("\"numRows\":1", "\"numRows\":2");
    t.server.enqueue(ScriptedResponse::ok(first));
    t.server.enqueue(ScriptedResponse::ok(R"({"data":[["2"]]})"));
    QVERIFY2(t.client()->runStatement(QStringLiteral("t"), QStringLiteral("SELECT 1"), {}, &r, &error, {}), qPrintable(error));
    QCOMPARE(r.rows.size(), size_t(2));
    QCOMPARE(r.rows[1].at(0), QStringLiteral("2"));
}

void TestSnowflakeClient::oauthHeader()
{
    Scripted s;
    s.server.enqueue(ScriptedResponse::ok(result({QStringLiteral("A")}, {QJsonArray{QStringLiteral("1")}})));
    QCOMPARE(s.client(true)->testConnection({}), QString());
    const auto r = s.server.requests().first();
    QCOMPARE(r.header("X-Snowflake-Authorization-Token-Type"), QByteArray("OAUTH"));
    QCOMPARE(r.header("Authorization"), QByteArray("Bearer oauth-token-0123456789"));
}

void TestSnowflakeClient::hostileAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("oauth");
    QTest::addColumn<QString>("errorHas");
    QTest::newRow("HTML") << 200 << QByteArray("<html>proxy</html>") << false << QStringLiteral("not valid JSON");
    QTest::newRow("no rowType") << 200 << QByteArray(R"({"resultSetMetaData":{"numRows":0},"data":[]})") << false
                                << QStringLiteral("no resultSetMetaData.rowType");
    QTest::newRow("row too short") << 200 << result({QStringLiteral("A"), QStringLiteral("B")}, {QJsonArray{QStringLiteral("1")}}) << false
                                   << QStringLiteral("does not have the 2 columns");
    QTest::newRow("number cell") << 200 << result({QStringLiteral("A")}, {QJsonArray{1}}) << false << QStringLiteral("not a string");
    QTest::newRow("no numRows") << 200 << QByteArray(R"({"resultSetMetaData":{"rowType":[{"name":"A"}]},"data":[]})") << false
                                << QStringLiteral("no numRows");
    QTest::newRow("202 with a path in the handle") << 202 << QByteArray(R"({"statementHandle":"../../admin"})") << false
                                                   << QStringLiteral("no valid statementHandle");
    QTest::newRow("422 statement failed") << 422 << QByteArray(R"({"code":"002003","message":"SQL compilation error:\nObject does not exist"})")
                                          << false << QStringLiteral("the statement failed: SQL compilation error: (");
    QTest::newRow("403 role") << 403 << QByteArray(R"({"code":"003001","message":"Insufficient privileges"})") << false
                              << QStringLiteral("IMPORTED PRIVILEGES");
    QTest::newRow("401 key") << 401 << QByteArray(R"({"code":"390144","message":"JWT token is invalid."})") << false
                             << QStringLiteral("rejected the credentials; check the user and account identifier");
    QTest::newRow("401 OAuth expired") << 401 << QByteArray(R"({"code":"390318","message":"OAuth access token expired. [oauth-token-0123456789]"})")
                                       << true << QStringLiteral("the OAuth token has expired");
}

void TestSnowflakeClient::hostileAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, oauth);
    QFETCH(QString, errorHas);
    Scripted s;
    s.server.setHandler([&](const testsupport::RecordedRequest &) {
        ScriptedResponse r = ScriptedResponse::ok(body);
        r.status = status;
        return r;
    });
    const QString error = s.client(oauth)->testConnection({});
    QVERIFY2(error.contains(errorHas), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("oauth-token-0123456789")), qPrintable(error));
}

void TestSnowflakeClient::syncWritesSaasRows()
{
    auto fake = testsupport::makeFakeCloud(QStringLiteral("snowflake"));
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
    // Each cost once in the usage detail: its sum equals the line items' sum.
    const int64_t billed = queryInt(ws, "SELECT SUM(billed) FROM line_item");
    QVERIFY(billed > 0);
    QCOMPARE(queryInt(ws, "SELECT SUM(cost) FROM saas_usage_daily WHERE service = 'Snowflake'"), billed);
    QCOMPARE(queryInt(ws, "SELECT COUNT(DISTINCT entity) FROM saas_usage_daily WHERE entity_kind = 'warehouse'"), int64_t(3));
    QCOMPARE(queryInt(ws, "SELECT COUNT(*) FROM saas_usage_daily WHERE source <> 'snowflake-main'"), int64_t(0));
    // Two queries a day for the ten days of March; the first of each day reads every partition.
    QCOMPARE(queryInt(ws, "SELECT COUNT(*) FROM saas_query WHERE service = 'Snowflake'"), int64_t(20));
    QCOMPARE(queryInt(ws, "SELECT COUNT(*) FROM saas_query WHERE full_scan = 1"), int64_t(10));
    QCOMPARE(queryInt(ws, "SELECT COUNT(*) FROM resource r JOIN str t ON t.id = r.type JOIN str st ON st.id = r.state "
                          "WHERE t.s = 'warehouse' AND st.s = 'stopped'"), int64_t(1));
    // The second sync fetches February and March again (incremental): March's detail is replaced,
    // not added to (29 + 10 days of two queries, not 29 + 20).
    const auto again = service.syncAccounts(ws, {}, {}, {}, {}, {});
    QVERIFY2(again.front().ok, qPrintable(again.front().error));
    QCOMPARE(again.front().from, QDate(2024, 2, 1));
    QCOMPARE(queryInt(ws, "SELECT COUNT(*) FROM saas_query WHERE service = 'Snowflake'"), int64_t(78));
    QCOMPARE(queryInt(ws, "SELECT SUM(cost) FROM saas_usage_daily WHERE service = 'Snowflake'"),
             queryInt(ws, "SELECT SUM(billed) FROM line_item"));
}

QTEST_GUILESS_MAIN(TestSnowflakeClient)
#include "TestSnowflakeClient.moc"
