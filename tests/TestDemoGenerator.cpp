#include "model/demo/DemoGenerator.h"
#include "model/demo/DemoWorld.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"

#include <QDateTime>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;

namespace {

const QDate kEnd(2026, 3, 17);

demo::DemoOptions smallOptions(uint64_t seed = 7, int months = 3)
{
    demo::DemoOptions o;
    o.seed = seed;
    o.months = months;
    o.endDate = kEnd;
    o.scale = 0.02;
    return o;
}

// "provider|yyyy-MM|nanos" lines, one per provider and month, sorted.
QStringList totalsByProviderAndMonth(store::CostStore &s, const QDate &from, const QDate &to)
{
    store::CostQuery q(s);
    store::CostQuerySpec spec;
    spec.from = from;
    spec.to = to;
    spec.groupBy = store::Dimension::Provider;
    spec.granularity = store::Granularity::Month;
    const store::CostSeries series = q.aggregate(spec);
    QStringList lines;
    for (const store::CostGroup &g : series.groups)
        for (size_t b = 0; b < series.buckets.size(); ++b)
            lines << g.key + QLatin1Char('|') + series.buckets[b].toString(QStringLiteral("yyyy-MM")) + QLatin1Char('|')
                    + QString::number(g.nanos[b]);
    lines.sort();
    return lines;
}

int64_t count(store::CostStore &s, const char *sql)
{
    return s.db().queryInt(sql, -1);
}

// What a workspace holds, to see that a cancelled run changed nothing.
struct Snapshot
{
    int64_t lineItems = 0, billed = 0, resources = 0, metrics = 0, runs = 0, periods = 0, sources = 0;
    QString demoFlag;
    bool operator==(const Snapshot &) const = default;
};

Snapshot snapshot(store::CostStore &s)
{
    store::CostQuery q(s);
    Snapshot snap;
    snap.lineItems = q.lineItemCount();
    snap.billed = q.rawBilledTotal(QDate(2000, 1, 1), QDate(2100, 1, 1));
    snap.resources = count(s, "SELECT count(*) FROM resource");
    snap.metrics = count(s, "SELECT count(*) FROM metric_point");
    snap.runs = count(s, "SELECT count(*) FROM ml_run");
    snap.periods = count(s, "SELECT count(*) FROM billing_period");
    snap.sources = count(s, "SELECT count(*) FROM source");
    snap.demoFlag = s.metaValue(QStringLiteral("demo"));
    return snap;
}

} // namespace

class TestDemoGenerator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void determinism();
    void differentSeedDiffers();
    void thirteenMonths();
    void everyProviderPresent_data();
    void everyProviderPresent();
    void rollupsEqualRawLineItems();
    void marksDemo();
    void resourcesMetricsAndRuns();
    void plantedIdleInstancesHaveLowCpu();
    void plantedWasteIsInTheInventory_data();
    void plantedWasteIsInTheInventory();
    void progressEveryMonth();
    void cancelLeavesWorkspaceUnchanged_data();
    void cancelLeavesWorkspaceUnchanged();
    void regenerateReplacesEverything();
    void endDateDefaultsToToday();
    void brokenOptions_data();
    void brokenOptions();
    void closedStoreIsRefused();
    void saasTablesFilled_data();
    void saasTablesFilled();
    void saasCostsMatchLineItems();

private:
    QTemporaryDir m_dir;
    store::CostStore m_store; // 3 months, seed 7
    store::CostStore m_year; // 13 months, seed 7
    demo::DemoStats m_stats;
    demo::DemoStats m_yearStats;
};

void TestDemoGenerator::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(QStringLiteral("a.costscope")), &error), qPrintable(error));
    QVERIFY2(demo::generateDemo(m_store, smallOptions(), {}, {}, &m_stats, &error), qPrintable(error));
    QVERIFY2(m_year.open(m_dir.filePath(QStringLiteral("year.costscope")), &error), qPrintable(error));
    QVERIFY2(demo::generateDemo(m_year, smallOptions(7, 13), {}, {}, &m_yearStats, &error), qPrintable(error));
}

