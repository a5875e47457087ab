// RunCost: the machine of a run and its cost, billed and pro-rated, or estimated from the catalog.
#include "model/ml/RunCost.h"
#include "model/store/CostStore.h"
#include "model/store/SqliteDb.h"

#include <QTest>

using namespace costscope;
using namespace costscope::ml;

Q_DECLARE_METATYPE(costscope::ml::Run)

namespace {

constexpr int64_t kDay = 20000; // 2024-10-04
constexpr int64_t kMsDay = 86'400'000;
constexpr int64_t kMsHour = 3'600'000;

int64_t at(int64_t day, double hours) { return day * kMsDay + static_cast<int64_t>(hours * kMsHour); }

Run makeRun(const QString &id, int64_t start, std::optional<int64_t> end, KeyValues tags,
            const QString &status = QStringLiteral("FINISHED"))
{
    Run r;
    r.info.runId = id;
    r.info.runName = id;
    r.info.startTime = start;
    r.info.endTime = end;
    r.info.status = status;
    r.tags = std::move(tags);
    return r;
}

std::optional<Money> price(const QString &, const QString &, const QString &type)
{
    if (type == u"m5.large")
        return Money::parse(QStringView(u"0.096"));
    if (type == u"g4dn.xlarge")
        return Money::parse(QStringView(u"0.5"));
    return std::nullopt;
}

} // namespace

class TestRunCost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cost_data();
    void cost();
    void twoCurrencies_data();
    void twoCurrencies();
    void mainCurrencyIsTheDefault();
    void machineFromTagsOrder();
    void hostMappingRoundTrip();
    void hostileMapping();

private:
    store::CostStore m_store;
};

