#include "providers/net/HttpClient.h"
#include "support/LocalHttpServer.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTest>
#include <QTimeZone>

#include <atomic>

using namespace std::chrono_literals;
using costscope::providers::net::fetchPages;
using costscope::providers::net::HttpClient;
using costscope::providers::net::HttpOptions;
using costscope::providers::net::HttpRequest;
using costscope::providers::net::HttpResult;
using costscope::testsupport::LocalHttpServer;
using costscope::testsupport::ScriptedResponse;

namespace {

QMutex g_logMutex;
QStringList g_log;

void captureLog(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker lock(&g_logMutex);
    g_log.append(QString::fromLatin1(context.category) + u' ' + message);
}

// A client that records the back-off it was asked to wait instead of sleeping.
struct RecordingClient
{
    explicit RecordingClient(HttpOptions options = fastOptions())
        : client(options)
    {
        client.setSleepFunction([this](std::chrono::milliseconds d, const costscope::CancelFn &) { sleeps.append(d); });
    }
    static HttpOptions fastOptions()
    {
        HttpOptions o;
        o.connectTimeout = 5s;
        o.totalTimeout = 30s;
        o.maxAttempts = 4;
        return o;
    }
    HttpClient client;
    QList<std::chrono::milliseconds> sleeps;
};

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void success_data();
    void success();
    void gzipBody();
    void retryAfterThenSuccess_data();
    void retryAfterThenSuccess();
    void serviceUnavailableGivesUp();
    void retryAfterTooLongGivesUp();
    void clientErrorIsNotRetried();
    void retryableHookRetriesA4xx();
    void hangTimesOut();
    void truncatedBody();
    void closedWithoutResponse();
    void cancelMidTransfer();
    void cancelDuringBackoff();
    void responseSizeCap();
    void prepareRunsBeforeEveryAttempt();
    void refusedUrls_data();
    void refusedUrls();
    void connectionRefused();
    void redaction();
    void redactedUrl_data();
    void redactedUrl();
    void parseRetryAfter_data();
    void parseRetryAfter();
    void backoffBounds();
    void paging_data();
    void paging();

private:
    LocalHttpServer *m_server = nullptr;
};

void TestHttpClient::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("costscope.net.debug=true\ncostscope.net.info=true"));
}

void TestHttpClient::init()
{
    m_server = new LocalHttpServer;
    QVERIFY(m_server->start());
}

void TestHttpClient::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

void TestHttpClient::success_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("GET") << QByteArray("GET") << QByteArray();
    QTest::newRow("POST json") << QByteArray("POST") << QByteArray(R"({"a":1})");
    QTest::newRow("POST large") << QByteArray("POST") << QByteArray(200000, 'x');
    QTest::newRow("PUT") << QByteArray("PUT") << QByteArray("v=1");
    QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray();
}

void TestHttpClient::success()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    m_server->enqueue(ScriptedResponse::ok(R"({"ok":true})"));
    RecordingClient c;
    HttpRequest request;
    request.method = method;
    request.url = m_server->url(QStringLiteral("/v1/items?x=1&y=a%20b"));
    request.headers = {{"X-Custom", "value 1"}, {"Content-Type", "application/json"}};
    request.body = body;
    const HttpResult r = c.client.send(request);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.attempts, 1);
    QCOMPARE(r.response.status, 200);
    QCOMPARE(r.response.body, QByteArray(R"({"ok":true})"));
    QCOMPARE(r.response.header("content-type"), QByteArray("application/json"));
    const auto got = m_server->requests();
    QCOMPARE(got.size(), 1);
    QCOMPARE(got[0].method, method);
    QCOMPARE(got[0].path, QByteArray("/v1/items"));
    QCOMPARE(got[0].query, QByteArray("x=1&y=a%20b"));
    QCOMPARE(got[0].header("X-Custom"), QByteArray("value 1"));
    QCOMPARE(got[0].body, body);
    QVERIFY(!got[0].hasHeader("Expect"));
    QVERIFY(c.sleeps.isEmpty());
}

