#include "model/analysis/AnomalyReport.h"

#include "model/store/CostQuery.h"
#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"

#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>

#include <algorithm>
#include <map>

Q_LOGGING_CATEGORY(lcAnalysis, "costscope.analysis")

namespace costscope::analysis {

namespace {

// Declared like a class so that lupdate files these strings under the context used at run time.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::AnomalyReport)
};

// Sums rows per contributor and per day offset in [0, window] (the window, then the day).
struct Tally
{
    std::vector<int64_t> days;
    QString label;
};

void addContributors(std::map<QString, Tally> &tallies, AnomalyContributor::Kind kind, const QString &tagKey,
                     const AnomalyScanOptions &options, AnomalyMetric metric, std::vector<AnomalyContributor> &out)
{
    const int n = std::max(1, options.detector.windowDays);
    std::vector<AnomalyContributor> found;
    for (const auto &[key, t] : tallies) {
        AnomalyContributor c;
        c.kind = kind;
        c.key = key;
        c.tagKey = tagKey;
        c.label = t.label;
        int64_t windowSum = 0;
        int presentDays = 0;
        for (int k = 0; k < n; ++k) {
            windowSum += t.days[static_cast<size_t>(k)];
            if (t.days[static_cast<size_t>(k)] != 0)
                ++presentDays;
        }
        c.expected = windowSum / n;
        c.actual = t.days[static_cast<size_t>(n)];
        if (metric == AnomalyMetric::ResourceCount) {
            // The resources that appeared: cost on the day, not on every day before it.
            if (c.actual == 0 || presentDays == n)
                continue;
        } else if (c.delta() <= 0) {
            continue;
        }
        found.push_back(std::move(c));
    }
    std::sort(found.begin(), found.end(), [metric](const AnomalyContributor &a, const AnomalyContributor &b) {
        const int64_t x = metric == AnomalyMetric::ResourceCount ? a.actual : a.delta();
        const int64_t y = metric == AnomalyMetric::ResourceCount ? b.actual : b.delta();
        if (x != y)
            return x > y;
        return a.label < b.label;
    });
    if (static_cast<int>(found.size()) > options.contributorsPerKind)
        found.resize(static_cast<size_t>(options.contributorsPerKind));
    for (AnomalyContributor &c : found)
        out.push_back(std::move(c));
}

// Converts amounts of one other currency to the report's, with the rate of each day's month.
class DayConverter
{
public:
    DayConverter(const CurrencyRates &rates, const QString &from, const QString &to) : m_rates(rates), m_from(from), m_to(to) {}

