#include "app/AnalysisCommands.h"

#include "app/TextTable.h"
#include "app/Unconverted.h"
#include "app/Workspace.h"
#include "model/CurrencyRates.h"
#include "model/Money.h"
#include "model/analysis/AnomalyReport.h"
#include "model/analysis/Forecast.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace costscope::app {

namespace {

QString value(const CommandOptions &o, const QString &name)
{
    auto it = o.options.find(name);
    return it == o.options.end() ? QString() : it->second;
}

bool has(const CommandOptions &o, const QString &name) { return o.options.count(name) > 0; }

bool parseDate(const QString &text, QDate *out)
{
    *out = QDate::fromString(text, Qt::ISODate);
    return out->isValid() && text.size() == 10;
}

bool openStore(store::CostStore &store, const CommandOptions &o, QTextStream &err)
{
    const QString path = o.workspace.isEmpty() ? defaultWorkspacePath() : o.workspace;
    QString error;
    if (!store.open(path, &error)) {
        err << "costscope: " << error << '\n';
        return false;
    }
    return true;
}

QString money(int64_t nanos) { return Money::fromNanos(nanos).toString(2); }

QString amountText(const analysis::Anomaly &a, int64_t v)
{
    return a.metric == analysis::AnomalyMetric::Cost ? money(v) : QString::number(v);
}

QString percentText(double p) { return QString::number(p, 'f', 1); }

// --currency CODE: false (with the message) when it is not a currency code; empty when absent.
bool currencyOption(const CommandOptions &o, const char *verb, QString *currency, QTextStream &err)
{
    if (!has(o, QStringLiteral("currency")))
        return true;
    *currency = normalizedCurrencyCode(value(o, QStringLiteral("currency")));
    if (currency->isEmpty()) {
        err << "costscope: " << verb << ": --currency must be a three-letter currency code\n";
        return false;
    }
    return true;
}

// The amounts left out for want of a rate, as one line of text (JSON: unconvertedJson).
QString unconvertedText(const std::vector<store::UnconvertedAmount> &list, const QString &currency)
{
    QStringList parts;
    for (const store::UnconvertedAmount &u : list) {
        QStringList months;
        for (const QDate &m : u.months)
            months << m.toString(QStringLiteral("yyyy-MM"));
        parts << QStringLiteral("%1 %2 in %3").arg(money(u.nanos), u.currency, months.join(QStringLiteral(", ")));
    }
    return parts.isEmpty() ? QString()
                           : QStringLiteral("Left out, no rate to %1: %2\n").arg(currency, parts.join(QStringLiteral("; ")));
}

} // namespace

QString analysisUsage()
{
    return QStringLiteral(
        "  anomalies [--from D] [--to D] [--window N]       days whose cost or resource count jumped above\n"
        "            [--threshold PCT] [--method mean|mad]  the previous N days (default 7 days, 30 %),\n"
        "            [--currency CODE]                        per account, service and resource\n"
        "  forecast [--as-of D] [--months M] [--provider P]  month-end and next months' forecast with the\n"
        "           [--account A] [--service S]              error measured on held-back history\n"
        "  (--currency CODE: amounts converted to CODE with the workspace's rates; default: the main currency)\n");
}

