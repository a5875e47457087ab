// costscope_bench_store: times the queries behind the Dashboard and the Cost Explorer on a
// demo workspace, and the same aggregates computed by the sqlite3 command line tool straight
// from the raw line items. Prints medians in milliseconds and their ratio.
//
//   costscope_bench_store [--workspace PATH] [--repeat N] [--sqlite-repeat N] [--no-sqlite3]
//                         [--scale S]
//
// Without --workspace it uses $COSTSCOPE_BENCH_WORKSPACE or <temp>/costscope-bench/demo.costscope,
// generating the default demo there (demo::generateDemo) when the file is missing.

#include "model/Domain.h"
#include "model/Money.h"
#include "model/demo/DemoGenerator.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

using namespace costscope;
using namespace costscope::store;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// One aggregate as the app asks it, and the same question in plain SQL over line_item.
struct Case
{
    QString name;
    CostQuerySpec spec;
};

QString rawGroupExpr(const CostQuerySpec &spec)
{
    if (!spec.groupBy)
        return QStringLiteral("0");
    switch (*spec.groupBy) {
    case Dimension::Provider: return QStringLiteral("p.provider");
    case Dimension::Account: return QStringLiteral("l.sub_account");
    case Dimension::Service: return QStringLiteral("l.service");
    case Dimension::Region: return QStringLiteral("l.region");
    case Dimension::Resource: return QStringLiteral("l.resource");
    case Dimension::Tag: return QStringLiteral("COALESCE(t.value_id, 0)");
    }
    return QStringLiteral("0");
}

// Only integers and a tag key chosen by this program go into the text: it is a benchmark
// input for the sqlite3 tool, not a query the app runs.
QString rawSql(const CostQuerySpec &spec, const QString &currency)
{
    const QString bucket = spec.granularity == Granularity::Day     ? QStringLiteral("l.day")
                           : spec.granularity == Granularity::Month ? QStringLiteral("strftime('%Y-%m', l.day * 86400, 'unixepoch')")
                                                                    : QStringLiteral("0");
    QString sql = QStringLiteral("SELECT g.s, %1 AS bucket, SUM(l.billed) FROM line_item l "
                                 "JOIN billing_period p ON p.id = l.period_id ")
                      .arg(bucket);
    if (spec.groupBy == Dimension::Tag)
        sql += QStringLiteral("LEFT JOIN kvset_item t ON t.set_id = l.tagset AND t.key_id = "
                              "(SELECT id FROM str WHERE s = '%1') ")
                   .arg(spec.groupTagKey);
    sql += QStringLiteral("LEFT JOIN str g ON g.id = %1 WHERE l.day >= %2 AND l.day < %3 "
                          "AND p.currency = (SELECT id FROM str WHERE s = '%4')")
               .arg(rawGroupExpr(spec))
               .arg(dayNumber(spec.from))
               .arg(dayNumber(spec.to))
               .arg(currency);
    // A bare integer in GROUP BY names a column, so constant groups and buckets are left out.
    QStringList groupBy;
    if (spec.groupBy)
        groupBy << rawGroupExpr(spec);
    if (spec.granularity != Granularity::Total)
        groupBy << QStringLiteral("bucket");
    if (!groupBy.isEmpty())
        sql += QStringLiteral(" GROUP BY ") + groupBy.join(QStringLiteral(", "));
    return sql + u';';
}

struct RawResult
{
    double ms = -1;
    int64_t totalNanos = 0;
    bool ok = false;
};

// Runs the SQL in the sqlite3 tool with its own timer, so process start-up is not counted.
RawResult runSqlite3(const QString &workspace, const QString &sql)
{
    RawResult r;
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {QStringLiteral("-readonly"), QStringLiteral("-batch"), workspace});
    if (!p.waitForStarted())
        return r;
    p.write(QByteArrayLiteral(".timer on\n") + sql.toUtf8() + '\n');
    p.closeWriteChannel();
    if (!p.waitForFinished(600'000) || p.exitCode() != 0)
        return r;
    static const QRegularExpression timer(QStringLiteral("^Run Time: real ([0-9.]+)"));
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    double seconds = 0;
    Int128 total = 0;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const auto m = timer.match(line);
        if (m.hasMatch()) {
            seconds += m.captured(1).toDouble();
            continue;
        }
        const qsizetype bar = line.lastIndexOf(u'|');
        if (bar >= 0)
            total += line.mid(bar + 1).toLongLong();
    }
    r.ms = seconds * 1000.0;
    r.totalNanos = static_cast<int64_t>(total);
    r.ok = true;
    return r;
}

