#include "views/budgets/PoolBudgetDialog.h"

#include "model/Money.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace costscope::views {

PoolBudgetDialog::PoolBudgetDialog(const PoolBudgetEdit &current, const QString &currency, QWidget *parent)
    : QDialog(parent), m_edit(current)
{
    setObjectName(QStringLiteral("poolBudgetDialog"));
    setWindowTitle(tr("Budget of %1").arg(current.pool));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_limit = new QLineEdit(current.monthlyLimit > 0 ? Money::fromNanos(current.monthlyLimit).toString(2) : QString(), this);
    m_limit->setObjectName(QStringLiteral("limitEdit"));
    m_limit->setPlaceholderText(tr("no limit"));
    form->addRow(tr("Monthly limit (%1):").arg(currency), m_limit);
    m_scope = new QLineEdit(analysis::scopeText(current.scope), this);
    m_scope->setObjectName(QStringLiteral("scopeEdit"));
    m_scope->setPlaceholderText(tr("account is 512384960217, 670195384452 and tag team = web"));
    m_scope->setMinimumWidth(460);
    form->addRow(tr("Scope:"), m_scope);
    QStringList thresholds;
    for (const analysis::BudgetThreshold &t : current.thresholds)
        thresholds << t.key();
    m_thresholds = new QLineEdit(thresholds.join(QStringLiteral(", ")), this);
    m_thresholds->setObjectName(QStringLiteral("thresholdsEdit"));
    m_thresholds->setPlaceholderText(tr("actual 80%, forecast 100%, actual 5000"));
    form->addRow(tr("Alert thresholds:"), m_thresholds);
    layout->addLayout(form);
    auto *help = new QLabel(tr("The scope takes provider, account, service and region (\u201cis A, B\u201d) and tags "
                               "(“tag K = V” or “tag K exists”), joined by “and”. Resources "
                               "the assignment rules put in the pool count as well, and child pools roll up.<br>"
                               "A threshold is “actual” (month to date) or “forecast” (month end), "
                               "with a percentage of the limit or an amount."),
                            this);
    help->setWordWrap(true);
    layout->addWidget(help);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PoolBudgetDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PoolBudgetDialog::reject);
    layout->addWidget(buttons);
}

void PoolBudgetDialog::accept()
{
    auto fail = [this](const QString &why) {
        m_error->setText(why);
        m_error->show();
    };
    PoolBudgetEdit e = m_edit;
    const QString limit = m_limit->text().trimmed();
    if (limit.isEmpty()) {
        e.monthlyLimit = 0;
    } else {
        const auto m = Money::parse(QStringView(limit));
        if (!m || m->nanos() < 0)
            return fail(tr("The monthly limit must be an amount such as 2500 or 2500.50."));
        e.monthlyLimit = m->nanos();
    }
    QString error;
    if (!analysis::parseScope(m_scope->text(), &e.scope, &error))
        return fail(error);
    e.thresholds.clear();
    for (const QString &part : m_thresholds->text().split(u',', Qt::SkipEmptyParts)) {
        const auto t = analysis::parseThreshold(part);
        if (!t)
            return fail(tr("“%1” is not a threshold: write “actual 80%”, “forecast 100%” "
                           "or “actual 5000”.")
                            .arg(part.trimmed()));
        e.thresholds.push_back(*t);
    }
    m_edit = std::move(e);
    QDialog::accept();
}

} // namespace costscope::views
