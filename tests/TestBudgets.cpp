#include "model/Money.h"
#include "model/analysis/Budgets.h"
#include "model/store/BudgetSettings.h"
#include "model/store/CostStore.h"
#include "model/store/ResourceSettings.h"

#include <QTest>

using namespace costscope;
using namespace costscope::analysis;

Q_DECLARE_METATYPE(costscope::analysis::BudgetStatus)
Q_DECLARE_METATYPE(costscope::analysis::ConstraintKind)

namespace {

const QDate kMonth(2026, 3, 1);

int64_t units(double u) { return Money::fromDouble(u).nanos(); }

QString s(const char *text) { return QString::fromUtf8(text); }

BudgetPool pool(const char *name, const char *parent, double limit, std::vector<ScopeTerm> scope = {})
{
    BudgetPool p;
    p.name = s(name);
    p.parent = s(parent);
    p.monthlyLimit = units(limit);
    p.scope = std::move(scope);
    return p;
}

// An input whose history starts kBudgetHistoryDays before kMonth and ends on asOf.
BudgetInput input(const QDate &asOf)
{
    BudgetInput in;
    in.currency = s("USD");
    in.month = kMonth;
    in.asOf = asOf;
    in.historyStart = kMonth.addDays(-kBudgetHistoryDays);
    in.days = static_cast<int>(in.historyStart.daysTo(asOf)) + 1;
    return in;
}

// The same cost every day of the history, with `special` on one day.
void everyDay(BudgetInput &in, int key, double daily, const QDate &specialDay = {}, double special = 0)
{
    for (int d = 0; d < in.days; ++d) {
        const bool isSpecial = specialDay.isValid() && in.historyStart.addDays(d) == specialDay;
        in.cells.push_back(BudgetCostCell{d, key, units(isSpecial ? special : daily)});
    }
}

BudgetResource resource(const char *id, const char *name, const char *type, Tags tags, double costToDate,
                        const char *pool = "")
{
    BudgetResource r;
    r.resourceId = s(id);
    r.name = s(name);
    r.provider = s("AWS");
    r.account = s("111");
    r.region = s("us-east-1");
    r.type = s(type);
    r.tags = std::move(tags);
    r.costToDate = units(costToDate);
    r.pool = s(pool);
    return r;
}

int countKind(const BudgetReport &r, ConstraintKind kind)
{
    int n = 0;
    for (const BudgetViolation &v : r.violations)
        n += v.kind == kind ? 1 : 0;
    return n;
}

const BudgetViolation *firstOf(const BudgetReport &r, ConstraintKind kind)
{
    for (const BudgetViolation &v : r.violations)
        if (v.kind == kind)
            return &v;
    return nullptr;
}

} // namespace

class TestBudgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scopeMatching_data();
    void scopeMatching();
    void scopeTextRoundTrip_data();
    void scopeTextRoundTrip();
    void thresholdParsing_data();
    void thresholdParsing();
    void rollupCountsEachCostOnce();
    void status_data();
    void status();
    void thresholdsFireOnce();
    void constraints_data();
    void constraints();
    void ttlViolation();
    void hostileTree();
    void settingsRoundTrip();
    void alertsRememberedPerMonth();
};

void TestBudgets::scopeMatching_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<bool>("expected");
    // The subject: AWS, account 111, service EC2, region us-east-1, tags team=web, env="".
    QTest::newRow("empty scope holds nothing") << QString() << false;
    QTest::newRow("account") << s("account is 111") << true;
    QTest::newRow("other account") << s("account is 222") << false;
    QTest::newRow("alternatives of a dimension") << s("account is 222, 111") << true;
    QTest::newRow("dimensions all hold") << s("account is 111 and service is EC2") << true;
    QTest::newRow("one dimension fails") << s("account is 111 and service is S3") << false;
    QTest::newRow("provider any case") << s("provider is aws") << true;
    QTest::newRow("region") << s("region is us-east-1") << true;
    QTest::newRow("tag value") << s("tag team = web") << true;
    QTest::newRow("tag other value") << s("tag team = data") << false;
    QTest::newRow("tag exists") << s("tag team exists") << true;
    QTest::newRow("empty tag value is not there") << s("tag env exists") << false;
    QTest::newRow("missing tag") << s("tag owner exists") << false;
    QTest::newRow("two tag keys both needed") << s("tag team = web and tag owner exists") << false;
}

