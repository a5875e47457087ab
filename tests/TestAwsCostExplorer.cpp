// AWS Cost Explorer passes (issues 4 and 8, docs/sync.md "AWS passes"): line items per day x linked
// account x service x region x usage type whose days add up to the account x service pass to the
// nano, team tags attached where one value carries a whole service, S3 and Redshift usage by account
// from Cost Explorer as fill-in saas rows that neither wipe nor double a CUR's per-bucket rows, the
// requests each pass sends, and every fault in every pass failing the month with nothing written.

#include "support/FakeAwsCostExplorer.h"

#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/SaasQuery.h"
#include "providers/aws/AwsClient.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudSyncService.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::aws::AwsClient;
using costscope::testsupport::FakeAwsCostExplorer;
using costscope::testsupport::Fault;
using costscope::testsupport::FaultPlan;
using costscope::testsupport::FaultTarget;

namespace {

const QString kProd = QStringLiteral("111122223333");
const QString kDev = QStringLiteral("444455556666");
const QString kEc2 = QStringLiteral("Amazon Elastic Compute Cloud - Compute");
const QString kS3 = QStringLiteral("Amazon Simple Storage Service");
const QDate kFrom(2024, 3, 1), kTo(2024, 3, 11);

struct Client
{
    std::unique_ptr<FakeAwsCostExplorer> fake = testsupport::makeFakeAwsCostExplorer();
    providers::net::HttpClient http;
    std::unique_ptr<AwsClient> client;

    Client()
        : http([] {
            providers::net::HttpOptions o;
            o.maxAttempts = 1;
            o.totalTimeout = 10s;
            return o;
        }())
    {
        http.setSleepFunction([](std::chrono::milliseconds, const CancelFn &) {});
    }

    bool start(const QHash<QString, QString> &options = {})
    {
        if (!fake->start())
            return false;
        providers::AccountConfig account = fake->account(QStringLiteral("main"));
        for (auto it = options.cbegin(); it != options.cend(); ++it)
            account.options.insert(it.key(), it.value());
        const providers::Secrets s = fake->secrets();
        providers::ClientOptions co;
        co.maxPages = 8;
        client = std::make_unique<AwsClient>(
            account,
            providers::auth::AwsCredentials{s.value(QStringLiteral("access_key_id")), s.value(QStringLiteral("secret_access_key")), {}},
            http, co);
        return true;
    }
};

QString tagValue(const Tags &tags, const QString &key)
{
    for (const auto &[k, v] : tags) {
        if (k == key)
            return v;
    }
    return {};
}

int64_t dayOf(const QDate &d)
{
    return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

// An independent decimal sum of the fake's atoms for a day (what pass 1 adds up to).
int64_t atomNanos(const FakeAwsCostExplorer &fake, const QDate &day)
{
    int64_t sum = 0;
    for (const auto &a : fake.atoms(day))
        sum += a.nanos;
    return sum;
}

int64_t queryInt(const QString &workspace, const QString &sql)
{
    store::CostStore store;
    if (!store.open(workspace))
        return -1;
    return store.db().queryInt(sql.toUtf8().constData(), -1);
}

} // namespace

class TestAwsCostExplorer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passesAndRequests();
    void splitsByHand();
    void dayTotalsEqualPassOne();
    void requestBudget();
    void saasUsageFromCostExplorer();
    void tagKeysOption_data();
    void tagKeysOption();
    void tagKeysField();
    void faultInEveryPass_data();
    void faultInEveryPass();
    void syncFillsSaasBesideCur();
};

