#include "StoreTestSupport.h"

#include "model/analysis/AnomalyDetector.h"
#include "model/analysis/AnomalyReport.h"
#include "model/demo/DemoGenerator.h"
#include "model/demo/DemoWorld.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace costscope;
using analysis::AnomalyOptions;
using analysis::Baseline;

namespace {

constexpr int64_t kUnit = Money::kScale;

std::vector<int64_t> units(std::initializer_list<double> values)
{
    std::vector<int64_t> out;
    for (double v : values)
        out.push_back(Money::fromDouble(v).nanos());
    return out;
}

std::vector<int> indexes(const std::vector<analysis::Jump> &jumps)
{
    std::vector<int> out;
    for (const analysis::Jump &j : jumps)
        out.push_back(j.index);
    return out;
}

} // namespace

class TestAnomalyDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void meanFires_data();
    void meanFires();
    void editableWindowAndThreshold();
    void minimumExcess();
    void medianMadIgnoresOutliersAndNoise();
    void contributorsRanked();
    void demoPlantedSpikesFound();
};

void TestAnomalyDetector::meanFires_data()
{
    QTest::addColumn<std::vector<int64_t>>("values");
    QTest::addColumn<std::vector<int>>("expected");

    QTest::newRow("jump of 50 %") << units({100, 100, 100, 100, 100, 100, 100, 150}) << std::vector<int>{7};
    // Exactly 30 % above is not "more than 30 %"; one nano more is.
    QTest::newRow("exactly the threshold") << units({100, 100, 100, 100, 100, 100, 100, 130}) << std::vector<int>{};
    std::vector<int64_t> justAbove = units({100, 100, 100, 100, 100, 100, 100, 130});
    justAbove.back() += 1;
    QTest::newRow("one nano above the threshold") << justAbove << std::vector<int>{7};
    QTest::newRow("drop is not an anomaly") << units({100, 100, 100, 100, 100, 100, 100, 10}) << std::vector<int>{};
    QTest::newRow("zero baseline") << units({0, 0, 0, 0, 0, 0, 0, 500}) << std::vector<int>{};
    // A window with one empty day has no steady level (a resource that just started).
    QTest::newRow("window with a zero day") << units({100, 100, 0, 100, 100, 100, 100, 500}) << std::vector<int>{};
    QTest::newRow("short history") << units({100, 100, 100, 100, 100, 500}) << std::vector<int>{};
    QTest::newRow("empty") << std::vector<int64_t>{} << std::vector<int>{};
    // The mean of the window: 100 x 6 and 170 -> 110; 143 is exactly +30 %, 144 is above.
    QTest::newRow("mean of the window")
        << units({100, 100, 100, 100, 100, 100, 170, 143, 100}) << std::vector<int>{};
    QTest::newRow("mean of the window, above")
        << units({100, 100, 100, 100, 100, 100, 170, 144, 100}) << std::vector<int>{7};
    // Two spike days in a row: the second is still far above a window that holds the first.
    QTest::newRow("two days") << units({100, 100, 100, 100, 100, 100, 100, 800, 800, 100}) << std::vector<int>{7, 8};
}

void TestAnomalyDetector::meanFires()
{
    QFETCH(std::vector<int64_t>, values);
    QFETCH(std::vector<int>, expected);
    const std::vector<analysis::Jump> jumps = analysis::detectJumps(values, AnomalyOptions{});
    QCOMPARE(indexes(jumps), expected);
    for (const analysis::Jump &j : jumps) {
        QCOMPARE(j.actual, values[static_cast<size_t>(j.index)]);
        QVERIFY(j.expected > 0);
    }
}

