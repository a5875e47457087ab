// AWS security facts (providers/aws/AwsSecurity): the pure mappings (bucket access, security-group
// ingress, bucket URLs, the IAM credential report) data-driven, then whole syncs against the fake
// AWS endpoint (FakeAwsSecurity, SigV4 checked on every request): the three security modules find
// exactly the planted risks, a denied API leaves its fact unknown with a warning (the modules say
// they have no data) and a failing request names itself without stopping the cost sync.

#include "support/FakeAwsSecurity.h"
#include "support/FakeCloud.h"

#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/analysis/recommendations/SecurityChecks.h"
#include "model/store/CostStore.h"
#include "model/store/SqliteDb.h"
#include "providers/aws/AwsSecurity.h"
#include "providers/aws/XmlTree.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudSyncService.h"
#include "providers/sync/SecretInput.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::aws::AwsSecurity;
using costscope::providers::aws::XmlTree;
using costscope::providers::sync::AccountEntry;
using costscope::providers::sync::AccountRegistry;
using costscope::providers::sync::CloudSyncService;
using costscope::providers::sync::SyncOptions;
using costscope::testsupport::Fault;
using costscope::testsupport::FakeAwsSecurity;
using Api = costscope::testsupport::FakeAwsSecurity::Api;

Q_DECLARE_METATYPE(Api)
Q_DECLARE_METATYPE(Fault)

namespace {

const QString kAccount = QStringLiteral("billing-main");

struct Fixture
{
    QTemporaryDir dir;
    QString workspace;
    std::shared_ptr<FakeAwsSecurity> security = std::make_shared<FakeAwsSecurity>();
    std::unique_ptr<testsupport::FakeCloud> fake;
    providers::Secrets secrets;
    QList<std::chrono::milliseconds> sleeps;
    SyncOptions options;

    Fixture()
        : fake(testsupport::makeFakeAwsWithSecurity(security))
    {
        workspace = dir.filePath(QStringLiteral("ws.costscope"));
        options.http.connectTimeout = 5s;
        options.http.totalTimeout = 20s;
        options.http.maxAttempts = 3;
        options.sleep = [this](std::chrono::milliseconds d, const CancelFn &) { sleeps.append(d); };
        options.client.maxPages = 8;
        // The costs end today, so that the modules' "now" is today (the IAM dates are relative to it).
        options.today = [] { return QDateTime::currentDateTimeUtc().date(); };
    }

    bool start()
    {
        if (!fake->start())
            return false;
        AccountRegistry registry(workspace);
        QString error;
        if (!registry.load(&error))
            return false;
        AccountEntry e;
        e.config = fake->account(QStringLiteral("main"));
        e.config.billingAccount = kAccount;
        e.initialMonths = 1;
        secrets = fake->secrets();
        return registry.add(e, &error) && registry.save(&error);
    }

    AccountSyncReport sync()
    {
        CloudSyncService service(options, testsupport::secretsFrom(secrets));
        const auto reports = service.syncAccounts(workspace, {}, {}, {}, {}, {});
        return reports.empty() ? AccountSyncReport{} : reports.front();
    }

    int64_t count(const char *sql)
    {
        store::CostStore store;
        if (!store.open(workspace))
            return -1;
        return store.db().queryInt(sql, -1);
    }

    // module id -> resource ids found (not dismissed), and the module's notes.
    bool recommendations(QHash<QString, QStringList> *found, QHash<QString, QStringList> *notes)
    {
        store::CostStore store;
        QString error;
        if (!store.open(workspace, &error))
            return false;
        analysis::RecommendationRun run;
        if (!analysis::RecommendationEngine::run(store, &run, {}, {}, false, QDateTime::currentSecsSinceEpoch(), &error))
            return false;
        for (const analysis::ModuleResult &m : run.modules) {
            QStringList ids;
            for (const analysis::RecommendationItem &item : m.items)
                ids << item.resource.resourceId;
            ids.sort();
            found->insert(m.id, ids);
            notes->insert(m.id, m.notes);
        }
        return true;
    }
};

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

const QString kBuckets = analysis::PublicBuckets::moduleId();
const QString kGroups = analysis::InsecureSecurityGroups::moduleId();
const QString kUsers = analysis::InactiveIamUsers::moduleId();

QByteArray reportHeader()
{
    return "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,"
           "mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,"
           "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
           "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,"
           "cert_2_last_rotated\n";
}

QByteArray reportRow(const char *user, const char *created, const char *password, const char *key1, const char *key2)
{
    return QByteArray(user) + ",arn:aws:iam::123456789012:user/" + user + "," + created + ",true," + password
        + ",N/A,N/A,false,true,N/A," + key1 + ",N/A,N/A,true,N/A," + key2 + ",N/A,N/A,false,N/A,false,N/A\n";
}

} // namespace

