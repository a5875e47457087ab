#pragma once

#include "model/analysis/Budgets.h"

#include <QDialog>
#include <QStringList>

#include <vector>

class QLabel;
class QTableWidget;

namespace costscope::views {

// Edits the constraints: one row each with its kind, the pool (or one resource id) it applies to
// and the fields the kind uses (amount, count and type for quotas, tag keys for tagging policies,
// dates for expiring budgets). TTLs are set on pools and resources in the Resources tab.
class ConstraintsDialog : public QDialog
{
    Q_OBJECT
public:
    ConstraintsDialog(const std::vector<analysis::BudgetConstraint> &constraints, const QStringList &pools,
                      QWidget *parent = nullptr);
    std::vector<analysis::BudgetConstraint> constraints() const { return m_constraints; }
    void accept() override;

private:
    void addRow(const analysis::BudgetConstraint &c);
    bool collect(QString *error);

    QStringList m_pools;
    QTableWidget *m_table = nullptr;
    QLabel *m_error = nullptr;
    std::vector<analysis::BudgetConstraint> m_constraints;
};

} // namespace costscope::views
