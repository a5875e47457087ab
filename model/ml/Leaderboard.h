#pragma once

// Leaderboards as OptScale ranks them: candidates (single runs, or groups of runs sharing the
// values of some tags or hyperparameters) with a primary metric that has a direction and an
// optional target, secondary metrics, min/max filters, per-metric aggregation over a group
// (last, max, min, avg, sum) and dataset coverage rules. Qualified candidates are ranked by the
// number of datasets they cover, then by the primary metric; the rest are the not-qualified group,
// each with the reasons. Pure computation: runs and their costs in, a ranking out.

#include "model/Money.h"
#include "model/ml/MlTypes.h"
#include "model/ml/RunCost.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace costscope::ml {

enum class Aggregation { Last, Max, Min, Avg, Sum };
enum class Direction { Max, Min };

std::optional<Aggregation> parseAggregation(const QString &text); // "last", "max", "min", "avg", "sum"
QString aggregationName(Aggregation a);
std::optional<Direction> parseDirection(const QString &text); // "max", "min"

struct LeaderboardMetric
{
    QString key;
    Direction direction = Direction::Max;
    Aggregation aggregation = Aggregation::Last;
    std::optional<double> target; // the primary metric's goal; reached when at or beyond it
};

struct MetricBound
{
    QString key;
    std::optional<double> min; // inclusive
    std::optional<double> max; // inclusive
};

struct LeaderboardSpec
{
    LeaderboardMetric primary;
    std::vector<LeaderboardMetric> secondary;
    std::vector<MetricBound> filters; // on the candidate's aggregated values
    QStringList groupByTags;          // empty with groupByParams empty: every run is a candidate
    QStringList groupByParams;
    QStringList datasets;     // the coverage rule's datasets; empty: no coverage rule
    int minDatasetsCovered = 0; // a candidate covering fewer is not qualified
};

struct LeaderboardEntry
{
    int rank = 0;         // 1.. among the qualified; 0 in the not-qualified group
    QString label;        // "model=cnn, lr=0.01" or the run's name
    KeyValues groupValues; // ("tag.x" | "param.y", value)
    QStringList runIds;
    std::map<QString, double> values; // aggregated metric values of the candidate (primary and secondary)
    std::optional<double> primary;
    bool targetReached = false;
    QStringList datasetsCovered;
    Money cost;
    bool costEstimate = false; // some run's cost is a catalog estimate
    // Parts of the runs' costs with no rate to their currency (RunCost::unconverted), not in `cost`.
    std::vector<store::UnconvertedAmount> costUnconverted;
    int runsWithoutCost = 0;
    QStringList reasons; // why not qualified

    bool isTopThree() const { return rank >= 1 && rank <= 3; }
};

struct LeaderboardResult
{
    std::vector<LeaderboardEntry> qualified; // ranked
    std::vector<LeaderboardEntry> notQualified;
};

// The dataset a run was trained or evaluated on: tag costscope.dataset, else dataset.
QString runDataset(const Run &run);

// costs: by run id (missing ids count as runs without cost).
LeaderboardResult buildLeaderboard(const std::vector<Run> &runs, const LeaderboardSpec &spec,
                                   const std::map<QString, RunCost> &costs = {});

} // namespace costscope::ml