class TestAwsSecurity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void publicAccess_data();
    void publicAccess();
    void acl_data();
    void acl();
    void ingress_data();
    void ingress();
    void bucketUrl_data();
    void bucketUrl();
    void credentialReport_data();
    void credentialReport();
    void syncFindsExactlyThePlanted();
    void deniedApiIsUnknown_data();
    void deniedApiIsUnknown();
    void failureNamesRequestKeepsCosts_data();
    void failureNamesRequestKeepsCosts();
    void deniedOnResyncMarksFactsUnknown();
};

void TestAwsSecurity::publicAccess_data()
{
    QTest::addColumn<bool>("aclRead");
    QTest::addColumn<bool>("aclWrite");
    QTest::addColumn<bool>("policy");
    QTest::addColumn<bool>("ignoreAcls");
    QTest::addColumn<bool>("restrict");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing public") << false << false << false << false << false << QStringLiteral("private");
    QTest::newRow("ACL read") << true << false << false << false << false << QStringLiteral("public-read");
    QTest::newRow("ACL read and write") << true << true << false << false << false << QStringLiteral("public-read-write");
    QTest::newRow("ACL write only") << false << true << false << false << false << QStringLiteral("public-read-write");
    QTest::newRow("policy") << false << false << true << false << false << QStringLiteral("public");
    QTest::newRow("ACL beats policy in detail") << true << false << true << false << false << QStringLiteral("public-read");
    QTest::newRow("ACL ignored") << true << true << false << true << false << QStringLiteral("private");
    QTest::newRow("ACL ignored, policy public") << true << false << true << true << false << QStringLiteral("public");
    QTest::newRow("policy restricted") << false << false << true << false << true << QStringLiteral("private");
    QTest::newRow("restricted, ACL still public") << true << false << true << false << true << QStringLiteral("public-read");
    QTest::newRow("everything blocked") << true << true << true << true << true << QStringLiteral("private");
}

void TestAwsSecurity::publicAccess()
{
    QFETCH(bool, aclRead);
    QFETCH(bool, aclWrite);
    QFETCH(bool, policy);
    QFETCH(bool, ignoreAcls);
    QFETCH(bool, restrict);
    QFETCH(QString, expected);
    AwsSecurity::BucketAccess a;
    a.aclRead = aclRead;
    a.aclWrite = aclWrite;
    a.policyPublic = policy;
    a.ignorePublicAcls = ignoreAcls;
    a.restrictPublicBuckets = restrict;
    QCOMPARE(AwsSecurity::publicAccess(a), expected);
}

void TestAwsSecurity::acl_data()
{
    QTest::addColumn<QByteArray>("grants");
    QTest::addColumn<bool>("read");
    QTest::addColumn<bool>("write");
    auto grant = [](const char *uri, const char *permission) -> QByteArray {
        return QByteArray("<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\"><URI>") + uri
            + "</URI></Grantee><Permission>" + permission + "</Permission></Grant>";
    };
    const char *all = "http://acs.amazonaws.com/groups/global/AllUsers";
    const char *auth = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    const char *logs = "http://acs.amazonaws.com/groups/s3/LogDelivery";
    QTest::newRow("owner only") << QByteArray() << false << false;
    QTest::newRow("AllUsers READ") << grant(all, "READ") << true << false;
    QTest::newRow("AllUsers WRITE") << grant(all, "WRITE") << false << true;
    QTest::newRow("AuthenticatedUsers FULL_CONTROL") << grant(auth, "FULL_CONTROL") << true << true;
    QTest::newRow("AllUsers READ_ACP only") << grant(all, "READ_ACP") << false << false;
    QTest::newRow("AllUsers WRITE_ACP") << grant(all, "WRITE_ACP") << false << true;
    QTest::newRow("log delivery is not public") << grant(logs, "WRITE") + grant(logs, "READ_ACP") << false << false;
    QTest::newRow("canonical user") << QByteArray("<Grant><Grantee><ID>abc</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>")
                                    << false << false;
}