void TestBudgets::scopeMatching()
{
    QFETCH(QString, scope);
    QFETCH(bool, expected);
    std::vector<ScopeTerm> terms;
    QString error;
    QVERIFY2(parseScope(scope, &terms, &error), qPrintable(error));
    const Tags tags{{s("team"), s("web")}, {s("env"), QString()}};
    QCOMPARE(inScope(terms, s("AWS"), s("111"), s("EC2"), s("us-east-1"), tags), expected);
}

void TestBudgets::scopeTextRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("empty") << QString() << true << QString();
    QTest::newRow("grouped") << s("account is A and account is B and tag team = web")
                             << true << s("account is A, B and tag team = web");
    QTest::newRow("exists") << s("tag owner exists") << true << s("tag owner exists");
    QTest::newRow("unknown dimension") << s("colour is red") << false << QString();
    QTest::newRow("no value") << s("account is ") << false << QString();
    QTest::newRow("empty alternative") << s("region is a,,b") << false << QString();
    QTest::newRow("tag without key") << s("tag = x") << false << QString();
    QTest::newRow("garbage") << s("DROP TABLE pool; --") << false << QString();
}

void TestBudgets::scopeTextRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    std::vector<ScopeTerm> terms;
    QString error;
    QCOMPARE(parseScope(text, &terms, &error), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QCOMPARE(scopeText(terms), canonical);
    std::vector<ScopeTerm> again;
    QVERIFY(parseScope(scopeText(terms), &again, &error));
    QCOMPARE(again, terms);
}

void TestBudgets::thresholdParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("key");
    QTest::addColumn<qint64>("amountAtLimit1000");
    QTest::newRow("percent of actual") << s("actual 80%") << true << s("actual 80%") << qint64(units(800));
    QTest::newRow("percent of forecast") << s("Forecast 100%") << true << s("forecast 100%") << qint64(units(1000));
    QTest::newRow("money") << s("actual 1500.5") << true << s("actual 1500.50") << qint64(units(1500.5));
    QTest::newRow("odd percent exact") << s("actual 33%") << true << s("actual 33%") << qint64(units(330));
    QTest::newRow("zero") << s("actual 0%") << false << QString() << qint64(0);
    QTest::newRow("negative money") << s("actual -5") << false << QString() << qint64(0);
    QTest::newRow("no basis") << s("80%") << false << QString() << qint64(0);
    QTest::newRow("unknown basis") << s("budget 80%") << false << QString() << qint64(0);
    QTest::newRow("garbage amount") << s("actual 12abc") << false << QString() << qint64(0);
}

void TestBudgets::thresholdParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, key);
    QFETCH(qint64, amountAtLimit1000);
    const auto t = parseThreshold(text);
    QCOMPARE(t.has_value(), valid);
    if (!t)
        return;
    QCOMPARE(t->key(), key);
    QCOMPARE(t->amount(units(1000)).value_or(-1), amountAtLimit1000);
    QCOMPARE(parseThreshold(t->key()), t);
    if (t->kind == BudgetThreshold::Kind::PercentOfLimit)
        QVERIFY(!t->amount(0)); // a percentage of no limit never fires
}

