#include "model/store/ResourceQuery.h"

#include "model/CurrencyRates.h"
#include "model/store/CostQuery.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/SqliteDb.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>
#include <map>

Q_LOGGING_CATEGORY(lcResourceQuery, "costscope.store.resources")

namespace costscope::store {

namespace {

constexpr int64_t kDay = 86400;

// Strings that repeat across rows (providers, regions, types ...) share one QString.
class Interner
{
public:
    QString operator()(const QString &s)
    {
        auto it = m_strings.constFind(s);
        if (it != m_strings.constEnd())
            return *it;
        m_strings.insert(s, s);
        return s;
    }

private:
    QHash<QString, QString> m_strings;
};

class TagSets
{
public:
    explicit TagSets(SqliteDb &db)
        : m_items(db, "SELECT k.s, v.s FROM kvset_item i JOIN str k ON k.id = i.key_id "
                      "JOIN str v ON v.id = i.value_id WHERE i.set_id = ? ORDER BY k.s")
    {
    }
    Tags get(int64_t setId, Interner &intern)
    {
        if (setId == 0)
            return {};
        auto it = m_cache.constFind(setId);
        if (it != m_cache.constEnd())
            return *it;
        Tags tags;
        m_items.reset();
        m_items.bind(1, setId);
        while (m_items.next())
            tags.append({intern(m_items.columnText(0)), intern(m_items.columnText(1))});
        m_items.reset();
        m_cache.insert(setId, tags);
        return tags;
    }

private:
    Statement m_items;
    QHash<int64_t, Tags> m_cache;
};

struct CostEntry
{
    int64_t toDate = 0;
    int64_t month = 0;
    int64_t provider = 0; // str id of the billing period's provider
    bool listed = false;  // an inventory resource carries it
    bool unconverted = false; // part of its cost had no rate to the display currency
};

int64_t strId(SqliteDb &db, const QString &s)
{
    Statement st(db, "SELECT id FROM str WHERE s = ?");
    st.bind(1, s);
    return st.next() ? st.columnInt(0) : -1;
}

void recommendationsOf(SqliteDb &db, const QString &provider, const QString &resourceId, ResourceDetails &out)
{
    out.recommendationsRunAt = db.queryInt("SELECT coalesce(max(found_at), 0) FROM recommendation_item", 0);
    Statement st(db, R"sql(SELECT i.module, i.saving, i.currency, i.detail, i.found_at, d.module IS NOT NULL, i.provider
        FROM recommendation_item i
        LEFT JOIN recommendation_dismissed d ON d.module = i.module AND d.resource = i.resource
        WHERE i.resource = ?1 ORDER BY i.saving DESC, i.module)sql");
    st.bind(1, resourceId);
    const QString wanted = canonicalProvider(provider);
    while (st.next()) {
        // Same id in another cloud: not this resource (an item without a provider matches any).
        const QString itemProvider = st.columnText(6);
        if (!itemProvider.isEmpty() && canonicalProvider(itemProvider) != wanted)
            continue;
        ResourceRecommendation r;
        r.module = st.columnText(0);
        r.savingNanos = r.computedNanos = st.columnInt(1);
        r.currency = r.computedCurrency = st.columnText(2);
        r.detail = st.columnText(3);
        r.dismissed = st.columnInt(5) != 0;
        r.foundAt = st.columnInt(4);
        out.recommendations.push_back(std::move(r));
    }
}

} // namespace

ResourceList ResourceQuery::list(int64_t now, const QString &provider, const QString &displayCurrency) const
{
    ResourceList out;
    SqliteDb &db = m_store.db();
    out.currency = displayCurrency.isEmpty() ? CostQuery(m_store).mainCurrency() : displayCurrency;
    const QString wantedProvider = provider.isEmpty() ? QString() : canonicalProvider(provider);
    const QDate today = QDateTime::fromSecsSinceEpoch(now, Qt::UTC).date();
    const int32_t monthStart = dayNumber(QDate(today.year(), today.month(), 1));
    Interner intern;
    TagSets tagSets(db);

    // Cost per resource id, this month and to date, in the main currency.
    QHash<int64_t, CostEntry> costs;
    if (!displayCurrency.isEmpty()) {
        // Per resource, month and currency; each converted with its month's rate.
        const CurrencyRates rates = CurrencyRateStore(m_store).load();
        std::map<QString, UnconvertedAmount> unconverted;
        Statement st(db, R"sql(SELECT m.resource, m.month, sc.s, sum(m.billed), max(p.provider)
            FROM rollup_resource_monthly m JOIN billing_period p ON p.id = m.period_id JOIN str sc ON sc.id = p.currency
            WHERE m.resource <> 0
            GROUP BY m.resource, m.month, sc.s)sql");
        while (st.next()) {
            const QDate month = dateFromDayNumber(static_cast<int32_t>(st.columnInt(1)));
            const QString currency = st.columnText(2);
            const int64_t billed = st.columnInt(3);
            CostEntry &e = costs[st.columnInt(0)];
            e.provider = std::max(e.provider, st.columnInt(4));
            std::optional<Money> converted = Money::fromNanos(billed);
            if (currency != out.currency) {
                const std::optional<ExchangeRate> rate = rates.rateForMonth(currency, out.currency, month);
                converted = rate ? rate->convert(Money::fromNanos(billed)) : std::nullopt;
            }
            if (!converted) {
                e.unconverted = true;
                UnconvertedAmount &u = unconverted[currency];
                u.currency = currency;
                u.nanos += billed;
                if (!u.months.contains(month)) {
                    u.months.append(month);
                    std::sort(u.months.begin(), u.months.end());
                }
                continue;
            }
            e.toDate += converted->nanos();
            if (st.columnInt(1) == monthStart)
                e.month += converted->nanos();
        }
        if (!st.ok()) {
            out.error = st.error();
            return out;
        }
        for (auto &[currency, u] : unconverted)
            out.unconverted.push_back(u);
    } else {
        Statement st(db, R"sql(SELECT m.resource, sum(m.billed), sum(CASE WHEN m.month = ?2 THEN m.billed ELSE 0 END),
                max(p.provider)
            FROM rollup_resource_monthly m JOIN billing_period p ON p.id = m.period_id
            WHERE m.resource <> 0 AND p.currency = (SELECT id FROM str WHERE s = ?1)
            GROUP BY m.resource)sql");
        st.bind(1, out.currency).bind(2, monthStart);
        while (st.next())
            costs.insert(st.columnInt(0), CostEntry{st.columnInt(1), st.columnInt(2), st.columnInt(3), false});
        if (!st.ok()) {
            out.error = st.error();
            return out;
        }
    }

    Statement res(db, R"sql(SELECT r.id, sp.s, sa.s, coalesce(an.s, ''), sg.s, sr.s, sn.s, st.s, sf.s, ss.s,
            r.first_seen, r.last_seen, r.created_at, r.tagset, r.active, r.resource, coalesce(t.expires_at, 0)
        FROM resource r
        JOIN str sp ON sp.id = r.provider JOIN str sa ON sa.id = r.account JOIN str sg ON sg.id = r.region
        JOIN str sr ON sr.id = r.resource JOIN str sn ON sn.id = r.name JOIN str st ON st.id = r.type
        JOIN str sf ON sf.id = r.flavor JOIN str ss ON ss.id = r.state
        LEFT JOIN account a ON a.id = r.account LEFT JOIN str an ON an.id = a.name
        LEFT JOIN resource_ttl t ON t.resource_id = r.id
        ORDER BY r.id)sql");
    QHash<int64_t, size_t> byRowId;
    while (res.next()) {
        const QString prov = res.columnText(1);
        if (!wantedProvider.isEmpty() && canonicalProvider(prov) != wantedProvider)
            continue;
        ResourceRow r;
        r.rowId = res.columnInt(0);
        r.provider = intern(prov);
        r.accountId = intern(res.columnText(2));
        r.accountName = intern(res.columnText(3));
        r.region = intern(res.columnText(4));
        r.resourceId = res.columnText(5);
        r.name = res.columnText(6);
        r.type = intern(res.columnText(7));
        r.flavor = intern(res.columnText(8));
        r.state = intern(res.columnText(9));
        r.firstSeen = res.columnInt(10);
        r.lastSeen = res.columnInt(11);
        r.createdAt = res.columnInt(12);
        r.tags = tagSets.get(res.columnInt(13), intern);
        r.active = res.columnInt(14) != 0;
        auto c = costs.find(res.columnInt(15));
        if (c != costs.end()) {
            r.costToDate = c->toDate;
            r.costMonth = c->month;
            r.costUnconverted = c->unconverted;
            c->listed = true;
        }
        r.ttlExpiresAt = res.columnInt(16);
        byRowId.insert(r.rowId, out.rows.size());
        out.rows.push_back(std::move(r));
    }
    if (!res.ok()) {
        out.error = res.error();
        return out;
    }

    // Resources seen only in billing data: where and when they were billed, and by which service.
    {
        Statement text(db, "SELECT s FROM str WHERE id = ?");
        auto textOf = [&](int64_t id) -> QString {
            text.reset();
            text.bind(1, id);
            const QString s = text.next() ? text.columnText(0) : QString();
            text.reset();
            return intern(s);
        };
        Statement where(db, R"sql(SELECT sub_account, region, service, min(day), max(day)
            FROM rollup_resource_daily WHERE resource = ?)sql");
        Statement accountName(db, "SELECT n.s FROM account a JOIN str n ON n.id = a.name WHERE a.id = ?");
        std::vector<int64_t> unlisted;
        for (auto it = costs.cbegin(); it != costs.cend(); ++it)
            if (!it->listed)
                unlisted.push_back(it.key());
        std::sort(unlisted.begin(), unlisted.end());
        for (int64_t id : unlisted) {
            const CostEntry &c = costs[id];
            const QString prov = textOf(c.provider);
            if (!wantedProvider.isEmpty() && canonicalProvider(prov) != wantedProvider)
                continue;
            ResourceRow r;
            r.billingOnly = true;
            r.provider = prov;
            r.resourceId = textOf(id);
            r.costToDate = c.toDate;
            r.costMonth = c.month;
            r.costUnconverted = c.unconverted;
            where.reset();
            where.bind(1, id);
            if (where.next()) {
                const int64_t sub = where.columnInt(0);
                r.accountId = textOf(sub);
                r.region = textOf(where.columnInt(1));
                r.type = textOf(where.columnInt(2));
                r.firstSeen = where.columnInt(3) * kDay;
                r.lastSeen = where.columnInt(4) * kDay + kDay - 1;
                accountName.reset();
                accountName.bind(1, sub);
                if (accountName.next())
                    r.accountName = intern(accountName.columnText(0));
                accountName.reset();
            }
            where.reset();
            out.rows.push_back(std::move(r));
        }
    }

    // CPU over the 7 days before now: the mean and the 95th percentile (nearest rank) of the points.
    const int64_t cpu = strId(db, QStringLiteral("cpu"));
    if (cpu >= 0) {
        Statement withCpu(db, "SELECT DISTINCT resource_id FROM metric_daily WHERE metric = ? AND day >= ? AND day <= ?");
        withCpu.bind(1, cpu).bind(2, (now - 7 * kDay) / kDay).bind(3, now / kDay);
        std::vector<int64_t> ids;
        while (withCpu.next())
            ids.push_back(withCpu.columnInt(0));
        Statement points(db, "SELECT value FROM metric_point WHERE resource_id = ? AND metric = ? AND t > ? AND t <= ?");
        std::vector<double> values;
        for (int64_t id : ids) {
            auto row = byRowId.constFind(id);
            if (row == byRowId.constEnd())
                continue;
            values.clear();
            points.reset();
            points.bind(1, id).bind(2, cpu).bind(3, now - 7 * kDay).bind(4, now);
            double sum = 0;
            while (points.next()) {
                values.push_back(points.columnDouble(0));
                sum += values.back();
            }
            points.reset();
            if (values.empty())
                continue;
            std::sort(values.begin(), values.end());
            const size_t rank = static_cast<size_t>(std::ceil(0.95 * static_cast<double>(values.size())));
            ResourceRow &r = out.rows[*row];
            r.cpuAvg = sum / static_cast<double>(values.size());
            r.cpuP95 = values[std::max<size_t>(rank, 1) - 1];
        }
    }
    // Recommendations of the last run, matched on the provider and the resource id (an item stored
    // without a provider, before schema 13, on the id alone).
    const QHash<QString, int> counts = recommendationCounts(&out.recommendationsRunAt);
    if (!counts.isEmpty()) {
        for (ResourceRow &r : out.rows)
            r.recommendations = counts.value(recommendationKey(r.provider, r.resourceId))
                + counts.value(recommendationKey({}, r.resourceId));
    }
    qCDebug(lcResourceQuery) << "listed" << out.rows.size() << "resources";
    return out;
}

QHash<QString, int> ResourceQuery::recommendationCounts(int64_t *runAt) const
{
    QHash<QString, int> out;
    SqliteDb &db = m_store.db();
    if (runAt)
        *runAt = db.queryInt("SELECT coalesce(max(found_at), 0) FROM recommendation_item", 0);
    Statement st(db, R"sql(SELECT i.provider, i.resource, count(*) FROM recommendation_item i
        WHERE NOT EXISTS (SELECT 1 FROM recommendation_dismissed d WHERE d.module = i.module AND d.resource = i.resource)
        GROUP BY i.provider, i.resource)sql");
    while (st.next())
        out[recommendationKey(st.columnText(0), st.columnText(1))] += static_cast<int>(st.columnInt(2));
    return out;
}

QString ResourceQuery::recommendationKey(const QString &provider, const QString &resourceId)
{
    return (provider.isEmpty() ? QString() : canonicalProvider(provider)) + QLatin1Char('\x1f') + resourceId;
}

ResourceDetails ResourceQuery::details(const QString &provider, const QString &resourceId, const QDate &from,
                                       const QDate &to, const QString &displayCurrency) const
{
    ResourceDetails out = readDetails(provider, resourceId, from, to, displayCurrency);
    if (displayCurrency.isEmpty() || !out.error.isEmpty())
        return out;
    const CurrencyRates rates = CurrencyRateStore(m_store).load();
    // Savings at the rate of the month of the last cost day, as the Recommendations tab shows them.
    // (RecommendationQuery::lastCostDay; that class lives in the recommendations library above this one.)
    const auto lastDay = static_cast<int32_t>(m_store.db().queryInt("SELECT max(day) FROM rollup_daily", -1));
    const QDate savingMonth = lastDay >= 0 ? dateFromDayNumber(lastDay) : QDate();
    for (ResourceRecommendation &r : out.recommendations) {
        if (r.computedCurrency == out.currency || !savingMonth.isValid())
            continue;
        const std::optional<ExchangeRate> rate = rates.rateForMonth(r.computedCurrency, out.currency, savingMonth);
        if (const std::optional<Money> c = rate ? rate->convert(Money::fromNanos(r.computedNanos)) : std::nullopt) {
            r.savingNanos = c->nanos();
            r.currency = out.currency;
        }
    }
    return out;
}

ResourceDetails ResourceQuery::readDetails(const QString &provider, const QString &resourceId,
                                                     const QDate &from, const QDate &to,
                                                     const QString &displayCurrency) const
{
    ResourceDetails out;
    SqliteDb &db = m_store.db();
    out.currency = displayCurrency.isEmpty() ? CostQuery(m_store).mainCurrency() : displayCurrency;
    out.from = from;
    out.to = to;
    const int32_t first = dayNumber(from);
    const int32_t last = dayNumber(to);
    out.dailyCost.assign(static_cast<size_t>(std::max(0, last - first)), 0);
    const int64_t resourceStr = strId(db, resourceId);
    if (resourceStr <= 0) {
        recommendationsOf(db, provider, resourceId, out);
        return out;
    }
    if (displayCurrency.isEmpty()) {
        Statement st(db, R"sql(SELECT r.day, sum(r.billed) FROM rollup_resource_daily r
            JOIN billing_period p ON p.id = r.period_id
            WHERE r.resource = ?1 AND r.day >= ?2 AND r.day < ?3 AND p.currency = (SELECT id FROM str WHERE s = ?4)
            GROUP BY r.day)sql");
        st.bind(1, resourceStr).bind(2, first).bind(3, last).bind(4, out.currency);
        while (st.next())
            out.dailyCost[static_cast<size_t>(st.columnInt(0) - first)] = st.columnInt(1);
        if (!st.ok())
            out.error = st.error();
    } else {
        // Every currency, per day; each day's amount converted with its month's rate, in C++
        // (SQL never multiplies nano-units). A day with no rate is left out and named.
        const CurrencyRates rates = CurrencyRateStore(m_store).load();
        std::map<QString, UnconvertedAmount> unconverted;
        Statement st(db, R"sql(SELECT r.day, sc.s, sum(r.billed) FROM rollup_resource_daily r
            JOIN billing_period p ON p.id = r.period_id JOIN str sc ON sc.id = p.currency
            WHERE r.resource = ?1 AND r.day >= ?2 AND r.day < ?3
            GROUP BY r.day, sc.s)sql");
        st.bind(1, resourceStr).bind(2, first).bind(3, last);
        while (st.next()) {
            const auto day = static_cast<int32_t>(st.columnInt(0));
            const QString currency = st.columnText(1);
            const int64_t billed = st.columnInt(2);
            std::optional<Money> converted = Money::fromNanos(billed);
            const QDate date = dateFromDayNumber(day);
            if (currency != out.currency) {
                const std::optional<ExchangeRate> rate = rates.rateForMonth(currency, out.currency, date);
                converted = rate ? rate->convert(Money::fromNanos(billed)) : std::nullopt;
            }
            if (!converted) {
                UnconvertedAmount &u = unconverted[currency];
                u.currency = currency;
                u.nanos += billed;
                const QDate month(date.year(), date.month(), 1);
                if (!u.months.contains(month)) {
                    u.months.append(month);
                    std::sort(u.months.begin(), u.months.end());
                }
                continue;
            }
            out.dailyCost[static_cast<size_t>(day - first)] += converted->nanos();
        }
        if (!st.ok())
            out.error = st.error();
        for (auto &[currency, u] : unconverted)
            out.unconverted.push_back(u);
    }
    int64_t rowId = 0;
    {
        Statement st(db, "SELECT r.id FROM resource r JOIN str p ON p.id = r.provider WHERE r.resource = ? AND p.s = ?");
        st.bind(1, resourceStr).bind(2, provider);
        if (st.next())
            rowId = st.columnInt(0);
    }
    if (rowId != 0) {
        Statement st(db, R"sql(SELECT m.s, d.day, d.avg, d.max FROM metric_daily d JOIN str m ON m.id = d.metric
            WHERE d.resource_id = ? AND d.day >= ? AND d.day < ? ORDER BY m.s, d.day)sql");
        st.bind(1, rowId).bind(2, first).bind(3, last);
        while (st.next()) {
            const QString metric = st.columnText(0);
            if (out.metrics.empty() || out.metrics.back().metric != metric)
                out.metrics.push_back(MetricHistory{metric, {}});
            out.metrics.back().days.push_back(
                MetricDay{dateFromDayNumber(static_cast<int32_t>(st.columnInt(1))), st.columnDouble(2), st.columnDouble(3)});
        }
        Statement outgoing(db, R"sql(SELECT t.s, k.s, coalesce(n.s, ''), coalesce(ty.s, '')
            FROM attachment a JOIN str t ON t.id = a.target JOIN str k ON k.id = a.kind
            LEFT JOIN resource o ON o.resource = a.target LEFT JOIN str n ON n.id = o.name
            LEFT JOIN str ty ON ty.id = o.type
            WHERE a.resource_id = ? ORDER BY t.s)sql");
        outgoing.bind(1, rowId);
        while (outgoing.next())
            out.attachments.push_back(ResourceAttachment{true, outgoing.columnText(1), outgoing.columnText(0),
                                                         outgoing.columnText(2), outgoing.columnText(3)});
    }
    Statement incoming(db, R"sql(SELECT r.s, k.s, n.s, ty.s FROM attachment a JOIN resource o ON o.id = a.resource_id
        JOIN str r ON r.id = o.resource JOIN str k ON k.id = a.kind JOIN str n ON n.id = o.name
        JOIN str ty ON ty.id = o.type
        WHERE a.target = ? ORDER BY r.s)sql");
    incoming.bind(1, resourceStr);
    while (incoming.next())
        out.attachments.push_back(ResourceAttachment{false, incoming.columnText(1), incoming.columnText(0),
                                                     incoming.columnText(2), incoming.columnText(3)});
    recommendationsOf(db, provider, resourceId, out);
    return out;
}

} // namespace costscope::store
