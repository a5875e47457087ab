// The recommendation modules that price from the catalog or read usage types and security facts
// (reserved instances, generation upgrade, cheaper region, abandoned S3 buckets and Kinesis
// streams, public buckets, open security groups, inactive IAM users), run on hand-built inputs:
// each fires where it must and not where it must not, with savings computed by hand.

#include "model/analysis/recommendations/AbandonedBuckets.h"
#include "model/analysis/recommendations/AbandonedKinesisStreams.h"
#include "model/analysis/recommendations/FlavorCatalog.h"
#include "model/analysis/recommendations/GenerationUpgrade.h"
#include "model/analysis/recommendations/RegionMigration.h"
#include "model/analysis/recommendations/ReservedInstances.h"
#include "model/analysis/recommendations/SecurityChecks.h"

#include <QTest>

using namespace costscope;
using namespace costscope::analysis;

namespace {

const int32_t kEndDay = dayNumber(QDate(2026, 11, 27));

int64_t nanosOf(const char *decimal) { return Money::parse(QByteArrayView(decimal))->nanos(); }

store::ResourceInfo resource(const QString &id, const QString &type, const QString &provider = QStringLiteral("AWS"),
                             const QString &region = QStringLiteral("us-east-1"), const QString &flavor = QString(),
                             const QString &account = QStringLiteral("acc-1"))
{
    store::ResourceInfo r;
    r.provider = provider;
    r.accountId = account;
    r.region = region;
    r.resourceId = id;
    r.name = id;
    r.type = type;
    r.flavor = flavor;
    r.state = type == u"instance" ? QStringLiteral("running") : QStringLiteral("available");
    r.createdAt = static_cast<int64_t>(kEndDay - 400) * 86400;
    r.firstSeen = r.createdAt;
    r.lastSeen = static_cast<int64_t>(kEndDay) * 86400 + 23 * 3600;
    return r;
}

class Input
{
public:
    RecommendationInput in;
    Input()
    {
        in.endDay = kEndDay;
        in.now = (static_cast<int64_t>(kEndDay) + 1) * 86400;
        in.currency = QStringLiteral("USD");
        in.catalog = &FlavorCatalog::bundled();
    }
    store::ResourceInfo &add(const store::ResourceInfo &r)
    {
        in.indexById.insert(r.resourceId, static_cast<int>(in.resources.size()));
        in.resources.push_back(r);
        return in.resources.back();
    }
    // An instance billed `days` days up to the end; list cost 10, effective cost 10 (or 7 on
    // the covered days); hourly CPU at `cpu` over the last 14 days.
    void instanceDays(const QString &id, int days, double cpu, const std::vector<int> &coveredOffsets = {})
    {
        for (int k = 0; k < days; ++k) {
            store::DayCost d;
            d.list = nanosOf("10");
            d.effective = std::find(coveredOffsets.begin(), coveredOffsets.end(), k) != coveredOffsets.end()
                              ? nanosOf("7")
                              : d.list;
            in.instanceDays[id][kEndDay - k] = d;
        }
        store::MetricSamples &m = in.metrics[id];
        for (int64_t t = in.now - 14 * 86400; t < in.now; t += 3600) {
            m.cpuTime.push_back(t);
            m.cpu.push_back(cpu);
        }
    }
    void dailyCost(const QString &id, int days, const char *amount)
    {
        for (int k = 0; k < days; ++k)
            in.dailyCosts[id][kEndDay - k] = nanosOf(amount);
    }
    // Usage of one resource: (usage type, unit, quantity a day) for the last `days` days.
    void usage(const QString &id, const QString &service, int days,
               const std::vector<std::tuple<QString, QString, double>> &skus, const QString &operation = QString())
    {
        store::ServiceUsage u;
        u.provider = QStringLiteral("AWS");
        u.accountId = QStringLiteral("acc-1");
        u.region = QStringLiteral("us-east-1");
        u.resourceId = id;
        u.name = id;
        u.service = service;
        u.firstDay = kEndDay - days + 1;
        u.lastDay = kEndDay;
        for (const auto &[sku, unit, q] : skus) {
            store::SkuUsage s;
            s.sku = sku;
            s.unit = unit;
            s.operation = operation;
            for (int k = 0; k < days; ++k) {
                s.quantity[kEndDay - k] = q;
                s.billed[kEndDay - k] = sku.contains(u"Storage") || sku.contains(u"Shard") ? nanosOf("1") : 0;
            }
            u.skus.push_back(s);
        }
        in.usage.push_back(u);
    }
};

ModuleOptions optionsOf(const RecommendationModule &m, const QHash<QString, QString> &stored = {})
{
    return ModuleOptions(m.options(), stored);
}

QStringList idsOf(const std::vector<RecommendationItem> &items)
{
    QStringList out;
    for (const RecommendationItem &i : items)
        out << i.resource.resourceId;
    out.sort();
    return out;
}

Money savingOf(const std::vector<RecommendationItem> &items, const QString &id)
{
    for (const RecommendationItem &i : items)
        if (i.resource.resourceId == id)
            return i.saving;
    return Money::fromNanos(-1);
}

} // namespace

class TestRecommendationRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogRates();
    void reservedInstances();
    void reservedInstancesOptionsAndNotes();
    void generationUpgrade();
    void regionMigration();
    void abandonedBuckets();
    void abandonedKinesis();
    void openToWorld_data();
    void openToWorld();
    void publicBuckets();
    void securityGroups();
    void inactiveUsers();
};

void TestRecommendationRules::catalogRates()
{
    const FlavorCatalog &c = FlavorCatalog::bundled();
    const CommitmentRate *m5 = c.commitment(QStringLiteral("AWS"), QStringLiteral("m5"));
    QVERIFY(m5);
    QCOMPARE(m5->noUpfrontPercent, 37.0);
    QCOMPARE(m5->allUpfrontPercent, 41.0);
    QVERIFY(!c.commitment(QStringLiteral("Alibaba Cloud"), QStringLiteral("ecs.g6")));
    QCOMPARE(c.newerFamily(QStringLiteral("AWS"), QStringLiteral("m4")), QStringLiteral("m5"));
    QCOMPARE(c.newerFamily(QStringLiteral("AWS"), QStringLiteral("t3")), QString());
    // Broken rows are skipped and counted; the good ones stay.
    FlavorCatalog parsed;
    int bad = 0;
    parsed.addCommitmentsCsv("# c\nAWS,m5,37,41\nAWS,m5,abc,41\nAWS,c5,120,10\nAWS,r5,37\n,x,1,2\n", &bad);
    QCOMPARE(bad, 4);
    QVERIFY(parsed.commitment(QStringLiteral("AWS"), QStringLiteral("m5")));
    parsed.addGenerationsCsv("AWS,m4,m5\nAWS,m4\nAWS,c4,c4\n", &bad);
    QCOMPARE(bad, 2);
    QCOMPARE(parsed.newerFamily(QStringLiteral("AWS"), QStringLiteral("m4")), QStringLiteral("m5"));
}

void TestRecommendationRules::reservedInstances()
{
    Input t;
    const auto inst = [&](const char *id, const char *flavor, const char *provider = "AWS",
                          const char *region = "us-east-1") -> store::ResourceInfo & {
        return t.add(resource(QString::fromLatin1(id), QStringLiteral("instance"), QString::fromLatin1(provider),
                              QString::fromLatin1(region), QString::fromLatin1(flavor)));
    };
    inst("i-steady", "m5.2xlarge");
    t.instanceDays(QStringLiteral("i-steady"), 120, 40);
    inst("i-covered-once", "m5.2xlarge");
    t.instanceDays(QStringLiteral("i-covered-once"), 120, 40, {10});
    inst("i-gap", "m5.2xlarge");
    t.instanceDays(QStringLiteral("i-gap"), 120, 40);
    t.in.instanceDays[QStringLiteral("i-gap")].remove(kEndDay - 50);
    inst("i-young", "m5.2xlarge");
    t.instanceDays(QStringLiteral("i-young"), 89, 40);
    inst("i-idle", "m5.2xlarge");
    t.instanceDays(QStringLiteral("i-idle"), 120, 2);
    store::ResourceInfo &stopped = inst("i-stopped", "m5.2xlarge");
    stopped.state = QStringLiteral("stopped");
    t.instanceDays(QStringLiteral("i-stopped"), 120, 40);
    inst("i-ali", "ecs.g6.xlarge", "Alibaba Cloud", "cn-hangzhou");
    t.instanceDays(QStringLiteral("i-ali"), 120, 40);
    inst("i-azure", "Standard_D4s_v5", "Azure", "eastus");
    t.instanceDays(QStringLiteral("i-azure"), 95, 30);

    ReservedInstances m;
    const auto items = m.run(t.in, optionsOf(m));
    QCOMPARE(idsOf(items), (QStringList{QStringLiteral("i-azure"), QStringLiteral("i-steady")}));
    // 0.384 x 720 = 276.48 a month on demand; 37 % off = 102.2976; all upfront 41 % = 113.3568,
    // paid once 0.384 x 8760 x 0.59 = 1,984.6656.
    QCOMPARE(savingOf(items, QStringLiteral("i-steady")).nanos(), nanosOf("102.2976"));
    // Azure D4s_v5: 0.192 x 720 = 138.24; 37 % = 51.1488.
    QCOMPARE(savingOf(items, QStringLiteral("i-azure")).nanos(), nanosOf("51.1488"));
    for (const RecommendationItem &i : items) {
        if (i.resource.resourceId != u"i-steady")
            continue;
        QVERIFY2(i.computation.contains(u"276.48"), qPrintable(i.computation));
        QVERIFY2(i.computation.contains(u"102.30"), qPrintable(i.computation));
        QVERIFY2(i.computation.contains(u"113.36"), qPrintable(i.computation));
        QVERIFY2(i.computation.contains(u"1,984.67"), qPrintable(i.computation));
        QVERIFY2(i.finding.contains(u"40.0%"), qPrintable(i.finding));
    }
    const QStringList notes = m.notes(t.in, optionsOf(m));
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes.front().startsWith(u"Alibaba Cloud: 1 steady instance"), qPrintable(notes.front()));
}