void TestBudgets::rollupCountsEachCostOnce()
{
    // Org (AWS) > BU (account A) > Team (tag team=web) > Project (the rules' pool of i-1).
    BudgetInput in = input(kMonth.addDays(9)); // 10 days of March
    in.pools = {pool("Org", "", 5000, {{ScopeDimension::Provider, {}, s("AWS")}}),
                pool("BU", "Org", 300, {{ScopeDimension::Account, {}, s("A")}}),
                pool("Team", "BU", 80, {{ScopeDimension::Tag, s("team"), s("web")}}),
                pool("Project", "Team", 50)};
    in.keys = {BudgetCostKey{s("AWS"), s("A"), s("EC2"), s("r"), s("i-1"), {{s("team"), s("web")}}, s("Project")},
               BudgetCostKey{s("AWS"), s("A"), s("S3"), s("r"), s("b-2"), {{s("team"), s("data")}}, {}},
               BudgetCostKey{s("AWS"), s("B"), s("EC2"), s("r"), s("i-3"), {{s("team"), s("web")}}, {}},
               BudgetCostKey{s("Azure"), s("C"), s("VM"), s("r"), s("vm-4"), {}, {}}};
    everyDay(in, 0, 2);
    everyDay(in, 1, 30);
    everyDay(in, 2, 5);
    everyDay(in, 3, 100);
    const BudgetReport r = evaluateBudgets(in);
    QCOMPARE(r.pools.size(), size_t(4));
    // Tree order with depths.
    QCOMPARE(r.pools[0].name, s("Org"));
    QCOMPARE(r.pools[3].name, s("Project"));
    QCOMPARE(r.pools[3].depth, 3);
    // Hand-computed month to date (10 days): Project 10 x 2; Team i-1 (tag and rule, once) + i-3;
    // BU adds b-2 and gets i-3 from its child although account B is not in its scope; Org the same
    // (Azure is in no pool).
    QCOMPARE(r.pool(s("Project"))->monthToDate, units(20));
    QCOMPARE(r.pool(s("Team"))->monthToDate, units(70));
    QCOMPARE(r.pool(s("BU"))->monthToDate, units(370));
    QCOMPARE(r.pool(s("Org"))->monthToDate, units(370));
    // A flat history forecasts the same every day: 31 days x daily.
    QCOMPARE(r.pool(s("Project"))->forecast, units(62));
    QCOMPARE(r.pool(s("Team"))->forecast, units(217));
    QCOMPARE(r.pool(s("Org"))->forecast, units(1147));
    QCOMPARE(r.pool(s("Project"))->daily.size(), size_t(10));
    QCOMPARE(r.pool(s("BU"))->status, BudgetStatus::Over);
    QCOMPARE(r.pool(s("Team"))->status, BudgetStatus::ForecastOver);
    QCOMPARE(r.pool(s("Org"))->status, BudgetStatus::Ok);
    QCOMPARE(r.pool(s("BU"))->percentUsed, 370.0 * 100 / 300);
}

void TestBudgets::status_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<double>("limit");
    QTest::addColumn<BudgetStatus>("expected");
    // 10 a day; a full month is 310.
    QTest::newRow("no limit") << 31 << 0.0 << BudgetStatus::NoLimit;
    QTest::newRow("well under") << 31 << 1000.0 << BudgetStatus::Ok;
    QTest::newRow("81.6 % is a warning") << 31 << 380.0 << BudgetStatus::Warning;
    QTest::newRow("79.5 % is fine") << 31 << 390.0 << BudgetStatus::Ok;
    QTest::newRow("exactly the limit is not over") << 31 << 310.0 << BudgetStatus::Warning;
    QTest::newRow("a cent over") << 31 << 309.99 << BudgetStatus::Over;
    QTest::newRow("forecast over") << 10 << 300.0 << BudgetStatus::ForecastOver;
    QTest::newRow("forecast exactly at the limit") << 10 << 310.0 << BudgetStatus::Ok;
}

void TestBudgets::status()
{
    QFETCH(int, days);
    QFETCH(double, limit);
    QFETCH(BudgetStatus, expected);
    BudgetInput in = input(kMonth.addDays(days - 1));
    in.pools = {pool("P", "", limit, {{ScopeDimension::Account, {}, s("A")}})};
    in.keys = {BudgetCostKey{s("AWS"), s("A"), s("EC2"), s("r"), s("i-1"), {}, {}}};
    everyDay(in, 0, 10);
    const BudgetReport r = evaluateBudgets(in);
    QCOMPARE(r.pools.size(), size_t(1));
    QCOMPARE(r.pools[0].monthToDate, units(10 * days));
    QCOMPARE(r.pools[0].forecast, units(310));
    QCOMPARE(r.pools[0].status, expected);
}

