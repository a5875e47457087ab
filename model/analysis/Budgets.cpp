#include "model/analysis/Budgets.h"

#include "model/Money.h"
#include "model/analysis/ResourceInventory.h"
#include "model/store/BudgetQuery.h"
#include "model/store/BudgetSettings.h"
#include "model/store/CostQuery.h"
#include "model/store/CurrencyRateStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <functional>
#include <map>

namespace costscope::analysis {

namespace {

QString money(int64_t nanos) { return Money::fromNanos(nanos).toString(2); }

QString tagValue(const Tags &tags, const QString &key, bool *found)
{
    for (const auto &t : tags) {
        if (t.first == key) {
            *found = true;
            return t.second;
        }
    }
    *found = false;
    return {};
}

bool termHolds(const ScopeTerm &t, const QString &provider, const QString &account, const QString &service,
               const QString &region, const Tags &tags)
{
    switch (t.dimension) {
    case ScopeDimension::Provider: return provider.compare(t.value, Qt::CaseInsensitive) == 0;
    case ScopeDimension::Account: return account == t.value;
    case ScopeDimension::Service: return service == t.value;
    case ScopeDimension::Region: return region == t.value;
    case ScopeDimension::Tag: {
        bool found = false;
        const QString v = tagValue(tags, t.key, &found);
        return found && (t.value.isEmpty() ? !v.isEmpty() : v == t.value);
    }
    }
    return false;
}

QString resourceLabel(const BudgetResource &r)
{
    if (r.name.isEmpty() || r.name == r.resourceId)
        return r.resourceId;
    return r.name + QStringLiteral(" (") + r.resourceId + u')';
}

// The pool tree: indexes, parents and a depth-first order with children by name.
struct PoolTree
{
    std::vector<int> parent;
    std::vector<int> depth;
    std::vector<int> order;
    QHash<QString, int> index;

    explicit PoolTree(const std::vector<BudgetPool> &pools)
    {
        const int n = static_cast<int>(pools.size());
        for (int i = 0; i < n; ++i)
            index.insert(pools[static_cast<size_t>(i)].name, i);
        parent.assign(static_cast<size_t>(n), -1);
        for (int i = 0; i < n; ++i) {
            const auto &p = pools[static_cast<size_t>(i)];
            const int q = p.parent.isEmpty() ? -1 : index.value(p.parent, -1);
            parent[static_cast<size_t>(i)] = q == i ? -1 : q;
        }
        // A cycle (a -> b -> a) is cut where it is found, so every pool has a root.
        for (int i = 0; i < n; ++i) {
            int steps = 0;
            for (int q = parent[static_cast<size_t>(i)]; q >= 0; q = parent[static_cast<size_t>(q)]) {
                if (++steps > n) {
                    parent[static_cast<size_t>(i)] = -1;
                    break;
                }
            }
        }
        depth.assign(static_cast<size_t>(n), 0);
        std::vector<std::vector<int>> children(static_cast<size_t>(n));
        std::vector<int> roots;
        for (int i = 0; i < n; ++i) {
            const int q = parent[static_cast<size_t>(i)];
            (q < 0 ? roots : children[static_cast<size_t>(q)]).push_back(i);
        }
        auto byName = [&pools](int a, int b) {
            return pools[static_cast<size_t>(a)].name.compare(pools[static_cast<size_t>(b)].name, Qt::CaseInsensitive) < 0;
        };
        std::function<void(int, int)> visit = [&](int i, int d) {
            depth[static_cast<size_t>(i)] = d;
            order.push_back(i);
            auto &c = children[static_cast<size_t>(i)];
            std::sort(c.begin(), c.end(), byName);
            for (int k : c)
                visit(k, d + 1);
        };
        std::sort(roots.begin(), roots.end(), byName);
        for (int r : roots)
            visit(r, 0);
    }

