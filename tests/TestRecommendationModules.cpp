// The recommendation modules on a small hand-built workspace: each module fires where it must
// and stays quiet where it must not, savings equal hand-computed numbers, options and
// exclusions apply, dismiss/restore and the archive persist.

#include "StoreTestSupport.h"

#include "model/analysis/recommendations/FlavorCatalog.h"
#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/RecommendationQuery.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>

using namespace costscope;
using namespace costscope::analysis;
using costscope::testsupport::utcSeconds;

namespace {

const QDate kEnd(2026, 11, 27);
const QString kAcc = QStringLiteral("acc-1");

struct Res
{
    QString id;
    QString type;
    QString flavor;
    QString state;
    int64_t firstSeen;
    QString attachedTo = {};
    QString kind = {};
    QString provider = QStringLiteral("AWS");
};

int64_t dayStart(int offset) { return utcSeconds(kEnd.addDays(offset)); }

int64_t nanosOf(const char *decimal) { return Money::parse(QByteArrayView(decimal))->nanos(); }

// Per-hour CPU and network (written as equal in and out) of an instance; a negative CPU means
// "not running".
using Profile = std::function<std::pair<double, double>(int64_t t)>;

ResourceRecord recordOf(const Res &r, int64_t lastSeen)
{
    ResourceRecord rec;
    rec.provider = r.provider;
    rec.accountId = kAcc;
    rec.region = r.provider == u"AWS" ? QStringLiteral("us-east-1") : QStringLiteral("eastus");
    rec.resourceId = r.id;
    rec.name = r.id + QStringLiteral("-name");
    rec.type = r.type;
    rec.flavor = r.flavor;
    rec.state = r.state;
    rec.firstSeen = r.firstSeen;
    rec.createdAt = r.firstSeen;
    rec.lastSeen = lastSeen;
    rec.attachedTo = r.attachedTo;
    rec.attachmentKind = r.kind;
    rec.tags = {{QStringLiteral("env"), r.id.startsWith(u"i-prod") ? QStringLiteral("prod") : QStringLiteral("dev")}};
    return rec;
}

class Fixture
{
public:
    std::vector<Res> resources;
    std::map<QString, std::map<int, const char *>> costs; // resource -> day offset (0 = E) -> cost
    std::map<QString, Profile> metrics;
    std::map<QString, int64_t> lastSeen; // ended resources

    void add(const Res &r) { resources.push_back(r); }
    void cost(const QString &id, int fromOffset, int toOffset, const char *amount)
    {
        for (int d = fromOffset; d <= toOffset; ++d)
            costs[id][d] = amount;
    }
    const Res *find(const QString &id) const
    {
        for (const Res &r : resources)
            if (r.id == id)
                return &r;
        return nullptr;
    }

