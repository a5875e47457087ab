#include "StoreTestSupport.h"

#include "model/analysis/Allocation.h"
#include "model/store/AllocationStore.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using namespace costscope::analysis;

Q_DECLARE_METATYPE(costscope::analysis::AllocationRule)

namespace {

const QDate kDay(2026, 3, 10);

AllocationCell cell(const QString &team, int64_t nanos, const QString &service = QStringLiteral("Compute"),
                    bool idle = false, const QDate &day = kDay)
{
    return AllocationCell{dayNumber(day), team, service, QStringLiteral("111"), idle, nanos};
}

AllocationRule fixedRule(AllocationSource source, const QString &value, std::vector<AllocationTarget> targets)
{
    AllocationRule r;
    r.name = QStringLiteral("r");
    r.source = source;
    r.value = value;
    r.method = AllocationMethod::Fixed;
    r.targets = std::move(targets);
    return r;
}

AllocationRule usageRule(AllocationSource source, const QString &value, const QStringList &teams)
{
    AllocationRule r;
    r.name = QStringLiteral("u");
    r.source = source;
    r.value = value;
    r.method = AllocationMethod::Usage;
    for (const QString &t : teams)
        r.targets.push_back({t, 0});
    return r;
}

// Team -> total of a series.
QMap<QString, int64_t> totals(const store::CostSeries &s)
{
    QMap<QString, int64_t> out;
    for (const store::CostGroup &g : s.groups)
        out.insert(g.key, g.total);
    return out;
}

AllocationResult run(const std::vector<AllocationCell> &cells, std::vector<AllocationRule> rules,
                     store::Granularity g = store::Granularity::Day)
{
    AllocationSettings s;
    s.rules = std::move(rules);
    return allocate(cells, s, kDay.addDays(-40), kDay.addDays(40), g, QStringLiteral("USD"));
}

QString q(const char *text) { return QString::fromUtf8(text); }

} // namespace

class TestAllocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixedPercentages();
    void remainderGoesToLargestTarget();
    void negativeAmountsSplitExactly();
    void usageProportional();
    void usageWithoutCostSplitsEqually();
    void emptyTargetsLeaveCostInPlace();
    void firstMatchingRuleTakesTheCell();
    void sourcesMatch_data();
    void sourcesMatch();
    void inactiveRuleIsSkipped();
    void invalidSettingsMoveNothing();
    void monthBuckets();
    void validation_data();
    void validation();
    void parseTargets_data();
    void parseTargets();
    void storeRoundTripAndRefusal();
    void storeCellsMatchExplorer();
};