void TestHttpClient::gzipBody()
{
    const QByteArray plain = QByteArray(R"({"rows":[)") + QByteArray("[1,2,3],").repeated(5000) + "[0]]}";
    m_server->enqueue(ScriptedResponse::gzipped(plain));
    RecordingClient c;
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/gz"));
    const HttpResult r = c.client.send(request);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.response.body, plain);
    QVERIFY(m_server->requests().at(0).header("Accept-Encoding").contains("gzip"));
}

void TestHttpClient::retryAfterThenSuccess_data()
{
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<qint64>("minDelayMs");
    QTest::addColumn<qint64>("maxDelayMs");
    QTest::newRow("seconds") << QByteArray("2") << qint64(2000) << qint64(2000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0) << qint64(0);
    // The injected clock says 2015-10-21 07:27:55 UTC.
    QTest::newRow("http date") << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << qint64(5000) << qint64(5000);
    QTest::newRow("date in the past") << QByteArray("Wed, 21 Oct 2015 07:00:00 GMT") << qint64(0) << qint64(0);
    // Unusable values fall back to the back-off: [250, 500] ms for the first retry.
    QTest::newRow("missing") << QByteArray() << qint64(250) << qint64(500);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(250) << qint64(500);
    QTest::newRow("negative") << QByteArray("-3") << qint64(250) << qint64(500);
}

void TestHttpClient::retryAfterThenSuccess()
{
    QFETCH(QByteArray, retryAfter);
    QFETCH(qint64, minDelayMs);
    QFETCH(qint64, maxDelayMs);
    m_server->enqueue(ScriptedResponse::throttled(retryAfter));
    m_server->enqueue(ScriptedResponse::ok("done"));
    RecordingClient c;
    c.client.setClock([] { return QDateTime(QDate(2015, 10, 21), QTime(7, 27, 55), QTimeZone::utc()); });
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/throttled"));
    const HttpResult r = c.client.send(request);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.attempts, 2);
    QCOMPARE(r.response.body, QByteArray("done"));
    QCOMPARE(c.sleeps.size(), 1);
    QVERIFY2(c.sleeps[0].count() >= minDelayMs && c.sleeps[0].count() <= maxDelayMs,
             qPrintable(QString::number(c.sleeps[0].count())));
    QCOMPARE(m_server->requestCount(), 2);
}

void TestHttpClient::serviceUnavailableGivesUp()
{
    for (int i = 0; i < 3; ++i)
        m_server->enqueue(ScriptedResponse::status_(503, R"({"message":"busy"})"));
    HttpOptions options = RecordingClient::fastOptions();
    options.maxAttempts = 3;
    RecordingClient c(options);
    HttpRequest request;
    request.method = "POST";
    request.url = m_server->url(QStringLiteral("/query?api-version=2023-11-01"));
    const HttpResult r = c.client.send(request);
    QVERIFY(!r.ok);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(r.response.status, 503);
    QCOMPARE(m_server->requestCount(), 3);
    QVERIFY2(r.error.startsWith(QStringLiteral("POST http://127.0.0.1:")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QStringLiteral("/query?api-version=2023-11-01")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QStringLiteral("HTTP 503")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QStringLiteral("3 attempts")), qPrintable(r.error));
    // Exponential: first retry in [250, 500], second in [500, 1000].
    QCOMPARE(c.sleeps.size(), 2);
    QVERIFY(c.sleeps[0] >= 250ms && c.sleeps[0] <= 500ms);
    QVERIFY(c.sleeps[1] >= 500ms && c.sleeps[1] <= 1000ms);
}

void TestHttpClient::retryAfterTooLongGivesUp()
{
    m_server->enqueue(ScriptedResponse::throttled("3600"));
    RecordingClient c;
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/slow-down"));
    const HttpResult r = c.client.send(request);
    QVERIFY(!r.ok);
    QCOMPARE(r.attempts, 1);
    QVERIFY(c.sleeps.isEmpty());
    QVERIFY2(r.error.contains(QStringLiteral("HTTP 429")) && r.error.contains(QStringLiteral("3600 s")),
             qPrintable(r.error));
}

