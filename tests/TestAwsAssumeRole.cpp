// AWS role assumption (issue 4, docs/sync.md "AWS role"): an account with a role ARN signs only STS
// AssumeRole with its own keys and every later call of the sync with the role's temporary keys and
// session token; the credentials are renewed before they expire and once after "expired"; AccessDenied
// and broken STS answers end in plain words; no secret or session token reaches an error or the
// workspace; role ARNs are checked when an account is added.

#include "support/FakeAwsRole.h"

#include "model/store/CostStore.h"
#include "providers/aws/AwsClient.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudSyncService.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::aws::AwsClient;
using costscope::providers::sync::AccountEntry;
using costscope::providers::sync::AccountRegistry;
using costscope::providers::sync::CloudSyncService;
using costscope::providers::sync::SyncOptions;
using costscope::testsupport::FakeAwsRole;
using costscope::testsupport::Fault;
using costscope::testsupport::FaultPlan;
using costscope::testsupport::FaultTarget;

namespace {

const QDate kToday(2024, 3, 10);

struct Fixture
{
    QTemporaryDir dir;
    QString workspace;
    std::unique_ptr<FakeAwsRole> fake = testsupport::makeFakeAwsWithRole();
    SyncOptions options;

    Fixture()
    {
        workspace = dir.filePath(QStringLiteral("ws.costscope"));
        options.http.connectTimeout = 5s;
        options.http.totalTimeout = 20s;
        options.http.maxAttempts = 2;
        options.sleep = [](std::chrono::milliseconds, const CancelFn &) {};
        options.client.maxPages = 8;
        options.today = [] { return kToday; };
    }

    bool addAccount(const providers::AccountConfig &config)
    {
        AccountRegistry registry(workspace);
        QString error;
        if (!registry.load(&error))
            return false;
        AccountEntry e;
        e.config = config;
        e.initialMonths = 1;
        return registry.add(e, &error) && registry.save(&error);
    }

    AccountSyncReport sync()
    {
        const providers::Secrets secrets = fake->secrets();
        CloudSyncService service(options, testsupport::secretsFrom(secrets));
        const auto reports = service.syncAccounts(workspace, {}, {}, {}, {}, {});
        return reports.size() == 1 ? reports.front() : AccountSyncReport{};
    }

    // Every secret the test knows: the long-term secret and each issued temporary secret and token.
    QStringList allSecrets() const
    {
        return fake->issuedSecrets() << fake->secrets().value(QStringLiteral("secret_access_key"));
    }

