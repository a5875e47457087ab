#include "StoreTestSupport.h"

#include "model/analysis/ResourceInventory.h"
#include "model/demo/DemoGenerator.h"
#include "model/demo/DemoWorld.h"
#include "model/store/CostQuery.h"
#include "model/store/CostWriter.h"
#include "model/store/ResourceQuery.h"
#include "model/store/ResourceSettings.h"
#include "model/store/SqliteDb.h"

#include <QHash>
#include <QTest>

using namespace costscope;
using testsupport::utcSeconds;

namespace {

const QDate kMarch(2026, 3, 1);

ResourceRecord record(const QString &id, const QString &name, const QString &type, const QString &state = QStringLiteral("running"))
{
    ResourceRecord r;
    r.resourceId = id;
    r.name = name;
    r.type = type;
    r.flavor = type == u"instance" ? QStringLiteral("m5.large") : QString();
    r.state = state;
    r.region = QStringLiteral("us-east-1");
    r.tags = {{QStringLiteral("team"), QStringLiteral("web")}};
    return r;
}

ResourceBatch batch(int64_t at, std::vector<ResourceRecord> resources)
{
    ResourceBatch b;
    b.provider = QStringLiteral("AWS");
    b.accountId = QStringLiteral("111");
    b.observedAt = at;
    b.resources = std::move(resources);
    return b;
}

const store::ResourceRow *find(const store::ResourceList &list, const QString &id)
{
    for (const store::ResourceRow &r : list.rows)
        if (r.resourceId == id)
            return &r;
    return nullptr;
}

} // namespace

class TestResourceQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void lifecycle();
    void attachments();
    void costAndBillingOnly();
    void cpuStatistics();
    void ttlSurvivesAndGoesWithResource();
    void demoWorkspace();
    void recommendationsMatchProviderAndId();

private:
    void writeResources(const ResourceBatch &b, bool markMissing = true);
    std::unique_ptr<store::CostStore> m_store;
};

void TestResourceQuery::init()
{
    m_store = std::make_unique<store::CostStore>();
    QString error;
    QVERIFY2(m_store->open(QStringLiteral(":memory:"), &error), qPrintable(error));
}

