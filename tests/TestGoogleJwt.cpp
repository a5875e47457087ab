#include "providers/auth/GoogleServiceAccountJwt.h"
#include "providers/auth/GoogleTokenProvider.h"
#include "support/LocalHttpServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using costscope::providers::auth::GoogleServiceAccount;
using costscope::providers::auth::GoogleServiceAccountJwt;

namespace {

const QString kAccountFile = QStringLiteral(COSTSCOPE_TEST_DATA "/gcp/test_service_account.json");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString pythonInterpreter()
{
    const QByteArray fromEnv = qgetenv("COSTSCOPE_PYTHON");
    if (!fromEnv.isEmpty())
        return QString::fromLocal8Bit(fromEnv);
    // Debian's python3-google-auth lives in the system interpreter; a PATH python may lack it.
    return QFile::exists(QStringLiteral("/usr/bin/python3")) ? QStringLiteral("/usr/bin/python3")
                                                              : QStringLiteral("python3");
}

QJsonObject decodePart(const QByteArray &part)
{
    return QJsonDocument::fromJson(QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding)).object();
}

} // namespace

class TestGoogleJwt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseAccount();
    void parseBroken_data();
    void parseBroken();
    void claims();
    void verifiedByGoogleAuth();
    void brokenKey_data();
    void brokenKey();
    void tokenRequestBody();
    void tokenExchange();
    void tokenExchangeErrors_data();
    void tokenExchangeErrors();
};

void TestGoogleJwt::parseAccount()
{
    QString error;
    const auto account = GoogleServiceAccount::fromJson(readFile(kAccountFile), &error);
    QVERIFY2(account, qPrintable(error));
    QCOMPARE(account->clientEmail, QStringLiteral("service-account@example.com"));
    QCOMPARE(account->privateKeyId, QStringLiteral("1"));
    QCOMPARE(account->tokenUri, QStringLiteral("https://accounts.google.com/o/oauth2/token"));
    QCOMPARE(account->projectId, QStringLiteral("example-project"));
    QVERIFY(account->privateKeyPem.startsWith("-----BEGIN RSA PRIVATE KEY-----"));
}

void TestGoogleJwt::parseBroken_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorMentions");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not a JSON object");
    QTest::newRow("not json") << QByteArray("-----BEGIN RSA PRIVATE KEY-----") << QStringLiteral("not a JSON object");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
    QTest::newRow("user credentials") << QByteArray(R"({"type":"authorized_user","client_id":"x"})")
                                      << QStringLiteral("service_account");
    QTest::newRow("no email") << QByteArray(R"({"type":"service_account","private_key":"k"})")
                              << QStringLiteral("client_email");
    QTest::newRow("no key") << QByteArray(R"({"type":"service_account","client_email":"a@b"})")
                            << QStringLiteral("private_key");
}

void TestGoogleJwt::parseBroken()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorMentions);
    QString error;
    QVERIFY(!GoogleServiceAccount::fromJson(json, &error));
    QVERIFY2(error.contains(errorMentions), qPrintable(error));
}

void TestGoogleJwt::claims()
{
    QString error;
    const auto account = GoogleServiceAccount::fromJson(readFile(kAccountFile), &error);
    QVERIFY(account);
    const QDateTime iat(QDate(2024, 3, 1), QTime(10, 0, 0), QTimeZone::utc());
    const QByteArray jwt = GoogleServiceAccountJwt::assertion(
        *account, {QStringLiteral("https://www.googleapis.com/auth/cloud-platform.read-only"),
                   QStringLiteral("https://www.googleapis.com/auth/bigquery.readonly")},
        iat, &error);
    QVERIFY2(!jwt.isEmpty(), qPrintable(error));
    const QList<QByteArray> parts = jwt.split('.');
    QCOMPARE(parts.size(), 3);
    QVERIFY(!jwt.contains('=') && !jwt.contains('+') && !jwt.contains('/'));
    const QJsonObject header = decodePart(parts[0]);
    QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    QCOMPARE(header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(header.value(QStringLiteral("kid")).toString(), QStringLiteral("1"));
    const QJsonObject claims = decodePart(parts[1]);
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("service-account@example.com"));
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://accounts.google.com/o/oauth2/token"));
    QCOMPARE(claims.value(QStringLiteral("scope")).toString(),
             QStringLiteral("https://www.googleapis.com/auth/cloud-platform.read-only "
                            "https://www.googleapis.com/auth/bigquery.readonly"));
    QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), iat.toSecsSinceEpoch());
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), iat.toSecsSinceEpoch() + 3600);
    QCOMPARE(QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding).size(), 256); // RSA-2048
}

