#include "views/experiments/ExperimentData.h"

#include "model/analysis/recommendations/FlavorCatalog.h"
#include "model/ml/RunStore.h"
#include "model/store/SqliteDb.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <set>

namespace costscope::views {

namespace {

const QString kSpecPrefix = QStringLiteral("ml.leaderboard:");

std::optional<Money> bundledHourly(const QString &provider, const QString &region, const QString &type)
{
    const analysis::FlavorCatalog &catalog = analysis::FlavorCatalog::bundled();
    if (!provider.isEmpty())
        if (const analysis::Flavor *f = catalog.find(provider, region, type))
            return f->hourly;
    for (const analysis::Flavor &f : catalog.flavors())
        if (f.name == type)
            return f.hourly;
    return std::nullopt;
}

QJsonValue optionalNumber(const std::optional<double> &v)
{
    return v && std::isfinite(*v) ? QJsonValue(*v) : QJsonValue();
}

std::optional<double> readOptional(const QJsonValue &v)
{
    if (v.isDouble() && std::isfinite(v.toDouble()))
        return v.toDouble();
    return std::nullopt;
}

} // namespace

QString runCostCurrency(const std::map<QString, ml::RunCost> &costs)
{
    return costs.empty() ? QString() : costs.begin()->second.currency;
}

ExperimentsSnapshot loadExperimentsSnapshot(store::SqliteDb &db, int64_t nowMs, const QString &currency)
{
    ExperimentsSnapshot out;
    ml::RunStore runs(db);
    ml::MlError error;
    ml::ExperimentQuery eq;
    eq.maxResults = 50000;
    const auto experiments = runs.searchExperiments(eq, &error);
    if (!experiments) {
        out.error = error.message;
        return out;
    }
    std::map<QString, size_t> index;
    for (const ml::Experiment &e : experiments->experiments) {
        ExperimentSummary s;
        s.id = e.experimentId;
        s.name = e.name;
        index[s.id] = out.experiments.size();
        out.experiments.push_back(s);
    }
    {
        store::Statement st(db, "SELECT id, description, primary_metric, maximize FROM ml_experiment");
        while (st.next()) {
            auto it = index.find(QString::number(st.columnInt(0)));
            if (it == index.end())
                continue;
            ExperimentSummary &s = out.experiments[it->second];
            s.description = st.columnText(1);
            s.primaryMetric = st.columnText(2);
            s.maximize = st.columnInt(3) != 0;
        }
    }
    ml::RunQuery q;
    for (const ExperimentSummary &s : out.experiments)
        q.experimentIds << s.id;
    q.maxResults = 50000;
    while (!q.experimentIds.isEmpty()) {
        auto page = runs.searchRuns(q, &error);
        if (!page) {
            out.error = error.message;
            return out;
        }
        std::move(page->runs.begin(), page->runs.end(), std::back_inserter(out.runs));
        if (page->nextPageToken.isEmpty())
            break;
        q.pageToken = page->nextPageToken;
    }
    ml::RunCostCalculator calc(db, bundledHourly, nowMs);
    calc.setCurrency(currency);
    out.currency = calc.currency();
    for (const ml::Run &r : out.runs) {
        const ml::RunCost c = calc.cost(r);
        out.costs[r.info.runId] = c;
        auto it = index.find(r.info.experimentId);
        if (it == index.end())
            continue;
        ExperimentSummary &s = out.experiments[it->second];
        ++s.runCount;
        if (c.known()) {
            s.cost += c.cost;
            s.costEstimate = s.costEstimate || c.isEstimate();
            ml::mergeUnconverted(s.costUnconverted, c.unconverted);
        } else {
            ++s.runsWithoutCost;
        }
    }
    store::Statement st(db, R"sql(SELECT r.uuid, m.key, min(m.value), max(m.value)
        FROM ml_metric m JOIN ml_run r ON r.id = m.run_id
        WHERE m.is_nan = 0 AND r.lifecycle = 'active' GROUP BY m.run_id, m.key)sql");
    while (st.next())
        out.ranges[st.columnText(0)][st.columnText(1)] = MetricRange{st.columnDouble(2), st.columnDouble(3)};
    if (!st.ok())
        out.error = st.error();
    return out;
}

MetricHistories loadMetricHistories(store::SqliteDb &db, const QStringList &runIds, const QString &key)
{
    MetricHistories out;
    out.key = key;
    ml::RunStore runs(db);
    for (const QString &id : runIds) {
        std::vector<ml::Metric> &points = out.byRun[id];
        QString token;
        for (;;) {
            ml::MlError error;
            auto page = runs.metricHistory(id, key, 25000, token, &error);
            if (!page) {
                if (error.code != ml::MlError::Code::NotFound)
                    out.error = error.message;
                break;
            }
            std::move(page->metrics.begin(), page->metrics.end(), std::back_inserter(points));
            if (page->nextPageToken.isEmpty())
                break;
            token = page->nextPageToken;
        }
    }
    return out;
}

std::vector<CostPoint> paretoFront(std::vector<CostPoint> points, ml::Direction direction)
{
    const bool maximize = direction == ml::Direction::Max;
    const auto better = [maximize](double a, double b) { return maximize ? a > b : a < b; };
    points.erase(std::remove_if(points.begin(), points.end(),
                                [](const CostPoint &p) { return !std::isfinite(p.metric) || !std::isfinite(p.cost); }),
                 points.end());
    // Cheapest first; at equal cost the best metric first, so it alone can be on the front.
    std::sort(points.begin(), points.end(), [&](const CostPoint &a, const CostPoint &b) {
        if (a.cost != b.cost)
            return a.cost < b.cost;
        if (a.metric != b.metric)
            return better(a.metric, b.metric);
        return a.runId < b.runId;
    });
    std::vector<CostPoint> front;
    for (const CostPoint &p : points)
        if (front.empty() || better(p.metric, front.back().metric))
            front.push_back(p);
    return front;
}

QStringList differingParams(const std::vector<const ml::Run *> &runs)
{
    std::set<QString> keys;
    for (const ml::Run *r : runs)
        for (const auto &[k, v] : r->params)
            keys.insert(k);
    QStringList out;
    for (const QString &k : keys) {
        bool firstFound = false;
        const QString first = runs.front()->param(k, &firstFound);
        for (const ml::Run *r : runs) {
            bool found = false;
            const QString v = r->param(k, &found);
            if (found != firstFound || v != first) {
                out << k;
                break;
            }
        }
    }
    return out;
}

ml::LeaderboardSpec loadLeaderboardSpec(store::SqliteDb &db, const QString &experimentId)
{
    ml::LeaderboardSpec spec;
    {
        store::Statement st(db, "SELECT primary_metric, maximize FROM ml_experiment WHERE id = ?");
        st.bind(1, static_cast<int64_t>(experimentId.toLongLong()));
        if (st.next()) {
            spec.primary.key = st.columnText(0);
            spec.primary.direction = st.columnInt(1) != 0 ? ml::Direction::Max : ml::Direction::Min;
        }
    }
    store::Statement st(db, "SELECT value FROM meta WHERE key = ?");
    st.bind(1, kSpecPrefix + experimentId);
    if (!st.next())
        return spec;
    const QJsonObject o = QJsonDocument::fromJson(st.columnText(0).toUtf8()).object();
    if (const auto a = ml::parseAggregation(o.value(u"aggregation").toString()))
        spec.primary.aggregation = *a;
    spec.primary.target = readOptional(o.value(u"target"));
    for (const QJsonValue &v : o.value(u"secondary").toArray()) {
        ml::LeaderboardMetric m;
        m.key = v.toObject().value(u"key").toString();
        m.aggregation = ml::parseAggregation(v.toObject().value(u"aggregation").toString()).value_or(ml::Aggregation::Last);
        if (!m.key.isEmpty())
            spec.secondary.push_back(m);
    }
    for (const QJsonValue &v : o.value(u"filters").toArray()) {
        ml::MetricBound b;
        b.key = v.toObject().value(u"key").toString();
        b.min = readOptional(v.toObject().value(u"min"));
        b.max = readOptional(v.toObject().value(u"max"));
        if (!b.key.isEmpty() && (b.min || b.max))
            spec.filters.push_back(b);
    }
    for (const QJsonValue &v : o.value(u"groupByTags").toArray())
        spec.groupByTags << v.toString();
    for (const QJsonValue &v : o.value(u"groupByParams").toArray())
        spec.groupByParams << v.toString();
    for (const QJsonValue &v : o.value(u"datasets").toArray())
        spec.datasets << v.toString();
    spec.minDatasetsCovered = std::clamp(o.value(u"minDatasets").toInt(), 0, static_cast<int>(spec.datasets.size()));
    return spec;
}

bool saveLeaderboardSpec(store::SqliteDb &db, const QString &experimentId, const ml::LeaderboardSpec &spec,
                         QString *error)
{
    QJsonArray secondary;
    for (const ml::LeaderboardMetric &m : spec.secondary)
        secondary.append(QJsonObject{{QStringLiteral("key"), m.key},
                                     {QStringLiteral("aggregation"), ml::aggregationName(m.aggregation)}});
    QJsonArray filters;
    for (const ml::MetricBound &b : spec.filters)
        filters.append(QJsonObject{{QStringLiteral("key"), b.key},
                                   {QStringLiteral("min"), optionalNumber(b.min)},
                                   {QStringLiteral("max"), optionalNumber(b.max)}});
    const QJsonObject o{{QStringLiteral("aggregation"), ml::aggregationName(spec.primary.aggregation)},
                        {QStringLiteral("target"), optionalNumber(spec.primary.target)},
                        {QStringLiteral("secondary"), secondary},
                        {QStringLiteral("filters"), filters},
                        {QStringLiteral("groupByTags"), QJsonArray::fromStringList(spec.groupByTags)},
                        {QStringLiteral("groupByParams"), QJsonArray::fromStringList(spec.groupByParams)},
                        {QStringLiteral("datasets"), QJsonArray::fromStringList(spec.datasets)},
                        {QStringLiteral("minDatasets"), spec.minDatasetsCovered}};
    if (!db.exec("BEGIN IMMEDIATE", error))
        return false;
    store::Statement a(db, "UPDATE ml_experiment SET primary_metric = ?, maximize = ? WHERE id = ?");
    a.bind(1, spec.primary.key).bind(2, spec.primary.direction == ml::Direction::Max ? 1 : 0);
    a.bind(3, static_cast<int64_t>(experimentId.toLongLong()));
    store::Statement b(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    b.bind(1, kSpecPrefix + experimentId).bind(2, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    if (!a.run() || !b.run()) {
        if (error)
            *error = !a.ok() ? a.error() : b.error();
        db.exec("ROLLBACK");
        return false;
    }
    return db.exec("COMMIT", error);
}

report::ReportMlCost monthMlCost(store::SqliteDb &db, const QDate &from, const QDate &to, int64_t nowMs,
                                 int maxRuns, const QString &currency)
{
    report::ReportMlCost out;
    const ExperimentsSnapshot snap = loadExperimentsSnapshot(db, nowMs, currency);
    out.currency = snap.currency;
    const int64_t fromMs = QDateTime(from, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const int64_t toMs = QDateTime(to, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    std::map<QString, std::vector<ml::Run>> byExperiment;
    for (const ml::Run &r : snap.runs)
        if (r.info.startTime >= fromMs && r.info.startTime < toMs)
            byExperiment[r.info.experimentId].push_back(r);
    for (const ExperimentSummary &e : snap.experiments) {
        auto it = byExperiment.find(e.id);
        if (it == byExperiment.end())
            continue;
        const std::vector<ml::Run> &runs = it->second;
        report::ReportExperiment x;
        x.name = e.name;
        x.primaryMetric = e.primaryMetric;
        x.maximize = e.maximize;
        x.runCount = static_cast<int>(runs.size());
        std::map<QString, ml::RunCost> costs;
        for (const ml::Run &r : runs) {
            const ml::RunCost &c = snap.costs.at(r.info.runId);
            costs[r.info.runId] = c;
            if (c.known()) {
                x.cost += c.cost.nanos();
                x.costEstimate = x.costEstimate || c.isEstimate();
                ml::mergeUnconverted(out.unconverted, c.unconverted);
            } else {
                ++x.runsWithoutCost;
            }
        }
        // The experiment's stored leaderboard, one candidate per run.
        std::map<QString, std::pair<std::optional<double>, int>> metricOf; // run id -> value, rank
        if (!e.primaryMetric.isEmpty()) {
            ml::LeaderboardSpec spec = loadLeaderboardSpec(db, e.id);
            spec.groupByParams.clear();
            spec.groupByTags.clear();
            const ml::LeaderboardResult board = ml::buildLeaderboard(runs, spec, costs);
            for (const auto *entries : {&board.qualified, &board.notQualified})
                for (const ml::LeaderboardEntry &entry : *entries)
                    if (!entry.runIds.isEmpty())
                        metricOf[entry.runIds.front()] = {entry.primary, entry.rank};
            if (!board.qualified.empty()) {
                x.bestRun = board.qualified.front().label;
                x.bestMetric = board.qualified.front().primary;
            }
        }
        for (const ml::Run &r : runs) {
            const ml::RunCost &c = costs.at(r.info.runId);
            report::ReportRun row;
            row.experiment = e.name;
            row.name = r.info.runName.isEmpty() ? r.info.runId : r.info.runName;
            row.runId = r.info.runId;
            row.status = r.info.status;
            row.started = QDateTime::fromMSecsSinceEpoch(r.info.startTime, Qt::UTC).date();
            row.cost = c.known() ? c.cost.nanos() : 0;
            row.costEstimate = c.known() && c.isEstimate();
            row.metricKey = e.primaryMetric;
            if (auto m = metricOf.find(r.info.runId); m != metricOf.end()) {
                row.metric = m->second.first;
                row.rank = m->second.second;
            }
            out.topRuns.push_back(row);
        }
        out.cost += x.cost;
        out.runCount += x.runCount;
        out.experiments.push_back(x);
    }
    std::stable_sort(out.experiments.begin(), out.experiments.end(),
                     [](const report::ReportExperiment &a, const report::ReportExperiment &b) { return a.cost > b.cost; });
    std::stable_sort(out.topRuns.begin(), out.topRuns.end(),
                     [](const report::ReportRun &a, const report::ReportRun &b) { return a.cost > b.cost; });
    if (out.topRuns.size() > static_cast<size_t>(std::max(0, maxRuns)))
        out.topRuns.resize(static_cast<size_t>(std::max(0, maxRuns)));
    return out;
}

} // namespace costscope::views
