#include "app/CommandLine.h"

#include "app/AllocationCommands.h"
#include "app/AnalysisCommands.h"
#include "app/BudgetCommands.h"
#include "app/CatalogCommands.h"
#include "app/MlCommands.h"
#include "app/LeaderboardCommands.h"
#include "app/SweepCommands.h"
#include "app/RecommendationCommands.h"
#include "app/ReportCommands.h"
#include "app/ResourceCommands.h"
#include "app/TextTable.h"
#include "app/Unconverted.h"
#include "app/Workspace.h"
#include "model/CurrencyRates.h"
#include "model/Domain.h"
#include "model/analysis/recommendations/DemoRecommendations.h"
#include "model/demo/DemoGenerator.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "providers/CloudClient.h"
#include "providers/import/FileImportService.h"

#include "app/SyncCommands.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <functional>
#include <map>

namespace costscope::app {

namespace {

struct Args
{
    QString verb;
    QString workspace;
    QString format = QStringLiteral("table");
    std::multimap<QString, QString> options; // --name value
    QStringList positional;
    QString error;

    QString value(const QString &name, const QString &fallback = {}) const
    {
        auto it = options.find(name);
        return it == options.end() ? fallback : it->second;
    }
    QStringList values(const QString &name) const
    {
        QStringList out;
        auto [a, b] = options.equal_range(name);
        for (auto it = a; it != b; ++it)
            out << it->second;
        return out;
    }
    bool has(const QString &name) const { return options.count(name) > 0; }
};

// Options that take no value.
const QStringList kFlags = {QStringLiteral("help"), QStringLiteral("version"), QStringLiteral("all"),
                            QStringLiteral("save")};

Args parse(const QStringList &arguments)
{
    Args a;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments[i];
        if (arg.startsWith(QStringLiteral("--"))) {
            QString name = arg.mid(2);
            QString value;
            const qsizetype eq = name.indexOf(u'=');
            if (eq >= 0) {
                value = name.mid(eq + 1);
                name.truncate(eq);
            } else if (!kFlags.contains(name)) {
                if (i + 1 >= arguments.size()) {
                    a.error = QStringLiteral("option --%1 needs a value").arg(name);
                    return a;
                }
                value = arguments[++i];
            }
            if (name == u"workspace")
                a.workspace = value;
            else if (name == u"format")
                a.format = value;
            else
                a.options.emplace(name, value);
        } else if (a.verb.isEmpty() && !arg.startsWith(u'-')) {
            a.verb = arg;
        } else {
            a.positional << arg;
        }
    }
    if (a.format != u"table" && a.format != u"csv" && a.format != u"json")
        a.error = QStringLiteral("--format must be table, csv or json, not '%1'").arg(a.format);
    return a;
}

QString usage()
{
    return QStringLiteral(
        "Usage: costscope [--workspace PATH] [VERB] [options]\n"
        "\n"
        "Without a verb, opens the window.\n"
        "\n"
        "Verbs:\n"
        "  demo [--seed N] [--months M] [--end YYYY-MM-DD]   (re)create the demo workspace\n"
        "  import PATH...                                    import billing files (FOCUS, AWS CUR, Azure,\n"
        "                                                     GCP, OCI; .gz; folders recursively)\n"
        "  summary [--from D] [--to D] [--by DIM]...         cost totals; DIM is provider, account,\n"
        "                                                     service, region, resource, tag:KEY,\n"
        "                                                     day or month; --currency CODE converts\n"
        "                                                     every currency to CODE (default: the main one)\n"
        "  resources [--provider P] [--currency C]           every resource with cost, CPU, owner, pool, TTL\n")
        + analysisUsage()
        + allocationUsage()
        + budgetsUsage()
        + reportUsage()
        + QStringLiteral("  export --csv FILE --view NAME [verb options]      one view as CSV: dashboard, explorer,\n"
                         "                                                     resources, recommendations, budgets,\n"
                         "                                                     anomalies, forecast (options as in summary etc.)\n")
        + catalogUsage()
        + mlUsage()
        + leaderboardUsage()
        + sweepUsage()
        + QStringLiteral(
        "\n"
        "Common options:\n"
        "  --workspace PATH        the workspace file (default: the user's workspace)\n"
        "  --format table|csv|json output format (default: table)\n"
        "  --version               print the version\n"
        "Dates are YYYY-MM-DD; ranges are half-open [from, to).\n");
}

bool openStore(store::CostStore &store, const Args &a, QTextStream &err)
{
    const QString path = a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace;
    QString error;
    if (!store.open(path, &error)) {
        err << "costscope: " << error << '\n';
        return false;
    }
    return true;
}

bool parseDate(const QString &text, QDate *out)
{
    *out = QDate::fromString(text, Qt::ISODate);
    return out->isValid() && text.size() == 10;
}

int runDemo(const Args &a, QTextStream &out, QTextStream &err)
{
    demo::DemoOptions opts;
    bool ok = true;
    if (a.has(QStringLiteral("seed"))) {
        opts.seed = a.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            err << "costscope: --seed must be a whole number\n";
            return 2;
        }
    }
    if (a.has(QStringLiteral("months"))) {
        opts.months = a.value(QStringLiteral("months")).toInt(&ok);
        if (!ok || opts.months < 1 || opts.months > 60) {
            err << "costscope: --months must be between 1 and 60\n";
            return 2;
        }
    }
    if (a.has(QStringLiteral("end")) && !parseDate(a.value(QStringLiteral("end")), &opts.endDate)) {
        err << "costscope: --end must be a date YYYY-MM-DD\n";
        return 2;
    }
    if (a.has(QStringLiteral("scale"))) {
        opts.scale = a.value(QStringLiteral("scale")).toDouble(&ok);
        if (!ok || opts.scale <= 0 || opts.scale > 10) {
            err << "costscope: --scale must be a number between 0 and 10\n";
            return 2;
        }
    }
    store::CostStore store;
    if (!openStore(store, a, err))
        return 1;
    demo::DemoStats stats;
    QString error;
    if (!analysis::generateDemoWithRecommendations(store, opts, {}, {}, &stats, &error)) {
        err << "costscope: demo: " << error << '\n';
        return 1;
    }
    const QString total = Money::fromNanos(stats.billedNanos).toString(2);
    if (a.format == u"json") {
        QJsonObject o{{QStringLiteral("workspace"), store.path()},
                      {QStringLiteral("line_items"), static_cast<qint64>(stats.lineItems)},
                      {QStringLiteral("resources"), stats.resources},
                      {QStringLiteral("runs"), stats.runs},
                      {QStringLiteral("billed_cost"), total},
                      {QStringLiteral("currency"), QStringLiteral("USD")}};
        out << QJsonDocument(o).toJson(QJsonDocument::Indented);
    } else {
        out << "Demo workspace written to " << store.path() << '\n'
            << stats.lineItems << " line items, " << stats.resources << " resources, " << stats.runs
            << " ML runs, " << total << " USD billed\n";
    }
    return 0;
}

