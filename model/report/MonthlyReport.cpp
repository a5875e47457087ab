#include "model/report/MonthlyReport.h"

#include "model/analysis/AnomalyReport.h"
#include "model/analysis/Budgets.h"
#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cstdlib>

namespace costscope::report {

namespace {

// Declared like a class so that lupdate files these strings under the context used at run time
// (the PDF and the window's progress show them; the command line installs no translator unless
// `costscope report --language` asks for one).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::report::MonthlyReport)
};

void report(const ProgressFn &progress, double fraction, const QString &message)
{
    if (progress)
        progress(fraction, message);
}

// Adds `more` to `into`, one entry per currency, months merged in order.
void mergeUnconverted(std::vector<store::UnconvertedAmount> *into, const std::vector<store::UnconvertedAmount> &more)
{
    for (const store::UnconvertedAmount &u : more) {
        auto it = std::find_if(into->begin(), into->end(),
                               [&u](const store::UnconvertedAmount &x) { return x.currency == u.currency; });
        if (it == into->end()) {
            into->push_back(u);
            continue;
        }
        it->nanos += u.nanos;
        for (const QDate &m : u.months)
            if (!it->months.contains(m))
                it->months.append(m);
        std::sort(it->months.begin(), it->months.end());
    }
    std::sort(into->begin(), into->end(), [](const store::UnconvertedAmount &a, const store::UnconvertedAmount &b) {
        return a.currency < b.currency;
    });
}

// This month against the month before, per value of one dimension, every currency converted to
// `currency`; groups with no rate (CostGroup::currency set) are left out (the report names them).
std::vector<ReportLine> breakdown(const store::CostQuery &query, store::Dimension dim, const QDate &from,
                                  const QDate &to, const QDate &prevFrom, const QDate &prevTo,
                                  const QString &currency)
{
    store::CostQuerySpec spec;
    spec.groupBy = dim;
    spec.granularity = store::Granularity::Total;
    spec.displayCurrency = currency;
    spec.from = from;
    spec.to = to;
    const store::CostSeries now = query.aggregate(spec).withoutUnconverted();
    spec.from = prevFrom;
    spec.to = prevTo;
    const store::CostSeries before = query.aggregate(spec).withoutUnconverted();
    std::vector<ReportLine> lines;
    QHash<QString, size_t> index;
    for (const store::CostGroup &g : now.groups) {
        index.insert(g.key, lines.size());
        lines.push_back(ReportLine{g.key, g.label, g.total, 0});
    }
    for (const store::CostGroup &g : before.groups) {
        auto it = index.find(g.key);
        if (it != index.end()) {
            lines[*it].previous = g.total;
        } else {
            index.insert(g.key, lines.size());
            lines.push_back(ReportLine{g.key, g.label, 0, g.total});
        }
    }
    std::stable_sort(lines.begin(), lines.end(), [](const ReportLine &a, const ReportLine &b) {
        if (a.current != b.current)
            return a.current > b.current;
        return a.previous > b.previous;
    });
    return lines;
}

} // namespace

QString changeText(int64_t previous, int64_t current)
{
    if (previous == 0)
        return current == 0 ? QStringLiteral("0.0%") : Text::tr("new");
    const double p = (static_cast<double>(current) - static_cast<double>(previous)) * 100.0
                     / std::abs(static_cast<double>(previous));
    return (p >= 0 ? QStringLiteral("+") : QString()) + QString::number(p, 'f', 1) + u'%';
}