void TestRecommendationRules::reservedInstancesOptionsAndNotes()
{
    Input t;
    t.add(resource(QStringLiteral("i-40"), QStringLiteral("instance"), QStringLiteral("AWS"),
                   QStringLiteral("us-east-1"), QStringLiteral("m5.xlarge")));
    t.instanceDays(QStringLiteral("i-40"), 40, 30);
    ReservedInstances m;
    QVERIFY(m.run(t.in, optionsOf(m)).empty());
    // The workspace holds 40 days; the default rule needs 90 and says so.
    QVERIFY(m.notes(t.in, optionsOf(m)).join(u' ').contains(u"40 day(s); the rule needs 90"));
    const auto items = m.run(t.in, optionsOf(m, {{QStringLiteral("days"), QStringLiteral("30")}}));
    QCOMPARE(items.size(), size_t(1));
    QCOMPARE(items.front().saving.nanos(), nanosOf("51.1488")); // 0.192 x 720 x 0.37
    // Excluded account.
    QVERIFY(m.run(t.in, optionsOf(m, {{QStringLiteral("days"), QStringLiteral("30")},
                                      {kExcludedAccounts, QStringLiteral("acc-1")}}))
                .empty());
}

void TestRecommendationRules::generationUpgrade()
{
    Input t;
    auto inst = [&](const char *id, const char *flavor, const char *provider = "AWS", const char *region = "us-east-1") {
        t.add(resource(QString::fromLatin1(id), QStringLiteral("instance"), QString::fromLatin1(provider),
                       QString::fromLatin1(region), QString::fromLatin1(flavor)));
    };
    inst("i-m4", "m4.xlarge");
    inst("i-c4", "c4.2xlarge");
    inst("i-ds3", "Standard_DS3_v2", "Azure", "eastus");
    inst("i-m5", "m5.xlarge");   // m6i.xlarge costs the same: nothing to gain
    inst("i-t3", "t3.medium");   // no newer family listed
    inst("i-unknown", "x9.huge"); // not in the catalog
    t.in.resources.back().state = QStringLiteral("running");
    GenerationUpgrade m;
    const auto items = m.run(t.in, optionsOf(m));
    QCOMPARE(idsOf(items), (QStringList{QStringLiteral("i-c4"), QStringLiteral("i-ds3"), QStringLiteral("i-m4")}));
    QCOMPARE(savingOf(items, QStringLiteral("i-m4")).nanos(), nanosOf("5.76"));   // (0.2 - 0.192) x 720
    QCOMPARE(savingOf(items, QStringLiteral("i-c4")).nanos(), nanosOf("41.76"));  // (0.398 - 0.34) x 720
    QCOMPARE(savingOf(items, QStringLiteral("i-ds3")).nanos(), nanosOf("72.72")); // (0.293 - 0.192) x 720
    for (const RecommendationItem &i : items)
        if (i.resource.resourceId == u"i-c4")
            QVERIFY2(i.action.contains(u"c5.2xlarge"), qPrintable(i.action));
    // m4 -> m5 saves 4 %: a 5 % floor drops it.
    const auto fewer = m.run(t.in, optionsOf(m, {{QStringLiteral("min_saving_percent"), QStringLiteral("5")}}));
    QCOMPARE(idsOf(fewer), (QStringList{QStringLiteral("i-c4"), QStringLiteral("i-ds3")}));
}