    bool write(store::CostStore &s, QString *error) const
    {
        store::CostWriter w(s);
        if (!w.begin(testsupport::source(QStringLiteral("fixture")), error))
            return false;
        const int64_t observedAt = dayStart(0) + 23 * 3600;
        for (const QString &provider : {QStringLiteral("AWS"), QStringLiteral("Azure")}) {
            std::map<QDate, CostBatch> batches;
            for (const auto &[id, days] : costs) {
                const Res *res = find(id);
                if (!res || res->provider != provider)
                    continue;
                for (const auto &[off, amount] : days) {
                    const QDate day = kEnd.addDays(off);
                    const QDate month(day.year(), day.month(), 1);
                    auto it = batches.find(month);
                    if (it == batches.end())
                        it = batches.emplace(month, testsupport::makeBatch(provider, QStringLiteral("payer"), month)).first;
                    it->second.rows.push_back(testsupport::makeRow(day, amount, QStringLiteral("Compute"),
                                                                   QStringLiteral("us-east-1"), kAcc, id));
                }
            }
            for (const auto &[m, b] : batches)
                if (!w.add(b, error))
                    return false;
            ResourceBatch rb;
            rb.provider = provider;
            rb.accountId = kAcc;
            rb.observedAt = observedAt;
            for (const Res &r : resources)
                if (r.provider == provider)
                    rb.resources.push_back(recordOf(r, lastSeen.count(r.id) ? lastSeen.at(r.id) : observedAt));
            if (!w.addResources(rb, false, error))
                return false;
        }
        for (const auto &[id, profile] : metrics) {
            MetricSeries cpu, in, out;
            for (MetricSeries *m : {&cpu, &in, &out}) {
                m->provider = find(id)->provider;
                m->resourceId = id;
            }
            cpu.metric = QStringLiteral("cpu");
            in.metric = QStringLiteral("network_in");
            out.metric = QStringLiteral("network_out");
            for (int64_t t = dayStart(-13); t < dayStart(1); t += 3600) {
                const auto [c, n] = profile(t);
                if (c < 0)
                    continue;
                cpu.points.push_back({t, c});
                in.points.push_back({t, n});
                out.points.push_back({t, n * 0.5});
            }
            for (const MetricSeries *m : {&cpu, &in, &out})
                if (!w.addMetrics(*m, error))
                    return false;
        }
        return w.commit(error);
    }
};

bool weekdayOfficeHour(int64_t t)
{
    const QDateTime dt = QDateTime::fromSecsSinceEpoch(t, Qt::UTC);
    return dt.date().dayOfWeek() <= 5 && dt.time().hour() >= 8 && dt.time().hour() < 19;
}

Fixture makeFixture()
{
    const QString instance = QStringLiteral("instance");
    const QString running = QStringLiteral("running");
    Fixture f;
    // Idle for weeks.
    f.add({QStringLiteral("i-idle"), instance, QStringLiteral("m5.xlarge"), running, dayStart(-40)});
    f.cost(QStringLiteral("i-idle"), -29, 0, "4.608");
    f.metrics[QStringLiteral("i-idle")] = [](int64_t) { return std::make_pair(2.0, 500.0); };
    // Busy.
    f.add({QStringLiteral("i-prod-busy"), instance, QStringLiteral("m5.xlarge"), running, dayStart(-40)});
    f.cost(QStringLiteral("i-prod-busy"), -29, 0, "4.608");
    f.metrics[QStringLiteral("i-prod-busy")] = [](int64_t) { return std::make_pair(50.0, 1e6); };
    // Oversized: 10 % CPU with one 24 % hour a day; p99 of 72 hourly samples is that peak.
    f.add({QStringLiteral("i-big"), instance, QStringLiteral("m5.4xlarge"), running, dayStart(-40)});
    f.cost(QStringLiteral("i-big"), -29, 0, "18.432");
    f.metrics[QStringLiteral("i-big")] = [](int64_t t) {
        return std::make_pair((t / 3600) % 24 == 14 ? 24.0 : 10.0, 1e5);
    };
    // Right-sized: 60 % peaks on 8 vCPUs need 6 vCPUs; nothing cheaper in m5 has them.
    f.add({QStringLiteral("i-fit"), instance, QStringLiteral("m5.2xlarge"), running, dayStart(-40)});
    f.cost(QStringLiteral("i-fit"), -29, 0, "9.216");
    f.metrics[QStringLiteral("i-fit")] = [](int64_t t) {
        return std::make_pair((t / 3600) % 24 == 14 ? 60.0 : 30.0, 1e5);
    };
    // Office hours: busy 08-19 UTC on weekdays, idle otherwise, billed 24/7.
    f.add({QStringLiteral("i-office"), instance, QStringLiteral("m5.large"), running, dayStart(-40)});
    f.cost(QStringLiteral("i-office"), -29, 0, "2.304");
    f.metrics[QStringLiteral("i-office")] = [](int64_t t) {
        return weekdayOfficeHour(t) ? std::make_pair(50.0, 1e6) : std::make_pair(1.0, 300.0);
    };
    // Stopped at weekends (no samples then): nothing idle to schedule.
    f.add({QStringLiteral("i-weekdays"), instance, QStringLiteral("m5.large"), running, dayStart(-40)});
    f.cost(QStringLiteral("i-weekdays"), -29, 0, "1.5");
    f.metrics[QStringLiteral("i-weekdays")] = [](int64_t t) {
        const int dow = QDateTime::fromSecsSinceEpoch(t, Qt::UTC).date().dayOfWeek();
        return dow >= 6 ? std::make_pair(-1.0, 0.0) : std::make_pair(40.0, 1e6);
    };
    // Short-lived (3 h) and not so short (8 h).
    f.add({QStringLiteral("i-ci-1"), instance, QStringLiteral("c5.xlarge"), QStringLiteral("terminated"),
           dayStart(-5) + 10 * 3600});
    f.cost(QStringLiteral("i-ci-1"), -5, -5, "0.51");
    f.lastSeen[QStringLiteral("i-ci-1")] = dayStart(-5) + 13 * 3600;
    f.add({QStringLiteral("i-ci-long"), instance, QStringLiteral("c5.xlarge"), QStringLiteral("terminated"),
           dayStart(-6) + 8 * 3600});
    f.cost(QStringLiteral("i-ci-long"), -6, -6, "1.36");
    f.lastSeen[QStringLiteral("i-ci-long")] = dayStart(-6) + 16 * 3600;
    // Stopped: billed (Azure), deallocated (Azure, no cost since E-10), AWS.
    f.add({QStringLiteral("vm-stopped"), instance, QStringLiteral("Standard_D4s_v5"), QStringLiteral("stopped"),
           dayStart(-100), {}, {}, QStringLiteral("Azure")});
    f.cost(QStringLiteral("vm-stopped"), -29, 0, "4.608");
    f.add({QStringLiteral("vm-deallocated"), instance, QStringLiteral("Standard_D4s_v5"), QStringLiteral("stopped"),
           dayStart(-100), {}, {}, QStringLiteral("Azure")});
    f.cost(QStringLiteral("vm-deallocated"), -29, -10, "4.608");
    f.add({QStringLiteral("i-stopped"), instance, QStringLiteral("m5.large"), QStringLiteral("stopped"), dayStart(-100)});
    f.cost(QStringLiteral("i-stopped"), -29, 0, "2.304");
    // Volumes.
    f.add({QStringLiteral("vol-free"), QStringLiteral("volume"), QString(), QStringLiteral("available"), dayStart(-10)});
    f.cost(QStringLiteral("vol-free"), -10, 0, "0.5");
    f.add({QStringLiteral("vol-used"), QStringLiteral("volume"), QString(), QStringLiteral("in-use"), dayStart(-100),
           QStringLiteral("i-prod-busy"), QStringLiteral("volume-instance")});
    f.cost(QStringLiteral("vol-used"), -29, 0, "0.5");
    f.add({QStringLiteral("vol-new"), QStringLiteral("volume"), QString(), QStringLiteral("available"),
           dayStart(0) + 12 * 3600});
    f.cost(QStringLiteral("vol-new"), 0, 0, "0.2");
    // IPs.
    f.add({QStringLiteral("eip-free"), QStringLiteral("ip"), QString(), QStringLiteral("unassociated"), dayStart(-20)});
    f.cost(QStringLiteral("eip-free"), -20, 0, "0.12");
    f.add({QStringLiteral("eip-new"), QStringLiteral("ip"), QString(), QStringLiteral("unassociated"), dayStart(-3)});
    f.cost(QStringLiteral("eip-new"), -3, 0, "0.12");
    f.add({QStringLiteral("eip-used"), QStringLiteral("ip"), QString(), QStringLiteral("associated"), dayStart(-100),
           QStringLiteral("i-prod-busy"), QStringLiteral("ip-instance")});
    f.cost(QStringLiteral("eip-used"), -29, 0, "0.12");
    // Snapshots.
    f.add({QStringLiteral("snap-orphan"), QStringLiteral("snapshot"), QString(), QStringLiteral("completed"),
           dayStart(-100), QStringLiteral("vol-gone"), QStringLiteral("snapshot-volume")});
    f.cost(QStringLiteral("snap-orphan"), -29, 0, "1");
    f.add({QStringLiteral("snap-ok"), QStringLiteral("snapshot"), QString(), QStringLiteral("completed"),
           dayStart(-100), QStringLiteral("vol-used"), QStringLiteral("snapshot-volume")});
    f.cost(QStringLiteral("snap-ok"), -29, 0, "1");
    f.add({QStringLiteral("snap-young"), QStringLiteral("snapshot"), QString(), QStringLiteral("completed"),
           dayStart(-1), QStringLiteral("vol-gone"), QStringLiteral("snapshot-volume")});
    f.cost(QStringLiteral("snap-young"), -1, 0, "1");
    // Images: unused, used by an instance, too young.
    f.add({QStringLiteral("ami-old"), QStringLiteral("image"), QString(), QStringLiteral("available"), dayStart(-200),
           QStringLiteral("snap-orphan"), QStringLiteral("image-snapshot")});
    f.add({QStringLiteral("ami-used"), QStringLiteral("image"), QString(), QStringLiteral("available"), dayStart(-200),
           QStringLiteral("snap-ok"), QStringLiteral("image-snapshot")});
    f.add({QStringLiteral("i-from-ami"), instance, QStringLiteral("m5.large"), running, dayStart(-50),
           QStringLiteral("ami-used"), QStringLiteral("instance-image")});
    f.cost(QStringLiteral("i-from-ami"), -29, 0, "2.304");
    f.metrics[QStringLiteral("i-from-ami")] = [](int64_t) { return std::make_pair(60.0, 1e6); };
    f.add({QStringLiteral("ami-new"), QStringLiteral("image"), QString(), QStringLiteral("available"), dayStart(-2),
           QStringLiteral("snap-ok"), QStringLiteral("image-snapshot")});
    return f;
}

const ModuleResult *moduleOf(const RecommendationRun &run, const QString &id)
{
    for (const ModuleResult &m : run.modules)
        if (m.id == id)
            return &m;
    return nullptr;
}

QStringList idsOf(const ModuleResult *m)
{
    QStringList out;
    if (m)
        for (const RecommendationItem &i : m->items)
            out << i.resource.resourceId;
    out.sort();
    return out;
}

int64_t savingOf(const ModuleResult *m, const QString &id)
{
    if (m)
        for (const RecommendationItem &i : m->items)
            if (i.resource.resourceId == id)
                return i.saving.nanos();
    return -1;
}

} // namespace

