#include "providers/auth/AzureTokenProvider.h"
#include "support/LocalHttpServer.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace std::chrono_literals;
using costscope::providers::auth::AzureClientCredentials;
using costscope::providers::auth::AzureTokenProvider;
using costscope::providers::net::HttpClient;
using costscope::providers::net::HttpOptions;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::ScriptedResponse;

namespace {

const QString kSecret = QStringLiteral("Xy7~Q8s.client+secret/value=");
const QString kTenant = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");
const QString kClient = QStringLiteral("3f1c2a55-1111-2222-3333-444455556666");

QMutex g_logMutex;
QStringList g_log;

void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_logMutex);
    g_log.append(message);
}

QByteArray tokenJson(const QByteArray &token, const QByteArray &expiresIn = "3599")
{
    return R"({"token_type":"Bearer","expires_in":)" + expiresIn + R"(,"ext_expires_in":3599,"access_token":")" + token
        + R"("})";
}

HttpOptions fastOptions()
{
    HttpOptions o;
    o.maxAttempts = 2;
    o.totalTimeout = 10s;
    return o;
}

} // namespace

class TestAzureToken : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void formBody();
    void cachedOnSecondCall();
    void refreshNearExpiry_data();
    void refreshNearExpiry();
    void invalidateForcesRefresh();
    void invalidClient();
    void secretEchoedByServerIsScrubbed();
    void unusableResponses_data();
    void unusableResponses();
    void invalidTenant_data();
    void invalidTenant();

private:
    AzureTokenProvider *makeProvider(const QString &tenant = kTenant);

    LocalHttpServer *m_server = nullptr;
    HttpClient *m_http = nullptr;
    AzureTokenProvider *m_provider = nullptr;
    QDateTime m_now;
};

void TestAzureToken::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("costscope.*.debug=true\ncostscope.*.info=true"));
}

void TestAzureToken::init()
{
    m_server = new LocalHttpServer;
    QVERIFY(m_server->start());
    m_http = new HttpClient(fastOptions());
    m_http->setSleepFunction([](std::chrono::milliseconds, const costscope::CancelFn &) {});
    m_now = QDateTime(QDate(2024, 5, 1), QTime(8, 0, 0), QTimeZone::utc());
    m_provider = makeProvider();
}

void TestAzureToken::cleanup()
{
    delete m_provider;
    delete m_http;
    delete m_server;
    m_provider = nullptr;
    m_http = nullptr;
    m_server = nullptr;
}

AzureTokenProvider *TestAzureToken::makeProvider(const QString &tenant)
{
    auto *provider = new AzureTokenProvider(*m_http, AzureClientCredentials{tenant, kClient, kSecret});
    provider->setAuthorityHost(m_server->url(QStringLiteral("/")));
    provider->setClock([this] { return m_now; });
    return provider;
}

void TestAzureToken::formBody()
{
    m_server->enqueue(ScriptedResponse::ok(tokenJson("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.token-one")));
    const auto result = m_provider->token();
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.accessToken, QByteArray("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.token-one"));
    QCOMPARE(result.expiresAt, m_now.addSecs(3599));

    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 1);
    const auto &r = requests.first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, "/" + kTenant.toLatin1() + "/oauth2/v2.0/token");
    QCOMPARE(r.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    const QUrlQuery form(QString::fromLatin1(r.body));
    QCOMPARE(form.queryItems().size(), 4);
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded), QStringLiteral("client_credentials"));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded), kClient);
    QCOMPARE(form.queryItemValue(QStringLiteral("client_secret"), QUrl::FullyDecoded), kSecret);
    QCOMPARE(form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             QStringLiteral("https://management.azure.com/.default"));
    // '+', '/', '=' and '~' in the secret survive form encoding: '+' must not turn into a space.
    QVERIFY(r.body.contains("client_secret=Xy7~Q8s.client%2Bsecret%2Fvalue%3D"));
}

