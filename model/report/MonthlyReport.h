#pragma once

#include "model/Services.h"
#include "model/store/CostQuery.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace costscope::store { class CostStore; }

namespace costscope::report {

// One row of a breakdown: this month against the month before (nanos, main currency).
struct ReportLine
{
    QString key;   // raw value (provider, account id, service)
    QString label; // for people
    int64_t current = 0;
    int64_t previous = 0;
    int64_t delta() const { return current - previous; }
};

struct ReportAnomaly
{
    QString scope; // "account", "service", "resource"
    QString label;
    QDate day;
    int64_t expected = 0;
    int64_t actual = 0;
    double changePercent = 0;
};

struct ReportRecommendation
{
    QString module;
    QString resourceId;
    QString name;
    int64_t saving = 0; // nanos per month
    QString currency;
    QString detail;
};

struct ReportBudget
{
    QString name;
    int depth = 0;
    int64_t limit = 0; // 0: no limit
    int64_t monthToDate = 0;
    int64_t forecast = 0;
    double percentUsed = -1;
    QString status; // budgetStatusName
};

// An ML experiment's runs started in the month (the Experiments tab's run costs: model/ml RunCost).
struct ReportExperiment
{
    QString name;
    QString primaryMetric; // may be empty
    bool maximize = true;
    int runCount = 0;
    int64_t cost = 0; // nanos, the runs' known costs
    bool costEstimate = false; // some run's cost is a catalog estimate
    int runsWithoutCost = 0;
    QString bestRun; // the leaderboard's first among these runs, empty when none qualifies
    std::optional<double> bestMetric;
};

// One run of the month, for the "top runs by cost" table.
struct ReportRun
{
    QString experiment;
    QString name;
    QString runId;
    QString status;
    QDate started;
    int64_t cost = 0;
    bool costEstimate = false;
    QString metricKey; // the experiment's primary metric
    std::optional<double> metric; // its value as the leaderboard aggregates it
    int rank = 0; // in the experiment's leaderboard over the month's runs; 0: not qualified
};

struct ReportMlCost
{
    std::vector<ReportExperiment> experiments; // largest cost first
    std::vector<ReportRun> topRuns;            // largest cost first
    int64_t cost = 0;
    int runCount = 0;
    QString currency; // the costs' currency (the Experiments tab's); empty: the main currency
    std::vector<store::UnconvertedAmount> unconverted; // run cost parts with no rate, left out
};

// The figures of the monthly FinOps report, computed once from the store so the window, the
// PDF, the command line and the tests show the same numbers. No widgets, no file format.
struct MonthlyReport
{
    QString error;
    QString currency;
    QDate month;     // first day of the month reported
    QDate asOf;      // last day with data in the month (invalid: no data)
    QDate generated; // the day the report was made
    QString scope;   // "all accounts: 3 providers, 7 accounts"
    int64_t total = 0;         // the month (up to asOf)
    int64_t previousTotal = 0; // the whole month before
    int64_t previousSameDays = 0; // the month before, first (asOf.day()) days
    int64_t budgetLimit = 0;      // sum of the top-level pools' limits
    int64_t budgetMonthToDate = 0;
    int64_t budgetForecast = 0;
    std::vector<int64_t> daily; // one per day of the month up to asOf
    std::vector<ReportLine> providers; // largest this month first
    std::vector<ReportLine> accounts;
    std::vector<ReportLine> services;
    std::vector<ReportLine> movers;    // services and accounts by the size of their change, largest first
    std::vector<ReportAnomaly> anomalies; // of the month, newest first
    std::vector<ReportRecommendation> recommendations; // open (not dismissed), largest saving first
    int64_t recommendationSavings = 0;
    std::vector<ReportBudget> budgets; // tree order
    ReportMlCost ml; // runs started in the month
    QStringList otherCurrencies; // currencies present but not counted
    // Amounts of other currencies with no rate to `currency` for their month (this month and
    // the month before): left out of every figure, never converted at 1, named by the PDF.
    std::vector<store::UnconvertedAmount> unconverted;
    // The budget table's currency: `currency`, or the limits' own currency when there is no
    // rate from it for the month (budgetNote then says so).
    QString budgetCurrency;
    QString budgetNote;
    QString mlCurrency; // the ML table's currency: `currency`, or the main one when there is no rate
    int recommendationsWithoutRate = 0; // open items left out: no rate from their currency
};

struct MonthlyReportOptions
{
    QDate month;  // any day of the month; invalid: the month of the last day with data
    QDate today;  // days after it are not counted; invalid: today (UTC)
    int64_t now = 0; // UTC seconds (budgets); 0: the end of `today`
    int maxMovers = 10;
    int maxAnomalies = 15;
    int maxRecommendations = 20;
    // The report's currency (an ISO code); empty: the workspace's main currency. Costs billed in
    // other currencies are converted to it with the rate of their month (CurrencyRateStore);
    // budgets, recommendations and ML costs with the rate of the report's month.
    QString currency;
    // The open recommendations (the recommendations library reads them: model does not link
    // it); empty: the report has none. Items in another currency are left out.
    std::function<std::vector<ReportRecommendation>()> recommendations;
    // The ML runs started in [from, to) (UTC days) with their cost, nowMs the end of running
    // runs (the Experiments tab computes them: views/experiments/ExperimentData); empty: none.
    std::function<ReportMlCost(const QDate &from, const QDate &to, int64_t nowMs)> mlCost;
};

// Reads everything the report needs (on a worker: its own connection to `store`).
MonthlyReport buildMonthlyReport(store::CostStore &store, const MonthlyReportOptions &options,
                                 const ProgressFn &progress = {});

// "+12.3%" / "-4.0%" / "new" (previous 0) for a change from previous to current.
QString changeText(int64_t previous, int64_t current);

} // namespace costscope::report