class TestRecommendationModules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachModule_data();
    void eachModule();
    void totals();
    void rightsizingExplains();
    void shutdownWindows();
    void exclusions();
    void optionsChangeResult();
    void dismissRestorePersist();
    void archiveReasons();
    void catalog();
    void serviceUsageReadsPeriodRanges();

private:
    static bool runEngine(store::CostStore &s, RecommendationRun *run, bool persist = true);
    QTemporaryDir m_dir;
    QString m_path;
    RecommendationRun m_run;
};

bool TestRecommendationModules::runEngine(store::CostStore &s, RecommendationRun *run, bool persist)
{
    QString error;
    const bool ok = RecommendationEngine::run(s, run, {}, {}, persist, 1'800'000'000, &error);
    if (!ok)
        qWarning() << error;
    return ok;
}

void TestRecommendationModules::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("fixture.costscope"));
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(m_path, &error), qPrintable(error));
    QVERIFY2(makeFixture().write(s, &error), qPrintable(error));
    QVERIFY(runEngine(s, &m_run, false));
}

void TestRecommendationModules::eachModule_data()
{
    QTest::addColumn<QString>("module");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("savings"); // per expected id, per month
    // 4.608 a day for 30 days. Not i-prod-busy (50 %), not i-office (17 % on average).
    QTest::newRow("abandoned") << QStringLiteral("abandoned_instances") << QStringList{QStringLiteral("i-idle")}
                               << QStringList{QStringLiteral("138.24")};
    // m5.4xlarge, p99 24 % of 16 vCPUs at 80 % needs 5 -> m5.2xlarge: (0.768 - 0.384) x 720.
    // Not i-fit (needs 6 of 8), not i-idle (abandoned), not i-office (needs 2 of 2).
    QTest::newRow("rightsizing") << QStringLiteral("rightsizing") << QStringList{QStringLiteral("i-big")}
                                 << QStringList{QStringLiteral("276.48")};
    // 2.304 x 30 = 69.12 a month, idle 113 of 168 hours: 69.12 x 113 / 168 = 46.491428571 (truncated).
    // Not i-idle (idle all week: abandoned), not i-weekdays (no samples at weekends).
    QTest::newRow("shutdown") << QStringLiteral("instances_for_shutdown") << QStringList{QStringLiteral("i-office")}
                              << QStringList{QStringLiteral("46.491428571")};
    // 0.51 x 72 %. Not i-ci-long (8 h).
    QTest::newRow("short-living") << QStringLiteral("short_living_instances") << QStringList{QStringLiteral("i-ci-1")}
                                  << QStringList{QStringLiteral("0.3672")};
    // 4.608 x 30. Not vm-deallocated (no cost since E-10), not i-stopped (AWS).
    QTest::newRow("stopped") << QStringLiteral("stopped_not_deallocated") << QStringList{QStringLiteral("vm-stopped")}
                             << QStringList{QStringLiteral("138.24")};
    // 0.5 a day on 11 days: 5.5 x 30 / 11 = 15. Not vol-used, not vol-new (12 hours old).
    QTest::newRow("volumes") << QStringLiteral("volumes_not_attached") << QStringList{QStringLiteral("vol-free")}
                             << QStringList{QStringLiteral("15")};
    // 0.12 a day: 3.60 a month. Not eip-new (3 days), not eip-used.
    QTest::newRow("ips") << QStringLiteral("obsolete_ips") << QStringList{QStringLiteral("eip-free")}
                         << QStringList{QStringLiteral("3.6")};
    // 1 a day: 30 a month. Not snap-ok (its source exists), not snap-young (1 day).
    QTest::newRow("snapshots") << QStringLiteral("obsolete_snapshots") << QStringList{QStringLiteral("snap-orphan")}
                               << QStringList{QStringLiteral("30")};
    // No cost of its own. Not ami-used (an instance runs from it), not ami-new (2 days).
    QTest::newRow("images") << QStringLiteral("obsolete_images") << QStringList{QStringLiteral("ami-old")}
                            << QStringList{QStringLiteral("0")};
}