int runSummary(const Args &a, QTextStream &out, QTextStream &err)
{
    std::optional<store::Dimension> dim;
    QString tagKey;
    store::Granularity gran = store::Granularity::Total;
    for (const QString &by : a.values(QStringLiteral("by"))) {
        if (by == u"day" || by == u"month") {
            gran = by == u"day" ? store::Granularity::Day : store::Granularity::Month;
            continue;
        }
        std::optional<store::Dimension> d;
        if (by.startsWith(QStringLiteral("tag:")) && by.size() > 4) {
            d = store::Dimension::Tag;
            tagKey = by.mid(4);
        } else {
            d = store::dimensionFromName(by);
            if (d == store::Dimension::Tag)
                d.reset(); // "tag" needs a key
        }
        if (!d) {
            err << "costscope: summary: unknown --by '" << by
                << "' (provider, account, service, region, resource, tag:KEY, day, month)\n";
            return 2;
        }
        if (dim) {
            err << "costscope: summary: group by one dimension at a time, plus day or month\n";
            return 2;
        }
        dim = d;
    }
    // Options are checked before the workspace is opened (or created).
    QDate from, to;
    if (a.has(QStringLiteral("from")) && !parseDate(a.value(QStringLiteral("from")), &from)) {
        err << "costscope: summary: --from must be a date YYYY-MM-DD\n";
        return 2;
    }
    if (a.has(QStringLiteral("to")) && !parseDate(a.value(QStringLiteral("to")), &to)) {
        err << "costscope: summary: --to must be a date YYYY-MM-DD\n";
        return 2;
    }
    if (from.isValid() && to.isValid() && to <= from) {
        err << "costscope: summary: --to must be after --from\n";
        return 2;
    }
    QString currency;
    if (a.has(QStringLiteral("currency"))) {
        currency = normalizedCurrencyCode(a.value(QStringLiteral("currency")));
        if (currency.isEmpty()) {
            err << "costscope: summary: --currency must be a three-letter currency code\n";
            return 2;
        }
    }
    store::CostStore store;
    if (!openStore(store, a, err))
        return 1;
    store::CostQuery query(store);
    const store::DataRange range = query.dataRange();
    if (!to.isValid())
        to = range.isEmpty() ? QDate::currentDate().addDays(1) : range.last.addDays(1);
    if (!from.isValid())
        from = range.isEmpty() ? QDate(to.year(), to.month(), 1) : QDate(range.last.year(), range.last.month(), 1);
    if (to <= from) {
        err << "costscope: summary: --to must be after --from\n";
        return 2;
    }
    store::CostQuerySpec spec;
    spec.from = from;
    spec.to = to;
    spec.groupBy = dim;
    spec.groupTagKey = tagKey;
    spec.granularity = gran;
    // As the Dashboard and the Cost Explorer: every currency converted to the one asked (default:
    // the main one) with each month's rate; a cell with no rate stays in its own currency, out of
    // the total, in a row of its own and named (a single-currency workspace reads as before).
    spec.displayCurrency = currency.isEmpty() ? query.mainCurrency() : currency;
    QString error;
    const store::CostSeries s = query.aggregate(spec, &error);
    if (!error.isEmpty()) {
        err << "costscope: summary: " << error << '\n';
        return 1;
    }
    auto periodText = [&](const QDate &d) -> QString {
        return gran == store::Granularity::Month ? d.toString(QStringLiteral("yyyy-MM")) : d.toString(Qt::ISODate);
    };
    const QString groupHeader = dim ? (dim == store::Dimension::Tag ? tagKey : store::dimensionName(*dim)) : QString();

    if (a.format == u"json") {
        QJsonArray rows;
        for (const store::CostGroup &g : s.groups) {
            for (size_t b = 0; b < s.buckets.size(); ++b) {
                if (gran != store::Granularity::Total && g.nanos[b] == 0)
                    continue;
                QJsonObject row;
                if (gran != store::Granularity::Total)
                    row.insert(QStringLiteral("period"), periodText(s.buckets[b]));
                if (dim) {
                    row.insert(QStringLiteral("group"), g.label);
                    row.insert(QStringLiteral("key"), g.key);
                }
                row.insert(QStringLiteral("cost"), Money::fromNanos(g.nanos[b]).toString(2));
                row.insert(QStringLiteral("currency"), g.currency.isEmpty() ? s.currency : g.currency);
                if (!g.currency.isEmpty())
                    row.insert(QStringLiteral("converted"), false); // no rate: outside the total
                rows.append(row);
            }
        }
        QJsonObject o{{QStringLiteral("from"), from.toString(Qt::ISODate)},
                      {QStringLiteral("to"), to.toString(Qt::ISODate)},
                      {QStringLiteral("currency"), s.currency},
                      {QStringLiteral("total"), Money::fromNanos(s.total).toString(2)},
                      {QStringLiteral("rows"), rows}};
        if (dim)
            o.insert(QStringLiteral("by"), groupHeader);
        if (!s.otherCurrencies.isEmpty())
            o.insert(QStringLiteral("excluded_currencies"), QJsonArray::fromStringList(s.otherCurrencies));
        if (!s.unconverted.empty()) {
            o.insert(QStringLiteral("unconverted"), unconvertedJson(s.unconverted));
        }
        out << QJsonDocument(o).toJson(QJsonDocument::Indented);
        return 0;
    }

    QStringList header;
    if (gran != store::Granularity::Total)
        header << QStringLiteral("period");
    if (dim)
        header << groupHeader;
    header << QStringLiteral("cost") << QStringLiteral("currency");
    TextTable table(header);
    // Rows ordered by period, then by group size.
    for (size_t b = 0; b < s.buckets.size(); ++b) {
        for (const store::CostGroup &g : s.groups) {
            if (gran != store::Granularity::Total && g.nanos[b] == 0)
                continue;
            QStringList row;
            if (gran != store::Granularity::Total)
                row << periodText(s.buckets[b]);
            if (dim)
                row << g.label;
            row << Money::fromNanos(g.nanos[b]).toString(2) << (g.currency.isEmpty() ? s.currency : g.currency);
            table.addRow(row);
        }
    }
    if (a.format == u"csv") {
        out << table.toCsv();
        return 0;
    }
    QList<int> right{static_cast<int>(header.size() - 2)};
    out << "Cost from " << from.toString(Qt::ISODate) << " to " << to.toString(Qt::ISODate) << " (exclusive)\n\n";
    out << table.toText(right);
    out << "\nTotal: " << Money::fromNanos(s.total).toString(2) << ' ' << s.currency << '\n';
    if (!s.otherCurrencies.isEmpty())
        out << "Not included (other currencies): " << s.otherCurrencies.join(QStringLiteral(", ")) << '\n';
    out << notCountedLines(s.unconverted, s.currency);
    return 0;
}