void TestAwsSecurity::acl()
{
    QFETCH(QByteArray, grants);
    QFETCH(bool, read);
    QFETCH(bool, write);
    const QByteArray xml = "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>o</ID></Owner>"
                           "<AccessControlList><Grant><Grantee><ID>o</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>"
        + grants + "</AccessControlList></AccessControlPolicy>";
    QString error;
    const auto tree = XmlTree::parse(xml, &error);
    QVERIFY2(tree, qPrintable(error));
    AwsSecurity::BucketAccess a;
    AwsSecurity::readAcl(*tree, &a);
    QCOMPARE(a.aclRead, read);
    QCOMPARE(a.aclWrite, write);
}

void TestAwsSecurity::ingress_data()
{
    QTest::addColumn<QByteArray>("permissions");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("open22");
    QTest::addColumn<bool>("open3389");
    auto p = [](const char *protocol, const char *ports, const QByteArray &ranges) -> QByteArray {
        return QByteArray("<item><ipProtocol>") + protocol + "</ipProtocol>" + ports + ranges + "</item>";
    };
    const QByteArray world4 = "<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges>";
    const QByteArray world6 = "<ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item></ipv6Ranges>";
    QTest::newRow("none") << QByteArray() << QString() << false << false;
    QTest::newRow("ssh from the world") << p("tcp", "<fromPort>22</fromPort><toPort>22</toPort>", world4)
                                        << QStringLiteral("tcp:22:0.0.0.0/0") << true << false;
    QTest::newRow("rdp over IPv6, protocol number") << p("6", "<fromPort>3389</fromPort><toPort>3389</toPort>", world6)
                                                    << QStringLiteral("tcp:3389:::/0") << false << true;
    QTest::newRow("all traffic") << p("-1", "", world4 + world6) << QStringLiteral("all:all:0.0.0.0/0;all:all:::/0") << true << true;
    QTest::newRow("range covering both") << p("tcp", "<fromPort>20</fromPort><toPort>4000</toPort>", world4)
                                         << QStringLiteral("tcp:20-4000:0.0.0.0/0") << true << true;
    QTest::newRow("range just missing 22") << p("tcp", "<fromPort>23</fromPort><toPort>3388</toPort>", world4)
                                           << QStringLiteral("tcp:23-3388:0.0.0.0/0") << false << false;
    QTest::newRow("udp 22 is not ssh") << p("udp", "<fromPort>22</fromPort><toPort>22</toPort>", world4)
                                       << QStringLiteral("udp:22:0.0.0.0/0") << false << false;
    QTest::newRow("icmp types are not ports") << p("icmp", "<fromPort>-1</fromPort><toPort>-1</toPort>", world4)
                                              << QStringLiteral("icmp:all:0.0.0.0/0") << false << false;
    QTest::newRow("internal sources") << p("tcp", "<fromPort>22</fromPort><toPort>22</toPort>",
                                           "<groups><item><groupId>sg-0abc</groupId></item></groups><ipRanges><item><cidrIp>10.0.0.0/8"
                                           "</cidrIp></item></ipRanges><prefixListIds><item><prefixListId>pl-63a5400a</prefixListId>"
                                           "</item></prefixListIds>")
                                      << QStringLiteral("tcp:22:10.0.0.0/8;tcp:22:pl-63a5400a;tcp:22:sg-0abc") << false << false;
    QTest::newRow("a source holding the separator is dropped")
        << p("tcp", "<fromPort>80</fromPort><toPort>80</toPort>", "<ipRanges><item><cidrIp>1.2.3.4/32;tcp:22:0.0.0.0/0</cidrIp></item></ipRanges>")
        << QString() << false << false;
    QTest::newRow("inverted range is all ports") << p("tcp", "<fromPort>500</fromPort><toPort>10</toPort>", world4)
                                                 << QStringLiteral("tcp:all:0.0.0.0/0") << true << true;
}

void TestAwsSecurity::ingress()
{
    QFETCH(QByteArray, permissions);
    QFETCH(QString, expected);
    QFETCH(bool, open22);
    QFETCH(bool, open3389);
    const QByteArray xml = "<item><groupId>sg-1</groupId><ipPermissions>" + permissions + "</ipPermissions>"
                           "<ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item>"
                           "</ipRanges></item></ipPermissionsEgress></item>";
    QString error;
    const auto tree = XmlTree::parse(xml, &error);
    QVERIFY2(tree, qPrintable(error));
    const QString ingress = AwsSecurity::ingressOf(*tree);
    QCOMPARE(ingress, expected);
    // What the security module reads from it.
    QCOMPARE(analysis::openToWorld(ingress, 22), open22);
    QCOMPARE(analysis::openToWorld(ingress, 3389), open3389);
}

