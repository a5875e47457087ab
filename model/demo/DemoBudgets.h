#pragma once

#include <QDate>
#include <QString>

namespace costscope::store { class CostStore; }

namespace costscope::demo {

// Gives the demo's pools (Acme Corp > teams > projects; those the demo settings made are used,
// missing ones added) scopes, monthly limits, alert thresholds and two constraints, so the Budgets tab shows one pool over its
// limit, one forecast to go over, the others within, a tagging policy and a daily expense limit
// that planted resources break. Limits are set from the costs just written (the month of
// `endDate`), so the picture holds whatever day the demo ends on. A workspace that already has
// budgets or constraints keeps them (they are the user's settings). Deterministic for the same demo.
bool seedDemoBudgets(store::CostStore &store, const QDate &endDate, QString *error);

} // namespace costscope::demo