void TestAnomalyDetector::editableWindowAndThreshold()
{
    const std::vector<int64_t> v = units({50, 50, 50, 50, 100, 100, 100, 140});
    // Defaults: mean of 7 days = (4 x 50 + 3 x 100) / 7 = 71.43; 140 is +96 %.
    auto jumps = analysis::detectJumps(v, AnomalyOptions{});
    QCOMPARE(indexes(jumps), std::vector<int>{7});
    QCOMPARE(jumps.front().expected, (4 * 50 + 3 * 100) * kUnit / 7);
    QCOMPARE(analysis::changePercent(100 * kUnit, 140 * kUnit), 40.0);
    // Three days: the baseline is 100, 140 is +40 %; with a 50 % threshold it is not flagged.
    AnomalyOptions three;
    three.windowDays = 3;
    jumps = analysis::detectJumps(v, three);
    // 100 after 50, 50, 50 is +100 %, and after 50, 50, 100 still +50 %.
    QCOMPARE(indexes(jumps), (std::vector<int>{4, 5, 7}));
    QCOMPARE(jumps.back().expected, 100 * kUnit);
    three.thresholdPercent = 60;
    QCOMPARE(indexes(analysis::detectJumps(v, three)), std::vector<int>{4});
    // Days before firstJudged only serve as history.
    QCOMPARE(indexes(analysis::detectJumps(v, three, 0, 5)), std::vector<int>{});
}

void TestAnomalyDetector::minimumExcess()
{
    const std::vector<int64_t> v = units({1, 1, 1, 1, 1, 1, 1, 3});
    QCOMPARE(indexes(analysis::detectJumps(v, AnomalyOptions{})), std::vector<int>{7});
    QCOMPARE(indexes(analysis::detectJumps(v, AnomalyOptions{}, 2 * kUnit)), std::vector<int>{7}); // exactly 2 more
    QCOMPARE(indexes(analysis::detectJumps(v, AnomalyOptions{}, 2 * kUnit + 1)), std::vector<int>{});
}

void TestAnomalyDetector::medianMadIgnoresOutliersAndNoise()
{
    AnomalyOptions mad;
    mad.baseline = Baseline::MedianMad;
    // One earlier outlier inflates the mean (228.6) so that a real jump to 140 hides; the median
    // (100) is not moved by it.
    const std::vector<int64_t> outlier = units({100, 100, 100, 1000, 100, 100, 100, 140});
    QCOMPARE(indexes(analysis::detectJumps(outlier, AnomalyOptions{})), std::vector<int>{});
    const auto robust = analysis::detectJumps(outlier, mad);
    QCOMPARE(indexes(robust), std::vector<int>{7});
    QCOMPARE(robust.front().expected, 100 * kUnit);
    // A noisy series: +40 % over the median, but within 3 robust deviations (MAD 20 -> 88.9).
    const std::vector<int64_t> noisy = units({100, 120, 80, 110, 90, 130, 70, 140});
    QCOMPARE(indexes(analysis::detectJumps(noisy, AnomalyOptions{})), std::vector<int>{7});
    QCOMPARE(indexes(analysis::detectJumps(noisy, mad)), std::vector<int>{});
    const std::vector<int64_t> noisyJump = units({100, 120, 80, 110, 90, 130, 70, 190});
    QCOMPARE(indexes(analysis::detectJumps(noisyJump, mad)), std::vector<int>{7});
    // The median of an even window is the mean of the two middle values.
    mad.windowDays = 4;
    const auto even = analysis::detectJumps(units({100, 200, 300, 400, 1000}), mad);
    QCOMPARE(indexes(even), std::vector<int>{4});
    QCOMPARE(even.front().expected, 250 * kUnit);
}

