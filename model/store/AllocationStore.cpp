#include "model/store/AllocationStore.h"

#include "model/CurrencyRates.h"
#include "model/Domain.h"
#include "model/store/CostQuery.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/SqliteDb.h"

#include <QHash>
#include <QLoggingCategory>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcAllocation, "costscope.store.allocation")

namespace costscope::store {

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

// day, team value id, service id, sub-account id, idle
struct CellKey
{
    int64_t day;
    int64_t team;
    int64_t service;
    int64_t account;
    bool idle;
    bool operator==(const CellKey &) const = default;
};

struct CellKeyHash
{
    size_t operator()(const CellKey &k) const noexcept
    {
        size_t h = std::hash<int64_t>()(k.day);
        for (int64_t v : {k.team, k.service, k.account, static_cast<int64_t>(k.idle)})
            h = h * 1000003u ^ std::hash<int64_t>()(v);
        return h;
    }
};

} // namespace

analysis::AllocationSettings AllocationStore::settings() const
{
    analysis::AllocationSettings out;
    SqliteDb &db = m_store.db();
    {
        Statement st(db, "SELECT value FROM allocation_option WHERE key = 'team_tag'");
        if (st.next() && !st.columnText(0).isEmpty())
            out.teamTagKey = st.columnText(0);
    }
    Statement rules(db, "SELECT id, name, source, value, method, active FROM allocation_rule ORDER BY position, id");
    Statement targets(db, "SELECT team, basis_points FROM allocation_target WHERE rule_id = ? ORDER BY position");
    while (rules.next()) {
        analysis::AllocationRule r;
        r.id = rules.columnInt(0);
        r.name = rules.columnText(1);
        const auto source = analysis::allocationSourceFromName(rules.columnText(2));
        const auto method = analysis::allocationMethodFromName(rules.columnText(4));
        if (!source || !method) {
            qCWarning(lcAllocation) << "allocation rule" << r.id << "has an unknown source or method; skipped";
            continue;
        }
        r.source = *source;
        r.value = rules.columnText(3);
        r.method = *method;
        r.active = rules.columnInt(5) != 0;
        targets.reset();
        targets.bind(1, r.id);
        while (targets.next())
            r.targets.push_back(analysis::AllocationTarget{targets.columnText(0), static_cast<int>(targets.columnInt(1))});
        targets.reset();
        out.rules.push_back(std::move(r));
    }
    return out;
}