void TestGoogleJwt::verifiedByGoogleAuth()
{
    QString error;
    const auto account = GoogleServiceAccount::fromJson(readFile(kAccountFile), &error);
    QVERIFY(account);
    // google.auth.jwt.decode checks iat/exp against the real clock: sign "now".
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray jwt = GoogleServiceAccountJwt::assertion(
        *account, {QStringLiteral("https://www.googleapis.com/auth/cloud-platform")}, now, &error);
    QVERIFY2(!jwt.isEmpty(), qPrintable(error));

    QProcess python;
    python.start(pythonInterpreter(),
                 {QStringLiteral(COSTSCOPE_SOURCE_DIR "/tests/support/verify_google_jwt.py"), kAccountFile});
    QVERIFY2(python.waitForStarted(), "python3 is required to verify the JWT (Debian: python3-google-auth)");
    python.write(jwt);
    python.closeWriteChannel();
    QVERIFY(python.waitForFinished(60000));
    const QByteArray stderrText = python.readAllStandardError();
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, stderrText.constData());
    const QJsonObject out = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    const QJsonObject claims = out.value(QStringLiteral("claims")).toObject();
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("service-account@example.com"));
    QCOMPARE(claims.value(QStringLiteral("scope")).toString(), QStringLiteral("https://www.googleapis.com/auth/cloud-platform"));
    QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() - claims.value(QStringLiteral("iat")).toInteger(), 3600);
    QCOMPARE(out.value(QStringLiteral("header")).toObject().value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));

    // A tampered token must not verify: the oracle really checks the signature.
    QByteArray tampered = jwt;
    const qsizetype dot = tampered.indexOf('.');
    const QByteArray forgedClaims = QJsonDocument(QJsonObject{{QStringLiteral("iss"), QStringLiteral("attacker@example.com")},
                                                              {QStringLiteral("aud"), account->tokenUri},
                                                              {QStringLiteral("iat"), now.toSecsSinceEpoch()},
                                                              {QStringLiteral("exp"), now.toSecsSinceEpoch() + 3600}})
                                        .toJson(QJsonDocument::Compact)
                                        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const qsizetype dot2 = tampered.indexOf('.', dot + 1);
    tampered.replace(dot + 1, dot2 - dot - 1, forgedClaims);
    QProcess python2;
    python2.start(pythonInterpreter(),
                  {QStringLiteral(COSTSCOPE_SOURCE_DIR "/tests/support/verify_google_jwt.py"), kAccountFile});
    QVERIFY(python2.waitForStarted());
    python2.write(tampered);
    python2.closeWriteChannel();
    QVERIFY(python2.waitForFinished(60000));
    QVERIFY(python2.exitCode() != 0);
    QVERIFY(python2.readAllStandardError().contains("signature"));
}

void TestGoogleJwt::brokenKey_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QString>("errorMentions");
    const QByteArray good = GoogleServiceAccount::fromJson(readFile(kAccountFile), nullptr)->privateKeyPem;
    QByteArray corrupted = good;
    corrupted[100] = corrupted[100] == 'A' ? 'B' : 'A';
    corrupted[101] = corrupted[101] == 'A' ? 'B' : 'A';
    QTest::newRow("not pem") << QByteArray("this is not a key") << QStringLiteral("not a readable PEM key");
    QTest::newRow("truncated") << good.left(good.size() / 2) << QStringLiteral("not a readable PEM key");
    QTest::newRow("corrupted body") << corrupted << QStringLiteral("key");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not a readable PEM key");
    QTest::newRow("public key") << QByteArray("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n")
                                << QStringLiteral("not a readable PEM key");
    // An EC key: readable, but RS256 needs RSA.
    QTest::newRow("ec key") << QByteArray("-----BEGIN PRIVATE KEY-----\n"
                                          "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgevZzL1gdAFr88hb2\n"
                                          "OF/2NxApJCzGCEDdfSp6VQO30hyhRANCAAQRWz+jn65BtOMvdyHKcvjBeBSDZH2r\n"
                                          "1RTwjmYSi9R/zpBnuQ4EiMnCqfMPWiZqB4QdbAd0E7oH50VpuZ1P087G\n"
                                          "-----END PRIVATE KEY-----\n")
                            << QStringLiteral("not an RSA key");
}

void TestGoogleJwt::brokenKey()
{
    QFETCH(QByteArray, pem);
    QFETCH(QString, errorMentions);
    QString error;
    auto account = GoogleServiceAccount::fromJson(readFile(kAccountFile), &error);
    QVERIFY(account);
    account->privateKeyPem = pem;
    const QByteArray jwt = GoogleServiceAccountJwt::assertion(*account, {QStringLiteral("scope")},
                                                              QDateTime::currentDateTimeUtc(), &error);
    QVERIFY(jwt.isEmpty());
    QVERIFY2(error.contains(errorMentions), qPrintable(error));
}

void TestGoogleJwt::tokenRequestBody()
{
    const QByteArray body = GoogleServiceAccountJwt::tokenRequestBody("aaa.bbb-_.ccc");
    const QUrlQuery form(QString::fromLatin1(body));
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded),
             QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
    QCOMPARE(form.queryItemValue(QStringLiteral("assertion"), QUrl::FullyDecoded), QStringLiteral("aaa.bbb-_.ccc"));
}