void TestAllocation::fixedPercentages()
{
    // 100.00 untagged to web 50 %, data 30 %, ml 20 %; web and data have their own 10.00 and 5.00.
    const AllocationResult r =
        run({cell({}, 100'000'000'000), cell(QStringLiteral("web"), 10'000'000'000), cell(QStringLiteral("data"), 5'000'000'000)},
            {fixedRule(AllocationSource::Untagged, {}, {{QStringLiteral("web"), 5000}, {QStringLiteral("data"), 3000}, {QStringLiteral("ml"), 2000}})});
    QVERIFY(r.error.isEmpty());
    const auto before = totals(r.before);
    const auto after = totals(r.after);
    QCOMPARE(before.value(QString()), int64_t(100'000'000'000));
    QCOMPARE(after.value(QStringLiteral("web")), int64_t(60'000'000'000));
    QCOMPARE(after.value(QStringLiteral("data")), int64_t(35'000'000'000));
    QCOMPARE(after.value(QStringLiteral("ml")), int64_t(20'000'000'000));
    QVERIFY(!after.contains(QString()));
    QCOMPARE(r.after.total, r.before.total);
    QCOMPARE(r.after.total, int64_t(115'000'000'000));
    QCOMPARE(r.rules.size(), size_t(1));
    QCOMPARE(r.rules[0].taken, int64_t(100'000'000'000));
    QCOMPARE(r.rules[0].unallocated, int64_t(0));
    QCOMPARE(r.after.groups.front().key, QStringLiteral("web")); // largest first
}

void TestAllocation::remainderGoesToLargestTarget()
{
    // 100 nanos at 33.33 / 33.33 / 33.34 %: 33 + 33 + 33 = 99, the nano left goes to the 33.34 % team.
    AllocationResult r = run({cell({}, 100)}, {fixedRule(AllocationSource::Untagged, {},
                                                          {{QStringLiteral("a"), 3333}, {QStringLiteral("b"), 3333}, {QStringLiteral("c"), 3334}})});
    auto after = totals(r.after);
    QCOMPARE(after.value(QStringLiteral("a")), int64_t(33));
    QCOMPARE(after.value(QStringLiteral("b")), int64_t(33));
    QCOMPARE(after.value(QStringLiteral("c")), int64_t(34));
    // Equal weights: the first listed target takes the remainder (10 = 4 + 3 + 3).
    r = run({cell({}, 10)}, {fixedRule(AllocationSource::Untagged, {},
                                       {{QStringLiteral("z"), 2500}, {QStringLiteral("y"), 2500}, {QStringLiteral("x"), 5000}})});
    after = totals(r.after);
    QCOMPARE(after.value(QStringLiteral("z")), int64_t(2)); // floor(2.5)
    QCOMPARE(after.value(QStringLiteral("y")), int64_t(2));
    QCOMPARE(after.value(QStringLiteral("x")), int64_t(6)); // 5 + the remainder 1: the largest share
    r = run({cell({}, 10)}, {fixedRule(AllocationSource::Untagged, {},
                                       {{QStringLiteral("z"), 3334}, {QStringLiteral("y"), 3333}, {QStringLiteral("x"), 3333}})});
    after = totals(r.after);
    QCOMPARE(after.value(QStringLiteral("z")), int64_t(4)); // 3 + remainder 1
    QCOMPARE(after.value(QStringLiteral("y")), int64_t(3));
    QCOMPARE(after.value(QStringLiteral("x")), int64_t(3));
    // Every day on its own: 1 nano a day at 50/50 rounds to 0 + 0, and each day's nano goes to the first listed.
    r = run({cell({}, 1), cell({}, 1, QStringLiteral("Compute"), false, kDay.addDays(1)),
             cell({}, 1, QStringLiteral("Compute"), false, kDay.addDays(2))},
            {fixedRule(AllocationSource::Untagged, {}, {{QStringLiteral("p"), 5000}, {QStringLiteral("q"), 5000}})});
    after = totals(r.after);
    QCOMPARE(after.value(QStringLiteral("p")), int64_t(3));
    QCOMPARE(after.value(QStringLiteral("q")), int64_t(0));
    QCOMPARE(r.after.total, int64_t(3));
}

void TestAllocation::negativeAmountsSplitExactly()
{
    // A credit of -10 nanos in thirds: floor(-10/3) = -4 each (-12), the +2 left to the first: -2, -4, -4.
    const AllocationResult r = run({cell({}, -10)}, {fixedRule(AllocationSource::Untagged, {},
                                                               {{QStringLiteral("a"), 3334}, {QStringLiteral("b"), 3333}, {QStringLiteral("c"), 3333}})});
    const auto after = totals(r.after);
    QCOMPARE(after.value(QStringLiteral("a")) + after.value(QStringLiteral("b")) + after.value(QStringLiteral("c")), int64_t(-10));
    QCOMPARE(after.value(QStringLiteral("b")), int64_t(-4));
    QCOMPARE(after.value(QStringLiteral("c")), int64_t(-4));
    QCOMPARE(after.value(QStringLiteral("a")), int64_t(-2));
}

void TestAllocation::usageProportional()
{
    // Support 90.00 shared by usage: web has 200.00 of its own, data 100.00, so 60.00 and 30.00.
    const AllocationResult r = run({cell(QStringLiteral("web"), 200'000'000'000), cell(QStringLiteral("data"), 100'000'000'000),
                                    cell(QStringLiteral("web"), 90'000'000'000, QStringLiteral("AWS Support"))},
                                   {usageRule(AllocationSource::Service, QStringLiteral("AWS Support"), {})});
    const auto after = totals(r.after);
    QCOMPARE(after.value(QStringLiteral("web")), int64_t(260'000'000'000));
    QCOMPARE(after.value(QStringLiteral("data")), int64_t(130'000'000'000));
    QCOMPARE(r.after.total, r.before.total);
    // Named targets only: all 90.00 to data, though web has cost too.
    const AllocationResult only = run({cell(QStringLiteral("web"), 200), cell(QStringLiteral("data"), 100),
                                       cell(QStringLiteral("web"), 90, QStringLiteral("AWS Support"))},
                                      {usageRule(AllocationSource::Service, QStringLiteral("AWS Support"), {QStringLiteral("data")})});
    QCOMPARE(totals(only.after).value(QStringLiteral("data")), int64_t(190));
    QCOMPARE(totals(only.after).value(QStringLiteral("web")), int64_t(200));
    // Weights are each day's own cost: day 1 all web, day 2 all data.
    const AllocationResult days = run({cell(QStringLiteral("web"), 10), cell({}, 6),
                                       cell(QStringLiteral("data"), 10, QStringLiteral("Compute"), false, kDay.addDays(1)),
                                       cell({}, 8, QStringLiteral("Compute"), false, kDay.addDays(1))},
                                      {usageRule(AllocationSource::Untagged, {}, {})});
    QCOMPARE(totals(days.after).value(QStringLiteral("web")), int64_t(16));
    QCOMPARE(totals(days.after).value(QStringLiteral("data")), int64_t(18));
}

void TestAllocation::usageWithoutCostSplitsEqually()
{
    // Named targets with no cost of their own that day share equally: 45 + 45.
    const AllocationResult r = run({cell({}, 90)}, {usageRule(AllocationSource::Untagged, {}, {QStringLiteral("a"), QStringLiteral("b")})});
    QCOMPARE(totals(r.after).value(QStringLiteral("a")), int64_t(45));
    QCOMPARE(totals(r.after).value(QStringLiteral("b")), int64_t(45));
}

void TestAllocation::emptyTargetsLeaveCostInPlace()
{
    // Usage over "every team with cost", and no team has cost: nothing moves, the rule says so.
    const AllocationResult r = run({cell({}, 70)}, {usageRule(AllocationSource::Untagged, {}, {})});
    QCOMPARE(totals(r.after).value(QString()), int64_t(70));
    QCOMPARE(r.rules[0].taken, int64_t(70));
    QCOMPARE(r.rules[0].unallocated, int64_t(70));
    QCOMPARE(r.after.total, int64_t(70));
}

void TestAllocation::firstMatchingRuleTakesTheCell()
{
    // Untagged Support cost matches both rules; the first takes it, so it moves once.
    const AllocationResult r = run({cell({}, 100, QStringLiteral("AWS Support")), cell(QStringLiteral("web"), 50, QStringLiteral("AWS Support"))},
                                   {fixedRule(AllocationSource::Untagged, {}, {{QStringLiteral("ops"), 10000}}),
                                    fixedRule(AllocationSource::Service, QStringLiteral("AWS Support"), {{QStringLiteral("data"), 10000}})});
    const auto after = totals(r.after);
    QCOMPARE(after.value(QStringLiteral("ops")), int64_t(100));
    QCOMPARE(after.value(QStringLiteral("data")), int64_t(50));
    QVERIFY(!after.contains(QStringLiteral("web")));
    QCOMPARE(r.rules[0].taken, int64_t(100));
    QCOMPARE(r.rules[1].taken, int64_t(50));
}

void TestAllocation::sourcesMatch_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("team");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("account");
    QTest::addColumn<bool>("idle");
    QTest::addColumn<bool>("matches");
    const int untagged = static_cast<int>(AllocationSource::Untagged);
    const int service = static_cast<int>(AllocationSource::Service);
    const int account = static_cast<int>(AllocationSource::Account);
    const int team = static_cast<int>(AllocationSource::Team);
    const int idle = static_cast<int>(AllocationSource::KubernetesIdle);
    QTest::newRow("untagged, no team") << untagged << QString() << QString() << q("S") << q("1") << false << true;
    QTest::newRow("untagged, a team") << untagged << QString() << q("web") << q("S") << q("1") << false << false;
    QTest::newRow("service") << service << q("AWS Support") << q("web") << q("AWS Support") << q("1") << false << true;
    QTest::newRow("service, case differs") << service << q("aws support") << q("web") << q("AWS Support") << q("1") << false << false;
    QTest::newRow("account") << account << q("222") << QString() << q("S") << q("222") << false << true;
    QTest::newRow("other account") << account << q("222") << QString() << q("S") << q("2222") << false << false;
    QTest::newRow("team shared") << team << q("shared") << q("shared") << q("S") << q("1") << false << true;
    QTest::newRow("team, untagged cell") << team << q("") << QString() << q("S") << q("1") << false << false;
    QTest::newRow("idle") << idle << QString() << q("kube-system") << q("Kubernetes") << q("1") << true << true;
    QTest::newRow("not idle") << idle << QString() << q("kube-system") << q("Kubernetes") << q("1") << false << false;
}

void TestAllocation::sourcesMatch()
{
    QFETCH(int, source);
    QFETCH(QString, value);
    QFETCH(QString, team);
    QFETCH(QString, service);
    QFETCH(QString, account);
    QFETCH(bool, idle);
    QFETCH(bool, matches);
    AllocationRule r = fixedRule(static_cast<AllocationSource>(source), value, {{QStringLiteral("x"), 10000}});
    const AllocationCell c{dayNumber(kDay), team, service, account, idle, 1};
    QCOMPARE(matchingRule({r}, c), matches ? 0 : -1);
}

void TestAllocation::inactiveRuleIsSkipped()
{
    AllocationRule off = fixedRule(AllocationSource::Untagged, {}, {{QStringLiteral("a"), 10000}});
    off.active = false;
    const AllocationResult r = run({cell({}, 5)}, {off, fixedRule(AllocationSource::Untagged, {}, {{QStringLiteral("b"), 10000}})});
    QCOMPARE(totals(r.after).value(QStringLiteral("b")), int64_t(5));
    QVERIFY(!totals(r.after).contains(QStringLiteral("a")));
}

void TestAllocation::invalidSettingsMoveNothing()
{
    const AllocationResult r = run({cell({}, 5), cell(QStringLiteral("web"), 7)},
                                   {fixedRule(AllocationSource::Untagged, {}, {{QStringLiteral("a"), 9999}})});
    QVERIFY(r.error.contains(QStringLiteral("99.99")));
    QCOMPARE(totals(r.after), totals(r.before));
    QCOMPARE(r.after.total, int64_t(12));
}

void TestAllocation::monthBuckets()
{
    // March 10 and April 2 in monthly buckets (Jan 29 .. Apr 19 covers Jan, Feb, Mar, Apr).
    const AllocationResult r = run({cell({}, 100), cell(QStringLiteral("web"), 50), cell({}, 10, QStringLiteral("C"), false, QDate(2026, 4, 2))},
                                   {fixedRule(AllocationSource::Untagged, {}, {{QStringLiteral("web"), 10000}})},
                                   store::Granularity::Month);
    QCOMPARE(r.after.buckets.size(), size_t(4));
    QCOMPARE(r.after.buckets[2], QDate(2026, 3, 1));
    QCOMPARE(r.after.groups.size(), size_t(1));
    QCOMPARE(r.after.groups[0].nanos, (std::vector<int64_t>{0, 0, 150, 10}));
    QCOMPARE(r.before.bucketTotals(), r.after.bucketTotals());
}

void TestAllocation::validation_data()
{
    QTest::addColumn<AllocationRule>("rule");
    QTest::addColumn<QString>("problem"); // a word of the error; empty: valid
    const QString w = QStringLiteral("web");
    const QString d = QStringLiteral("data");
    QTest::newRow("100 %") << fixedRule(AllocationSource::Untagged, {}, {{w, 6000}, {d, 4000}}) << QString();
    QTest::newRow("99.99 %") << fixedRule(AllocationSource::Untagged, {}, {{w, 5999}, {d, 4000}}) << QStringLiteral("99.99");
    QTest::newRow("100.01 %") << fixedRule(AllocationSource::Untagged, {}, {{w, 6001}, {d, 4000}}) << QStringLiteral("100.01");
    QTest::newRow("no targets") << fixedRule(AllocationSource::Untagged, {}, {}) << QStringLiteral("at least one");
    QTest::newRow("zero share") << fixedRule(AllocationSource::Untagged, {}, {{w, 10000}, {d, 0}}) << QStringLiteral("above 0");
    QTest::newRow("negative share") << fixedRule(AllocationSource::Untagged, {}, {{w, 11000}, {d, -1000}}) << QStringLiteral("above 0");
    QTest::newRow("twice") << fixedRule(AllocationSource::Untagged, {}, {{w, 5000}, {w, 5000}}) << QStringLiteral("twice");
    QTest::newRow("empty team") << fixedRule(AllocationSource::Untagged, {}, {{QStringLiteral(" "), 10000}}) << QStringLiteral("empty");
    QTest::newRow("service without name") << fixedRule(AllocationSource::Service, QStringLiteral(" "), {{w, 10000}}) << QStringLiteral("service");
    QTest::newRow("own team") << fixedRule(AllocationSource::Team, QStringLiteral("shared"), {{QStringLiteral("shared"), 10000}})
                              << QStringLiteral("own");
    QTest::newRow("usage, no targets") << usageRule(AllocationSource::KubernetesIdle, {}, {}) << QString();
    QTest::newRow("usage, twice") << usageRule(AllocationSource::KubernetesIdle, {}, {w, w}) << QStringLiteral("twice");
}

void TestAllocation::validation()
{
    QFETCH(AllocationRule, rule);
    QFETCH(QString, problem);
    const QString error = validateRule(rule);
    if (problem.isEmpty())
        QVERIFY2(error.isEmpty(), qPrintable(error));
    else
        QVERIFY2(error.contains(problem), qPrintable(error));
    AllocationSettings s;
    s.rules = {rule};
    QCOMPARE(validateSettings(s).isEmpty(), problem.isEmpty());
    s.rules.clear();
    s.teamTagKey = QStringLiteral("  ");
    QVERIFY(!validateSettings(s).isEmpty());
}

void TestAllocation::parseTargets_data()
{
    QTest::addColumn<bool>("fixed");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("parsed"); // "team:bp|..." or "!" for an error
    QTest::newRow("percent signs") << true << q("web 50%, data 30%, ml 20%") << q("web:5000|data:3000|ml:2000");
    QTest::newRow("equals, semicolons") << true << q("web=33.34; data = 66.66") << q("web:3334|data:6666");
    QTest::newRow("one decimal") << true << q("a: 12.5 %") << q("a:1250");
    QTest::newRow("team with spaces") << true << q("Data Platform 100") << q("Data Platform:10000");
    QTest::newRow("no number") << true << q("web fifty") << q("!");
    QTest::newRow("three decimals") << true << q("web 50.125%") << q("!");
    QTest::newRow("four digits") << true << q("web 1000%") << q("!");
    QTest::newRow("empty") << true << q("") << q("");
    QTest::newRow("usage") << false << q("web, data ; ml") << q("web:0|data:0|ml:0");
}

void TestAllocation::parseTargets()
{
    QFETCH(bool, fixed);
    QFETCH(QString, text);
    QFETCH(QString, parsed);
    std::vector<AllocationTarget> targets;
    QString error;
    const bool ok = analysis::parseTargets(text, fixed ? AllocationMethod::Fixed : AllocationMethod::Usage, &targets, &error);
    if (parsed == u"!") {
        QVERIFY(!ok);
        QVERIFY(!error.isEmpty());
        return;
    }
    QVERIFY2(ok, qPrintable(error));
    QStringList got;
    for (const AllocationTarget &t : targets)
        got << t.team + u':' + QString::number(t.basisPoints);
    QCOMPARE(got.join(u'|'), parsed);
    // And back: the text parses to the same targets.
    AllocationRule r;
    r.method = fixed ? AllocationMethod::Fixed : AllocationMethod::Usage;
    r.targets = targets;
    std::vector<AllocationTarget> again;
    QVERIFY(analysis::parseTargets(targetsText(r), r.method, &again, &error));
    QCOMPARE(again, targets);
}

void TestAllocation::storeRoundTripAndRefusal()
{
    QTemporaryDir dir;
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(dir.filePath(QStringLiteral("a.costscope")), &error), qPrintable(error));
    store::AllocationStore a(s);
    QCOMPARE(a.settings().teamTagKey, QStringLiteral("team"));
    QVERIFY(a.settings().rules.empty());
    AllocationSettings in;
    in.teamTagKey = QStringLiteral("cost-center");
    in.rules = {fixedRule(AllocationSource::Service, QStringLiteral("AWS Support"), {{QStringLiteral("web"), 2500}, {QStringLiteral("data"), 7500}}),
                usageRule(AllocationSource::KubernetesIdle, {}, {})};
    in.rules[1].active = false;
    QVERIFY2(a.setSettings(in, &error), qPrintable(error));
    const AllocationSettings out = a.settings();
    QCOMPARE(out.teamTagKey, QStringLiteral("cost-center"));
    QCOMPARE(out.rules.size(), size_t(2));
    QCOMPARE(out.rules[0].source, AllocationSource::Service);
    QCOMPARE(out.rules[0].value, QStringLiteral("AWS Support"));
    QCOMPARE(out.rules[0].targets, in.rules[0].targets);
    QCOMPARE(out.rules[1].method, AllocationMethod::Usage);
    QVERIFY(!out.rules[1].active);
    // Refused: nothing changes.
    AllocationSettings bad = in;
    bad.rules[0].targets[0].basisPoints = 2000;
    QVERIFY(!a.setSettings(bad, &error));
    QVERIFY(error.contains(QStringLiteral("95")));
    QCOMPARE(a.settings().rules[0].targets, in.rules[0].targets);
    QCOMPARE(a.settings().rules.size(), size_t(2));
}

void TestAllocation::storeCellsMatchExplorer()
{
    QTemporaryDir dir;
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(dir.filePath(QStringLiteral("b.costscope")), &error), qPrintable(error));
    store::CostWriter w(s);
    QVERIFY(w.begin(testsupport::source(QStringLiteral("fixture")), &error));
    CostBatch b = testsupport::makeBatch(QStringLiteral("AWS"), QStringLiteral("111"), QDate(2026, 3, 1));
    const Tags web{{QStringLiteral("team"), QStringLiteral("web")}};
    const Tags data{{QStringLiteral("team"), QStringLiteral("data")}};
    for (QDate d(2026, 3, 1); d < QDate(2026, 3, 11); d = d.addDays(1)) {
        b.rows.push_back(testsupport::makeRow(d, "3.00", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"), QStringLiteral("111"),
                                              QStringLiteral("i-web"), web));
        b.rows.push_back(testsupport::makeRow(d, "1.00", QStringLiteral("Amazon EC2"), QStringLiteral("us-east-1"), QStringLiteral("111"),
                                              QStringLiteral("i-data"), data));
        b.rows.push_back(testsupport::makeRow(d, "0.01", QStringLiteral("Amazon S3"), QStringLiteral("us-east-1"), QStringLiteral("111"),
                                              QStringLiteral("bucket-x")));
        b.rows.push_back(testsupport::makeRow(d, "2.00", QStringLiteral("AWS Support"), QStringLiteral("global"), QStringLiteral("111"),
                                              QString(), web));
    }
    QVERIFY2(w.add(b, &error), qPrintable(error));
    QVERIFY2(w.commit(&error), qPrintable(error));

    store::AllocationStore a(s);
    AllocationSettings settings;
    settings.rules = {fixedRule(AllocationSource::Untagged, {}, {{QStringLiteral("web"), 5000}, {QStringLiteral("data"), 5000}}),
                      usageRule(AllocationSource::Service, QStringLiteral("AWS Support"), {})};
    QVERIFY2(a.setSettings(settings, &error), qPrintable(error));
    const QDate from(2026, 3, 1);
    const QDate to(2026, 3, 11);
    const AllocationResult r = a.allocate(from, to, store::Granularity::Day);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    // Before = Cost Explorer grouped by tag:team, group by group.
    store::CostQuerySpec spec;
    spec.from = from;
    spec.to = to;
    spec.groupBy = store::Dimension::Tag;
    spec.groupTagKey = QStringLiteral("team");
    const store::CostSeries explorer = store::CostQuery(s).aggregate(spec);
    QCOMPARE(totals(r.before), totals(explorer));
    QCOMPARE(r.after.total, explorer.total);
    QCOMPARE(r.after.total, int64_t(60'100'000'000)); // 10 days x 6.01
    // Per day: 0.01 untagged -> 0.005 each; 2.00 support by usage 3.00 : 1.00 -> 1.50 / 0.50 (web's
    // own cost that day excludes the support it is tagged with, which the rule takes).
    const auto after = totals(r.after);
    QCOMPARE(after.value(QStringLiteral("web")), int64_t(10) * (3'000'000'000 + 5'000'000 + 1'500'000'000));
    QCOMPARE(after.value(QStringLiteral("data")), int64_t(10) * (1'000'000'000 + 5'000'000 + 500'000'000));
}

QTEST_MAIN(TestAllocation)
#include "TestAllocation.moc"