void TestHttpClient::clientErrorIsNotRetried()
{
    m_server->enqueue(ScriptedResponse::status_(403, R"({"error":"AccessDenied"})"));
    RecordingClient c;
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/forbidden"));
    const HttpResult r = c.client.send(request);
    QVERIFY(!r.ok);
    QCOMPARE(r.attempts, 1);
    QCOMPARE(r.response.status, 403);
    QCOMPARE(r.response.body, QByteArray(R"({"error":"AccessDenied"})"));
    QVERIFY(r.error.contains(QStringLiteral("HTTP 403")));
}

// A provider that throttles with HTTP 400 and an error code (Alibaba's Throttling.User) marks the
// answer retryable: retried like a 429, honouring Retry-After; other 400s still fail at once.
void TestHttpClient::retryableHookRetriesA4xx()
{
    ScriptedResponse throttled = ScriptedResponse::status_(400, R"({"Code":"Throttling.User"})");
    throttled.headers.append({QByteArray("Retry-After"), QByteArray("2")});
    m_server->enqueue(throttled);
    m_server->enqueue(ScriptedResponse::status_(400, R"({"Code":"Throttling.User"})"));
    m_server->enqueue(ScriptedResponse::ok("done"));
    m_server->enqueue(ScriptedResponse::status_(400, R"({"Code":"InvalidParameter"})"));
    RecordingClient c;
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/rpc"));
    int asked = 0;
    request.retryable = [&asked](const costscope::providers::net::HttpResponse &response) {
        ++asked;
        return response.status == 400 && response.body.contains("Throttling");
    };
    HttpResult r = c.client.send(request);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.attempts, 3);
    QCOMPARE(asked, 2);
    QCOMPARE(r.response.body, QByteArray("done"));
    QCOMPARE(c.sleeps.size(), 2);
    QCOMPARE(c.sleeps[0], 2000ms); // Retry-After
    QVERIFY(c.sleeps[1] >= 500ms && c.sleeps[1] <= 1000ms); // back-off of the second retry: [d/2, d], d = 1 s
    r = c.client.send(request);
    QVERIFY(!r.ok);
    QCOMPARE(r.attempts, 1);
    QVERIFY(r.error.contains(QStringLiteral("HTTP 400")));
}

void TestHttpClient::hangTimesOut()
{
    m_server->enqueue(ScriptedResponse::hang());
    m_server->enqueue(ScriptedResponse::hang());
    HttpOptions options = RecordingClient::fastOptions();
    options.totalTimeout = 300ms;
    options.maxAttempts = 2;
    RecordingClient c(options);
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/hang"));
    const HttpResult r = c.client.send(request);
    QVERIFY(!r.ok);
    QCOMPARE(r.attempts, 2);
    QVERIFY2(r.error.contains(QStringLiteral("timed out")), qPrintable(r.error));
    QVERIFY2(r.error.startsWith(QStringLiteral("GET http://127.0.0.1:")), qPrintable(r.error));
}

void TestHttpClient::truncatedBody()
{
    m_server->enqueue(ScriptedResponse::truncated(R"({"rows":[1,2)", 5000));
    HttpOptions options = RecordingClient::fastOptions();
    options.maxAttempts = 1;
    RecordingClient c(options);
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/truncated"));
    const HttpResult r = c.client.send(request);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("truncated")), qPrintable(r.error));
}

void TestHttpClient::closedWithoutResponse()
{
    // A transient failure: retried, then served.
    m_server->enqueue(ScriptedResponse::closeWithoutResponse());
    m_server->enqueue(ScriptedResponse::ok("second time lucky"));
    RecordingClient c;
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/flaky"));
    const HttpResult r = c.client.send(request);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.attempts, 2);
    QCOMPARE(r.response.body, QByteArray("second time lucky"));
}