void TestRecommendationModules::eachModule()
{
    QFETCH(QString, module);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, savings);
    const ModuleResult *m = moduleOf(m_run, module);
    QVERIFY(m);
    QCOMPARE(idsOf(m), expected);
    int64_t sum = 0;
    for (int i = 0; i < expected.size(); ++i) {
        const int64_t want = nanosOf(savings[i].toLatin1().constData());
        QCOMPARE(savingOf(m, expected[i]), want);
        sum += want;
    }
    QCOMPARE(m->saving.nanos(), sum);
    for (const RecommendationItem &i : m->items) {
        QVERIFY(!i.finding.isEmpty());
        QVERIFY(!i.computation.isEmpty());
        QVERIFY(!i.action.isEmpty());
    }
}

void TestRecommendationModules::totals()
{
    // 138.24 + 276.48 + 46.491428571 + 0.3672 + 138.24 + 15 + 3.6 + 30 + 0
    QCOMPARE(m_run.totalSaving.nanos(), nanosOf("648.418628571"));
    QCOMPARE(m_run.currency, QStringLiteral("USD"));
    QCOMPARE(m_run.endDay, dayNumber(kEnd));
}

void TestRecommendationModules::rightsizingExplains()
{
    const ModuleResult *m = moduleOf(m_run, QStringLiteral("rightsizing"));
    QVERIFY(m && m->items.size() == 1);
    const RecommendationItem &i = m->items.front();
    QVERIFY2(i.computation.contains(u"m5.4xlarge to m5.2xlarge"), qPrintable(i.computation));
    QVERIFY2(i.computation.contains(u"(0.768 USD - 0.384 USD) per hour x 720 hours = 276.48 USD"),
             qPrintable(i.computation));
    QVERIFY2(i.finding.contains(u"24.0%") && i.finding.contains(u"needs 5 vCPUs"), qPrintable(i.finding));
    QVERIFY2(i.action.contains(u"m5.2xlarge"), qPrintable(i.action));
}