void TestAwsSecurity::bucketUrl_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("sub");
    QTest::addColumn<QString>("expected");
    QTest::newRow("virtual-hosted") << QString() << QStringLiteral("my-bucket") << QStringLiteral("eu-west-1") << QStringLiteral("acl")
                                    << QStringLiteral("https://my-bucket.s3.eu-west-1.amazonaws.com/?acl");
    QTest::newRow("global for the location") << QString() << QStringLiteral("my-bucket") << QString() << QStringLiteral("location")
                                             << QStringLiteral("https://my-bucket.s3.amazonaws.com/?location");
    QTest::newRow("dots: path-style") << QString() << QStringLiteral("www.example.com") << QStringLiteral("us-west-2")
                                      << QStringLiteral("policyStatus")
                                      << QStringLiteral("https://s3.us-west-2.amazonaws.com/www.example.com?policyStatus");
    QTest::newRow("legacy name: path-style") << QString() << QStringLiteral("Old_Bucket") << QStringLiteral("us-east-1")
                                             << QStringLiteral("acl") << QStringLiteral("https://s3.us-east-1.amazonaws.com/Old_Bucket?acl");
    QTest::newRow("China") << QString() << QStringLiteral("b-1") << QStringLiteral("cn-north-1") << QStringLiteral("acl")
                           << QStringLiteral("https://b-1.s3.cn-north-1.amazonaws.com.cn/?acl");
    QTest::newRow("endpoint override, path-style") << QStringLiteral("http://127.0.0.1:8080/") << QStringLiteral("b.x")
                                                   << QStringLiteral("eu-west-1") << QStringLiteral("publicAccessBlock")
                                                   << QStringLiteral("http://127.0.0.1:8080/b.x?publicAccessBlock");
    QTest::newRow("endpoint with a path") << QStringLiteral("https://vpce-1.s3.example/prefix") << QStringLiteral("my-bucket")
                                          << QStringLiteral("eu-west-1") << QStringLiteral("acl")
                                          << QStringLiteral("https://vpce-1.s3.example/prefix/my-bucket?acl");
}

void TestAwsSecurity::bucketUrl()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, bucket);
    QFETCH(QString, region);
    QFETCH(QString, sub);
    QFETCH(QString, expected);
    QCOMPARE(AwsSecurity::bucketUrl(endpoint, bucket, region, sub).toString(QUrl::FullyEncoded), expected);
}

void TestAwsSecurity::credentialReport_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("expected"); // name=last-activity per user, or empty when it fails
    QTest::addColumn<QString>("errorHas");
    const QByteArray h = reportHeader();
    QTest::newRow("latest of the three")
        << h + reportRow("a", "2020-01-01T00:00:00+00:00", "2026-01-05T10:00:00+00:00", "2026-03-01T08:30:00+00:00", "2026-02-01T00:00:00+00:00")
        << QStringList{QStringLiteral("a=2026-03-01T08:30:00Z")} << QString();
    QTest::newRow("password only, other time zone")
        << h + reportRow("b", "2020-01-01T00:00:00+00:00", "2026-01-05T10:00:00+02:00", "N/A", "N/A")
        << QStringList{QStringLiteral("b=2026-01-05T08:00:00Z")} << QString();
    QTest::newRow("never")
        << h + reportRow("c", "2020-01-01T00:00:00+00:00", "no_information", "N/A", "N/A") << QStringList{QStringLiteral("c=never")}
        << QString();
    QTest::newRow("root skipped, CRLF")
        << QByteArray(h + "<root_account>,arn:aws:iam::123456789012:root,2019-01-01T00:00:00+00:00,not_supported,"
                          "2026-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
                          + reportRow("d", "2021-01-01T00:00:00+00:00", "N/A", "2025-12-31T23:59:59+00:00", "N/A"))
               .replace("\n", "\r\n")
        << QStringList{QStringLiteral("d=2025-12-31T23:59:59Z")} << QString();
    QTest::newRow("header only") << h << QStringList{} << QString();
    QTest::newRow("empty") << QByteArray() << QStringList{} << QStringLiteral("empty");
    QTest::newRow("missing column") << QByteArray("user,arn,user_creation_time,password_last_used\nx,arn:aws:iam::1:user/x,N/A,N/A\n")
                                    << QStringList{} << QStringLiteral("no column 'access_key_1_last_used_date'");
    QTest::newRow("short row") << h + reportRow("e", "2020-01-01T00:00:00+00:00", "N/A", "N/A", "N/A") + "f,arn:aws:iam::1:user/f\n"
                               << QStringList{} << QStringLiteral("line 3 of the report has 2 fields");
    QTest::newRow("garbage date") << h + reportRow("g", "2020-01-01T00:00:00+00:00", "yesterday", "N/A", "N/A") << QStringList{}
                                  << QStringLiteral("line 2 of the report: password_last_used 'yesterday' is not a date");
    QTest::newRow("date in the future") << h + reportRow("g", "2020-01-01T00:00:00+00:00", "2999-01-01T00:00:00+00:00", "N/A", "N/A")
                                        << QStringList{} << QStringLiteral("is not a date");
    QTest::newRow("no ARN") << h + QByteArray(reportRow("h", "2020-01-01T00:00:00+00:00", "N/A", "N/A", "N/A")).replace("arn:aws", "xx")
                            << QStringList{} << QStringLiteral("line 2 of the report has no user name or ARN");
    QTest::newRow("unterminated quote") << h + "\"i,arn:aws:iam::1:user/i\n" << QStringList{} << QStringLiteral("the report's CSV");
}

