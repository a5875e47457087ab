#include "StoreTestSupport.h"

#include "app/BudgetCommands.h"
#include "model/analysis/Budgets.h"
#include "model/store/BudgetSettings.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/ResourceSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using testsupport::utcSeconds;

namespace {

const QDate kToday(2026, 3, 10);

QString s(const char *text) { return QString::fromUtf8(text); }

int64_t units(double u) { return Money::fromDouble(u).nanos(); }

} // namespace

class TestBudgetCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void json();
    void pastMonthAndCsv();
    void twoCurrencies();
    void badArguments_data();
    void badArguments();

private:
    int run(const std::multimap<QString, QString> &options, const QString &format, QString *out, QString *err);

    QTemporaryDir m_dir;
    QString m_path;
};

int TestBudgetCommands::run(const std::multimap<QString, QString> &options, const QString &format, QString *out,
                            QString *err)
{
    QTextStream o(out), e(err);
    const app::CommandOptions opts{m_path, format, options};
    const int rc = app::runBudgetsCommand(opts, kToday, utcSeconds(kToday, 23), o, e);
    o.flush();
    e.flush();
    return rc;
}

void TestBudgetCommands::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(s("cli.costscope"));
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    store::CostWriter w(store);
    QVERIFY(w.begin(testsupport::source(s("fixture")), &error));
    ResourceBatch b;
    b.provider = s("AWS");
    b.accountId = s("111");
    b.observedAt = utcSeconds(kToday, 1);
    for (const char *id : {"i-web", "i-gpu"}) {
        ResourceRecord r;
        r.resourceId = s(id);
        r.name = s(id).mid(2);
        r.type = s("instance");
        r.state = s("running");
        r.firstSeen = r.createdAt = utcSeconds(QDate(2026, 1, 1));
        r.lastSeen = utcSeconds(kToday, 1);
        b.resources.push_back(r);
    }
    QVERIFY2(w.addResources(b, true, &error), qPrintable(error));
    for (QDate month(2026, 1, 1); month <= kToday; month = month.addMonths(1)) {
        CostBatch costs = testsupport::makeBatch(s("AWS"), s("111"), month);
        for (QDate d = month; d < month.addMonths(1) && d <= kToday; d = d.addDays(1)) {
            costs.rows.push_back(testsupport::makeRow(d, "10", s("Amazon EC2"), s("us-east-1"), s("111"), s("i-web")));
            costs.rows.push_back(testsupport::makeRow(d, d == QDate(2026, 3, 4) ? "90" : "20", s("Amazon EC2"),
                                                      s("us-east-1"), s("111"), s("i-gpu")));
        }
        QVERIFY2(w.add(costs, &error), qPrintable(error));
    }
    QVERIFY2(w.commit(&error), qPrintable(error));

    // The pools: Web takes i-web through an assignment rule (no scope); ML has i-gpu by the rules too.
    store::BudgetSettings settings(store);
    QVERIFY(settings.addPool(s("Org"), {}, &error));
    QVERIFY(settings.addPool(s("Web"), s("Org"), &error));
    QVERIFY(settings.addPool(s("ML"), s("Org"), &error));
    store::ResourceSettings rs(store);
    analysis::AssignmentRule web;
    web.priority = 1;
    web.name = s("web");
    web.pool = s("Web");
    web.conditions = {{analysis::ConditionKind::NameIs, {}, s("web")}};
    analysis::AssignmentRule gpu = web;
    gpu.priority = 2;
    gpu.name = s("gpu");
    gpu.pool = s("ML");
    gpu.conditions = {{analysis::ConditionKind::NameIs, {}, s("gpu")}};
    QVERIFY2(rs.setRules({web, gpu}, &error), qPrintable(error));
    QVERIFY(settings.setBudget(s("Org"), units(1000), {}, {*analysis::parseThreshold(s("forecast 90%"))}, &error));
    QVERIFY(settings.setBudget(s("Web"), units(80), {}, {}, &error));
    QVERIFY(settings.setBudget(s("ML"), units(500), {}, {}, &error));
    analysis::BudgetConstraint daily;
    daily.kind = analysis::ConstraintKind::DailyExpenseLimit;
    daily.pool = s("ML");
    daily.amount = units(50);
    QVERIFY2(settings.setConstraints({daily}, &error), qPrintable(error));
}