void TestRecommendationModules::shutdownWindows()
{
    const ModuleResult *m = moduleOf(m_run, QStringLiteral("instances_for_shutdown"));
    QVERIFY(m && m->items.size() == 1);
    const QString f = m->items.front().finding;
    QVERIFY2(f.contains(u"Idle 113 of the 168"), qPrintable(f));
    QVERIFY2(f.contains(u"Fri 19:00 - Mon 08:00"), qPrintable(f));
    QVERIFY2(f.contains(u"Mon 19:00 - Tue 08:00"), qPrintable(f));
    QVERIFY2(f.contains(u"Thu 19:00 - Fri 08:00"), qPrintable(f));
}

void TestRecommendationModules::exclusions()
{
    store::CostStore s;
    QVERIFY(s.open(m_path));
    store::RecommendationQuery q(s);
    QVERIFY(q.setOption(QStringLiteral("abandoned_instances"), kExcludedAccounts, QStringLiteral("other, acc-1")));
    QVERIFY(q.setOption(QStringLiteral("obsolete_ips"), kExcludedTags, QStringLiteral("env=dev")));
    QVERIFY(q.setOption(QStringLiteral("obsolete_snapshots"), kExcludedTags, QStringLiteral("env=prod")));
    RecommendationRun run;
    QVERIFY(runEngine(s, &run, false));
    QVERIFY(idsOf(moduleOf(run, QStringLiteral("abandoned_instances"))).isEmpty());
    QVERIFY(idsOf(moduleOf(run, QStringLiteral("obsolete_ips"))).isEmpty());
    QCOMPARE(idsOf(moduleOf(run, QStringLiteral("obsolete_snapshots"))), QStringList{QStringLiteral("snap-orphan")});
    for (const QString &m : {QStringLiteral("abandoned_instances"), QStringLiteral("obsolete_ips"),
                             QStringLiteral("obsolete_snapshots")})
        QVERIFY(q.clearOptions(m));
}