void TestAwsSecurity::credentialReport()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, expected);
    QFETCH(QString, errorHas);
    std::vector<ResourceRecord> users;
    QString error;
    const int64_t now = QDateTime(QDate(2026, 6, 1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    const bool ok = AwsSecurity::readCredentialReport(csv, kAccount, now, &users, &error);
    QCOMPARE(ok, errorHas.isEmpty());
    if (!ok) {
        QVERIFY2(error.contains(errorHas), qPrintable(error));
        QVERIFY(users.empty());
        return;
    }
    QStringList got;
    for (const ResourceRecord &u : users) {
        QCOMPARE(u.type, QStringLiteral("iam_user"));
        QCOMPARE(u.region, QStringLiteral("global"));
        QCOMPARE(u.accountId, kAccount);
        QVERIFY(u.resourceId.startsWith(QStringLiteral("arn:aws:iam::")));
        QVERIFY(u.createdAt > 0);
        QCOMPARE(u.tags.size(), 1);
        QCOMPARE(u.tags.front().first, QStringLiteral("costscope:last-activity"));
        got << u.name + u'=' + u.tags.front().second;
    }
    QCOMPARE(got, expected);
}

void TestAwsSecurity::syncFindsExactlyThePlanted()
{
    Fixture f;
    f.security->setStartedPolls(2);
    QVERIFY(f.start());
    const AccountSyncReport report = f.sync();
    QVERIFY2(report.ok, qPrintable(report.error + u'\n' + f.fake->rejection() + u'\n' + f.security->rejection()));
    QVERIFY2(report.warnings.isEmpty(), qPrintable(report.warnings.join(u'\n')));
    QVERIFY2(f.security->rejection().isEmpty(), qPrintable(f.security->rejection()));
    QCOMPARE(report.resources, f.fake->resourceCount());
    QCOMPARE(f.count("SELECT COUNT(*) FROM resource"), int64_t(f.fake->resourceCount()));
    QVERIFY(f.count("SELECT COUNT(*) FROM line_item") > 0);
    // The credential report: STARTED twice, then COMPLETE, waiting through the injected sleep.
    QCOMPARE(f.security->generateCalls(), 3);
    QCOMPARE(f.sleeps.size(), 2);
    for (const auto d : std::as_const(f.sleeps))
        QVERIFY(d > 0ms && d <= 1000ms);
    // The public access block of acme-private-logs ignores its ACL and restricts its policy: neither is asked.
    QCOMPARE(f.security->callsOf(Api::GetPublicAccessBlock), 4);
    QCOMPARE(f.security->callsOf(Api::GetBucketPolicyStatus), 3);
    QCOMPARE(f.security->callsOf(Api::GetBucketAcl), 3);
    // Only the two buckets the list gives no region for ask where they are.
    QCOMPARE(f.security->callsOf(Api::GetBucketLocation), 2);
    QCOMPARE(f.security->callsOf(Api::ListBuckets), 2);

    QHash<QString, QStringList> found, notes;
    QVERIFY(f.recommendations(&found, &notes));
    QCOMPARE(found.value(kBuckets), sorted(FakeAwsSecurity::publicBuckets()));
    QCOMPARE(found.value(kGroups), sorted(FakeAwsSecurity::openGroups()));
    QCOMPARE(found.value(kUsers), sorted(FakeAwsSecurity::inactiveUserArns()));
    QCOMPARE(notes.value(kBuckets), QStringList());
    QCOMPARE(notes.value(kGroups), QStringList());
    QCOMPARE(notes.value(kUsers), QStringList());

    // The facts as written: region from the list or GetBucketLocation ("EU" is eu-west-1), ingress rules.
    store::CostStore store;
    QVERIFY(store.open(f.workspace));
    const analysis::RecommendationInput in = analysis::RecommendationEngine::loadInput(store);
    QHash<QString, QString> fact, region;
    for (const store::ResourceInfo &r : in.resources) {
        for (const auto &[k, v] : r.tags) {
            if (k.startsWith(QStringLiteral("costscope:")))
                fact.insert(r.resourceId, v);
        }
        region.insert(r.resourceId, r.region);
    }
    QCOMPARE(fact.value(QStringLiteral("acme-public-assets")), QStringLiteral("public-read"));
    QCOMPARE(fact.value(QStringLiteral("acme-site-policy")), QStringLiteral("public"));
    QCOMPARE(fact.value(QStringLiteral("acme-private-logs")), QStringLiteral("private"));
    QCOMPARE(fact.value(QStringLiteral("acme.internal.reports")), QStringLiteral("private"));
    QCOMPARE(region.value(QStringLiteral("acme-site-policy")), QStringLiteral("eu-west-1"));
    QCOMPARE(region.value(QStringLiteral("acme-private-logs")), QStringLiteral("us-east-1"));
    QCOMPARE(region.value(QStringLiteral("sg-0d44dd")), QStringLiteral("eu-west-1"));
    QCOMPARE(fact.value(QStringLiteral("sg-0a11aa")), QStringLiteral("tcp:22:0.0.0.0/0;tcp:443:0.0.0.0/0"));
    QCOMPARE(fact.value(QStringLiteral("sg-0b22bb")), QStringLiteral("tcp:3389:::/0"));
    QCOMPARE(fact.value(QStringLiteral("sg-0c33cc")),
             QStringLiteral("all:all:10.0.0.0/8;all:all:fd00::/8;all:all:sg-0a11aa;tcp:0-65535:172.16.0.0/12"));
    // The user tag posing as the fact is dropped.
    QCOMPARE(fact.value(QStringLiteral("sg-0d44dd")),
             QStringLiteral("tcp:443:0.0.0.0/0;tcp:443:::/0;tcp:80:0.0.0.0/0;icmp:all:0.0.0.0/0"));
    QCOMPARE(fact.value(QStringLiteral("arn:aws:iam::999988887777:user/new-never")), QStringLiteral("never"));
}

void TestAwsSecurity::deniedApiIsUnknown_data()
{
    QTest::addColumn<Api>("api");
    QTest::addColumn<QString>("warningHas");
    QTest::addColumn<QString>("unknownModule"); // the module that has no data left
    QTest::addColumn<int>("missing");           // resources not written
    QTest::addColumn<bool>("noted");            // the module says it has no data for the account
    QTest::newRow("ListBuckets") << Api::ListBuckets << QStringLiteral("ListBuckets: the credentials lack s3:ListAllMyBuckets (AccessDenied)")
                                 << kBuckets << FakeAwsSecurity::bucketCount() << true;
    // acme-private-logs needs no ACL (its access block decides), so the account keeps one known bucket.
    QTest::newRow("GetBucketAcl") << Api::GetBucketAcl
                                  << QStringLiteral("GetBucketAcl of bucket 'acme-public-assets' and 2 more: the credentials lack "
                                                    "s3:GetBucketAcl (AccessDenied); the public access of 3 bucket(s) is unknown")
                                  << kBuckets << 0 << false;
    QTest::newRow("GetPublicAccessBlock") << Api::GetPublicAccessBlock << QStringLiteral("s3:GetBucketPublicAccessBlock") << kBuckets << 0 << true;
    QTest::newRow("DescribeSecurityGroups") << Api::DescribeSecurityGroups
                                            << QStringLiteral("DescribeSecurityGroups in us-west-2, eu-west-1: the credentials lack "
                                                              "ec2:DescribeSecurityGroups (UnauthorizedOperation)")
                                            << kGroups << FakeAwsSecurity::groupCount() << true;
    QTest::newRow("GenerateCredentialReport") << Api::GenerateCredentialReport
                                              << QStringLiteral("GenerateCredentialReport: the credentials lack iam:GenerateCredentialReport")
                                              << kUsers << FakeAwsSecurity::userCount() << true;
    QTest::newRow("GetCredentialReport") << Api::GetCredentialReport
                                         << QStringLiteral("GetCredentialReport: the credentials lack iam:GetCredentialReport")
                                         << kUsers << FakeAwsSecurity::userCount() << true;
}

void TestAwsSecurity::deniedApiIsUnknown()
{
    QFETCH(Api, api);
    QFETCH(QString, warningHas);
    QFETCH(QString, unknownModule);
    QFETCH(int, missing);
    QFETCH(bool, noted);
    Fixture f;
    f.security->deny(api);
    QVERIFY(f.start());
    const AccountSyncReport report = f.sync();
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.warnings.size(), 1);
    QVERIFY2(report.warnings.front().contains(warningHas), qPrintable(report.warnings.front()));
    QCOMPARE(f.count("SELECT COUNT(*) FROM resource"), int64_t(f.fake->resourceCount() - missing));
    QCOMPARE(report.resources, f.fake->resourceCount() - missing);
    QVERIFY(f.count("SELECT COUNT(*) FROM line_item") > 0);

    QHash<QString, QStringList> found, notes;
    QVERIFY(f.recommendations(&found, &notes));
    QCOMPARE(found.value(unknownModule), QStringList());
    QCOMPARE(notes.value(unknownModule).size(), noted ? 1 : 0);
    if (noted)
        QVERIFY2(notes.value(unknownModule).front().contains(kAccount), qPrintable(notes.value(unknownModule).front()));
    // The other two still find what was planted.
    if (unknownModule != kBuckets)
        QCOMPARE(found.value(kBuckets), sorted(FakeAwsSecurity::publicBuckets()));
    if (unknownModule != kGroups)
        QCOMPARE(found.value(kGroups), sorted(FakeAwsSecurity::openGroups()));
    if (unknownModule != kUsers)
        QCOMPARE(found.value(kUsers), sorted(FakeAwsSecurity::inactiveUserArns()));
}