void TestRecommendationRules::regionMigration()
{
    Input t;
    auto inst = [&](const char *id, const char *flavor, const char *region) {
        t.add(resource(QString::fromLatin1(id), QStringLiteral("instance"), QStringLiteral("AWS"),
                       QString::fromLatin1(region), QString::fromLatin1(flavor)));
    };
    inst("i-west1", "m5.2xlarge", "us-west-1");
    inst("i-west2", "m5.xlarge", "us-west-2"); // as cheap as us-east-1
    inst("i-east", "m5.xlarge", "us-east-1");
    inst("i-eu", "m5.xlarge", "eu-west-1");   // no price for eu-west-1, and no other EU region
    inst("i-c5-west1", "c5.xlarge", "us-west-1"); // c5 has no us-west-1 price
    RegionMigration m;
    const auto items = m.run(t.in, optionsOf(m));
    QCOMPARE(idsOf(items), QStringList{QStringLiteral("i-west1")});
    QCOMPARE(items.front().saving.nanos(), nanosOf("46.08")); // (0.448 - 0.384) x 720
    // us-east-1 and us-west-2 cost the same; the first of them in the catalog is named.
    QVERIFY2(items.front().action.contains(u"us-east-1"), qPrintable(items.front().action));
    QVERIFY(m.run(t.in, optionsOf(m, {{QStringLiteral("excluded_regions"), QStringLiteral("us-east-1, us-west-2")}}))
                .empty());
    // A 20 % floor: 0.064 / 0.448 = 14 % is not enough.
    QVERIFY(m.run(t.in, optionsOf(m, {{QStringLiteral("min_saving_percent"), QStringLiteral("20")}})).empty());
}

void TestRecommendationRules::abandonedBuckets()
{
    Input t;
    const QString s3 = QStringLiteral("Amazon Simple Storage Service");
    const QString storage = QStringLiteral("USE1-TimedStorage-ByteHrs");
    const QString gb = QStringLiteral("GB-Mo");
    auto bucket = [&](const char *id, const std::vector<std::tuple<QString, QString, double>> &skus, int days = 30) {
        const QString name = QString::fromLatin1(id);
        t.add(resource(name, QStringLiteral("bucket")));
        t.dailyCost(name, days, "1.5");
        t.usage(name, s3, days, skus);
    };
    bucket("quiet", {{storage, gb, 100}});
    bucket("few-puts", {{storage, gb, 100}, {QStringLiteral("USE1-Requests-Tier1"), QStringLiteral("Requests"), 10}});
    // 0.02 thousand a day = 20 requests, 140 in 7 days: above 100.
    bucket("puts-in-thousands",
           {{storage, gb, 100}, {QStringLiteral("USE1-Requests-Tier1"), QStringLiteral("1K Requests"), 0.02}});
    bucket("gets", {{storage, gb, 100}, {QStringLiteral("USE1-Requests-Tier2"), QStringLiteral("Requests"), 300}});
    bucket("downloads", {{storage, gb, 100}, {QStringLiteral("USE1-DataTransfer-Out-Bytes"), QStringLiteral("GB"), 0.2}});
    bucket("young", {{storage, gb, 100}}, 5);
    // Line items only, no inventory record: still found, as a bucket.
    t.dailyCost(QStringLiteral("cur-only"), 30, "0.5");
    t.usage(QStringLiteral("cur-only"), QStringLiteral("Amazon S3"), 30, {{storage, gb, 10}});
    // Another service with a storage usage type is not S3.
    t.usage(QStringLiteral("efs-1"), QStringLiteral("Amazon Elastic File System"), 30, {{storage, gb, 10}});

    AbandonedBuckets m;
    const auto items = m.run(t.in, optionsOf(m));
    QCOMPARE(idsOf(items),
             (QStringList{QStringLiteral("cur-only"), QStringLiteral("few-puts"), QStringLiteral("quiet")}));
    // 30 billed days of 1.5 = 45.00 over 30 days = 45.00 a month.
    QCOMPARE(savingOf(items, QStringLiteral("quiet")).nanos(), nanosOf("45"));
    QCOMPARE(savingOf(items, QStringLiteral("cur-only")).nanos(), nanosOf("15"));
    for (const RecommendationItem &i : items) {
        if (i.resource.resourceId == u"cur-only")
            QCOMPARE(i.resource.type, QStringLiteral("bucket"));
        if (i.resource.resourceId == u"few-puts")
            QVERIFY2(i.finding.contains(u"70 PUT"), qPrintable(i.finding));
    }
    // Thresholds are options: 50 PUT requests is the limit now, 70 is above it.
    const auto strict = m.run(t.in, optionsOf(m, {{QStringLiteral("tier1_requests"), QStringLiteral("50")}}));
    QCOMPARE(idsOf(strict), (QStringList{QStringLiteral("cur-only"), QStringLiteral("quiet")}));
    QCOMPARE(requestCount(2, QStringLiteral("10K Requests")), 20000.0);
}

