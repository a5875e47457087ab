#include "model/store/CostQuery.h"

#include "model/CurrencyRates.h"
#include "model/Domain.h"
#include "model/store/CurrencyRateStore.h"

#include <QHash>
#include <QLoggingCategory>
#include <QObject>

#include <algorithm>
#include <map>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcQuery, "costscope.store.query")

namespace costscope::store {

QString dimensionName(Dimension d)
{
    switch (d) {
    case Dimension::Provider: return QStringLiteral("provider");
    case Dimension::Account: return QStringLiteral("account");
    case Dimension::Service: return QStringLiteral("service");
    case Dimension::Region: return QStringLiteral("region");
    case Dimension::Resource: return QStringLiteral("resource");
    case Dimension::Tag: return QStringLiteral("tag");
    }
    return {};
}

std::optional<Dimension> dimensionFromName(QStringView name)
{
    for (Dimension d : {Dimension::Provider, Dimension::Account, Dimension::Service, Dimension::Region,
                        Dimension::Resource, Dimension::Tag}) {
        if (name.compare(dimensionName(d), Qt::CaseInsensitive) == 0)
            return d;
    }
    return std::nullopt;
}

CostSeries CostSeries::collapsed(int maxGroups, const QString &otherLabel) const
{
    if (!unconverted.empty()) {
        // Collapse the converted groups only; the unconverted ones follow in their currency.
        CostSeries converted = withoutUnconverted();
        converted.unconverted.clear();
        CostSeries out = converted.collapsed(maxGroups, otherLabel);
        out.unconverted = unconverted;
        for (const CostGroup &g : groups)
            if (!g.currency.isEmpty())
                out.groups.push_back(g);
        return out;
    }
    if (maxGroups < 1 || static_cast<int>(groups.size()) <= maxGroups)
        return *this;
    CostSeries out = *this;
    out.groups.resize(static_cast<size_t>(maxGroups - 1));
    CostGroup other;
    other.key = QStringLiteral("\x1f" "other");
    other.label = otherLabel;
    other.nanos.assign(buckets.size(), 0);
    for (size_t g = static_cast<size_t>(maxGroups - 1); g < groups.size(); ++g) {
        for (size_t b = 0; b < buckets.size(); ++b)
            other.nanos[b] += groups[g].nanos[b];
        other.total += groups[g].total;
    }
    out.groups.push_back(std::move(other));
    return out;
}

CostSeries CostSeries::withoutUnconverted() const
{
    CostSeries out = *this;
    out.groups.clear();
    for (const CostGroup &g : groups)
        if (g.currency.isEmpty())
            out.groups.push_back(g);
    return out;
}

std::vector<int64_t> CostSeries::bucketTotals() const
{
    std::vector<int64_t> out(buckets.size(), 0);
    for (const CostGroup &g : groups)
        for (size_t b = 0; b < buckets.size() && g.currency.isEmpty(); ++b)
            out[b] += g.nanos[b];
    return out;
}

namespace {

const char *measureColumn(Measure m)
{
    switch (m) {
    case Measure::Billed: return "billed";
    case Measure::Effective: return "effective";
    case Measure::List: return "list";
    }
    return "billed";
}

QString noneLabel(Dimension d)
{
    switch (d) {
    case Dimension::Tag: return QObject::tr("(untagged)");
    case Dimension::Resource: return QObject::tr("(no resource)");
    case Dimension::Region: return QObject::tr("(global)");
    default: return QObject::tr("(none)");
    }
}

} // namespace

CostSeries CostQuery::aggregate(const CostQuerySpec &spec, QString *error) const
{
    if (!spec.displayCurrency.isEmpty())
        return aggregateConverted(spec, error);
    if (spec.maxGroups > 0 && spec.groupBy)
        return aggregateTop(spec, error);

    CostSeries out;
    out.granularity = spec.granularity;
    auto &db = m_store.db();
    out.currency = spec.currency.isEmpty() ? mainCurrency() : spec.currency;
    if (!spec.from.isValid() || !spec.to.isValid() || spec.to <= spec.from) {
        if (error)
            *error = QStringLiteral("the date range is empty");
        return out;
    }
    // Buckets
    if (spec.granularity == Granularity::Day) {
        for (QDate d = spec.from; d < spec.to; d = d.addDays(1))
            out.buckets.push_back(d);
    } else if (spec.granularity == Granularity::Month) {
        for (QDate d(spec.from.year(), spec.from.month(), 1); d < spec.to; d = d.addMonths(1))
            out.buckets.push_back(d);
    } else {
        out.buckets.push_back(spec.from);
    }
    const int32_t fromDay = dayNumber(spec.from);
    const int32_t toDay = dayNumber(spec.to);
    std::vector<int32_t> bucketStartDays;
    for (const QDate &b : out.buckets)
        bucketStartDays.push_back(dayNumber(b));

    const auto currencyId = dictionaryId(db, out.currency);
    if (!currencyId)
        return out;

    const bool usesResourceTable = [&]() {
        if (spec.groupBy && (*spec.groupBy == Dimension::Resource || *spec.groupBy == Dimension::Tag))
            return true;
        return std::any_of(spec.filters.begin(), spec.filters.end(), [](const DimensionFilter &f) {
            return f.dimension == Dimension::Resource || f.dimension == Dimension::Tag;
        });
    }();

    // The rollups are keyed by day first, so a date range is one sequential, covering scan.
    // Rows are summed here rather than with GROUP BY: SQLite would sort every (group, day)
    // cell, which costs far more than a hash lookup per row. Provider and tag values are
    // mapped from the period and tag-set ids through small tables loaded up front, so the
    // scan joins nothing.
    QString column;
    QHash<int64_t, int64_t> groupOf; // period id -> provider, or tag set -> tag value
    enum class Mapping { None, Direct, Period, TagSet } mapping = Mapping::None;
    if (spec.groupBy) {
        switch (*spec.groupBy) {
        case Dimension::Provider: column = QStringLiteral("r.period_id"); mapping = Mapping::Period; break;
        case Dimension::Account: column = QStringLiteral("r.sub_account"); mapping = Mapping::Direct; break;
        case Dimension::Service: column = QStringLiteral("r.service"); mapping = Mapping::Direct; break;
        case Dimension::Region: column = QStringLiteral("r.region"); mapping = Mapping::Direct; break;
        case Dimension::Resource: column = QStringLiteral("r.resource"); mapping = Mapping::Direct; break;
        case Dimension::Tag: column = QStringLiteral("r.tagset"); mapping = Mapping::TagSet; break;
        }
    } else {
        column = QStringLiteral("0");
    }
    if (mapping == Mapping::Period) {
        Statement m(db, "SELECT id, provider FROM billing_period");
        while (m.next())
            groupOf.insert(m.columnInt(0), m.columnInt(1));
    } else if (mapping == Mapping::TagSet) {
        Statement m(db, "SELECT set_id, value_id FROM kvset_item WHERE key_id = ?");
        m.bind(1, dictionaryId(db, spec.groupTagKey).value_or(-1));
        while (m.next())
            groupOf.insert(m.columnInt(0), m.columnInt(1));
    }

    QString sql = QStringLiteral("SELECT %1, r.day, r.%2 FROM %3 r WHERE r.day >= ? AND r.day < ? "
                                 "AND r.period_id IN (SELECT id FROM billing_period WHERE currency = ?) ")
                      .arg(column, QLatin1String(measureColumn(spec.measure)),
                           usesResourceTable ? QStringLiteral("rollup_resource_daily") : QStringLiteral("rollup_daily"));
    QList<int64_t> binds;
    binds << fromDay << toDay << *currencyId;

    for (const DimensionFilter &f : spec.filters) {
        QList<int64_t> ids;
        bool wantsNone = false;
        for (const QString &v : f.values) {
            if (v.isEmpty())
                wantsNone = true;
            else if (auto id = dictionaryId(db, v))
                ids.append(*id);
        }
        if (ids.isEmpty() && !wantsNone) {
            sql += QStringLiteral("AND 0 ");
            continue;
        }
        if (f.dimension == Dimension::Tag) {
            const int64_t keyId = dictionaryId(db, f.tagKey).value_or(-1);
            QStringList parts;
            if (!ids.isEmpty()) {
                parts << QStringLiteral("r.tagset IN (SELECT set_id FROM kvset_item WHERE key_id = ? AND value_id IN (%1))")
                             .arg(sqlPlaceholders(ids.size()));
                binds << keyId << ids;
            }
            if (wantsNone) {
                // As in grouping, a tag with an empty value counts as untagged.
                parts << QStringLiteral("r.tagset NOT IN (SELECT set_id FROM kvset_item WHERE key_id = ? AND value_id <> 0)");
                binds << keyId;
            }
            sql += QStringLiteral("AND (") + parts.join(QStringLiteral(" OR ")) + QStringLiteral(") ");
            continue;
        }
        if (wantsNone)
            ids.append(0);
        if (f.dimension == Dimension::Provider) {
            sql += QStringLiteral("AND r.period_id IN (SELECT id FROM billing_period WHERE provider IN (%1)) ")
                       .arg(sqlPlaceholders(ids.size()));
            binds << ids;
            continue;
        }
        QString col;
        switch (f.dimension) {
        case Dimension::Account: col = QStringLiteral("r.sub_account"); break;
        case Dimension::Service: col = QStringLiteral("r.service"); break;
        case Dimension::Region: col = QStringLiteral("r.region"); break;
        case Dimension::Resource: col = QStringLiteral("r.resource"); break;
        case Dimension::Provider:
        case Dimension::Tag: break;
        }
        sql += QStringLiteral("AND %1 IN (%2) ").arg(col, sqlPlaceholders(ids.size()));
        binds << ids;
    }

    // One or more scans, each giving (group, day, amount) rows that are added (or subtracted)
    // into the cells.
    struct Part
    {
        QString sql;
        QList<int64_t> binds;
        bool mapped = false;      // the group column goes through groupOf
        int64_t fixedGroup = -1;  // >= 0: every row counts for this group
        int sign = 1;
        bool clamp = false;       // days outside the range count for its first or last day
    };
    std::vector<Part> parts;

    // Fast paths through the small rollups, when nothing but the provider narrows the query.
    const bool onlyProviderFilters = std::all_of(spec.filters.begin(), spec.filters.end(), [](const DimensionFilter &f) {
        return f.dimension == Dimension::Provider;
    });
    QString periods = QStringLiteral("r.period_id IN (SELECT id FROM billing_period WHERE currency = ?");
    QList<int64_t> periodBinds{*currencyId};
    bool noPeriods = false;
    for (const DimensionFilter &f : spec.filters) {
        if (f.dimension != Dimension::Provider)
            continue;
        QList<int64_t> ids;
        for (const QString &v : f.values) {
            if (v.isEmpty())
                ids.append(0);
            else if (auto id = dictionaryId(db, v))
                ids.append(*id);
        }
        if (ids.isEmpty())
            noPeriods = true;
        periods += QStringLiteral(" AND provider IN (%1)").arg(ids.isEmpty() ? QStringLiteral("NULL") : sqlPlaceholders(ids.size()));
        periodBinds << ids;
    }
    periods += QStringLiteral(")");
    const QString measure = QLatin1String(measureColumn(spec.measure));
    const QDate firstMonth(spec.from.year(), spec.from.month(), 1);
    const QDate lastDay = spec.to.addDays(-1);
    const QDate lastMonth(lastDay.year(), lastDay.month(), 1);

    if (onlyProviderFilters && !noPeriods && spec.groupBy == Dimension::Tag) {
        // Tagged cost from rollup_tag_daily; untagged is everything else in the range.
        const int64_t keyId = dictionaryId(db, spec.groupTagKey).value_or(-1);
        const QString tagged = QStringLiteral("SELECT r.value_id, r.day, r.%1 FROM rollup_tag_daily r WHERE r.key_id = ? "
                                              "AND r.day >= ? AND r.day < ? AND ")
                                   .arg(measure)
                               + periods;
        QList<int64_t> taggedBinds{keyId, fromDay, toDay};
        taggedBinds << periodBinds;
        parts.push_back({tagged, taggedBinds, false, -1, 1, false});
        QList<int64_t> totalBinds{fromDay, toDay};
        totalBinds << periodBinds;
        parts.push_back({QStringLiteral("SELECT 0, r.day, r.%1 FROM rollup_daily r WHERE r.day >= ? AND r.day < ? AND ")
                                 .arg(measure)
                             + periods,
                         totalBinds, false, 0, 1, false});
        parts.push_back({tagged, taggedBinds, false, 0, -1, false});
    } else if (onlyProviderFilters && !noPeriods && spec.groupBy == Dimension::Resource
               && spec.granularity != Granularity::Day && firstMonth != lastMonth) {
        // Months from rollup_resource_monthly. A month cut by the range either adds the days
        // inside the range from the daily rollup, or takes the whole month and subtracts the
        // days outside it, whichever reads fewer days: "the last 90 days" ends today, and
        // the rest of this month holds nothing yet. Rows are clamped into the range, so a
        // month counts for the bucket that holds its days in range.
        const QString daily = QStringLiteral("SELECT r.resource, r.day, r.%1 FROM rollup_resource_daily r "
                                             "WHERE r.day >= ? AND r.day < ? AND ")
                                  .arg(measure)
                              + periods;
        auto dailyPart = [&](int64_t a, int64_t b, int sign) {
            QList<int64_t> bs{a, b};
            bs << periodBinds;
            parts.push_back({daily, bs, false, -1, sign, true});
        };
        const int64_t firstMonthDay = dayNumber(firstMonth);
        const int64_t secondMonthDay = dayNumber(firstMonth.addMonths(1));
        const int64_t lastMonthDay = dayNumber(lastMonth);
        const int64_t afterLastMonthDay = dayNumber(lastMonth.addMonths(1));
        int64_t monthsFrom = firstMonthDay, monthsTo = afterLastMonthDay;
        if (fromDay > firstMonthDay) {
            if (fromDay - firstMonthDay < secondMonthDay - fromDay) {
                dailyPart(firstMonthDay, fromDay, -1);
            } else {
                dailyPart(fromDay, secondMonthDay, 1);
                monthsFrom = secondMonthDay;
            }
        }
        if (toDay < afterLastMonthDay) {
            if (afterLastMonthDay - toDay < toDay - lastMonthDay) {
                dailyPart(toDay, afterLastMonthDay, -1);
            } else {
                dailyPart(lastMonthDay, toDay, 1);
                monthsTo = lastMonthDay;
            }
        }
        if (monthsFrom < monthsTo) {
            QList<int64_t> bs{monthsFrom, monthsTo};
            bs << periodBinds;
            parts.push_back({QStringLiteral("SELECT r.resource, r.month, r.%1 FROM rollup_resource_monthly r "
                                            "WHERE r.month >= ? AND r.month < ? AND ")
                                     .arg(measure)
                                 + periods,
                             bs, false, -1, 1, true});
        }
    } else {
        parts.push_back({sql, binds, mapping == Mapping::Period || mapping == Mapping::TagSet, -1, 1, false});
    }

    // Bucket of each day in range.
    std::vector<uint32_t> bucketOfDay(static_cast<size_t>(toDay - fromDay), 0);
    for (size_t b = 0; b < bucketStartDays.size(); ++b) {
        const int32_t start = std::max(bucketStartDays[b], fromDay);
        const int32_t end = b + 1 < bucketStartDays.size() ? bucketStartDays[b + 1] : toDay;
        for (int32_t day = start; day < end; ++day)
            bucketOfDay[static_cast<size_t>(day - fromDay)] = static_cast<uint32_t>(b);
    }
    std::unordered_map<int64_t, size_t> groupIndex;
    std::vector<int64_t> groupIds;
    const size_t bucketCount = out.buckets.size();
    std::vector<int64_t> cells; // group-major: cells[group * bucketCount + bucket]
    for (const Part &part : parts) {
        Statement st(db, part.sql);
        if (!st.isValid()) {
            if (error)
                *error = st.error();
            qCWarning(lcQuery) << "query failed:" << st.error();
            return out;
        }
        for (qsizetype i = 0; i < part.binds.size(); ++i)
            st.bind(static_cast<int>(i + 1), part.binds[i]);
        while (st.next()) {
            int64_t gid = part.fixedGroup >= 0 ? part.fixedGroup : st.columnInt(0);
            if (part.mapped)
                gid = groupOf.value(gid, 0);
            int64_t day = st.columnInt(1);
            if (part.clamp)
                day = std::clamp<int64_t>(day, fromDay, toDay - 1);
            const int64_t nanos = st.columnInt(2);
            auto it = groupIndex.find(gid);
            if (it == groupIndex.end()) {
                it = groupIndex.emplace(gid, groupIds.size()).first;
                groupIds.push_back(gid);
                cells.resize(cells.size() + bucketCount, 0);
            }
            cells[it->second * bucketCount + bucketOfDay[static_cast<size_t>(day - fromDay)]] += part.sign * nanos;
        }
        if (!st.ok()) {
            if (error)
                *error = st.error();
            return {};
        }
    }
    // The untagged remainder of the tag fast path may be nothing at all.
    if (spec.groupBy == Dimension::Tag && parts.size() > 1) {
        auto it = groupIndex.find(0);
        if (it != groupIndex.end()) {
            const auto first = cells.begin() + static_cast<std::ptrdiff_t>(it->second * bucketCount);
            if (std::all_of(first, first + static_cast<std::ptrdiff_t>(bucketCount), [](int64_t c) { return c == 0; })) {
                const size_t last = groupIds.size() - 1;
                if (it->second != last) {
                    std::copy(cells.begin() + static_cast<std::ptrdiff_t>(last * bucketCount), cells.end(), first);
                    groupIds[it->second] = groupIds[last];
                    groupIndex[groupIds[it->second]] = it->second;
                }
                groupIds.pop_back();
                cells.resize(groupIds.size() * bucketCount);
                groupIndex.erase(0);
            }
        }
    }
    out.groups.resize(groupIds.size());
    for (size_t g = 0; g < groupIds.size(); ++g) {
        CostGroup &group = out.groups[g];
        group.nanos.assign(cells.begin() + static_cast<std::ptrdiff_t>(g * bucketCount),
                           cells.begin() + static_cast<std::ptrdiff_t>((g + 1) * bucketCount));
        for (int64_t n : group.nanos)
            group.total += n;
        out.total += group.total;
    }

    // Labels
    QHash<int64_t, QPair<QString, QString>> labels; // id -> raw, display name
    if (spec.groupBy) {
        for (size_t start = 0; start < groupIds.size(); start += 400) {
            const size_t n = std::min<size_t>(400, groupIds.size() - start);
            QString lsql;
            if (*spec.groupBy == Dimension::Account)
                lsql = QStringLiteral("SELECT s.id, s.s, COALESCE(n.s, '') FROM str s LEFT JOIN account a ON a.id = s.id "
                                      "LEFT JOIN str n ON n.id = a.name WHERE s.id IN (%1)");
            else if (*spec.groupBy == Dimension::Resource)
                lsql = QStringLiteral("SELECT s.id, s.s, COALESCE((SELECT n.s FROM resource x JOIN str n ON n.id = x.name "
                                      "WHERE x.resource = s.id LIMIT 1), '') FROM str s WHERE s.id IN (%1)");
            else
                lsql = QStringLiteral("SELECT s.id, s.s, '' FROM str s WHERE s.id IN (%1)");
            Statement ls(db, lsql.arg(sqlPlaceholders(static_cast<qsizetype>(n))));
            for (size_t i = 0; i < n; ++i)
                ls.bind(static_cast<int>(i + 1), groupIds[start + i]);
            while (ls.next())
                labels.insert(ls.columnInt(0), {ls.columnText(1), ls.columnText(2)});
        }
    }
    for (size_t i = 0; i < out.groups.size(); ++i) {
        CostGroup &g = out.groups[i];
        const int64_t gid = groupIds[i];
        if (!spec.groupBy) {
            g.label = QObject::tr("Total");
            continue;
        }
        if (gid == 0) {
            g.label = noneLabel(*spec.groupBy);
            continue;
        }
        const auto l = labels.value(gid);
        g.key = l.first;
        g.label = l.second.isEmpty() || l.second == l.first ? l.first : QStringLiteral("%1 (%2)").arg(l.second, l.first);
    }
    std::stable_sort(out.groups.begin(), out.groups.end(), [](const CostGroup &a, const CostGroup &b) {
        if (a.total != b.total)
            return a.total > b.total;
        return a.label < b.label;
    });

    // Other currencies in range, so the user knows what is not included.
    Statement cur(db, "SELECT DISTINCT c.s FROM billing_period p JOIN str c ON c.id = p.currency "
                      "WHERE p.period_end > ? AND p.period_start < ? AND p.currency <> ?");
    cur.bind(1, fromDay).bind(2, toDay).bind(3, *currencyId);
    while (cur.next())
        out.otherCurrencies << cur.columnText(0);
    return out;
}

CostSeries CostQuery::aggregateTop(const CostQuerySpec &spec, QString *error) const
{
    const QString otherLabel = QObject::tr("Other");
    CostQuerySpec full = spec;
    full.maxGroups = 0;
    // Only the resource regrouping has more groups than it is cheap to compute; the others are
    // collapsed after the fact.
    if (*spec.groupBy != Dimension::Resource || spec.granularity == Granularity::Total)
        return aggregate(full, error).collapsed(spec.maxGroups, otherLabel);
    CostQuerySpec totals = full;
    totals.granularity = Granularity::Total;
    const CostSeries ranking = aggregate(totals, error);
    if (error && !error->isEmpty())
        return {};
    if (static_cast<int>(ranking.groups.size()) <= spec.maxGroups)
        return aggregate(full, error);
    // The series of the leaders, and the bucket totals for "other".
    CostQuerySpec leaders = full;
    DimensionFilter pick;
    pick.dimension = Dimension::Resource;
    for (int i = 0; i < spec.maxGroups - 1; ++i)
        pick.values << ranking.groups[static_cast<size_t>(i)].key;
    leaders.filters << pick;
    CostSeries out = aggregate(leaders, error);
    CostQuerySpec all = full;
    all.groupBy.reset();
    const CostSeries everything = aggregate(all, error);
    if (error && !error->isEmpty())
        return {};
    CostGroup other;
    other.key = QStringLiteral("\x1f" "other");
    other.label = otherLabel;
    other.nanos = everything.bucketTotals();
    for (const CostGroup &g : out.groups)
        for (size_t b = 0; b < other.nanos.size() && b < g.nanos.size(); ++b)
            other.nanos[b] -= g.nanos[b];
    for (int64_t n : other.nanos)
        other.total += n;
    out.total = everything.total;
    out.groups.push_back(std::move(other));
    return out;
}

CostSeries CostQuery::aggregateConverted(const CostQuerySpec &spec, QString *error) const
{
    const QString display = spec.displayCurrency;
    CostQuerySpec base = spec;
    base.displayCurrency.clear();
    const QStringList present = currenciesIn(spec.from, spec.to);
    if (present.isEmpty() || (present.size() == 1 && present.front() == display)) {
        base.currency = display;
        return aggregate(base, error);
    }
    // One question per currency, each answered from the rollups as exact integer cells; a
    // total is asked by month, so that each month's subtotal meets that month's rate.
    const CurrencyRates rates = CurrencyRateStore(m_store).load();
    const bool wantsTotal = spec.granularity == Granularity::Total;
    base.maxGroups = 0;
    if (wantsTotal)
        base.granularity = Granularity::Month;
    CostSeries out;
    out.currency = display;
    out.granularity = spec.granularity;
    struct Acc
    {
        CostGroup group;
        QStringList sources;
        int64_t originalNanos = 0;
    };
    std::vector<Acc> accs;
    QHash<QString, size_t> index; // key + '\x1e' + currency of unconverted groups
    std::map<QString, UnconvertedAmount> missing;
    for (const QString &c : present) {
        base.currency = c;
        QString err;
        const CostSeries s = aggregate(base, &err);
        if (!err.isEmpty()) {
            if (error)
                *error = err;
            return out;
        }
        if (out.buckets.empty())
            out.buckets = wantsTotal ? std::vector<QDate>{spec.from} : s.buckets;
        const size_t outBuckets = out.buckets.size();
        std::vector<std::optional<ExchangeRate>> rateOf(s.buckets.size());
        for (size_t b = 0; b < s.buckets.size(); ++b)
            rateOf[b] = rates.rateForMonth(c, display, s.buckets[b]);
        for (const CostGroup &g : s.groups) {
            for (size_t b = 0; b < s.buckets.size() && b < g.nanos.size(); ++b) {
                const int64_t cell = g.nanos[b];
                if (cell == 0)
                    continue;
                std::optional<Money> converted;
                if (rateOf[b])
                    converted = rateOf[b]->convert(Money::fromNanos(cell));
                const QString key = converted ? g.key : QString(g.key + u'\x1e' + c);
                auto it = index.find(key);
                if (it == index.end()) {
                    Acc acc;
                    acc.group.key = g.key;
                    acc.group.label = g.label;
                    acc.group.nanos.assign(outBuckets, 0);
                    if (!converted)
                        acc.group.currency = c;
                    it = index.insert(key, accs.size());
                    accs.push_back(std::move(acc));
                }
                Acc &acc = accs[*it];
                const size_t target = wantsTotal ? 0 : b;
                if (converted) {
                    acc.group.nanos[target] += converted->nanos();
                    if (!acc.sources.contains(c))
                        acc.sources << c;
                    acc.originalNanos += cell;
                } else {
                    acc.group.nanos[target] += cell;
                    UnconvertedAmount &m = missing[c];
                    m.currency = c;
                    m.nanos += cell;
                    const QDate month(s.buckets[b].year(), s.buckets[b].month(), 1);
                    if (!m.months.contains(month))
                        m.months << month;
                }
            }
        }
    }
    for (Acc &acc : accs) {
        for (int64_t n : acc.group.nanos)
            acc.group.total += n;
        if (acc.group.currency.isEmpty()) {
            out.total += acc.group.total;
            if (acc.sources.size() == 1 && acc.sources.front() != display) {
                acc.group.originalCurrency = acc.sources.front();
                acc.group.originalTotal = acc.originalNanos;
            }
        }
        out.groups.push_back(std::move(acc.group));
    }
    std::stable_sort(out.groups.begin(), out.groups.end(), [](const CostGroup &a, const CostGroup &b) {
        if (a.currency != b.currency)
            return a.currency < b.currency; // converted ("") first
        if (a.total != b.total)
            return a.total > b.total;
        return a.label < b.label;
    });
    for (auto &[currency, m] : missing) {
        std::sort(m.months.begin(), m.months.end());
        out.unconverted.push_back(std::move(m));
    }
    if (spec.maxGroups > 0 && spec.groupBy)
        return out.collapsed(spec.maxGroups, QObject::tr("Other"));
    return out;
}

QStringList CostQuery::currenciesIn(const QDate &from, const QDate &to) const
{
    QStringList out;
    Statement st(m_store.db(), "SELECT DISTINCT c.s FROM billing_period p JOIN str c ON c.id = p.currency "
                               "WHERE p.period_end > ? AND p.period_start < ? ORDER BY 1");
    st.bind(1, static_cast<int64_t>(dayNumber(from))).bind(2, static_cast<int64_t>(dayNumber(to)));
    while (st.next())
        out << st.columnText(0);
    return out;
}

DataRange CostQuery::dataRange() const
{
    DataRange r;
    Statement st(m_store.db(), "SELECT min(day), max(day), count(*) FROM rollup_daily");
    if (st.next() && st.columnInt(2) > 0) {
        r.first = dateFromDayNumber(static_cast<int32_t>(st.columnInt(0)));
        r.last = dateFromDayNumber(static_cast<int32_t>(st.columnInt(1)));
    }
    return r;
}

QString CostQuery::mainCurrency() const
{
    Statement st(m_store.db(), "SELECT c.s FROM billing_period p JOIN str c ON c.id = p.currency "
                               "GROUP BY p.currency ORDER BY sum(abs(p.billed_total)) DESC LIMIT 1");
    if (st.next())
        return st.columnText(0);
    return QStringLiteral("USD");
}

QStringList CostQuery::currencies() const
{
    QStringList out;
    Statement st(m_store.db(), "SELECT DISTINCT c.s FROM billing_period p JOIN str c ON c.id = p.currency ORDER BY 1");
    while (st.next())
        out << st.columnText(0);
    return out;
}

QStringList CostQuery::tagKeys() const
{
    QStringList out;
    Statement st(m_store.db(), R"sql(SELECT DISTINCT s.s FROM kvset_item i JOIN str s ON s.id = i.key_id
        WHERE i.set_id IN (SELECT DISTINCT tagset FROM rollup_resource_daily) ORDER BY 1)sql");
    while (st.next())
        out << st.columnText(0);
    return out;
}

std::vector<DimensionValue> CostQuery::dimensionValues(Dimension dim, const QString &tagKey, const QDate &from,
                                                       const QDate &to, int limit, const QString &displayCurrency) const
{
    CostQuerySpec spec;
    spec.displayCurrency = displayCurrency;
    spec.from = from;
    spec.to = to;
    spec.groupBy = dim;
    spec.groupTagKey = tagKey;
    spec.granularity = Granularity::Total;
    const CostSeries s = aggregate(spec);
    std::vector<DimensionValue> out;
    for (const CostGroup &g : s.groups) {
        if (static_cast<int>(out.size()) >= limit)
            break;
        if (!g.currency.isEmpty())
            continue;
        out.push_back({g.key, g.label, g.total});
    }
    return out;
}

std::vector<PeriodInfo> CostQuery::periods() const
{
    std::vector<PeriodInfo> out;
    Statement st(m_store.db(), R"sql(SELECT pr.s, ac.s, an.s, p.period_start, p.period_end, cu.s, p.row_count,
            p.billed_total, src.kind, src.name, src.format
        FROM billing_period p JOIN str pr ON pr.id = p.provider JOIN str ac ON ac.id = p.account
        JOIN str an ON an.id = p.account_name JOIN str cu ON cu.id = p.currency
        JOIN source src ON src.id = p.source_id ORDER BY p.period_start, pr.s, ac.s)sql");
    while (st.next()) {
        PeriodInfo p;
        p.provider = st.columnText(0);
        p.account = st.columnText(1);
        p.accountName = st.columnText(2);
        p.start = dateFromDayNumber(static_cast<int32_t>(st.columnInt(3)));
        p.end = dateFromDayNumber(static_cast<int32_t>(st.columnInt(4)));
        p.currency = st.columnText(5);
        p.rows = st.columnInt(6);
        p.billedNanos = st.columnInt(7);
        p.sourceKind = st.columnText(8);
        p.sourceName = st.columnText(9);
        p.format = st.columnText(10);
        out.push_back(std::move(p));
    }
    return out;
}

int64_t CostQuery::lineItemCount() const { return m_store.db().queryInt("SELECT count(*) FROM line_item"); }

int64_t CostQuery::rawBilledTotal(const QDate &from, const QDate &to, const QString &currency) const
{
    Statement st(m_store.db(), "SELECT COALESCE(SUM(l.billed), 0) FROM line_item l "
                               "JOIN billing_period p ON p.id = l.period_id JOIN str c ON c.id = p.currency "
                               "WHERE l.day >= ? AND l.day < ? AND c.s = ?");
    st.bind(1, static_cast<int64_t>(dayNumber(from))).bind(2, static_cast<int64_t>(dayNumber(to)));
    st.bind(3, currency.isEmpty() ? mainCurrency() : currency);
    return st.next() ? st.columnInt(0) : 0;
}

} // namespace costscope::store