int runAnomaliesCommand(const CommandOptions &o, QTextStream &out, QTextStream &err)
{
    analysis::AnomalyScanOptions opts;
    bool ok = true;
    if (has(o, QStringLiteral("window"))) {
        opts.detector.windowDays = value(o, QStringLiteral("window")).toInt(&ok);
        if (!ok || opts.detector.windowDays < 1 || opts.detector.windowDays > 90) {
            err << "costscope: anomalies: --window must be a number of days between 1 and 90\n";
            return 2;
        }
    }
    if (has(o, QStringLiteral("threshold"))) {
        opts.detector.thresholdPercent = value(o, QStringLiteral("threshold")).toDouble(&ok);
        if (!ok || opts.detector.thresholdPercent < 0) {
            err << "costscope: anomalies: --threshold must be a percentage, 0 or more\n";
            return 2;
        }
    }
    if (has(o, QStringLiteral("method"))) {
        const QString m = value(o, QStringLiteral("method"));
        if (m == u"mean") {
            opts.detector.baseline = analysis::Baseline::Mean;
        } else if (m == u"mad" || m == u"median") {
            opts.detector.baseline = analysis::Baseline::MedianMad;
        } else {
            err << "costscope: anomalies: --method must be mean or mad\n";
            return 2;
        }
    }
    if (has(o, QStringLiteral("from")) && !parseDate(value(o, QStringLiteral("from")), &opts.from)) {
        err << "costscope: anomalies: --from must be a date YYYY-MM-DD\n";
        return 2;
    }
    if (has(o, QStringLiteral("to")) && !parseDate(value(o, QStringLiteral("to")), &opts.to)) {
        err << "costscope: anomalies: --to must be a date YYYY-MM-DD\n";
        return 2;
    }
    if (opts.from.isValid() && opts.to.isValid() && opts.to <= opts.from) {
        err << "costscope: anomalies: --to must be after --from\n";
        return 2;
    }
    if (!currencyOption(o, "anomalies", &opts.currency, err))
        return 2;
    store::CostStore store;
    if (!openStore(store, o, err))
        return 1;
    const analysis::AnomalyReport r = analysis::findAnomalies(store, opts);
    if (!r.error.isEmpty()) {
        err << "costscope: anomalies: " << r.error << '\n';
        return 1;
    }
    const QString method = opts.detector.baseline == analysis::Baseline::Mean ? QStringLiteral("mean")
                                                                              : QStringLiteral("median-mad");
    if (o.format == u"json") {
        QJsonArray list;
        for (const analysis::Anomaly &a : r.anomalies) {
            QJsonArray contributors;
            for (const analysis::AnomalyContributor &c : a.contributors) {
                QJsonObject co{{QStringLiteral("kind"), analysis::contributorKindName(c.kind)},
                               {QStringLiteral("key"), c.key},
                               {QStringLiteral("label"), c.label},
                               {QStringLiteral("expected"), amountText(a, c.expected)},
                               {QStringLiteral("actual"), amountText(a, c.actual)},
                               {QStringLiteral("increase"), amountText(a, c.delta())}};
                if (c.kind == analysis::AnomalyContributor::Kind::Tag)
                    co.insert(QStringLiteral("tag_key"), c.tagKey);
                if (a.metric == analysis::AnomalyMetric::ResourceCount) // costs of the resources that appeared
                    for (const char *k : {"expected", "actual", "increase"})
                        co.insert(QLatin1String(k), money(k[0] == 'e' ? c.expected : k[0] == 'a' ? c.actual : c.delta()));
                contributors.append(co);
            }
            list.append(QJsonObject{
                {QStringLiteral("day"), a.day.toString(Qt::ISODate)},
                {QStringLiteral("scope"), analysis::scopeKindName(a.scope)},
                {QStringLiteral("metric"), a.metric == analysis::AnomalyMetric::Cost ? QStringLiteral("cost")
                                                                                     : QStringLiteral("resource_count")},
                {QStringLiteral("key"), a.key},
                {QStringLiteral("label"), a.label},
                {QStringLiteral("expected"), amountText(a, a.expected)},
                {QStringLiteral("actual"), amountText(a, a.actual)},
                {QStringLiteral("change_percent"), std::round(a.changePercent * 10) / 10},
                {QStringLiteral("contributors"), contributors}});
        }
        QJsonObject doc{{QStringLiteral("from"), r.from.toString(Qt::ISODate)},
                        {QStringLiteral("to"), r.to.toString(Qt::ISODate)},
                        {QStringLiteral("currency"), r.currency},
                        {QStringLiteral("method"), method},
                        {QStringLiteral("window_days"), opts.detector.windowDays},
                        {QStringLiteral("threshold_percent"), opts.detector.thresholdPercent},
                        {QStringLiteral("min_increase"), money(r.minExcessNanos)},
                        {QStringLiteral("scopes_checked"), r.scopesChecked},
                        {QStringLiteral("unconverted"), unconvertedJson(r.unconverted)},
                        {QStringLiteral("anomalies"), list}};
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return 0;
    }
    const bool csv = o.format == u"csv";
    QStringList header{QStringLiteral("day"), QStringLiteral("scope"), QStringLiteral("metric"), QStringLiteral("name"),
                       QStringLiteral("expected"), QStringLiteral("actual"), QStringLiteral("change %"),
                       QStringLiteral("top contributor")};
    if (csv) // the currency of expected and actual; empty for a resource count
        header << QStringLiteral("currency");
    TextTable table(header);
    for (const analysis::Anomaly &a : r.anomalies) {
        QString top;
        if (!a.contributors.empty())
            top = a.contributors.front().label;
        const bool cost = a.metric == analysis::AnomalyMetric::Cost;
        QStringList row{a.day.toString(Qt::ISODate), analysis::scopeKindName(a.scope),
                        cost ? QStringLiteral("cost") : QStringLiteral("resources"), a.label,
                        amountText(a, a.expected), amountText(a, a.actual), percentText(a.changePercent), top};
        if (csv)
            row << (cost ? r.currency : QString());
        table.addRow(row);
    }
    if (o.format == u"csv") {
        out << table.toCsv();
        return 0;
    }
    out << "Anomalies from " << r.from.toString(Qt::ISODate) << " to " << r.to.toString(Qt::ISODate)
        << " (exclusive): days above the " << method << " of the previous " << opts.detector.windowDays
        << " days by more than " << opts.detector.thresholdPercent << " % (and at least " << money(r.minExcessNanos)
        << ' ' << r.currency << "); amounts in " << r.currency << "\n"
        << unconvertedText(r.unconverted, r.currency) << '\n';
    out << table.toText({4, 5, 6});
    out << '\n' << r.anomalies.size() << " anomalies in " << r.scopesChecked << " scopes\n";
    return 0;
}