void TestRecommendationRules::abandonedKinesis()
{
    Input t;
    const QString kinesis = QStringLiteral("Amazon Kinesis");
    const QString shard = QStringLiteral("USE1-ShardHour");
    auto stream = [&](const char *id, const std::vector<std::tuple<QString, QString, double>> &skus,
                      const QString &operation = QString()) {
        const QString name = QString::fromLatin1(id);
        t.add(resource(name, QStringLiteral("stream")));
        t.dailyCost(name, 30, "0.72");
        t.usage(name, kinesis, 30, skus, operation);
    };
    stream("silent", {{shard, QStringLiteral("ShardHour"), 48}});
    stream("busy", {{shard, QStringLiteral("ShardHour"), 48},
                    {QStringLiteral("USE1-PutRequestPayloadUnits"), QStringLiteral("PutRequestPayloadUnits"), 1e6}});
    AbandonedKinesisStreams m;
    const auto items = m.run(t.in, optionsOf(m));
    QCOMPARE(idsOf(items), QStringList{QStringLiteral("silent")});
    QCOMPARE(items.front().saving.nanos(), nanosOf("21.6")); // 0.72 x 30
    QVERIFY2(items.front().finding.startsWith(u"336 shard hours"), qPrintable(items.front().finding)); // 48 x 7
    // A tolerance of 10 million PUT units a week keeps "busy" (7 million) in as abandoned.
    QCOMPARE(m.run(t.in, optionsOf(m, {{QStringLiteral("put_units"), QStringLiteral("1e7")}})).size(), size_t(2));
}

void TestRecommendationRules::openToWorld_data()
{
    QTest::addColumn<QString>("ingress");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("open");
    QTest::newRow("ssh world") << "tcp:22:0.0.0.0/0" << 22 << true;
    QTest::newRow("ssh private") << "tcp:22:10.0.0.0/8" << 22 << false;
    QTest::newRow("range v6") << "tcp:0-1024:::/0" << 22 << true;
    QTest::newRow("udp") << "udp:22:0.0.0.0/0" << 22 << false;
    QTest::newRow("all") << "all:all:0.0.0.0/0" << 3389 << true;
    QTest::newRow("-1 protocol") << "-1:0-65535:0.0.0.0/0" << 3389 << true;
    QTest::newRow("other range") << "tcp:3000-4000:0.0.0.0/0" << 22 << false;
    QTest::newRow("second rule") << "tcp:443:0.0.0.0/0; tcp:3389:0.0.0.0/0" << 3389 << true;
    QTest::newRow("garbage") << "garbage" << 22 << false;
    QTest::newRow("bad port") << "tcp:abc:0.0.0.0/0" << 22 << false;
    QTest::newRow("bad range") << "tcp:10-x:0.0.0.0/0" << 22 << false;
    QTest::newRow("empty") << "" << 22 << false;
}

void TestRecommendationRules::openToWorld()
{
    QFETCH(QString, ingress);
    QFETCH(int, port);
    QFETCH(bool, open);
    QCOMPARE(analysis::openToWorld(ingress, port), open);
}

