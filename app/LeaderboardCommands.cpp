#include "app/LeaderboardCommands.h"

#include "app/TextTable.h"
#include "app/Unconverted.h"
#include "model/CurrencyRates.h"
#include "model/analysis/recommendations/FlavorCatalog.h"
#include "model/ml/Leaderboard.h"
#include "model/ml/RunCost.h"
#include "model/ml/RunStore.h"
#include "model/store/CostStore.h"
#include "model/store/SqliteDb.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace costscope::app {

namespace {

QStringList values(const std::multimap<QString, QString> &options, const char *name)
{
    QStringList out;
    auto [a, b] = options.equal_range(QLatin1String(name));
    for (auto it = a; it != b; ++it)
        out << it->second;
    return out;
}

QString value(const std::multimap<QString, QString> &options, const char *name)
{
    const QStringList v = values(options, name);
    return v.isEmpty() ? QString() : v.last();
}

QStringList commaList(const QStringList &raw)
{
    QStringList out;
    for (const QString &r : raw)
        for (const QString &part : r.split(u','))
            if (!part.trimmed().isEmpty())
                out << part.trimmed();
    return out;
}

QJsonValue number(double v)
{
    if (std::isfinite(v))
        return v;
    return std::isnan(v) ? QStringLiteral("NaN") : (v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity"));
}

QString text(double v) { return QString::number(v, 'g', 6); }

} // namespace

QString leaderboardUsage()
{
    return QStringLiteral(
        "  leaderboard --experiment NAME                     rank the runs of an ML experiment with their cost\n"
        "    [--primary METRIC] [--direction max|min]        (default: the experiment's primary metric)\n"
        "    [--aggregation last|max|min|avg|sum] [--target X] [--secondary KEY[:AGG],...]\n"
        "    [--min KEY=X]... [--max KEY=X]... [--group-by-param P]... [--group-by-tag T]...\n"
        "    [--datasets A,B,...] [--min-datasets N] [--currency CODE]  (costs converted to CODE with each\n"
        "                                                     month's rate; default the main currency)\n");
}

int runLeaderboardCommand(const QString &workspacePath, const QString &format,
                          const std::multimap<QString, QString> &options, QTextStream &out, QTextStream &err)
{
    const QString name = value(options, "experiment");
    if (name.isEmpty()) {
        err << "costscope: usage: costscope leaderboard --experiment NAME [options]; see costscope --help\n";
        return 2;
    }
    ml::LeaderboardSpec spec;
    // Argument checks before the workspace is opened.
    std::optional<ml::Direction> direction;
    if (const QString d = value(options, "direction"); !d.isEmpty()) {
        direction = ml::parseDirection(d);
        if (!direction) {
            err << "costscope: --direction must be max or min, not '" << d << "'\n";
            return 2;
        }
    }
    if (const QString a = value(options, "aggregation"); !a.isEmpty()) {
        const auto agg = ml::parseAggregation(a);
        if (!agg) {
            err << "costscope: --aggregation must be last, max, min, avg or sum, not '" << a << "'\n";
            return 2;
        }
        spec.primary.aggregation = *agg;
    }
    if (const QString t = value(options, "target"); !t.isEmpty()) {
        bool ok = false;
        const double v = t.toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            err << "costscope: --target must be a number, not '" << t << "'\n";
            return 2;
        }
        spec.primary.target = v;
    }
    for (const QString &s : commaList(values(options, "secondary"))) {
        ml::LeaderboardMetric m;
        m.key = s.section(u':', 0, 0).trimmed();
        m.aggregation = spec.primary.aggregation;
        if (s.contains(u':')) {
            const auto agg = ml::parseAggregation(s.section(u':', 1));
            if (!agg || m.key.isEmpty()) {
                err << "costscope: --secondary expects KEY or KEY:last|max|min|avg|sum, not '" << s << "'\n";
                return 2;
            }
            m.aggregation = *agg;
        }
        spec.secondary.push_back(m);
    }
    for (const char *bound : {"min", "max"}) {
        for (const QString &f : values(options, bound)) {
            const qsizetype eq = f.lastIndexOf(u'=');
            bool ok = false;
            const double v = eq > 0 ? f.mid(eq + 1).toDouble(&ok) : 0;
            if (!ok || !std::isfinite(v)) {
                err << "costscope: --" << bound << " expects KEY=NUMBER, not '" << f << "'\n";
                return 2;
            }
            const QString key = f.left(eq).trimmed();
            auto it = std::find_if(spec.filters.begin(), spec.filters.end(),
                                   [&](const ml::MetricBound &b) { return b.key == key; });
            if (it == spec.filters.end())
                it = spec.filters.insert(spec.filters.end(), ml::MetricBound{key, std::nullopt, std::nullopt});
            (qstrcmp(bound, "min") == 0 ? it->min : it->max) = v;
        }
    }
    spec.groupByParams = commaList(values(options, "group-by-param"));
    spec.groupByTags = commaList(values(options, "group-by-tag"));
    spec.datasets = commaList(values(options, "datasets"));
    if (const QString n = value(options, "min-datasets"); !n.isEmpty()) {
        bool ok = false;
        spec.minDatasetsCovered = n.toInt(&ok);
        if (!ok || spec.minDatasetsCovered < 0 || spec.minDatasetsCovered > spec.datasets.size()) {
            err << "costscope: --min-datasets must be a number from 0 to the number of --datasets\n";
            return 2;
        }
    }