void TestHttpClient::cancelMidTransfer()
{
    m_server->enqueue(ScriptedResponse::stallAfter(QByteArray(1000, 'a'), 1000000));
    RecordingClient c;
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/big"));
    LocalHttpServer *server = m_server;
    const HttpResult r = c.client.send(request, [server] { return server->partialBodySent(); });
    QVERIFY(!r.ok);
    QVERIFY(r.cancelled);
    QCOMPARE(r.attempts, 1);
    QVERIFY2(r.error.contains(QStringLiteral("cancelled")), qPrintable(r.error));
}

void TestHttpClient::cancelDuringBackoff()
{
    m_server->enqueue(ScriptedResponse::status_(503));
    m_server->enqueue(ScriptedResponse::ok("never fetched"));
    RecordingClient c;
    bool cancel = false;
    c.client.setSleepFunction([&cancel](std::chrono::milliseconds, const costscope::CancelFn &) { cancel = true; });
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/busy"));
    const HttpResult r = c.client.send(request, [&cancel] { return cancel; });
    QVERIFY(r.cancelled);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestHttpClient::responseSizeCap()
{
    m_server->enqueue(ScriptedResponse::ok(QByteArray(100000, 'z')));
    HttpOptions options = RecordingClient::fastOptions();
    options.maxResponseBytes = 1000;
    RecordingClient c(options);
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/huge"));
    const HttpResult r = c.client.send(request);
    QVERIFY(!r.ok);
    QCOMPARE(r.attempts, 1);
    QVERIFY2(r.error.contains(QStringLiteral("1000 bytes")), qPrintable(r.error));
}

void TestHttpClient::prepareRunsBeforeEveryAttempt()
{
    m_server->enqueue(ScriptedResponse::status_(500));
    m_server->enqueue(ScriptedResponse::ok("ok"));
    RecordingClient c;
    HttpRequest request;
    request.url = m_server->url(QStringLiteral("/signed"));
    int calls = 0;
    request.prepare = [&calls](HttpRequest &r) {
        ++calls;
        r.headers.removeIf([](const auto &h) { return h.first == "X-Attempt"; });
        r.headers.append({"X-Attempt", QByteArray::number(calls)});
    };
    const HttpResult r = c.client.send(request);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(calls, 2);
    const auto got = m_server->requests();
    QCOMPARE(got.size(), 2);
    QCOMPARE(got[0].header("X-Attempt"), QByteArray("1"));
    QCOMPARE(got[1].header("X-Attempt"), QByteArray("2"));
}

void TestHttpClient::refusedUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("plain http to a remote host") << QStringLiteral("http://example.com/x");
    QTest::newRow("plain http to a private address") << QStringLiteral("http://10.0.0.1/x");
    QTest::newRow("http to a lookalike host") << QStringLiteral("http://127.0.0.1.example.com/x");
    QTest::newRow("file scheme") << QStringLiteral("file:///etc/passwd");
    QTest::newRow("ftp scheme") << QStringLiteral("ftp://127.0.0.1/x");
    QTest::newRow("no host") << QStringLiteral("https:///path");
    QTest::newRow("empty") << QString();
}

void TestHttpClient::refusedUrls()
{
    QFETCH(QString, url);
    RecordingClient c;
    HttpRequest request;
    request.url = QUrl(url);
    const HttpResult r = c.client.send(request);
    QVERIFY(!r.ok);
    QCOMPARE(r.attempts, 0);
    QVERIFY(!r.error.isEmpty());
}

void TestHttpClient::connectionRefused()
{
    const quint16 port = m_server->port();
    m_server->stop();
    HttpOptions options = RecordingClient::fastOptions();
    options.maxAttempts = 2;
    RecordingClient c(options);
    HttpRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/gone").arg(port));
    const HttpResult r = c.client.send(request);
    QVERIFY(!r.ok);
    QCOMPARE(r.attempts, 2);
    QVERIFY2(r.error.contains(QStringLiteral("/gone")) && r.error.contains(QStringLiteral("connect"), Qt::CaseInsensitive),
             qPrintable(r.error));
}