void TestGoogleJwt::tokenExchange()
{
    using costscope::testsupport::ScriptedResponse;
    costscope::testsupport::LocalHttpServer server;
    QVERIFY(server.start());
    server.enqueue(ScriptedResponse::ok(R"({"access_token":"ya29.first","expires_in":3599,"token_type":"Bearer"})"));
    server.enqueue(ScriptedResponse::ok(R"({"access_token":"ya29.second","expires_in":3599,"token_type":"Bearer"})"));
    costscope::providers::net::HttpClient http;
    QString error;
    auto account = GoogleServiceAccount::fromJson(readFile(kAccountFile), &error);
    QVERIFY(account);
    costscope::providers::auth::GoogleTokenProvider provider(
        http, *account, {QStringLiteral("https://www.googleapis.com/auth/bigquery.readonly")});
    provider.setTokenEndpoint(server.url(QStringLiteral("/token")));
    QDateTime now(QDate(2024, 5, 1), QTime(9, 0, 0), QTimeZone::utc());
    provider.setClock([&now] { return now; });

    const auto first = provider.token();
    QVERIFY2(first.ok, qPrintable(first.error));
    QCOMPARE(first.accessToken, QByteArray("ya29.first"));
    now = now.addSecs(3000); // still well before expiry: cached
    QCOMPARE(provider.token().accessToken, QByteArray("ya29.first"));
    now = now.addSecs(400); // within five minutes of expiry: refreshed
    QCOMPARE(provider.token().accessToken, QByteArray("ya29.second"));

    const auto requests = server.requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests[0].method, QByteArray("POST"));
    QCOMPARE(requests[0].header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    const QUrlQuery form(QString::fromLatin1(requests[0].body));
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded),
             QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
    const QByteArray assertion = form.queryItemValue(QStringLiteral("assertion"), QUrl::FullyDecoded).toLatin1();
    const QJsonObject claims = decodePart(assertion.split('.').value(1));
    QCOMPARE(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("service-account@example.com"));
    QCOMPARE(claims.value(QStringLiteral("aud")).toString(), account->tokenUri);
    QCOMPARE(claims.value(QStringLiteral("scope")).toString(), QStringLiteral("https://www.googleapis.com/auth/bigquery.readonly"));
    QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), QDateTime(QDate(2024, 5, 1), QTime(9, 0, 0), QTimeZone::utc()).toSecsSinceEpoch());
}

void TestGoogleJwt::tokenExchangeErrors_data()
{
    QTest::addColumn<QByteArray>("pem"); // empty: the test key
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorMentions");
    QTest::addColumn<int>("requests");
    QTest::newRow("invalid_grant") << QByteArray() << 400
                                   << QByteArray(R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})")
                                   << QStringLiteral("invalid_grant: Invalid JWT Signature.") << 1;
    QTest::newRow("no access_token") << QByteArray() << 200 << QByteArray(R"({"expires_in":3599})")
                                     << QStringLiteral("unusable response") << 1;
    QTest::newRow("not json") << QByteArray() << 200 << QByteArray("<html>") << QStringLiteral("unusable response") << 1;
    QTest::newRow("forbidden without json") << QByteArray() << 403 << QByteArray("denied") << QStringLiteral("HTTP 403") << 1;
    QTest::newRow("broken key") << QByteArray("not a key") << 200 << QByteArray() << QStringLiteral("not a readable PEM key")
                                << 0;
}

void TestGoogleJwt::tokenExchangeErrors()
{
    QFETCH(QByteArray, pem);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorMentions);
    QFETCH(int, requests);
    costscope::testsupport::LocalHttpServer server;
    QVERIFY(server.start());
    server.enqueue(costscope::testsupport::ScriptedResponse::status_(status, body));
    costscope::providers::net::HttpClient http;
    QString error;
    auto account = GoogleServiceAccount::fromJson(readFile(kAccountFile), &error);
    QVERIFY(account);
    if (!pem.isEmpty())
        account->privateKeyPem = pem;
    costscope::providers::auth::GoogleTokenProvider provider(http, *account, {QStringLiteral("scope")});
    provider.setTokenEndpoint(server.url(QStringLiteral("/token")));
    const auto result = provider.token();
    QVERIFY(!result.ok);
    QVERIFY(result.accessToken.isEmpty());
    QVERIFY2(result.error.contains(errorMentions), qPrintable(result.error));
    QVERIFY(result.error.contains(QStringLiteral("service-account@example.com")));
    QVERIFY(!result.error.contains(QStringLiteral("PRIVATE KEY")));
    QCOMPARE(server.requestCount(), requests);
}

QTEST_GUILESS_MAIN(TestGoogleJwt)
#include "TestGoogleJwt.moc"