void TestAwsSecurity::failureNamesRequestKeepsCosts_data()
{
    QTest::addColumn<Api>("api");
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("times");
    QTest::addColumn<QString>("report"); // "" default, else a CSV ("raw:" prefix: the Content itself)
    QTest::addColumn<int>("startedPolls");
    QTest::addColumn<QString>("warningHas"); // empty: served after retries, no warning
    const QString none;
    QTest::newRow("ACL throttled twice, then served") << Api::GetBucketAcl << Fault::Throttle << 2 << none << 0 << none;
    QTest::newRow("groups 500 once, then served") << Api::DescribeSecurityGroups << Fault::ServerError << 1 << none << 0 << none;
    QTest::newRow("ListBuckets 503 always") << Api::ListBuckets << Fault::Unavailable << -1 << none << 0
                                            << QStringLiteral("AWS S3 ListBuckets: AWS kept throttling the requests");
    QTest::newRow("policy status 500 always") << Api::GetBucketPolicyStatus << Fault::ServerError << -1 << none << 0
                                              << QStringLiteral("AWS S3 GetBucketPolicyStatus of bucket 'acme-public-assets': AWS answered "
                                                                "InternalError");
    QTest::newRow("groups truncated") << Api::DescribeSecurityGroups << Fault::Truncate << -1 << none << 0
                                      << QStringLiteral("AWS EC2 DescribeSecurityGroups in us-west-2");
    QTest::newRow("groups malformed XML") << Api::DescribeSecurityGroups << Fault::Malformed << -1 << none << 0
                                          << QStringLiteral("AWS EC2 DescribeSecurityGroups in us-west-2: the answer is not usable XML");
    QTest::newRow("ACL malformed XML") << Api::GetBucketAcl << Fault::Malformed << -1 << none << 0
                                       << QStringLiteral("AWS S3 GetBucketAcl of bucket 'acme-public-assets': the answer is not usable XML");
    QTest::newRow("report truncated") << Api::GetCredentialReport << Fault::Truncate << -1 << none << 0
                                      << QStringLiteral("AWS IAM GetCredentialReport");
    QTest::newRow("report malformed XML") << Api::GetCredentialReport << Fault::Malformed << -1 << none << 0
                                          << QStringLiteral("AWS IAM GetCredentialReport: the answer is not usable XML");
    QTest::newRow("report CSV short row") << Api::GetCredentialReport << Fault::None << 0
                                          << QString::fromLatin1(reportHeader() + "x,arn:aws:iam::1:user/x,N/A\n") << 0
                                          << QStringLiteral("AWS IAM GetCredentialReport: line 2 of the report has 3 fields");
    QTest::newRow("report not base64") << Api::GetCredentialReport << Fault::None << 0 << QStringLiteral("raw:@@not base64@@") << 0
                                       << QStringLiteral("AWS IAM GetCredentialReport: the report's Content is not base64");
    QTest::newRow("report never ready") << Api::GenerateCredentialReport << Fault::None << 0 << none << 1000
                                        << QStringLiteral("AWS IAM GenerateCredentialReport: the report was still being generated after "
                                                          "10 requests");
}

