#pragma once

#include "model/store/CostQuery.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace costscope::views {

// Everything the Dashboard shows, computed from the store in one go (on a worker).
struct DashboardData
{
    QString error;
    bool empty = true;
    QString currency;                  // the display currency (Preferences) or the main one
    QStringList otherCurrencies;       // billed in the range but not included (none when converting)
    QStringList convertedCurrencies;   // billed in the last 90 days in another currency and converted
    std::vector<store::UnconvertedAmount> unconverted; // last 90 days: amounts with no rate

    QDate asOf;            // the dashboard's "today": the real today, or the last day with data if earlier
    QDate monthStart;      // first day of asOf's month
    QDate monthEnd;        // last day of asOf's month
    int64_t monthToDate = 0;           // [monthStart, asOf]
    QDate lastMonthStart;
    QDate lastMonthSameDaysEnd;        // exclusive: the same number of days into last month (capped)
    int64_t lastMonthSameDays = 0;     // [lastMonthStart, lastMonthSameDaysEnd)
    int64_t lastMonthFull = 0;         // the whole of last month

    // Month-end forecast: month to date + the remaining days, each projected as the average of
    // the same weekday over the last four weeks (weekly seasonality).
    int64_t forecast = 0;
    int64_t forecastRemaining = 0;
    int forecastRemainingDays = 0;
    int forecastSampleDays = 0;        // days of history the weekday averages used (up to 28)

    store::CostSeries daily;           // last 90 days up to asOf, by provider (collapsed)
    QDate panelFrom;                   // the ranking panels cover [panelFrom, panelTo)
    QDate panelTo;
    std::vector<store::DimensionValue> topServices;
    std::vector<store::DimensionValue> topAccounts;
    std::vector<store::DimensionValue> regions;
};

// Computes the dashboard as of `today` (the real date; injectable for tests), every amount in
// displayCurrency (empty: the workspace's main currency), converted with the workspace's rates.
DashboardData computeDashboard(store::CostQuery &query, const QDate &today, const QString &displayCurrency = {});

// The projected cost of each day in [from, to): per weekday, the mean of the same weekday over
// the 28 days that end with `lastDay`, counting only days on or after `firstDataDay`. A weekday
// without samples uses the mean over all samples. Sets *sampleDays to the number of days used.
int64_t projectByWeekday(store::CostQuery &query, const QDate &lastDay, const QDate &firstDataDay, const QDate &from,
                         const QDate &to, const QString &currency, int *sampleDays);

} // namespace costscope::views
