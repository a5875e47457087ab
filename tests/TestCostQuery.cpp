#include "StoreTestSupport.h"

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <numeric>

using namespace costscope;
using namespace costscope::store;
using namespace costscope::testsupport;

Q_DECLARE_METATYPE(costscope::store::Granularity)
Q_DECLARE_METATYPE(QList<costscope::store::DimensionFilter>)

namespace {

// A row as written, with the fields the queries group by.
struct Written
{
    QString provider;
    QString currency;
    CostRow row;
    QString account; // sub-account, or the billing account when the row names none
};

QString tagValue(const Tags &tags, const QString &key)
{
    QString out;
    for (const auto &kv : tags)
        if (kv.first == key)
            out = kv.second; // the last value of a repeated key wins
    return out;
}

QString keyOf(const Written &w, Dimension d, const QString &tagKey)
{
    switch (d) {
    case Dimension::Provider: return w.provider;
    case Dimension::Account: return w.account;
    case Dimension::Service: return w.row.serviceName;
    case Dimension::Region: return w.row.region;
    case Dimension::Resource: return w.row.resourceId;
    case Dimension::Tag: return tagValue(w.row.tags, tagKey);
    }
    return {};
}

} // namespace

class TestCostQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void aggregateMatchesRows_data();
    void aggregateMatchesRows();
    void filters_data();
    void filters();
    void otherCurrency();
    void displayCurrencyConverts();
    void emptyAndBadRanges_data();
    void emptyAndBadRanges();
    void metadata();
    void collapsed();
    void topGroups_data();
    void topGroups();

private:
    // The expected series, computed from the rows written, by group key then bucket.
    std::map<QString, std::vector<int64_t>> expected(const CostQuerySpec &spec, const std::vector<QDate> &buckets,
                                                     const QString &currency = QStringLiteral("USD")) const;
    static bool matches(const Written &w, const DimensionFilter &f);

    QTemporaryDir m_dir;
    CostStore m_store;
    std::vector<Written> m_rows;
    QDate m_first, m_end; // data in [m_first, m_end)
};

void TestCostQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(QStringLiteral("q.costscope")), &error), qPrintable(error));
    m_first = QDate(2026, 1, 1);
    m_end = QDate(2026, 4, 1);

    struct Acct { const char *provider; const char *account; const char *currency; };
    const Acct accounts[] = {{"AWS", "111", "USD"}, {"AWS", "222", "USD"}, {"GCP", "g-billing", "USD"},
                             {"Azure", "eu-sub", "EUR"}};
    const QStringList services = {QStringLiteral("EC2"), QStringLiteral("S3"), QStringLiteral("BigQuery"), QString()};
    const QStringList regions = {QStringLiteral("us-east-1"), QStringLiteral("eu-west-1"), QString()};
    const QStringList subAccounts = {QString(), QStringLiteral("dev-1"), QStringLiteral("prod-1")};
    const QList<Tags> tagSets = {
        {},
        {{QStringLiteral("team"), QStringLiteral("a")}},
        {{QStringLiteral("team"), QStringLiteral("b")}, {QStringLiteral("env"), QStringLiteral("prod")}},
        {{QStringLiteral("env"), QStringLiteral("dev")}},
        {{QStringLiteral("team"), QString()}}, // an empty value counts as untagged
        {{QStringLiteral("team"), QStringLiteral("x")}, {QStringLiteral("team"), QStringLiteral("a")}},
    };
    const char *const amounts[] = {"0.1", "0.0000000035", "1.2E-5", "12.34", "-0.5", "1000", "0.333333333", "7"};

    uint32_t seed = 12345;
    auto next = [&seed](uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    CostWriter w(m_store);
    QVERIFY(w.begin(source(QStringLiteral("fixture")), &error));
    for (const Acct &a : accounts) {
        for (QDate month = m_first; month < m_end; month = month.addMonths(1)) {
            CostBatch b = makeBatch(QLatin1String(a.provider), QLatin1String(a.account), month);
            b.currency = QLatin1String(a.currency);
            for (int i = 0; i < 60; ++i) {
                const QDate day = month.addDays(static_cast<int>(next(static_cast<uint32_t>(month.daysInMonth()))));
                const QString resource = next(4) == 0 ? QString() : QStringLiteral("res-%1").arg(next(9));
                CostRow r = makeRow(day, amounts[next(8)], services[next(4)], regions[next(3)], subAccounts[next(3)],
                                    resource, tagSets[next(6)], static_cast<ChargeCategory>(next(5)));
                Written wr{b.provider, b.currency, r, r.subAccountId.isEmpty() ? b.billingAccountId : r.subAccountId};
                m_rows.push_back(wr);
                b.rows.push_back(r);
            }
            QVERIFY2(w.add(b, &error), qPrintable(error));
        }
    }
    QVERIFY2(w.commit(&error), qPrintable(error));
}