void TestRecommendationModules::optionsChangeResult()
{
    store::CostStore s;
    QVERIFY(s.open(m_path));
    store::RecommendationQuery q(s);
    // At 11 % average CPU and 200 kB/s, i-big (10.6 %, 100 kB/s) is abandoned too; i-office
    // (17 % on average) is not.
    QVERIFY(q.setOption(QStringLiteral("abandoned_instances"), QStringLiteral("cpu_percent"), QStringLiteral("11")));
    QVERIFY(q.setOption(QStringLiteral("abandoned_instances"), QStringLiteral("network_bps"), QStringLiteral("200000")));
    // Lived under 9 hours: both CI runners; at 50 % off.
    QVERIFY(q.setOption(QStringLiteral("short_living_instances"), QStringLiteral("max_hours"), QStringLiteral("9")));
    QVERIFY(q.setOption(QStringLiteral("short_living_instances"), QStringLiteral("spot_discount"), QStringLiteral("50")));
    RecommendationRun run;
    QVERIFY(runEngine(s, &run, false));
    QCOMPARE(idsOf(moduleOf(run, QStringLiteral("abandoned_instances"))),
             (QStringList{QStringLiteral("i-big"), QStringLiteral("i-idle")}));
    const ModuleResult *spot = moduleOf(run, QStringLiteral("short_living_instances"));
    QCOMPARE(idsOf(spot), (QStringList{QStringLiteral("i-ci-1"), QStringLiteral("i-ci-long")}));
    QCOMPARE(savingOf(spot, QStringLiteral("i-ci-long")), nanosOf("0.68"));
    QCOMPARE(savingOf(spot, QStringLiteral("i-ci-1")), nanosOf("0.255"));
    QVERIFY(q.clearOptions(QStringLiteral("abandoned_instances")));
    QVERIFY(q.clearOptions(QStringLiteral("short_living_instances")));
}

