#include "model/store/SaasQuery.h"

#include "model/CurrencyRates.h"
#include "model/Domain.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/SqliteDb.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <map>

Q_LOGGING_CATEGORY(lcSaasQuery, "costscope.store.saas")

namespace costscope::store {

namespace {

// A unit-cost metric: the usage types whose cost and quantity it divides, and the quantity of one unit.
struct UnitMetric
{
    const char *id;
    const char *service;
    QStringList usageTypes;
    double unitQuantity;
    const char *per; // translated by the views through QObject::tr on the same literal
};

const std::vector<UnitMetric> &unitMetrics()
{
    static const std::vector<UnitMetric> metrics = {
        {"s3-requests", "S3", {QStringLiteral("requests-tier1"), QStringLiteral("requests-tier2")}, 1000.0,
         QT_TRANSLATE_NOOP("SaasQuery", "1k requests")},
        {"bigquery-scan", "BigQuery", {QStringLiteral("bytes-billed")}, 1099511627776.0,
         QT_TRANSLATE_NOOP("SaasQuery", "TiB billed")},
        {"spectrum-scan", "Redshift", {QStringLiteral("spectrum-bytes")}, 1e12,
         QT_TRANSLATE_NOOP("SaasQuery", "TB scanned (Spectrum)")},
        // Compute credits only: cloud-services credits are listed per warehouse at no cost and
        // billed per account only beyond 10 % of the day's compute, so they would lower the rate.
        {"snowflake-credit", "Snowflake", {QStringLiteral("credits"), QStringLiteral("credits-compute")}, 1.0,
         QT_TRANSLATE_NOOP("SaasQuery", "credit")},
        {"databricks-dbu", "Databricks", {QStringLiteral("dbu")}, 1.0, QT_TRANSLATE_NOOP("SaasQuery", "DBU")},
        {"redshift-node-hour", "Redshift", {QStringLiteral("node-hours")}, 1.0,
         QT_TRANSLATE_NOOP("SaasQuery", "node-hour")},
        {"redshift-rpu-hour", "Redshift", {QStringLiteral("rpu-hours")}, 1.0,
         QT_TRANSLATE_NOOP("SaasQuery", "RPU-hour (Serverless)")},
    };
    return metrics;
}

QDate bucketStart(const QDate &d, SaasBucketing b)
{
    switch (b) {
    case SaasBucketing::Day: return d;
    case SaasBucketing::Week: return d.addDays(1 - d.dayOfWeek()); // Monday
    case SaasBucketing::Month: return QDate(d.year(), d.month(), 1);
    }
    return d;
}

QDate nextBucket(const QDate &d, SaasBucketing b)
{
    switch (b) {
    case SaasBucketing::Day: return d.addDays(1);
    case SaasBucketing::Week: return d.addDays(7);
    case SaasBucketing::Month: return d.addMonths(1);
    }
    return d.addDays(1);
}

void sortUsage(std::vector<SaasUsageAmount> &usage)
{
    std::sort(usage.begin(), usage.end(), [](const SaasUsageAmount &a, const SaasUsageAmount &b) {
        if (a.cost != b.cost)
            return a.cost > b.cost;
        return a.usageType < b.usageType;
    });
}

void addUsage(std::vector<SaasUsageAmount> &usage, const QString &type, const QString &unit, double quantity, int64_t cost)
{
    for (SaasUsageAmount &u : usage) {
        if (u.usageType == type && u.unit == unit) {
            u.quantity += quantity;
            u.cost += cost;
            return;
        }
    }
    usage.push_back({type, unit, quantity, cost});
}

// "AND service = ?N" when the filter names one service.
QString serviceClause(const SaasFilter &f, int index)
{
    return f.service.isEmpty() ? QString() : QStringLiteral(" AND service = ?%1").arg(index);
}

} // namespace

const QStringList &saasServices()
{
    static const QStringList services = {QStringLiteral("S3"), QStringLiteral("Redshift"), QStringLiteral("BigQuery"),
                                         QStringLiteral("Databricks"), QStringLiteral("Snowflake")};
    return services;
}

QString saasServiceOfModule(const QString &moduleId)
{
    const QString id = moduleId.toLower();
    static const std::pair<const char16_t *, const char *> keys[] = {
        {u"s3", "S3"},           {u"redshift", "Redshift"},     {u"bigquery", "BigQuery"},
        {u"databricks", "Databricks"}, {u"snowflake", "Snowflake"}};
    for (const auto &[key, service] : keys)
        if (id.contains(QStringView(key)))
            return QString::fromLatin1(service);
    return {};
}

QString saasOneLine(const QString &text, int maxChars)
{
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxChars + 1));
    bool space = false;
    for (const QChar c : text) {
        if (c.isSpace()) {
            space = !out.isEmpty();
            continue;
        }
        const QChar::Category cat = c.category();
        if (cat == QChar::Other_Control || cat == QChar::Other_Format || cat == QChar::Other_NotAssigned)
            continue; // NUL, escape sequences, bidi overrides ...
        if (space) {
            out += u' ';
            space = false;
        }
        out += c;
        if (out.size() > maxChars)
            break;
    }
    if (out.size() > maxChars) {
        out.truncate(std::max(0, maxChars - 1));
        // Do not leave half of a surrogate pair.
        if (!out.isEmpty() && out.back().isHighSurrogate())
            out.chop(1);
        out += QChar(0x2026);
    }
    return out;
}