void TestAnomalyDetector::contributorsRanked()
{
    QTemporaryDir dir;
    store::CostStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("c.costscope"))));
    const QDate first(2026, 3, 1);
    const QDate spike(2026, 3, 20);
    CostBatch b = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), first);
    const QString acct = QStringLiteral("222");
    const Tags alpha{{QStringLiteral("team"), QStringLiteral("alpha")}};
    const Tags beta{{QStringLiteral("team"), QStringLiteral("beta")}};
    for (QDate d = first; d < QDate(2026, 3, 25); d = d.addDays(1)) {
        const bool s = d == spike;
        b.rows.push_back(testsupport::makeRow(d, "10", QStringLiteral("EC2"), QStringLiteral("us-east-1"), acct,
                                              QStringLiteral("i-steady"), alpha));
        b.rows.push_back(testsupport::makeRow(d, s ? "20" : "5", QStringLiteral("EC2"), QStringLiteral("us-east-1"),
                                              acct, QStringLiteral("i-big"), beta));
        b.rows.push_back(testsupport::makeRow(d, s ? "8" : "3", QStringLiteral("S3"), QStringLiteral("us-east-1"), acct,
                                              QStringLiteral("bucket-1"), alpha));
        if (s) // two new resources on the spike day
            for (const char *id : {"i-new-1", "i-new-2", "i-new-3"})
                b.rows.push_back(testsupport::makeRow(d, "0.5", QStringLiteral("EC2"), QStringLiteral("us-east-1"), acct,
                                                      QString::fromLatin1(id), beta));
        // Month-end style tax is not an anomaly: only usage counts.
        if (d == QDate(2026, 3, 21))
            b.rows.push_back(testsupport::makeRow(d, "500", QStringLiteral("Tax"), QStringLiteral("us-east-1"), acct, {},
                                                  {}, ChargeCategory::Tax));
    }
    store::CostWriter writer(store);
    QString error;
    QVERIFY2(writer.write(testsupport::source(QStringLiteral("t")), {b}, &error), qPrintable(error));

    analysis::AnomalyScanOptions opts;
    opts.minResourceJump = 3;
    const analysis::AnomalyReport r = analysis::findAnomalies(store, opts);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.currency, QStringLiteral("USD"));
    std::set<QString> found;
    for (const analysis::Anomaly &a : r.anomalies) {
        QCOMPARE(a.day, spike);
        found.insert(analysis::scopeKindName(a.scope) + u':' + a.key + u':'
                     + (a.metric == analysis::AnomalyMetric::Cost ? u'c' : u'n'));
    }
    // Account 222 (18 -> 39.5), EC2 (15 -> 31.5), S3 (3 -> 8), i-big (5 -> 20), bucket-1 (3 -> 8),
    // and the account's resource count (3 -> 6).
    const std::set<QString> expected{QStringLiteral("account:222:c"),      QStringLiteral("service:EC2:c"),
                                     QStringLiteral("service:S3:c"),       QStringLiteral("resource:i-big:c"),
                                     QStringLiteral("resource:bucket-1:c"), QStringLiteral("account:222:n"),
                                     QStringLiteral("service:EC2:n")};
    QCOMPARE(found, expected);

    const auto account = std::find_if(r.anomalies.begin(), r.anomalies.end(), [](const analysis::Anomaly &a) {
        return a.scope == store::ScopeKind::Account && a.metric == analysis::AnomalyMetric::Cost;
    });
    QVERIFY(account != r.anomalies.end());
    QCOMPARE(account->expected, 18 * kUnit);
    QCOMPARE(account->actual, Money::fromDouble(39.5).nanos());
    std::vector<QString> resources, services, tags;
    for (const analysis::AnomalyContributor &c : account->contributors) {
        if (c.kind == analysis::AnomalyContributor::Kind::Resource)
            resources.push_back(c.key);
        else if (c.kind == analysis::AnomalyContributor::Kind::Service)
            services.push_back(c.key);
        else if (c.kind == analysis::AnomalyContributor::Kind::Tag)
            tags.push_back(c.tagKey + u'=' + c.key);
        else
            QFAIL("an account anomaly has no account contributors");
    }
    // Ranked by growth: i-big +15, bucket-1 +5, the new ones +0.5 each (ties by label); i-steady did not grow.
    QCOMPARE(resources, (std::vector<QString>{QStringLiteral("i-big"), QStringLiteral("bucket-1"),
                                              QStringLiteral("i-new-1"), QStringLiteral("i-new-2"),
                                              QStringLiteral("i-new-3")}));
    QCOMPARE(services, (std::vector<QString>{QStringLiteral("EC2"), QStringLiteral("S3")}));
    QCOMPARE(tags, (std::vector<QString>{QStringLiteral("team=beta"), QStringLiteral("team=alpha")}));
    QCOMPARE(account->contributors.front().delta(), 15 * kUnit);

    const auto count = std::find_if(r.anomalies.begin(), r.anomalies.end(), [](const analysis::Anomaly &a) {
        return a.scope == store::ScopeKind::Account && a.metric == analysis::AnomalyMetric::ResourceCount;
    });
    QVERIFY(count != r.anomalies.end());
    QCOMPARE(count->expected, 3);
    QCOMPARE(count->actual, 6);
    QCOMPARE(count->contributors.size(), size_t(3)); // the resources that appeared
    for (const analysis::AnomalyContributor &c : count->contributors)
        QVERIFY(c.key.startsWith(QStringLiteral("i-new-")));

    // Raising the threshold above the jumps finds nothing.
    opts.detector.thresholdPercent = 400;
    QVERIFY(analysis::findAnomalies(store, opts).anomalies.empty());
}

