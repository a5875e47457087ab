#pragma once

#include "model/store/CostQuery.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::analysis {

struct ForecastOptions
{
    int levelDays = 28;    // the recent weeks whose weekday means make the level (4 per weekday)
    bool trend = true;     // scale by the growth between the last two level windows
    double maxDailyGrowth = 0.01; // the trend is capped at +-1 % a day
    int holdBackDays = 28; // each error measurement predicts this many held-back days
    int backtests = 3;     // how many held-back periods (ending 0, 28, 56 ... days before as-of)
};

struct ForecastDay
{
    QDate day;
    int64_t nanos = 0; // projected cost
    int64_t low = 0;   // the band: projection -+ the daily error seen on held-back history
    int64_t high = 0;
};

// A daily projection after the last day of history, with its error on held-back history.
struct Forecast
{
    QDate asOf;                     // last day of history
    std::vector<ForecastDay> days;  // asOf + 1 .. horizon end
    double dailyGrowth = 0;         // the trend applied (0 without trend)
    int historyDays = 0;            // days of history the level used
    // Errors measured by forecasting held-back periods from the history before them, as
    // fractions: mean absolute error of single days, and of the period's total.
    double dailyError = 0;
    double totalError = 0;
    int backtestsRun = 0;

    bool isEmpty() const { return days.empty(); }
    // Projected cost of the days in [from, to) (clipped to the forecast).
    int64_t sum(const QDate &from, const QDate &to) const;
    // The band of such a sum: the held-back error of a total, widened with the square root of
    // the horizon beyond one held-back period.
    int64_t sumLow(const QDate &from, const QDate &to) const;
    int64_t sumHigh(const QDate &from, const QDate &to) const;
    double sumError(const QDate &from, const QDate &to) const;
    ForecastOptions options;
};

// Forecasts `history` (one value per day from `firstDay`, nano-units) up to and including
// `lastDay`. Weekly seasonality: each weekday is projected from its own mean over the last
// levelDays; with trend, scaled by the growth measured between the last two such windows.
Forecast forecastSeries(const std::vector<int64_t> &history, const QDate &firstDay, const QDate &lastDay,
                        const ForecastOptions &options = {});

// The same for the cost of a scope (the filters of `spec`; its dates are ignored) in the store,
// with history from firstDataDay up to asOf.
Forecast forecastScope(store::CostQuery &query, const store::CostQuerySpec &scope, const QDate &firstDataDay,
                       const QDate &asOf, const QDate &lastDay, const ForecastOptions &options = {},
                       QString *error = nullptr);

} // namespace costscope::analysis