    std::optional<int64_t> convert(const QDate &day, int64_t nanos)
    {
        const int m = day.year() * 12 + day.month();
        auto it = m_rate.constFind(m);
        if (it == m_rate.constEnd())
            it = m_rate.insert(m, m_rates.rateForMonth(m_from, m_to, day));
        if (!*it)
            return std::nullopt;
        const std::optional<Money> out = (*it)->convert(Money::fromNanos(nanos));
        return out ? std::optional<int64_t>(out->nanos()) : std::nullopt;
    }

private:
    const CurrencyRates &m_rates;
    QString m_from, m_to;
    QHash<int, std::optional<ExchangeRate>> m_rate;
};

// Adds the series of another currency to `into` (same range), converted day by day; what has
// no rate is left out and, once per cost (the accounts' cut), added to *missing.
void addConverted(store::ScopeSeriesSet &into, const store::ScopeSeriesSet &other, DayConverter &conv,
                  const QString &currency, std::map<QString, store::UnconvertedAmount> *missing)
{
    const auto merge = [&](std::vector<store::ScopeSeries> &dst, const std::vector<store::ScopeSeries> &src,
                           bool count) {
        QHash<QString, size_t> index;
        for (size_t i = 0; i < dst.size(); ++i)
            index.insert(dst[i].key, i);
        for (const store::ScopeSeries &s : src) {
            auto it = index.constFind(s.key);
            if (it == index.constEnd()) {
                store::ScopeSeries fresh;
                fresh.kind = s.kind;
                fresh.key = s.key;
                fresh.label = s.label;
                fresh.nanos.assign(static_cast<size_t>(into.days), 0);
                if (!s.resources.empty())
                    fresh.resources.assign(static_cast<size_t>(into.days), 0);
                dst.push_back(std::move(fresh));
                it = index.insert(s.key, dst.size() - 1);
            }
            store::ScopeSeries &d = dst[*it];
            if (!s.resources.empty() && d.resources.empty())
                d.resources.assign(static_cast<size_t>(into.days), 0);
            for (size_t i = 0; i < s.nanos.size() && i < d.nanos.size(); ++i) {
                if (i < s.resources.size())
                    d.resources[i] += s.resources[i];
                if (s.nanos[i] == 0)
                    continue;
                const QDate day = into.from.addDays(static_cast<qint64>(i));
                if (const std::optional<int64_t> v = conv.convert(day, s.nanos[i])) {
                    d.nanos[i] += *v;
                } else if (count) {
                    store::UnconvertedAmount &u = (*missing)[currency];
                    u.currency = currency;
                    u.nanos += s.nanos[i];
                    const QDate month(day.year(), day.month(), 1);
                    if (!u.months.contains(month))
                        u.months.append(month);
                }
            }
        }
    };
    merge(into.accounts, other.accounts, true);
    merge(into.services, other.services, false);
    merge(into.resources, other.resources, false);
}

void findContributors(store::AnalysisQuery &query, const QString &currency, const QStringList &others,
                      const CurrencyRates &rates, const AnomalyScanOptions &options, Anomaly &anomaly)
{
    const int n = std::max(1, options.detector.windowDays);
    const QDate first = anomaly.day.addDays(-n);
    std::vector<store::ResourceDayRow> rows =
        query.resourceRows(first, anomaly.day.addDays(1), currency, anomaly.scope, anomaly.key);
    for (const QString &c : others) {
        DayConverter conv(rates, c, currency);
        for (store::ResourceDayRow &r : query.resourceRows(first, anomaly.day.addDays(1), c, anomaly.scope, anomaly.key))
            if (const std::optional<int64_t> v = conv.convert(r.day, r.nanos)) {
                r.nanos = *v;
                rows.push_back(std::move(r));
            }
    }
    std::map<QString, Tally> resources, services, accounts;
    QHash<int64_t, QList<size_t>> rowsByTagSet;
    auto tally = [n](std::map<QString, Tally> &m, const QString &key, const QString &label, size_t day, int64_t v) {
        Tally &t = m[key];
        if (t.days.empty()) {
            t.days.assign(static_cast<size_t>(n + 1), 0);
            t.label = label;
        }
        t.days[day] += v;
    };
    for (size_t i = 0; i < rows.size(); ++i) {
        const store::ResourceDayRow &r = rows[i];
        const auto day = static_cast<size_t>(first.daysTo(r.day));
        const bool countMetric = anomaly.metric == AnomalyMetric::ResourceCount;
        if (anomaly.scope != store::ScopeKind::Resource && !r.resource.isEmpty())
            tally(resources, r.resource, r.resourceLabel, day, r.nanos);
        if (countMetric)
            continue;
        if (anomaly.scope != store::ScopeKind::Service)
            tally(services, r.service, r.service.isEmpty() ? Text::tr("(none)") : r.service, day, r.nanos);
        if (anomaly.scope != store::ScopeKind::Account)
            tally(accounts, r.account, r.accountLabel, day, r.nanos);
        if (anomaly.scope != store::ScopeKind::Resource && r.tagSet != 0)
            rowsByTagSet[r.tagSet].append(i);
    }
    addContributors(resources, AnomalyContributor::Kind::Resource, {}, options, anomaly.metric, anomaly.contributors);
    addContributors(services, AnomalyContributor::Kind::Service, {}, options, anomaly.metric, anomaly.contributors);
    addContributors(accounts, AnomalyContributor::Kind::Account, {}, options, anomaly.metric, anomaly.contributors);
    if (rowsByTagSet.isEmpty())
        return;
    // Tags: every key=value pair of the rows' tag sets, ranked together.
    const QHash<int64_t, Tags> tags = query.tagSets(rowsByTagSet.keys());
    std::map<QString, std::map<QString, Tally>> byKey;
    for (auto it = rowsByTagSet.cbegin(); it != rowsByTagSet.cend(); ++it) {
        const Tags set = tags.value(it.key());
        for (size_t i : it.value()) {
            const auto day = static_cast<size_t>(first.daysTo(rows[i].day));
            for (const auto &kv : set)
                tally(byKey[kv.first], kv.second, kv.first + QStringLiteral("=") + kv.second, day, rows[i].nanos);
        }
    }
    std::vector<AnomalyContributor> tagContributors;
    for (auto &[key, tallies] : byKey)
        addContributors(tallies, AnomalyContributor::Kind::Tag, key, options, anomaly.metric, tagContributors);
    std::sort(tagContributors.begin(), tagContributors.end(),
              [](const AnomalyContributor &a, const AnomalyContributor &b) { return a.delta() > b.delta(); });
    if (static_cast<int>(tagContributors.size()) > options.contributorsPerKind)
        tagContributors.resize(static_cast<size_t>(options.contributorsPerKind));
    for (AnomalyContributor &c : tagContributors)
        anomaly.contributors.push_back(std::move(c));
}

} // namespace

QString scopeKindName(store::ScopeKind kind)
{
    switch (kind) {
    case store::ScopeKind::Account: return QStringLiteral("account");
    case store::ScopeKind::Service: return QStringLiteral("service");
    case store::ScopeKind::Resource: return QStringLiteral("resource");
    }
    return {};
}

QString contributorKindName(AnomalyContributor::Kind kind)
{
    switch (kind) {
    case AnomalyContributor::Kind::Resource: return QStringLiteral("resource");
    case AnomalyContributor::Kind::Service: return QStringLiteral("service");
    case AnomalyContributor::Kind::Account: return QStringLiteral("account");
    case AnomalyContributor::Kind::Tag: return QStringLiteral("tag");
    }
    return {};
}

