#pragma once

#include "views/budgets/BudgetPrompts.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace costscope::views {

// Edits a pool's monthly limit, scope ("account is A, B and tag team = web") and alert
// thresholds ("actual 80%, forecast 100%, actual 5000"). edit() after accept(); a field that does
// not parse keeps the dialog open with the reason.
class PoolBudgetDialog : public QDialog
{
    Q_OBJECT
public:
    PoolBudgetDialog(const PoolBudgetEdit &current, const QString &currency, QWidget *parent = nullptr);
    PoolBudgetEdit edit() const { return m_edit; }
    void accept() override;

private:
    PoolBudgetEdit m_edit;
    QLineEdit *m_limit = nullptr;
    QLineEdit *m_scope = nullptr;
    QLineEdit *m_thresholds = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace costscope::views