void TestBudgetCommands::json()
{
    QString out, err;
    QCOMPARE(run({}, s("json"), &out, &err), 0);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(doc.value(s("month")).toString(), s("2026-03"));
    QCOMPARE(doc.value(s("as_of")).toString(), s("2026-03-10"));
    QCOMPARE(doc.value(s("currency")).toString(), s("USD"));
    const QJsonArray pools = doc.value(s("pools")).toArray();
    QCOMPARE(pools.size(), 3);
    // Tree order: Org, then its children by name.
    QCOMPARE(pools[0].toObject().value(s("name")).toString(), s("Org"));
    QCOMPARE(pools[1].toObject().value(s("name")).toString(), s("ML"));
    QCOMPARE(pools[2].toObject().value(s("name")).toString(), s("Web"));
    // By hand: Web 10 x 10 = 100 (over 80); ML 9 x 20 + 90 = 270, forecast of the flat 20 a day
    // history: 270 + 21 x 20 = 690 (over 500); Org = 370, forecast 310 + 690 = 1000.
    const QJsonObject org = pools[0].toObject(), ml = pools[1].toObject(), webPool = pools[2].toObject();
    QCOMPARE(webPool.value(s("month_to_date")).toString(), s("100.00"));
    QCOMPARE(webPool.value(s("status")).toString(), s("over"));
    QCOMPARE(webPool.value(s("percent_used")).toDouble(), 125.0);
    QCOMPARE(ml.value(s("month_to_date")).toString(), s("270.00"));
    QCOMPARE(ml.value(s("status")).toString(), s("forecast_over"));
    QCOMPARE(org.value(s("month_to_date")).toString(), s("370.00"));
    QCOMPARE(org.value(s("limit")).toString(), s("1000.00"));
    QCOMPARE(org.value(s("parent")).toString(), QString());
    QCOMPARE(ml.value(s("parent")).toString(), s("Org"));
    // The month-end forecast is the month to date plus analysis::forecastSeries over the pool's
    // daily history (84 days before March, nothing before the first bill on 1 January).
    const QDate historyStart = QDate(2026, 3, 1).addDays(-analysis::kBudgetHistoryDays);
    std::vector<int64_t> history;
    for (QDate d = historyStart; d <= kToday; d = d.addDays(1))
        history.push_back(d < QDate(2026, 1, 1) ? 0 : units(d == QDate(2026, 3, 4) ? 90 : 20));
    const analysis::Forecast f = analysis::forecastSeries(history, historyStart, QDate(2026, 3, 31),
                                                          analysis::budgetForecastOptions());
    const int64_t expected = units(270) + f.sum(QDate(2026, 3, 11), QDate(2026, 4, 1));
    QCOMPARE(ml.value(s("forecast")).toString(), Money::fromNanos(expected).toString(2));
    QVERIFY(expected > units(690)); // above the flat 20 a day: the spike of 4 March lifts Wednesdays
    // The daily limit of ML: i-gpu spent 90 on 4 March.
    const QJsonArray violations = doc.value(s("violations")).toArray();
    QCOMPARE(violations.size(), 1);
    const QJsonObject v = violations[0].toObject();
    QCOMPARE(v.value(s("kind")).toString(), s("daily_expense_limit"));
    QCOMPARE(v.value(s("pool")).toString(), s("ML"));
    QCOMPARE(v.value(s("resources")).toArray().first().toString(), s("gpu (i-gpu)"));
    QVERIFY(v.value(s("message")).toString().contains(s("2026-03-04")));
    // The Org's forecast threshold (900) is crossed when the forecast reaches it; the command
    // lists it but does not record it.
    const QJsonArray alerts = doc.value(s("alerts")).toArray();
    for (const QJsonValue &a : alerts)
        QCOMPARE(a.toObject().value(s("already_fired")).toBool(), false);
    QString again;
    QCOMPARE(run({}, s("json"), &again, &err), 0);
    QCOMPARE(again, out);
}

