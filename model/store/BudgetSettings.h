#pragma once

#include "model/analysis/Budgets.h"
#include "model/store/CostStore.h"

#include <QDate>
#include <QSet>
#include <QString>

#include <cstdint>
#include <vector>

namespace costscope::store {

// The budget settings of a workspace (schema 11): each pool's monthly limit, scope and alert
// thresholds, the constraints and the alerts already fired. Pools themselves (name, parent,
// TTL) are the resource settings' table; these rows go with their pool when it is removed.
// Every change is one transaction.
class BudgetSettings
{
public:
    explicit BudgetSettings(CostStore &store) : m_store(store) {}

    // The currency every limit is in: the one pinned when a limit was first saved (meta key
    // "budget_currency"), else the workspace's main currency. Costs in other currencies are
    // converted to it (docs/budgets.md); a later change of the display or main currency does
    // not change what a saved limit means.
    QString currency() const;

    // Every pool with its budget (limit 0, no scope and no thresholds when none was set).
    std::vector<analysis::BudgetPool> pools() const;

    // Adds a pool under parent (empty: top level); fails when the name is taken or the parent unknown.
    bool addPool(const QString &name, const QString &parent, QString *error);
    // Renames a pool; rules, budgets and constraints follow it.
    bool renamePool(const QString &from, const QString &to, QString *error);
    // Removes a pool; its children move to its parent.
    bool removePool(const QString &name, QString *error);
    // Sets the monthly limit (nanos, >= 0), scope and thresholds of an existing pool.
    bool setBudget(const QString &pool, int64_t monthlyLimit, const std::vector<analysis::ScopeTerm> &scope,
                   const std::vector<analysis::BudgetThreshold> &thresholds, QString *error);

    std::vector<analysis::BudgetConstraint> constraints() const;
    // Replaces every constraint; one naming an unknown pool, or neither pool nor resource, is refused.
    bool setConstraints(const std::vector<analysis::BudgetConstraint> &constraints, QString *error);

    // "pool|threshold key" of the alerts fired in the month (first day).
    QSet<QString> firedAlerts(const QDate &month) const;
    // Remembers alerts as fired (once: an alert fired before is ignored).
    bool recordAlerts(const QDate &month, const std::vector<analysis::BudgetAlert> &alerts, int64_t firedAt,
                      QString *error);

private:
    CostStore &m_store;
};

} // namespace costscope::store
