// `costscope catalog refresh --provider aws|gcp|alibaba --account NAME` end to end: the account is
// added with `costscope accounts add` (secrets on standard input, into a real keyring run by
// scripts/with-keyring.sh), the refresh reads them from the keychain, asks the fake price list
// (support/FakePriceLists, which checks the signature) and writes <workspace>.flavors.csv with the
// provider's rows updated and every other provider's rows as they were. A failed refresh leaves
// the file byte for byte as it was; no secret appears in any output.

#include "support/FakePriceLists.h"
#include "support/Keyring.h"

#include "model/analysis/recommendations/FlavorCatalog.h"
#include "support/RunCli.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using costscope::analysis::FlavorCatalog;
using costscope::testsupport::CliResult;
using costscope::testsupport::FakeAlibabaPricing;
using costscope::testsupport::FakeAwsPricing;
using costscope::testsupport::FakeGcpBillingCatalog;
using costscope::testsupport::runCli;
using costscope::testsupport::ScriptedResponse;

namespace {

const QString kKeyId = QStringLiteral("AKIDCATALOGCLI");
const QString kSecret = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYCATALOGCLI");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The rows of a flavors.csv text that are not of the provider.
QList<QByteArray> rowsNotOf(const QByteArray &csv, const QByteArray &provider)
{
    QList<QByteArray> out;
    for (const QByteArray &line : csv.split('\n'))
        if (!line.startsWith('#') && !line.startsWith(QByteArray(provider + ',')))
            out << line;
    return out;
}

} // namespace

class TestCatalogCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void awsRefreshWithKeychainAccount();
    void refusedWithoutUsableAccount();
    void gcpRefreshWithKeychainAccount();
    void alibabaRefreshWithKeychainAccount();
};

void TestCatalogCommands::awsRefreshWithKeychainAccount()
{
    REQUIRE_KEYRING();
    QTemporaryDir dir(qEnvironmentVariable("HOME") + QStringLiteral("/catalog-aws-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("w.costscope"));
    FakeAwsPricing fake(kKeyId, kSecret);
    QVERIFY(fake.start());
    FakeAwsPricing::Product p;
    p.instanceType = QStringLiteral("m5.xlarge");
    p.regionCode = QStringLiteral("us-east-1");
    p.usd = QStringLiteral("0.1990000000");
    fake.addProduct(p);
    p.instanceType = QStringLiteral("c5.large");
    p.regionCode = QStringLiteral("us-west-1");
    p.usd = QStringLiteral("0.1060000000");
    fake.addProduct(p);
    const QString keys = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("access_key_id"), kKeyId},
                                                                     {QStringLiteral("secret_access_key"), kSecret}})
                                               .toJson(QJsonDocument::Compact));
    QStringList outputs;
    CliResult r = runCli({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("aws"),
                          QStringLiteral("--name"), QStringLiteral("prod"), QStringLiteral("--workspace"), ws},
                         keys);
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err));

    const QStringList refresh = {QStringLiteral("catalog"),  QStringLiteral("refresh"),   QStringLiteral("--provider"),
                                 QStringLiteral("aws"),      QStringLiteral("--account"), QStringLiteral("prod"),
                                 QStringLiteral("--endpoint"), fake.url().toString(),   QStringLiteral("--workspace"),
                                 ws};
    r = runCli(refresh);
    outputs << r.out << r.err;
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QCOMPARE(fake.rejections(), QStringList());
    QVERIFY2(r.out.contains(QStringLiteral("2 AWS prices read in ")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("2 catalog rows changed or added")), qPrintable(r.out));
    // Every AWS flavour of the catalog in every AWS region of the catalog was asked for.
    std::set<QString> regions, flavors;
    for (const auto &f : FlavorCatalog::bundled().flavors())
        if (f.provider == u"AWS") {
            regions.insert(f.region);
            flavors.insert(f.name);
        }
    QCOMPARE(fake.server().requestCount(), int(regions.size() * flavors.size()));

    const QString file = FlavorCatalog::workspaceFile(ws);
    const QByteArray written = readAll(file);
    QVERIFY(written.startsWith("# Costscope flavour catalog, refreshed "));
    QCOMPARE(rowsNotOf(written, "AWS"), rowsNotOf(FlavorCatalog::bundled().toCsv(QStringLiteral("x")), "AWS"));
    QString source;
    const FlavorCatalog c = FlavorCatalog::forWorkspace(ws, &source);
    QCOMPARE(source, file);
    QCOMPARE(c.find(QStringLiteral("AWS"), QStringLiteral("us-east-1"), QStringLiteral("m5.xlarge"))->hourly.toString(),
             QStringLiteral("0.199"));
    bool matched = false;
    const auto *added = c.find(QStringLiteral("AWS"), QStringLiteral("us-west-1"), QStringLiteral("c5.large"), &matched);
    QVERIFY(added && matched);
    QCOMPARE(added->hourly.toString(), QStringLiteral("0.106"));

    // A broken answer: exit 1, one line naming the request, the file as it was.
    fake.server().enqueue(ScriptedResponse::ok("{\"PriceList\":[42]}"));
    r = runCli(refresh);
    outputs << r.out << r.err;
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("costscope catalog refresh: AWS Price List GetProducts ")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("is not a JSON string (the catalog was not changed)")), qPrintable(r.err));
    QCOMPARE(r.err.count(u'\n'), 1);
    QCOMPARE(readAll(file), written);
    for (const QString &o : outputs)
        QVERIFY2(!o.contains(kSecret), qPrintable(o));
}