void TestBudgets::thresholdsFireOnce()
{
    // Limit 100; 10 a day for 10 days: month to date 100, forecast 310.
    BudgetInput in = input(kMonth.addDays(9));
    BudgetPool p = pool("P", "", 100, {{ScopeDimension::Account, {}, s("A")}});
    for (const char *t : {"actual 50%", "actual 150%", "forecast 100%", "forecast 400%", "actual 99.99", "actual 100.01"})
        p.thresholds.push_back(*parseThreshold(s(t)));
    in.pools = {p};
    in.keys = {BudgetCostKey{s("AWS"), s("A"), s("EC2"), s("r"), s("i-1"), {}, {}}};
    everyDay(in, 0, 10);
    in.firedAlerts.insert(s("P|actual 50%"));
    const BudgetReport r = evaluateBudgets(in);
    QStringList crossed, fresh;
    for (const BudgetAlert &a : r.alerts) {
        crossed << a.threshold.key();
        if (a.isNew)
            fresh << a.threshold.key();
    }
    QCOMPARE(crossed, QStringList({s("actual 50%"), s("forecast 100%"), s("actual 99.99")}));
    QCOMPARE(fresh, QStringList({s("forecast 100%"), s("actual 99.99")}));
    QCOMPARE(r.alerts[1].thresholdAmount, units(100));
    QCOMPARE(r.alerts[1].value, units(310));
    QVERIFY(r.alerts[1].message.contains(s("310.00")));
    // Once every crossed alert has fired, nothing is new.
    for (const BudgetAlert &a : r.alerts)
        in.firedAlerts.insert(a.key());
    QVERIFY(evaluateBudgets(in).newAlerts().empty());
}

void TestBudgets::constraints_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("amount");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("target");   // pool name, or "resource:ID"
    QTest::addColumn<QString>("extra");    // tagging: "required|forbidden"; quota: type
    QTest::addColumn<QStringList>("offenders");
    const auto k = [](ConstraintKind c) { return static_cast<int>(c); };
    // Team holds web-1 (2 a day, 40 on 5 March, 500 to date) and web-2 (3 a day, 50 to date);
    // db-1 (team data) is outside it. Month to date on 10 March: 58 + 30 = 88.
    const QStringList web1{s("web-1 (i-1)")};
    const QStringList web2{s("web-2 (i-2)")};
    QTest::newRow("daily: fires") << k(ConstraintKind::DailyExpenseLimit) << 30.0 << 0 << s("Team") << QString() << web1;
    QTest::newRow("daily: at the limit") << k(ConstraintKind::DailyExpenseLimit) << 40.0 << 0 << s("Team") << QString() << QStringList();
    QTest::newRow("daily: below all") << k(ConstraintKind::DailyExpenseLimit) << 1.0 << 0 << s("Team") << QString()
                                      << QStringList({s("web-1 (i-1)"), s("web-2 (i-2)")});
    QTest::newRow("total: fires") << k(ConstraintKind::TotalExpenseLimit) << 100.0 << 0 << s("Team") << QString() << web1;
    QTest::newRow("total: at the limit") << k(ConstraintKind::TotalExpenseLimit) << 500.0 << 0 << s("Team") << QString() << QStringList();
    QTest::newRow("total on a resource: fires") << k(ConstraintKind::TotalExpenseLimit) << 40.0 << 0 << s("resource:i-2") << QString() << web2;
    QTest::newRow("total on a resource: fine") << k(ConstraintKind::TotalExpenseLimit) << 20000.0 << 0 << s("resource:db-1") << QString() << QStringList();
    QTest::newRow("daily on a resource outside pools") << k(ConstraintKind::DailyExpenseLimit) << 5.0 << 0 << s("resource:db-1") << QString()
                                                       << QStringList({s("db-1")});
    QTest::newRow("tagging: missing and forbidden") << k(ConstraintKind::TaggingPolicy) << 0.0 << 0 << s("Team") << s("owner|env") << web2;
    QTest::newRow("tagging: all comply") << k(ConstraintKind::TaggingPolicy) << 0.0 << 0 << s("Team") << s("team|temp") << QStringList();
    QTest::newRow("quota: over") << k(ConstraintKind::ResourceQuota) << 0.0 << 1 << s("Team") << s("instance")
                                 << QStringList({s("web-1 (i-1)"), s("web-2 (i-2)")});
    QTest::newRow("quota: at it") << k(ConstraintKind::ResourceQuota) << 0.0 << 2 << s("Team") << s("instance") << QStringList();
    QTest::newRow("quota: other type") << k(ConstraintKind::ResourceQuota) << 0.0 << 0 << s("Team") << s("database") << QStringList();
    QTest::newRow("recurring: over") << k(ConstraintKind::RecurringBudget) << 80.0 << 0 << s("Team") << QString()
                                     << QStringList({s("web-1 (i-1)"), s("web-2 (i-2)")});
    QTest::newRow("recurring: at it") << k(ConstraintKind::RecurringBudget) << 88.0 << 0 << s("Team") << QString() << QStringList();
    // 24 February .. 3 March: 8 days x 5 = 40.
    QTest::newRow("expiring: over") << k(ConstraintKind::ExpiringBudget) << 39.99 << 0 << s("Team") << QString()
                                    << QStringList({s("web-1 (i-1)"), s("web-2 (i-2)")});
    QTest::newRow("expiring: at it") << k(ConstraintKind::ExpiringBudget) << 40.0 << 0 << s("Team") << QString() << QStringList();
    QTest::newRow("unknown pool") << k(ConstraintKind::RecurringBudget) << 1.0 << 0 << s("Gone") << QString() << QStringList();
}