struct Options
{
    QString workspace;
    int repeat = 15;
    int sqliteRepeat = 3;
    bool sqlite3 = true;
    double scale = 1.0;
};

std::optional<Options> parseOptions(const QStringList &args)
{
    Options o;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&]() -> QString { return i + 1 < args.size() ? args[++i] : QString(); };
        if (a == u"--workspace")
            o.workspace = value();
        else if (a == u"--repeat")
            o.repeat = std::max(1, value().toInt());
        else if (a == u"--sqlite-repeat")
            o.sqliteRepeat = std::max(1, value().toInt());
        else if (a == u"--no-sqlite3")
            o.sqlite3 = false;
        else if (a == u"--scale")
            o.scale = value().toDouble();
        else
            return std::nullopt;
    }
    if (o.workspace.isEmpty())
        o.workspace = qEnvironmentVariable("COSTSCOPE_BENCH_WORKSPACE");
    if (o.workspace.isEmpty())
        o.workspace = QDir::tempPath() + QStringLiteral("/costscope-bench/demo.costscope");
    return o;
}

bool ensureWorkspace(const Options &o)
{
    if (QFileInfo::exists(o.workspace))
        return true;
    QDir().mkpath(QFileInfo(o.workspace).absolutePath());
    out() << "Generating the demo workspace at " << o.workspace << " (scale " << o.scale << ") ...\n";
    out().flush();
    CostStore store;
    QString error;
    if (!store.open(o.workspace, &error)) {
        out() << "cannot create " << o.workspace << ": " << error << '\n';
        return false;
    }
    demo::DemoOptions opts;
    opts.scale = o.scale;
    demo::DemoStats stats;
    QElapsedTimer t;
    t.start();
    if (!demo::generateDemo(store, opts, {}, {}, &stats, &error)) {
        out() << "demo generation failed: " << error << '\n';
        store.close();
        QFile::remove(o.workspace);
        return false;
    }
    out() << "  " << stats.lineItems << " line items, " << stats.resources << " resources, " << stats.runs
          << " runs in " << t.elapsed() << " ms\n";
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto parsed = parseOptions(app.arguments());
    if (!parsed) {
        out() << "usage: costscope_bench_store [--workspace PATH] [--repeat N] [--sqlite-repeat N] [--no-sqlite3] "
                 "[--scale S]\n";
        return 2;
    }
    const Options o = *parsed;
    if (!ensureWorkspace(o))
        return 1;

    CostStore store;
    QString error;
    QElapsedTimer openTimer;
    openTimer.start();
    if (!store.open(o.workspace, &error)) {
        out() << "cannot open " << o.workspace << ": " << error << '\n';
        return 1;
    }
    const qint64 openMs = openTimer.elapsed();
    CostQuery query(store);
    const DataRange range = query.dataRange();
    if (range.isEmpty()) {
        out() << "the workspace holds no costs\n";
        return 1;
    }
    const QString currency = query.mainCurrency();
    const QDate today = range.last.addDays(1); // the day after the last day with data
    const QDate monthStart(range.last.year(), range.last.month(), 1);
    const QDate lastMonth = monthStart.addMonths(-1);
    const QDate from90 = today.addDays(-90);

    out() << "Workspace " << o.workspace << ": " << query.lineItemCount() << " line items, "
          << QFileInfo(o.workspace).size() / (1024 * 1024) << " MiB, data " << range.first.toString(Qt::ISODate)
          << " .. " << range.last.toString(Qt::ISODate) << ", opened in " << openMs << " ms\n";
    out() << "Medians of " << o.repeat << " runs (costscope) and " << o.sqliteRepeat
          << " runs (sqlite3 tool on raw line items, its own timer)\n\n";

    auto spec = [&](const QDate &from, const QDate &to, std::optional<Dimension> dim, Granularity g,
                    const QString &tag = {}) {
        CostQuerySpec s;
        s.from = from;
        s.to = to;
        s.groupBy = dim;
        s.groupTagKey = tag;
        s.granularity = g;
        s.currency = currency;
        return s;
    };

    struct Row
    {
        QString name;
        double ms = 0;
        double rawMs = -1;
        bool totalsMatch = true;
        bool rawRan = false;
    };
    std::vector<Row> rows;

    auto timeCases = [&](const QString &name, const std::vector<Case> &cases) {
        Row row;
        row.name = name;
        std::vector<int64_t> totals;
        for (const Case &c : cases)
            totals.push_back(query.aggregate(c.spec).total); // warm-up, and the totals to compare
        std::vector<double> samples;
        for (int i = 0; i < o.repeat; ++i) {
            QElapsedTimer t;
            t.start();
            for (const Case &c : cases) {
                const CostSeries s = query.aggregate(c.spec);
                Q_UNUSED(s);
            }
            samples.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
        row.ms = median(samples);
        if (o.sqlite3) {
            std::vector<double> raw;
            for (int i = 0; i < o.sqliteRepeat; ++i) {
                double sum = 0;
                for (size_t k = 0; k < cases.size(); ++k) {
                    const RawResult r = runSqlite3(o.workspace, rawSql(cases[k].spec, currency));
                    if (!r.ok) {
                        sum = -1;
                        break;
                    }
                    sum += r.ms;
                    if (r.totalNanos != totals[k])
                        row.totalsMatch = false;
                }
                if (sum < 0)
                    break;
                raw.push_back(sum);
            }
            row.rawRan = !raw.empty();
            row.rawMs = row.rawRan ? median(raw) : -1;
        }
        rows.push_back(row);
    };

    // The Dashboard, as one set of queries.
    timeCases(QStringLiteral("Dashboard (6 queries)"),
              {{QStringLiteral("month to date"), spec(monthStart, today, std::nullopt, Granularity::Total)},
               {QStringLiteral("last month"), spec(lastMonth, monthStart, std::nullopt, Granularity::Total)},
               {QStringLiteral("90 days by provider"), spec(from90, today, Dimension::Provider, Granularity::Day)},
               {QStringLiteral("top services"), spec(monthStart, today, Dimension::Service, Granularity::Total)},
               {QStringLiteral("top accounts"), spec(monthStart, today, Dimension::Account, Granularity::Total)},
               {QStringLiteral("regions"), spec(monthStart, today, Dimension::Region, Granularity::Total)}});

    // Cost Explorer regroupings.
    const struct { const char *name; Dimension dim; const char *tag; } dims[] = {
        {"provider", Dimension::Provider, ""}, {"account", Dimension::Account, ""},
        {"service", Dimension::Service, ""},   {"region", Dimension::Region, ""},
        {"resource", Dimension::Resource, ""}, {"tag:team", Dimension::Tag, "team"}};
    const struct { const char *name; QDate from; } ranges[] = {{"90 days", from90}, {"all", range.first}};
    for (const auto &r : ranges) {
        for (const auto &d : dims) {
            for (Granularity g : {Granularity::Day, Granularity::Month}) {
                const QString name = QStringLiteral("Explorer %1 by %2, %3")
                                         .arg(QLatin1String(r.name), QLatin1String(d.name),
                                              g == Granularity::Day ? QStringLiteral("day") : QStringLiteral("month"));
                timeCases(name, {{name, spec(r.from, today, d.dim, g, QLatin1String(d.tag))}});
                if (d.dim == Dimension::Resource && g == Granularity::Day) {
                    // As a chart asks it: the 9 largest resources and "other".
                    CostQuerySpec top = spec(r.from, today, d.dim, g);
                    top.maxGroups = 10;
                    timeCases(name + QStringLiteral(", top 10"), {{name, top}});
                }
            }
        }
    }

    int width = 0;
    for (const Row &r : rows)
        width = std::max(width, static_cast<int>(r.name.size()));
    out() << QStringLiteral("query").leftJustified(width) << "  costscope ms  sqlite3 raw ms   ratio  totals\n";
    bool allUnder = true;
    for (const Row &r : rows) {
        out() << r.name.leftJustified(width) << "  " << QString::number(r.ms, 'f', 2).rightJustified(12) << "  ";
        if (r.rawRan)
            out() << QString::number(r.rawMs, 'f', 2).rightJustified(14) << "  "
                  << QString::number(r.rawMs / std::max(r.ms, 0.001), 'f', 1).rightJustified(5) << "x  "
                  << (r.totalsMatch ? "same" : "DIFFER");
        else
            out() << QStringLiteral("-").rightJustified(14) << "  " << QStringLiteral("-").rightJustified(6) << "  -";
        out() << (r.ms < 100 ? "" : "   over 100 ms") << '\n';
        allUnder = allUnder && r.ms < 100;
    }
    out() << '\n' << (allUnder ? "Every Dashboard set and every regrouping is under 100 ms.\n"
                               : "Some queries take 100 ms or more.\n");
    bool totalsOk = true;
    for (const Row &r : rows)
        totalsOk = totalsOk && r.totalsMatch;
    if (!totalsOk)
        out() << "The raw sums differ from the rollups for some queries.\n";
    return totalsOk ? 0 : 1;
}