int runImport(const Args &a, QTextStream &out, QTextStream &err)
{
    if (a.positional.isEmpty()) {
        err << "costscope: import: name at least one file or folder\n";
        return 2;
    }
    const QString workspace = a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace;
    import::FileImportService service;
    const std::vector<ImportFileReport> reports = service.importPaths(workspace, a.positional, {}, {});
    int failed = 0;
    QJsonArray files;
    for (const ImportFileReport &r : reports) {
        if (!r.ok)
            ++failed;
        if (a.format == u"json") {
            QJsonArray totals;
            for (const auto &t : r.totalsByAccount)
                totals.append(QJsonObject{{QStringLiteral("billing_account"), t.first},
                                          {QStringLiteral("billed_cost"), t.second},
                                          {QStringLiteral("currency"), r.currency}});
            QJsonObject o{{QStringLiteral("path"), r.path},
                          {QStringLiteral("ok"), r.ok},
                          {QStringLiteral("unchanged"), r.unchanged},
                          {QStringLiteral("format"), r.format},
                          {QStringLiteral("rows"), static_cast<qint64>(r.rows)},
                          {QStringLiteral("bytes"), static_cast<qint64>(r.bytes)},
                          {QStringLiteral("period_start"), r.periodStart.toString(Qt::ISODate)},
                          {QStringLiteral("period_end"), r.periodEnd.toString(Qt::ISODate)},
                          {QStringLiteral("currency"), r.currency},
                          {QStringLiteral("totals"), totals},
                          {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)}};
            if (!r.ok)
                o.insert(QStringLiteral("error"), r.error);
            files.append(o);
            continue;
        }
        if (!r.ok) {
            err << "costscope: import: " << r.error << '\n';
            continue;
        }
        out << r.path << ": ";
        if (r.unchanged) {
            out << "already imported; nothing changed\n";
            continue;
        }
        out << r.format << ", " << r.rows << " rows, billing period " << r.periodStart.toString(Qt::ISODate)
            << " to " << r.periodEnd.toString(Qt::ISODate) << " (exclusive)\n";
        for (const auto &t : r.totalsByAccount)
            out << "  account " << (t.first.isEmpty() ? QStringLiteral("(none)") : t.first) << ": " << t.second << ' '
                << r.currency << '\n';
        for (const QString &w : r.warnings)
            out << "  warning: " << w << '\n';
    }
    if (a.format == u"json")
        out << QJsonDocument(QJsonObject{{QStringLiteral("workspace"), workspace},
                                         {QStringLiteral("failed"), failed},
                                         {QStringLiteral("files"), files}})
                   .toJson(QJsonDocument::Indented);
    return failed > 0 ? 1 : 0;
}