void TestDemoGenerator::determinism()
{
    store::CostStore other;
    QString error;
    QVERIFY(other.open(m_dir.filePath(QStringLiteral("b.costscope")), &error));
    demo::DemoStats stats;
    QVERIFY2(demo::generateDemo(other, smallOptions(), {}, {}, &stats, &error), qPrintable(error));
    const QDate from = demo::demoFirstDate(smallOptions());
    const QStringList expected = totalsByProviderAndMonth(m_store, from, kEnd.addDays(1));
    QVERIFY(!expected.isEmpty());
    QCOMPARE(totalsByProviderAndMonth(other, from, kEnd.addDays(1)), expected);
    QCOMPARE(store::CostQuery(other).lineItemCount(), store::CostQuery(m_store).lineItemCount());
    QCOMPARE(stats.lineItems, m_stats.lineItems);
    QCOMPARE(stats.billedNanos, m_stats.billedNanos);
    QCOMPARE(stats.resources, m_stats.resources);
    QCOMPARE(stats.runs, m_stats.runs);
    QCOMPARE(count(other, "SELECT count(*) FROM metric_point"), count(m_store, "SELECT count(*) FROM metric_point"));
    QCOMPARE(other.db().queryText("SELECT group_concat(uuid) FROM (SELECT uuid FROM ml_run ORDER BY uuid)"),
        m_store.db().queryText("SELECT group_concat(uuid) FROM (SELECT uuid FROM ml_run ORDER BY uuid)"));
}

void TestDemoGenerator::differentSeedDiffers()
{
    store::CostStore other;
    QString error;
    QVERIFY(other.open(m_dir.filePath(QStringLiteral("c.costscope")), &error));
    demo::DemoStats stats;
    QVERIFY2(demo::generateDemo(other, smallOptions(8), {}, {}, &stats, &error), qPrintable(error));
    QVERIFY(stats.lineItems > 0);
    QVERIFY(stats.billedNanos != m_stats.billedNanos);
    const QDate from = demo::demoFirstDate(smallOptions());
    QVERIFY(totalsByProviderAndMonth(other, from, kEnd.addDays(1))
        != totalsByProviderAndMonth(m_store, from, kEnd.addDays(1)));
}

void TestDemoGenerator::thirteenMonths()
{
    const store::DataRange range = store::CostQuery(m_year).dataRange();
    QVERIFY(!range.isEmpty());
    QCOMPARE(range.first, QDate(2025, 3, 1));
    QCOMPARE(range.last, kEnd);
    // Every month has costs.
    const QStringList lines = totalsByProviderAndMonth(m_year, range.first, kEnd.addDays(1));
    QSet<QString> months;
    for (const QString &l : lines)
        if (l.section(QLatin1Char('|'), 2).toLongLong() > 0)
            months.insert(l.section(QLatin1Char('|'), 1, 1));
    QCOMPARE(months.size(), 13);
    // Month-over-month growth: the last closed month costs more than the first.
    store::CostQuery q(m_year);
    const double lastPerDay = static_cast<double>(q.rawBilledTotal(QDate(2026, 2, 1), QDate(2026, 3, 1))) / 28;
    const double firstPerDay = static_cast<double>(q.rawBilledTotal(QDate(2025, 3, 1), QDate(2025, 4, 1))) / 31;
    QVERIFY2(lastPerDay > firstPerDay * 1.1, qPrintable(QStringLiteral("%1 %2").arg(firstPerDay).arg(lastPerDay)));
    // Weekdays cost more than weekends on average over the year.
    store::CostQuerySpec spec;
    spec.from = range.first;
    spec.to = kEnd.addDays(1);
    spec.granularity = store::Granularity::Day;
    const store::CostSeries days = q.aggregate(spec);
    const std::vector<int64_t> totals = days.bucketTotals();
    QCOMPARE(totals.size(), days.buckets.size());
    double weekday = 0, weekend = 0;
    int nWeekday = 0, nWeekend = 0;
    for (size_t i = 0; i < totals.size(); ++i) {
        if (days.buckets[i].day() == days.buckets[i].daysInMonth())
            continue; // taxes and credits land on the last day
        if (days.buckets[i].dayOfWeek() >= 6) {
            weekend += static_cast<double>(totals[i]);
            ++nWeekend;
        } else {
            weekday += static_cast<double>(totals[i]);
            ++nWeekday;
        }
    }
    QVERIFY(nWeekday > 0 && nWeekend > 0);
    QVERIFY(weekday / nWeekday > weekend / nWeekend);
}

