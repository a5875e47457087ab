#include "views/explorer/AllocationRulesDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace costscope::views {

namespace {

enum Column { Active, Name, Takes, Value, Split, Targets, Columns };

using analysis::AllocationMethod;
using analysis::AllocationSource;

constexpr AllocationSource kSources[] = {AllocationSource::Untagged, AllocationSource::Service, AllocationSource::Account,
                                         AllocationSource::Team, AllocationSource::KubernetesIdle};

QString sourceTitle(AllocationSource s)
{
    switch (s) {
    case AllocationSource::Untagged: return AllocationRulesDialog::tr("Untagged cost");
    case AllocationSource::Service: return AllocationRulesDialog::tr("A shared service");
    case AllocationSource::Account: return AllocationRulesDialog::tr("A shared account");
    case AllocationSource::Team: return AllocationRulesDialog::tr("A team value (e.g. shared)");
    case AllocationSource::KubernetesIdle: return AllocationRulesDialog::tr("Kubernetes idle cost");
    }
    return {};
}

QString text(const QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *item = t->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

AllocationRulesDialog::AllocationRulesDialog(const analysis::AllocationSettings &settings, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("allocationRulesDialog"));
    setWindowTitle(tr("Cost allocation rules"));
    resize(980, 440);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Rules move shared cost to the teams that use it, in this order: a cost goes to the first "
                                "active rule that takes it. <b>Fixed</b> splits by percentages that sum to 100 %; "
                                "<b>usage</b> splits in proportion to each team's own cost that day (every team with "
                                "cost when no team is listed). Totals never change."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_teamTag = new QLineEdit(settings.teamTagKey, this);
    m_teamTag->setObjectName(QStringLiteral("allocationTeamTag"));
    form->addRow(tr("Teams are the values of tag"), m_teamTag);
    layout->addLayout(form);

    m_rules = new QTableWidget(0, Columns, this);
    m_rules->setObjectName(QStringLiteral("allocationRules"));
    m_rules->setHorizontalHeaderLabels({tr("On"), tr("Name"), tr("Takes"), tr("Service / account / team"), tr("Split"),
                                        tr("To teams (e.g. web 50%, data 50%)")});
    m_rules->verticalHeader()->hide();
    m_rules->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rules->horizontalHeader()->setSectionResizeMode(Targets, QHeaderView::Stretch);
    m_rules->setColumnWidth(Active, 36);
    m_rules->setColumnWidth(Name, 170);
    m_rules->setColumnWidth(Takes, 190);
    m_rules->setColumnWidth(Value, 170);
    m_rules->setColumnWidth(Split, 90);
    layout->addWidget(m_rules, 1);

    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add rule"), this);
    add->setObjectName(QStringLiteral("allocationAdd"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("allocationRemove"));
    auto *up = new QPushButton(tr("Move up"), this);
    auto *down = new QPushButton(tr("Move down"), this);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addWidget(up);
    buttons->addWidget(down);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("allocationProblem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = box->button(QDialogButtonBox::Ok);
    layout->addWidget(box);

    for (const analysis::AllocationRule &r : settings.rules)
        addRule(r);

    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_teamTag, &QLineEdit::textChanged, this, &AllocationRulesDialog::validate);
    connect(m_rules, &QTableWidget::itemChanged, this, &AllocationRulesDialog::validate);
    connect(add, &QPushButton::clicked, this, [this] {
        analysis::AllocationRule r;
        r.name = tr("Shared cost");
        r.method = AllocationMethod::Usage;
        addRule(r);
        m_rules->setCurrentCell(m_rules->rowCount() - 1, Name);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_rules->currentRow() >= 0)
            m_rules->removeRow(m_rules->currentRow());
        validate();
    });
    auto move = [this](int delta) {
        const int row = m_rules->currentRow();
        const int to = row + delta;
        if (row < 0 || to < 0 || to >= m_rules->rowCount())
            return;
        QString error;
        const analysis::AllocationSettings s = this->settings(&error);
        // Rows that do not parse yet are moved as they read.
        std::vector<analysis::AllocationRule> rules = s.rules;
        if (rules.size() != static_cast<size_t>(m_rules->rowCount()))
            return;
        std::swap(rules[static_cast<size_t>(row)], rules[static_cast<size_t>(to)]);
        m_rules->setRowCount(0);
        for (const auto &r : rules)
            addRule(r);
        m_rules->setCurrentCell(to, Name);
    };
    connect(up, &QPushButton::clicked, this, [move] { move(-1); });
    connect(down, &QPushButton::clicked, this, [move] { move(1); });
    validate();
}

void AllocationRulesDialog::addRule(const analysis::AllocationRule &rule)
{
    const QSignalBlocker quiet(m_rules);
    const int row = m_rules->rowCount();
    m_rules->insertRow(row);
    auto *active = new QTableWidgetItem;
    active->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    active->setCheckState(rule.active ? Qt::Checked : Qt::Unchecked);
    m_rules->setItem(row, Active, active);
    m_rules->setItem(row, Name, new QTableWidgetItem(rule.name));
    m_rules->setItem(row, Value, new QTableWidgetItem(rule.value));
    m_rules->setItem(row, Targets, new QTableWidgetItem(analysis::targetsText(rule)));
    auto *takes = new QComboBox(m_rules);
    for (AllocationSource s : kSources)
        takes->addItem(sourceTitle(s), static_cast<int>(s));
    takes->setCurrentIndex(takes->findData(static_cast<int>(rule.source)));
    m_rules->setCellWidget(row, Takes, takes);
    auto *split = new QComboBox(m_rules);
    split->addItem(tr("Fixed %"), static_cast<int>(AllocationMethod::Fixed));
    split->addItem(tr("Usage"), static_cast<int>(AllocationMethod::Usage));
    split->setCurrentIndex(split->findData(static_cast<int>(rule.method)));
    m_rules->setCellWidget(row, Split, split);
    connect(takes, &QComboBox::currentIndexChanged, this, &AllocationRulesDialog::validate);
    connect(split, &QComboBox::currentIndexChanged, this, &AllocationRulesDialog::validate);
    validate();
}

analysis::AllocationSettings AllocationRulesDialog::settings(QString *error) const
{
    analysis::AllocationSettings s;
    s.teamTagKey = m_teamTag->text().trimmed();
    QString first;
    for (int row = 0; row < m_rules->rowCount(); ++row) {
        analysis::AllocationRule r;
        r.name = text(m_rules, row, Name);
        r.active = m_rules->item(row, Active) && m_rules->item(row, Active)->checkState() == Qt::Checked;
        const auto *takes = qobject_cast<const QComboBox *>(m_rules->cellWidget(row, Takes));
        const auto *split = qobject_cast<const QComboBox *>(m_rules->cellWidget(row, Split));
        r.source = takes ? static_cast<AllocationSource>(takes->currentData().toInt()) : AllocationSource::Untagged;
        r.method = split ? static_cast<AllocationMethod>(split->currentData().toInt()) : AllocationMethod::Fixed;
        r.value = analysis::allocationSourceNeedsValue(r.source) ? text(m_rules, row, Value) : QString();
        QString parseError;
        if (!analysis::parseTargets(text(m_rules, row, Targets), r.method, &r.targets, &parseError) && first.isEmpty())
            first = tr("rule %1: %2").arg(row + 1).arg(parseError);
        s.rules.push_back(std::move(r));
    }
    if (first.isEmpty())
        first = analysis::validateSettings(s);
    if (error)
        *error = first;
    return s;
}

void AllocationRulesDialog::validate()
{
    if (!m_ok)
        return;
    for (int row = 0; row < m_rules->rowCount(); ++row) {
        const auto *takes = qobject_cast<const QComboBox *>(m_rules->cellWidget(row, Takes));
        QTableWidgetItem *value = m_rules->item(row, Value);
        if (takes && value) {
            const bool needs = analysis::allocationSourceNeedsValue(static_cast<AllocationSource>(takes->currentData().toInt()));
            const QSignalBlocker quiet(m_rules);
            value->setFlags(needs ? value->flags() | Qt::ItemIsEditable | Qt::ItemIsEnabled
                                  : value->flags() & ~(Qt::ItemIsEditable | Qt::ItemIsEnabled));
        }
    }
    QString error;
    settings(&error);
    m_ok->setEnabled(error.isEmpty());
    m_problem->setText(error.isEmpty() ? tr("%n rule(s), ready to apply.", nullptr, m_rules->rowCount())
                                       : tr("\u26a0 %1").arg(error));
}

} // namespace costscope::views
