#pragma once

// MLflow's search language for runs and experiments, parsed and evaluated in C++:
//   filter:   metrics.acc > 0.9 and params.lr = '0.01' and tags.`a b` LIKE '%x%'
//             and attributes.status IN ('FINISHED', 'KILLED')
//   order_by: ["metrics.acc DESC", "attributes.start_time"]
// Comparisons are joined by AND only, as in MLflow. A run that lacks the metric, param or tag
// a comparison names does not match it (not even with !=).

#include "model/ml/MlTypes.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace costscope::ml {

enum class SearchEntity { Runs, Experiments };

struct SearchKey
{
    enum class Kind { Metric, Param, Tag, Attribute };
    Kind kind = Kind::Attribute;
    QString key;            // attribute names are canonical: "start_time", "run_name", ...
    bool numeric = false;   // metrics and time attributes compare as numbers

    // "metrics.acc", "attributes.status": how errors and order keys name it.
    QString display() const;
};

struct Comparison
{
    SearchKey key;
    QString op; // "=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE", "IN", "NOT IN"
    double number = 0;
    QString text;
    QStringList list; // IN / NOT IN
};

class SearchFilter
{
public:
    // An empty (or blank) filter matches everything. On error returns nullopt and a one-line
    // message that names the position and what was expected.
    static std::optional<SearchFilter> parse(const QString &filter, SearchEntity entity, QString *error);

    bool matches(const Run &run) const;
    bool matches(const Experiment &experiment) const;
    const std::vector<Comparison> &comparisons() const { return m_comparisons; }

private:
    std::vector<Comparison> m_comparisons;
};

struct OrderKey
{
    SearchKey key;
    bool ascending = true;
};

// Parses order_by clauses ("metrics.acc DESC", "start_time"); nullopt and a message on error.
std::optional<std::vector<OrderKey>> parseOrderBy(const QStringList &clauses, SearchEntity entity, QString *error);

// Sorts as MLflow does: the given keys (values that are missing last, NaN metrics just before
// them, in either direction), then start_time DESC and run_id ASC unless already ordered by them.
void sortRuns(std::vector<Run> &runs, const std::vector<OrderKey> &order);
// The given keys, or creation_time DESC when none; then experiment_id ASC (numerically).
void sortExperiments(std::vector<Experiment> &experiments, const std::vector<OrderKey> &order);

// SQL LIKE: % any run of characters, _ one character; caseInsensitive for ILIKE.
bool likeMatch(const QString &pattern, const QString &text, bool caseInsensitive);

} // namespace costscope::ml