void TestDemoGenerator::everyProviderPresent_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("minAccounts");
    QTest::newRow("AWS") << QStringLiteral("AWS") << 4;
    QTest::newRow("Azure") << QStringLiteral("Azure") << 3;
    QTest::newRow("GCP") << QStringLiteral("GCP") << 3;
    QTest::newRow("Alibaba Cloud") << QStringLiteral("Alibaba Cloud") << 2;
    QTest::newRow("Kubernetes") << QStringLiteral("Kubernetes") << 8;
}

void TestDemoGenerator::everyProviderPresent()
{
    QFETCH(QString, provider);
    QFETCH(int, minAccounts);
    store::CostQuery q(m_year);
    store::CostQuerySpec spec;
    spec.from = QDate(2025, 3, 1);
    spec.to = kEnd.addDays(1);
    spec.groupBy = store::Dimension::Account;
    spec.granularity = store::Granularity::Total;
    spec.filters.append({ store::Dimension::Provider, QString(), { provider } });
    const store::CostSeries series = q.aggregate(spec);
    QVERIFY2(series.total > 0, qPrintable(provider));
    QVERIFY2(static_cast<int>(series.groups.size()) >= minAccounts,
        qPrintable(QStringLiteral("%1 sub-accounts").arg(series.groups.size())));
    store::Statement st(m_year.db(), "SELECT count(*) FROM resource r JOIN str p ON p.id = r.provider WHERE p.s = ?");
    st.bind(1, provider);
    QVERIFY(st.next());
    QVERIFY(st.columnInt(0) > 0);
}

void TestDemoGenerator::rollupsEqualRawLineItems()
{
    for (store::CostStore *s : { &m_store, &m_year }) {
        store::CostQuery q(*s);
        const store::DataRange range = q.dataRange();
        QVERIFY(!range.isEmpty());
        store::CostQuerySpec spec;
        spec.from = range.first;
        spec.to = range.last.addDays(1);
        spec.granularity = store::Granularity::Total;
        const int64_t rolled = q.aggregate(spec).total;
        QVERIFY(rolled > 0);
        QCOMPARE(rolled, q.rawBilledTotal(spec.from, spec.to));
        const int64_t stats = s == &m_store ? m_stats.billedNanos : m_yearStats.billedNanos;
        QCOMPARE(rolled, stats);
        QCOMPARE(q.lineItemCount(), s == &m_store ? m_stats.lineItems : m_yearStats.lineItems);
    }
}

void TestDemoGenerator::marksDemo()
{
    QVERIFY(m_store.isDemo());
    QCOMPARE(m_store.metaValue(QStringLiteral("demo")), QStringLiteral("1"));
    QCOMPARE(m_store.metaValue(QStringLiteral("demo_end")), QStringLiteral("2026-03-17"));
    QCOMPARE(m_store.db().queryText("SELECT digest FROM source"), QStringLiteral("demo-seed-7-2026-03-17"));
    QCOMPARE(m_store.db().queryText("SELECT kind FROM source"), QStringLiteral("demo"));
}

