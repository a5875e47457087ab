#include "views/budgets/ConstraintsDialog.h"

#include "model/Money.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace costscope::views {

namespace {

enum Column { KindColumn, PoolColumn, ResourceColumn, AmountColumn, CountColumn, TypeColumn, RequiredColumn,
              ForbiddenColumn, FromColumn, UntilColumn, ColumnCount };

const analysis::ConstraintKind kKinds[] = {
    analysis::ConstraintKind::DailyExpenseLimit, analysis::ConstraintKind::TotalExpenseLimit,
    analysis::ConstraintKind::TaggingPolicy,     analysis::ConstraintKind::ResourceQuota,
    analysis::ConstraintKind::RecurringBudget,   analysis::ConstraintKind::ExpiringBudget};

QString cell(QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *item = t->item(row, column);
    return item ? item->text().trimmed() : QString();
}

QStringList keys(const QString &text)
{
    QStringList out;
    for (const QString &k : text.split(u',', Qt::SkipEmptyParts))
        if (!k.trimmed().isEmpty())
            out << k.trimmed();
    return out;
}

} // namespace

ConstraintsDialog::ConstraintsDialog(const std::vector<analysis::BudgetConstraint> &constraints,
                                     const QStringList &pools, QWidget *parent)
    : QDialog(parent), m_pools(pools), m_constraints(constraints)
{
    setObjectName(QStringLiteral("constraintsDialog"));
    setWindowTitle(tr("Constraints"));
    resize(1100, 420);
    auto *layout = new QVBoxLayout(this);
    auto *help = new QLabel(tr("A constraint applies to the resources of a pool (with its child pools) or, with no "
                               "pool, to one resource id. Amounts are in the workspace currency; tag keys are "
                               "separated by commas; dates are YYYY-MM-DD."),
                            this);
    help->setWordWrap(true);
    layout->addWidget(help);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("constraintTable"));
    m_table->setHorizontalHeaderLabels({tr("Kind"), tr("Pool"), tr("Resource id"), tr("Amount"), tr("Max count"),
                                        tr("Resource type"), tr("Required tags"), tr("Forbidden tags"), tr("From"),
                                        tr("Until")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table);
    for (const analysis::BudgetConstraint &c : constraints)
        addRow(c);
    m_table->resizeColumnsToContents();
    auto *rowButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("addConstraintButton"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeConstraintButton"));
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch();
    layout->addLayout(rowButtons);
    connect(add, &QPushButton::clicked, this, [this]() {
        analysis::BudgetConstraint c;
        c.pool = m_pools.value(0);
        addRow(c);
    });
    connect(remove, &QPushButton::clicked, this, [this]() {
        const int row = m_table->currentRow();
        if (row >= 0)
            m_table->removeRow(row);
    });
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConstraintsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConstraintsDialog::reject);
    layout->addWidget(buttons);
}

void ConstraintsDialog::addRow(const analysis::BudgetConstraint &c)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *kind = new QComboBox(m_table);
    for (analysis::ConstraintKind k : kKinds)
        kind->addItem(analysis::constraintKindTitle(k), static_cast<int>(k));
    kind->setCurrentIndex(std::max(0, kind->findData(static_cast<int>(c.kind))));
    m_table->setCellWidget(row, KindColumn, kind);
    auto *pool = new QComboBox(m_table);
    pool->addItem(tr("(one resource)"), QString());
    for (const QString &p : m_pools)
        pool->addItem(p, p);
    pool->setCurrentIndex(c.pool.isEmpty() ? 0 : std::max(0, pool->findData(c.pool)));
    m_table->setCellWidget(row, PoolColumn, pool);
    const bool money = c.kind != analysis::ConstraintKind::TaggingPolicy && c.kind != analysis::ConstraintKind::ResourceQuota;
    const QString texts[] = {c.resourceId,
                             money && c.amount > 0 ? Money::fromNanos(c.amount).toString(2) : QString(),
                             c.kind == analysis::ConstraintKind::ResourceQuota ? QString::number(c.count) : QString(),
                             c.resourceType,
                             c.requiredTags.join(QStringLiteral(", ")),
                             c.forbiddenTags.join(QStringLiteral(", ")),
                             c.from.isValid() ? c.from.toString(Qt::ISODate) : QString(),
                             c.until.isValid() ? c.until.toString(Qt::ISODate) : QString()};
    for (int col = ResourceColumn; col < ColumnCount; ++col)
        m_table->setItem(row, col, new QTableWidgetItem(texts[col - ResourceColumn]));
}

bool ConstraintsDialog::collect(QString *error)
{
    std::vector<analysis::BudgetConstraint> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        analysis::BudgetConstraint c;
        const auto *kind = qobject_cast<QComboBox *>(m_table->cellWidget(row, KindColumn));
        const auto *pool = qobject_cast<QComboBox *>(m_table->cellWidget(row, PoolColumn));
        c.kind = static_cast<analysis::ConstraintKind>(kind->currentData().toInt());
        c.pool = pool->currentData().toString();
        c.resourceId = c.pool.isEmpty() ? cell(m_table, row, ResourceColumn) : QString();
        const QString where = tr("Row %1 (%2): ").arg(row + 1).arg(analysis::constraintKindTitle(c.kind));
        if (c.pool.isEmpty() && c.resourceId.isEmpty()) {
            *error = where + tr("choose a pool or enter a resource id.");
            return false;
        }
        switch (c.kind) {
        case analysis::ConstraintKind::DailyExpenseLimit:
        case analysis::ConstraintKind::TotalExpenseLimit:
        case analysis::ConstraintKind::RecurringBudget:
        case analysis::ConstraintKind::ExpiringBudget: {
            const auto m = Money::parse(QStringView(cell(m_table, row, AmountColumn)));
            if (!m || m->nanos() < 0) {
                *error = where + tr("the amount must be a number such as 50 or 1200.50.");
                return false;
            }
            c.amount = m->nanos();
            break;
        }
        case analysis::ConstraintKind::ResourceQuota: {
            bool ok = false;
            c.count = cell(m_table, row, CountColumn).toInt(&ok);
            if (!ok || c.count < 0) {
                *error = where + tr("the max count must be a whole number, 0 or more.");
                return false;
            }
            c.resourceType = cell(m_table, row, TypeColumn);
            break;
        }
        case analysis::ConstraintKind::TaggingPolicy:
            c.requiredTags = keys(cell(m_table, row, RequiredColumn));
            c.forbiddenTags = keys(cell(m_table, row, ForbiddenColumn));
            if (c.requiredTags.isEmpty() && c.forbiddenTags.isEmpty()) {
                *error = where + tr("list required or forbidden tag keys.");
                return false;
            }
            break;
        case analysis::ConstraintKind::Ttl: break;
        }
        if (c.kind == analysis::ConstraintKind::ExpiringBudget) {
            c.from = QDate::fromString(cell(m_table, row, FromColumn), Qt::ISODate);
            c.until = QDate::fromString(cell(m_table, row, UntilColumn), Qt::ISODate);
            if (!c.from.isValid() || !c.until.isValid() || c.until < c.from) {
                *error = where + tr("enter From and Until as YYYY-MM-DD, Until not before From.");
                return false;
            }
        }
        out.push_back(std::move(c));
    }
    m_constraints = std::move(out);
    return true;
}

void ConstraintsDialog::accept()
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