MonthlyReport buildMonthlyReport(store::CostStore &store, const MonthlyReportOptions &options,
                                 const ProgressFn &progress)
{
    MonthlyReport r;
    const QDate today = options.today.isValid() ? options.today : QDateTime::currentDateTimeUtc().date();
    const int64_t now = options.now > 0 ? options.now
                                        : QDateTime(today, QTime(23, 59, 59), Qt::UTC).toSecsSinceEpoch();
    r.generated = today;
    store::CostQuery query(store);
    const store::DataRange range = query.dataRange();
    if (range.isEmpty()) {
        r.error = Text::tr("the workspace holds no cost data");
        return r;
    }
    QDate anyDay = options.month.isValid() ? options.month : std::min(range.last, today);
    r.month = QDate(anyDay.year(), anyDay.month(), 1);
    const QDate monthEnd = r.month.addMonths(1); // exclusive
    const QDate prevFrom = r.month.addMonths(-1);
    const QString mainCurrency = query.mainCurrency();
    r.currency = options.currency.isEmpty() ? mainCurrency : options.currency;
    const CurrencyRates rates = store::CurrencyRateStore(store).load();
    // An amount of `from` at the rate of the report's month; nullopt without a rate.
    const auto convert = [&](int64_t nanos, const QString &from) -> std::optional<int64_t> {
        if (from.isEmpty() || from == r.currency)
            return nanos;
        const std::optional<ExchangeRate> rate = rates.rateForMonth(from, r.currency, r.month);
        if (!rate)
            return std::nullopt;
        const std::optional<Money> m = rate->convert(Money::fromNanos(nanos));
        if (!m)
            return std::nullopt;
        return m->nanos();
    };
    const QDate lastCounted = std::min({range.last, today, monthEnd.addDays(-1)});
    r.asOf = lastCounted >= r.month ? lastCounted : QDate();
    const QDate to = r.asOf.isValid() ? r.asOf.addDays(1) : r.month; // exclusive
    report(progress, 0.05, Text::tr("Totals"));

    store::CostQuerySpec spec;
    spec.granularity = store::Granularity::Day;
    spec.displayCurrency = r.currency;
    spec.from = r.month;
    spec.to = to;
    if (to > r.month) {
        const store::CostSeries daily = query.aggregate(spec);
        r.total = daily.total;
        r.otherCurrencies = daily.otherCurrencies;
        mergeUnconverted(&r.unconverted, daily.unconverted);
        r.daily.assign(static_cast<size_t>(r.month.daysTo(to)), 0);
        for (size_t i = 0; i < daily.buckets.size(); ++i) {
            const qint64 d = r.month.daysTo(daily.buckets[i]);
            if (d >= 0 && d < static_cast<qint64>(r.daily.size()))
                r.daily[static_cast<size_t>(d)] = daily.bucketTotals()[i];
        }
    }
    spec.granularity = store::Granularity::Total;
    spec.from = prevFrom;
    spec.to = r.month;
    const store::CostSeries previous = query.aggregate(spec);
    r.previousTotal = previous.total;
    mergeUnconverted(&r.unconverted, previous.unconverted);
    spec.to = std::min(r.month, prevFrom.addDays(static_cast<int>(r.daily.size())));
    r.previousSameDays = spec.to > spec.from ? query.aggregate(spec).total : 0;

    report(progress, 0.2, Text::tr("Breakdowns"));
    r.providers = breakdown(query, store::Dimension::Provider, r.month, to, prevFrom, r.month, r.currency);
    r.accounts = breakdown(query, store::Dimension::Account, r.month, to, prevFrom, r.month, r.currency);
    r.services = breakdown(query, store::Dimension::Service, r.month, to, prevFrom, r.month, r.currency);
    int accountsWithCost = 0;
    for (const ReportLine &l : r.accounts)
        accountsWithCost += l.current != 0 ? 1 : 0;
    int providersWithCost = 0;
    for (const ReportLine &l : r.providers)
        providersWithCost += l.current != 0 ? 1 : 0;
    const int servicesWithCost = static_cast<int>(
        std::count_if(r.services.begin(), r.services.end(), [](const ReportLine &l) { return l.current != 0; }));
    r.scope = Text::tr("All accounts: %1 providers, %2 accounts, %3 services")
                  .arg(providersWithCost)
                  .arg(accountsWithCost)
                  .arg(servicesWithCost);

    // Top movers: services and accounts, by the size of their change against the whole month before.
    for (const ReportLine &l : r.services)
        r.movers.push_back(ReportLine{l.key, Text::tr("Service: %1").arg(l.label), l.current, l.previous});
    for (const ReportLine &l : r.accounts)
        r.movers.push_back(ReportLine{l.key, Text::tr("Account: %1").arg(l.label), l.current, l.previous});
    std::stable_sort(r.movers.begin(), r.movers.end(), [](const ReportLine &a, const ReportLine &b) {
        return std::abs(a.delta()) > std::abs(b.delta());
    });
    if (r.movers.size() > static_cast<size_t>(options.maxMovers))
        r.movers.resize(static_cast<size_t>(options.maxMovers));

    report(progress, 0.35, Text::tr("Anomalies"));
    if (to > r.month) {
        analysis::AnomalyScanOptions scan;
        scan.from = r.month;
        scan.to = to;
        scan.currency = r.currency;
        const analysis::AnomalyReport anomalies = analysis::findAnomalies(store, scan);
        for (const analysis::Anomaly &a : anomalies.anomalies) {
            if (a.metric != analysis::AnomalyMetric::Cost)
                continue;
            r.anomalies.push_back(ReportAnomaly{analysis::scopeKindName(a.scope), a.label, a.day, a.expected,
                                                a.actual, a.changePercent});
            if (r.anomalies.size() >= static_cast<size_t>(options.maxAnomalies))
                break;
        }
    }

    report(progress, 0.7, Text::tr("Recommendations"));
    if (options.recommendations) {
        for (ReportRecommendation &item : options.recommendations()) {
            const std::optional<int64_t> saving = convert(item.saving, item.currency);
            if (!saving) {
                ++r.recommendationsWithoutRate;
                continue;
            }
            item.saving = *saving;
            item.currency = r.currency;
            r.recommendationSavings += item.saving;
            r.recommendations.push_back(std::move(item));
        }
    }
    std::stable_sort(r.recommendations.begin(), r.recommendations.end(),
                     [](const ReportRecommendation &a, const ReportRecommendation &b) { return a.saving > b.saving; });

    report(progress, 0.8, Text::tr("Budgets"));
    analysis::BudgetReport budgets = analysis::computeBudgets(store, r.month, today, now);
    r.budgetCurrency = budgets.currency;
    if (budgets.error.isEmpty() && !budgets.pools.empty() && budgets.currency != r.currency) {
        QString conversionError;
        if (analysis::convertBudgetReport(&budgets, r.currency, rates, &conversionError))
            r.budgetCurrency = r.currency;
        else
            r.budgetNote = Text::tr("Budgets stay in %1: %2").arg(budgets.currency, conversionError);
    }
    if (r.budgetCurrency.isEmpty())
        r.budgetCurrency = r.currency;
    if (budgets.error.isEmpty()) {
        for (const analysis::PoolResult &p : budgets.pools) {
            r.budgets.push_back(ReportBudget{p.name, p.depth, p.limit, p.monthToDate, p.forecast, p.percentUsed,
                                             analysis::budgetStatusName(p.status)});
            if (p.depth == 0) {
                r.budgetLimit += p.limit;
                r.budgetMonthToDate += p.monthToDate;
                r.budgetForecast += p.forecast;
            }
        }
    }
    report(progress, 0.9, Text::tr("ML experiments"));
    if (options.mlCost) {
        // A running run ends now, and never after the day the report counts up to.
        const int64_t nowMs = std::min(static_cast<int64_t>(QDateTime::currentMSecsSinceEpoch()), now * 1000 + 999);
        r.ml = options.mlCost(r.month, monthEnd, nowMs);
    }
    // The runs' costs come in their own currency (ReportMlCost::currency, the Experiments tab's:
    // every part already converted with its month's rate); empty: the main currency, converted
    // at the month's rate.
    r.mlCurrency = r.ml.currency.isEmpty() ? mainCurrency : r.ml.currency;
    if (r.ml.currency.isEmpty() && r.currency != mainCurrency && convert(0, mainCurrency)) {
        ReportMlCost ml = r.ml;
        bool ok = true;
        const auto conv = [&](int64_t *nanos) {
            const std::optional<int64_t> v = convert(*nanos, mainCurrency);
            ok = ok && v.has_value();
            *nanos = v.value_or(0);
        };
        conv(&ml.cost);
        for (ReportExperiment &e : ml.experiments)
            conv(&e.cost);
        for (ReportRun &x : ml.topRuns)
            conv(&x.cost);
        if (ok) {
            r.ml = std::move(ml);
            r.mlCurrency = r.currency;
        }
    }
    report(progress, 1.0, Text::tr("Done"));
    return r;
}

} // namespace costscope::report