int runForecastCommand(const CommandOptions &o, QTextStream &out, QTextStream &err)
{
    QDate asOf;
    if (has(o, QStringLiteral("as-of")) && !parseDate(value(o, QStringLiteral("as-of")), &asOf)) {
        err << "costscope: forecast: --as-of must be a date YYYY-MM-DD\n";
        return 2;
    }
    int months = 3;
    if (has(o, QStringLiteral("months"))) {
        bool ok = false;
        months = value(o, QStringLiteral("months")).toInt(&ok);
        if (!ok || months < 1 || months > 12) {
            err << "costscope: forecast: --months must be between 1 and 12\n";
            return 2;
        }
    }
    store::CostQuerySpec scope;
    const std::pair<const char *, store::Dimension> filters[] = {{"provider", store::Dimension::Provider},
                                                                  {"account", store::Dimension::Account},
                                                                  {"service", store::Dimension::Service}};
    for (const auto &[name, dim] : filters) {
        QStringList values;
        auto [a, b] = o.options.equal_range(QLatin1String(name));
        for (auto it = a; it != b; ++it)
            values << it->second;
        if (!values.isEmpty())
            scope.filters.append(store::DimensionFilter{dim, {}, values});
    }
    QString currency;
    if (!currencyOption(o, "forecast", &currency, err))
        return 2;
    store::CostStore store;
    if (!openStore(store, o, err))
        return 1;
    store::CostQuery query(store);
    const store::DataRange range = query.dataRange();
    if (range.isEmpty()) {
        err << "costscope: forecast: the workspace holds no cost data\n";
        return 1;
    }
    // Every currency converted to the one asked (default: the main one); no rate: left out.
    scope.displayCurrency = currency.isEmpty() ? query.mainCurrency() : currency;
    if (!asOf.isValid() || asOf > range.last)
        asOf = range.last;
    const QDate monthStart(asOf.year(), asOf.month(), 1);
    const QDate nextMonth = monthStart.addMonths(1);
    const QDate horizonEnd = nextMonth.addMonths(months); // exclusive
    QString error;
    const analysis::Forecast f =
        analysis::forecastScope(query, scope, range.first, asOf, horizonEnd.addDays(-1), {}, &error);
    if (!error.isEmpty()) {
        err << "costscope: forecast: " << error << '\n';
        return 1;
    }
    store::CostQuerySpec mtdSpec = scope;
    mtdSpec.from = monthStart;
    mtdSpec.to = asOf.addDays(1);
    mtdSpec.granularity = store::Granularity::Total;
    const store::CostSeries mtd = query.aggregate(mtdSpec, &error);
    const int64_t rest = f.sum(asOf.addDays(1), nextMonth);
    struct Row
    {
        QString period;
        int64_t forecast, low, high;
    };
    std::vector<Row> rows;
    rows.push_back({monthStart.toString(QStringLiteral("yyyy-MM")), mtd.total + rest,
                    mtd.total + f.sumLow(asOf.addDays(1), nextMonth), mtd.total + f.sumHigh(asOf.addDays(1), nextMonth)});
    for (QDate m = nextMonth; m < horizonEnd; m = m.addMonths(1)) {
        const QDate e = m.addMonths(1);
        rows.push_back({m.toString(QStringLiteral("yyyy-MM")), f.sum(m, e), f.sumLow(m, e), f.sumHigh(m, e)});
    }
    const QString method =
        QStringLiteral("weekday means of the last %1 days, trend %2 %/day").arg(f.historyDays).arg(f.dailyGrowth * 100, 0, 'f', 3);
    if (o.format == u"json") {
        QJsonArray list;
        for (const Row &r : rows)
            list.append(QJsonObject{{QStringLiteral("month"), r.period},
                                    {QStringLiteral("forecast"), money(r.forecast)},
                                    {QStringLiteral("low"), money(r.low)},
                                    {QStringLiteral("high"), money(r.high)}});
        QJsonObject doc{{QStringLiteral("as_of"), asOf.toString(Qt::ISODate)},
                        {QStringLiteral("currency"), mtd.currency},
                        {QStringLiteral("method"), method},
                        {QStringLiteral("daily_growth"), f.dailyGrowth},
                        {QStringLiteral("held_back_daily_error"), f.dailyError},
                        {QStringLiteral("held_back_total_error"), f.totalError},
                        {QStringLiteral("held_back_periods"), f.backtestsRun},
                        {QStringLiteral("month_to_date"), money(mtd.total)},
                        {QStringLiteral("unconverted"), unconvertedJson(mtd.unconverted)},
                        {QStringLiteral("month_end"), money(rows.front().forecast)},
                        {QStringLiteral("months"), list}};
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
        return 0;
    }
    TextTable table({QStringLiteral("month"), QStringLiteral("forecast"), QStringLiteral("low"), QStringLiteral("high")});
    for (const Row &r : rows)
        table.addRow({r.period, money(r.forecast), money(r.low), money(r.high)});
    if (o.format == u"csv") {
        out << table.toCsv();
        return 0;
    }
    out << "Forecast as of " << asOf.toString(Qt::ISODate) << " in " << mtd.currency << " (" << method << ")\n"
        << "Error on " << f.backtestsRun << " held-back periods of " << f.options.holdBackDays
        << " days: " << percentText(f.totalError * 100) << " % on the total, " << percentText(f.dailyError * 100)
        << " % per day\n"
        << "Month to date: " << money(mtd.total) << '\n' << unconvertedText(mtd.unconverted, mtd.currency) << '\n';
    out << table.toText({1, 2, 3});
    return 0;
}

} // namespace costscope::app