bool AllocationStore::setSettings(const analysis::AllocationSettings &settings, QString *error)
{
    const QString problem = analysis::validateSettings(settings);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    SqliteDb &db = m_store.db();
    Transaction txn(db);
    if (!txn.isActive()) {
        if (error)
            *error = txn.error();
        return false;
    }
    auto failed = [&](const Statement &st) {
        if (error)
            *error = st.error();
        return false;
    };
    {
        Statement st(db, "INSERT INTO allocation_option(key, value) VALUES ('team_tag', ?1) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        st.bind(1, settings.teamTagKey.trimmed());
        if (!st.run())
            return failed(st);
    }
    {
        Statement st(db, "DELETE FROM allocation_rule");
        if (!st.run())
            return failed(st);
    }
    Statement rule(db, "INSERT INTO allocation_rule(position, name, source, value, method, active) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    Statement target(db, "INSERT INTO allocation_target(rule_id, position, team, basis_points) VALUES (?1, ?2, ?3, ?4)");
    for (size_t i = 0; i < settings.rules.size(); ++i) {
        const analysis::AllocationRule &r = settings.rules[i];
        rule.bind(1, static_cast<int64_t>(i + 1)).bind(2, r.name.trimmed()).bind(3, analysis::allocationSourceName(r.source));
        rule.bind(4, r.value.trimmed()).bind(5, analysis::allocationMethodName(r.method)).bind(6, r.active ? 1 : 0);
        if (!rule.run())
            return failed(rule);
        const int64_t id = db.lastInsertId();
        for (size_t t = 0; t < r.targets.size(); ++t) {
            target.bind(1, id).bind(2, static_cast<int64_t>(t + 1)).bind(3, r.targets[t].team.trimmed());
            target.bind(4, r.method == analysis::AllocationMethod::Fixed ? r.targets[t].basisPoints : 0);
            if (!target.run())
                return failed(target);
        }
    }
    if (!txn.commit()) {
        if (error)
            *error = txn.error();
        return false;
    }
    return true;
}

std::vector<analysis::AllocationCell> AllocationStore::cells(const QDate &from, const QDate &to,
                                                             const QString &teamTagKey, const QString &currency,
                                                             Measure measure, QString *error) const
{
    std::vector<analysis::AllocationCell> out;
    SqliteDb &db = m_store.db();
    const QString cur = currency.isEmpty() ? CostQuery(m_store).mainCurrency() : currency;
    const auto currencyId = dictionaryId(db, cur);
    if (!currencyId || !from.isValid() || !to.isValid() || to <= from)
        return out;
    // Tag set -> team value id, loaded once; a set without the key (or with an empty value) is untagged.
    QHash<int64_t, int64_t> teamOf;
    {
        Statement m(db, "SELECT set_id, value_id FROM kvset_item WHERE key_id = ?");
        m.bind(1, dictionaryId(db, teamTagKey).value_or(-1));
        while (m.next())
            teamOf.insert(m.columnInt(0), m.columnInt(1));
    }
    const int64_t emptyId = dictionaryId(db, QString()).value_or(-1);
    const int64_t idleId = dictionaryId(db, QStringLiteral("__idle__")).value_or(-1);
    std::unordered_map<CellKey, int64_t, CellKeyHash> sums;
    Statement st(db, QStringLiteral("SELECT r.day, r.tagset, r.service, r.sub_account, r.resource, r.%1 "
                                    "FROM rollup_resource_daily r WHERE r.day >= ?1 AND r.day < ?2 "
                                    "AND r.period_id IN (SELECT id FROM billing_period WHERE currency = ?3)")
                         .arg(QLatin1String(measureColumn(measure))));
    st.bind(1, static_cast<int64_t>(dayNumber(from))).bind(2, static_cast<int64_t>(dayNumber(to))).bind(3, *currencyId);
    while (st.next()) {
        int64_t team = teamOf.value(st.columnInt(1), 0);
        if (team == emptyId)
            team = 0;
        // OpenCost names unallocated cluster capacity __idle__: as the namespace (our sub-account) when
        // aggregated by namespace, as the workload otherwise.
        const bool idle = st.columnInt(4) == idleId || st.columnInt(3) == idleId;
        sums[CellKey{st.columnInt(0), team, st.columnInt(2), st.columnInt(3), idle}] += st.columnInt(5);
    }
    if (!st.ok()) {
        if (error)
            *error = st.error();
        return {};
    }
    QHash<int64_t, QString> text;
    Statement lookup(db, "SELECT s FROM str WHERE id = ?");
    auto textOf = [&](int64_t id) -> QString {
        if (id == 0)
            return {};
        auto it = text.constFind(id);
        if (it != text.constEnd())
            return *it;
        lookup.reset();
        lookup.bind(1, id);
        const QString s = lookup.next() ? lookup.columnText(0) : QString();
        lookup.reset();
        text.insert(id, s);
        return s;
    };
    out.reserve(sums.size());
    for (const auto &[k, nanos] : sums)
        out.push_back(analysis::AllocationCell{static_cast<int32_t>(k.day), textOf(k.team), textOf(k.service),
                                               textOf(k.account), k.idle, nanos});
    // A stable order for people reading a dump; the allocation itself does not depend on it.
    std::sort(out.begin(), out.end(), [](const analysis::AllocationCell &a, const analysis::AllocationCell &b) {
        return std::tie(a.day, a.team, a.service, a.account, a.idle) < std::tie(b.day, b.team, b.service, b.account, b.idle);
    });
    return out;
}

analysis::AllocationResult AllocationStore::allocate(const QDate &from, const QDate &to, Granularity granularity,
                                                     Measure measure, const QString &displayCurrency) const
{
    const analysis::AllocationSettings s = settings();
    const CostQuery query(m_store);
    const QString currency = displayCurrency.isEmpty() ? query.mainCurrency() : displayCurrency;
    QString error;
    std::vector<analysis::AllocationCell> c;
    std::map<QString, UnconvertedAmount> missing;
    std::map<QString, std::vector<analysis::AllocationCell>> apart; // cells with no rate, by currency
    if (displayCurrency.isEmpty()) {
        c = cells(from, to, s.teamTagKey, currency, measure, &error);
    } else {
        const CurrencyRates rates = CurrencyRateStore(m_store).load();
        for (const QString &billed : query.currenciesIn(from, to)) {
            std::vector<analysis::AllocationCell> part = cells(from, to, s.teamTagKey, billed, measure, &error);
            if (!error.isEmpty())
                break;
            for (analysis::AllocationCell &cell : part) {
                if (billed != currency) {
                    const QDate day = dateFromDayNumber(cell.day);
                    const QDate month(day.year(), day.month(), 1);
                    const std::optional<ExchangeRate> rate = rates.rateForMonth(billed, currency, month);
                    const std::optional<Money> converted = rate ? rate->convert(Money::fromNanos(cell.nanos))
                                                                : std::optional<Money>();
                    if (!converted) {
                        UnconvertedAmount &m = missing[billed];
                        m.currency = billed;
                        m.nanos += cell.nanos;
                        if (!m.months.contains(month))
                            m.months << month;
                        apart[billed].push_back(std::move(cell));
                        continue;
                    }
                    cell.nanos = converted->nanos();
                }
                c.push_back(std::move(cell));
            }
        }
    }
    analysis::AllocationResult result = analysis::allocate(c, s, from, to, granularity, currency);
    // Cost with no rate is not split (the rules weigh one currency): it stays with its team in its
    // own currency, in groups apart (CostGroup::currency) outside both totals, as in the Explorer.
    analysis::AllocationSettings byTeam;
    byTeam.teamTagKey = s.teamTagKey;
    for (const auto &[code, part] : apart) {
        const analysis::AllocationResult own = analysis::allocate(part, byTeam, from, to, granularity, code);
        for (store::CostGroup g : own.before.groups) {
            g.currency = code;
            result.before.groups.push_back(g);
            result.after.groups.push_back(std::move(g));
        }
    }
    for (auto &[code, m] : missing) {
        std::sort(m.months.begin(), m.months.end());
        result.unconverted.push_back(std::move(m));
    }
    if (!error.isEmpty())
        result.error = error;
    return result;
}

} // namespace costscope::store
