#include "model/store/AnalysisQuery.h"

#include "model/store/SqliteDb.h"

#include <QLoggingCategory>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

Q_LOGGING_CATEGORY(lcAnalysisQuery, "costscope.store.analysis")

namespace costscope::store {

namespace {

// Usage, Purchase, Adjustment (see ChargeCategory): taxes and credits are left out.
constexpr const char *kCategories = "(0, 1, 4)";

struct Names
{
    QString raw;
    QString name;
};

// Raw strings of the ids, with the account or resource display name when there is one.
QHash<int64_t, Names> namesOf(SqliteDb &db, const std::vector<int64_t> &ids, ScopeKind kind)
{
    QHash<int64_t, Names> out;
    for (size_t start = 0; start < ids.size(); start += 400) {
        const size_t n = std::min<size_t>(400, ids.size() - start);
        QString sql;
        if (kind == ScopeKind::Account)
            sql = QStringLiteral("SELECT s.id, s.s, COALESCE(n.s, '') FROM str s LEFT JOIN account a ON a.id = s.id "
                                 "LEFT JOIN str n ON n.id = a.name WHERE s.id IN (%1)");
        else if (kind == ScopeKind::Resource)
            sql = QStringLiteral("SELECT s.id, s.s, COALESCE((SELECT n.s FROM resource x JOIN str n ON n.id = x.name "
                                 "WHERE x.resource = s.id LIMIT 1), '') FROM str s WHERE s.id IN (%1)");
        else
            sql = QStringLiteral("SELECT s.id, s.s, '' FROM str s WHERE s.id IN (%1)");
        Statement st(db, sql.arg(sqlPlaceholders(static_cast<qsizetype>(n))));
        for (size_t i = 0; i < n; ++i)
            st.bind(static_cast<int>(i + 1), ids[start + i]);
        while (st.next())
            out.insert(st.columnInt(0), {st.columnText(1), st.columnText(2)});
    }
    return out;
}

QString labelOf(const Names &n)
{
    if (n.name.isEmpty() || n.name == n.raw)
        return n.raw;
    return n.name + QStringLiteral(" (") + n.raw + QStringLiteral(")");
}

// Series keyed by string id, created on first use.
struct SeriesMap
{
    std::unordered_map<int64_t, size_t> index;
    std::vector<int64_t> ids;
    std::vector<ScopeSeries> series;

    ScopeSeries &at(int64_t id, ScopeKind kind, int days)
    {
        auto it = index.find(id);
        if (it == index.end()) {
            it = index.emplace(id, series.size()).first;
            ids.push_back(id);
            ScopeSeries s;
            s.kind = kind;
            s.nanos.assign(static_cast<size_t>(days), 0);
            if (kind != ScopeKind::Resource)
                s.resources.assign(static_cast<size_t>(days), 0);
            series.push_back(std::move(s));
        }
        return series[it->second];
    }