AnomalyReport findAnomalies(store::CostStore &store, const AnomalyScanOptions &options, const ProgressFn &progress,
                            const CancelFn &cancelled)
{
    AnomalyReport report;
    report.options = options;
    store::CostQuery costQuery(store);
    store::AnalysisQuery query(store);
    report.currency = options.currency.isEmpty() ? costQuery.mainCurrency() : options.currency;
    const store::DataRange range = costQuery.dataRange();
    report.to = options.to.isValid() ? options.to : (range.isEmpty() ? QDate() : range.last.addDays(1));
    report.from = options.from.isValid() ? options.from : range.first;
    if (range.isEmpty() || !report.from.isValid() || !report.to.isValid() || report.to <= report.from)
        return report;
    const int n = std::max(1, options.detector.windowDays);
    const QDate historyFrom = report.from.addDays(-n);
    if (progress)
        progress(0.0, Text::tr("Reading daily costs"));
    QString error;
    store::ScopeSeriesSet set = query.dailyByScope(historyFrom, report.to, report.currency, &error);
    if (!error.isEmpty()) {
        report.error = error;
        return report;
    }
    QStringList others = costQuery.currenciesIn(historyFrom, report.to);
    others.removeAll(report.currency);
    const CurrencyRates rates = others.isEmpty() ? CurrencyRates() : store::CurrencyRateStore(store).load();
    if (!others.isEmpty()) {
        std::map<QString, store::UnconvertedAmount> missing;
        for (const QString &c : others) {
            const store::ScopeSeriesSet more = query.dailyByScope(historyFrom, report.to, c, &error);
            if (!error.isEmpty()) {
                report.error = error;
                return report;
            }
            DayConverter conv(rates, c, report.currency);
            addConverted(set, more, conv, c, &missing);
        }
        for (auto &[code, u] : missing) {
            std::sort(u.months.begin(), u.months.end());
            report.unconverted.push_back(std::move(u));
        }
    }
    // The smallest jump worth naming: a share of the average day of the judged range.
    MoneySum total;
    for (const store::ScopeSeries &s : set.accounts)
        for (size_t d = static_cast<size_t>(n); d < s.nanos.size(); ++d)
            total.add(Money::fromNanos(s.nanos[d]));
    const int judgedDays = std::max(1, set.days - n);
    report.minExcessNanos =
        static_cast<int64_t>(static_cast<double>(total.total().nanos() / judgedDays) * options.minShareOfDailyTotal);

    const std::vector<const std::vector<store::ScopeSeries> *> groups{&set.accounts, &set.services, &set.resources};
    const size_t scopeCount = set.accounts.size() + set.services.size() + set.resources.size();
    size_t done = 0;
    for (const auto *group : groups) {
        for (const store::ScopeSeries &s : *group) {
            if (cancelled && cancelled())
                return report;
            ++done;
            ++report.scopesChecked;
            auto add = [&](const std::vector<Jump> &jumps, AnomalyMetric metric) {
                for (const Jump &j : jumps) {
                    Anomaly a;
                    a.scope = s.kind;
                    a.metric = metric;
                    a.key = s.key;
                    a.label = s.label;
                    a.day = set.from.addDays(j.index);
                    a.expected = j.expected;
                    a.actual = j.actual;
                    a.changePercent = changePercent(j.expected, j.actual);
                    report.anomalies.push_back(std::move(a));
                }
            };
            add(detectJumps(s.nanos, options.detector, report.minExcessNanos, n), AnomalyMetric::Cost);
            if (!s.resources.empty()) {
                const std::vector<int64_t> counts(s.resources.begin(), s.resources.end());
                add(detectJumps(counts, options.detector, options.minResourceJump, n), AnomalyMetric::ResourceCount);
            }
        }
        if (progress)
            progress(0.2 + 0.4 * static_cast<double>(done) / static_cast<double>(std::max<size_t>(1, scopeCount)),
                     Text::tr("Looking for jumps"));
    }
    std::sort(report.anomalies.begin(), report.anomalies.end(), [](const Anomaly &a, const Anomaly &b) {
        if (a.day != b.day)
            return a.day > b.day;
        if (a.metric != b.metric)
            return a.metric < b.metric;
        if (a.scope != b.scope)
            return a.scope < b.scope;
        return a.actual - a.expected > b.actual - b.expected;
    });
    for (size_t i = 0; i < report.anomalies.size(); ++i) {
        if (cancelled && cancelled())
            return report;
        findContributors(query, report.currency, others, rates, options, report.anomalies[i]);
        if (progress)
            progress(0.6 + 0.4 * static_cast<double>(i + 1) / static_cast<double>(report.anomalies.size()),
                     Text::tr("Finding what grew"));
    }
    if (progress) {
        // The count as a plain variable: lupdate 6.4 does not extract a translate() whose %n
        // argument is a static_cast<int>(...).
        const int found = static_cast<int>(report.anomalies.size());
        progress(1.0, QCoreApplication::translate("costscope::analysis::AnomalyReport", "%n anomalies found", nullptr, found));
    }
    qCDebug(lcAnalysis) << "anomalies:" << report.anomalies.size() << "in" << report.scopesChecked << "scopes";
    return report;
}

} // namespace costscope::analysis