    // The first secret found in the text or in any file under the test directory, or empty.
    QString leak(const QString &text) const
    {
        for (const QString &s : allSecrets()) {
            if (text.contains(s))
                return QStringLiteral("error text holds ") + s;
        }
        QDirIterator it(dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return QStringLiteral("cannot read ") + path;
            const QByteArray bytes = file.readAll();
            for (const QString &s : allSecrets()) {
                if (bytes.contains(s.toUtf8()))
                    return path + QStringLiteral(" holds ") + s;
            }
        }
        return {};
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

class TestAwsAssumeRole : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void syncsWithTemporaryCredentials();
    void longTermKeysAloneAreRefused();
    void renewsCredentialsBeforeExpiry();
    void assumesAgainAfterExpiredToken();
    void stsFailures_data();
    void stsFailures();
    void roleArnFormat_data();
    void roleArnFormat();
};

void TestAwsAssumeRole::syncsWithTemporaryCredentials()
{
    Fixture f;
    QVERIFY(f.fake->start());
    QVERIFY(f.addAccount(f.fake->account(QStringLiteral("prod"))));
    const AccountSyncReport report = f.sync();
    QVERIFY2(report.ok, qPrintable(report.error + u'\n' + f.fake->rejection()));
    QCOMPARE(report.resources, f.fake->resourceCount());
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM resource"), int64_t(f.fake->resourceCount()));
    QVERIFY(queryInt(f.workspace, "SELECT COUNT(*) FROM line_item") > 0);
    // One AssumeRole for the whole sync; every other request carried the temporary keys.
    QCOMPARE(f.fake->assumeRoleCount(), 1);
    QCOMPARE(f.fake->temporaryCalls(), f.fake->requestCount() - 1);
    QVERIFY(f.fake->temporaryCalls() > 5);
    QCOMPARE(f.fake->lastSessionName(), QStringLiteral("costscope-aws-prod"));
    QCOMPARE(f.fake->rejection(), QString());
    const QString leaked = f.leak(report.error);
    QVERIFY2(leaked.isEmpty(), qPrintable(leaked));
}

void TestAwsAssumeRole::longTermKeysAloneAreRefused()
{
    // The server really insists on the role: the same keys without the role ARN are refused.
    Fixture f;
    QVERIFY(f.fake->start());
    providers::AccountConfig config = f.fake->account(QStringLiteral("prod"));
    config.options.clear();
    QVERIFY(f.addAccount(config));
    const AccountSyncReport report = f.sync();
    QVERIFY(!report.ok);
    QCOMPARE(f.fake->rejection(), QStringLiteral("a service call not signed with the role's temporary keys"));
    QCOMPARE(f.fake->assumeRoleCount(), 0);
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM line_item"), int64_t(0));
}

void TestAwsAssumeRole::renewsCredentialsBeforeExpiry()
{
    // Credentials that live two minutes are inside the five-minute renewal margin at once: every
    // call assumes the role again, and each call uses the keys issued just before it.
    Fixture f;
    QVERIFY(f.fake->start());
    f.fake->setTemporaryLifetime(120);
    QVERIFY(f.addAccount(f.fake->account(QStringLiteral("prod"))));
    const AccountSyncReport report = f.sync();
    QVERIFY2(report.ok, qPrintable(report.error + u'\n' + f.fake->rejection()));
    QCOMPARE(f.fake->assumeRoleCount(), f.fake->temporaryCalls());
    QCOMPARE(f.fake->assumeRoleCount() + f.fake->temporaryCalls(), f.fake->requestCount());
    const QString leaked = f.leak(report.error);
    QVERIFY2(leaked.isEmpty(), qPrintable(leaked));
}

void TestAwsAssumeRole::assumesAgainAfterExpiredToken()
{
    // AWS answers ExpiredTokenException once in the middle of the costs: the client assumes the
    // role again and repeats the call, and the sync completes.
    Fixture f;
    QVERIFY(f.fake->start());
    f.fake->setFault(FaultPlan{Fault::ExpiredToken, FaultTarget::Costs, QDate(), 1});
    QVERIFY(f.addAccount(f.fake->account(QStringLiteral("prod"))));
    const AccountSyncReport report = f.sync();
    QVERIFY2(report.ok, qPrintable(report.error + u'\n' + f.fake->rejection()));
    QCOMPARE(f.fake->assumeRoleCount(), 2);
}

void TestAwsAssumeRole::stsFailures_data()
{
    QTest::addColumn<int>("answer");
    QTest::addColumn<bool>("badKeys");
    QTest::addColumn<QStringList>("errorHas");
    QTest::newRow("access denied") << int(FakeAwsRole::StsAnswer::AccessDenied) << false
                                   << QStringList{QStringLiteral("AssumeRole of ") + FakeAwsRole::roleArn(),
                                                  QStringLiteral("AccessDenied"), QStringLiteral("sts:AssumeRole"),
                                                  QStringLiteral("trust policy")};
    QTest::newRow("malformed answer") << int(FakeAwsRole::StsAnswer::Malformed) << false
                                      << QStringList{QStringLiteral("not an AssumeRoleResponse")};
    QTest::newRow("wrong long-term secret") << int(FakeAwsRole::StsAnswer::Grant) << true
                                            << QStringList{QStringLiteral("AssumeRole"), QStringLiteral("rejected the credentials")};
}

void TestAwsAssumeRole::stsFailures()
{
    QFETCH(int, answer);
    QFETCH(bool, badKeys);
    QFETCH(QStringList, errorHas);
    Fixture f;
    QVERIFY(f.fake->start());
    f.fake->setStsAnswer(static_cast<FakeAwsRole::StsAnswer>(answer));
    if (badKeys)
        f.fake->setFault(FaultPlan{Fault::BadCredentials, FaultTarget::Costs, QDate(), -1});
    QVERIFY(f.addAccount(f.fake->account(QStringLiteral("prod"))));
    const AccountSyncReport report = f.sync();
    QVERIFY(!report.ok);
    for (const QString &part : errorHas)
        QVERIFY2(report.error.contains(part), qPrintable(report.error));
    QVERIFY2(!report.error.contains(u'\n'), qPrintable(report.error));
    QCOMPARE(f.fake->temporaryCalls(), 0);
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM line_item"), int64_t(0));
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM resource"), int64_t(0));
    const QString leaked = f.leak(report.error);
    QVERIFY2(leaked.isEmpty(), qPrintable(leaked));
}

void TestAwsAssumeRole::roleArnFormat_data()
{
    QTest::addColumn<QString>("arn");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("arn:aws:iam::123456789012:role/CostscopeRead") << true;
    QTest::newRow("path") << QStringLiteral("arn:aws:iam::123456789012:role/finops/read-only/Costscope_Read") << true;
    QTest::newRow("name chars") << QStringLiteral("arn:aws:iam::000000000000:role/a+b=c,d.e@f-g_h") << true;
    QTest::newRow("china") << QStringLiteral("arn:aws-cn:iam::123456789012:role/R") << true;
    QTest::newRow("govcloud") << QStringLiteral("arn:aws-us-gov:iam::123456789012:role/R") << true;
    QTest::newRow("64-char name") << QStringLiteral("arn:aws:iam::123456789012:role/") + QString(64, u'n') << true;
    QTest::newRow("65-char name") << QStringLiteral("arn:aws:iam::123456789012:role/") + QString(65, u'n') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("short account") << QStringLiteral("arn:aws:iam::1:role/R") << false;
    QTest::newRow("13 digits") << QStringLiteral("arn:aws:iam::1234567890123:role/R") << false;
    QTest::newRow("user, not role") << QStringLiteral("arn:aws:iam::123456789012:user/R") << false;
    QTest::newRow("other partition") << QStringLiteral("arn:aws-iso:iam::123456789012:role/R") << false;
    QTest::newRow("sts service") << QStringLiteral("arn:aws:sts::123456789012:role/R") << false;
    QTest::newRow("region set") << QStringLiteral("arn:aws:iam:us-east-1:123456789012:role/R") << false;
    QTest::newRow("no name") << QStringLiteral("arn:aws:iam::123456789012:role/") << false;
    QTest::newRow("path without name") << QStringLiteral("arn:aws:iam::123456789012:role/path/") << false;
    QTest::newRow("space in name") << QStringLiteral("arn:aws:iam::123456789012:role/Cost Read") << false;
    QTest::newRow("newline") << QStringLiteral("arn:aws:iam::123456789012:role/R\nX") << false;
    QTest::newRow("trailing space") << QStringLiteral("arn:aws:iam::123456789012:role/R ") << false;
    QTest::newRow("non-ascii") << QStringLiteral("arn:aws:iam::123456789012:role/R\u00e9") << false;
    QTest::newRow("path too long") << QStringLiteral("arn:aws:iam::123456789012:role/") + QString(512, u'p')
            + QStringLiteral("/R") << false;
}

void TestAwsAssumeRole::roleArnFormat()
{
    QFETCH(QString, arn);
    QFETCH(bool, valid);
    QString why;
    QCOMPARE(AwsClient::isValidRoleArn(arn, &why), valid);
    QCOMPARE(why.isEmpty(), valid);
}

QTEST_GUILESS_MAIN(TestAwsAssumeRole)
#include "TestAwsAssumeRole.moc"
