#pragma once

#include "model/analysis/Allocation.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace costscope::views {

// Edits the cost allocation rules: the tag that names teams, and rules in order (what cost each
// takes, how it is split, to which teams). OK stays disabled while a rule cannot be applied, and
// the problem is shown in words.
class AllocationRulesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AllocationRulesDialog(const analysis::AllocationSettings &settings, QWidget *parent = nullptr);

    // The settings as edited; *error says why when they are not valid.
    analysis::AllocationSettings settings(QString *error = nullptr) const;
    void addRule(const analysis::AllocationRule &rule);

private:
    void validate();

    QLineEdit *m_teamTag = nullptr;
    QTableWidget *m_rules = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace costscope::views