    // The pool and its ancestors, marked in `into`.
    void markWithAncestors(int i, std::vector<char> &into) const
    {
        for (int q = i; q >= 0 && !into[static_cast<size_t>(q)]; q = parent[static_cast<size_t>(q)])
            into[static_cast<size_t>(q)] = 1;
    }
};

} // namespace

QString scopeDimensionName(ScopeDimension d)
{
    switch (d) {
    case ScopeDimension::Provider: return QStringLiteral("provider");
    case ScopeDimension::Account: return QStringLiteral("account");
    case ScopeDimension::Service: return QStringLiteral("service");
    case ScopeDimension::Region: return QStringLiteral("region");
    case ScopeDimension::Tag: return QStringLiteral("tag");
    }
    return {};
}

std::optional<ScopeDimension> scopeDimensionFromName(QStringView name)
{
    for (ScopeDimension d : {ScopeDimension::Provider, ScopeDimension::Account, ScopeDimension::Service,
                             ScopeDimension::Region, ScopeDimension::Tag})
        if (name.compare(scopeDimensionName(d), Qt::CaseInsensitive) == 0)
            return d;
    return std::nullopt;
}

QString scopeText(const std::vector<ScopeTerm> &scope)
{
    // Terms of one dimension (and tag key) are listed together: "account is A, B".
    QStringList parts;
    std::vector<bool> done(scope.size(), false);
    for (size_t i = 0; i < scope.size(); ++i) {
        if (done[i])
            continue;
        const ScopeTerm &t = scope[i];
        if (t.dimension == ScopeDimension::Tag && t.value.isEmpty()) {
            parts << QStringLiteral("tag ") + t.key + QStringLiteral(" exists");
            done[i] = true;
            continue;
        }
        QStringList values;
        for (size_t j = i; j < scope.size(); ++j) {
            const ScopeTerm &u = scope[j];
            if (!done[j] && u.dimension == t.dimension && u.key == t.key && !(u.dimension == ScopeDimension::Tag && u.value.isEmpty())) {
                values << u.value;
                done[j] = true;
            }
        }
        if (t.dimension == ScopeDimension::Tag)
            parts << QStringLiteral("tag ") + t.key + QStringLiteral(" = ") + values.join(QStringLiteral(", "));
        else
            parts << scopeDimensionName(t.dimension) + QStringLiteral(" is ") + values.join(QStringLiteral(", "));
    }
    return parts.join(QStringLiteral(" and "));
}

bool parseScope(const QString &text, std::vector<ScopeTerm> *out, QString *error)
{
    std::vector<ScopeTerm> terms;
    const QString trimmed = text.trimmed();
    if (!trimmed.isEmpty()) {
        for (const QString &rawPart : trimmed.split(QStringLiteral(" and "))) {
            const QString part = rawPart.trimmed();
            auto bad = [&](const QString &why) {
                if (error)
                    *error = QStringLiteral("scope: \u201c%1\u201d: %2").arg(part, why);
                return false;
            };
            if (part.startsWith(QStringLiteral("tag "), Qt::CaseInsensitive)) {
                const QString rest = part.mid(4).trimmed();
                if (rest.endsWith(QStringLiteral(" exists"), Qt::CaseInsensitive)) {
                    const QString key = rest.chopped(7).trimmed();
                    if (key.isEmpty())
                        return bad(QStringLiteral("a tag key is missing"));
                    terms.push_back({ScopeDimension::Tag, key, {}});
                    continue;
                }
                const qsizetype eq = rest.indexOf(u'=');
                if (eq <= 0)
                    return bad(QStringLiteral("expected \u201ctag KEY = VALUE\u201d or \u201ctag KEY exists\u201d"));
                const QString key = rest.left(eq).trimmed();
                if (key.isEmpty())
                    return bad(QStringLiteral("a tag key is missing"));
                for (const QString &v : rest.mid(eq + 1).split(u',')) {
                    if (v.trimmed().isEmpty())
                        return bad(QStringLiteral("a value is missing"));
                    terms.push_back({ScopeDimension::Tag, key, v.trimmed()});
                }
                continue;
            }
            const qsizetype is = part.indexOf(QStringLiteral(" is "), 0, Qt::CaseInsensitive);
            if (is <= 0)
                return bad(QStringLiteral("expected \u201cprovider|account|service|region is VALUE\u201d"));
            const auto dim = scopeDimensionFromName(part.left(is).trimmed());
            if (!dim || *dim == ScopeDimension::Tag)
                return bad(QStringLiteral("unknown dimension \u201c%1\u201d").arg(part.left(is).trimmed()));
            for (const QString &v : part.mid(is + 4).split(u',')) {
                if (v.trimmed().isEmpty())
                    return bad(QStringLiteral("a value is missing"));
                terms.push_back({*dim, {}, v.trimmed()});
            }
        }
    }
    if (out)
        *out = std::move(terms);
    return true;
}

std::optional<int64_t> BudgetThreshold::amount(int64_t monthlyLimit) const
{
    if (kind == Kind::Absolute)
        return value;
    if (monthlyLimit <= 0)
        return std::nullopt;
    // Exact: limit x percent / 100 in 128 bits, rounded down to the nano.
    return static_cast<int64_t>(static_cast<Int128>(monthlyLimit) * value / 100);
}

QString BudgetThreshold::key() const
{
    const QString b = basis == Basis::Actual ? QStringLiteral("actual") : QStringLiteral("forecast");
    if (kind == Kind::PercentOfLimit)
        return b + u' ' + QString::number(value) + u'%';
    return b + u' ' + money(value);
}

std::optional<BudgetThreshold> parseThreshold(const QString &text)
{
    const QStringList parts = text.simplified().split(u' ');
    if (parts.size() != 2)
        return std::nullopt;
    BudgetThreshold t;
    if (parts[0].compare(QStringLiteral("actual"), Qt::CaseInsensitive) == 0)
        t.basis = BudgetThreshold::Basis::Actual;
    else if (parts[0].compare(QStringLiteral("forecast"), Qt::CaseInsensitive) == 0)
        t.basis = BudgetThreshold::Basis::Forecast;
    else
        return std::nullopt;
    QString v = parts[1];
    if (v.endsWith(u'%')) {
        bool ok = false;
        const int percent = v.chopped(1).toInt(&ok);
        if (!ok || percent <= 0 || percent > 1000)
            return std::nullopt;
        t.kind = BudgetThreshold::Kind::PercentOfLimit;
        t.value = percent;
        return t;
    }
    const auto m = Money::parse(QStringView(v));
    if (!m || m->nanos() <= 0)
        return std::nullopt;
    t.kind = BudgetThreshold::Kind::Absolute;
    t.value = m->nanos();
    return t;
}

QString constraintKindName(ConstraintKind kind)
{
    switch (kind) {
    case ConstraintKind::Ttl: return QStringLiteral("ttl");
    case ConstraintKind::DailyExpenseLimit: return QStringLiteral("daily_expense_limit");
    case ConstraintKind::TotalExpenseLimit: return QStringLiteral("total_expense_limit");
    case ConstraintKind::TaggingPolicy: return QStringLiteral("tagging_policy");
    case ConstraintKind::ResourceQuota: return QStringLiteral("resource_quota");
    case ConstraintKind::RecurringBudget: return QStringLiteral("recurring_budget");
    case ConstraintKind::ExpiringBudget: return QStringLiteral("expiring_budget");
    }
    return {};
}

std::optional<ConstraintKind> constraintKindFromName(QStringView name)
{
    for (ConstraintKind k : {ConstraintKind::Ttl, ConstraintKind::DailyExpenseLimit, ConstraintKind::TotalExpenseLimit,
                             ConstraintKind::TaggingPolicy, ConstraintKind::ResourceQuota,
                             ConstraintKind::RecurringBudget, ConstraintKind::ExpiringBudget})
        if (name == constraintKindName(k))
            return k;
    return std::nullopt;
}

QString constraintKindTitle(ConstraintKind kind)
{
    switch (kind) {
    case ConstraintKind::Ttl: return QStringLiteral("TTL");
    case ConstraintKind::DailyExpenseLimit: return QCoreApplication::translate("costscope::analysis::Budgets", "Daily expense limit");
    case ConstraintKind::TotalExpenseLimit: return QCoreApplication::translate("costscope::analysis::Budgets", "Total expense limit");
    case ConstraintKind::TaggingPolicy: return QCoreApplication::translate("costscope::analysis::Budgets", "Tagging policy");
    case ConstraintKind::ResourceQuota: return QCoreApplication::translate("costscope::analysis::Budgets", "Resource quota");
    case ConstraintKind::RecurringBudget: return QCoreApplication::translate("costscope::analysis::Budgets", "Recurring monthly budget");
    case ConstraintKind::ExpiringBudget: return QCoreApplication::translate("costscope::analysis::Budgets", "Expiring total budget");
    }
    return {};
}

QString BudgetConstraint::describe(const QString &currency) const
{
    const QString cur = currency.isEmpty() ? QString() : u' ' + currency;
    switch (kind) {
    case ConstraintKind::Ttl: return QStringLiteral("TTL");
    case ConstraintKind::DailyExpenseLimit: return QStringLiteral("daily expense limit ") + money(amount) + cur;
    case ConstraintKind::TotalExpenseLimit: return QStringLiteral("total expense limit ") + money(amount) + cur;
    case ConstraintKind::TaggingPolicy: {
        QStringList p;
        if (!requiredTags.isEmpty())
            p << QStringLiteral("required tags ") + requiredTags.join(QStringLiteral(", "));
        if (!forbiddenTags.isEmpty())
            p << QStringLiteral("forbidden tags ") + forbiddenTags.join(QStringLiteral(", "));
        return QStringLiteral("tagging policy: ") + p.join(QStringLiteral("; "));
    }
    case ConstraintKind::ResourceQuota:
        return QStringLiteral("resource quota: at most %1 %2").arg(count).arg(resourceType.isEmpty() ? QStringLiteral("resources") : resourceType);
    case ConstraintKind::RecurringBudget: return QStringLiteral("recurring monthly budget ") + money(amount) + cur;
    case ConstraintKind::ExpiringBudget:
        return QStringLiteral("expiring budget ") + money(amount) + cur + QStringLiteral(" from ")
            + from.toString(Qt::ISODate) + QStringLiteral(" until ") + until.toString(Qt::ISODate);
    }
    return {};
}

QString budgetStatusName(BudgetStatus s)
{
    switch (s) {
    case BudgetStatus::NoLimit: return QStringLiteral("no_limit");
    case BudgetStatus::Ok: return QStringLiteral("ok");
    case BudgetStatus::Warning: return QStringLiteral("warning");
    case BudgetStatus::ForecastOver: return QStringLiteral("forecast_over");
    case BudgetStatus::Over: return QStringLiteral("over");
    }
    return {};
}

const PoolResult *BudgetReport::pool(const QString &name) const
{
    for (const PoolResult &p : pools)
        if (p.name == name)
            return &p;
    return nullptr;
}

std::vector<const BudgetAlert *> BudgetReport::newAlerts() const
{
    std::vector<const BudgetAlert *> out;
    for (const BudgetAlert &a : alerts)
        if (a.isNew)
            out.push_back(&a);
    return out;
}

ForecastOptions budgetForecastOptions()
{
    ForecastOptions o;
    o.backtests = 1;
    return o;
}

bool inScope(const std::vector<ScopeTerm> &scope, const QString &provider, const QString &account,
             const QString &service, const QString &region, const Tags &tags)
{
    if (scope.empty())
        return false;
    // Each dimension present (tags: each key) needs one of its terms to hold.
    for (size_t i = 0; i < scope.size(); ++i) {
        const ScopeTerm &t = scope[i];
        bool first = true;
        for (size_t j = 0; j < i; ++j)
            if (scope[j].dimension == t.dimension && (t.dimension != ScopeDimension::Tag || scope[j].key == t.key))
                first = false;
        if (!first)
            continue;
        bool any = false;
        for (size_t j = i; j < scope.size() && !any; ++j) {
            const ScopeTerm &u = scope[j];
            if (u.dimension == t.dimension && (t.dimension != ScopeDimension::Tag || u.key == t.key))
                any = termHolds(u, provider, account, service, region, tags);
        }
        if (!any)
            return false;
    }
    return true;
}

BudgetReport evaluateBudgets(const BudgetInput &in, const ForecastOptions &forecastOptions)
{
    BudgetReport report;
    report.currency = in.currency;
    report.limitCurrency = in.currency;
    report.month = in.month;
    report.asOf = in.asOf;
    report.error = in.error;
    report.unconverted = in.unconverted;
    const PoolTree tree(in.pools);
    const size_t nPools = in.pools.size();
    const QDate monthEnd = in.month.addMonths(1).addDays(-1);
    const bool hasData = in.asOf.isValid() && in.historyStart.isValid() && in.asOf >= in.month;
    const int monthFirst = hasData ? static_cast<int>(in.historyStart.daysTo(in.month)) : 0;
    const int asOfIndex = hasData ? static_cast<int>(in.historyStart.daysTo(in.asOf)) : -1;
    const int monthDays = hasData ? asOfIndex - monthFirst + 1 : 0;

    // The pools each cost key counts in: its scope matches, or the rules put its resource in
    // the pool; then every ancestor. A key counts once per pool however many ways it gets there.
    std::vector<std::vector<int>> members(in.keys.size());
    {
        std::vector<char> mark(nPools);
        for (size_t k = 0; k < in.keys.size(); ++k) {
            const BudgetCostKey &key = in.keys[k];
            std::fill(mark.begin(), mark.end(), 0);
            for (size_t p = 0; p < nPools; ++p)
                if (!mark[p] && inScope(in.pools[p].scope, key.provider, key.account, key.service, key.region, key.tags))
                    tree.markWithAncestors(static_cast<int>(p), mark);
            if (!key.assignedPool.isEmpty()) {
                const int p = tree.index.value(key.assignedPool, -1);
                if (p >= 0)
                    tree.markWithAncestors(p, mark);
            }
            for (size_t p = 0; p < nPools; ++p)
                if (mark[p])
                    members[k].push_back(static_cast<int>(p));
        }
    }

    // Daily history per pool, and each resource's daily cost this month.
    const auto histDays = static_cast<size_t>(std::max(0, asOfIndex + 1));
    std::vector<std::vector<int64_t>> hist(nPools, std::vector<int64_t>(histDays, 0));
    QHash<QString, int> resourceIndex;
    for (size_t r = 0; r < in.resources.size(); ++r)
        resourceIndex.insert(in.resources[r].resourceId, static_cast<int>(r));
    std::vector<int> keyResource(in.keys.size(), -1);
    for (size_t k = 0; k < in.keys.size(); ++k)
        if (!in.keys[k].resourceId.isEmpty())
            keyResource[k] = resourceIndex.value(in.keys[k].resourceId, -1);
    std::vector<std::vector<int64_t>> resourceDaily(in.resources.size());
    std::vector<int64_t> resourceMonth(in.resources.size(), 0);
    for (const BudgetCostCell &c : in.cells) {
        if (c.day < 0 || c.day > asOfIndex || c.key < 0 || static_cast<size_t>(c.key) >= in.keys.size())
            continue;
        for (int p : members[static_cast<size_t>(c.key)])
            hist[static_cast<size_t>(p)][static_cast<size_t>(c.day)] += c.nanos;
        const int r = keyResource[static_cast<size_t>(c.key)];
        if (r >= 0 && c.day >= monthFirst) {
            auto &d = resourceDaily[static_cast<size_t>(r)];
            if (d.empty())
                d.assign(static_cast<size_t>(monthDays), 0);
            d[static_cast<size_t>(c.day - monthFirst)] += c.nanos;
            resourceMonth[static_cast<size_t>(r)] += c.nanos;
        }
    }

    // Pools: month to date, forecast, status, alerts.
    std::vector<int64_t> poolMtd(nPools, 0);
    for (int p : tree.order) {
        const BudgetPool &pool = in.pools[static_cast<size_t>(p)];
        PoolResult res;
        res.name = pool.name;
        res.parent = tree.parent[static_cast<size_t>(p)] >= 0 ? pool.parent : QString();
        res.depth = tree.depth[static_cast<size_t>(p)];
        res.limit = std::max<int64_t>(0, pool.monthlyLimit);
        if (hasData) {
            const auto &h = hist[static_cast<size_t>(p)];
            res.daily.assign(h.begin() + monthFirst, h.end());
            MoneySum mtd;
            for (int64_t v : res.daily)
                mtd.add(Money::fromNanos(v));
            res.monthToDate = mtd.total().nanos();
            res.forecast = res.forecastLow = res.forecastHigh = res.monthToDate;
            if (in.asOf < monthEnd) {
                res.projection = forecastSeries(h, in.historyStart, monthEnd, forecastOptions);
                const QDate rest = in.asOf.addDays(1);
                const QDate next = monthEnd.addDays(1);
                res.forecast += res.projection.sum(rest, next);
                res.forecastLow += res.projection.sumLow(rest, next);
                res.forecastHigh += res.projection.sumHigh(rest, next);
            }
        }
        poolMtd[static_cast<size_t>(p)] = res.monthToDate;
        if (res.limit <= 0) {
            res.status = BudgetStatus::NoLimit;
        } else {
            res.percentUsed = static_cast<double>(res.monthToDate) * 100.0 / static_cast<double>(res.limit);
            if (res.monthToDate > res.limit)
                res.status = BudgetStatus::Over;
            else if (res.forecast > res.limit)
                res.status = BudgetStatus::ForecastOver;
            else if (static_cast<Int128>(res.monthToDate) * 100 >= static_cast<Int128>(res.limit) * kWarningPercent)
                res.status = BudgetStatus::Warning;
            else
                res.status = BudgetStatus::Ok;
        }
        for (const BudgetThreshold &t : pool.thresholds) {
            const auto at = t.amount(res.limit);
            if (!at || !hasData)
                continue;
            const int64_t value = t.basis == BudgetThreshold::Basis::Actual ? res.monthToDate : res.forecast;
            if (value < *at)
                continue;
            BudgetAlert a;
            a.pool = pool.name;
            a.threshold = t;
            a.thresholdAmount = *at;
            a.value = value;
            a.isNew = !in.firedAlerts.contains(a.key());
            // The window shows the alert (banner, notification); the command line prints it untranslated.
            const QString what = t.basis == BudgetThreshold::Basis::Actual
                                     ? QCoreApplication::translate("costscope::analysis::Budgets", "month to date")
                                     : QCoreApplication::translate("costscope::analysis::Budgets", "month-end forecast");
            a.message = QCoreApplication::translate("costscope::analysis::Budgets", "%1: %2 %3 %4 reached the %5 threshold (%6 %4)")
                            .arg(pool.name, what, money(value), in.currency, t.key(), money(*at));
            report.alerts.push_back(std::move(a));
        }
        report.pools.push_back(std::move(res));
    }

    // Which pools each resource is in: through its billed keys, its rules' pool, or its own
    // attributes meeting a pool's scope (resources with no cost in the window).
    std::vector<std::vector<char>> resourcePools(in.resources.size(), std::vector<char>(nPools, 0));
    for (size_t k = 0; k < in.keys.size(); ++k) {
        const int r = keyResource[k];
        if (r >= 0)
            for (int p : members[k])
                resourcePools[static_cast<size_t>(r)][static_cast<size_t>(p)] = 1;
    }
    for (size_t r = 0; r < in.resources.size(); ++r) {
        const BudgetResource &res = in.resources[r];
        auto &mark = resourcePools[r];
        if (!res.pool.isEmpty()) {
            const int p = tree.index.value(res.pool, -1);
            if (p >= 0)
                tree.markWithAncestors(p, mark);
        }
        for (size_t p = 0; p < nPools; ++p)
            if (!mark[p] && inScope(in.pools[p].scope, res.provider, res.account, QString(), res.region, res.tags))
                tree.markWithAncestors(static_cast<int>(p), mark);
    }
    auto resourcesOf = [&](int p) {
        std::vector<int> out;
        for (size_t r = 0; r < in.resources.size(); ++r)
            if (resourcePools[r][static_cast<size_t>(p)])
                out.push_back(static_cast<int>(r));
        return out;
    };
    auto topByMonthCost = [&](std::vector<int> rs, size_t n) {
        std::sort(rs.begin(), rs.end(), [&](int a, int b) {
            return resourceMonth[static_cast<size_t>(a)] > resourceMonth[static_cast<size_t>(b)];
        });
        QStringList out;
        for (int r : rs) {
            if (out.size() >= static_cast<qsizetype>(n) || resourceMonth[static_cast<size_t>(r)] <= 0)
                break;
            out << resourceLabel(in.resources[static_cast<size_t>(r)]);
        }
        return out;
    };

    // TTL: every active resource past its expiry, under its pool.
    for (const BudgetResource &r : in.resources) {
        if (!r.active || !r.ttlExpired)
            continue;
        BudgetViolation v;
        v.kind = ConstraintKind::Ttl;
        v.pool = r.pool;
        v.resourceId = r.resourceId;
        v.message = QCoreApplication::translate("costscope::analysis::Budgets", "TTL expired %1").arg(
            QDateTime::fromSecsSinceEpoch(r.ttlExpiresAt, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
        v.resources << resourceLabel(r);
        report.violations.push_back(std::move(v));
    }

    for (size_t ci = 0; ci < in.constraints.size(); ++ci) {
        const BudgetConstraint &c = in.constraints[ci];
        int p = -1;
        std::vector<int> rs;
        if (!c.pool.isEmpty()) {
            p = tree.index.value(c.pool, -1);
            if (p < 0)
                continue; // the pool was removed
            rs = resourcesOf(p);
        } else if (!c.resourceId.isEmpty()) {
            const int r = resourceIndex.value(c.resourceId, -1);
            if (r < 0)
                continue;
            rs.push_back(r);
        } else {
            continue;
        }
        auto perResource = [&](int r, const QString &message, int64_t amount, int64_t limit) {
            BudgetViolation v;
            v.kind = c.kind;
            v.pool = c.pool.isEmpty() ? in.resources[static_cast<size_t>(r)].pool : c.pool;
            v.resourceId = c.resourceId;
            v.message = message;
            v.resources << resourceLabel(in.resources[static_cast<size_t>(r)]);
            v.amount = amount;
            v.limit = limit;
            report.violations.push_back(std::move(v));
        };
        switch (c.kind) {
        case ConstraintKind::Ttl: break;
        case ConstraintKind::DailyExpenseLimit:
            for (int r : rs) {
                const auto &d = resourceDaily[static_cast<size_t>(r)];
                if (d.empty())
                    continue;
                const auto maxIt = std::max_element(d.begin(), d.end());
                if (*maxIt <= c.amount)
                    continue;
                const int over = static_cast<int>(std::count_if(d.begin(), d.end(), [&](int64_t v) { return v > c.amount; }));
                const QDate day = in.month.addDays(maxIt - d.begin());
                perResource(r,
                            QCoreApplication::translate("costscope::analysis::Budgets", "cost %1 %2 on %3 is above the daily limit of %4 (%5 day(s) over this month)")
                                .arg(money(*maxIt), in.currency, day.toString(Qt::ISODate), money(c.amount))
                                .arg(over),
                            *maxIt, c.amount);
            }
            break;
        case ConstraintKind::TotalExpenseLimit:
            for (int r : rs) {
                const int64_t total = in.resources[static_cast<size_t>(r)].costToDate;
                if (total > c.amount)
                    perResource(r, QCoreApplication::translate("costscope::analysis::Budgets", "cost to date %1 %2 is above the total limit of %3")
                                       .arg(money(total), in.currency, money(c.amount)),
                                total, c.amount);
            }
            break;
        case ConstraintKind::TaggingPolicy:
            for (int r : rs) {
                const BudgetResource &res = in.resources[static_cast<size_t>(r)];
                if (!res.active)
                    continue;
                QStringList missing, forbidden;
                for (const QString &k : c.requiredTags) {
                    bool found = false;
                    const QString v = tagValue(res.tags, k, &found);
                    if (!found || v.isEmpty())
                        missing << k;
                }
                for (const QString &k : c.forbiddenTags) {
                    bool found = false;
                    tagValue(res.tags, k, &found);
                    if (found)
                        forbidden << k;
                }
                if (missing.isEmpty() && forbidden.isEmpty())
                    continue;
                QStringList why;
                if (!missing.isEmpty())
                    why << QCoreApplication::translate("costscope::analysis::Budgets", "missing required tag(s) %1").arg(missing.join(QStringLiteral(", ")));
                if (!forbidden.isEmpty())
                    why << QCoreApplication::translate("costscope::analysis::Budgets", "carries forbidden tag(s) %1").arg(forbidden.join(QStringLiteral(", ")));
                perResource(r, why.join(QStringLiteral("; ")), missing.size() + forbidden.size(), 0);
            }
            break;
        case ConstraintKind::ResourceQuota: {
            std::vector<int> counted;
            for (int r : rs) {
                const BudgetResource &res = in.resources[static_cast<size_t>(r)];
                if (res.active && (c.resourceType.isEmpty() || res.type.compare(c.resourceType, Qt::CaseInsensitive) == 0))
                    counted.push_back(r);
            }
            if (static_cast<int64_t>(counted.size()) <= c.count)
                break;
            BudgetViolation v;
            v.kind = c.kind;
            v.pool = c.pool;
            v.resourceId = c.resourceId;
            v.amount = static_cast<int64_t>(counted.size());
            v.limit = c.count;
            v.message = QCoreApplication::translate("costscope::analysis::Budgets", "%1 active %2, the quota is %3")
                            .arg(counted.size())
                            .arg(c.resourceType.isEmpty() ? QCoreApplication::translate("costscope::analysis::Budgets", "resources") : c.resourceType)
                            .arg(c.count);
            std::sort(counted.begin(), counted.end(), [&](int a, int b) {
                return in.resources[static_cast<size_t>(a)].resourceId < in.resources[static_cast<size_t>(b)].resourceId;
            });
            for (int r : counted)
                v.resources << resourceLabel(in.resources[static_cast<size_t>(r)]);
            report.violations.push_back(std::move(v));
            break;
        }
        case ConstraintKind::RecurringBudget: {
            if (p < 0 || !hasData)
                break;
            const int64_t mtd = poolMtd[static_cast<size_t>(p)];
            if (mtd <= c.amount)
                break;
            BudgetViolation v;
            v.kind = c.kind;
            v.pool = c.pool;
            v.amount = mtd;
            v.limit = c.amount;
            v.message = QCoreApplication::translate("costscope::analysis::Budgets", "cost this month %1 %2 is above the monthly budget of %3")
                            .arg(money(mtd), in.currency, money(c.amount));
            v.resources = topByMonthCost(rs, 10);
            report.violations.push_back(std::move(v));
            break;
        }
        case ConstraintKind::ExpiringBudget: {
            if (p < 0 || !c.from.isValid() || !c.until.isValid() || !hasData || c.from > in.asOf)
                break;
            MoneySum sum;
            if (ci < in.expiringTotals.size() && in.expiringTotals[ci].size() == in.keys.size()) {
                for (size_t k = 0; k < in.keys.size(); ++k)
                    if (std::find(members[k].begin(), members[k].end(), p) != members[k].end())
                        sum.add(Money::fromNanos(in.expiringTotals[ci][k]));
            } else {
                const QDate last = std::min(c.until, in.asOf);
                const auto &h = hist[static_cast<size_t>(p)];
                for (QDate d = std::max(c.from, in.historyStart); d <= last; d = d.addDays(1))
                    sum.add(Money::fromNanos(h[static_cast<size_t>(in.historyStart.daysTo(d))]));
            }
            const int64_t total = sum.total().nanos();
            if (total <= c.amount)
                break;
            BudgetViolation v;
            v.kind = c.kind;
            v.pool = c.pool;
            v.amount = total;
            v.limit = c.amount;
            v.message = QCoreApplication::translate("costscope::analysis::Budgets", "cost %1 %2 from %3 to %4 is above the budget of %5")
                            .arg(money(total), in.currency, c.from.toString(Qt::ISODate),
                                 std::min(c.until, in.asOf).toString(Qt::ISODate), money(c.amount));
            v.resources = topByMonthCost(rs, 10);
            report.violations.push_back(std::move(v));
            break;
        }
        }
    }
    std::stable_sort(report.violations.begin(), report.violations.end(),
                     [](const BudgetViolation &a, const BudgetViolation &b) {
                         if (a.pool != b.pool)
                             return a.pool < b.pool;
                         return static_cast<int>(a.kind) < static_cast<int>(b.kind);
                     });
    return report;
}

namespace {

// The daily cells of [from, to) in every currency billed there, each converted to `target`
// with the rate of its calendar month (CurrencyRates::rateForMonth, as the Dashboard does).
// A cell with no rate (or whose product does not fit) is left out and added to *missing.
bool convertedCells(store::BudgetQuery &costs, const QStringList &currencies, const CurrencyRates &rates,
                    const QString &target, const QDate &from, const QDate &to,
                    std::vector<store::BudgetQuery::Cell> *out, std::map<QString, store::UnconvertedAmount> *missing,
                    QString *error)
{
    for (const QString &c : currencies) {
        std::vector<store::BudgetQuery::Cell> cells;
        if (!costs.dailyCells(from, to, c, &cells, error))
            return false;
        if (c == target) {
            out->insert(out->end(), cells.begin(), cells.end());
            continue;
        }
        QHash<int, std::optional<ExchangeRate>> rateOfMonth; // year * 12 + month
        for (const store::BudgetQuery::Cell &cell : cells) {
            const QDate day = from.addDays(cell.day);
            const int m = day.year() * 12 + day.month();
            auto it = rateOfMonth.constFind(m);
            if (it == rateOfMonth.constEnd())
                it = rateOfMonth.insert(m, rates.rateForMonth(c, target, day));
            const std::optional<Money> converted = *it ? (*it)->convert(Money::fromNanos(cell.nanos)) : std::nullopt;
            if (converted) {
                out->push_back(store::BudgetQuery::Cell{cell.day, cell.key, converted->nanos()});
                continue;
            }
            store::UnconvertedAmount &u = (*missing)[c];
            u.currency = c;
            u.nanos += cell.nanos;
            const QDate first(day.year(), day.month(), 1);
            if (!u.months.contains(first))
                u.months.append(first);
        }
    }
    return true;
}

} // namespace

BudgetInput loadBudgetInput(store::CostStore &store, const QDate &month, const QDate &today, int64_t now)
{
    BudgetInput in;
    store::CostQuery query(store);
    const store::BudgetSettings settings(store);
    in.currency = settings.currency();
    const store::DataRange range = query.dataRange();
    QDate lastDay = range.last;
    if (today.isValid() && (!lastDay.isValid() || today < lastDay))
        lastDay = today;
    QDate m = month.isValid() ? month : (lastDay.isValid() ? lastDay : today);
    if (!m.isValid())
        m = QDate::currentDate();
    in.month = QDate(m.year(), m.month(), 1);
    const QDate monthEnd = in.month.addMonths(1).addDays(-1);
    in.pools = settings.pools();
    in.constraints = settings.constraints();
    in.firedAlerts = settings.firedAlerts(in.month);

    if (!range.isEmpty() && lastDay.isValid() && lastDay >= in.month && range.first <= monthEnd) {
        in.asOf = std::min(lastDay, monthEnd);
        in.historyStart = in.month.addDays(-kBudgetHistoryDays);
        in.days = static_cast<int>(in.historyStart.daysTo(in.asOf)) + 1;
    }

    const Inventory inv = loadInventory(store, now);
    if (!inv.error.isEmpty())
        in.error = inv.error;
    QHash<QString, QString> poolOf;
    in.resources.reserve(inv.rows.size());
    for (const InventoryRow &row : inv.rows) {
        const store::ResourceRow &r = row.resource;
        BudgetResource b;
        b.resourceId = r.resourceId;
        b.name = r.name;
        b.provider = r.provider;
        b.account = r.accountId;
        b.region = r.region;
        b.type = r.type;
        b.tags = r.tags;
        b.pool = row.pool;
        b.active = r.active && !r.billingOnly;
        b.ttlExpired = row.ttl.expired;
        b.ttlExpiresAt = row.ttl.expiresAt;
        b.costToDate = r.costToDate;
        if (!row.pool.isEmpty())
            poolOf.insert(r.resourceId, row.pool);
        in.resources.push_back(std::move(b));
    }

    if (in.asOf.isValid()) {
        store::BudgetQuery costs(store);
        std::vector<store::BudgetQuery::Cell> cells;
        QString error;
        const CurrencyRates rates = store::CurrencyRateStore(store).load();
        std::map<QString, store::UnconvertedAmount> missing;
        QDate earliest = in.historyStart;
        for (const BudgetConstraint &c : in.constraints)
            if (c.kind == ConstraintKind::ExpiringBudget && c.from.isValid() && c.from < earliest)
                earliest = c.from;
        const QStringList currencies = query.currenciesIn(earliest, in.asOf.addDays(1));
        if (!convertedCells(costs, currencies, rates, in.currency, in.historyStart, in.asOf.addDays(1), &cells, &missing,
                            &error)) {
            in.error = error;
            return in;
        }
        in.cells.reserve(cells.size());
        for (const auto &c : cells)
            in.cells.push_back(BudgetCostCell{c.day, c.key, c.nanos});
        in.expiringTotals.resize(in.constraints.size());
        for (size_t i = 0; i < in.constraints.size(); ++i) {
            const BudgetConstraint &c = in.constraints[i];
            if (c.kind != ConstraintKind::ExpiringBudget || !c.from.isValid() || !c.until.isValid() || c.from > in.asOf)
                continue;
            std::vector<store::BudgetQuery::Cell> span;
            std::map<QString, store::UnconvertedAmount> spanMissing; // the history's months already name them
            if (!convertedCells(costs, currencies, rates, in.currency, c.from, std::min(c.until, in.asOf).addDays(1),
                                &span, &spanMissing, &error)) {
                in.error = error;
                return in;
            }
            std::vector<int64_t> &totals = in.expiringTotals[i];
            for (const store::BudgetQuery::Cell &cell : span) {
                if (static_cast<size_t>(cell.key) >= totals.size())
                    totals.resize(static_cast<size_t>(cell.key) + 1, 0);
                totals[static_cast<size_t>(cell.key)] += cell.nanos;
            }
            for (auto &[code, u] : spanMissing) {
                store::UnconvertedAmount &named = missing[code];
                named.currency = code;
                for (const QDate &first : u.months)
                    if (!named.months.contains(first))
                        named.months.append(first);
            }
        }
        for (auto &t : in.expiringTotals)
            if (!t.empty())
                t.resize(costs.keyCount(), 0);
        for (auto &[code, u] : missing) {
            std::sort(u.months.begin(), u.months.end());
            in.unconverted.push_back(std::move(u));
        }
        for (store::BudgetKeyRow &k : costs.keys()) {
            BudgetCostKey key{k.provider, k.account, k.service, k.region, k.resourceId, k.tags, {}};
            if (!key.resourceId.isEmpty())
                key.assignedPool = poolOf.value(key.resourceId);
            in.keys.push_back(std::move(key));
        }
    }
    return in;
}

bool convertBudgetReport(BudgetReport *report, const QString &currency, const CurrencyRates &rates, QString *error)
{
    if (currency.isEmpty() || currency == report->currency)
        return true;
    const QString monthText = report->month.toString(QStringLiteral("yyyy-MM"));
    const std::optional<ExchangeRate> rate = rates.rateForMonth(report->currency, currency, report->month);
    if (!rate) {
        if (error)
            *error = QCoreApplication::translate("costscope::analysis::Budgets",
                                                 "the budget limits are in %1 and there is no rate from %1 to %2 for %3")
                         .arg(report->currency, currency, monthText);
        return false;
    }
    BudgetReport out = *report;
    bool fits = true;
    const auto conv = [&](int64_t &nanos) {
        if (const std::optional<Money> m = rate->convert(Money::fromNanos(nanos)))
            nanos = m->nanos();
        else
            fits = false;
    };
    for (PoolResult &p : out.pools) {
        for (int64_t *v : {&p.limit, &p.monthToDate, &p.forecast, &p.forecastLow, &p.forecastHigh})
            conv(*v);
        for (int64_t &d : p.daily)
            conv(d);
        for (ForecastDay &d : p.projection.days) {
            conv(d.nanos);
            conv(d.low);
            conv(d.high);
        }
    }
    for (BudgetAlert &a : out.alerts) {
        conv(a.thresholdAmount);
        conv(a.value);
    }
    for (BudgetViolation &v : out.violations)
        if (v.kind == ConstraintKind::DailyExpenseLimit || v.kind == ConstraintKind::TotalExpenseLimit
            || v.kind == ConstraintKind::RecurringBudget || v.kind == ConstraintKind::ExpiringBudget) {
            conv(v.amount);
            conv(v.limit);
        }
    if (!fits) {
        if (error)
            *error = QCoreApplication::translate("costscope::analysis::Budgets",
                                                 "an amount does not fit in %1 at the rate from %2 for %3")
                         .arg(currency, report->currency, monthText);
        return false;
    }
    out.currency = currency;
    *report = std::move(out);
    return true;
}

BudgetReport computeBudgets(store::CostStore &store, const QDate &month, const QDate &today, int64_t now)
{
    return evaluateBudgets(loadBudgetInput(store, month, today, now));
}

} // namespace costscope::analysis