    std::vector<ScopeSeries> finish(SqliteDb &db, ScopeKind kind)
    {
        const QHash<int64_t, Names> names = namesOf(db, ids, kind);
        for (size_t i = 0; i < series.size(); ++i) {
            const Names n = names.value(ids[i]);
            series[i].key = n.raw;
            series[i].label = n.raw.isEmpty() ? QStringLiteral("(none)") : labelOf(n);
        }
        std::sort(series.begin(), series.end(),
                  [](const ScopeSeries &a, const ScopeSeries &b) { return a.label < b.label; });
        return std::move(series);
    }
};

struct PairHash
{
    size_t operator()(const std::pair<int64_t, int64_t> &p) const
    {
        return std::hash<int64_t>()(p.first * 1000003 ^ p.second);
    }
};

} // namespace

ScopeSeriesSet AnalysisQuery::dailyByScope(const QDate &from, const QDate &to, const QString &currency,
                                           QString *error) const
{
    ScopeSeriesSet out;
    out.currency = currency;
    out.from = from;
    if (!from.isValid() || !to.isValid() || to <= from)
        return out;
    auto &db = m_store.db();
    out.days = static_cast<int>(from.daysTo(to));
    const int64_t fromDay = dayNumber(from);
    const int64_t toDay = dayNumber(to);
    const auto currencyId = dictionaryId(db, currency);
    if (!currencyId)
        return out;

    SeriesMap accounts, services, resources;
    {
        const QString sql = QStringLiteral("SELECT day, sub_account, service, billed FROM rollup_daily "
                                           "WHERE day >= ? AND day < ? AND charge_category IN %1 "
                                           "AND period_id IN (SELECT id FROM billing_period WHERE currency = ?)")
                                .arg(QLatin1String(kCategories));
        Statement st(db, sql);
        st.bind(1, fromDay).bind(2, toDay).bind(3, *currencyId);
        while (st.next()) {
            const auto d = static_cast<size_t>(st.columnInt(0) - fromDay);
            const int64_t nanos = st.columnInt(3);
            accounts.at(st.columnInt(1), ScopeKind::Account, out.days).nanos[d] += nanos;
            services.at(st.columnInt(2), ScopeKind::Service, out.days).nanos[d] += nanos;
        }
        if (!st.ok()) {
            if (error)
                *error = st.error();
            qCWarning(lcAnalysisQuery) << "daily scan failed:" << st.error();
            return out;
        }
    }
    {
        // The rollup is keyed by day first: rows arrive day by day, so the distinct resources of
        // each account and service are counted one day at a time.
        Statement st(db, "SELECT day, resource, sub_account, service, billed, effective FROM rollup_resource_daily "
                         "WHERE day >= ? AND day < ? AND resource <> 0 "
                         "AND period_id IN (SELECT id FROM billing_period WHERE currency = ?)");
        st.bind(1, fromDay).bind(2, toDay).bind(3, *currencyId);
        int64_t currentDay = -1;
        std::unordered_set<std::pair<int64_t, int64_t>, PairHash> seenAccount, seenService;
        while (st.next()) {
            const int64_t day = st.columnInt(0);
            if (day != currentDay) {
                seenAccount.clear();
                seenService.clear();
                currentDay = day;
            }
            const auto d = static_cast<size_t>(day - fromDay);
            const int64_t resource = st.columnInt(1);
            const int64_t account = st.columnInt(2);
            const int64_t service = st.columnInt(3);
            const int64_t billed = st.columnInt(4);
            resources.at(resource, ScopeKind::Resource, out.days).nanos[d] += billed;
            if (billed == 0 && st.columnInt(5) == 0)
                continue;
            if (seenAccount.insert({account, resource}).second)
                ++accounts.at(account, ScopeKind::Account, out.days).resources[d];
            if (seenService.insert({service, resource}).second)
                ++services.at(service, ScopeKind::Service, out.days).resources[d];
        }
        if (!st.ok()) {
            if (error)
                *error = st.error();
            qCWarning(lcAnalysisQuery) << "resource scan failed:" << st.error();
            return out;
        }
    }
    out.accounts = accounts.finish(db, ScopeKind::Account);
    out.services = services.finish(db, ScopeKind::Service);
    out.resources = resources.finish(db, ScopeKind::Resource);
    return out;
}

std::vector<ResourceDayRow> AnalysisQuery::resourceRows(const QDate &from, const QDate &to, const QString &currency,
                                                        ScopeKind kind, const QString &key, QString *error) const
{
    std::vector<ResourceDayRow> out;
    auto &db = m_store.db();
    const auto currencyId = dictionaryId(db, currency);
    const auto keyId = dictionaryId(db, key);
    if (!currencyId || !keyId || !from.isValid() || to <= from)
        return out;
    const char *column = kind == ScopeKind::Account ? "sub_account" : kind == ScopeKind::Service ? "service" : "resource";
    const QString sql = QStringLiteral("SELECT day, resource, sub_account, service, tagset, billed FROM rollup_resource_daily "
                                       "WHERE day >= ? AND day < ? AND %1 = ? "
                                       "AND period_id IN (SELECT id FROM billing_period WHERE currency = ?)")
                            .arg(QLatin1String(column));
    Statement st(db, sql);
    st.bind(1, static_cast<int64_t>(dayNumber(from))).bind(2, static_cast<int64_t>(dayNumber(to)));
    st.bind(3, *keyId).bind(4, *currencyId);
    struct Raw
    {
        int64_t day, resource, account, service, tagSet, nanos;
    };
    std::vector<Raw> raw;
    std::unordered_set<int64_t> resourceIds, accountIds, serviceIds;
    while (st.next()) {
        Raw r{st.columnInt(0), st.columnInt(1), st.columnInt(2), st.columnInt(3), st.columnInt(4), st.columnInt(5)};
        resourceIds.insert(r.resource);
        accountIds.insert(r.account);
        serviceIds.insert(r.service);
        raw.push_back(r);
    }
    if (!st.ok()) {
        if (error)
            *error = st.error();
        return out;
    }
    const auto names = [&](const std::unordered_set<int64_t> &ids, ScopeKind k) {
        return namesOf(db, std::vector<int64_t>(ids.begin(), ids.end()), k);
    };
    const QHash<int64_t, Names> resourceNames = names(resourceIds, ScopeKind::Resource);
    const QHash<int64_t, Names> accountNames = names(accountIds, ScopeKind::Account);
    const QHash<int64_t, Names> serviceNames = names(serviceIds, ScopeKind::Service);
    out.reserve(raw.size());
    for (const Raw &r : raw) {
        ResourceDayRow row;
        row.day = dateFromDayNumber(static_cast<int32_t>(r.day));
        const Names res = resourceNames.value(r.resource);
        row.resource = res.raw;
        row.resourceLabel = labelOf(res);
        const Names acc = accountNames.value(r.account);
        row.account = acc.raw;
        row.accountLabel = labelOf(acc);
        row.service = serviceNames.value(r.service).raw;
        row.tagSet = r.tagSet;
        row.nanos = r.nanos;
        out.push_back(std::move(row));
    }
    return out;
}

QHash<int64_t, Tags> AnalysisQuery::tagSets(const QList<int64_t> &ids) const
{
    QHash<int64_t, Tags> out;
    auto &db = m_store.db();
    for (qsizetype start = 0; start < ids.size(); start += 400) {
        const qsizetype n = std::min<qsizetype>(400, ids.size() - start);
        Statement st(db, QStringLiteral("SELECT i.set_id, k.s, v.s FROM kvset_item i JOIN str k ON k.id = i.key_id "
                                        "JOIN str v ON v.id = i.value_id WHERE i.value_id <> 0 AND i.set_id IN (%1) "
                                        "ORDER BY i.set_id, k.s")
                             .arg(sqlPlaceholders(n)));
        for (qsizetype i = 0; i < n; ++i)
            st.bind(static_cast<int>(i + 1), ids[start + i]);
        while (st.next())
            out[st.columnInt(0)].append({st.columnText(1), st.columnText(2)});
    }
    return out;
}

} // namespace costscope::store
