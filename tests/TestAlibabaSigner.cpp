#include "providers/auth/AlibabaRpcSigner.h"

#include <QTest>
#include <QTimeZone>

using costscope::providers::auth::AlibabaCredentials;
using costscope::providers::auth::AlibabaRpcSigner;
using costscope::providers::auth::QueryParams;

namespace {

// The worked example of Alibaba Cloud's RPC signature documentation.
QueryParams documentedRequest()
{
    return {{QStringLiteral("Action"), QStringLiteral("DescribeRegions")},
            {QStringLiteral("Version"), QStringLiteral("2014-05-26")},
            {QStringLiteral("Format"), QStringLiteral("XML")},
            {QStringLiteral("AccessKeyId"), QStringLiteral("testid")},
            {QStringLiteral("SignatureMethod"), QStringLiteral("HMAC-SHA1")},
            {QStringLiteral("SignatureVersion"), QStringLiteral("1.0")},
            {QStringLiteral("SignatureNonce"), QStringLiteral("3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf")},
            {QStringLiteral("Timestamp"), QStringLiteral("2016-02-23T12:46:24Z")}};
}

} // namespace

class TestAlibabaSigner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownVector();
    void percentEncode_data();
    void percentEncode();
    void signatureChanges_data();
    void signatureChanges();
    void commonParameters();
    void signedQuery();
};

void TestAlibabaSigner::knownVector()
{
    const QueryParams params = documentedRequest();
    QCOMPARE(AlibabaRpcSigner::stringToSign("GET", params),
             QByteArray("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-"
                        "SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%"
                        "3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"));
    QCOMPARE(AlibabaRpcSigner::signature("GET", params, QStringLiteral("testsecret")),
             QStringLiteral("OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
    // The order the caller gives does not matter.
    QueryParams reversed = params;
    std::reverse(reversed.begin(), reversed.end());
    QCOMPARE(AlibabaRpcSigner::signature("GET", reversed, QStringLiteral("testsecret")),
             QStringLiteral("OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
    // A Signature parameter left over from an earlier attempt is not signed.
    QueryParams withOld = params;
    withOld.append({QStringLiteral("Signature"), QStringLiteral("stale")});
    QCOMPARE(AlibabaRpcSigner::signature("GET", withOld, QStringLiteral("testsecret")),
             QStringLiteral("OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
}

void TestAlibabaSigner::percentEncode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("unreserved") << QStringLiteral("AZaz09-_.~") << QByteArray("AZaz09-_.~");
    QTest::newRow("space") << QStringLiteral("a b") << QByteArray("a%20b");
    QTest::newRow("star") << QStringLiteral("a*b") << QByteArray("a%2Ab");
    QTest::newRow("plus") << QStringLiteral("a+b") << QByteArray("a%2Bb");
    QTest::newRow("slash") << QStringLiteral("/") << QByteArray("%2F");
    QTest::newRow("colon") << QStringLiteral("12:46") << QByteArray("12%3A46");
    QTest::newRow("equals and ampersand") << QStringLiteral("k=v&x") << QByteArray("k%3Dv%26x");
    QTest::newRow("percent") << QStringLiteral("100%") << QByteArray("100%25");
    QTest::newRow("utf8") << QStringLiteral("中文") << QByteArray("%E4%B8%AD%E6%96%87");
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestAlibabaSigner::percentEncode()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, encoded);
    QCOMPARE(AlibabaRpcSigner::percentEncode(text), encoded);
}

void TestAlibabaSigner::signatureChanges_data()
{
    // Each row alters the documented request; the signature must differ from the known one.
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("POST") << QByteArray("POST") << QStringLiteral("testsecret") << QString() << QString();
    QTest::newRow("other secret") << QByteArray("GET") << QStringLiteral("testsecret2") << QString() << QString();
    QTest::newRow("empty secret") << QByteArray("GET") << QString() << QString() << QString();
    QTest::newRow("other timestamp") << QByteArray("GET") << QStringLiteral("testsecret") << QStringLiteral("Timestamp")
                                     << QStringLiteral("2016-02-23T12:46:25Z");
    QTest::newRow("extra empty param") << QByteArray("GET") << QStringLiteral("testsecret") << QStringLiteral("RegionId")
                                       << QString();
    QTest::newRow("unicode param") << QByteArray("GET") << QStringLiteral("testsecret") << QStringLiteral("Tag")
                                   << QStringLiteral("成本 *");
}

void TestAlibabaSigner::signatureChanges()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, secret);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QueryParams params = documentedRequest();
    if (!key.isEmpty()) {
        params.removeIf([&key](const auto &p) { return p.first == key; });
        params.append({key, value});
    }
    const QString sig = AlibabaRpcSigner::signature(method, params, secret);
    QVERIFY(!sig.isEmpty());
    QVERIFY(sig != QStringLiteral("OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
    QCOMPARE(QByteArray::fromBase64(sig.toLatin1()).size(), 20); // an SHA-1 MAC
}

void TestAlibabaSigner::commonParameters()
{
    const QueryParams params = AlibabaRpcSigner::withCommonParameters(
        {{QStringLiteral("Action"), QStringLiteral("DescribeRegions")},
         {QStringLiteral("Version"), QStringLiteral("2014-05-26")},
         {QStringLiteral("Format"), QStringLiteral("XML")}},
        AlibabaCredentials{QStringLiteral("testid"), QStringLiteral("testsecret")},
        QDateTime(QDate(2016, 2, 23), QTime(20, 46, 24), QTimeZone(8 * 3600)),
        QStringLiteral("3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"));
    // Format given by the caller is kept; the time is converted to UTC.
    QCOMPARE(AlibabaRpcSigner::signature("GET", params, QStringLiteral("testsecret")),
             QStringLiteral("OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
    QCOMPARE(params.size(), 8);
}

void TestAlibabaSigner::signedQuery()
{
    const QByteArray query = AlibabaRpcSigner::signedQuery(
        "GET", documentedRequest(), AlibabaCredentials{QStringLiteral("testid"), QStringLiteral("testsecret")});
    QVERIFY(query.startsWith("AccessKeyId=testid&Action=DescribeRegions&Format=XML&"));
    QVERIFY(query.contains("&Timestamp=2016-02-23T12%3A46%3A24Z&"));
    QVERIFY(query.endsWith("&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"));
    QVERIFY(!query.contains("testsecret"));
}

QTEST_GUILESS_MAIN(TestAlibabaSigner)
#include "TestAlibabaSigner.moc"