void TestDemoGenerator::resourcesMetricsAndRuns()
{
    QVERIFY(m_stats.resources > 100);
    QCOMPARE(count(m_store, "SELECT count(*) FROM resource"), static_cast<int64_t>(m_stats.resources));
    for (const char *type : { "instance", "volume", "snapshot", "image", "ip", "bucket", "database", "cluster" }) {
        store::Statement st(m_store.db(), "SELECT count(*) FROM resource r JOIN str t ON t.id = r.type WHERE t.s = ?");
        st.bind(1, QString::fromLatin1(type));
        QVERIFY(st.next());
        QVERIFY2(st.columnInt(0) > 0, type);
    }
    QVERIFY(
        count(m_store, "SELECT count(*) FROM attachment a JOIN str k ON k.id = a.kind WHERE k.s = 'volume-instance'")
        > 0);
    QVERIFY(count(m_store, "SELECT count(*) FROM resource WHERE first_seen > last_seen") == 0);
    QVERIFY(count(m_store, "SELECT count(*) FROM resource WHERE created_at > last_seen") == 0);
    // About 20% of the instances carry no tags.
    const double untagged = static_cast<double>(count(m_year, "SELECT count(*) FROM resource WHERE tagset = 0"))
        / static_cast<double>(count(m_year, "SELECT count(*) FROM resource"));
    QVERIFY2(untagged > 0.05 && untagged < 0.4, qPrintable(QString::number(untagged)));
    // Hourly metrics for 30 days, summarised per day.
    for (const char *metric : { "cpu", "network_in", "network_out" }) {
        store::Statement st(m_store.db(),
            "SELECT count(*), count(DISTINCT d.day) FROM metric_daily d JOIN str m ON m.id = d.metric WHERE m.s = ?");
        st.bind(1, QString::fromLatin1(metric));
        QVERIFY(st.next());
        QVERIFY2(st.columnInt(0) > 30, metric);
        QCOMPARE(st.columnInt(1), 30);
    }
    QVERIFY(count(m_store, "SELECT max(value) FROM metric_point") > 100); // network bytes/s
    // ML
    QCOMPARE(count(m_store, "SELECT count(*) FROM ml_experiment"), 3);
    QCOMPARE(count(m_store, "SELECT count(*) FROM ml_run"), static_cast<int64_t>(m_stats.runs));
    QVERIFY(m_stats.runs >= 30);
    QVERIFY(count(m_store, "SELECT count(*) FROM ml_experiment WHERE primary_metric = ''") == 0);
    QCOMPARE(count(m_store, "SELECT count(*) FROM ml_experiment WHERE maximize = 0"), 1);
    QVERIFY(count(m_store, "SELECT count(DISTINCT key) FROM ml_param") >= 4);
    QVERIFY(count(m_store, "SELECT count(*) FROM ml_tag WHERE key = 'costscope.instance_id'") == m_stats.runs);
    // Loss goes down: the first step's loss is above the last step's in every finished run.
    QCOMPARE(count(m_store, R"sql(SELECT count(*) FROM ml_run r WHERE r.status = 'FINISHED' AND
        (SELECT value FROM ml_metric WHERE run_id = r.id AND key = 'loss' ORDER BY step LIMIT 1) <=
        (SELECT value FROM ml_metric WHERE run_id = r.id AND key = 'loss' ORDER BY step DESC LIMIT 1))sql"),
        0);
    // Each run's machine exists and has cost rows during the run.
    store::Statement runs(m_store.db(), "SELECT instance_id, start_ms FROM ml_run");
    int checked = 0;
    while (runs.next()) {
        const QString instance = runs.columnText(0);
        const int64_t day = runs.columnInt(1) / 1000 / 86400;
        store::Statement costs(m_store.db(),
            "SELECT count(*) FROM line_item l JOIN str r ON r.id = l.resource "
            "WHERE r.s = ? AND l.day = ?");
        costs.bind(1, instance).bind(2, day);
        QVERIFY(costs.next());
        QVERIFY2(costs.columnInt(0) > 0, qPrintable(instance));
        ++checked;
    }
    QCOMPARE(checked, m_stats.runs);
}

