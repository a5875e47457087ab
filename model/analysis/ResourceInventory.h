#pragma once

#include "model/analysis/AssignmentRules.h"
#include "model/analysis/ResourceTtl.h"
#include "model/store/CostStore.h"
#include "model/store/ResourceQuery.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::analysis {

// One inventory row with what the workspace's rules and pools make of it.
struct InventoryRow
{
    store::ResourceRow resource;
    QString owner;
    QString pool;
    int64_t ruleId = 0;
    TtlState ttl;
};

struct Inventory
{
    QString currency;
    std::vector<store::UnconvertedAmount> unconverted; // cost with no rate to `currency`, left out
    int64_t now = 0;
    std::vector<InventoryRow> rows;
    std::vector<Pool> pools;
    std::vector<AssignmentRule> rules; // evaluation order
    QString error;
};

// The columns of the inventory, the same for the window, CSV export and the command line.
enum class ResourceColumn {
    Name, Id, Provider, Account, Region, Type, Flavor, State, FirstSeen, LastSeen, Tags, Owner, Pool,
    CostMonth, CostToDate, CpuAvg, CpuP95, Recommendations, Ttl, Count
};
constexpr int kResourceColumnCount = static_cast<int>(ResourceColumn::Count);

// "name", "resource_id", "cost_month" ...: CSV headers and JSON keys.
QString resourceColumnKey(ResourceColumn column);
// Plain text of a cell (dates ISO, money with 2 decimals, CPU with 1), for export.
QString resourceCellText(const InventoryRow &row, ResourceColumn column);
// "k=v; k2=v2".
QString tagsText(const Tags &tags);
// "active", "inactive" or "billing only".
QString lifecycleText(const store::ResourceRow &row);

// Reads the resources, pools and rules of a workspace and assigns owners, pools and TTLs.
// displayCurrency: as ResourceQuery::list (empty: the main currency's cost only).
Inventory loadInventory(store::CostStore &store, int64_t now, const QString &provider = {},
                        const QString &displayCurrency = {});
// Applies other rules and pools to rows already read (after an edit), without the store.
void applyRules(Inventory &inventory, std::vector<AssignmentRule> rules, std::vector<Pool> pools);

} // namespace costscope::analysis