void TestAwsSecurity::failureNamesRequestKeepsCosts()
{
    QFETCH(Api, api);
    QFETCH(Fault, fault);
    QFETCH(int, times);
    QFETCH(QString, report);
    QFETCH(int, startedPolls);
    QFETCH(QString, warningHas);
    Fixture f;
    if (fault != Fault::None)
        f.security->setFault(api, fault, times);
    if (report.startsWith(QStringLiteral("raw:")))
        f.security->setReport(report.mid(4).toLatin1(), true);
    else if (!report.isEmpty())
        f.security->setReport(report.toLatin1());
    f.security->setStartedPolls(startedPolls);
    QVERIFY(f.start());
    const AccountSyncReport r = f.sync();
    // The cost sync is not stopped by the security step.
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(f.count("SELECT COUNT(*) FROM line_item") > 0);
    QVERIFY(f.security->callsOf(api) > 0);
    if (warningHas.isEmpty()) {
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));
        QCOMPARE(f.count("SELECT COUNT(*) FROM resource"), int64_t(f.fake->resourceCount()));
        if (fault == Fault::Throttle) {
            QCOMPARE(f.sleeps.size(), times);
            for (const auto d : std::as_const(f.sleeps))
                QCOMPARE(d, 1000ms); // Retry-After: 1
        }
        return;
    }
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(r.warnings.front().contains(warningHas), qPrintable(r.warnings.front()));
    QVERIFY2(r.warnings.front().contains(QStringLiteral("security facts not updated")), qPrintable(r.warnings.front()));
    QVERIFY(!r.warnings.front().contains(f.secrets.value(QStringLiteral("secret_access_key"))));
    // One transaction: none of the security facts were written, the EC2 resources were.
    QCOMPARE(f.count("SELECT COUNT(*) FROM resource"), int64_t(f.fake->resourceCount() - FakeAwsSecurity::resourceCount()));
    QCOMPARE(r.resources, f.fake->resourceCount() - FakeAwsSecurity::resourceCount());
    if (startedPolls > 0)
        QCOMPARE(f.security->generateCalls(), 10);
}