void TestAzureToken::cachedOnSecondCall()
{
    m_server->enqueue(ScriptedResponse::ok(tokenJson("first")));
    m_server->enqueue(ScriptedResponse::ok(tokenJson("second")));
    QCOMPARE(m_provider->token().accessToken, QByteArray("first"));
    m_now = m_now.addSecs(600);
    QCOMPARE(m_provider->token().accessToken, QByteArray("first"));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestAzureToken::refreshNearExpiry_data()
{
    QTest::addColumn<QByteArray>("expiresIn");
    QTest::addColumn<int>("advanceSeconds");
    QTest::addColumn<bool>("refreshed");
    QTest::newRow("an hour token, 50 min later") << QByteArray("3600") << 3000 << false;
    QTest::newRow("an hour token, 6 min before expiry") << QByteArray("3600") << 3240 << false;
    QTest::newRow("an hour token, 5 min before expiry") << QByteArray("3600") << 3300 << true;
    QTest::newRow("an hour token, expired") << QByteArray("3600") << 4000 << true;
    QTest::newRow("expires_in as a string (v1 endpoint)") << QByteArray("\"3600\"") << 3300 << true;
    QTest::newRow("expires_in as a string, early") << QByteArray("\"3600\"") << 60 << false;
    // A short-lived token is kept for half its life, not refreshed on every call.
    QTest::newRow("short token, early") << QByteArray("120") << 30 << false;
    QTest::newRow("short token, past half") << QByteArray("120") << 60 << true;
}

void TestAzureToken::refreshNearExpiry()
{
    QFETCH(QByteArray, expiresIn);
    QFETCH(int, advanceSeconds);
    QFETCH(bool, refreshed);
    m_server->enqueue(ScriptedResponse::ok(tokenJson("old", expiresIn)));
    m_server->enqueue(ScriptedResponse::ok(tokenJson("new", expiresIn)));
    const auto first = m_provider->token();
    QVERIFY2(first.ok, qPrintable(first.error));
    QCOMPARE(first.accessToken, QByteArray("old"));
    m_now = m_now.addSecs(advanceSeconds);
    const auto second = m_provider->token();
    QVERIFY2(second.ok, qPrintable(second.error));
    QCOMPARE(second.accessToken, refreshed ? QByteArray("new") : QByteArray("old"));
    QCOMPARE(m_server->requestCount(), refreshed ? 2 : 1);
}

void TestAzureToken::invalidateForcesRefresh()
{
    m_server->enqueue(ScriptedResponse::ok(tokenJson("first")));
    m_server->enqueue(ScriptedResponse::ok(tokenJson("second")));
    QCOMPARE(m_provider->token().accessToken, QByteArray("first"));
    m_provider->invalidate();
    QCOMPARE(m_provider->token().accessToken, QByteArray("second"));
}

void TestAzureToken::invalidClient()
{
    m_server->enqueue(ScriptedResponse::status_(
        401, R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 0b3e\r\nCorrelation ID: 7c1d\r\nTimestamp: 2024-05-01 08:00:00Z","error_codes":[7000215],"timestamp":"2024-05-01 08:00:00Z","trace_id":"0b3e","correlation_id":"7c1d"})"));
    QtMessageHandler previous = qInstallMessageHandler(captureLog);
    const auto result = m_provider->token();
    qInstallMessageHandler(previous);
    QVERIFY(!result.ok);
    QVERIFY(result.accessToken.isEmpty());
    QVERIFY2(result.error.contains(QStringLiteral("invalid_client")), qPrintable(result.error));
    QCOMPARE(result.errorCode, QStringLiteral("invalid_client")); // a client says "rejected the credentials" from it
    QVERIFY2(result.error.contains(QStringLiteral("AADSTS7000215: Invalid client secret provided")), qPrintable(result.error));
    QVERIFY2(result.error.contains(kTenant) && result.error.contains(kClient), qPrintable(result.error));
    QVERIFY(!result.error.contains(QStringLiteral("Trace ID")));
    QVERIFY(!result.error.contains(kSecret));
    QCOMPARE(m_server->requestCount(), 1); // a 401 is not retried
    QMutexLocker lock(&g_logMutex);
    QVERIFY(!g_log.isEmpty());
    for (const QString &line : std::as_const(g_log)) {
        QVERIFY2(!line.contains(kSecret), qPrintable(line));
        QVERIFY2(!line.contains(QString::fromLatin1(QUrl::toPercentEncoding(kSecret))), qPrintable(line));
    }
}

void TestAzureToken::secretEchoedByServerIsScrubbed()
{
    m_server->enqueue(ScriptedResponse::status_(
        400, R"({"error":"invalid_request","error_description":"bad secret )" + kSecret.toLatin1() + R"("})"));
    const auto result = m_provider->token();
    QVERIFY(!result.ok);
    QVERIFY2(!result.error.contains(kSecret), qPrintable(result.error));
    QVERIFY(result.error.contains(QStringLiteral("REDACTED")));
}

void TestAzureToken::unusableResponses_data()
{
    QTest::addColumn<QList<ScriptedResponse>>("responses");
    QTest::addColumn<QString>("errorMentions");
    QTest::newRow("not json") << QList<ScriptedResponse>{ScriptedResponse::ok("<html>proxy login</html>", "text/html")}
                              << QStringLiteral("unusable response");
    QTest::newRow("no access_token") << QList<ScriptedResponse>{ScriptedResponse::ok(R"({"token_type":"Bearer","expires_in":3599})")}
                                     << QStringLiteral("unusable response");
    QTest::newRow("no expires_in") << QList<ScriptedResponse>{ScriptedResponse::ok(R"({"token_type":"Bearer","access_token":"t"})")}
                                   << QStringLiteral("unusable response");
    QTest::newRow("negative expires_in") << QList<ScriptedResponse>{ScriptedResponse::ok(tokenJson("t", "-5"))}
                                         << QStringLiteral("unusable response");
    QTest::newRow("not a bearer token")
        << QList<ScriptedResponse>{ScriptedResponse::ok(R"({"token_type":"pop","expires_in":3599,"access_token":"t"})")}
        << QStringLiteral("unusable response");
    QTest::newRow("truncated json") << QList<ScriptedResponse>{ScriptedResponse::ok(R"({"token_type":"Bearer","expires_in":35)")}
                                    << QStringLiteral("unusable response");
    QTest::newRow("server down") << QList<ScriptedResponse>{ScriptedResponse::status_(503), ScriptedResponse::status_(503)}
                                 << QStringLiteral("HTTP 503");
    QTest::newRow("truncated body") << QList<ScriptedResponse>{ScriptedResponse::truncated("{\"tok", 500),
                                                               ScriptedResponse::truncated("{\"tok", 500)}
                                    << QStringLiteral("truncated");
}

void TestAzureToken::unusableResponses()
{
    QFETCH(QList<ScriptedResponse>, responses);
    QFETCH(QString, errorMentions);
    for (const auto &r : responses)
        m_server->enqueue(r);
    const auto result = m_provider->token();
    QVERIFY(!result.ok);
    QVERIFY(result.accessToken.isEmpty());
    QVERIFY2(result.error.contains(errorMentions), qPrintable(result.error));
    QVERIFY(!result.error.contains(kSecret));
    QVERIFY2(result.errorCode.isEmpty(), qPrintable(result.errorCode)); // not a refusal of the credentials
}

void TestAzureToken::invalidTenant_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::newRow("empty") << QString();
    QTest::newRow("path traversal") << QStringLiteral("../common");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("query") << QStringLiteral("t?x=1");
}

void TestAzureToken::invalidTenant()
{
    QFETCH(QString, tenant);
    std::unique_ptr<AzureTokenProvider> provider(makeProvider(tenant));
    const auto result = provider->token();
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("tenant")), qPrintable(result.error));
    QCOMPARE(m_server->requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestAzureToken)
#include "TestAzureToken.moc"