    QString currency; // empty: the workspace's main currency
    if (const QString c = value(options, "currency"); !c.isEmpty() || options.count(QStringLiteral("currency"))) {
        currency = normalizedCurrencyCode(c);
        if (currency.isEmpty()) {
            err << "costscope: leaderboard: --currency must be a three-letter currency code\n";
            return 2;
        }
    }

    store::CostStore store;
    QString error;
    if (!store.open(workspacePath, &error)) {
        err << "costscope: " << error << '\n';
        return 1;
    }
    ml::RunStore runs(store.db());
    ml::MlError mlError;
    const auto experiment = runs.experimentByName(name, &mlError);
    if (!experiment) {
        err << "costscope: " << mlError.message << '\n';
        return 1;
    }
    // The experiment's own primary metric and direction (set by the demo or a future editor).
    {
        store::Statement st(store.db(), "SELECT primary_metric, maximize FROM ml_experiment WHERE id = ?");
        st.bind(1, static_cast<int64_t>(experiment->experimentId.toLongLong()));
        if (st.next()) {
            spec.primary.key = st.columnText(0);
            spec.primary.direction = st.columnInt(1) != 0 ? ml::Direction::Max : ml::Direction::Min;
        }
    }
    if (const QString p = value(options, "primary"); !p.isEmpty())
        spec.primary.key = p;
    if (direction)
        spec.primary.direction = *direction;
    if (spec.primary.key.isEmpty()) {
        err << "costscope: experiment '" << name << "' has no primary metric; give --primary METRIC\n";
        return 2;
    }

    std::vector<ml::Run> all;
    ml::RunQuery q;
    q.experimentIds = {experiment->experimentId};
    q.maxResults = 50000;
    for (;;) {
        auto page = runs.searchRuns(q, &mlError);
        if (!page) {
            err << "costscope: " << mlError.message << '\n';
            return 1;
        }
        std::move(page->runs.begin(), page->runs.end(), std::back_inserter(all));
        if (page->nextPageToken.isEmpty())
            break;
        q.pageToken = page->nextPageToken;
    }

    const analysis::FlavorCatalog &catalog = analysis::FlavorCatalog::bundled();
    ml::RunCostCalculator calc(
        store.db(),
        [&catalog](const QString &provider, const QString &region, const QString &type) {
            return catalog.hourlyPrice(provider, region, type);
        },
        QDateTime::currentMSecsSinceEpoch());
    // As the Experiments tab: every billed part and catalog estimate converted with its month's
    // rate; parts with no rate are left out of the cost and named.
    calc.setCurrency(currency);
    const QString cur = calc.currency();
    std::map<QString, ml::RunCost> costs;
    for (const ml::Run &r : all)
        costs[r.info.runId] = calc.cost(r);
    const ml::LeaderboardResult board = ml::buildLeaderboard(all, spec, costs);
    std::vector<store::UnconvertedAmount> notCounted;
    for (const auto *entries : {&board.qualified, &board.notQualified})
        for (const ml::LeaderboardEntry &e : *entries)
            ml::mergeUnconverted(notCounted, e.costUnconverted);

