#include "model/analysis/Forecast.h"

#include "model/Money.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace costscope::analysis {

namespace {

// Projects `count` days after history[0, end): per weekday the mean (integer division) of the
// same weekday over the last levelDays, times the trend.
std::vector<int64_t> project(const std::vector<int64_t> &history, int end, const QDate &firstDay, int count,
                             const ForecastOptions &options, double *growth, int *used)
{
    const int level = std::max(1, options.levelDays);
    const int start = std::max(0, end - level);
    std::array<Int128, 8> sum{};
    std::array<int64_t, 8> n{};
    Int128 all = 0;
    int64_t allCount = 0;
    for (int i = start; i < end; ++i) {
        const auto wd = static_cast<size_t>(firstDay.addDays(i).dayOfWeek());
        sum[wd] += history[static_cast<size_t>(i)];
        ++n[wd];
        all += history[static_cast<size_t>(i)];
        ++allCount;
    }
    if (used)
        *used = static_cast<int>(allCount);
    std::vector<int64_t> out(static_cast<size_t>(std::max(0, count)), 0);
    if (allCount == 0)
        return out;
    double g = 0;
    if (options.trend && end - 2 * level >= 0) {
        Int128 before = 0;
        for (int i = end - 2 * level; i < end - level; ++i)
            before += history[static_cast<size_t>(i)];
        if (before > 0 && all > 0) {
            const double ratio = static_cast<double>(all) / static_cast<double>(before);
            g = std::clamp(std::pow(ratio, 1.0 / level) - 1.0, -options.maxDailyGrowth, options.maxDailyGrowth);
        }
    }
    if (growth)
        *growth = g;
    // The level describes the middle of its window.
    const double center = end - (level + 1) / 2.0;
    for (int j = 0; j < count; ++j) {
        const int i = end + j;
        const auto wd = static_cast<size_t>(firstDay.addDays(i).dayOfWeek());
        const auto base = static_cast<int64_t>(n[wd] > 0 ? sum[wd] / n[wd] : all / allCount);
        out[static_cast<size_t>(j)] =
            g == 0 ? base : std::llround(static_cast<double>(base) * std::pow(1.0 + g, i - center));
    }
    return out;
}

} // namespace

int64_t Forecast::sum(const QDate &from, const QDate &to) const
{
    int64_t total = 0;
    for (const ForecastDay &d : days)
        if (d.day >= from && d.day < to)
            total += d.nanos;
    return total;
}

double Forecast::sumError(const QDate &from, const QDate &to) const
{
    const QDate a = std::max(from, asOf.addDays(1));
    const qint64 horizon = std::max<qint64>(0, a.daysTo(to));
    const double periods = static_cast<double>(horizon) / std::max(1, options.holdBackDays);
    return totalError * std::max(1.0, std::sqrt(periods));
}

int64_t Forecast::sumLow(const QDate &from, const QDate &to) const
{
    const int64_t s = sum(from, to);
    return s - static_cast<int64_t>(std::llround(static_cast<double>(s) * sumError(from, to)));
}

int64_t Forecast::sumHigh(const QDate &from, const QDate &to) const
{
    const int64_t s = sum(from, to);
    return s + static_cast<int64_t>(std::llround(static_cast<double>(s) * sumError(from, to)));
}

Forecast forecastSeries(const std::vector<int64_t> &history, const QDate &firstDay, const QDate &lastDay,
                        const ForecastOptions &options)
{
    Forecast f;
    f.options = options;
    const int end = static_cast<int>(history.size());
    f.asOf = firstDay.addDays(end - 1);
    if (end == 0 || lastDay <= f.asOf)
        return f;

    // Error on held-back history: forecast each held-back period from the days before it.
    const int hold = std::max(1, options.holdBackDays);
    double dayErrors = 0;
    int dayCount = 0;
    double totalErrors = 0;
    for (int b = 0; b < options.backtests; ++b) {
        const int cut = end - hold * (b + 1);
        if (cut < std::max(7, options.levelDays))
            break;
        const std::vector<int64_t> p = project(history, cut, firstDay, hold, options, nullptr, nullptr);
        Int128 predicted = 0, actual = 0;
        for (int j = 0; j < hold; ++j) {
            const int64_t a = history[static_cast<size_t>(cut + j)];
            const int64_t e = p[static_cast<size_t>(j)];
            predicted += e;
            actual += a;
            if (a > 0) {
                dayErrors += std::abs(static_cast<double>(e) - static_cast<double>(a)) / static_cast<double>(a);
                ++dayCount;
            }
        }
        if (actual > 0) {
            totalErrors += std::abs(static_cast<double>(predicted) - static_cast<double>(actual)) / static_cast<double>(actual);
            ++f.backtestsRun;
        }
    }
    f.dailyError = dayCount > 0 ? dayErrors / dayCount : 0;
    f.totalError = f.backtestsRun > 0 ? totalErrors / f.backtestsRun : 0;

    const int count = static_cast<int>(f.asOf.daysTo(lastDay));
    const std::vector<int64_t> p = project(history, end, firstDay, count, options, &f.dailyGrowth, &f.historyDays);
    f.days.reserve(p.size());
    for (int j = 0; j < count; ++j) {
        ForecastDay d;
        d.day = f.asOf.addDays(j + 1);
        d.nanos = p[static_cast<size_t>(j)];
        const auto margin = static_cast<int64_t>(std::llround(std::abs(static_cast<double>(d.nanos)) * f.dailyError));
        d.low = d.nanos - margin;
        d.high = d.nanos + margin;
        f.days.push_back(d);
    }
    return f;
}

Forecast forecastScope(store::CostQuery &query, const store::CostQuerySpec &scope, const QDate &firstDataDay,
                       const QDate &asOf, const QDate &lastDay, const ForecastOptions &options, QString *error)
{
    // Enough history for the level, the trend and the held-back periods, and a week to spare.
    const int need = 2 * std::max(1, options.levelDays) + std::max(1, options.holdBackDays) * options.backtests + 7;
    store::CostQuerySpec spec = scope;
    spec.from = std::max(firstDataDay, asOf.addDays(-need));
    spec.to = asOf.addDays(1);
    spec.groupBy.reset();
    spec.granularity = store::Granularity::Day;
    if (spec.to <= spec.from)
        return {};
    const store::CostSeries s = query.aggregate(spec, error);
    return forecastSeries(s.bucketTotals(), spec.from, lastDay, options);
}

} // namespace costscope::analysis