void TestBudgets::constraints()
{
    QFETCH(int, kind);
    QFETCH(double, amount);
    QFETCH(int, count);
    QFETCH(QString, target);
    QFETCH(QString, extra);
    QFETCH(QStringList, offenders);
    BudgetInput in = input(kMonth.addDays(9));
    in.pools = {pool("Org", "", 0), pool("Team", "Org", 0, {{ScopeDimension::Tag, s("team"), s("web")}})};
    const Tags web{{s("team"), s("web")}, {s("owner"), s("ann")}, {s("cost-center"), s("CC-1")}};
    const Tags web2{{s("team"), s("web")}, {s("env"), s("tmp")}, {s("cost-center"), s("CC-1")}};
    in.resources = {resource("i-1", "web-1", "instance", web, 500), resource("i-2", "web-2", "instance", web2, 50),
                    resource("db-1", "db-1", "database", {{s("team"), s("data")}}, 10000)};
    in.keys = {BudgetCostKey{s("AWS"), s("111"), s("EC2"), s("us-east-1"), s("i-1"), web, {}},
               BudgetCostKey{s("AWS"), s("111"), s("EC2"), s("us-east-1"), s("i-2"), web2, {}},
               BudgetCostKey{s("AWS"), s("111"), s("RDS"), s("us-east-1"), s("db-1"), {{s("team"), s("data")}}, {}}};
    everyDay(in, 0, 2, kMonth.addDays(4), 40);
    everyDay(in, 1, 3);
    everyDay(in, 2, 10);
    BudgetConstraint c;
    c.kind = static_cast<ConstraintKind>(kind);
    c.amount = units(amount);
    c.count = count;
    if (target.startsWith(s("resource:")))
        c.resourceId = target.mid(9);
    else
        c.pool = target;
    if (c.kind == ConstraintKind::TaggingPolicy) {
        c.requiredTags = {extra.section(u'|', 0, 0)};
        c.forbiddenTags = {extra.section(u'|', 1, 1)};
    } else if (c.kind == ConstraintKind::ResourceQuota) {
        c.resourceType = extra;
    } else if (c.kind == ConstraintKind::ExpiringBudget) {
        c.from = kMonth.addDays(-5);
        c.until = kMonth.addDays(2);
    }
    in.constraints = {c};
    const BudgetReport r = evaluateBudgets(in);
    QStringList got;
    for (const BudgetViolation &v : r.violations) {
        QCOMPARE(v.kind, c.kind);
        QVERIFY(!v.message.isEmpty());
        got << v.resources;
    }
    got.sort();
    QCOMPARE(got, offenders);
    if (!offenders.isEmpty() && c.kind == ConstraintKind::DailyExpenseLimit && amount == 30.0) {
        QCOMPARE(r.violations[0].amount, units(40));
        QVERIFY(r.violations[0].message.contains(s("2026-03-05")));
    }
    if (!offenders.isEmpty() && c.kind == ConstraintKind::RecurringBudget)
        QCOMPARE(r.violations[0].amount, units(88));
    if (!offenders.isEmpty() && c.kind == ConstraintKind::ExpiringBudget)
        QCOMPARE(r.violations[0].amount, units(40));
}