// The requests of one month of 10 days (two pages each): pass 1, pass 2, pass 3 per account x
// region pair, GetTags, the tag pass per account, the S3 and Redshift usage passes.
void TestAwsCostExplorer::passesAndRequests()
{
    Client c;
    QVERIFY(c.start());
    CostBatch batch;
    QString error;
    QVERIFY2(c.client->fetchMonth(kFrom, kTo, &batch, &error, {}), qPrintable(error + c.fake->rejection()));
    const QStringList requests = c.fake->ceRequests();
    auto count = [&](const QString &prefix) {
        return int(std::count_if(requests.cbegin(), requests.cend(), [&](const QString &r) { return r.startsWith(prefix); }));
    };
    const QString costs = QStringLiteral(" | UnblendedCost,AmortizedCost");
    QCOMPARE(count(QStringLiteral("GetCostAndUsage LINKED_ACCOUNT,SERVICE | {} | UnblendedCost,AmortizedCost")), 2);
    QCOMPARE(count(QStringLiteral("GetCostAndUsage LINKED_ACCOUNT,REGION | {} | UnblendedCost")), 2);
    // prod in us-east-1 and eu-west-1, dev in us-east-1 and eu-west-1; no pair for NoRegion.
    for (const auto &[account, region] : {std::pair{kProd, QStringLiteral("us-east-1")}, std::pair{kProd, QStringLiteral("eu-west-1")},
                                          std::pair{kDev, QStringLiteral("us-east-1")}, std::pair{kDev, QStringLiteral("eu-west-1")}}) {
        const QString filter = QStringLiteral(R"({"And":[{"Dimensions":{"Key":"LINKED_ACCOUNT","Values":["%1"]}},)"
                                              R"({"Dimensions":{"Key":"REGION","Values":["%2"]}}]})")
                                   .arg(account, region);
        QCOMPARE(count(QStringLiteral("GetCostAndUsage SERVICE,USAGE_TYPE | ") + filter + costs), 2);
    }
    QCOMPARE(count(QStringLiteral("GetCostAndUsage SERVICE,USAGE_TYPE")), 8);
    QCOMPARE(count(QStringLiteral("GetTags")), 1);
    for (const QString &account : {kProd, kDev})
        QCOMPARE(count(QStringLiteral(R"(GetCostAndUsage SERVICE,TAG:team | {"Dimensions":{"Key":"LINKED_ACCOUNT","Values":["%1"]}} | UnblendedCost)")
                           .arg(account)),
                 2);
    for (const QString &service : {kS3, QStringLiteral("Amazon Redshift")})
        QCOMPARE(count(QStringLiteral(R"(GetCostAndUsage LINKED_ACCOUNT,USAGE_TYPE | {"And":[{"Dimensions":{"Key":"SERVICE","Values":["%1"]}},)"
                                      R"({"Dimensions":{"Key":"RECORD_TYPE","Values":["Usage"]}}]} | UsageQuantity,UnblendedCost)")
                           .arg(service)),
                 2);
    // 2 + 2 + 8 + 1 + 4 + 4 requests, nothing else.
    QCOMPARE(requests.size(), 21);
    QCOMPARE(c.fake->requestCount(), 21);
    QVERIFY(c.client->syncWarnings().isEmpty());
}