void TestCostQuery::cleanupTestCase() { m_store.close(); }

bool TestCostQuery::matches(const Written &w, const DimensionFilter &f)
{
    return f.values.contains(keyOf(w, f.dimension, f.tagKey));
}

std::map<QString, std::vector<int64_t>> TestCostQuery::expected(const CostQuerySpec &spec,
                                                                const std::vector<QDate> &buckets,
                                                                const QString &currency) const
{
    std::map<QString, std::vector<int64_t>> out;
    for (const Written &w : m_rows) {
        const QDate day = QDateTime::fromSecsSinceEpoch(w.row.chargeStart, Qt::UTC).date();
        if (w.currency != currency || day < spec.from || day >= spec.to)
            continue;
        if (!std::all_of(spec.filters.begin(), spec.filters.end(),
                         [&](const DimensionFilter &f) { return matches(w, f); }))
            continue;
        const QString key = spec.groupBy ? keyOf(w, *spec.groupBy, spec.groupTagKey) : QString();
        auto &series = out[key];
        series.resize(buckets.size(), 0);
        size_t b = 0;
        while (b + 1 < buckets.size() && buckets[b + 1] <= day)
            ++b;
        const Money m = spec.measure == Measure::Billed      ? w.row.billedCost
                        : spec.measure == Measure::Effective ? w.row.effectiveCost
                                                             : w.row.listCost;
        series[b] += m.nanos();
    }
    return out;
}

void TestCostQuery::aggregateMatchesRows_data()
{
    QTest::addColumn<int>("dimension"); // -1: no grouping
    QTest::addColumn<QString>("tagKey");
    QTest::addColumn<Granularity>("granularity");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<int>("measure");
    const struct { const char *name; QDate from, to; } ranges[] = {
        {"all", QDate(2026, 1, 1), QDate(2026, 4, 1)},
        {"mid-month to mid-month", QDate(2026, 1, 15), QDate(2026, 3, 10)},
        {"one day", QDate(2026, 2, 28), QDate(2026, 3, 1)},
        // Month cuts that the month rollups add (long side) or subtract (short side).
        {"late month to late month", QDate(2026, 1, 20), QDate(2026, 3, 25)},
        {"early month to early month", QDate(2026, 1, 3), QDate(2026, 3, 4)},
        {"beyond the data", QDate(2025, 12, 1), QDate(2026, 5, 1)},
    };
    const struct { const char *name; Granularity g; } grans[] = {
        {"day", Granularity::Day}, {"month", Granularity::Month}, {"total", Granularity::Total}};
    const struct { const char *name; int dim; const char *tag; } dims[] = {
        {"none", -1, ""},
        {"provider", static_cast<int>(Dimension::Provider), ""},
        {"account", static_cast<int>(Dimension::Account), ""},
        {"service", static_cast<int>(Dimension::Service), ""},
        {"region", static_cast<int>(Dimension::Region), ""},
        {"resource", static_cast<int>(Dimension::Resource), ""},
        {"tag:team", static_cast<int>(Dimension::Tag), "team"},
        {"tag:env", static_cast<int>(Dimension::Tag), "env"},
        {"tag:unknown-key", static_cast<int>(Dimension::Tag), "no-such-key"},
    };
    for (const auto &r : ranges)
        for (const auto &g : grans)
            for (const auto &d : dims)
                QTest::addRow("%s by %s, %s", d.name, g.name, r.name)
                    << d.dim << QString::fromLatin1(d.tag) << g.g << r.from << r.to << 0;
    QTest::newRow("effective by service") << static_cast<int>(Dimension::Service) << QString() << Granularity::Month
                                          << QDate(2026, 1, 1) << QDate(2026, 4, 1) << 1;
    QTest::newRow("list by tag:team") << static_cast<int>(Dimension::Tag) << QStringLiteral("team") << Granularity::Day
                                      << QDate(2026, 1, 1) << QDate(2026, 4, 1) << 2;
}

