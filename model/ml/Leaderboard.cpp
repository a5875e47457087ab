#include "model/ml/Leaderboard.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace costscope::ml {

namespace {

struct Sample
{
    double value;
    int64_t order; // the run's start time: "last" is the latest run's value
    QString runId;
};

std::optional<double> aggregate(std::vector<Sample> samples, Aggregation a)
{
    std::erase_if(samples, [](const Sample &s) { return std::isnan(s.value); });
    if (samples.empty())
        return std::nullopt;
    switch (a) {
    case Aggregation::Last:
        return std::max_element(samples.begin(), samples.end(),
                                [](const Sample &x, const Sample &y) {
                                    return x.order != y.order ? x.order < y.order : x.runId < y.runId;
                                })
            ->value;
    case Aggregation::Max:
        return std::max_element(samples.begin(), samples.end(),
                                [](const Sample &x, const Sample &y) { return x.value < y.value; })
            ->value;
    case Aggregation::Min:
        return std::min_element(samples.begin(), samples.end(),
                                [](const Sample &x, const Sample &y) { return x.value < y.value; })
            ->value;
    case Aggregation::Avg:
    case Aggregation::Sum: {
        double sum = 0;
        for (const Sample &s : samples)
            sum += s.value;
        return a == Aggregation::Sum ? sum : sum / static_cast<double>(samples.size());
    }
    }
    return std::nullopt;
}

QString number(double v) { return QString::number(v, 'g', 10); }

} // namespace

std::optional<Aggregation> parseAggregation(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"last")
        return Aggregation::Last;
    if (t == u"max")
        return Aggregation::Max;
    if (t == u"min")
        return Aggregation::Min;
    if (t == u"avg" || t == u"mean")
        return Aggregation::Avg;
    if (t == u"sum")
        return Aggregation::Sum;
    return std::nullopt;
}

QString aggregationName(Aggregation a)
{
    switch (a) {
    case Aggregation::Last: return QStringLiteral("last");
    case Aggregation::Max: return QStringLiteral("max");
    case Aggregation::Min: return QStringLiteral("min");
    case Aggregation::Avg: return QStringLiteral("avg");
    case Aggregation::Sum: return QStringLiteral("sum");
    }
    return {};
}

std::optional<Direction> parseDirection(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"max" || t == u"maximize" || t == u"desc")
        return Direction::Max;
    if (t == u"min" || t == u"minimize" || t == u"asc")
        return Direction::Min;
    return std::nullopt;
}

QString runDataset(const Run &run)
{
    QString d = run.tag(QStringLiteral("costscope.dataset")).trimmed();
    if (d.isEmpty())
        d = run.tag(QStringLiteral("dataset")).trimmed();
    return d;
}