// 2024-03-01, worked out from the fake's atoms by hand (seed = Julian day 2460371 x 31 + account x 7
// + atom index; amount = seed mod 97 units + (seed x 2654435761 mod 10^9) nanos).
void TestAwsCostExplorer::splitsByHand()
{
    Client c;
    QVERIFY(c.start());
    CostBatch batch;
    QString error;
    QVERIFY2(c.client->fetchMonth(kFrom, kTo, &batch, &error, {}), qPrintable(error));
    QCOMPARE(batch.provider, QStringLiteral("AWS"));
    QCOMPARE(batch.currency, QStringLiteral("USD"));
    const int64_t day = dayOf(kFrom);
    auto rows = [&](const QString &account, const QString &service, const QString &region) {
        std::vector<const CostRow *> out;
        for (const CostRow &r : batch.rows) {
            if (r.chargeStart == day && r.subAccountId == account && r.serviceName == service && r.region == region)
                out.push_back(&r);
        }
        return out;
    };
    auto billed = [](const std::vector<const CostRow *> &rs) {
        int64_t sum = 0;
        for (const CostRow *r : rs)
            sum += r->billedCost.nanos();
        return sum;
    };
    // Region split of prod's EC2: 13.799547261 + 14.453983022 in us-east-1, 15.108418783 in eu-west-1.
    QCOMPARE(billed(rows(kProd, kEc2, QStringLiteral("us-east-1"))), int64_t(28'253'530'283));
    QCOMPARE(billed(rows(kProd, kEc2, QStringLiteral("eu-west-1"))), int64_t(15'108'418'783));
    QCOMPARE(rows(kProd, kEc2, QString()).size(), size_t(0)); // nothing left over
    // Usage type split of prod's EC2 in us-east-1.
    const auto east = rows(kProd, kEc2, QStringLiteral("us-east-1"));
    QCOMPARE(east.size(), size_t(2));
    QCOMPARE(tagValue(east[0]->extra, QStringLiteral("usage_type")), QStringLiteral("USE1-BoxUsage:m5.large"));
    QCOMPARE(east[0]->billedCost.nanos(), int64_t(13'799'547'261));
    QCOMPARE(east[0]->effectiveCost.nanos(), int64_t(13'799'547'261));
    QCOMPARE(tagValue(east[1]->extra, QStringLiteral("usage_type")), QStringLiteral("USE1-EBS:VolumeUsage.gp3"));
    QCOMPARE(east[1]->billedCost.nanos(), int64_t(14'453'983'022));
    QCOMPARE(east[0]->subAccountName, QStringLiteral("prod"));
    // Tags: prod's EC2 is split between ml and web, so no team; prod's S3 is all "data" (its
    // credit too): 17.417290305 - 0.000161827 on Requests-Tier1.
    QCOMPARE(tagValue(east[0]->tags, QStringLiteral("team")), QString());
    const auto s3 = rows(kProd, kS3, QStringLiteral("us-east-1"));
    QCOMPARE(s3.size(), size_t(2));
    QCOMPARE(tagValue(s3[0]->extra, QStringLiteral("usage_type")), QStringLiteral("USE1-Requests-Tier1"));
    QCOMPARE(s3[0]->billedCost.nanos(), int64_t(17'417'128'478));
    for (const CostRow *r : s3)
        QCOMPARE(tagValue(r->tags, QStringLiteral("team")), QStringLiteral("data"));
    // Untagged dev keeps no team; the refunds have no region and stay one row per account.
    for (const CostRow *r : rows(kDev, kEc2, QStringLiteral("us-east-1")))
        QVERIFY(r->tags.isEmpty());
    const auto refund = rows(kProd, QStringLiteral("Refund"), QString());
    QCOMPARE(refund.size(), size_t(1));
    QCOMPARE(refund[0]->billedCost.nanos(), int64_t(-469'110));
    QVERIFY(refund[0]->extra.isEmpty());
    // The whole day: 151.189965437.
    int64_t total = 0;
    for (const CostRow &r : batch.rows)
        total += r.chargeStart == day ? r.billedCost.nanos() : 0;
    QCOMPARE(total, int64_t(151'189'965'437));
}

void TestAwsCostExplorer::dayTotalsEqualPassOne()
{
    Client c;
    QVERIFY(c.start());
    CostBatch batch;
    QString error;
    QVERIFY2(c.client->fetchMonth(kFrom, kTo, &batch, &error, {}), qPrintable(error));
    size_t expectedRows = 0;
    for (QDate d = kFrom; d < kTo; d = d.addDays(1)) {
        int64_t sum = 0, amortized = 0;
        for (const CostRow &r : batch.rows) {
            if (r.chargeStart == dayOf(d)) {
                sum += r.billedCost.nanos();
                amortized += r.effectiveCost.nanos();
            }
        }
        QCOMPARE(sum, atomNanos(*c.fake, d));
        QCOMPARE(amortized, atomNanos(*c.fake, d));
        expectedRows += size_t(c.fake->billedAmounts(d).size());
    }
    QCOMPARE(batch.rows.size(), expectedRows);
}

// 4 + 45 account x region pairs: pass 3 asks the 40 largest, the sync says so, and the cut pairs'
// costs stay in the rows without a region, so every day still equals pass 1.
void TestAwsCostExplorer::requestBudget()
{
    Client c;
    QVERIFY(c.start());
    c.fake->setExtraRegions(45);
    CostBatch batch;
    QString error;
    QVERIFY2(c.client->fetchMonth(kFrom, kTo, &batch, &error, {}), qPrintable(error));
    const QStringList requests = c.fake->ceRequests();
    QCOMPARE(int(std::count_if(requests.cbegin(), requests.cend(),
                               [](const QString &r) { return r.startsWith(u"GetCostAndUsage SERVICE,USAGE_TYPE"); })),
             40 * 2);
    QCOMPARE(c.client->syncWarnings().size(), qsizetype(1));
    QVERIFY2(c.client->syncWarnings().front().contains(QStringLiteral("40 largest of 49 account-region pairs")),
             qPrintable(c.client->syncWarnings().front()));
    for (QDate d = kFrom; d < kTo; d = d.addDays(1)) {
        int64_t sum = 0;
        bool regionless = false;
        for (const CostRow &r : batch.rows) {
            if (r.chargeStart == dayOf(d)) {
                sum += r.billedCost.nanos();
                regionless = regionless || (r.serviceName == kEc2 && r.region.isEmpty());
            }
        }
        QCOMPARE(sum, atomNanos(*c.fake, d));
        QVERIFY(regionless); // the 9 smallest pairs of dev's EC2
    }
}

// S3 and Redshift usage by linked account, classified as the CUR's (AwsSaasUsage), entity the
// account, credits left out (RECORD_TYPE Usage), one fill-in batch per service and account.
void TestAwsCostExplorer::saasUsageFromCostExplorer()
{
    Client c;
    QVERIFY(c.start());
    CostBatch batch;
    QString error;
    QVERIFY2(c.client->fetchMonth(kFrom, kTo, &batch, &error, {}), qPrintable(error));
    const auto batches = c.client->saasDetails();
    QCOMPARE(batches.size(), size_t(3));
    QStringList keys;
    for (const SaasBatch *b : batches) {
        keys << b->service + u'/' + b->account;
        QVERIFY(b->fillIn);
        QCOMPARE(b->from, kFrom);
        QCOMPARE(b->to, kTo);
        QCOMPARE(b->source, QStringLiteral("aws-main"));
        QVERIFY(b->queries.empty());
        for (const SaasUsageRow &r : b->usage) {
            QCOMPARE(r.entityKind, QStringLiteral("account"));
            QCOMPARE(r.entity, b->account);
            QCOMPARE(r.currency, QStringLiteral("USD"));
        }
    }
    keys.sort();
    QCOMPARE(keys, (QStringList{QStringLiteral("Redshift/111122223333"), QStringLiteral("S3/111122223333"), QStringLiteral("S3/444455556666")}));
    auto find = [&](const QString &service, const QString &account, const QString &type) -> const SaasUsageRow * {
        for (const SaasBatch *b : batches) {
            if (b->service != service || b->account != account)
                continue;
            for (const SaasUsageRow &r : b->usage) {
                if (r.day == kFrom && r.usageType == type)
                    return &r;
            }
        }
        return nullptr;
    };
    const SaasUsageRow *tier1 = find(QStringLiteral("S3"), kProd, QStringLiteral("requests-tier1"));
    QVERIFY(tier1);
    QCOMPARE(tier1->unit, QStringLiteral("requests"));
    QCOMPARE(tier1->quantity, 1506.25);
    QCOMPARE(tier1->cost.nanos(), int64_t(17'417'290'305)); // without the credit of -0.000161827
    const SaasUsageRow *storage = find(QStringLiteral("S3"), kProd, QStringLiteral("storage"));
    QVERIFY(storage);
    QCOMPARE(storage->unit, QStringLiteral("GB-Mo"));
    QCOMPARE(storage->quantity, 1507.25);
    QCOMPARE(storage->cost.nanos(), int64_t(18'071'726'066));
    const SaasUsageRow *out = find(QStringLiteral("S3"), kDev, QStringLiteral("bytes-out"));
    QVERIFY(out);
    QCOMPARE(out->unit, QStringLiteral("bytes"));
    QCOMPARE(out->quantity, 1516.25 * 1073741824.0);
    QCOMPARE(out->cost.nanos(), int64_t(27'961'647'915));
    const SaasUsageRow *nodes = find(QStringLiteral("Redshift"), kProd, QStringLiteral("node-hours"));
    QVERIFY(nodes);
    QCOMPARE(nodes->unit, QStringLiteral("hours"));
    QCOMPARE(nodes->quantity, 1510.25);
    QCOMPARE(nodes->cost.nanos(), int64_t(21'035'033'349));
}

void TestAwsCostExplorer::tagKeysOption_data()
{
    QTest::addColumn<QString>("option");      // the account's tag_keys; "<unset>": not set
    QTest::addColumn<QStringList>("served");  // what GetTags answers
    QTest::addColumn<int>("getTags");         // GetTags requests
    QTest::addColumn<QStringList>("asked");   // tag keys grouped by
    QTest::addColumn<bool>("warning");
    QTest::addColumn<bool>("denied");         // GetTags answers AccessDenied
    const QStringList team{QStringLiteral("team")};
    QTest::newRow("default: GetTags") << QStringLiteral("<unset>") << team << 1 << team << false << false;
    QTest::newRow("GetTags denied: no tags, a warning") << QStringLiteral("<unset>") << team << 1 << QStringList() << true << true;
    QTest::newRow("configured keys, no GetTags") << QStringLiteral(" team , env,team") << team << 0
                                                 << QStringList{QStringLiteral("team"), QStringLiteral("env")} << false << false;
    QTest::newRow("off") << QStringLiteral("-") << team << 0 << QStringList() << false << false;
    QStringList seven;
    for (int i = 1; i <= 7; ++i)
        seven << QStringLiteral("k%1").arg(i);
    QTest::newRow("GetTags capped at 5 keys") << QStringLiteral("<unset>") << seven << 1 << seven.mid(0, 5) << true << false;
    QTest::newRow("no keys in the account") << QStringLiteral("<unset>") << QStringList() << 1 << QStringList() << false << false;
}

void TestAwsCostExplorer::tagKeysOption()
{
    QFETCH(QString, option);
    QFETCH(QStringList, served);
    QFETCH(int, getTags);
    QFETCH(QStringList, asked);
    QFETCH(bool, warning);
    QFETCH(bool, denied);
    Client c;
    QHash<QString, QString> options;
    if (option != u"<unset>")
        options.insert(QStringLiteral("tag_keys"), option);
    QVERIFY(c.start(options));
    c.fake->setTagKeys(served);
    c.fake->setTagsDenied(denied);
    CostBatch batch;
    QString error;
    QVERIFY2(c.client->fetchMonth(kFrom, kTo, &batch, &error, {}), qPrintable(error));
    const QStringList requests = c.fake->ceRequests();
    QCOMPARE(int(std::count_if(requests.cbegin(), requests.cend(), [](const QString &r) { return r.startsWith(u"GetTags"); })), getTags);
    QStringList keys;
    for (const QString &r : requests) {
        const qsizetype at = r.indexOf(QStringLiteral("SERVICE,TAG:"));
        if (at >= 0) {
            const QString key = r.mid(at + 12).section(u' ', 0, 0);
            if (!keys.contains(key))
                keys << key;
        }
    }
    QCOMPARE(keys, asked);
    QCOMPARE(!c.client->syncWarnings().isEmpty(), warning);
    // Whatever the keys, the days still add up to pass 1.
    int64_t sum = 0;
    for (const CostRow &r : batch.rows)
        sum += r.billedCost.nanos();
    int64_t expected = 0;
    for (QDate d = kFrom; d < kTo; d = d.addDays(1))
        expected += atomNanos(*c.fake, d);
    QCOMPARE(sum, expected);
}

// The account form's "Tag keys" field is stored where the client reads it (options "tag_keys").
void TestAwsCostExplorer::tagKeysField()
{
    const AccountForm form = providers::accountForm(QStringLiteral("aws"));
    const auto field = std::find_if(form.fields.cbegin(), form.fields.cend(), [](const AccountField &f) { return f.key == u"tag_keys"; });
    QVERIFY(field != form.fields.cend());
    QVERIFY(!field->secret);
    QVERIFY(!field->required);
    providers::AccountConfig config;
    providers::setConfigValue(&config, QStringLiteral("tag_keys"), QStringLiteral("team,env"));
    QCOMPARE(config.options.value(QStringLiteral("tag_keys")), QStringLiteral("team,env"));
    QCOMPARE(providers::configValue(config, QStringLiteral("tag_keys")), QStringLiteral("team,env"));
}

void TestAwsCostExplorer::faultInEveryPass_data()
{
    QTest::addColumn<QString>("pass");
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("errorHas");
    const std::pair<const char *, const char *> passes[] = {
        {"GetCostAndUsage LINKED_ACCOUNT,SERVICE", "(by account and service)"},
        {"GetCostAndUsage LINKED_ACCOUNT,REGION", "(by account and region)"},
        {"GetCostAndUsage SERVICE,USAGE_TYPE", "by service and usage type)"},
        {"GetTags", "GetTags"},
        {"GetCostAndUsage SERVICE,TAG:team", "by service and tag team)"},
        {"GetCostAndUsage LINKED_ACCOUNT,USAGE_TYPE", "usage by account and usage type)"},
    };
    const std::pair<Fault, const char *> faults[] = {
        {Fault::Unavailable, "HTTP 503"},       {Fault::Truncate, "truncated"},
        {Fault::Malformed, "not valid JSON"},   {Fault::ExpiredToken, "expired"},
        {Fault::PagesForever, "kept sending page tokens"},
    };
    for (const auto &[pass, what] : passes) {
        for (const auto &[fault, text] : faults) {
            QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(pass), QLatin1String(text))))
                << QString::fromLatin1(pass) << int(fault) << QString::fromLatin1(text) + u'|' + QString::fromLatin1(what);
        }
    }
}

// A fault in any pass fails the whole month: no rows, no saas batch, the pass named.
void TestAwsCostExplorer::faultInEveryPass()
{
    QFETCH(QString, pass);
    QFETCH(int, fault);
    QFETCH(QString, errorHas);
    Client c;
    QVERIFY(c.start());
    c.fake->setFaultPass(pass);
    c.fake->setFault(FaultPlan{static_cast<Fault>(fault), FaultTarget::Costs, QDate(), -1});
    CostBatch batch;
    QString error;
    QVERIFY(!c.client->fetchMonth(kFrom, kTo, &batch, &error, {}));
    for (const QString &piece : errorHas.split(u'|'))
        QVERIFY2(error.contains(piece), qPrintable(error));
    QVERIFY(!error.contains(c.fake->secrets().value(QStringLiteral("secret_access_key"))));
    QVERIFY(batch.rows.empty());
    QVERIFY(c.client->saasDetails().empty());
}

// Through the sync: the month's S3 and Redshift usage reaches the SaaS tab's query; a CUR import's
// per-bucket rows of the same account keep their days (not wiped, not doubled) and CE fills the rest.
void TestAwsCostExplorer::syncFillsSaasBesideCur()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("ws.costscope"));
    auto fake = testsupport::makeFakeAwsCostExplorer();
    QVERIFY(fake->start());
    {
        store::CostStore store;
        QString error;
        QVERIFY2(store.open(workspace, &error), qPrintable(error));
        // A CUR's rows of prod's S3 on March 1 and 2: one bucket each.
        SaasBatch cur;
        cur.service = QStringLiteral("S3");
        cur.account = kProd;
        cur.source = QStringLiteral("import:cur.csv");
        cur.from = QDate(2024, 3, 1);
        cur.to = QDate(2024, 4, 1);
        for (const QDate &d : {QDate(2024, 3, 1), QDate(2024, 3, 2)}) {
            SaasUsageRow r;
            r.entityKind = QStringLiteral("bucket");
            r.entity = QStringLiteral("logs");
            r.usageType = QStringLiteral("requests-tier1");
            r.unit = QStringLiteral("requests");
            r.currency = QStringLiteral("USD");
            r.day = d;
            r.quantity = 100;
            r.cost = Money::fromNanos(1'000'000'000);
            cur.usage.push_back(r);
        }
        store::CostWriter w(store);
        QVERIFY2(w.begin(SourceInfo{QStringLiteral("file"), QStringLiteral("cur.csv"), QStringLiteral("d1"), QStringLiteral("AWS CUR")}, &error)
                     && w.addSaas(cur, &error) && w.commit(&error),
                 qPrintable(error));
    }
    {
        providers::sync::AccountRegistry registry(workspace);
        QString error;
        QVERIFY(registry.load(&error));
        providers::sync::AccountEntry e;
        e.config = fake->account(QStringLiteral("main"));
        e.initialMonths = 1;
        QVERIFY(registry.add(e, &error) && registry.save(&error));
    }
    providers::sync::SyncOptions options;
    options.http.maxAttempts = 1;
    options.sleep = [](std::chrono::milliseconds, const CancelFn &) {};
    options.client.maxPages = 8;
    options.resources = false;
    options.today = [] { return QDate(2024, 3, 10); };
    const providers::Secrets secrets = fake->secrets();
    providers::sync::CloudSyncService service(options, testsupport::secretsFrom(secrets));
    for (int run = 0; run < 2; ++run) { // a second sync replaces its own rows and changes nothing
        const auto reports = service.syncAccounts(workspace, {}, kFrom, kTo, {}, {});
        QCOMPARE(reports.size(), size_t(1));
        QVERIFY2(reports.front().ok, qPrintable(reports.front().error + fake->rejection()));
        // March 1 to 10: the CUR's two days stay; prod's S3 from CE on the 8 others (tier 1 + storage).
        QCOMPARE(queryInt(workspace, QStringLiteral("SELECT count(*) FROM saas_usage_daily WHERE service = 'S3' AND account = '%1' "
                                                    "AND entity_kind = 'bucket'").arg(kProd)),
                 int64_t(2));
        QCOMPARE(queryInt(workspace, QStringLiteral("SELECT count(*) FROM saas_usage_daily WHERE service = 'S3' AND account = '%1' "
                                                    "AND entity_kind = 'account'").arg(kProd)),
                 int64_t(2 * 8));
        QCOMPARE(queryInt(workspace, QStringLiteral("SELECT count(DISTINCT day) FROM saas_usage_daily WHERE service = 'S3' AND account = '%1'")
                                         .arg(kProd)),
                 int64_t(10));
        QCOMPARE(queryInt(workspace, QStringLiteral("SELECT count(*) FROM saas_usage_daily WHERE service = 'Redshift'")), int64_t(10));
        QCOMPARE(queryInt(workspace, QStringLiteral("SELECT count(*) FROM saas_usage_daily WHERE account = '%1'").arg(kDev)), int64_t(10));
    }
    // What the SaaS tab shows: Redshift's node hours of prod over the ten days, from the atoms.
    int64_t nodeCost = 0;
    double nodeHours = 0;
    for (QDate d = kFrom; d < kTo; d = d.addDays(1)) {
        for (const auto &a : fake->atoms(d)) {
            if (a.service == u"Amazon Redshift") {
                nodeCost += a.nanos;
                nodeHours += a.quantity.toDouble();
            }
        }
    }
    store::CostStore store;
    QVERIFY(store.open(workspace));
    store::SaasFilter filter;
    filter.from = kFrom;
    filter.to = kTo;
    filter.service = QStringLiteral("Redshift");
    const store::SaasOverview o = store::SaasQuery(store).overview(filter);
    QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
    QCOMPARE(o.total, nodeCost);
    QCOMPARE(o.entities.size(), size_t(1));
    QCOMPARE(o.entities.front().kind, QStringLiteral("account"));
    QCOMPARE(o.entities.front().name, kProd);
    QCOMPARE(o.entities.front().usage.size(), size_t(1));
    QCOMPARE(o.entities.front().usage.front().usageType, QStringLiteral("node-hours"));
    QVERIFY(std::abs(o.entities.front().usage.front().quantity - nodeHours) < 1e-6);
}

QTEST_GUILESS_MAIN(TestAwsCostExplorer)
#include "TestAwsCostExplorer.moc"