void TestRunCost::init()
{
    QString error;
    m_store.close();
    QVERIFY2(m_store.open(QStringLiteral(":memory:"), &error), qPrintable(error));
    store::SqliteDb &db = m_store.db();
    // i-2 (m5.large too) billed 0.48 on kDay: 5 hours at 0.096/h.
    // i-1 (aws, us-east-1, m5.large) billed 30 + 18 = 48.00 on kDay and 24.00 on kDay+1; nothing on kDay+2.
    QVERIFY(db.exec(R"sql(
        INSERT INTO str(id, s) VALUES (901, 'aws'), (902, 'acct'), (903, 'USD'), (904, 'us-east-1'), (905, 'i-1'),
          (906, 'box'), (907, 'instance'), (908, 'm5.large'), (909, 'running'), (910, 'EC2'), (911, 'i-billed-only'), (912, 'i-2');
        INSERT INTO source(id, kind, name, digest, format, imported_at) VALUES (1, 'test', 't', 'd', 'f', 0);
        INSERT INTO billing_period(id, provider, account, account_name, period_start, period_end, currency, source_id,
          row_count, billed_total, written_at) VALUES (1, 901, 902, 902, 0, 99999, 903, 1, 0, 0, 0);
        INSERT INTO kvset(id, digest) VALUES (77, x'01');
        INSERT INTO resource(provider, account, region, resource, name, type, flavor, state, first_seen, last_seen,
          created_at, tagset) VALUES (901, 902, 904, 905, 906, 907, 908, 909, 0, 0, 0, 77),
          (901, 902, 904, 912, 906, 907, 908, 909, 0, 0, 0, 77);
        INSERT INTO rollup_resource_daily(period_id, day, resource, sub_account, service, region, tagset, billed,
          effective, list) VALUES
          (1, 20000, 905, 902, 910, 904, 77, 30000000000, 0, 0),
          (1, 20000, 905, 902, 903, 904, 77, 18000000000, 0, 0),
          (1, 20001, 905, 902, 910, 904, 77, 24000000000, 0, 0),
          (1, 20000, 911, 902, 910, 904, 77, 96000000000, 0, 0),
          (1, 20000, 912, 902, 910, 904, 77, 480000000, 0, 0);
        )sql"));
}

void TestRunCost::cost_data()
{
    QTest::addColumn<Run>("run");
    QTest::addColumn<int>("basis");
    QTest::addColumn<QString>("expected"); // Money::toString()
    QTest::addColumn<bool>("estimate");

    const QString id = QStringLiteral("costscope.instance_id");
    const QString type = QStringLiteral("costscope.instance_type");
    const auto billed = static_cast<int>(RunCost::Basis::Billed);
    const auto est = static_cast<int>(RunCost::Basis::Estimate);
    const auto unknown = static_cast<int>(RunCost::Basis::Unknown);
    // 18:00 to 06:00 next day: 48 x 6/24 + 24 x 6/24 = 12 + 6.
    QTest::newRow("billed across midnight") << makeRun(QStringLiteral("r1"), at(kDay, 18), at(kDay + 1, 6), {{id, QStringLiteral("i-1")}})
                                            << billed << QStringLiteral("18") << false;
    // 20 minutes on kDay: 48 x 20/1440 = 0.666666666...7
    QTest::newRow("billed 20 minutes rounds to the nano")
        << makeRun(QStringLiteral("r2"), at(kDay, 1), at(kDay, 1) + 20 * 60'000, {{id, QStringLiteral("i-1")}}) << billed
        << QStringLiteral("0.666666667") << false;
    // kDay+2 has no billing: m5.large 0.096/h x 2.5 h = 0.24, an estimate.
    QTest::newRow("no billing that day: catalog") << makeRun(QStringLiteral("r3"), at(kDay + 2, 1), at(kDay + 2, 3.5), {{id, QStringLiteral("i-1")}})
                                                  << est << QStringLiteral("0.24") << true;
    // 12:00 kDay+1 to 12:00 kDay+2: 24 x 12/24 billed + 0.096 x 12 from the catalog = 12 + 1.152.
    QTest::newRow("partly billed") << makeRun(QStringLiteral("r4"), at(kDay + 1, 12), at(kDay + 2, 12), {{id, QStringLiteral("i-1")}})
                                   << billed << QStringLiteral("13.152") << true;
    QTest::newRow("type only: catalog x 3h") << makeRun(QStringLiteral("r5"), at(kDay, 0), at(kDay, 3), {{type, QStringLiteral("g4dn.xlarge")}})
                                             << est << QStringLiteral("1.5") << true;
    QTest::newRow("no machine") << makeRun(QStringLiteral("r6"), at(kDay, 0), at(kDay, 3), {{QStringLiteral("team"), QStringLiteral("x")}})
                                << unknown << QStringLiteral("0") << false;
    QTest::newRow("unpriced type") << makeRun(QStringLiteral("r7"), at(kDay, 0), at(kDay, 3), {{type, QStringLiteral("z9.huge")}})
                                   << unknown << QStringLiteral("0") << false;
    QTest::newRow("unknown instance, no type") << makeRun(QStringLiteral("r8"), at(kDay, 0), at(kDay, 3), {{id, QStringLiteral("i-nope")}})
                                               << unknown << QStringLiteral("0") << false;
    // Still running at "now" = kDay+1 03:00: 24 x 3/24.
    QTest::newRow("running until now") << makeRun(QStringLiteral("r9"), at(kDay + 1, 0), std::nullopt, {{id, QStringLiteral("i-1")}}, QStringLiteral("RUNNING"))
                                       << billed << QStringLiteral("3") << false;
    QTest::newRow("no end time, finished") << makeRun(QStringLiteral("r10"), at(kDay, 0), std::nullopt, {{id, QStringLiteral("i-1")}})
                                           << unknown << QStringLiteral("0") << false;
    QTest::newRow("end before start") << makeRun(QStringLiteral("r11"), at(kDay, 5), at(kDay, 4), {{id, QStringLiteral("i-1")}})
                                      << unknown << QStringLiteral("0") << false;
    // Billed but not in the inventory: 96 x 1/24.
    QTest::newRow("billed, not in inventory") << makeRun(QStringLiteral("r12"), at(kDay, 0), at(kDay, 1), {{id, QStringLiteral("i-billed-only")}})
                                              << billed << QStringLiteral("4") << false;
    // The host tag is the mapped host: 48 x 1/24 = 2.
    QTest::newRow("host mapping") << makeRun(QStringLiteral("r13"), at(kDay, 0), at(kDay, 1), {{QStringLiteral("mlflow.system.hostname"), QStringLiteral("gpu-box")}})
                                  << billed << QStringLiteral("2") << false;
    // i-2 was billed for 5 hours (0.48 / 0.096) on kDay: a 2-hour run gets 2/5 of 0.48.
    QTest::newRow("billed hours of a part-time instance") << makeRun(QStringLiteral("r15"), at(kDay, 8), at(kDay, 10), {{id, QStringLiteral("i-2")}})
                                                        << billed << QStringLiteral("0.192") << false;
    // A run longer than the billed hours gets at most the day's bill: 6 h > 5 h.
    QTest::newRow("run longer than billed hours") << makeRun(QStringLiteral("r16"), at(kDay, 8), at(kDay, 14), {{id, QStringLiteral("i-2")}})
                                                  << billed << QStringLiteral("0.48") << false;
    QTest::newRow("host not mapped") << makeRun(QStringLiteral("r14"), at(kDay, 0), at(kDay, 1), {{QStringLiteral("costscope.host"), QStringLiteral("laptop")}})
                                     << unknown << QStringLiteral("0") << false;
}

void TestRunCost::cost()
{
    QFETCH(Run, run);
    QFETCH(int, basis);
    QFETCH(QString, expected);
    QFETCH(bool, estimate);
    QString error;
    QVERIFY2(RunCostCalculator::setHostMapping(m_store.db(), QStringLiteral("gpu-box"), QStringLiteral("i-1"), &error),
             qPrintable(error));
    RunCostCalculator calc(m_store.db(), price, at(kDay + 1, 3));
    const RunCost c = calc.cost(run);
    QCOMPARE(static_cast<int>(c.basis), basis);
    QCOMPARE(c.cost.toString(), expected);
    QCOMPARE(c.isEstimate(), estimate);
    QVERIFY(!c.note.isEmpty());
    if (c.known())
        QCOMPARE(c.display().startsWith(u'~'), estimate);
    else
        QVERIFY(c.display().isEmpty());
}

// i-3 (m5.large, 0.096 USD/h) is billed in two currencies. Rates: EUR->USD 1.1 from 2024-10-01
// (none for September), USD->EUR 0.9 from 2024-10-01. Every expected figure by hand.
static void addTwoCurrencyFixture(store::SqliteDb &db)
{
    QVERIFY(db.exec(R"sql(
        INSERT INTO str(id, s) VALUES (913, 'EUR'), (914, 'i-3'), (915, 'acct-eu');
        INSERT INTO billing_period(id, provider, account, account_name, period_start, period_end, currency, source_id,
          row_count, billed_total, written_at) VALUES (2, 901, 915, 915, 0, 99999, 913, 1, 0, 0, 0);
        INSERT INTO resource(provider, account, region, resource, name, type, flavor, state, first_seen, last_seen,
          created_at, tagset) VALUES (901, 902, 904, 914, 906, 907, 908, 909, 0, 0, 0, 77);
        INSERT INTO rollup_resource_daily(period_id, day, resource, sub_account, service, region, tagset, billed,
          effective, list) VALUES
          (1, 20000, 914, 902, 910, 904, 77, 12000000000, 0, 0),
          (2, 20000, 914, 915, 910, 904, 77, 10000000000, 0, 0),
          (2, 19996, 914, 915, 910, 904, 77, 8000000000, 0, 0),
          (2, 19997, 914, 915, 910, 904, 77, 4000000000, 0, 0);
        INSERT INTO currency_rate(from_currency, to_currency, valid_from, rate, origin) VALUES
          ('EUR', 'USD', 19997, '1.1', 'user'), ('USD', 'EUR', 19997, '0.9', 'user');
        )sql"));
}

void TestRunCost::twoCurrencies_data()
{
    QTest::addColumn<Run>("run");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");    // Money::toString() of the converted part
    QTest::addColumn<QString>("leftOut");     // "EUR 2 2024-09" or ""
    QTest::addColumn<QString>("display");

    const QString id = QStringLiteral("costscope.instance_id");
    const QString type = QStringLiteral("costscope.instance_type");
    const KeyValues i3{{id, QStringLiteral("i-3")}};
    // kDay (2024-10-04) 00:00-06:00: 12.00 USD x 6/24 = 3.00 USD (12 / 0.096 = 125 h, capped at a
    // day); 10.00 EUR x 6/24 = 2.50 EUR x 1.1 = 2.75 USD. 5.75 USD.
    QTest::newRow("USD+EUR billed, in USD") << makeRun(QStringLiteral("a"), at(kDay, 0), at(kDay, 6), i3)
                                            << QStringLiteral("USD") << QStringLiteral("5.75") << QString()
                                            << QStringLiteral("5.75");
    // The same in EUR: 3.00 USD x 0.9 = 2.70 EUR + 2.50 EUR = 5.20 EUR.
    QTest::newRow("USD+EUR billed, in EUR") << makeRun(QStringLiteral("a"), at(kDay, 0), at(kDay, 6), i3)
                                            << QStringLiteral("EUR") << QStringLiteral("5.2") << QString()
                                            << QStringLiteral("5.20");
    // 2024-09-30 18:00 to 2024-10-01 06:00: 8.00 EUR x 6/24 = 2.00 EUR in September (no EUR->USD
    // rate: left out and named), 4.00 EUR x 6/24 = 1.00 EUR in October x 1.1 = 1.10 USD.
    QTest::newRow("a month without a rate") << makeRun(QStringLiteral("b"), at(kDay - 4, 18), at(kDay - 3, 6), i3)
                                            << QStringLiteral("USD") << QStringLiteral("1.1")
                                            << QStringLiteral("EUR 2 2024-09") << QStringLiteral("1.10 *");
    // In EUR nothing needs a rate: 2.00 + 1.00 EUR.
    QTest::newRow("the same run in EUR") << makeRun(QStringLiteral("b"), at(kDay - 4, 18), at(kDay - 3, 6), i3)
                                         << QStringLiteral("EUR") << QStringLiteral("3") << QString()
                                         << QStringLiteral("3.00");
    // Catalog estimate: g4dn.xlarge 0.5 USD/h x 3 h = 1.50 USD x 0.9 = 1.35 EUR.
    QTest::newRow("catalog estimate in EUR")
        << makeRun(QStringLiteral("c"), at(kDay, 0), at(kDay, 3), {{type, QStringLiteral("g4dn.xlarge")}})
        << QStringLiteral("EUR") << QStringLiteral("1.35") << QString() << QStringLiteral("~1.35");
    // The same in September: no USD->EUR rate, the 1.50 USD left out (never counted at 1).
    QTest::newRow("catalog estimate, month without a rate")
        << makeRun(QStringLiteral("d"), at(kDay - 10, 0), at(kDay - 10, 3), {{type, QStringLiteral("g4dn.xlarge")}})
        << QStringLiteral("EUR") << QStringLiteral("0") << QStringLiteral("USD 1.5 2024-09")
        << QStringLiteral("~0.00 *");
    // No GBP rate at all: both parts named, nothing counted.
    QTest::newRow("no rate to GBP") << makeRun(QStringLiteral("a"), at(kDay, 0), at(kDay, 6), i3)
                                    << QStringLiteral("GBP") << QStringLiteral("0")
                                    << QStringLiteral("EUR 2.5 2024-10; USD 3 2024-10") << QStringLiteral("0.00 *");
}

void TestRunCost::twoCurrencies()
{
    QFETCH(Run, run);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QFETCH(QString, leftOut);
    QFETCH(QString, display);
    addTwoCurrencyFixture(m_store.db());
    RunCostCalculator calc(m_store.db(), price, at(kDay + 1, 3));
    calc.setCurrency(currency);
    const RunCost c = calc.cost(run);
    QVERIFY(c.known());
    QCOMPARE(c.currency, currency);
    QCOMPARE(c.cost.toString(), expected);
    QStringList parts;
    for (const store::UnconvertedAmount &u : c.unconverted) {
        QStringList months;
        for (const QDate &m : u.months)
            months << m.toString(QStringLiteral("yyyy-MM"));
        parts << u.currency + u' ' + Money::fromNanos(u.nanos).toString() + u' ' + months.join(u',');
    }
    QCOMPARE(parts.join(QStringLiteral("; ")), leftOut);
    QCOMPARE(c.display(), display);
    QCOMPARE(c.note.contains(u"not counted"), !leftOut.isEmpty());
}

void TestRunCost::mainCurrencyIsTheDefault()
{
    addTwoCurrencyFixture(m_store.db());
    QVERIFY(m_store.db().exec("UPDATE billing_period SET billed_total = 22000000000 WHERE id = 2"));
    RunCostCalculator calc(m_store.db(), price, at(kDay + 1, 3));
    QCOMPARE(calc.currency(), QStringLiteral("EUR"));
    const RunCost c = calc.cost(makeRun(QStringLiteral("a"), at(kDay, 0), at(kDay, 6), {{QStringLiteral("costscope.instance_id"), QStringLiteral("i-3")}}));
    QCOMPARE(c.currency, QStringLiteral("EUR"));
    QCOMPARE(c.cost.toString(), QStringLiteral("5.2"));
    // Merging the parts left out of several runs adds per currency and keeps the months in order.
    std::vector<store::UnconvertedAmount> total;
    mergeUnconverted(total, {{QStringLiteral("USD"), 1'500'000'000, {QDate(2024, 10, 1)}}});
    mergeUnconverted(total, {{QStringLiteral("USD"), 500'000'000, {QDate(2024, 9, 1)}},
                             {QStringLiteral("EUR"), 2'000'000'000, {QDate(2024, 9, 1)}}});
    QCOMPARE(total.size(), size_t(2));
    QCOMPARE(total[0].currency, QStringLiteral("EUR"));
    QCOMPARE(total[1].nanos, int64_t(2'000'000'000));
    QCOMPARE(total[1].months, (QList<QDate>{QDate(2024, 9, 1), QDate(2024, 10, 1)}));
}

void TestRunCost::machineFromTagsOrder()
{
    const Run r = makeRun(QStringLiteral("m"), 1, 2,
                          {{QStringLiteral("mlflow.source.host"), QStringLiteral("src-host")},
                           {QStringLiteral("mlflow.system.hostname"), QStringLiteral("sys-host")},
                           {QStringLiteral("costscope.instance_type"), QStringLiteral(" m5.large ")}});
    const RunMachine m = machineFromTags(r);
    QCOMPARE(m.host, QStringLiteral("sys-host"));
    QCOMPARE(m.instanceType, QStringLiteral("m5.large"));
    QVERIFY(m.instanceId.isEmpty());
    QCOMPARE(m.source, QStringLiteral("costscope.instance_type"));
}

void TestRunCost::hostMappingRoundTrip()
{
    QString error;
    QVERIFY(RunCostCalculator::setHostMapping(m_store.db(), QStringLiteral("a"), QStringLiteral("i-1"), &error));
    QVERIFY(RunCostCalculator::setHostMapping(m_store.db(), QStringLiteral("b'; DROP TABLE meta; --"), QStringLiteral("i-2"), &error));
    auto map = RunCostCalculator::hostMapping(m_store.db());
    QCOMPARE(map.size(), size_t(2));
    QCOMPARE(map[QStringLiteral("b'; DROP TABLE meta; --")], QStringLiteral("i-2"));
    QVERIFY(RunCostCalculator::setHostMapping(m_store.db(), QStringLiteral("a"), QString(), &error)); // removes
    map = RunCostCalculator::hostMapping(m_store.db());
    QCOMPARE(map.size(), size_t(1));
    QVERIFY(!map.count(QStringLiteral("a")));
}

void TestRunCost::hostileMapping()
{
    QString error;
    QVERIFY(!RunCostCalculator::setHostMapping(m_store.db(), QStringLiteral("  "), QStringLiteral("i-1"), &error));
    QVERIFY(error.contains(u"host"));
    QVERIFY(!RunCostCalculator::setHostMapping(m_store.db(), QString(300, u'h'), QStringLiteral("i-1"), &error));
}

QTEST_GUILESS_MAIN(TestRunCost)
#include "TestRunCost.moc"
