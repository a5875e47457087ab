#include "model/Money.h"
#include "model/analysis/Forecast.h"

#include <QTest>

#include <cmath>

using namespace costscope;

namespace {

constexpr int64_t kUnit = Money::kScale;

// Weekdays cost 100, weekends 40 (quiet weekends, as the demo has them).
int64_t weekly(const QDate &d) { return d.dayOfWeek() >= 6 ? 40 * kUnit : 100 * kUnit; }

std::vector<int64_t> series(const QDate &first, const QDate &last, int64_t (*fn)(const QDate &))
{
    std::vector<int64_t> out;
    for (QDate d = first; d <= last; d = d.addDays(1))
        out.push_back(fn(d));
    return out;
}

} // namespace

class TestForecast : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void weeklySeasonalMonthEnd();
    void trendFollowsGrowth();
    void errorBandFromHeldBackHistory();
    void shortAndEmptyHistory();
};

void TestForecast::weeklySeasonalMonthEnd()
{
    // Eight full weeks up to Tuesday 2026-03-17; the month ends on Tuesday 31st.
    const QDate first(2026, 1, 20);
    const QDate asOf(2026, 3, 17);
    const std::vector<int64_t> h = series(first, asOf, weekly);
    const analysis::Forecast f = analysis::forecastSeries(h, first, QDate(2026, 6, 30));
    QCOMPARE(f.asOf, asOf);
    QCOMPARE(f.days.front().day, QDate(2026, 3, 18));
    QCOMPARE(f.days.back().day, QDate(2026, 6, 30));
    QCOMPARE(f.dailyGrowth, 0.0); // flat history, no trend
    QCOMPARE(f.historyDays, 28);
    // Known month-end value: 14 days left (10 weekdays, 4 weekend days).
    int64_t rest = 0;
    for (QDate d = asOf.addDays(1); d <= QDate(2026, 3, 31); d = d.addDays(1))
        rest += weekly(d);
    QCOMPARE(rest, (10 * 100 + 4 * 40) * kUnit);
    QCOMPARE(f.sum(asOf.addDays(1), QDate(2026, 4, 1)), rest);
    // Each day follows its weekday.
    for (const analysis::ForecastDay &d : f.days)
        QCOMPARE(d.nanos, weekly(d.day));
    // April: 22 weekdays, 8 weekend days.
    QCOMPARE(f.sum(QDate(2026, 4, 1), QDate(2026, 5, 1)), (22 * 100 + 8 * 40) * kUnit);
    // A perfect history forecasts itself perfectly: no error, no band.
    QCOMPARE(f.backtestsRun, 1); // 57 days: one held-back period after the first 28
    QCOMPARE(f.totalError, 0.0);
    QCOMPARE(f.dailyError, 0.0);
    QCOMPARE(f.sumLow(asOf.addDays(1), QDate(2026, 4, 1)), rest);
    QCOMPARE(f.sumHigh(asOf.addDays(1), QDate(2026, 4, 1)), rest);
}

void TestForecast::trendFollowsGrowth()
{
    // 0.2 % a day (about 6 % a month) on top of the weekly pattern.
    const QDate first(2025, 11, 1);
    const QDate asOf(2026, 2, 14);
    auto grown = [first](const QDate &d) {
        return static_cast<int64_t>(std::llround(static_cast<double>(weekly(d)) * std::pow(1.002, first.daysTo(d))));
    };
    std::vector<int64_t> h;
    for (QDate d = first; d <= asOf; d = d.addDays(1))
        h.push_back(grown(d));
    const analysis::Forecast f = analysis::forecastSeries(h, first, QDate(2026, 5, 31));
    QVERIFY2(std::abs(f.dailyGrowth - 0.002) < 0.0002, qPrintable(QString::number(f.dailyGrowth)));
    for (const QDate &m : {QDate(2026, 3, 1), QDate(2026, 4, 1), QDate(2026, 5, 1)}) {
        int64_t truth = 0;
        for (QDate d = m; d < m.addMonths(1); d = d.addDays(1))
            truth += grown(d);
        const double err = std::abs(static_cast<double>(f.sum(m, m.addMonths(1)) - truth)) / static_cast<double>(truth);
        QVERIFY2(err < 0.005, qPrintable(QStringLiteral("%1: %2").arg(m.toString(Qt::ISODate)).arg(err)));
    }
    // Without the trend the last months fall short of the truth.
    analysis::ForecastOptions flat;
    flat.trend = false;
    const analysis::Forecast g = analysis::forecastSeries(h, first, QDate(2026, 5, 31), flat);
    QVERIFY(g.sum(QDate(2026, 5, 1), QDate(2026, 6, 1)) < f.sum(QDate(2026, 5, 1), QDate(2026, 6, 1)));
}