int runCatalog(const Args &a, QTextStream &out, QTextStream &err)
{
    return runCatalogCommand(a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace, a.positional, a.options,
                             out, err);
}

int runRecommendations(const Args &a, QTextStream &out, QTextStream &err)
{
    const QString path = a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace;
    return runRecommendationsCommand(path, a.format, a.positional, a.options, out, err);
}

int runResources(const Args &a, QTextStream &out, QTextStream &err)
{
    QString currency;
    if (a.has(QStringLiteral("currency"))) {
        currency = normalizedCurrencyCode(a.value(QStringLiteral("currency")));
        if (currency.isEmpty()) {
            err << "costscope: resources: --currency must be a three-letter currency code\n";
            return 2;
        }
    }
    const QString path = a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace;
    return runResourcesCommand(path, a.format, a.value(QStringLiteral("provider")),
                               QDateTime::currentSecsSinceEpoch(), out, err, currency);
}

int runAnalysisVerb(const Args &a, QTextStream &out, QTextStream &err)
{
    const CommandOptions o{a.workspace, a.format, a.options};
    return a.verb == u"anomalies" ? runAnomaliesCommand(o, out, err) : runForecastCommand(o, out, err);
}

int runAllocationVerb(const Args &a, QTextStream &out, QTextStream &err)
{
    return runAllocationCommand(CommandOptions{a.workspace, a.format, a.options}, a.positional, out, err);
}

