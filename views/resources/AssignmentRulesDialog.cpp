#include "views/resources/AssignmentRulesDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace costscope::views {

namespace {

enum RuleColumn { RulePriority, RuleConditions, RuleOwner, RulePool, RuleActive, RuleColumns };
enum PoolColumn { PoolName, PoolParent, PoolTtl, PoolColumns };

QString cell(const QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *item = t->item(row, column);
    return item ? item->text().trimmed() : QString();
}

void addRow(QTableWidget *t, const QStringList &texts, int checkColumn = -1, bool checked = true)
{
    const int row = t->rowCount();
    t->insertRow(row);
    for (int c = 0; c < t->columnCount(); ++c) {
        auto *item = new QTableWidgetItem(c < texts.size() ? texts[c] : QString());
        if (c == checkColumn) {
            item->setText({});
            item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
        }
        t->setItem(row, c, item);
    }
}

QWidget *withButtons(QTableWidget *table, const QStringList &emptyRow, int checkColumn, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(AssignmentRulesDialog::tr("Add"), box);
    auto *remove = new QPushButton(AssignmentRulesDialog::tr("Remove"), box);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    QObject::connect(add, &QPushButton::clicked, table, [table, emptyRow, checkColumn] {
        addRow(table, emptyRow, checkColumn);
        table->setCurrentCell(table->rowCount() - 1, 0);
    });
    QObject::connect(remove, &QPushButton::clicked, table, [table] {
        if (table->currentRow() >= 0)
            table->removeRow(table->currentRow());
    });
    return box;
}

} // namespace

AssignmentRulesDialog::AssignmentRulesDialog(const std::vector<analysis::AssignmentRule> &rules,
                                             const std::vector<analysis::Pool> &pools, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("assignmentRulesDialog"));
    setWindowTitle(tr("Pools and assignment rules"));
    resize(900, 600);
    auto *layout = new QVBoxLayout(this);

    layout->addWidget(new QLabel(tr("<b>Pools</b> \u2014 a TTL (hours after creation) applies to the pool's resources "
                                    "and to child pools without one of their own."),
                                 this));
    m_poolTable = new QTableWidget(0, PoolColumns, this);
    m_poolTable->setObjectName(QStringLiteral("poolTable"));
    m_poolTable->setHorizontalHeaderLabels({tr("Name"), tr("Parent"), tr("TTL (hours)")});
    m_poolTable->horizontalHeader()->setStretchLastSection(true);
    for (const analysis::Pool &p : pools)
        addRow(m_poolTable, {p.name, p.parent, p.ttlHours > 0 ? QString::number(p.ttlHours) : QString()});
    layout->addWidget(withButtons(m_poolTable, {}, -1, this), 1);

    layout->addWidget(new QLabel(
        tr("<b>Rules</b> \u2014 tried by priority (1 first); the first active rule whose conditions all hold sets "
           "owner and pool. Conditions: <i>name is|starts with|ends with|contains X</i>, <i>type is X</i>, "
           "<i>cloud is X</i>, <i>region is X</i>, <i>tag K = V</i>, <i>tag K exists</i>, "
           "<i>tag K starts with V</i>, joined by <i>and</i>."),
        this));
    m_ruleTable = new QTableWidget(0, RuleColumns, this);
    m_ruleTable->setObjectName(QStringLiteral("ruleTable"));
    m_ruleTable->setHorizontalHeaderLabels({tr("Priority"), tr("Conditions"), tr("Owner"), tr("Pool"), tr("Active")});
    m_ruleTable->horizontalHeader()->setSectionResizeMode(RuleConditions, QHeaderView::Stretch);
    for (const analysis::AssignmentRule &r : rules)
        addRow(m_ruleTable, {QString::number(r.priority), analysis::conditionsText(r.conditions), r.owner, r.pool},
               RuleActive, r.active);
    layout->addWidget(withButtons(m_ruleTable, {QString::number(static_cast<int>(rules.size()) + 1)}, RuleActive, this), 2);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("rulesError"));
    m_error->setWordWrap(true);
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, QColor(200, 40, 40));
    m_error->setPalette(p);
    m_error->hide();
    layout->addWidget(m_error);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(box);
    connect(box, &QDialogButtonBox::accepted, this, &AssignmentRulesDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &AssignmentRulesDialog::reject);
}

bool AssignmentRulesDialog::collect(QString *error)
{
    m_pools.clear();
    m_rules.clear();
    QSet<QString> names;
    for (int row = 0; row < m_poolTable->rowCount(); ++row) {
        analysis::Pool p;
        p.name = cell(m_poolTable, row, PoolName);
        p.parent = cell(m_poolTable, row, PoolParent);
        const QString ttl = cell(m_poolTable, row, PoolTtl);
        bool ok = true;
        p.ttlHours = ttl.isEmpty() ? 0 : ttl.toInt(&ok);
        if (p.name.isEmpty() && p.parent.isEmpty() && ttl.isEmpty())
            continue;
        if (p.name.isEmpty() || !ok || p.ttlHours < 0) {
            *error = tr("Pool row %1: a pool needs a name and a whole number of hours (or none).").arg(row + 1);
            return false;
        }
        names.insert(p.name);
        m_pools.push_back(p);
    }
    for (const analysis::Pool &p : m_pools) {
        if (!p.parent.isEmpty() && !names.contains(p.parent)) {
            *error = tr("Pool %1: there is no parent pool named %2.").arg(p.name, p.parent);
            return false;
        }
    }
    for (int row = 0; row < m_ruleTable->rowCount(); ++row) {
        analysis::AssignmentRule r;
        bool ok = false;
        r.priority = cell(m_ruleTable, row, RulePriority).toInt(&ok);
        r.owner = cell(m_ruleTable, row, RuleOwner);
        r.pool = cell(m_ruleTable, row, RulePool);
        const QTableWidgetItem *active = m_ruleTable->item(row, RuleActive);
        r.active = !active || active->checkState() == Qt::Checked;
        r.id = row + 1; // ties in priority keep the table's order
        if (!ok || r.priority < 1) {
            *error = tr("Rule row %1: the priority must be a number from 1.").arg(row + 1);
            return false;
        }
        QString parseError;
        if (!analysis::parseConditions(cell(m_ruleTable, row, RuleConditions), &r.conditions, &parseError)) {
            *error = tr("Rule row %1: %2.").arg(row + 1).arg(parseError);
            return false;
        }
        if (!r.pool.isEmpty() && !names.contains(r.pool)) {
            *error = tr("Rule row %1: there is no pool named %2.").arg(row + 1).arg(r.pool);
            return false;
        }
        if (r.owner.isEmpty() && r.pool.isEmpty()) {
            *error = tr("Rule row %1: a rule sets an owner, a pool or both.").arg(row + 1);
            return false;
        }
        m_rules.push_back(std::move(r));
    }
    return true;
}

void AssignmentRulesDialog::accept()
{
    QString error;
    if (!collect(&error)) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace costscope::views