void TestForecast::errorBandFromHeldBackHistory()
{
    // Flat weekly pattern, then the last four weeks cost 10 % more: forecasting those held-back
    // weeks from the weeks before misses by 1/11 of their cost, day by day and in total.
    const QDate first(2026, 1, 5); // a Monday
    const QDate asOf = first.addDays(8 * 7 - 1);
    const QDate step = first.addDays(4 * 7);
    std::vector<int64_t> h;
    for (QDate d = first; d <= asOf; d = d.addDays(1))
        h.push_back(d >= step ? weekly(d) / 10 * 11 : weekly(d));
    analysis::ForecastOptions o;
    o.trend = false;
    o.backtests = 1;
    const analysis::Forecast f = analysis::forecastSeries(h, first, asOf.addDays(56), o);
    QCOMPARE(f.backtestsRun, 1);
    QVERIFY(std::abs(f.totalError - 1.0 / 11) < 1e-9);
    QVERIFY(std::abs(f.dailyError - 1.0 / 11) < 1e-9);
    // The forecast continues the new level, with the band of the error seen.
    const analysis::ForecastDay &d = f.days.front();
    QCOMPARE(d.nanos, weekly(d.day) / 10 * 11);
    QCOMPARE(d.high - d.nanos, static_cast<int64_t>(std::llround(static_cast<double>(d.nanos) / 11)));
    QCOMPARE(d.nanos - d.low, d.high - d.nanos);
    // A total over one held-back period gets the total's error; over two, sqrt(2) times it.
    const int64_t s28 = f.sum(asOf.addDays(1), asOf.addDays(29));
    QCOMPARE(f.sumHigh(asOf.addDays(1), asOf.addDays(29)) - s28, static_cast<int64_t>(std::llround(s28 / 11.0)));
    QVERIFY(std::abs(f.sumError(asOf.addDays(1), asOf.addDays(57)) - std::sqrt(2.0) / 11) < 1e-9);
    // With the trend the same step shows up as growth, capped at 1 % a day.
    const analysis::Forecast t = analysis::forecastSeries(h, first, asOf.addDays(56));
    QVERIFY(t.dailyGrowth > 0 && t.dailyGrowth <= 0.01);
}

void TestForecast::shortAndEmptyHistory()
{
    const analysis::Forecast none = analysis::forecastSeries({}, QDate(2026, 1, 1), QDate(2026, 2, 1));
    QVERIFY(none.isEmpty());
    QCOMPARE(none.sum(QDate(2026, 1, 1), QDate(2026, 3, 1)), 0);
    // Three days of history: no weekday has two samples, missing weekdays use the mean of all,
    // and there is nothing to hold back.
    const std::vector<int64_t> h{30 * kUnit, 60 * kUnit, 90 * kUnit};
    const analysis::Forecast f = analysis::forecastSeries(h, QDate(2026, 1, 5), QDate(2026, 1, 14));
    QCOMPARE(f.backtestsRun, 0);
    QCOMPARE(f.totalError, 0.0);
    QCOMPARE(f.days.size(), size_t(7));
    QCOMPARE(f.days[0].day, QDate(2026, 1, 8)); // Thursday: no sample, the mean of all
    QCOMPARE(f.days[0].nanos, 60 * kUnit);
    QCOMPARE(f.days[4].day, QDate(2026, 1, 12)); // Monday: its own sample
    QCOMPARE(f.days[4].nanos, 30 * kUnit);
}

QTEST_GUILESS_MAIN(TestForecast)
#include "TestForecast.moc"
