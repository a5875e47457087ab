#pragma once

// What the Experiments tab shows, loaded on the query worker: the experiments with their run
// count and total cost, every active run with its cost and each metric's min/max over its
// history; plus the pure computations the tab's views use (Pareto front, params that differ,
// leaderboard settings as stored in the workspace). No widgets here.

#include "model/Money.h"
#include "model/ml/Leaderboard.h"
#include "model/ml/MlTypes.h"
#include "model/ml/RunCost.h"
#include "model/report/MonthlyReport.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace costscope::store {
class SqliteDb;
}

namespace costscope::views {

struct ExperimentSummary
{
    QString id;
    QString name;
    QString description;
    QString primaryMetric; // ml_experiment.primary_metric, may be empty
    bool maximize = true;
    int runCount = 0;
    Money cost;             // sum of the runs' known costs
    bool costEstimate = false; // some run's cost is an estimate
    std::vector<store::UnconvertedAmount> costUnconverted; // parts with no rate, not in cost
    int runsWithoutCost = 0;
};

struct MetricRange
{
    double min = 0;
    double max = 0;
};

struct ExperimentsSnapshot
{
    QString error;
    std::vector<ExperimentSummary> experiments;
    std::vector<ml::Run> runs; // active runs of every experiment
    std::map<QString, ml::RunCost> costs; // by run id
    QString currency; // every cost's currency (RunCost::currency)
    std::map<QString, std::map<QString, MetricRange>> ranges; // run id -> metric key -> min/max
};

// The currency of a set of run costs (they share the calculator's); empty when there is none.
QString runCostCurrency(const std::map<QString, ml::RunCost> &costs);

// Reads every active experiment and run of the workspace with costs (bundled catalog prices for
// estimates, nowMs as the end of running runs). One read transaction's worth of queries.
// Costs are in `currency` (empty: the workspace's main one), each part converted with its
// month's rate; parts with no rate are left out and named (ml::RunCostCalculator::setCurrency).
ExperimentsSnapshot loadExperimentsSnapshot(store::SqliteDb &db, int64_t nowMs, const QString &currency = {});

struct MetricHistories
{
    QString error;
    QString key;
    std::map<QString, std::vector<ml::Metric>> byRun; // run id -> points by step
};
MetricHistories loadMetricHistories(store::SqliteDb &db, const QStringList &runIds, const QString &key);

// A point of the cost-versus-metric scatter.
struct CostPoint
{
    QString runId;
    double cost = 0;
    double metric = 0;
};
// The Pareto front: the cheapest run for each level of the metric, i.e. the runs that no other
// run beats on both cost (lower or equal) and metric (better or equal, in the direction), one of
// them strictly. Returned cheapest first (so the metric improves along it). NaN metrics are ignored.
std::vector<CostPoint> paretoFront(std::vector<CostPoint> points, ml::Direction direction);

// The param keys whose value is not the same in all the given runs (a run missing a key counts
// as a different value). Sorted.
QStringList differingParams(const std::vector<const ml::Run *> &runs);

// The leaderboard settings of an experiment: primary metric and direction in ml_experiment (as
// `costscope leaderboard` reads them), the rest as JSON in the workspace's meta table under
// "ml.leaderboard:<experiment id>".
ml::LeaderboardSpec loadLeaderboardSpec(store::SqliteDb &db, const QString &experimentId);
bool saveLeaderboardSpec(store::SqliteDb &db, const QString &experimentId, const ml::LeaderboardSpec &spec,
                         QString *error);

// The monthly report's ML section: the active runs started in [from, to) (UTC days), costed as
// the Experiments tab costs them (loadExperimentsSnapshot with nowMs), per experiment (run count,
// cost, the best run of its stored leaderboard over these runs, ungrouped) and the maxRuns most
// expensive runs with their primary metric and rank. In `currency` (empty: the main one), as the tab.
report::ReportMlCost monthMlCost(store::SqliteDb &db, const QDate &from, const QDate &to, int64_t nowMs,
                                 int maxRuns = 10, const QString &currency = {});

} // namespace costscope::views