int runReportVerb(const Args &a, QTextStream &out, QTextStream &err)
{
    return runReportCommand(CommandOptions{a.workspace, a.format, a.options}, QDateTime::currentDateTimeUtc().date(),
                            out, err);
}

int runBudgetsVerb(const Args &a, QTextStream &out, QTextStream &err)
{
    const CommandOptions o{a.workspace, a.format, a.options};
    return runBudgetsCommand(o, QDateTime::currentDateTimeUtc().date(), QDateTime::currentSecsSinceEpoch(), out, err);
}

// `export --csv FILE --view NAME`: the CSV of the verb behind the view (the very function that
// prints `--format csv`), written to FILE atomically (QSaveFile: FILE is untouched on failure).
int runExport(const Args &a, QTextStream &out, QTextStream &err)
{
    static const std::map<QString, QString> views = {
        {QStringLiteral("dashboard"), QStringLiteral("summary")},
        {QStringLiteral("explorer"), QStringLiteral("summary")},
        {QStringLiteral("resources"), QStringLiteral("resources")},
        {QStringLiteral("recommendations"), QStringLiteral("recommendations")},
        {QStringLiteral("budgets"), QStringLiteral("budgets")},
        {QStringLiteral("anomalies"), QStringLiteral("anomalies")},
        {QStringLiteral("forecast"), QStringLiteral("forecast")},
    };
    const QString viewList = QStringLiteral("dashboard, explorer, resources, recommendations, budgets, anomalies, forecast");
    const QString view = a.value(QStringLiteral("view"));
    const auto it = views.find(view);
    if (it == views.end()) {
        err << "costscope: export: unknown view '" << view << "' (" << viewList << ")\n";
        return 2;
    }
    const QString file = a.value(QStringLiteral("csv"));
    if (file.isEmpty()) {
        err << "costscope: export: --csv FILE is required\n";
        return 2;
    }
    Args sub = a;
    sub.verb = it->second;
    sub.format = QStringLiteral("csv");
    sub.options.erase(QStringLiteral("csv"));
    sub.options.erase(QStringLiteral("view"));
    // The Dashboard's table: month to date (summary's default range) by provider unless --by says otherwise.
    if (view == u"dashboard" && !sub.has(QStringLiteral("by")))
        sub.options.emplace(QStringLiteral("by"), QStringLiteral("provider"));
    QString csv;
    QTextStream buffer(&csv);
    int rc = 0;
    if (sub.verb == u"summary")
        rc = runSummary(sub, buffer, err);
    else if (sub.verb == u"resources")
        rc = runResources(sub, buffer, err);
    else if (sub.verb == u"recommendations")
        rc = runRecommendations(sub, buffer, err);
    else if (sub.verb == u"budgets")
        rc = runBudgetsVerb(sub, buffer, err);
    else
        rc = runAnalysisVerb(sub, buffer, err);
    buffer.flush();
    if (rc != 0)
        return rc;
    QSaveFile f(file);
    const QByteArray bytes = csv.toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        err << "costscope: export: cannot write " << file << ": " << f.errorString() << '\n';
        return 1;
    }
    out << "Exported view " << view << " to " << file << " (" << bytes.size() << " bytes)\n";
    return 0;
}