void TestBudgets::ttlViolation()
{
    BudgetInput in = input(kMonth.addDays(9));
    in.pools = {pool("Team", "", 0)};
    in.resources = {resource("i-1", "web-1", "instance", {}, 0, "Team"), resource("i-2", "web-2", "instance", {}, 0, "Team"),
                    resource("i-3", "old", "instance", {}, 0, "Team")};
    in.resources[1].ttlExpired = true;
    in.resources[1].ttlExpiresAt = 1772323200; // 2026-03-01 00:00 UTC
    in.resources[2].ttlExpired = true;
    in.resources[2].active = false; // inactive resources never violate
    const BudgetReport r = evaluateBudgets(in);
    QCOMPARE(countKind(r, ConstraintKind::Ttl), 1);
    const BudgetViolation *v = firstOf(r, ConstraintKind::Ttl);
    QCOMPARE(v->resources, QStringList{s("web-2 (i-2)")});
    QCOMPARE(v->pool, s("Team"));
    QVERIFY(v->message.contains(s("2026-03-01 00:00")));
}

void TestBudgets::hostileTree()
{
    // A parent cycle, a self-parent, an unknown parent and cells outside the range must neither
    // hang nor count anything twice.
    BudgetInput in = input(kMonth.addDays(0));
    in.pools = {pool("A", "B", 0, {{ScopeDimension::Account, {}, s("1")}}), pool("B", "A", 0),
                pool("C", "C", 0, {{ScopeDimension::Account, {}, s("1")}}), pool("D", "nowhere", 0)};
    in.keys = {BudgetCostKey{s("AWS"), s("1"), s("EC2"), s("r"), s("i"), {}, {}}};
    in.cells = {BudgetCostCell{in.days - 1, 0, units(7)}, BudgetCostCell{in.days + 5, 0, units(1000)},
                BudgetCostCell{-1, 0, units(1000)}, BudgetCostCell{0, 9, units(1000)}};
    const BudgetReport r = evaluateBudgets(in);
    QCOMPARE(r.pools.size(), size_t(4));
    QCOMPARE(r.pool(s("A"))->monthToDate, units(7));
    QCOMPARE(r.pool(s("C"))->monthToDate, units(7));
    QCOMPARE(r.pool(s("C"))->depth, 0);
    QCOMPARE(r.pool(s("D"))->monthToDate, 0);
    // No data at all: no forecast, no status beyond the limit.
    BudgetInput empty;
    empty.month = kMonth;
    empty.pools = {pool("P", "", 10)};
    const BudgetReport e = evaluateBudgets(empty);
    QCOMPARE(e.pools[0].monthToDate, 0);
    QCOMPARE(e.pools[0].status, BudgetStatus::Ok);
}