void TestDemoGenerator::plantedIdleInstancesHaveLowCpu()
{
    const demo::DemoWorld world = demo::buildDemoWorld(smallOptions());
    int idle = 0;
    for (const demo::DemoPlanted &p : world.planted) {
        if (p.kind != u"idle-instance")
            continue;
        ++idle;
        for (const char *metric : { "cpu", "network_in" }) {
            store::Statement st(m_store.db(), R"sql(SELECT avg(d.avg), count(*) FROM metric_daily d
                JOIN resource r ON r.id = d.resource_id JOIN str id ON id.id = r.resource
                JOIN str m ON m.id = d.metric WHERE id.s = ? AND m.s = ?)sql");
            st.bind(1, p.resourceId).bind(2, QString::fromLatin1(metric));
            QVERIFY(st.next());
            QCOMPARE(st.columnInt(1), 30);
            const double avg = st.columnDouble(0);
            QVERIFY2(avg < (qstrcmp(metric, "cpu") == 0 ? 5.0 : 1000.0), qPrintable(p.resourceId));
        }
    }
    QVERIFY(idle >= 5);
    // Busy fleet machines are well above that.
    QVERIFY(m_store.db().queryInt(R"sql(SELECT count(*) FROM (SELECT avg(d.avg) a FROM metric_daily d
        JOIN str m ON m.id = d.metric WHERE m.s = 'cpu' GROUP BY d.resource_id) WHERE a > 15)sql")
        > 20);
}

void TestDemoGenerator::plantedWasteIsInTheInventory_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("state");
    QTest::newRow("idle") << QStringLiteral("idle-instance") << QStringLiteral("running");
    QTest::newRow("oversized") << QStringLiteral("oversized-instance") << QStringLiteral("running");
    QTest::newRow("office hours") << QStringLiteral("office-hours-instance") << QStringLiteral("running");
    QTest::newRow("stopped") << QStringLiteral("stopped-instance") << QStringLiteral("stopped");
    QTest::newRow("stopped not deallocated") << QStringLiteral("stopped-not-deallocated") << QStringLiteral("stopped");
    QTest::newRow("unattached volume") << QStringLiteral("unattached-volume") << QStringLiteral("available");
    QTest::newRow("obsolete snapshot") << QStringLiteral("obsolete-snapshot") << QStringLiteral("completed");
    QTest::newRow("obsolete image") << QStringLiteral("obsolete-image") << QStringLiteral("available");
    QTest::newRow("unassociated ip") << QStringLiteral("unassociated-ip") << QStringLiteral("unassociated");
    QTest::newRow("short-lived") << QStringLiteral("short-lived-instance") << QStringLiteral("terminated");
}

void TestDemoGenerator::plantedWasteIsInTheInventory()
{
    QFETCH(QString, kind);
    QFETCH(QString, state);
    const demo::DemoWorld world = demo::buildDemoWorld(smallOptions());
    int found = 0;
    for (const demo::DemoPlanted &p : world.planted) {
        if (p.kind != kind)
            continue;
        store::Statement st(m_store.db(), R"sql(SELECT s.s, r.first_seen, r.last_seen,
            (SELECT count(*) FROM attachment a WHERE a.resource_id = r.id)
            FROM resource r JOIN str id ON id.id = r.resource JOIN str s ON s.id = r.state WHERE id.s = ?)sql");
        st.bind(1, p.resourceId);
        QVERIFY2(st.next(), qPrintable(p.resourceId));
        QCOMPARE(st.columnText(0), state);
        QVERIFY(st.columnInt(1) <= st.columnInt(2));
        if (kind == u"unattached-volume")
            QCOMPARE(st.columnInt(3), 0);
        if (kind == u"obsolete-snapshot") {
            // Its source volume is nowhere in the inventory.
            store::Statement src(
                m_store.db(), R"sql(SELECT count(*) FROM attachment a JOIN resource r ON r.id = a.resource_id
                JOIN str id ON id.id = r.resource JOIN resource v ON v.resource = a.target WHERE id.s = ?)sql");
            src.bind(1, p.resourceId);
            QVERIFY(src.next());
            QCOMPARE(src.columnInt(0), 0);
        }
        if (kind == u"short-lived-instance")
            QVERIFY(st.columnInt(2) - st.columnInt(1) < 6 * 3600);
        ++found;
    }
    QVERIFY(found > 0);
}