// The options each verb reads (besides --workspace, --format, --help, --version) and whether it
// takes arguments that are not options. A verb that reads a new option lists it here: anything
// else is refused before the workspace is opened, so a typo (--fromat) never runs the verb.
struct VerbOptions
{
    QStringList options;
    bool positional = false;
};

QStringList summaryOptions()
{
    return {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("by"), QStringLiteral("currency")};
}

const std::map<QString, VerbOptions> &verbOptions()
{
    static const std::map<QString, VerbOptions> table = [] {
        auto l = [](std::initializer_list<const char *> names) {
            QStringList out;
            for (const char *n : names)
                out << QString::fromLatin1(n);
            return out;
        };
        std::map<QString, VerbOptions> t;
        t[QStringLiteral("demo")] = {l({"seed", "months", "end", "scale"}), false};
        t[QStringLiteral("summary")] = {summaryOptions(), false};
        t[QStringLiteral("import")] = {{}, true};
        t[QStringLiteral("resources")] = {l({"provider", "currency"}), false};
        t[QStringLiteral("recommendations")] = {l({"module", "all", "currency"}), true};
        t[QStringLiteral("catalog")] = {l({"provider", "endpoint", "account"}), true};
        t[QStringLiteral("anomalies")] = {l({"from", "to", "window", "threshold", "method", "currency"}), false};
        t[QStringLiteral("forecast")] = {l({"as-of", "months", "provider", "account", "service", "currency"}), false};
        t[QStringLiteral("allocation")] = {l({"from", "to", "currency"}), true};
        t[QStringLiteral("budgets")] = {l({"month", "list", "currency"}), false};
        t[QStringLiteral("report")] = {l({"pdf", "month", "currency", "language"}), false};
        t[QStringLiteral("sync")] = {l({"account", "from", "to"}), false};
        t[QStringLiteral("runs")] = {{}, true};
        t[QStringLiteral("tracking-server")] = {l({"port", "token-env"}), false};
        t[QStringLiteral("leaderboard")] = {l({"experiment", "primary", "direction", "aggregation", "target",
                                               "secondary", "min", "max", "group-by-param", "group-by-tag",
                                               "datasets", "min-datasets", "currency"}),
                                            false};
        t[QStringLiteral("sweep")] = {l({"experiment", "param", "instance-type", "minutes", "budget", "name",
                                         "command", "hourly-price", "tracking-uri", "script", "save"}),
                                      true};
        // accounts add: the common fields and every provider form's field as --<key with dashes>.
        QStringList accounts = l({"provider", "name", "endpoint", "region", "scope", "billing-table",
                                  "billing-account", "months", "role-arn"});
        for (const QString &provider : providers::supportedProviders())
            for (const AccountField &f : providers::accountForm(provider).fields)
                if (!f.secret && !accounts.contains(QString(f.key).replace(u'_', u'-')))
                    accounts << QString(f.key).replace(u'_', u'-');
        t[QStringLiteral("accounts")] = {accounts, true};
        return t;
    }();
    return table;
}

// The options of `export --view NAME`: its own and those of the verb behind the view.
QStringList exportOptions(const QString &view)
{
    QStringList out{QStringLiteral("csv"), QStringLiteral("view")};
    static const std::map<QString, QString> verbOf = {
        {QStringLiteral("dashboard"), QStringLiteral("summary")},   {QStringLiteral("explorer"), QStringLiteral("summary")},
        {QStringLiteral("resources"), QStringLiteral("resources")}, {QStringLiteral("recommendations"), QStringLiteral("recommendations")},
        {QStringLiteral("budgets"), QStringLiteral("budgets")},     {QStringLiteral("anomalies"), QStringLiteral("anomalies")},
        {QStringLiteral("forecast"), QStringLiteral("forecast")},
    };
    if (auto it = verbOf.find(view); it != verbOf.end())
        out << verbOptions().at(it->second).options;
    return out;
}