    QStringList metricKeys{spec.primary.key};
    for (const auto &m : spec.secondary)
        if (!metricKeys.contains(m.key))
            metricKeys << m.key;
    if (format == u"json") {
        auto entry = [&](const ml::LeaderboardEntry &e) {
            QJsonObject metrics;
            for (const auto &[k, v] : e.values)
                metrics[k] = number(v);
            QJsonObject group;
            for (const auto &[k, v] : e.groupValues)
                group[k] = v;
            return QJsonObject{{QStringLiteral("rank"), e.rank},
                               {QStringLiteral("label"), e.label},
                               {QStringLiteral("group"), group},
                               {QStringLiteral("runs"), QJsonArray::fromStringList(e.runIds)},
                               {QStringLiteral("primary"), e.primary ? number(*e.primary) : QJsonValue()},
                               {QStringLiteral("target_reached"), e.targetReached},
                               {QStringLiteral("metrics"), metrics},
                               {QStringLiteral("datasets_covered"), QJsonArray::fromStringList(e.datasetsCovered)},
                               {QStringLiteral("cost"), e.cost.toString()},
                               {QStringLiteral("cost_estimate"), e.costEstimate},
                               {QStringLiteral("unconverted"), unconvertedJson(e.costUnconverted)},
                               {QStringLiteral("runs_without_cost"), e.runsWithoutCost},
                               {QStringLiteral("reasons"), QJsonArray::fromStringList(e.reasons)}};
        };
        QJsonArray qualified, notQualified;
        for (const auto &e : board.qualified)
            qualified.append(entry(e));
        for (const auto &e : board.notQualified)
            notQualified.append(entry(e));
        out << QJsonDocument(QJsonObject{{QStringLiteral("experiment"), name},
                                         {QStringLiteral("primary"), spec.primary.key},
                                         {QStringLiteral("direction"),
                                          spec.primary.direction == ml::Direction::Max ? QStringLiteral("max")
                                                                                       : QStringLiteral("min")},
                                         {QStringLiteral("aggregation"), ml::aggregationName(spec.primary.aggregation)},
                                         {QStringLiteral("currency"), cur},
                                         {QStringLiteral("unconverted"), unconvertedJson(notCounted)},
                                         {QStringLiteral("qualified"), qualified},
                                         {QStringLiteral("not_qualified"), notQualified}})
                   .toJson(QJsonDocument::Indented);
        return 0;
    }
    QStringList header{QStringLiteral("rank"), QStringLiteral("candidate"), QStringLiteral("runs")};
    header << metricKeys;
    header << QStringLiteral("datasets") << QStringLiteral("cost ") + cur << QStringLiteral("note");
    TextTable table(header);
    auto addRow = [&](const ml::LeaderboardEntry &e) {
        QString rank = e.rank ? QString::number(e.rank) : (format == u"csv" ? QString() : QStringLiteral("-"));
        if (e.isTopThree() && format != u"csv")
            rank += QStringLiteral(" *");
        QStringList row{rank, e.label, QString::number(e.runIds.size())};
        for (const QString &k : metricKeys) {
            auto it = e.values.find(k);
            row << (it == e.values.end() ? QString() : text(it->second));
        }
        row << QString::number(e.datasetsCovered.size());
        QString cost = e.cost.toString(2);
        if (e.costEstimate)
            cost.prepend(u'~');
        if (!e.costUnconverted.empty() && format != u"csv")
            cost += QStringLiteral(" *"); // a part with no rate, named below the table
        if (e.runsWithoutCost > 0)
            cost += QStringLiteral(" (%1 unknown)").arg(e.runsWithoutCost);
        row << cost;
        QString note = e.reasons.join(QStringLiteral("; "));
        if (e.targetReached)
            note = QStringLiteral("target reached");
        row << note;
        table.addRow(row);
    };
    for (const auto &e : board.qualified)
        addRow(e);
    for (const auto &e : board.notQualified)
        addRow(e);
    if (format == u"csv") {
        out << table.toCsv();
    } else {
        out << "Leaderboard of " << name << " by " << ml::aggregationName(spec.primary.aggregation) << ' '
            << spec.primary.key << " ("
            << (spec.primary.direction == ml::Direction::Max ? "higher is better" : "lower is better")
            << "); * top three, ~ estimated cost, rank - not qualified"
            << (notCounted.empty() ? "" : ", cost * a part not counted (below)") << '\n';
        out << table.toText();
        out << notCountedLines(notCounted, cur);
    }
    return 0;
}

} // namespace costscope::app
