#pragma once

#include "model/analysis/AssignmentRules.h"
#include "model/analysis/ResourceTtl.h"

#include <QDialog>

#include <vector>

class QLabel;
class QTableWidget;

namespace costscope::views {

// Edits the pools (name, parent, TTL hours) and the assignment rules (priority, conditions as
// text, owner, pool). result() after accept(); validation errors keep the dialog open.
class AssignmentRulesDialog : public QDialog
{
    Q_OBJECT
public:
    AssignmentRulesDialog(const std::vector<analysis::AssignmentRule> &rules, const std::vector<analysis::Pool> &pools,
                          QWidget *parent = nullptr);

    std::vector<analysis::AssignmentRule> rules() const { return m_rules; }
    std::vector<analysis::Pool> pools() const { return m_pools; }

    void accept() override;

private:
    bool collect(QString *error);

    QTableWidget *m_poolTable = nullptr;
    QTableWidget *m_ruleTable = nullptr;
    QLabel *m_error = nullptr;
    std::vector<analysis::AssignmentRule> m_rules;
    std::vector<analysis::Pool> m_pools;
};

} // namespace costscope::views