// "costscope import: unknown option --fromat (see costscope import --help)", or empty when the
// verb reads every option given and takes its arguments.
QString checkVerbOptions(const Args &a)
{
    QStringList allowed;
    bool positional = false;
    if (a.verb == u"export") {
        allowed = exportOptions(a.value(QStringLiteral("view")));
    } else {
        const auto it = verbOptions().find(a.verb);
        if (it == verbOptions().end())
            return {};
        allowed = it->second.options;
        positional = it->second.positional;
    }
    for (const auto &option : a.options)
        if (!allowed.contains(option.first))
            return QStringLiteral("costscope %1: unknown option --%2 (see costscope %1 --help)").arg(a.verb, option.first);
    if (!positional && !a.positional.isEmpty())
        return QStringLiteral("costscope %1: unexpected argument '%2' (see costscope %1 --help)")
            .arg(a.verb, a.positional.first());
    return {};
}

} // namespace

bool isCommandLineInvocation(const QStringList &arguments)
{
    for (const QString &a : arguments) {
        if (a == u"--version" || a == u"--help" || a == u"-h" || a == u"help")
            return true;
    }
    const Args a = parse(arguments);
    return !a.verb.isEmpty();
}

int runCommandLine(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QTextStream in(stdin);
    return runCommandLine(arguments, in, out, err);
}

int runCommandLine(const QStringList &arguments, QTextStream &in, QTextStream &out, QTextStream &err)
{
    const Args a = parse(arguments);
    if (a.has(QStringLiteral("version"))) {
        out << "costscope " << COSTSCOPE_VERSION << '\n';
        return 0;
    }
    if (a.has(QStringLiteral("help")) || arguments.contains(QStringLiteral("-h")) || a.verb == u"help") {
        out << usage() << "\nCloud accounts:\n" << syncUsage() << "\nRecommendations:\n" << recommendationsUsage();
        return 0;
    }
    if (!a.error.isEmpty()) {
        err << "costscope: " << a.error << '\n';
        return 2;
    }
    if (const QString bad = checkVerbOptions(a); !bad.isEmpty()) {
        err << bad << '\n';
        return 2;
    }
    static const std::map<QString, std::function<int(const Args &, QTextStream &, QTextStream &)>> verbs = {
        {QStringLiteral("demo"), runDemo},
        {QStringLiteral("summary"), runSummary},
        {QStringLiteral("import"), runImport},
        {QStringLiteral("resources"), runResources},
        {QStringLiteral("recommendations"), runRecommendations},
        {QStringLiteral("catalog"), runCatalog},
        {QStringLiteral("anomalies"), runAnalysisVerb},
        {QStringLiteral("forecast"), runAnalysisVerb},
        {QStringLiteral("allocation"), runAllocationVerb},
        {QStringLiteral("budgets"), runBudgetsVerb},
        {QStringLiteral("report"), runReportVerb},
        {QStringLiteral("export"), runExport},
    };
    if (a.verb == u"accounts" || a.verb == u"sync") {
        const SyncCommandArgs s{a.workspace, a.format, a.positional, a.options};
        return a.verb == u"sync" ? runSyncCommand(s, out, err) : runAccountsCommand(s, in, out, err);
    }
    if (a.verb == u"runs")
        return runRunsCommand(a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace, a.format, a.positional,
                              out, err);
    if (a.verb == u"tracking-server")
        return runTrackingServerCommand(a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace, a.options,
                                        out, err);
    if (a.verb == u"leaderboard")
        return runLeaderboardCommand(a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace, a.format,
                                     a.options, out, err);
    if (a.verb == u"sweep")
        return runSweepCommand(a.workspace.isEmpty() ? defaultWorkspacePath() : a.workspace, a.format, a.positional,
                               a.options, out, err);
    auto it = verbs.find(a.verb);
    if (it == verbs.end()) {
        err << "costscope: unknown verb '" << a.verb << "'; try costscope --help\n";
        return 2;
    }
    return it->second(a, out, err);
}

} // namespace costscope::app