void TestHttpClient::redaction()
{
    const QByteArray bearer = "eyJhbGciOiJSUzI1NiJ9.SECRET-BEARER-VALUE";
    const QByteArray sessionToken = "FwoGZXIvYXdzSECRET-SESSION-TOKEN";
    const QByteArray queryToken = "SECRET-QUERY-TOKEN";
    const QByteArray apiKey = "SECRET-API-KEY";
    m_server->enqueue(ScriptedResponse::status_(500));
    m_server->enqueue(ScriptedResponse::status_(401, R"({"error":"bad token"})"));
    QtMessageHandler previous = qInstallMessageHandler(captureLog);
    {
        QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    RecordingClient c;
    HttpRequest request;
    request.method = "POST";
    request.url = m_server->url(QStringLiteral("/api?access_token=") + QString::fromLatin1(queryToken)
                                + QStringLiteral("&page=2&X-Amz-Signature=abcdef0123&api_key=") + QString::fromLatin1(apiKey));
    request.headers = {{"Authorization", "Bearer " + bearer},
                       {"X-Amz-Security-Token", sessionToken},
                       {"X-Custom-Token", "SECRET-CUSTOM"},
                       {"Accept", "application/json"}};
    const HttpResult r = c.client.send(request);
    qInstallMessageHandler(previous);
    QVERIFY(!r.ok);
    QCOMPARE(m_server->requests().at(0).header("Authorization"), "Bearer " + bearer); // sent, of course

    QMutexLocker lock(&g_logMutex);
    const QString all = g_log.join(u'\n') + u'\n' + r.error;
#ifndef QT_NO_DEBUG_OUTPUT // Release builds compile the request/response lines out
    QVERIFY2(g_log.size() >= 4, qPrintable(all)); // request + response lines for two attempts, retry, failure
    QVERIFY(all.contains(QStringLiteral("Accept: application/json")));
#endif
    for (const QByteArray &secret : {bearer, sessionToken, queryToken, apiKey, QByteArray("SECRET-CUSTOM"),
                                     QByteArray("abcdef0123"), QByteArray("SECRET")}) {
        QVERIFY2(!all.contains(QString::fromLatin1(secret)), qPrintable(QStringLiteral("leaked: ") + all));
    }
    QVERIFY(all.contains(QStringLiteral("REDACTED")));
    QVERIFY(all.contains(QStringLiteral("page=2")));
}

void TestHttpClient::redactedUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("https://ce.us-east-1.amazonaws.com/") << QStringLiteral("https://ce.us-east-1.amazonaws.com/");
    QTest::newRow("user info") << QStringLiteral("https://user:pw@example.com/a") << QStringLiteral("https://example.com/a");
    QTest::newRow("token") << QStringLiteral("https://h/p?token=abc&x=1") << QStringLiteral("https://h/p?token=REDACTED&x=1");
    QTest::newRow("sas signature") << QStringLiteral("https://acct.blob.core.windows.net/c/f.csv?sv=2020&sig=abc%2Bdef&se=1")
                                   << QStringLiteral("https://acct.blob.core.windows.net/c/f.csv?sv=2020&sig=REDACTED&se=1");
    QTest::newRow("aws presigned") << QStringLiteral("https://b.s3.amazonaws.com/k?X-Amz-Credential=AKID%2F2015&X-Amz-Signature=ff&X-Amz-Security-Token=tt")
                                   << QStringLiteral("https://b.s3.amazonaws.com/k?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&X-Amz-Security-Token=REDACTED");
    QTest::newRow("alibaba") << QStringLiteral("https://ecs.aliyuncs.com/?AccessKeyId=testid&Signature=abc%3D&Action=DescribeRegions")
                             << QStringLiteral("https://ecs.aliyuncs.com/?AccessKeyId=REDACTED&Signature=REDACTED&Action=DescribeRegions");
    QTest::newRow("fragment") << QStringLiteral("https://h/p#access_token=abc") << QStringLiteral("https://h/p");
}

void TestHttpClient::redactedUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(HttpClient::redactedUrl(QUrl(url)), expected);
}

