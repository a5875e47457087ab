#pragma once

#include "model/analysis/Budgets.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

class QWidget;

namespace costscope::views {

// What the budget dialog edits for one pool.
struct PoolBudgetEdit
{
    QString pool;
    int64_t monthlyLimit = 0; // nanos; 0: no limit
    std::vector<analysis::ScopeTerm> scope;
    std::vector<analysis::BudgetThreshold> thresholds;
};

// The Budgets tab's questions and its desktop notification, as seams: empty members mean the
// real dialogs (and the system tray); tests set answers and observe notifications.
struct BudgetPrompts
{
    // A line of text (pool names); nullopt when cancelled.
    std::function<std::optional<QString>(QWidget *parent, const QString &title, const QString &label,
                                         const QString &initial)>
        askText;
    // Yes/no (removing a pool).
    std::function<bool(QWidget *parent, const QString &question)> confirm;
    // Limit, scope and thresholds of a pool; nullopt when cancelled.
    std::function<std::optional<PoolBudgetEdit>(QWidget *parent, const PoolBudgetEdit &current, const QString &currency)>
        editBudget;
    // Every constraint; nullopt when cancelled.
    std::function<std::optional<std::vector<analysis::BudgetConstraint>>(
        QWidget *parent, const std::vector<analysis::BudgetConstraint> &current, const QStringList &pools)>
        editConstraints;
    // A desktop notification for new alerts (title, message). The default shows it through the
    // system tray when there is one; the alerts are in the tab either way.
    std::function<void(const QString &title, const QString &message)> notify;
};

} // namespace costscope::views