void TestDemoGenerator::progressEveryMonth()
{
    store::CostStore s;
    QString error;
    QVERIFY(s.open(QStringLiteral(":memory:"), &error));
    QStringList messages;
    double last = -1;
    bool monotonic = true;
    auto progress = [&](double fraction, const QString &message) {
        monotonic = monotonic && fraction >= last && fraction <= 1.0;
        last = fraction;
        messages << message;
    };
    demo::DemoOptions o = smallOptions(3, 4);
    o.scale = 0.01;
    QVERIFY2(demo::generateDemo(s, o, progress, {}, nullptr, &error), qPrintable(error));
    QVERIFY(monotonic);
    QCOMPARE(last, 1.0);
    for (const char *month : { "2025-12", "2026-01", "2026-02", "2026-03" })
        QVERIFY2(messages.contains(QStringLiteral("Generating costs for ") + QLatin1String(month)), month);
}

void TestDemoGenerator::cancelLeavesWorkspaceUnchanged_data()
{
    QTest::addColumn<QString>("when"); // cancel once a progress message starts with this
    QTest::newRow("planning") << QStringLiteral("Planning");
    QTest::newRow("resources") << QStringLiteral("Writing resources");
    QTest::newRow("first month") << QStringLiteral("Generating costs for 2026-01");
    QTest::newRow("last month") << QStringLiteral("Generating costs for 2026-03");
    QTest::newRow("metrics") << QStringLiteral("Generating metrics");
    QTest::newRow("ml runs") << QStringLiteral("Writing ML runs");
}

void TestDemoGenerator::cancelLeavesWorkspaceUnchanged()
{
    QFETCH(QString, when);
    store::CostStore s;
    QString error;
    QVERIFY(
        s.open(m_dir.filePath(QStringLiteral("cancel-") + QString::number(qHash(when)) + QStringLiteral(".costscope")),
            &error));
    // Something that is not the demo: one imported bill.
    CostBatch batch;
    batch.provider = QStringLiteral("AWS");
    batch.billingAccountId = QStringLiteral("111122223333");
    batch.periodStart = QDate(2026, 1, 1);
    batch.periodEnd = QDate(2026, 2, 1);
    CostRow row;
    row.chargeStart = static_cast<int64_t>(dayNumber(QDate(2026, 1, 5))) * 86400;
    row.chargeEnd = row.chargeStart + 86400;
    row.serviceName = QStringLiteral("Amazon EC2");
    row.billedCost = *Money::parse(QByteArrayView("12.34"));
    batch.rows.push_back(row);
    store::CostWriter writer(s);
    QVERIFY2(writer.write({ QStringLiteral("file"), QStringLiteral("bill.csv"), QStringLiteral("abc"),
                              QStringLiteral("FOCUS 1.0") },
                 { batch }, &error),
        qPrintable(error));
    const Snapshot before = snapshot(s);
    QCOMPARE(before.lineItems, 1);

    bool stop = false;
    auto progress = [&](double, const QString &message) {
        if (message.startsWith(when))
            stop = true;
    };
    auto cancelled = [&]() { return stop; };
    QVERIFY(!demo::generateDemo(s, smallOptions(), progress, cancelled, nullptr, &error));
    QVERIFY(stop);
    QCOMPARE(error, QStringLiteral("cancelled"));
    QVERIFY(snapshot(s) == before);
    QVERIFY(!s.isDemo());
    if (when.endsWith(u"2026-03")) {
        // The workspace still works after the cancel.
        QVERIFY2(demo::generateDemo(s, smallOptions(), {}, {}, nullptr, &error), qPrintable(error));
        QVERIFY(s.isDemo());
    }
}