void TestHttpClient::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedMs"); // -1: unusable
    QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
    QTest::newRow("blank around") << QByteArray(" 7 ") << qint64(7000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("imf date") << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << qint64(5000);
    QTest::newRow("rfc 850 date") << QByteArray("Wednesday, 21-Oct-15 07:28:00 GMT") << qint64(5000);
    QTest::newRow("asctime date") << QByteArray("Wed Oct 21 07:28:00 2015") << qint64(5000);
    QTest::newRow("past date") << QByteArray("Tue, 20 Oct 2015 07:28:00 GMT") << qint64(0);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("negative") << QByteArray("-1") << qint64(-1);
    QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
    QTest::newRow("words") << QByteArray("later please") << qint64(-1);
}

void TestHttpClient::parseRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(2015, 10, 21), QTime(7, 27, 55), QTimeZone::utc());
    const auto parsed = HttpClient::parseRetryAfter(value, now);
    if (expectedMs < 0) {
        QVERIFY(!parsed.has_value());
    } else {
        QVERIFY(parsed.has_value());
        QCOMPARE(qint64(parsed->count()), expectedMs);
    }
}

void TestHttpClient::backoffBounds()
{
    HttpOptions options;
    options.initialBackoff = 100ms;
    options.maxBackoff = 1000ms;
    const HttpClient client(options);
    for (int round = 0; round < 50; ++round) {
        for (int retry = 1; retry <= 8; ++retry) {
            const qint64 full = std::min<qint64>(1000, 100LL << (retry - 1));
            const auto d = client.backoff(retry).count();
            QVERIFY2(d >= full / 2 && d <= full, qPrintable(QStringLiteral("retry %1: %2 ms").arg(retry).arg(d)));
        }
    }
}

void TestHttpClient::paging_data()
{
    QTest::addColumn<QStringList>("tokens"); // next token returned after each page; "!" = the page fails
    QTest::addColumn<int>("maxPages");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<int>("pages");
    QTest::addColumn<QString>("failure"); // what failure("GET /x", "nextLink") says
    QTest::newRow("one page") << QStringList{QString()} << 10 << true << false << 1 << QString();
    QTest::newRow("three pages") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QString()} << 10 << true << false << 3
                                 << QString();
    QTest::newRow("limit reached") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QString()} << 2
                                   << true << true << 2
                                   << QStringLiteral("GET /x: stopped after 2 pages; the server kept sending page tokens (nextLink)");
    QTest::newRow("token loop") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a")} << 10 << false
                                << false << 3
                                << QStringLiteral("the server returned the same page token twice (after page 3); stopped to avoid a loop");
    QTest::newRow("page fails") << QStringList{QStringLiteral("a"), QStringLiteral("!")} << 10 << false << false << 1
                                << QStringLiteral("HTTP 500");
}

void TestHttpClient::paging()
{
    QFETCH(QStringList, tokens);
    QFETCH(int, maxPages);
    QFETCH(bool, ok);
    QFETCH(bool, truncated);
    QFETCH(int, pages);
    QFETCH(QString, failure);
    int call = 0;
    QStringList tokensSeen;
    const auto result = fetchPages(maxPages, [&](const QString &token, QString *next, QString *error) {
        tokensSeen.append(token);
        const QString answer = tokens.value(call++);
        if (answer == QLatin1String("!")) {
            *error = QStringLiteral("HTTP 500");
            return false;
        }
        *next = answer;
        return true;
    });
    QCOMPARE(result.ok, ok);
    QCOMPARE(result.truncated, truncated);
    QCOMPARE(result.pages, pages);
    QCOMPARE(result.error.isEmpty(), ok);
    QCOMPARE(tokensSeen.value(0), QString());
    if (tokensSeen.size() > 1)
        QCOMPARE(tokensSeen.value(1), tokens.value(0));
    QCOMPARE(result.failure(QStringLiteral("GET /x"), QStringLiteral("nextLink")), failure);
    // Without naming the tokens the sentence ends at "page tokens".
    const QString plain = result.failure(QStringLiteral("GET /x"));
    QCOMPARE(plain, truncated ? failure.chopped(int(qstrlen(" (nextLink)"))) : failure);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "TestHttpClient.moc"