void TestCostQuery::aggregateMatchesRows()
{
    QFETCH(int, dimension);
    QFETCH(QString, tagKey);
    QFETCH(Granularity, granularity);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(int, measure);
    CostQuerySpec spec;
    spec.from = from;
    spec.to = to;
    if (dimension >= 0)
        spec.groupBy = static_cast<Dimension>(dimension);
    spec.groupTagKey = tagKey;
    spec.granularity = granularity;
    spec.measure = static_cast<Measure>(measure);
    CostQuery q(m_store);
    QString error;
    const CostSeries s = q.aggregate(spec, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(s.currency, QStringLiteral("USD"));
    QCOMPARE(s.otherCurrencies, QStringList{QStringLiteral("EUR")});

    // Buckets cover the range: the first day of each day or month, or just the start.
    QVERIFY(!s.buckets.empty());
    if (granularity == Granularity::Day)
        QCOMPARE(s.buckets.size(), size_t(from.daysTo(to)));
    if (granularity == Granularity::Month)
        QCOMPARE(s.buckets.front(), QDate(from.year(), from.month(), 1));
    if (granularity == Granularity::Total)
        QCOMPARE(s.buckets.size(), size_t(1));

    const auto want = expected(spec, s.buckets);
    std::map<QString, std::vector<int64_t>> got;
    int64_t sumOfGroups = 0;
    for (const CostGroup &g : s.groups) {
        QVERIFY2(!got.count(g.key), qPrintable(QStringLiteral("group '%1' appears twice").arg(g.key)));
        got[g.key] = g.nanos;
        int64_t t = 0;
        for (int64_t n : g.nanos)
            t += n;
        QCOMPARE(g.total, t);
        sumOfGroups += g.total;
        QVERIFY(!g.label.isEmpty());
    }
    QCOMPARE(got, want);
    QCOMPARE(s.total, sumOfGroups);
    if (spec.measure == Measure::Billed)
        QCOMPARE(s.total, q.rawBilledTotal(from, to));
    // Largest first.
    for (size_t i = 1; i < s.groups.size(); ++i)
        QVERIFY(s.groups[i - 1].total >= s.groups[i].total);
    if (spec.groupBy == Dimension::Tag) {
        for (const CostGroup &g : s.groups)
            if (g.key.isEmpty())
                QCOMPARE(g.label, QStringLiteral("(untagged)"));
    }
}

void TestCostQuery::filters_data()
{
    using Filters = QList<DimensionFilter>;
    QTest::addColumn<Filters>("filters");
    auto f = [](Dimension d, QStringList values, const QString &tagKey = {}) {
        DimensionFilter x;
        x.dimension = d;
        x.values = std::move(values);
        x.tagKey = tagKey;
        return x;
    };
    const QString team = QStringLiteral("team");
    QTest::newRow("provider") << Filters{f(Dimension::Provider, {QStringLiteral("GCP")})};
    QTest::newRow("two accounts") << Filters{f(Dimension::Account, {QStringLiteral("dev-1"), QStringLiteral("111")})};
    QTest::newRow("service or none") << Filters{f(Dimension::Service, {QStringLiteral("EC2"), QString()})};
    QTest::newRow("no service") << Filters{f(Dimension::Service, {QString()})};
    QTest::newRow("global region") << Filters{f(Dimension::Region, {QString()})};
    QTest::newRow("no resource") << Filters{f(Dimension::Resource, {QString()})};
    QTest::newRow("resource") << Filters{f(Dimension::Resource, {QStringLiteral("res-3")})};
    QTest::newRow("team a") << Filters{f(Dimension::Tag, {QStringLiteral("a")}, team)};
    QTest::newRow("untagged team") << Filters{f(Dimension::Tag, {QString()}, team)};
    QTest::newRow("team b or untagged") << Filters{f(Dimension::Tag, {QStringLiteral("b"), QString()}, team)};
    QTest::newRow("unknown tag key, untagged") << Filters{f(Dimension::Tag, {QString()}, QStringLiteral("nokey"))};
    QTest::newRow("unknown tag key, value") << Filters{f(Dimension::Tag, {QStringLiteral("a")}, QStringLiteral("nokey"))};
    QTest::newRow("unknown value") << Filters{f(Dimension::Service, {QStringLiteral("no such service")})};
    QTest::newRow("empty value list") << Filters{f(Dimension::Region, {})};
    QTest::newRow("service and tag") << Filters{f(Dimension::Service, {QStringLiteral("S3")}),
                                                f(Dimension::Tag, {QStringLiteral("prod")}, QStringLiteral("env"))};
    QTest::newRow("account and region") << Filters{f(Dimension::Account, {QStringLiteral("prod-1")}),
                                                   f(Dimension::Region, {QStringLiteral("eu-west-1")})};
    QTest::newRow("quote in value") << Filters{f(Dimension::Service, {QStringLiteral("EC2' OR 1=1 --")})};
}

void TestCostQuery::filters()
{
    QFETCH(QList<DimensionFilter>, filters);
    CostQuery q(m_store);
    for (int dim = -1; dim <= static_cast<int>(Dimension::Tag); ++dim) {
        for (Granularity g : {Granularity::Day, Granularity::Total}) {
            CostQuerySpec spec;
            spec.from = QDate(2026, 1, 10);
            spec.to = QDate(2026, 3, 20);
            spec.granularity = g;
            spec.filters = filters;
            if (dim >= 0)
                spec.groupBy = static_cast<Dimension>(dim);
            spec.groupTagKey = QStringLiteral("team");
            QString error;
            const CostSeries s = q.aggregate(spec, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            std::map<QString, std::vector<int64_t>> got;
            for (const CostGroup &group : s.groups)
                got[group.key] = group.nanos;
            QCOMPARE(got, expected(spec, s.buckets));
        }
    }
}

void TestCostQuery::otherCurrency()
{
    CostQuery q(m_store);
    CostQuerySpec spec;
    spec.from = m_first;
    spec.to = m_end;
    spec.currency = QStringLiteral("EUR");
    spec.groupBy = Dimension::Service;
    spec.granularity = Granularity::Month;
    const CostSeries s = q.aggregate(spec);
    QCOMPARE(s.currency, QStringLiteral("EUR"));
    QCOMPARE(s.otherCurrencies, QStringList{QStringLiteral("USD")});
    std::map<QString, std::vector<int64_t>> got;
    for (const CostGroup &group : s.groups)
        got[group.key] = group.nanos;
    QCOMPARE(got, expected(spec, s.buckets, QStringLiteral("EUR")));
    QCOMPARE(s.total, q.rawBilledTotal(m_first, m_end, QStringLiteral("EUR")));
    // A currency nobody bills in gives nothing, without an error.
    spec.currency = QStringLiteral("JPY");
    QString error;
    QCOMPARE(q.aggregate(spec, &error).total, qint64(0));
    QVERIFY(error.isEmpty());
}

namespace {

// An independent oracle for the conversion: nanos x num / den, rounded half to even.
int64_t convertedOracle(int64_t nanos, int64_t num, int64_t den)
{
    const int64_t p = nanos * num; // small amounts in this fixture: no overflow
    int64_t q = p / den;
    const int64_t r = p % den;
    const int64_t twice = 2 * (r < 0 ? -r : r);
    if (twice > den || (twice == den && q % 2 != 0))
        q += p < 0 ? -1 : 1;
    return q;
}

} // namespace

void TestCostQuery::displayCurrencyConverts()
{
    // EUR->USD 1.10 from always, 1.25 from 2026-02-15: January at 11/10, February (the rate in
    // force on its last day) and March at 5/4.
    CurrencyRate always;
    always.from = QStringLiteral("EUR");
    always.to = QStringLiteral("USD");
    always.validFrom = currencyRateAlways();
    always.rate = *ExchangeRate::parse(QStringLiteral("1.10"));
    CurrencyRate later = always;
    later.validFrom = QDate(2026, 2, 15);
    later.rate = *ExchangeRate::parse(QStringLiteral("1.25"));
    QString error;
    QVERIFY2(CurrencyRateStore(m_store).replaceAll({always, later}, &error), qPrintable(error));

    CostQuery q(m_store);
    CostQuerySpec spec;
    spec.from = m_first;
    spec.to = m_end;
    spec.groupBy = Dimension::Service;
    spec.granularity = Granularity::Month;
    spec.displayCurrency = QStringLiteral("USD");
    const CostSeries s = q.aggregate(spec, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(s.currency, QStringLiteral("USD"));
    QVERIFY(s.otherCurrencies.isEmpty());
    QVERIFY(s.unconverted.empty());
    auto usd = expected(spec, s.buckets, QStringLiteral("USD"));
    const auto eur = expected(spec, s.buckets, QStringLiteral("EUR"));
    for (const auto &[key, cells] : eur) {
        auto &target = usd[key];
        target.resize(cells.size(), 0);
        for (size_t b = 0; b < cells.size(); ++b)
            target[b] += s.buckets[b].month() == 1 ? convertedOracle(cells[b], 11, 10) : convertedOracle(cells[b], 5, 4);
    }
    std::map<QString, std::vector<int64_t>> got;
    int64_t total = 0;
    for (const CostGroup &g : s.groups) {
        QVERIFY(g.currency.isEmpty());
        got[g.key] = g.nanos;
        total += g.total;
    }
    for (auto it = usd.begin(); it != usd.end();) // groups whose cells are all zero are not listed
        it = std::all_of(it->second.begin(), it->second.end(), [](int64_t n) { return n == 0; }) ? usd.erase(it) : std::next(it);
    QCOMPARE(got, usd);
    QCOMPARE(s.total, total);

    // A total is converted month by month: the same sum.
    CostQuerySpec totalSpec = spec;
    totalSpec.groupBy.reset();
    totalSpec.granularity = Granularity::Total;
    const CostSeries t = q.aggregate(totalSpec);
    QCOMPARE(t.buckets.size(), size_t(1));
    CostSeries months = s; // the month buckets of the grouped question
    CostQuerySpec ungrouped = spec;
    ungrouped.groupBy.reset();
    const auto usdMonths = expected(ungrouped, months.buckets, QStringLiteral("USD")).at(QString());
    const auto eurMonths = expected(ungrouped, months.buckets, QStringLiteral("EUR")).at(QString());
    int64_t oracle = 0;
    for (size_t b = 0; b < months.buckets.size(); ++b)
        oracle += usdMonths[b] + (months.buckets[b].month() == 1 ? convertedOracle(eurMonths[b], 11, 10)
                                                                  : convertedOracle(eurMonths[b], 5, 4));
    QCOMPARE(t.total, oracle);
    // Each question rounds its own cells: the sum of converted groups may differ from the
    // converted sum by under a nano per group and month, never by a cent.
    QVERIFY(std::abs(t.total - total) <= static_cast<int64_t>(s.groups.size() * s.buckets.size()));

    // By provider, Azure (billed in EUR only) keeps its billed total beside the converted one.
    CostQuerySpec byProvider = totalSpec;
    byProvider.groupBy = Dimension::Provider;
    const CostSeries p = q.aggregate(byProvider);
    bool sawAzure = false;
    for (const CostGroup &g : p.groups) {
        if (g.key == u"Azure") {
            sawAzure = true;
            QCOMPARE(g.originalCurrency, QStringLiteral("EUR"));
            QCOMPARE(g.originalTotal, q.rawBilledTotal(m_first, m_end, QStringLiteral("EUR")));
        } else {
            QVERIFY(g.originalCurrency.isEmpty());
        }
    }
    QVERIFY(sawAzure);

    // To EUR there is no rate from USD: USD stays USD, in groups of its own, outside the total,
    // and listed with its months. Never converted at 1.
    CostQuerySpec toEur = spec;
    toEur.displayCurrency = QStringLiteral("EUR");
    const CostSeries e = q.aggregate(toEur);
    QCOMPARE(e.total, q.rawBilledTotal(m_first, m_end, QStringLiteral("EUR")));
    QCOMPARE(e.unconverted.size(), size_t(1));
    QCOMPARE(e.unconverted[0].currency, QStringLiteral("USD"));
    QCOMPARE(e.unconverted[0].nanos, q.rawBilledTotal(m_first, m_end, QStringLiteral("USD")));
    QCOMPARE(e.unconverted[0].months, (QList<QDate>{QDate(2026, 1, 1), QDate(2026, 2, 1), QDate(2026, 3, 1)}));
    int64_t usdInGroups = 0;
    for (const CostGroup &g : e.groups)
        if (g.currency == u"USD")
            usdInGroups += g.total;
    QCOMPARE(usdInGroups, e.unconverted[0].nanos);
    // Charts and bucket totals hold only the display currency; collapsing keeps USD apart.
    const std::vector<int64_t> bucketTotals = e.bucketTotals();
    QCOMPARE(std::accumulate(bucketTotals.begin(), bucketTotals.end(), int64_t(0)), e.total);
    const CostSeries c = e.collapsed(2, QStringLiteral("Other"));
    int64_t collapsedEur = 0;
    for (const CostGroup &g : c.groups)
        if (g.currency.isEmpty())
            collapsedEur += g.total;
    QCOMPARE(collapsedEur, e.total);
    QVERIFY(e.withoutUnconverted().groups.size() < e.groups.size());

    // Per day, each day is converted on its own: within a nano per day of the monthly answer.
    CostQuerySpec daily = totalSpec;
    daily.granularity = Granularity::Day;
    const CostSeries d = q.aggregate(daily);
    QVERIFY(std::abs(d.total - t.total) <= m_first.daysTo(m_end));
    QVERIFY2(CurrencyRateStore(m_store).replaceAll({}, &error), qPrintable(error));
}

void TestCostQuery::emptyAndBadRanges_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<bool>("isError");
    QTest::newRow("to before from") << QDate(2026, 2, 1) << QDate(2026, 1, 1) << true;
    QTest::newRow("empty") << QDate(2026, 2, 1) << QDate(2026, 2, 1) << true;
    QTest::newRow("invalid from") << QDate() << QDate(2026, 2, 1) << true;
    QTest::newRow("invalid to") << QDate(2026, 2, 1) << QDate() << true;
    QTest::newRow("before the data") << QDate(2020, 1, 1) << QDate(2020, 2, 1) << false;
}

void TestCostQuery::emptyAndBadRanges()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(bool, isError);
    CostQuerySpec spec;
    spec.from = from;
    spec.to = to;
    spec.groupBy = Dimension::Service;
    QString error;
    const CostSeries s = CostQuery(m_store).aggregate(spec, &error);
    QCOMPARE(!error.isEmpty(), isError);
    QCOMPARE(s.total, qint64(0));
    QVERIFY(s.groups.empty());
}

void TestCostQuery::metadata()
{
    CostQuery q(m_store);
    QCOMPARE(q.mainCurrency(), QStringLiteral("USD"));
    QCOMPARE(q.currencies(), (QStringList{QStringLiteral("EUR"), QStringLiteral("USD")}));
    QCOMPARE(q.tagKeys(), (QStringList{QStringLiteral("env"), QStringLiteral("team")}));
    QCOMPARE(q.lineItemCount(), qint64(m_rows.size()));
    QCOMPARE(q.periods().size(), size_t(12));
    QDate first = m_end, last = m_first;
    for (const Written &w : m_rows) {
        const QDate d = QDateTime::fromSecsSinceEpoch(w.row.chargeStart, Qt::UTC).date();
        first = std::min(first, d);
        last = std::max(last, d);
    }
    QCOMPARE(q.dataRange().first, first);
    QCOMPARE(q.dataRange().last, last);
    const auto values = q.dimensionValues(Dimension::Tag, QStringLiteral("team"), m_first, m_end, 2);
    QCOMPARE(values.size(), size_t(2));
    QVERIFY(values[0].nanos >= values[1].nanos);

    CostStore empty;
    QVERIFY(empty.open(QStringLiteral(":memory:")));
    CostQuery eq(empty);
    QVERIFY(eq.dataRange().isEmpty());
    QCOMPARE(eq.mainCurrency(), QStringLiteral("USD"));
    QVERIFY(eq.tagKeys().isEmpty());
    QCOMPARE(eq.rawBilledTotal(m_first, m_end), qint64(0));
}

void TestCostQuery::collapsed()
{
    CostQuerySpec spec;
    spec.from = m_first;
    spec.to = m_end;
    spec.groupBy = Dimension::Resource;
    spec.granularity = Granularity::Month;
    const CostSeries s = CostQuery(m_store).aggregate(spec);
    QVERIFY(s.groups.size() > 4);
    const CostSeries c = s.collapsed(4, QStringLiteral("Other"));
    QCOMPARE(c.groups.size(), size_t(4));
    QCOMPARE(c.groups.back().label, QStringLiteral("Other"));
    QCOMPARE(c.total, s.total);
    QCOMPARE(c.bucketTotals(), s.bucketTotals());
    int64_t sum = 0;
    for (const CostGroup &g : c.groups)
        sum += g.total;
    QCOMPARE(sum, s.total);
    QCOMPARE(s.collapsed(1000, QStringLiteral("Other")).groups.size(), s.groups.size());
}

void TestCostQuery::topGroups_data()
{
    QTest::addColumn<int>("dimension");
    QTest::addColumn<Granularity>("granularity");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<int>("maxGroups");
    for (int max : {1, 2, 4, 1000}) {
        for (Dimension d : {Dimension::Resource, Dimension::Service}) {
            for (Granularity g : {Granularity::Day, Granularity::Month, Granularity::Total}) {
                QTest::addRow("%s, granularity %d, top %d, all", qPrintable(dimensionName(d)), static_cast<int>(g), max)
                    << static_cast<int>(d) << g << QDate(2026, 1, 1) << QDate(2026, 4, 1) << max;
                QTest::addRow("%s, granularity %d, top %d, cut", qPrintable(dimensionName(d)), static_cast<int>(g), max)
                    << static_cast<int>(d) << g << QDate(2026, 1, 20) << QDate(2026, 3, 4) << max;
            }
        }
    }
}

void TestCostQuery::topGroups()
{
    QFETCH(int, dimension);
    QFETCH(Granularity, granularity);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(int, maxGroups);
    CostQuerySpec spec;
    spec.from = from;
    spec.to = to;
    spec.groupBy = static_cast<Dimension>(dimension);
    spec.granularity = granularity;
    CostQuery q(m_store);
    const CostSeries want = q.aggregate(spec).collapsed(maxGroups, QStringLiteral("Other"));
    spec.maxGroups = maxGroups;
    QString error;
    const CostSeries got = q.aggregate(spec, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(got.total, want.total);
    QCOMPARE(got.buckets, want.buckets);
    QCOMPARE(got.groups.size(), want.groups.size());
    for (size_t i = 0; i < want.groups.size(); ++i) {
        QCOMPARE(got.groups[i].key, want.groups[i].key);
        QCOMPARE(got.groups[i].label, want.groups[i].label);
        QCOMPARE(got.groups[i].nanos, want.groups[i].nanos);
        QCOMPARE(got.groups[i].total, want.groups[i].total);
    }
}

QTEST_GUILESS_MAIN(TestCostQuery)
#include "TestCostQuery.moc"