void TestAnomalyDetector::demoPlantedSpikesFound()
{
    QTemporaryDir dir;
    store::CostStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("demo.costscope"))));
    demo::DemoOptions opts;
    opts.scale = 0.05;
    opts.endDate = QDate(2026, 11, 27);
    QString error;
    QVERIFY2(demo::generateDemo(store, opts, {}, {}, nullptr, &error), qPrintable(error));
    const demo::DemoWorld world = demo::buildDemoWorld(opts);

    const analysis::AnomalyReport r = analysis::findAnomalies(store, analysis::AnomalyScanOptions{});
    QVERIFY(r.error.isEmpty());
    std::set<QDate> spikeDays;
    for (const demo::DemoSpike &s : world.spikes) {
        bool found = false;
        for (const analysis::Anomaly &a : r.anomalies) {
            const int32_t day = dayNumber(a.day);
            found = found || (day >= s.firstDay && day <= s.lastDay);
        }
        QVERIFY2(found, qPrintable(s.what));
        for (int32_t d = s.firstDay; d <= s.lastDay; ++d)
            spikeDays.insert(dateFromDayNumber(d));
    }
    // The scope each spike was planted in (docs/demo.md) is among them, on its first day.
    const QDate end = opts.endDate;
    struct Expected
    {
        int daysBeforeEnd;
        store::ScopeKind scope;
        analysis::AnomalyMetric metric;
        const char *label;
    };
    const Expected planted[] = {
        {9, store::ScopeKind::Service, analysis::AnomalyMetric::Cost, "BigQuery"},
        {38, store::ScopeKind::Service, analysis::AnomalyMetric::Cost, "AWS Data Transfer"},
        {75, store::ScopeKind::Account, analysis::AnomalyMetric::ResourceCount, "ML-Workloads"},
        {75, store::ScopeKind::Account, analysis::AnomalyMetric::Cost, "ML-Workloads"},
        {150, store::ScopeKind::Resource, analysis::AnomalyMetric::Cost, "acme-oss-ecommerce-cn-assets"},
        {4, store::ScopeKind::Account, analysis::AnomalyMetric::Cost, "batch"},
        {200, store::ScopeKind::Service, analysis::AnomalyMetric::Cost, "AWS Lambda"},
    };
    for (const Expected &e : planted) {
        const auto it = std::find_if(r.anomalies.begin(), r.anomalies.end(), [&](const analysis::Anomaly &a) {
            return a.day == end.addDays(-e.daysBeforeEnd) && a.scope == e.scope && a.metric == e.metric
                   && a.label.contains(QLatin1String(e.label));
        });
        QVERIFY2(it != r.anomalies.end(), e.label);
    }
    // Nothing much else. At this small scale an account holds a handful of resources, so single
    // ML runs and the noise of egress show; still, nine days in ten have no cost anomaly.
    std::set<QDate> otherDays;
    for (const analysis::Anomaly &a : r.anomalies) {
        if (a.metric != analysis::AnomalyMetric::Cost)
            continue;
        if (spikeDays.count(a.day))
            continue;
        otherDays.insert(a.day);
    }
    const qint64 judged = r.from.daysTo(r.to);
    QVERIFY2(static_cast<qint64>(otherDays.size()) * 10 < judged,
             qPrintable(QStringLiteral("%1 other days of %2").arg(otherDays.size()).arg(judged)));
    // Each anomaly names what grew.
    for (const analysis::Anomaly &a : r.anomalies)
        if (a.scope != store::ScopeKind::Resource && a.metric == analysis::AnomalyMetric::Cost)
            QVERIFY2(!a.contributors.empty(), qPrintable(a.label));
}

QTEST_GUILESS_MAIN(TestAnomalyDetector)
#include "TestAnomalyDetector.moc"