void TestRecommendationRules::publicBuckets()
{
    Input t;
    auto bucket = [&](const char *id, const char *access, const char *account = "acc-1", const char *provider = "AWS") {
        store::ResourceInfo r = resource(QString::fromLatin1(id), QStringLiteral("bucket"),
                                         QString::fromLatin1(provider), QStringLiteral("us-east-1"), QString(),
                                         QString::fromLatin1(account));
        if (access)
            r.tags.append({kTagPublicAccess, QString::fromLatin1(access)});
        t.add(r);
    };
    bucket("open-read", "public-read");
    bucket("open-write", "public-read-write");
    bucket("closed", "private");
    bucket("no-data", nullptr, "acc-2");
    bucket("azure-public", "public", "sub-1", "Azure"); // Azure storage is not S3
    PublicBuckets m;
    const auto items = m.run(t.in, optionsOf(m));
    QCOMPARE(idsOf(items), (QStringList{QStringLiteral("open-read"), QStringLiteral("open-write")}));
    for (const RecommendationItem &i : items)
        QCOMPARE(i.saving.nanos(), 0);
    const QStringList notes = m.notes(t.in, optionsOf(m));
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes.front().contains(u"acc-2") && !notes.front().contains(u"acc-1"), qPrintable(notes.front()));
    // An empty inventory says there is nothing to check.
    Input empty;
    QVERIFY(m.notes(empty.in, optionsOf(m)).join(u' ').contains(u"No AWS account"));
}

void TestRecommendationRules::securityGroups()
{
    Input t;
    auto sg = [&](const char *id, const char *rules) {
        store::ResourceInfo r = resource(QString::fromLatin1(id), QStringLiteral("security_group"));
        r.tags.append({kTagIngress, QString::fromLatin1(rules)});
        t.add(r);
    };
    sg("sg-ssh", "tcp:22:0.0.0.0/0;tcp:443:0.0.0.0/0");
    sg("sg-rdp", "tcp:3389:::/0");
    sg("sg-web", "tcp:443:0.0.0.0/0;tcp:80:0.0.0.0/0");
    sg("sg-internal", "tcp:0-65535:10.0.0.0/8");
    t.add(resource(QStringLiteral("i-1"), QStringLiteral("instance"), QStringLiteral("AWS"), QStringLiteral("us-east-1"),
                   QStringLiteral("m5.large"), QStringLiteral("acc-2")));
    InsecureSecurityGroups m;
    const auto items = m.run(t.in, optionsOf(m));
    QCOMPARE(idsOf(items), (QStringList{QStringLiteral("sg-rdp"), QStringLiteral("sg-ssh")}));
    for (const RecommendationItem &i : items)
        if (i.resource.resourceId == u"sg-ssh")
            QVERIFY2(i.finding.contains(u"tcp:22:0.0.0.0/0") && !i.finding.contains(u"443"), qPrintable(i.finding));
    // Port 443 listed too: the web group is open to the world on it.
    QCOMPARE(m.run(t.in, optionsOf(m, {{QStringLiteral("ports"), QStringLiteral("22,3389,443")}})).size(), size_t(3));
    QVERIFY(m.notes(t.in, optionsOf(m)).join(u' ').contains(u"acc-2"));
}

void TestRecommendationRules::inactiveUsers()
{
    Input t;
    auto user = [&](const char *id, const char *last, int createdDaysAgo) {
        store::ResourceInfo r = resource(QString::fromLatin1(id), QStringLiteral("iam_user"));
        r.createdAt = t.in.now - static_cast<int64_t>(createdDaysAgo) * 86400;
        if (last)
            r.tags.append({kTagLastActivity, QString::fromLatin1(last)});
        t.add(r);
    };
    user("u-old", "2026-08-01", 400);             // 119 days before the end of 2026-11-27
    user("u-recent", "2026-11-20T08:00:00Z", 400);
    user("u-never-old", "never", 200);
    user("u-never-new", "never", 30);
    user("u-garbage-date", "31/12/2025", 100);    // unreadable: judged by its creation
    user("u-90", "2026-08-30", 400);              // exactly 90 days before 2026-11-28 00:00
    InactiveIamUsers m;
    const auto items = m.run(t.in, optionsOf(m));
    QCOMPARE(idsOf(items), (QStringList{QStringLiteral("u-90"), QStringLiteral("u-garbage-date"),
                                        QStringLiteral("u-never-old"), QStringLiteral("u-old")}));
    for (const RecommendationItem &i : items)
        if (i.resource.resourceId == u"u-old")
            QVERIFY2(i.finding.contains(u"2026-08-01, 119 days ago"), qPrintable(i.finding));
    QCOMPARE(m.run(t.in, optionsOf(m, {{QStringLiteral("days"), QStringLiteral("150")}})).size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestRecommendationRules)
#include "TestRecommendationRules.moc"