void TestRecommendationModules::dismissRestorePersist()
{
    {
        store::CostStore s;
        QVERIFY(s.open(m_path));
        store::RecommendationQuery q(s);
        QVERIFY(q.setDismissed(QStringLiteral("abandoned_instances"), QStringLiteral("i-idle"), true, 1'700'000'000));
    }
    // Another connection (as the window's worker has) sees the dismissal.
    store::CostStore s;
    QVERIFY(s.open(m_path));
    RecommendationRun run;
    QVERIFY(runEngine(s, &run, false));
    const ModuleResult *m = moduleOf(run, QStringLiteral("abandoned_instances"));
    QVERIFY(m);
    QCOMPARE(m->items.size(), size_t(1));
    QVERIFY(m->items.front().dismissed);
    QCOMPARE(m->saving.nanos(), int64_t(0));
    QCOMPARE(m->dismissedCount, 1);
    QCOMPARE(m->activeCount, 0);
    QCOMPARE(run.totalSaving.nanos(), m_run.totalSaving.nanos() - nanosOf("138.24"));
    store::RecommendationQuery q(s);
    QVERIFY(q.setDismissed(QStringLiteral("abandoned_instances"), QStringLiteral("i-idle"), false, 0));
    QVERIFY(runEngine(s, &run, false));
    m = moduleOf(run, QStringLiteral("abandoned_instances"));
    QVERIFY(!m->items.front().dismissed);
    QCOMPARE(m->saving.nanos(), nanosOf("138.24"));
    QCOMPARE(run.totalSaving.nanos(), m_run.totalSaving.nanos());
}

void TestRecommendationModules::archiveReasons()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("archive.costscope"));
    store::CostStore s;
    QVERIFY(s.open(path));
    QString error;
    Fixture f = makeFixture();
    QVERIFY2(f.write(s, &error), qPrintable(error));
    RecommendationRun run;
    QVERIFY(runEngine(s, &run));
    QVERIFY(run.archived.empty());
    QVERIFY(runEngine(s, &run));
    QVERIFY(run.archived.empty()); // nothing changed, nothing archived

    // The volume is deleted, the address gets associated, and rightsizing's options change.
    store::CostWriter w(s);
    QVERIFY(w.begin(testsupport::source(QStringLiteral("inventory")), &error));
    ResourceBatch rb;
    rb.provider = QStringLiteral("AWS");
    rb.accountId = kAcc;
    rb.observedAt = dayStart(0) + 23 * 3600;
    Res vol = *f.find(QStringLiteral("vol-free"));
    vol.state = QStringLiteral("deleted");
    Res ip = *f.find(QStringLiteral("eip-free"));
    ip.state = QStringLiteral("associated");
    ip.attachedTo = QStringLiteral("i-prod-busy");
    ip.kind = QStringLiteral("ip-instance");
    rb.resources.push_back(recordOf(vol, rb.observedAt));
    rb.resources.push_back(recordOf(ip, rb.observedAt));
    QVERIFY2(w.addResources(rb, false, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));
    store::RecommendationQuery q(s);
    QVERIFY(q.setOption(QStringLiteral("rightsizing"), QStringLiteral("min_vcpus"), QStringLiteral("16")));

    QVERIFY(runEngine(s, &run));
    std::map<QString, QString> reasons;
    for (const auto &a : run.archived)
        reasons[a.resourceId] = a.reason;
    QCOMPARE(reasons.size(), size_t(3));
    QCOMPARE(reasons[QStringLiteral("vol-free")], kReasonDeleted);
    QCOMPARE(reasons[QStringLiteral("eip-free")], kReasonApplied);
    QCOMPARE(reasons[QStringLiteral("i-big")], kReasonOptions);
    // The archive persists with the saving each item had.
    const auto stored = q.archive();
    QCOMPARE(stored.size(), size_t(3));
    for (const auto &a : stored) {
        if (a.resourceId == u"vol-free")
            QCOMPARE(a.saving.nanos(), nanosOf("15"));
        if (a.resourceId == u"i-big")
            QCOMPARE(a.saving.nanos(), nanosOf("276.48"));
        QCOMPARE(a.at, int64_t(1'800'000'000));
    }
    QVERIFY(runEngine(s, &run));
    QVERIFY(run.archived.empty());
    QCOMPARE(q.archive().size(), size_t(3));
}

void TestRecommendationModules::catalog()
{
    const FlavorCatalog &c = FlavorCatalog::bundled();
    QVERIFY(c.flavors().size() > 60);
    bool same = true;
    const Flavor *f = c.find(QStringLiteral("AWS"), QStringLiteral("eu-west-1"), QStringLiteral("m5.xlarge"), &same);
    QVERIFY(f);
    QVERIFY(!same);
    QCOMPARE(f->vcpus, 4);
    QCOMPARE(f->hourly.nanos(), nanosOf("0.192"));
    QVERIFY(!c.find(QStringLiteral("AWS"), QStringLiteral("us-east-1"), QStringLiteral("m5.huge")));
    // The demo's flavours are in the catalog with the demo's prices.
    const std::pair<const char *, const char *> demo[] = {{"m5.large", "0.096"}, {"c5.2xlarge", "0.34"},
        {"r5.2xlarge", "0.504"}, {"Standard_D8s_v5", "0.384"}, {"n2-standard-8", "0.3885"},
        {"c2-standard-8", "0.4176"}, {"ecs.g6.xlarge", "0.202"}};
    for (const auto &[name, price] : demo) {
        const Flavor *x = nullptr;
        for (const Flavor &y : c.flavors())
            if (y.name == QLatin1String(name))
                x = &y;
        QVERIFY2(x, name);
        QCOMPARE(x->hourly.nanos(), nanosOf(price));
    }
    int bad = 0;
    const FlavorCatalog parsed = FlavorCatalog::fromCsv(
        "# comment\nAWS,us-east-1,m5.large,m5,2,8,0.096\nAWS,us-east-1,broken,m5,x,8,0.1\nAWS,us-east-1,m5.x,m5,2,8\n",
        &bad);
    QCOMPARE(parsed.flavors().size(), size_t(1));
    QCOMPARE(bad, 2);
}

QTEST_GUILESS_MAIN(TestRecommendationModules)
// The line items of the services are read period by period, each as a range of line item ids
// (schema version 16), never by scanning every line item.
void TestRecommendationModules::serviceUsageReadsPeriodRanges()
{
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(m_path, &error), qPrintable(error));
    QVERIFY(s.db().queryInt("SELECT count(*) FROM billing_period") > 1);
    const QByteArray sql = "EXPLAIN QUERY PLAN " + store::RecommendationQuery::serviceUsageSql(2);
    store::Statement plan(s.db(), sql.constData());
    QStringList steps;
    while (plan.next())
        steps << plan.columnText(3);
    QVERIFY2(plan.ok(), qPrintable(plan.error()));
    const QString all = steps.join(QLatin1Char('\n'));
    QVERIFY2(steps.value(0) == u"SCAN p", qPrintable(all));
    QVERIFY2(steps.contains(QStringLiteral("SEARCH l USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)")), qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("SCAN l")), qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("AUTOMATIC")), qPrintable(all));

    // And it finds what the period ranges hold: each resource's compute cost of the last 30 days,
    // over the months the window spans, to the nano-unit.
    const int32_t last = store::RecommendationQuery(s).lastCostDay();
    const auto usage = store::RecommendationQuery(s).serviceUsage(last - 29, last, {QStringLiteral("Compute")});
    QVERIFY(!usage.empty());
    int64_t billed = 0;
    for (const store::ServiceUsage &u : usage) {
        QCOMPARE(u.service, QStringLiteral("Compute"));
        for (const store::SkuUsage &sku : u.skus)
            for (const int64_t nanos : sku.billed)
                billed += nanos;
    }
    store::Statement direct(s.db(), "SELECT sum(l.billed) FROM line_item l JOIN str sv ON sv.id = l.service "
                                    "WHERE sv.s = 'Compute' AND l.resource <> 0 AND l.day BETWEEN ? AND ?");
    direct.bind(1, static_cast<int64_t>(last - 29)).bind(2, static_cast<int64_t>(last));
    QVERIFY(direct.next());
    QCOMPARE(billed, direct.columnInt(0));
}

#include "TestRecommendationModules.moc"