LeaderboardResult buildLeaderboard(const std::vector<Run> &runs, const LeaderboardSpec &spec,
                                   const std::map<QString, RunCost> &costs)
{
    // Candidates: groups keyed by the grouping values, in first-seen order for determinism.
    const bool grouped = !spec.groupByTags.isEmpty() || !spec.groupByParams.isEmpty();
    std::vector<std::pair<KeyValues, std::vector<const Run *>>> groups;
    std::map<QStringList, size_t> index;
    std::vector<const Run *> ungroupable; // a run missing one of the grouping keys
    for (const Run &run : runs) {
        if (!grouped) {
            groups.push_back({{}, {&run}});
            continue;
        }
        KeyValues values;
        QStringList key;
        bool complete = true;
        for (const QString &t : spec.groupByTags) {
            bool found = false;
            const QString v = run.tag(t, &found);
            complete = complete && found;
            values.append({QStringLiteral("tag.") + t, v});
            key << v;
        }
        for (const QString &p : spec.groupByParams) {
            bool found = false;
            const QString v = run.param(p, &found);
            complete = complete && found;
            values.append({QStringLiteral("param.") + p, v});
            key << v;
        }
        if (!complete) {
            ungroupable.push_back(&run);
            continue;
        }
        auto [it, inserted] = index.emplace(key, groups.size());
        if (inserted)
            groups.push_back({values, {}});
        groups[it->second].second.push_back(&run);
    }

    std::vector<LeaderboardMetric> metrics{spec.primary};
    metrics.insert(metrics.end(), spec.secondary.begin(), spec.secondary.end());
    for (const MetricBound &b : spec.filters)
        if (std::none_of(metrics.begin(), metrics.end(), [&](const LeaderboardMetric &m) { return m.key == b.key; }))
            metrics.push_back({b.key, Direction::Max, spec.primary.aggregation, std::nullopt});

    auto makeEntry = [&](const KeyValues &values, const std::vector<const Run *> &members) {
        LeaderboardEntry e;
        e.groupValues = values;
        if (grouped) {
            QStringList parts;
            for (const auto &[k, v] : values)
                parts << k.section(QLatin1Char('.'), 1) + QLatin1Char('=') + v;
            e.label = parts.join(QStringLiteral(", "));
        } else {
            e.label = members.front()->info.runName.isEmpty() ? members.front()->info.runId
                                                              : members.front()->info.runName;
        }
        std::set<QString> datasets;
        for (const Run *r : members) {
            e.runIds << r->info.runId;
            const QString d = runDataset(*r);
            if (!d.isEmpty())
                datasets.insert(d);
            auto c = costs.find(r->info.runId);
            if (c == costs.end() || !c->second.known()) {
                ++e.runsWithoutCost;
            } else {
                e.cost += c->second.cost;
                e.costEstimate = e.costEstimate || c->second.isEstimate();
                mergeUnconverted(e.costUnconverted, c->second.unconverted);
            }
        }
        for (const LeaderboardMetric &m : metrics) {
            std::vector<Sample> samples;
            for (const Run *r : members)
                if (const Metric *mm = r->metric(m.key))
                    samples.push_back({mm->value, r->info.startTime, r->info.runId});
            if (const auto v = aggregate(samples, m.aggregation))
                e.values[m.key] = *v;
        }
        if (auto it = e.values.find(spec.primary.key); it != e.values.end()) {
            e.primary = it->second;
            if (spec.primary.target)
                e.targetReached = spec.primary.direction == Direction::Max ? *e.primary >= *spec.primary.target
                                                                           : *e.primary <= *spec.primary.target;
        }
        for (const QString &d : spec.datasets)
            if (datasets.count(d.trimmed()))
                e.datasetsCovered << d.trimmed();

        if (!e.primary)
            e.reasons << QStringLiteral("no value of the primary metric %1").arg(spec.primary.key);
        for (const MetricBound &b : spec.filters) {
            auto it = e.values.find(b.key);
            if (it == e.values.end()) {
                e.reasons << QStringLiteral("no value of %1").arg(b.key);
                continue;
            }
            if (b.min && it->second < *b.min)
                e.reasons << QStringLiteral("%1 = %2 below the minimum %3").arg(b.key, number(it->second), number(*b.min));
            if (b.max && it->second > *b.max)
                e.reasons << QStringLiteral("%1 = %2 above the maximum %3").arg(b.key, number(it->second), number(*b.max));
        }
        if (!spec.datasets.isEmpty() && e.datasetsCovered.size() < spec.minDatasetsCovered)
            e.reasons << QStringLiteral("covers %1 of the %2 datasets required")
                             .arg(e.datasetsCovered.size())
                             .arg(spec.minDatasetsCovered);
        return e;
    };

    LeaderboardResult out;
    for (const auto &[values, members] : groups) {
        LeaderboardEntry e = makeEntry(values, members);
        (e.reasons.isEmpty() ? out.qualified : out.notQualified).push_back(std::move(e));
    }
    for (const Run *r : ungroupable) {
        LeaderboardEntry e = makeEntry({}, {r});
        e.label = r->info.runName.isEmpty() ? r->info.runId : r->info.runName;
        e.reasons.prepend(QStringLiteral("lacks a grouping tag or param"));
        out.notQualified.push_back(std::move(e));
    }
    const bool maximize = spec.primary.direction == Direction::Max;
    std::stable_sort(out.qualified.begin(), out.qualified.end(), [&](const LeaderboardEntry &a, const LeaderboardEntry &b) {
        if (a.datasetsCovered.size() != b.datasetsCovered.size())
            return a.datasetsCovered.size() > b.datasetsCovered.size();
        const double x = *a.primary, y = *b.primary;
        const bool xn = std::isnan(x), yn = std::isnan(y);
        if (xn != yn)
            return yn;
        if (x != y)
            return maximize ? x > y : x < y;
        return a.label < b.label;
    });
    for (size_t i = 0; i < out.qualified.size(); ++i)
        out.qualified[i].rank = static_cast<int>(i) + 1;
    return out;
}

} // namespace costscope::ml
