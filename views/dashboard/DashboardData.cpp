#include "views/dashboard/DashboardData.h"

#include "model/analysis/Forecast.h"

#include <QObject>

#include <algorithm>

namespace costscope::views {

namespace {

int64_t totalOf(store::CostQuery &query, const QDate &from, const QDate &to, const QString &currency, QString *error)
{
    if (to <= from)
        return 0;
    store::CostQuerySpec spec;
    spec.from = from;
    spec.to = to;
    spec.granularity = store::Granularity::Total;
    spec.displayCurrency = currency;
    return query.aggregate(spec, error).total;
}

std::vector<store::DimensionValue> ranking(store::CostQuery &query, store::Dimension dim, const QDate &from,
                                           const QDate &to, int limit, const QString &currency)
{
    return query.dimensionValues(dim, {}, from, to, limit, currency);
}

} // namespace

int64_t projectByWeekday(store::CostQuery &query, const QDate &lastDay, const QDate &firstDataDay, const QDate &from,
                         const QDate &to, const QString &currency, int *sampleDays)
{
    // The weekday means of analysis::Forecast, without trend and without held-back checks.
    analysis::ForecastOptions options;
    options.levelDays = 28;
    options.trend = false;
    options.backtests = 0;
    const QDate windowStart = std::max(lastDay.addDays(-27), firstDataDay);
    store::CostQuerySpec spec;
    spec.from = windowStart;
    spec.to = lastDay.addDays(1);
    spec.granularity = store::Granularity::Day;
    spec.displayCurrency = currency;
    const store::CostSeries s = query.aggregate(spec);
    const analysis::Forecast f = analysis::forecastSeries(s.bucketTotals(), windowStart, to.addDays(-1), options);
    if (sampleDays)
        *sampleDays = static_cast<int>(s.buckets.size());
    return f.sum(from, to);
}

DashboardData computeDashboard(store::CostQuery &query, const QDate &today, const QString &displayCurrency)
{
    DashboardData out;
    const store::DataRange range = query.dataRange();
    out.currency = displayCurrency.isEmpty() ? query.mainCurrency() : displayCurrency;
    if (range.isEmpty()) {
        out.asOf = today;
        return out;
    }
    out.empty = false;
    // Imported old bills still show a meaningful month: "today" is the last day with data.
    out.asOf = range.last < today ? range.last : today;
    out.monthStart = QDate(out.asOf.year(), out.asOf.month(), 1);
    out.monthEnd = out.monthStart.addMonths(1).addDays(-1);
    out.lastMonthStart = out.monthStart.addMonths(-1);
    const qint64 daysIntoMonth = out.monthStart.daysTo(out.asOf) + 1;
    out.lastMonthSameDaysEnd = std::min(out.lastMonthStart.addDays(daysIntoMonth), out.monthStart);

    QString error;
    store::CostQuerySpec mtd;
    mtd.from = out.monthStart;
    mtd.to = out.asOf.addDays(1);
    mtd.granularity = store::Granularity::Total;
    mtd.displayCurrency = out.currency;
    const store::CostSeries mtdSeries = query.aggregate(mtd, &error);
    out.monthToDate = mtdSeries.total;
    out.otherCurrencies = mtdSeries.otherCurrencies;
    out.lastMonthSameDays = totalOf(query, out.lastMonthStart, out.lastMonthSameDaysEnd, out.currency, &error);
    out.lastMonthFull = totalOf(query, out.lastMonthStart, out.monthStart, out.currency, &error);

    out.forecastRemaining = projectByWeekday(query, out.asOf, range.first, out.asOf.addDays(1), out.monthEnd.addDays(1),
                                             out.currency, &out.forecastSampleDays);
    out.forecastRemainingDays = static_cast<int>(out.asOf.daysTo(out.monthEnd));
    out.forecast = out.monthToDate + out.forecastRemaining;

    store::CostQuerySpec daily;
    daily.from = out.asOf.addDays(-89);
    daily.to = out.asOf.addDays(1);
    daily.groupBy = store::Dimension::Provider;
    daily.granularity = store::Granularity::Day;
    daily.displayCurrency = out.currency;
    // The chart stacks one currency; amounts with no rate are named in the header instead.
    out.daily = query.aggregate(daily, &error).collapsed(6, QObject::tr("Other")).withoutUnconverted();
    for (const QString &c : out.daily.otherCurrencies)
        if (!out.otherCurrencies.contains(c))
            out.otherCurrencies << c;
    out.unconverted = out.daily.unconverted;
    for (const QString &c : query.currenciesIn(daily.from, daily.to)) {
        const bool missing = std::any_of(out.unconverted.begin(), out.unconverted.end(),
                                         [&c](const store::UnconvertedAmount &u) { return u.currency == c; });
        if (c != out.currency && !missing)
            out.convertedCurrencies << c;
    }

    out.panelFrom = out.asOf.addDays(-29);
    out.panelTo = out.asOf.addDays(1);
    out.topServices = ranking(query, store::Dimension::Service, out.panelFrom, out.panelTo, 8, out.currency);
    out.topAccounts = ranking(query, store::Dimension::Account, out.panelFrom, out.panelTo, 8, out.currency);
    out.regions = ranking(query, store::Dimension::Region, out.panelFrom, out.panelTo, 8, out.currency);
    out.error = error;
    return out;
}

} // namespace costscope::views