void TestCatalogCommands::refusedWithoutUsableAccount()
{
    REQUIRE_KEYRING();
    QTemporaryDir dir(qEnvironmentVariable("HOME") + QStringLiteral("/catalog-refused-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("w.costscope"));
    CliResult r = runCli({QStringLiteral("catalog"), QStringLiteral("refresh"), QStringLiteral("--provider"), QStringLiteral("aws"),
                          QStringLiteral("--workspace"), ws});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--provider aws needs --account NAME")), qPrintable(r.err));
    r = runCli({QStringLiteral("catalog"), QStringLiteral("refresh"), QStringLiteral("--provider"), QStringLiteral("gcp"),
                QStringLiteral("--account"), QStringLiteral("nobody"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("no account named 'nobody'")), qPrintable(r.err));
    r = runCli({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("alibaba"),
                QStringLiteral("--name"), QStringLiteral("ali"), QStringLiteral("--workspace"), ws},
               QStringLiteral("access_key_id=LTAIx\naccess_key_secret=abcdefgh\n"));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = runCli({QStringLiteral("catalog"), QStringLiteral("refresh"), QStringLiteral("--provider"), QStringLiteral("aws"),
                QStringLiteral("--account"), QStringLiteral("ali"), QStringLiteral("--workspace"), ws});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("account 'ali' is a alibaba account, not aws")), qPrintable(r.err));
    r = runCli({QStringLiteral("catalog"), QStringLiteral("refresh"), QStringLiteral("--provider"), QStringLiteral("oracle"),
                QStringLiteral("--workspace"), ws});
    QCOMPARE(r.code, 2);
    QVERIFY(!QFile::exists(FlavorCatalog::workspaceFile(ws)));
}

void TestCatalogCommands::gcpRefreshWithKeychainAccount()
{
    REQUIRE_KEYRING();
    QTemporaryDir dir(qEnvironmentVariable("HOME") + QStringLiteral("/catalog-gcp-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("w.costscope"));
    FakeGcpBillingCatalog fake;
    QVERIFY(fake.start());
    const QStringList central = {QStringLiteral("us-central1")};
    fake.addSku(QStringLiteral("N2 Instance Core running in Americas"), QStringLiteral("OnDemand"), central, 0, 31611364,
                QStringLiteral("h"));
    fake.addSku(QStringLiteral("N2 Instance Ram running in Americas"), QStringLiteral("OnDemand"), central, 0, 4237000,
                QStringLiteral("GiBy.h"));
    const QByteArray key = readAll(QStringLiteral(COSTSCOPE_TEST_DATA "/gcp/test_service_account.json"));
    QVERIFY(!key.isEmpty());
    // The account's endpoint serves the token and the catalog (as a proxy would).
    const QString endpoint = fake.server().url(QString()).toString();
    CliResult r = runCli({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("gcp"),
                          QStringLiteral("--name"), QStringLiteral("billing"), QStringLiteral("--endpoint"), endpoint,
                          QStringLiteral("--scope"), QStringLiteral("costscope-fake-1"), QStringLiteral("--billing-table"),
                          QStringLiteral("costscope-fake-1.billing.gcp_billing_export_v1_0A1B2C_3D4E5F_6A7B8C"),
                          QStringLiteral("--workspace"), ws},
                         QString::fromUtf8(key));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = runCli({QStringLiteral("catalog"), QStringLiteral("refresh"), QStringLiteral("--provider"), QStringLiteral("gcp"),
                QStringLiteral("--account"), QStringLiteral("billing"), QStringLiteral("--workspace"), ws});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QCOMPARE(fake.rejections(), QStringList());
    QCOMPARE(fake.tokensIssued(), 1);
    // n2-standard-2..32 and n2-highmem-2..8 of the catalog: 8 flavours priced.
    QVERIFY2(r.out.contains(QStringLiteral("8 GCP prices read in 1 requests")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("skipped us-central1 e2-medium: shared-core")), qPrintable(r.out));
    const FlavorCatalog c = FlavorCatalog::forWorkspace(ws);
    // 4 x 0.031611364 + 16 x 0.004237
    QCOMPARE(c.find(QStringLiteral("GCP"), QStringLiteral("us-central1"), QStringLiteral("n2-standard-4"))->hourly.toString(),
             QStringLiteral("0.194237456"));
    QCOMPARE(c.find(QStringLiteral("GCP"), QStringLiteral("us-central1"), QStringLiteral("e2-medium"))->hourly.toString(),
             QStringLiteral("0.0335"));
    const QString privateKeyLine = QString::fromUtf8(key).section(QStringLiteral("\\n"), 3, 3);
    QVERIFY(privateKeyLine.size() > 40);
    QVERIFY(!r.out.contains(privateKeyLine) && !r.err.contains(privateKeyLine) && !r.out.contains(QStringLiteral("ya29.")));
}

void TestCatalogCommands::alibabaRefreshWithKeychainAccount()
{
    REQUIRE_KEYRING();
    QTemporaryDir dir(qEnvironmentVariable("HOME") + QStringLiteral("/catalog-ali-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("w.costscope"));
    const QString secret = QStringLiteral("Ali+Catalog/CliSecret0123456789");
    FakeAlibabaPricing fake(QStringLiteral("LTAI5tCatalogCli"), secret);
    QVERIFY(fake.start());
    fake.setPrice(QStringLiteral("cn-hangzhou"), QStringLiteral("ecs.g6.xlarge"), 0.2);
    CliResult r = runCli({QStringLiteral("accounts"), QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("alibaba"),
                          QStringLiteral("--name"), QStringLiteral("ali"), QStringLiteral("--scope"), QStringLiteral("international"),
                          QStringLiteral("--workspace"), ws},
                         QStringLiteral("access_key_id=LTAI5tCatalogCli\naccess_key_secret=") + secret + u'\n');
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = runCli({QStringLiteral("catalog"), QStringLiteral("refresh"), QStringLiteral("--provider"), QStringLiteral("alibaba"),
                QStringLiteral("--account"), QStringLiteral("ali"), QStringLiteral("--endpoint"), fake.url().toString(),
                QStringLiteral("--workspace"), ws});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QCOMPARE(fake.rejections(), QStringList());
    QVERIFY2(r.out.contains(QStringLiteral("1 Alibaba Cloud prices read in 11 requests, 10 skipped, 1 catalog rows changed")),
             qPrintable(r.out));
    const FlavorCatalog c = FlavorCatalog::forWorkspace(ws);
    QCOMPARE(c.find(QStringLiteral("Alibaba Cloud"), QStringLiteral("cn-hangzhou"), QStringLiteral("ecs.g6.xlarge"))->hourly.toString(),
             QStringLiteral("0.2"));
    QVERIFY(!r.out.contains(secret) && !r.err.contains(secret));
}

QTEST_GUILESS_MAIN(TestCatalogCommands)
#include "TestCatalogCommands.moc"
