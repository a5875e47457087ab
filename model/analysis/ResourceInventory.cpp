#include "model/analysis/ResourceInventory.h"

#include "model/Money.h"
#include "model/store/ResourceSettings.h"

#include <QDateTime>
#include <QHash>

namespace costscope::analysis {

namespace {

QString isoDay(int64_t seconds)
{
    return seconds > 0 ? QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).date().toString(Qt::ISODate)
                       : QString();
}

QString percent(double v) { return v < 0 ? QString() : QString::number(v, 'f', 1); }

} // namespace

QString resourceColumnKey(ResourceColumn column)
{
    switch (column) {
    case ResourceColumn::Name: return QStringLiteral("name");
    case ResourceColumn::Id: return QStringLiteral("resource_id");
    case ResourceColumn::Provider: return QStringLiteral("provider");
    case ResourceColumn::Account: return QStringLiteral("account");
    case ResourceColumn::Region: return QStringLiteral("region");
    case ResourceColumn::Type: return QStringLiteral("type");
    case ResourceColumn::Flavor: return QStringLiteral("size");
    case ResourceColumn::State: return QStringLiteral("state");
    case ResourceColumn::FirstSeen: return QStringLiteral("first_seen");
    case ResourceColumn::LastSeen: return QStringLiteral("last_seen");
    case ResourceColumn::Tags: return QStringLiteral("tags");
    case ResourceColumn::Owner: return QStringLiteral("owner");
    case ResourceColumn::Pool: return QStringLiteral("pool");
    case ResourceColumn::CostMonth: return QStringLiteral("cost_month");
    case ResourceColumn::CostToDate: return QStringLiteral("cost_to_date");
    case ResourceColumn::CpuAvg: return QStringLiteral("cpu_avg_7d");
    case ResourceColumn::CpuP95: return QStringLiteral("cpu_p95_7d");
    case ResourceColumn::Recommendations: return QStringLiteral("recommendations");
    case ResourceColumn::Ttl: return QStringLiteral("ttl_expires");
    case ResourceColumn::Count: break;
    }
    return {};
}

QString tagsText(const Tags &tags)
{
    QStringList parts;
    for (const auto &t : tags)
        parts << t.first + u'=' + t.second;
    return parts.join(QStringLiteral("; "));
}

QString lifecycleText(const store::ResourceRow &row)
{
    if (row.billingOnly)
        return QStringLiteral("billing only");
    return row.active ? QStringLiteral("active") : QStringLiteral("inactive");
}

QString resourceCellText(const InventoryRow &row, ResourceColumn column)
{
    const store::ResourceRow &r = row.resource;
    switch (column) {
    case ResourceColumn::Name: return r.name;
    case ResourceColumn::Id: return r.resourceId;
    case ResourceColumn::Provider: return r.provider;
    case ResourceColumn::Account: return r.accountName.isEmpty() ? r.accountId : r.accountName + QStringLiteral(" (") + r.accountId + u')';
    case ResourceColumn::Region: return r.region;
    case ResourceColumn::Type: return r.type;
    case ResourceColumn::Flavor: return r.flavor;
    case ResourceColumn::State: {
        const QString life = lifecycleText(r);
        return r.state.isEmpty() ? life : r.state + QStringLiteral(" (") + life + u')';
    }
    case ResourceColumn::FirstSeen: return isoDay(r.firstSeen);
    case ResourceColumn::LastSeen: return isoDay(r.lastSeen);
    case ResourceColumn::Tags: return tagsText(r.tags);
    case ResourceColumn::Owner: return row.owner;
    case ResourceColumn::Pool: return row.pool;
    case ResourceColumn::CostMonth: return Money::fromNanos(r.costMonth).toString(2);
    case ResourceColumn::CostToDate: return Money::fromNanos(r.costToDate).toString(2);
    case ResourceColumn::CpuAvg: return percent(r.cpuAvg);
    case ResourceColumn::CpuP95: return percent(r.cpuP95);
    case ResourceColumn::Recommendations: return QString::number(r.recommendations);
    case ResourceColumn::Ttl:
        return row.ttl.expiresAt > 0
                   ? QDateTime::fromSecsSinceEpoch(row.ttl.expiresAt, Qt::UTC).toString(Qt::ISODate)
                         + (row.ttl.expired ? QStringLiteral(" (expired)") : QString())
                   : QString();
    case ResourceColumn::Count: break;
    }
    return {};
}

void applyRules(Inventory &inventory, std::vector<AssignmentRule> rules, std::vector<Pool> pools)
{
    inventory.rules = inEvaluationOrder(std::move(rules));
    inventory.pools = std::move(pools);
    QHash<QString, int> poolTtl;
    for (const Pool &p : inventory.pools)
        poolTtl.insert(p.name, inheritedTtlHours(inventory.pools, p.name));
    for (InventoryRow &row : inventory.rows) {
        const store::ResourceRow &r = row.resource;
        const Assignment a = assign(inventory.rules, AssignmentSubject{r.provider, r.name, r.resourceId, r.type, r.region, r.tags});
        row.owner = a.owner;
        row.pool = a.pool;
        row.ruleId = a.ruleId;
        row.ttl = ttlState(r.ttlExpiresAt, poolTtl.value(a.pool), r.createdAt, r.firstSeen, r.active && !r.billingOnly,
                           inventory.now);
    }
}

Inventory loadInventory(store::CostStore &store, int64_t now, const QString &provider, const QString &displayCurrency)
{
    Inventory inv;
    inv.now = now;
    store::ResourceList list = store::ResourceQuery(store).list(now, provider, displayCurrency);
    inv.currency = list.currency;
    inv.unconverted = list.unconverted;
    inv.error = list.error;
    inv.rows.reserve(list.rows.size());
    for (store::ResourceRow &r : list.rows)
        inv.rows.push_back(InventoryRow{std::move(r), {}, {}, 0, {}});
    const store::ResourceSettings settings(store);
    applyRules(inv, settings.rules(), settings.pools());
    return inv;
}

} // namespace costscope::analysis