void TestBudgets::settingsRoundTrip()
{
    store::CostStore store;
    QVERIFY(store.open(s(":memory:")));
    store::BudgetSettings settings(store);
    QString error;
    QVERIFY2(settings.addPool(s("Org"), {}, &error), qPrintable(error));
    QVERIFY(settings.addPool(s("Team"), s("Org"), &error));
    QVERIFY(!settings.addPool(s("Team"), s("Org"), &error));
    QVERIFY(!settings.addPool(s("X"), s("Nowhere"), &error));
    QVERIFY(!settings.addPool(s("  "), {}, &error));
    std::vector<ScopeTerm> scope;
    QVERIFY(parseScope(s("account is 1, 2 and tag team = web"), &scope, &error));
    QVERIFY(settings.setBudget(s("Team"), units(1234.56), scope, {*parseThreshold(s("actual 80%")), *parseThreshold(s("forecast 900"))}, &error));
    QVERIFY(!settings.setBudget(s("Team"), -1, {}, {}, &error));
    QVERIFY(!settings.setBudget(s("Nobody"), 1, {}, {}, &error));
    QVERIFY(settings.renamePool(s("Team"), s("Web team"), &error));
    QVERIFY(!settings.renamePool(s("Web team"), s("Org"), &error));
    auto pools = settings.pools();
    QCOMPARE(pools.size(), size_t(2));
    QCOMPARE(pools[1].name, s("Web team"));
    QCOMPARE(pools[1].parent, s("Org"));
    QCOMPARE(pools[1].monthlyLimit, units(1234.56));
    QCOMPARE(pools[1].scope, scope);
    QCOMPARE(pools[1].thresholds.size(), size_t(2));
    QCOMPARE(pools[1].thresholds[1].key(), s("forecast 900.00"));
    // The resource settings (pools with TTLs) keep the budget of a pool they keep.
    store::ResourceSettings rs(store);
    auto plain = rs.pools();
    plain[0].ttlHours = 24;
    QVERIFY(rs.setPools(plain, &error));
    QCOMPARE(settings.pools()[1].monthlyLimit, units(1234.56));

    BudgetConstraint daily;
    daily.kind = ConstraintKind::DailyExpenseLimit;
    daily.pool = s("Web team");
    daily.amount = units(50);
    BudgetConstraint tagging;
    tagging.kind = ConstraintKind::TaggingPolicy;
    tagging.pool = s("Org");
    tagging.requiredTags = {s("owner"), s("team")};
    tagging.forbiddenTags = {s("temp")};
    BudgetConstraint expiring;
    expiring.kind = ConstraintKind::ExpiringBudget;
    expiring.resourceId = s("i-1");
    expiring.amount = units(10);
    expiring.from = kMonth;
    expiring.until = kMonth.addDays(40);
    QVERIFY2(settings.setConstraints({daily, tagging, expiring}, &error), qPrintable(error));
    auto cs = settings.constraints();
    QCOMPARE(cs.size(), size_t(3));
    QCOMPARE(cs[0].pool, s("Web team"));
    QCOMPARE(cs[0].amount, units(50));
    QCOMPARE(cs[1].requiredTags, tagging.requiredTags);
    QCOMPARE(cs[1].forbiddenTags, tagging.forbiddenTags);
    QCOMPARE(cs[2].resourceId, s("i-1"));
    QCOMPARE(cs[2].until, kMonth.addDays(40));
    // Refusals leave the stored constraints as they were (one transaction).
    BudgetConstraint bad = daily;
    bad.pool = s("Nowhere");
    QVERIFY(!settings.setConstraints({daily, bad}, &error));
    BudgetConstraint badDates = expiring;
    badDates.until = kMonth.addDays(-1);
    QVERIFY(!settings.setConstraints({badDates}, &error));
    BudgetConstraint emptyPolicy = tagging;
    emptyPolicy.requiredTags.clear();
    emptyPolicy.forbiddenTags.clear();
    QVERIFY(!settings.setConstraints({emptyPolicy}, &error));
    QCOMPARE(settings.constraints().size(), size_t(3));
    // Removing a pool moves its children up and drops its budget and constraints.
    QVERIFY(settings.addPool(s("Project"), s("Web team"), &error));
    QVERIFY(settings.removePool(s("Web team"), &error));
    pools = settings.pools();
    QCOMPARE(pools.size(), size_t(2));
    QCOMPARE(pools[1].name, s("Project"));
    QCOMPARE(pools[1].parent, s("Org"));
    QCOMPARE(settings.constraints().size(), size_t(2));
}

void TestBudgets::alertsRememberedPerMonth()
{
    store::CostStore store;
    QVERIFY(store.open(s(":memory:")));
    store::BudgetSettings settings(store);
    QString error;
    QVERIFY(settings.addPool(s("P"), {}, &error));
    BudgetAlert a;
    a.pool = s("P");
    a.threshold = *parseThreshold(s("actual 80%"));
    a.value = units(90);
    a.message = s("P reached 80%");
    QVERIFY(settings.recordAlerts(kMonth, {a}, 1000, &error));
    QVERIFY(settings.recordAlerts(kMonth, {a}, 2000, &error)); // again: ignored, not an error
    QCOMPARE(settings.firedAlerts(kMonth), QSet<QString>{s("P|actual 80%")});
    QVERIFY(settings.firedAlerts(kMonth.addMonths(1)).isEmpty());
    // An alert for a pool that is gone is dropped.
    BudgetAlert gone = a;
    gone.pool = s("Gone");
    QVERIFY(settings.recordAlerts(kMonth, {gone}, 1000, &error));
    QCOMPARE(settings.firedAlerts(kMonth).size(), 1);
}

QTEST_GUILESS_MAIN(TestBudgets)
#include "TestBudgets.moc"