QDate SaasQuery::lastDay() const
{
    Statement st(m_store.db(), "SELECT max(d) FROM (SELECT max(day) AS d FROM saas_usage_daily "
                               "UNION ALL SELECT max(day) FROM saas_query)");
    if (!st.next() || st.columnIsNull(0))
        return {};
    return dateFromDayNumber(static_cast<int32_t>(st.columnInt(0)));
}

SaasOverview SaasQuery::overview(const SaasFilter &filter) const
{
    SaasOverview out;
    out.from = filter.from;
    out.to = filter.to;
    out.bucketing = filter.bucketing;
    SqliteDb &db = m_store.db();
    out.anyData = lastDay().isValid();
    if (!filter.from.isValid() || !filter.to.isValid() || filter.to <= filter.from) {
        out.error = QStringLiteral("the date range is empty");
        return out;
    }
    const int64_t fromDay = dayNumber(filter.from);
    const int64_t toDay = dayNumber(filter.to);

    // The currency: asked, else the one with the most cost (usage first, then queries).
    {
        Statement st(db, QStringLiteral("SELECT currency, sum(cost) AS c, 0 AS q FROM saas_usage_daily WHERE day >= ?1 AND day < ?2%1 "
                                        "GROUP BY currency UNION ALL "
                                        "SELECT currency, sum(cost), 1 FROM saas_query WHERE day >= ?1 AND day < ?2%1 "
                                        "GROUP BY currency ORDER BY q, c DESC, currency")
                             .arg(serviceClause(filter, 3)));
        st.bind(1, fromDay).bind(2, toDay);
        if (!filter.service.isEmpty())
            st.bind(3, filter.service);
        QStringList seen;
        while (st.next()) {
            const QString c = st.columnText(0);
            if (!seen.contains(c))
                seen << c;
        }
        if (!st.ok()) {
            out.error = st.error();
            return out;
        }
        out.currency = !filter.displayCurrency.isEmpty() ? filter.displayCurrency
                       : filter.currency.isEmpty()        ? seen.value(0)
                                                          : filter.currency;
        for (const QString &c : std::as_const(seen))
            if (c != out.currency && filter.displayCurrency.isEmpty())
                out.otherCurrencies << c;
    }
    // Converting: every currency is read (?3 bound to '') and each amount converted with its
    // day's month rate; else only out.currency's rows.
    const bool converting = !filter.displayCurrency.isEmpty();
    const QString currencyBound = converting ? QString() : out.currency;
    const CurrencyRates rates = converting ? CurrencyRateStore(m_store).load() : CurrencyRates();
    QHash<QString, std::optional<ExchangeRate>> rateCache; // "CUR|yyyy-MM"
    const auto convert = [&](int64_t nanos, const QString &currency, const QDate &day) -> std::optional<int64_t> {
        if (!converting || currency == out.currency)
            return nanos;
        const QString key = currency + u'|' + day.toString(QStringLiteral("yyyy-MM"));
        auto it = rateCache.constFind(key);
        if (it == rateCache.constEnd())
            it = rateCache.insert(key, rates.rateForMonth(currency, out.currency, day));
        if (!*it)
            return std::nullopt;
        const std::optional<Money> m = (*it)->convert(Money::fromNanos(nanos));
        return m ? std::optional<int64_t>(m->nanos()) : std::nullopt;
    };
    std::map<QString, UnconvertedAmount> unconverted;
    const auto leaveOut = [&](int64_t nanos, const QString &currency, const QDate &day) {
        UnconvertedAmount &u = unconverted[currency];
        u.currency = currency;
        u.nanos += nanos;
        const QDate month(day.year(), day.month(), 1);
        if (!u.months.contains(month)) {
            u.months.append(month);
            std::sort(u.months.begin(), u.months.end());
        }
    };

    // Buckets.
    CostSeries &series = out.series;
    series.currency = out.currency;
    series.granularity = filter.bucketing == SaasBucketing::Month ? Granularity::Month : Granularity::Day;
    for (QDate d = bucketStart(filter.from, filter.bucketing); d < filter.to; d = nextBucket(d, filter.bucketing))
        series.buckets.push_back(d);
    const auto bucketOf = [&](const QDate &day) -> size_t {
        const QDate start = bucketStart(day, filter.bucketing);
        const auto it = std::lower_bound(series.buckets.begin(), series.buckets.end(), start);
        return static_cast<size_t>(it - series.buckets.begin());
    };
    const size_t nBuckets = series.buckets.size();

    // Usage per day, service and usage type: the chart, the service totals and the unit costs.
    struct UnitSums
    {
        std::vector<double> quantity;
        std::vector<int64_t> cost;
    };
    std::map<QString, CostGroup> groups;
    std::map<QString, SaasServiceTotal> services;
    std::vector<UnitSums> unitSums(unitMetrics().size(), UnitSums{std::vector<double>(nBuckets, 0.0), std::vector<int64_t>(nBuckets, 0)});
    {
        Statement st(db, QStringLiteral("SELECT day, service, usage_type, unit, sum(quantity), sum(cost), currency FROM saas_usage_daily "
                                        "WHERE day >= ?1 AND day < ?2 AND (?3 = '' OR currency = ?3)%1 "
                                        "GROUP BY day, service, usage_type, unit, currency")
                             .arg(serviceClause(filter, 4)));
        st.bind(1, fromDay).bind(2, toDay).bind(3, currencyBound);
        if (!filter.service.isEmpty())
            st.bind(4, filter.service);
        while (st.next()) {
            const QDate day = dateFromDayNumber(static_cast<int32_t>(st.columnInt(0)));
            const QString service = st.columnText(1);
            const QString type = st.columnText(2);
            const QString unit = st.columnText(3);
            const double quantity = st.columnDouble(4);
            const std::optional<int64_t> converted = convert(st.columnInt(5), st.columnText(6), day);
            if (!converted) {
                leaveOut(st.columnInt(5), st.columnText(6), day);
                continue;
            }
            const int64_t cost = *converted;
            const size_t b = bucketOf(day);
            if (b >= nBuckets)
                continue;
            const QString key = filter.service.isEmpty() ? service : type;
            CostGroup &g = groups[key];
            if (g.nanos.empty()) {
                g.key = key;
                g.label = key;
                g.nanos.assign(nBuckets, 0);
            }
            g.nanos[b] += cost;
            g.total += cost;
            SaasServiceTotal &s = services[service];
            s.service = service;
            s.cost += cost;
            addUsage(s.usage, type, unit, quantity, cost);
            out.total += cost;
            for (size_t m = 0; m < unitMetrics().size(); ++m) {
                const UnitMetric &metric = unitMetrics()[m];
                if (service == QLatin1String(metric.service) && metric.usageTypes.contains(type)) {
                    unitSums[m].quantity[b] += quantity;
                    unitSums[m].cost[b] += cost;
                }
            }
        }
        if (!st.ok()) {
            out.error = st.error();
            return out;
        }
    }
    for (auto &[currency, u] : unconverted)
        out.unconverted.push_back(u);
    series.unconverted = out.unconverted;
    for (auto &[key, g] : groups)
        series.groups.push_back(std::move(g));
    std::sort(series.groups.begin(), series.groups.end(), [](const CostGroup &a, const CostGroup &b) {
        return a.total != b.total ? a.total > b.total : a.key < b.key;
    });
    series.total = out.total;
    series.otherCurrencies = out.otherCurrencies;
    for (auto &[key, s] : services) {
        sortUsage(s.usage);
        out.services.push_back(std::move(s));
    }
    std::sort(out.services.begin(), out.services.end(), [](const SaasServiceTotal &a, const SaasServiceTotal &b) {
        return a.cost != b.cost ? a.cost > b.cost : a.service < b.service;
    });
    for (size_t m = 0; m < unitMetrics().size(); ++m) {
        const UnitMetric &metric = unitMetrics()[m];
        SaasUnitCost u;
        u.id = QString::fromLatin1(metric.id);
        u.service = QString::fromLatin1(metric.service);
        u.per = QString::fromLatin1(metric.per);
        double quantity = 0;
        int64_t cost = 0;
        for (size_t b = 0; b < nBuckets; ++b) {
            const double units = unitSums[m].quantity[b] / metric.unitQuantity;
            u.values.push_back(units > 0 ? static_cast<double>(unitSums[m].cost[b]) / units : -1.0);
            quantity += unitSums[m].quantity[b];
            cost += unitSums[m].cost[b];
        }
        if (quantity <= 0)
            continue;
        u.overall = static_cast<double>(cost) / (quantity / metric.unitQuantity);
        out.unitCosts.push_back(std::move(u));
    }

    // Entities: every usage row's entity, then users from the queries.
    QHash<QString, size_t> entityIndex;
    const auto entityKey = [](const QString &service, const QString &account, const QString &kind, const QString &name) -> QString {
        return service + QChar(0x1f) + account + QChar(0x1f) + kind + QChar(0x1f) + name;
    };
    {
        // Per day and currency when converting (each day's month has its rate).
        Statement st(db, QStringLiteral("SELECT service, account, entity_kind, entity, usage_type, unit, sum(quantity), sum(cost), "
                                        "currency, %2 FROM saas_usage_daily WHERE day >= ?1 AND day < ?2 AND (?3 = '' OR currency = ?3)%1 "
                                        "GROUP BY service, account, entity_kind, entity, usage_type, unit, currency%3")
                             .arg(serviceClause(filter, 4), converting ? QStringLiteral("day") : QStringLiteral("min(day)"),
                                  converting ? QStringLiteral(", day") : QString()));
        st.bind(1, fromDay).bind(2, toDay).bind(3, currencyBound);
        if (!filter.service.isEmpty())
            st.bind(4, filter.service);
        while (st.next()) {
            const std::optional<int64_t> converted =
                convert(st.columnInt(7), st.columnText(8), dateFromDayNumber(static_cast<int32_t>(st.columnInt(9))));
            if (!converted)
                continue; // named by the usage rows above
            const QString key = entityKey(st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3));
            auto it = entityIndex.constFind(key);
            size_t i = 0;
            if (it == entityIndex.constEnd()) {
                i = out.entities.size();
                entityIndex.insert(key, i);
                SaasEntity e;
                e.service = st.columnText(0);
                e.account = st.columnText(1);
                e.kind = st.columnText(2);
                e.name = st.columnText(3);
                out.entities.push_back(std::move(e));
            } else {
                i = *it;
            }
            SaasEntity &e = out.entities[i];
            const int64_t cost = *converted;
            e.cost += cost;
            addUsage(e.usage, st.columnText(4), st.columnText(5), st.columnDouble(6), cost);
        }
        if (!st.ok()) {
            out.error = st.error();
            return out;
        }
    }
    {
        // A user already listed by the usage rows keeps that cost (the bill's); the queries add their counts.
        QSet<QString> userFromQueries;
        Statement st(db, QStringLiteral("SELECT service, account, user_name, count(*), sum(bytes_scanned), sum(credits), sum(cost), "
                                        "currency, %2 FROM saas_query WHERE day >= ?1 AND day < ?2 AND (?3 = '' OR currency = ?3)%1 "
                                        "GROUP BY service, account, user_name, currency%3")
                             .arg(serviceClause(filter, 4), converting ? QStringLiteral("day") : QStringLiteral("min(day)"),
                                  converting ? QStringLiteral(", day") : QString()));
        st.bind(1, fromDay).bind(2, toDay).bind(3, currencyBound);
        if (!filter.service.isEmpty())
            st.bind(4, filter.service);
        while (st.next()) {
            const std::optional<int64_t> converted =
                convert(st.columnInt(6), st.columnText(7), dateFromDayNumber(static_cast<int32_t>(st.columnInt(8))));
            if (!converted)
                continue;
            const QString user = st.columnText(2);
            const QString key = entityKey(st.columnText(0), st.columnText(1), QStringLiteral("user"), user);
            auto it = entityIndex.constFind(key);
            // Listed by the usage rows (not by an earlier day or currency of these queries).
            const bool listed = it != entityIndex.constEnd() && !userFromQueries.contains(key);
            size_t i = 0;
            if (it == entityIndex.constEnd()) {
                i = out.entities.size();
                entityIndex.insert(key, i);
                userFromQueries.insert(key);
                SaasEntity e;
                e.service = st.columnText(0);
                e.account = st.columnText(1);
                e.kind = QStringLiteral("user");
                e.name = user;
                out.entities.push_back(std::move(e));
            } else {
                i = *it;
            }
            SaasEntity &e = out.entities[i];
            if (!listed)
                e.cost += *converted;
            addUsage(e.usage, QStringLiteral("queries"), QStringLiteral("count"), static_cast<double>(st.columnInt(3)),
                     listed ? 0 : *converted);
            if (st.columnInt(4) > 0)
                addUsage(e.usage, QStringLiteral("bytes-scanned"), QStringLiteral("bytes"), static_cast<double>(st.columnInt(4)), 0);
            if (st.columnDouble(5) > 0)
                addUsage(e.usage, QStringLiteral("credits"), QStringLiteral("credits"), st.columnDouble(5), 0);
        }
        if (!st.ok()) {
            out.error = st.error();
            return out;
        }
    }
    for (SaasEntity &e : out.entities)
        sortUsage(e.usage);
    std::sort(out.entities.begin(), out.entities.end(), [](const SaasEntity &a, const SaasEntity &b) {
        if (a.cost != b.cost)
            return a.cost > b.cost;
        if (a.service != b.service)
            return a.service < b.service;
        if (a.kind != b.kind)
            return a.kind < b.kind;
        return a.name < b.name;
    });

    // The most expensive queries.
    {
        Statement count(db, QStringLiteral("SELECT count(*) FROM saas_query WHERE day >= ?1 AND day < ?2 AND (?3 = '' OR currency = ?3)%1")
                                .arg(serviceClause(filter, 4)));
        count.bind(1, fromDay).bind(2, toDay).bind(3, currencyBound);
        if (!filter.service.isEmpty())
            count.bind(4, filter.service);
        if (count.next())
            out.queryCount = count.columnInt(0);
        Statement st(db, QStringLiteral("SELECT service, account, query_id, user_name, scope, statement_type, query_text, "
                                        "started_ms, duration_ms, bytes_scanned, bytes_billed, slot_ms, credits, cost, full_scan, currency, day "
                                        "FROM saas_query WHERE day >= ?1 AND day < ?2 AND (?3 = '' OR currency = ?3)%1 "
                                        "ORDER BY cost DESC, started_ms DESC, service, account, query_id LIMIT ?5")
                             .arg(serviceClause(filter, 4)));
        st.bind(1, fromDay).bind(2, toDay).bind(3, currencyBound);
        if (!filter.service.isEmpty())
            st.bind(4, filter.service);
        // Converting: every query is read (costs of different currencies do not sort in SQL),
        // then sorted by converted cost and cut to the limit below.
        st.bind(5, converting ? int64_t(-1) : static_cast<int64_t>(std::max(0, filter.queryLimit)));
        while (st.next()) {
            SaasQueryInfo q;
            q.service = st.columnText(0);
            q.account = st.columnText(1);
            q.queryId = st.columnText(2);
            q.user = st.columnText(3);
            q.scope = st.columnText(4);
            q.statementType = st.columnText(5);
            q.text = st.columnText(6);
            q.started = QDateTime::fromMSecsSinceEpoch(st.columnInt(7), Qt::UTC);
            q.durationMs = st.columnInt(8);
            q.bytesScanned = st.columnInt(9);
            q.bytesBilled = st.columnInt(10);
            q.slotMs = st.columnInt(11);
            q.credits = st.columnDouble(12);
            const std::optional<int64_t> cost =
                convert(st.columnInt(13), st.columnText(15), dateFromDayNumber(static_cast<int32_t>(st.columnInt(16))));
            if (!cost) {
                --out.queryCount; // no rate: left out of the list and the count
                continue;
            }
            q.cost = *cost;
            q.fullScan = st.columnInt(14) != 0;
            out.queries.push_back(std::move(q));
        }
        if (!st.ok()) {
            out.error = st.error();
            return out;
        }
        if (converting) {
            std::stable_sort(out.queries.begin(), out.queries.end(),
                             [](const SaasQueryInfo &a, const SaasQueryInfo &b) { return a.cost > b.cost; });
            if (out.queries.size() > static_cast<size_t>(std::max(0, filter.queryLimit)))
                out.queries.resize(static_cast<size_t>(std::max(0, filter.queryLimit)));
        }
    }

    // The recommendations of the SaaS modules: the items of the last run the Recommendations tab
    // stored, without the dismissed ones (the table is read here: the engine is a library above this one).
    {
        Statement st(db, "SELECT i.module, i.resource, i.name, i.saving, i.currency, i.detail, i.found_at, i.provider "
                         "FROM recommendation_item i WHERE NOT EXISTS (SELECT 1 FROM recommendation_dismissed d "
                         "WHERE d.module = i.module AND d.resource = i.resource) "
                         "ORDER BY i.saving DESC, i.module, i.resource");
        while (st.next()) {
            RecommendationRecord r;
            r.module = st.columnText(0);
            const QString service = saasServiceOfModule(r.module);
            if (service.isEmpty() || (!filter.service.isEmpty() && service != filter.service))
                continue;
            r.resourceId = st.columnText(1);
            r.name = st.columnText(2);
            r.saving = Money::fromNanos(st.columnInt(3));
            r.currency = st.columnText(4);
            r.detail = st.columnText(5);
            r.at = st.columnInt(6);
            r.provider = st.columnText(7);
            r.computedSaving = r.saving;
            r.computedCurrency = r.currency;
            // Converting: at the rate of the month of the last cost day, as the Recommendations
            // tab shows the run; with no rate the saving keeps its own currency (never at 1).
            if (converting && r.currency != out.currency) {
                if (!out.savingsMonth.isValid()) {
                    const QDate last = dateFromDayNumber(
                        static_cast<int32_t>(db.queryInt("SELECT coalesce(max(day), -1) FROM rollup_daily", -1)));
                    out.savingsMonth = QDate(last.year(), last.month(), 1);
                }
                if (const std::optional<int64_t> c = out.savingsMonth.isValid()
                                                         ? convert(r.saving.nanos(), r.currency, out.savingsMonth)
                                                         : std::nullopt) {
                    r.saving = Money::fromNanos(*c);
                    r.currency = out.currency;
                }
            }
            out.recommendations.push_back(std::move(r));
        }
        if (!st.ok()) {
            out.error = st.error();
            return out;
        }
    }
    return out;
}

QString SaasQuery::matchingResource(const QString &entity) const
{
    if (entity.trimmed().isEmpty())
        return {};
    // An exact id first, then the shortest ARN or path that ends in the name.
    Statement st(m_store.db(), "SELECT s.s FROM str s WHERE (s.s = ?1 OR substr(s.s, -length(?1) - 1) IN (':' || ?1, '/' || ?1)) "
                               "AND EXISTS (SELECT 1 FROM rollup_resource_daily r WHERE r.resource = s.id) "
                               "ORDER BY s.s <> ?1, length(s.s), s.s LIMIT 1");
    st.bind(1, entity);
    if (st.next())
        return st.columnText(0);
    if (!st.ok())
        qCWarning(lcSaasQuery) << "matching resource:" << st.error();
    return {};
}

} // namespace costscope::store