void TestResourceQuery::writeResources(const ResourceBatch &b, bool markMissing)
{
    store::CostWriter w(*m_store);
    QString error;
    QVERIFY2(w.begin(testsupport::source(QStringLiteral("sync")), &error), qPrintable(error));
    QVERIFY2(w.addResources(b, markMissing, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
}

// Appear, change, disappear (kept as inactive with its last-seen date), reappear.
void TestResourceQuery::lifecycle()
{
    const int64_t day1 = utcSeconds(kMarch.addDays(1), 10);
    const int64_t day2 = utcSeconds(kMarch.addDays(2), 10);
    const int64_t day3 = utcSeconds(kMarch.addDays(3), 10);
    const int64_t day4 = utcSeconds(kMarch.addDays(4), 10);
    store::ResourceQuery q(*m_store);

    writeResources(batch(day1, {record(QStringLiteral("i-1"), QStringLiteral("web-1"), QStringLiteral("instance")),
                                record(QStringLiteral("i-2"), QStringLiteral("web-2"), QStringLiteral("instance"))}));
    auto list = q.list(day4);
    QCOMPARE(list.rows.size(), size_t(2));
    const store::ResourceRow *r = find(list, QStringLiteral("i-1"));
    QVERIFY(r);
    QVERIFY(r->active);
    QVERIFY(!r->billingOnly);
    QCOMPARE(r->firstSeen, day1);
    QCOMPARE(r->lastSeen, day1);
    QCOMPARE(r->name, QStringLiteral("web-1"));
    QCOMPARE(r->accountId, QStringLiteral("111"));
    QCOMPARE(r->tags.size(), 1);

    // Changed: i-1 is resized and stopped; i-2 disappears from the cloud.
    ResourceRecord changed = record(QStringLiteral("i-1"), QStringLiteral("web-1"), QStringLiteral("instance"),
                                    QStringLiteral("stopped"));
    changed.flavor = QStringLiteral("m5.xlarge");
    writeResources(batch(day2, {changed}));
    list = q.list(day4);
    QCOMPARE(list.rows.size(), size_t(2)); // nothing is deleted
    r = find(list, QStringLiteral("i-1"));
    QCOMPARE(r->flavor, QStringLiteral("m5.xlarge"));
    QCOMPARE(r->state, QStringLiteral("stopped"));
    QCOMPARE(r->firstSeen, day1);
    QCOMPARE(r->lastSeen, day2);
    const store::ResourceRow *gone = find(list, QStringLiteral("i-2"));
    QVERIFY(gone);
    QVERIFY(!gone->active);
    QCOMPARE(gone->lastSeen, day1);

    // Reappears: active again, first seen kept.
    writeResources(batch(day3, {changed, record(QStringLiteral("i-2"), QStringLiteral("web-2"), QStringLiteral("instance"))}));
    list = q.list(day4);
    gone = find(list, QStringLiteral("i-2"));
    QVERIFY(gone->active);
    QCOMPARE(gone->firstSeen, day1);
    QCOMPARE(gone->lastSeen, day3);

    // The provider filter accepts the bill's spelling of the provider.
    QCOMPARE(q.list(day4, QStringLiteral("Amazon Web Services")).rows.size(), size_t(2));
    QCOMPARE(q.list(day4, QStringLiteral("GCP")).rows.size(), size_t(0));
}

void TestResourceQuery::attachments()
{
    ResourceRecord instance = record(QStringLiteral("i-1"), QStringLiteral("db-1"), QStringLiteral("instance"));
    ResourceRecord volume = record(QStringLiteral("vol-1"), QStringLiteral("db-1-data"), QStringLiteral("volume"),
                                   QStringLiteral("in-use"));
    volume.attachedTo = QStringLiteral("i-1");
    volume.attachmentKind = QStringLiteral("volume-instance");
    ResourceRecord snap = record(QStringLiteral("snap-1"), QStringLiteral("db-1-backup"), QStringLiteral("snapshot"),
                                 QStringLiteral("completed"));
    snap.attachedTo = QStringLiteral("vol-1");
    snap.attachmentKind = QStringLiteral("snapshot-volume");
    ResourceRecord image = record(QStringLiteral("ami-1"), QStringLiteral("db-image"), QStringLiteral("image"),
                                  QStringLiteral("available"));
    image.attachedTo = QStringLiteral("snap-1");
    image.attachmentKind = QStringLiteral("image-snapshot");
    const int64_t at = utcSeconds(kMarch, 5);
    writeResources(batch(at, {instance, volume, snap, image}));
    store::ResourceQuery q(*m_store);

    const auto vol = q.details(QStringLiteral("AWS"), QStringLiteral("vol-1"), kMarch, kMarch.addDays(7));
    QVERIFY2(vol.error.isEmpty(), qPrintable(vol.error));
    QCOMPARE(vol.attachments.size(), size_t(2));
    QCOMPARE(vol.attachments[0].outgoing, true);
    QCOMPARE(vol.attachments[0].otherId, QStringLiteral("i-1"));
    QCOMPARE(vol.attachments[0].kind, QStringLiteral("volume-instance"));
    QCOMPARE(vol.attachments[0].otherName, QStringLiteral("db-1"));
    QCOMPARE(vol.attachments[1].outgoing, false);
    QCOMPARE(vol.attachments[1].otherId, QStringLiteral("snap-1"));
    QCOMPARE(vol.attachments[1].kind, QStringLiteral("snapshot-volume"));

    const auto inst = q.details(QStringLiteral("AWS"), QStringLiteral("i-1"), kMarch, kMarch.addDays(7));
    QCOMPARE(inst.attachments.size(), size_t(1));
    QCOMPARE(inst.attachments[0].otherId, QStringLiteral("vol-1"));
    QCOMPARE(inst.attachments[0].outgoing, false);

    const auto img = q.details(QStringLiteral("AWS"), QStringLiteral("ami-1"), kMarch, kMarch.addDays(7));
    QCOMPARE(img.attachments.size(), size_t(1));
    QCOMPARE(img.attachments[0].otherId, QStringLiteral("snap-1"));
    QCOMPARE(img.attachments[0].kind, QStringLiteral("image-snapshot"));

    // The volume detached in the next sync: its attachment goes, the resources stay.
    volume.attachedTo.clear();
    volume.state = QStringLiteral("available");
    writeResources(batch(at + 3600, {instance, volume, snap, image}));
    QCOMPARE(q.details(QStringLiteral("AWS"), QStringLiteral("i-1"), kMarch, kMarch.addDays(7)).attachments.size(),
             size_t(0));
}

void TestResourceQuery::costAndBillingOnly()
{
    writeResources(batch(utcSeconds(kMarch.addDays(20)), {record(QStringLiteral("i-1"), QStringLiteral("web-1"),
                                                                 QStringLiteral("instance"))}));
    // February and March bills: i-1 has costs both months; fn-1 is only in the bill.
    std::vector<CostBatch> batches;
    for (const QDate &month : {QDate(2026, 2, 1), kMarch}) {
        CostBatch b = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), month);
        b.rows.push_back(testsupport::makeRow(month.addDays(2), "10.25", QStringLiteral("Amazon EC2"),
                                              QStringLiteral("us-east-1"), QStringLiteral("222"), QStringLiteral("i-1")));
        b.rows.push_back(testsupport::makeRow(month.addDays(3), "0.000000001", QStringLiteral("Amazon EC2"),
                                              QStringLiteral("us-east-1"), QStringLiteral("222"), QStringLiteral("i-1")));
        b.rows.push_back(testsupport::makeRow(month.addDays(4), "1.5", QStringLiteral("AWS Lambda"),
                                              QStringLiteral("eu-west-1"), QStringLiteral("222"), QStringLiteral("fn-1")));
        batches.push_back(b);
    }
    store::CostWriter w(*m_store);
    QString error;
    QVERIFY2(w.write(testsupport::source(QStringLiteral("bill.csv"), QStringLiteral("d1")), batches, &error),
             qPrintable(error));

    store::ResourceQuery q(*m_store);
    const auto list = q.list(utcSeconds(kMarch.addDays(20)));
    QCOMPARE(list.currency, QStringLiteral("USD"));
    QCOMPARE(list.rows.size(), size_t(2));
    const store::ResourceRow *i1 = find(list, QStringLiteral("i-1"));
    QCOMPARE(i1->costToDate, Money::fromNanos(20'500'000'002).nanos());
    QCOMPARE(i1->costMonth, int64_t(10'250'000'001));
    const store::ResourceRow *fn = find(list, QStringLiteral("fn-1"));
    QVERIFY(fn);
    QVERIFY(fn->billingOnly);
    QCOMPARE(fn->rowId, int64_t(0));
    QCOMPARE(fn->provider, QStringLiteral("AWS"));
    QCOMPARE(fn->type, QStringLiteral("AWS Lambda"));
    QCOMPARE(fn->region, QStringLiteral("eu-west-1"));
    QCOMPARE(fn->accountId, QStringLiteral("222"));
    QCOMPARE(fn->costToDate, int64_t(3'000'000'000));
    QCOMPARE(fn->firstSeen, utcSeconds(QDate(2026, 2, 5)));
    QCOMPARE(fn->lastSeen, utcSeconds(kMarch.addDays(5)) - 1);

    const auto d = q.details(QStringLiteral("AWS"), QStringLiteral("i-1"), kMarch, kMarch.addDays(7));
    QCOMPARE(d.dailyCost.size(), size_t(7));
    QCOMPARE(d.dailyCost[2], int64_t(10'250'000'000));
    QCOMPARE(d.dailyCost[3], int64_t(1));
    QCOMPARE(d.dailyCost[4], int64_t(0));
}

void TestResourceQuery::cpuStatistics()
{
    const int64_t now = utcSeconds(kMarch.addDays(10));
    writeResources(batch(now - 100, {record(QStringLiteral("i-1"), QStringLiteral("web-1"), QStringLiteral("instance")),
                                     record(QStringLiteral("i-2"), QStringLiteral("web-2"), QStringLiteral("instance"))}));
    // 100 points in the last 7 days, values 1..100; older points must not count.
    MetricSeries s;
    s.provider = QStringLiteral("AWS");
    s.resourceId = QStringLiteral("i-1");
    s.metric = QStringLiteral("cpu");
    for (int i = 1; i <= 100; ++i)
        s.points.push_back(MetricPoint{now - i * 3000, static_cast<double>(101 - i)});
    s.points.push_back(MetricPoint{now - 8 * 86400, 1000});
    store::CostWriter w(*m_store);
    QString error;
    QVERIFY(w.begin(testsupport::source(QStringLiteral("metrics")), &error));
    QVERIFY2(w.addMetrics(s, &error), qPrintable(error));
    QVERIFY(w.commit(&error));

    const auto list = store::ResourceQuery(*m_store).list(now);
    const store::ResourceRow *i1 = find(list, QStringLiteral("i-1"));
    QCOMPARE(i1->cpuAvg, 50.5);
    QCOMPARE(i1->cpuP95, 95.0);
    QCOMPARE(find(list, QStringLiteral("i-2"))->cpuAvg, -1.0);

    const auto d = store::ResourceQuery(*m_store).details(QStringLiteral("AWS"), QStringLiteral("i-1"), kMarch,
                                                          kMarch.addDays(11));
    QCOMPARE(d.metrics.size(), size_t(1));
    QCOMPARE(d.metrics[0].metric, QStringLiteral("cpu"));
    QVERIFY(!d.metrics[0].days.empty());
}

void TestResourceQuery::ttlSurvivesAndGoesWithResource()
{
    const int64_t at = utcSeconds(kMarch);
    writeResources(batch(at, {record(QStringLiteral("i-1"), QStringLiteral("web-1"), QStringLiteral("instance"))}));
    store::ResourceSettings settings(*m_store);
    QString error;
    QVERIFY2(settings.setResourceTtl(QStringLiteral("AWS"), QStringLiteral("i-1"), at + 3600, &error), qPrintable(error));
    QVERIFY(!settings.setResourceTtl(QStringLiteral("AWS"), QStringLiteral("i-404"), at, &error));
    QVERIFY(error.contains(QStringLiteral("i-404")));
    QCOMPARE(find(store::ResourceQuery(*m_store).list(at), QStringLiteral("i-1"))->ttlExpiresAt, at + 3600);
    // Re-synced: the TTL stays with the resource.
    writeResources(batch(at + 60, {record(QStringLiteral("i-1"), QStringLiteral("web-1"), QStringLiteral("instance"))}));
    QCOMPARE(find(store::ResourceQuery(*m_store).list(at), QStringLiteral("i-1"))->ttlExpiresAt, at + 3600);
    QVERIFY(settings.setResourceTtl(QStringLiteral("AWS"), QStringLiteral("i-1"), 0, &error));
    QCOMPARE(find(store::ResourceQuery(*m_store).list(at), QStringLiteral("i-1"))->ttlExpiresAt, int64_t(0));
}

// The demo's planted resources are all listed, with the cost the cost rollups give them and the
// utilisation their profile was generated with.
void TestResourceQuery::demoWorkspace()
{
    demo::DemoOptions o;
    o.seed = 7;
    o.months = 2;
    o.endDate = QDate(2026, 3, 17);
    o.scale = 0.02;
    QString error;
    QVERIFY2(demo::generateDemo(*m_store, o, {}, {}, nullptr, &error), qPrintable(error));
    const demo::DemoWorld world = demo::buildDemoWorld(o);
    const int64_t now = utcSeconds(o.endDate.addDays(1)) - 1;
    const analysis::Inventory inv = analysis::loadInventory(*m_store, now);
    QVERIFY2(inv.error.isEmpty(), qPrintable(inv.error));
    QHash<QString, const analysis::InventoryRow *> byId;
    for (const analysis::InventoryRow &r : inv.rows)
        byId.insert(r.resource.resourceId, &r);

    // Every resource of the world is listed; billing-only exactly when it is not in the inventory
    // (a resource without any cost and not in the inventory cannot be known).
    int inventoried = 0;
    for (const demo::DemoResource &r : world.resources) {
        const auto *row = byId.value(r.record.resourceId);
        if (!r.inInventory && !row)
            continue;
        QVERIFY2(row, qPrintable(r.record.resourceId));
        QCOMPARE(row->resource.billingOnly, !r.inInventory);
        inventoried += r.inInventory;
    }
    QVERIFY(inventoried > 0);
    QCOMPARE(inv.rows.size() >= static_cast<size_t>(inventoried), true);

    // Cost to date and this month equal the cost explorer's per-resource totals (daily rollup).
    store::CostQuery cq(*m_store);
    auto totals = [&](const QDate &from) {
        store::CostQuerySpec spec;
        spec.from = from;
        spec.to = o.endDate.addDays(1);
        spec.groupBy = store::Dimension::Resource;
        spec.granularity = store::Granularity::Day; // read from the daily rollup, not the monthly one
        QHash<QString, int64_t> out;
        for (const store::CostGroup &g : cq.aggregate(spec).groups)
            out.insert(g.key, g.total);
        return out;
    };
    const auto toDate = totals(demo::demoFirstDate(o));
    const auto month = totals(QDate(o.endDate.year(), o.endDate.month(), 1));
    int compared = 0;
    for (const analysis::InventoryRow &r : inv.rows) {
        QCOMPARE(r.resource.costToDate, toDate.value(r.resource.resourceId));
        QCOMPARE(r.resource.costMonth, month.value(r.resource.resourceId));
        compared += r.resource.costToDate != 0;
    }
    QVERIFY(compared > 10);

    // Planted idle instances: CPU well under 5 %; oversized ones: 6-27 % on average.
    int idle = 0;
    int oversized = 0;
    for (const demo::DemoPlanted &p : world.planted) {
        if (p.kind == u"bigquery-full-scan")
            continue; // a query, not a resource (TestRecommendationDemo finds it)
        const auto *row = byId.value(p.resourceId);
        QVERIFY2(row, qPrintable(p.resourceId));
        if (p.kind == u"idle-instance") {
            QVERIFY2(row->resource.cpuAvg >= 0 && row->resource.cpuAvg <= 5, qPrintable(p.name));
            ++idle;
        } else if (p.kind == u"oversized-instance") {
            QVERIFY2(row->resource.cpuAvg >= 5 && row->resource.cpuAvg <= 30, qPrintable(p.name));
            QVERIFY(row->resource.cpuP95 >= row->resource.cpuAvg);
            ++oversized;
        }
    }
    QVERIFY(idle > 0);
    QVERIFY(oversized > 0);
}

// The same id in two clouds: an item names its provider and counts only for that resource; an
// item stored before schema 13 (no provider) still counts on the id alone.
void TestResourceQuery::recommendationsMatchProviderAndId()
{
    const int64_t day1 = utcSeconds(kMarch.addDays(1), 10);
    writeResources(batch(day1, {record(QStringLiteral("shared-1"), QStringLiteral("aws-one"), QStringLiteral("instance")),
                                record(QStringLiteral("legacy-1"), QStringLiteral("aws-legacy"), QStringLiteral("volume"))}));
    ResourceBatch gcp = batch(day1, {record(QStringLiteral("shared-1"), QStringLiteral("gcp-one"), QStringLiteral("instance")),
                                     record(QStringLiteral("legacy-1"), QStringLiteral("gcp-legacy"), QStringLiteral("volume"))});
    gcp.provider = QStringLiteral("GCP");
    gcp.accountId = QStringLiteral("proj-1");
    writeResources(gcp);
    QString error;
    // Two items on AWS's shared-1 (one spelled "aws": providers are compared canonically), one on
    // GCP's, and one without a provider on legacy-1.
    QVERIFY2(m_store->db().exec(
                 "INSERT INTO recommendation_item(module, resource, name, saving, currency, detail, options_digest, "
                 "found_at, provider) VALUES "
                 "('m1', 'shared-1', 'aws-one', 5000000000, 'USD', 'idle', '', 100, 'AWS'),"
                 "('m2', 'shared-1', 'aws-one', 2000000000, 'USD', 'big', '', 100, 'aws'),"
                 "('m3', 'shared-1', 'gcp-one', 1000000000, 'USD', 'old', '', 100, 'GCP'),"
                 "('m1', 'legacy-1', 'x', 1000000000, 'USD', 'old', '', 100, '')",
                 &error),
             qPrintable(error));
    store::ResourceQuery q(*m_store);
    const auto list = q.list(utcSeconds(kMarch.addDays(2)));
    QCOMPARE(list.rows.size(), size_t(4));
    QHash<QString, int> byName;
    for (const store::ResourceRow &r : list.rows)
        byName.insert(r.name, r.recommendations);
    QCOMPARE(byName.value(QStringLiteral("aws-one")), 2);
    QCOMPARE(byName.value(QStringLiteral("gcp-one")), 1);
    QCOMPARE(byName.value(QStringLiteral("aws-legacy")), 1);
    QCOMPARE(byName.value(QStringLiteral("gcp-legacy")), 1);

    const auto aws = q.details(QStringLiteral("AWS"), QStringLiteral("shared-1"), kMarch, kMarch.addDays(2));
    QCOMPARE(aws.recommendations.size(), size_t(2));
    QCOMPARE(aws.recommendations[0].module, QStringLiteral("m1"));
    QCOMPARE(aws.recommendations[1].module, QStringLiteral("m2"));
    const auto g = q.details(QStringLiteral("GCP"), QStringLiteral("shared-1"), kMarch, kMarch.addDays(2));
    QCOMPARE(g.recommendations.size(), size_t(1));
    QCOMPARE(g.recommendations[0].module, QStringLiteral("m3"));
    const auto legacy = q.details(QStringLiteral("GCP"), QStringLiteral("legacy-1"), kMarch, kMarch.addDays(2));
    QCOMPARE(legacy.recommendations.size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestResourceQuery)
#include "TestResourceQuery.moc"