void TestAwsSecurity::deniedOnResyncMarksFactsUnknown()
{
    Fixture f;
    QVERIFY(f.start());
    AccountSyncReport r = f.sync();
    QVERIFY2(r.ok && r.warnings.isEmpty(), qPrintable(r.error + r.warnings.join(u'\n')));
    // The next sync may no longer read S3: the buckets' old facts must not pass for current ones.
    f.security->deny(Api::ListBuckets);
    r = f.sync();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.warnings.size(), 1);
    QCOMPARE(f.count("SELECT COUNT(*) FROM resource WHERE active = 0"), int64_t(FakeAwsSecurity::bucketCount()));
    QHash<QString, QStringList> found, notes;
    QVERIFY(f.recommendations(&found, &notes));
    QCOMPARE(found.value(kBuckets), QStringList());
    QCOMPARE(notes.value(kBuckets).size(), 1);
    QVERIFY2(notes.value(kBuckets).front().contains(kAccount), qPrintable(notes.value(kBuckets).front()));
    QCOMPARE(found.value(kGroups), sorted(FakeAwsSecurity::openGroups()));
    QCOMPARE(notes.value(kGroups), QStringList());
}

QTEST_GUILESS_MAIN(TestAwsSecurity)
#include "TestAwsSecurity.moc"