void TestBudgetCommands::pastMonthAndCsv()
{
    QString out, err;
    QCOMPARE(run({{s("month"), s("2026-02")}}, s("json"), &out, &err), 0);
    const QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(doc.value(s("as_of")).toString(), s("2026-02-28"));
    const QJsonArray pools = doc.value(s("pools")).toArray();
    // A closed month: the forecast is what was spent (28 x 10 for Web).
    QCOMPARE(pools[2].toObject().value(s("month_to_date")).toString(), s("280.00"));
    QCOMPARE(pools[2].toObject().value(s("forecast")).toString(), s("280.00"));
    QCOMPARE(doc.value(s("violations")).toArray().size(), 0);

    QString csv;
    QCOMPARE(run({}, s("csv"), &csv, &err), 0);
    const QStringList lines = csv.split(s("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], s("pool,parent,limit,month_to_date,percent_used,forecast,status,currency"));
    QVERIFY2(lines[3].startsWith(s("Web,Org,80.00,100.00,125.0,")), qPrintable(lines[3]));
    QString vcsv;
    QCOMPARE(run({{s("list"), s("violations")}}, s("csv"), &vcsv, &err), 0);
    QVERIFY(vcsv.startsWith(s("kind,pool,message,resources")));
    QVERIFY(vcsv.contains(s("daily_expense_limit,ML,")));
    QString table;
    QCOMPARE(run({}, s("table"), &table, &err), 0);
    QVERIFY(table.contains(s("1 constraint violations")));
}

// USD is the main currency (10.00 a day); an EUR account adds 5.00 EUR a day. EUR->USD is 1.2
// from 1 February and 1.5 from 20 March (so all of March: the rate of the month's last day);
// January has no rate. The budget limit (pinned USD) compares with costs converted to USD.
void TestBudgetCommands::twoCurrencies()
{
    const QString path = m_dir.filePath(s("two.costscope"));
    {
        store::CostStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QVERIFY2(testsupport::writeUsdEurDaily(store, QDate(2026, 1, 1), kToday, &error), qPrintable(error));
        store::BudgetSettings settings(store);
        QCOMPARE(settings.currency(), s("USD")); // the main currency until a limit pins it
        QVERIFY(settings.addPool(s("All"), {}, &error));
        QVERIFY(settings.addPool(s("Azure"), s("All"), &error));
        std::vector<analysis::ScopeTerm> both, azure;
        QVERIFY(analysis::parseScope(s("account is 111, 222"), &both, &error));
        QVERIFY(analysis::parseScope(s("account is 222"), &azure, &error));
        QVERIFY2(settings.setBudget(s("All"), units(150), both, {}, &error), qPrintable(error));
        QVERIFY2(settings.setBudget(s("Azure"), units(100), azure, {}, &error), qPrintable(error));
        QCOMPARE(store.metaValue(s("budget_currency")), s("USD"));
        QVERIFY2(store::CurrencyRateStore(store).replaceAll(testsupport::usdEurRates(), &error), qPrintable(error));
    }
    const QString saved = m_path;
    m_path = path;
    const auto restore = qScopeGuard([&] { m_path = saved; });
    QString out, err;
    QCOMPARE(run({}, s("json"), &out, &err), 0);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QJsonObject doc = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(doc.value(s("currency")).toString(), s("USD"));
    QCOMPARE(doc.value(s("limit_currency")).toString(), s("USD"));
    QJsonArray pools = doc.value(s("pools")).toArray();
    QCOMPARE(pools.size(), 2);
    // By hand, 1-10 March: USD 10 x 10 = 100.00; EUR 10 x 5 = 50.00 EUR x 1.5 = 75.00 USD (not
    // 1.2: March takes the rate in force on 31 March). All = 175.00 of 150.00: over.
    QJsonObject all = pools[0].toObject(), az = pools[1].toObject();
    QCOMPARE(all.value(s("name")).toString(), s("All"));
    QCOMPARE(all.value(s("month_to_date")).toString(), s("175.00"));
    QCOMPARE(all.value(s("status")).toString(), s("over"));
    QCOMPARE(az.value(s("month_to_date")).toString(), s("75.00"));
    QCOMPARE(az.value(s("limit")).toString(), s("100.00"));
    // January's EUR (31 x 5.00) has no rate: left out of the history, named, never taken at 1.
    QJsonArray unconverted = doc.value(s("unconverted")).toArray();
    QCOMPARE(unconverted.size(), 1);
    QCOMPARE(unconverted[0].toObject().value(s("currency")).toString(), s("EUR"));
    QCOMPARE(unconverted[0].toObject().value(s("amount")).toString(), s("155.00"));
    QCOMPARE(unconverted[0].toObject().value(s("months")).toArray(), QJsonArray{s("2026-01")});

    // February (closed): 28 x 10 + 28 x 5 x 1.2 = 280 + 168 = 448.00 USD; Azure 168.00 (over 100).
    out.clear();
    QCOMPARE(run({{s("month"), s("2026-02")}}, s("json"), &out, &err), 0);
    doc = QJsonDocument::fromJson(out.toUtf8()).object();
    pools = doc.value(s("pools")).toArray();
    QCOMPARE(pools[0].toObject().value(s("month_to_date")).toString(), s("448.00"));
    QCOMPARE(pools[0].toObject().value(s("forecast")).toString(), s("448.00"));
    QCOMPARE(pools[1].toObject().value(s("month_to_date")).toString(), s("168.00"));
    QCOMPARE(pools[1].toObject().value(s("status")).toString(), s("over"));

    // --currency EUR: every amount x USD->EUR 0.8; the status is the one evaluated in USD.
    out.clear();
    QCOMPARE(run({{s("currency"), s("eur")}}, s("json"), &out, &err), 0);
    doc = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(doc.value(s("currency")).toString(), s("EUR"));
    QCOMPARE(doc.value(s("limit_currency")).toString(), s("USD"));
    pools = doc.value(s("pools")).toArray();
    QCOMPARE(pools[0].toObject().value(s("month_to_date")).toString(), s("140.00"));
    QCOMPARE(pools[0].toObject().value(s("limit")).toString(), s("120.00"));
    QCOMPARE(pools[0].toObject().value(s("percent_used")).toDouble(), all.value(s("percent_used")).toDouble());
    QCOMPARE(pools[0].toObject().value(s("status")).toString(), s("over"));
    QCOMPARE(pools[1].toObject().value(s("month_to_date")).toString(), s("60.00"));
    QString csv;
    QCOMPARE(run({{s("currency"), s("EUR")}}, s("csv"), &csv, &err), 0);
    QVERIFY2(csv.contains(s("All,,120.00,140.00,116.7,")), qPrintable(csv));
    QVERIFY(csv.split(s("\r\n"), Qt::SkipEmptyParts).at(1).endsWith(s(",EUR")));
    QString table;
    QCOMPARE(run({}, s("table"), &table, &err), 0);
    QVERIFY2(table.contains(s("Left out, no rate to USD: 155.00 EUR in 2026-01")), qPrintable(table));

    // No rate USD->GBP: refused with the reason, nothing printed.
    out.clear();
    err.clear();
    QCOMPARE(run({{s("currency"), s("GBP")}}, s("json"), &out, &err), 1);
    QVERIFY(out.isEmpty());
    QCOMPARE(err, s("costscope: budgets: the budget limits are in USD and there is no rate from USD to GBP for 2026-03\n"));
}

void TestBudgetCommands::badArguments_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::newRow("month day") << s("month") << s("2026-03-01");
    QTest::newRow("month 13") << s("month") << s("2026-13");
    QTest::newRow("month text") << s("month") << s("march");
    QTest::newRow("list") << s("list") << s("everything");
    QTest::newRow("currency word") << s("currency") << s("euro");
    QTest::newRow("currency formula") << s("currency") << s("=E1");
}

void TestBudgetCommands::badArguments()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QString out, err;
    QCOMPARE(run({{option, value}}, s("json"), &out, &err), 2);
    QVERIFY(out.isEmpty());
    QVERIFY(err.startsWith(s("costscope: budgets: ")));
    QCOMPARE(err.count(u'\n'), 1);
}

QTEST_GUILESS_MAIN(TestBudgetCommands)
#include "TestBudgetCommands.moc"