void TestDemoGenerator::endDateDefaultsToToday()
{
    store::CostStore s;
    QString error;
    QVERIFY(s.open(QStringLiteral(":memory:"), &error));
    demo::DemoOptions o;
    o.months = 1;
    o.scale = 0.01;
    QVERIFY(!o.endDate.isValid());
    const QDate before = QDateTime::currentDateTimeUtc().date();
    QVERIFY2(demo::generateDemo(s, o, {}, {}, nullptr, &error), qPrintable(error));
    const QDate after = QDateTime::currentDateTimeUtc().date();
    const store::DataRange range = store::CostQuery(s).dataRange();
    QVERIFY(range.last == before || range.last == after);
    QCOMPARE(range.first, QDate(range.last.year(), range.last.month(), 1));
    QCOMPARE(demo::demoEndDate(o), after);
}

void TestDemoGenerator::regenerateReplacesEverything()
{
    store::CostStore s;
    QString error;
    QVERIFY(s.open(m_dir.filePath(QStringLiteral("regen.costscope")), &error));
    demo::DemoStats first, second;
    QVERIFY2(demo::generateDemo(s, smallOptions(1), {}, {}, &first, &error), qPrintable(error));
    QVERIFY2(demo::generateDemo(s, smallOptions(), {}, {}, &second, &error), qPrintable(error));
    // The second demo alone is in the workspace: the same as a fresh one with its options.
    QCOMPARE(store::CostQuery(s).lineItemCount(), m_stats.lineItems);
    QCOMPARE(count(s, "SELECT count(*) FROM source"), 1);
    QCOMPARE(count(s, "SELECT count(*) FROM resource"), static_cast<int64_t>(m_stats.resources));
    QCOMPARE(count(s, "SELECT count(*) FROM ml_run"), static_cast<int64_t>(m_stats.runs));
    const QDate from = demo::demoFirstDate(smallOptions());
    QCOMPARE(
        totalsByProviderAndMonth(s, from, kEnd.addDays(1)), totalsByProviderAndMonth(m_store, from, kEnd.addDays(1)));
}

void TestDemoGenerator::brokenOptions_data()
{
    QTest::addColumn<int>("months");
    QTest::addColumn<double>("scale");
    QTest::newRow("no months") << 0 << 0.02;
    QTest::newRow("negative months") << -3 << 0.02;
    QTest::newRow("too many months") << 500 << 0.02;
    QTest::newRow("zero scale") << 3 << 0.0;
    QTest::newRow("negative scale") << 3 << -1.0;
    QTest::newRow("NaN scale") << 3 << std::nan("");
    QTest::newRow("huge scale") << 3 << 1e6;
}

void TestDemoGenerator::brokenOptions()
{
    QFETCH(int, months);
    QFETCH(double, scale);
    store::CostStore s;
    QString error;
    QVERIFY(s.open(QStringLiteral(":memory:"), &error));
    demo::DemoOptions o = smallOptions();
    o.months = months;
    o.scale = scale;
    error.clear();
    QVERIFY(!demo::generateDemo(s, o, {}, {}, nullptr, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(store::CostQuery(s).lineItemCount(), 0);
    QVERIFY(!s.isDemo());
}

void TestDemoGenerator::closedStoreIsRefused()
{
    store::CostStore s;
    QString error;
    QVERIFY(!demo::generateDemo(s, smallOptions(), {}, {}, nullptr, &error));
    QVERIFY(!error.isEmpty());
}

void TestDemoGenerator::saasTablesFilled_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("usageType");
    QTest::addColumn<bool>("withQueries");
    QTest::newRow("S3 GETs") << QStringLiteral("S3") << QStringLiteral("requests-tier2") << false;
    QTest::newRow("S3 storage") << QStringLiteral("S3") << QStringLiteral("storage") << false;
    QTest::newRow("Redshift nodes") << QStringLiteral("Redshift") << QStringLiteral("node-hours") << true;
    QTest::newRow("Redshift Serverless") << QStringLiteral("Redshift") << QStringLiteral("rpu-hours") << true;
    QTest::newRow("BigQuery") << QStringLiteral("BigQuery") << QStringLiteral("bytes-billed") << true;
    QTest::newRow("Databricks") << QStringLiteral("Databricks") << QStringLiteral("dbu") << false;
    QTest::newRow("Snowflake") << QStringLiteral("Snowflake") << QStringLiteral("credits-compute") << true;
}

// Every service of issue 8 has usage over the whole demo and (where the service has them)
// queries in the last 30 days; the planted S3 lifecycle buckets are written but never read.
void TestDemoGenerator::saasTablesFilled()
{
    QFETCH(QString, service);
    QFETCH(QString, usageType);
    QFETCH(bool, withQueries);
    store::Statement st(m_year.db(), "SELECT count(DISTINCT day), min(day), max(day) FROM saas_usage_daily "
                                     "WHERE service = ? AND usage_type = ? AND source = 'demo'");
    st.bind(1, service).bind(2, usageType);
    QVERIFY(st.next());
    QVERIFY2(st.columnInt(0) > 300, qPrintable(QString::number(st.columnInt(0))));
    QCOMPARE(st.columnInt(2), static_cast<int64_t>(dayNumber(kEnd)));
    store::Statement q(m_year.db(), "SELECT count(*), min(day) FROM saas_query WHERE service = ?");
    q.bind(1, service);
    QVERIFY(q.next());
    QCOMPARE(q.columnInt(0) > 0, withQueries);
    if (withQueries)
        QCOMPARE(q.columnInt(1), static_cast<int64_t>(dayNumber(kEnd) - 29));
    QCOMPARE(count(m_year, "SELECT count(*) FROM saas_usage_daily WHERE entity IN ('acme-prod-cloudtrail-logs', "
                           "'acme-data-nightly-backups') AND usage_type = 'requests-tier2'"),
             qint64(0));
    QVERIFY(count(m_year, "SELECT count(*) FROM saas_usage_daily WHERE entity = 'acme-prod-cloudtrail-logs' "
                          "AND usage_type = 'requests-tier1'") > 300);
    QCOMPARE(count(m_year, "SELECT count(*) FROM saas_query WHERE scope = 'legacy-reporting-dw'"), qint64(0));
    QVERIFY(count(m_year, "SELECT count(*) FROM saas_query WHERE full_scan = 1 AND service = 'BigQuery'") >= 30);
}

// The money of the saas rows is the money of the line items: Databricks and Snowflake line items
// sum to their usage cost, S3's usage cost is its usage line items', and BigQuery's jobs add up
// to the bytes billed of their days.
void TestDemoGenerator::saasCostsMatchLineItems()
{
    for (const char *provider : {"Databricks", "Snowflake"}) {
        store::Statement lines(m_year.db(), "SELECT sum(li.billed) FROM line_item li JOIN billing_period bp ON "
                                            "bp.id = li.period_id JOIN str p ON p.id = bp.provider WHERE p.s = ?");
        lines.bind(1, QLatin1String(provider));
        QVERIFY(lines.next());
        store::Statement usage(m_year.db(), "SELECT sum(cost) FROM saas_usage_daily WHERE service = ?");
        usage.bind(1, QLatin1String(provider));
        QVERIFY(usage.next());
        QVERIFY2(lines.columnInt(0) > 0, provider);
        QCOMPARE(usage.columnInt(0), lines.columnInt(0));
    }
    const int64_t s3Lines = count(m_year, "SELECT sum(li.billed) FROM line_item li JOIN str sv ON sv.id = li.service "
                                          "WHERE sv.s = 'Amazon S3' AND li.charge_category = 0");
    QVERIFY(s3Lines > 0);
    QCOMPARE(count(m_year, "SELECT sum(cost) FROM saas_usage_daily WHERE service = 'S3'"), s3Lines);
    QCOMPARE(count(m_year, "SELECT sum(cost) FROM saas_query WHERE service = 'BigQuery'"),
             count(m_year, "SELECT sum(cost) FROM saas_usage_daily WHERE service = 'BigQuery' AND "
                           "usage_type = 'bytes-billed' AND day IN (SELECT day FROM saas_query WHERE "
                           "service = 'BigQuery')"));
    QVERIFY(count(m_year, "SELECT count(*) FROM saas_query WHERE service = 'BigQuery'") > 100);
}

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "TestDemoGenerator.moc"
