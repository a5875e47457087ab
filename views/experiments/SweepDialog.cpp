#include "views/experiments/SweepDialog.h"

#include "model/analysis/recommendations/FlavorCatalog.h"
#include "model/ml/RunStore.h"
#include "model/ml/SweepMonitor.h"
#include "model/ml/SweepStore.h"
#include "model/store/CostStore.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace costscope::views {

namespace {

std::shared_ptr<analysis::FlavorCatalog> catalogFor(const QString &workspace)
{
    return std::make_shared<analysis::FlavorCatalog>(analysis::FlavorCatalog::forWorkspace(workspace));
}

} // namespace

SweepDialog::SweepDialog(QString workspacePath, QString trackingUri, QWidget *parent)
    : QDialog(parent), m_workspace(std::move(workspacePath)), m_trackingUri(std::move(trackingUri))
{
    setWindowTitle(tr("Plan a budgeted sweep"));
    setObjectName(QStringLiteral("sweepDialog"));

    m_experiment = new QComboBox(this);
    m_experiment->setObjectName(QStringLiteral("sweepExperiment"));
    m_experiment->setEditable(true);
    m_experiment->setToolTip(tr("The experiment the runs log into; a new name is created when the sweep is saved."));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("sweepName"));
    m_name->setPlaceholderText(tr("e.g. lr-grid"));
    m_grid = new QPlainTextEdit(this);
    m_grid->setObjectName(QStringLiteral("sweepGrid"));
    m_grid->setPlaceholderText(tr("One parameter a line:\nlr=1e-4..1e-1 x4 log\nbatch=32,64,128"));
    m_grid->setToolTip(tr("NAME=VALUES: a list (0.1,0.01) or a range FROM..TO xN, linear or log."));
    m_grid->setFixedHeight(90);
    m_instance = new QComboBox(this);
    m_instance->setObjectName(QStringLiteral("sweepInstanceType"));
    m_minutes = new QDoubleSpinBox(this);
    m_minutes->setObjectName(QStringLiteral("sweepMinutes"));
    m_minutes->setRange(0.1, 525600);
    m_minutes->setDecimals(1);
    m_minutes->setValue(30);
    m_minutes->setSuffix(tr(" min"));
    m_budget = new QLineEdit(this);
    m_budget->setObjectName(QStringLiteral("sweepBudget"));
    m_budget->setText(QStringLiteral("50"));
    m_command = new QLineEdit(this);
    m_command->setObjectName(QStringLiteral("sweepCommand"));
    m_command->setPlaceholderText(tr("python train.py --lr {lr} --batch {batch}"));

    // Catalog flavours by name, with the price a sweep uses (the first region the catalog lists).
    const auto catalog = catalogFor(m_workspace);
    std::vector<const analysis::Flavor *> flavors;
    QSet<QString> seen;
    for (const analysis::Flavor &f : catalog->flavors())
        if (!seen.contains(f.name)) {
            seen.insert(f.name);
            flavors.push_back(&f);
        }
    std::sort(flavors.begin(), flavors.end(), [](const analysis::Flavor *a, const analysis::Flavor *b) {
        return a->provider != b->provider ? a->provider < b->provider : a->name < b->name;
    });
    for (const analysis::Flavor *f : flavors) {
        m_instance->addItem(tr("%1 (%2, %3 vCPU) \u2014 %4/h").arg(f->name, f->provider).arg(f->vcpus)
                                .arg(f->hourly.toDisplay(QStringLiteral("USD"), 3)),
                            f->name);
        m_instance->setItemData(m_instance->count() - 1, QVariant::fromValue(static_cast<qlonglong>(f->hourly.nanos())),
                                Qt::UserRole + 1);
    }
    if (const int g5 = m_instance->findData(QStringLiteral("g5.xlarge")); g5 >= 0)
        m_instance->setCurrentIndex(g5);

    auto *form = new QFormLayout;
    form->addRow(tr("&Experiment:"), m_experiment);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Grid:"), m_grid);
    form->addRow(tr("&Instance type:"), m_instance);
    form->addRow(tr("&Minutes per run:"), m_minutes);
    form->addRow(tr("&Budget (USD):"), m_budget);
    form->addRow(tr("&Command:"), m_command);

    m_runs = new QLabel(this);
    m_runs->setObjectName(QStringLiteral("sweepRunCount"));
    m_perRun = new QLabel(this);
    m_perRun->setObjectName(QStringLiteral("sweepCostPerRun"));
    m_projected = new QLabel(this);
    m_projected->setObjectName(QStringLiteral("sweepProjected"));
    m_projected->setWordWrap(true);
    m_projected->setMinimumWidth(260);
    m_values = new QLabel(this);
    m_values->setObjectName(QStringLiteral("sweepValues"));
    m_values->setWordWrap(true);
    m_values->setToolTip(tr("The values each parameter takes, ranges expanded"));
    QFont big = m_projected->font();
    big.setBold(true);
    m_projected->setFont(big);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("sweepProblem"));
    m_problem->setWordWrap(true);
    auto *summary = new QFormLayout;
    summary->addRow(tr("Runs:"), m_runs);
    summary->addRow(tr("Values:"), m_values);
    summary->addRow(tr("Cost per run:"), m_perRun);
    summary->addRow(tr("Projected cost:"), m_projected);
    summary->addRow(m_problem);
    auto *summaryBox = new QGroupBox(tr("Before anything starts"), this);
    summaryBox->setLayout(summary);

    m_save = new QPushButton(tr("&Save sweep"), this);
    m_save->setObjectName(QStringLiteral("sweepSave"));
    m_copy = new QPushButton(tr("&Copy commands"), this);
    m_copy->setObjectName(QStringLiteral("sweepCopy"));
    m_copy->setToolTip(tr("Each run's environment (tracking URI, experiment, the sweep's tags) and command, as shell lines."));
    m_script = new QPushButton(tr("Save s&cript\u2026"), this);
    m_script->setObjectName(QStringLiteral("sweepSaveScript"));
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_save);
    actions->addWidget(m_copy);
    actions->addWidget(m_script);
    actions->addStretch();

    m_sweeps = new QTreeWidget(this);
    m_sweeps->setObjectName(QStringLiteral("sweepList"));
    m_sweeps->setRootIsDecorated(false);
    m_sweeps->setHeaderLabels({tr("ID"), tr("Name"), tr("Experiment"), tr("Status"), tr("Runs"), tr("Spent"),
                               tr("Projected"), tr("Budget"), tr("Reason")});
    m_sweeps->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_sweeps->header()->setStretchLastSection(true);
    auto *refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setObjectName(QStringLiteral("sweepRefresh"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    m_status->setWordWrap(true);
    auto *listBox = new QGroupBox(tr("Saved sweeps"), this);
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->addWidget(m_sweeps);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_status, 1);
    listButtons->addWidget(refresh);
    listLayout->addLayout(listButtons);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *top = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addLayout(form);
    left->addLayout(actions);
    top->addLayout(left, 3);
    top->addWidget(summaryBox, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(listBox, 1);
    layout->addWidget(close);
    resize(980, 640);

    // Experiments that exist, for the combo.
    {
        store::CostStore store;
        QString error;
        if (store.open(m_workspace, &error)) {
            ml::RunStore runs(store.db());
            ml::MlError e;
            ml::ExperimentQuery q;
            q.maxResults = 50000;
            if (auto page = runs.searchExperiments(q, &e))
                for (const ml::Experiment &x : page->experiments)
                    m_experiment->addItem(x.name);
        }
    }

    connect(m_experiment, &QComboBox::currentTextChanged, this, &SweepDialog::updateSummary);
    connect(m_name, &QLineEdit::textChanged, this, &SweepDialog::updateSummary);
    connect(m_grid, &QPlainTextEdit::textChanged, this, &SweepDialog::updateSummary);
    connect(m_instance, &QComboBox::currentIndexChanged, this, &SweepDialog::updateSummary);
    connect(m_minutes, &QDoubleSpinBox::valueChanged, this, &SweepDialog::updateSummary);
    connect(m_budget, &QLineEdit::textChanged, this, &SweepDialog::updateSummary);
    connect(m_command, &QLineEdit::textChanged, this, &SweepDialog::updateSummary);
    connect(m_save, &QPushButton::clicked, this, &SweepDialog::save);
    connect(m_copy, &QPushButton::clicked, this, &SweepDialog::copyCommands);
    connect(m_script, &QPushButton::clicked, this, &SweepDialog::saveScript);
    connect(refresh, &QPushButton::clicked, this, &SweepDialog::refreshSweeps);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    updateSummary();
    refreshSweeps();
}

SweepDialog::~SweepDialog() = default;

QString SweepDialog::uri() const
{
    return m_trackingUri.isEmpty() ? QStringLiteral("http://127.0.0.1:5000") : m_trackingUri;
}

ml::SweepPlan SweepDialog::plan(QString *problem) const
{
    ml::SweepPlan p;
    QString why;
    p.experimentName = m_experiment->currentText().trimmed();
    p.name = m_name->text().trimmed();
    if (p.name.isEmpty() && !p.experimentName.isEmpty())
        p.name = p.experimentName + u"-sweep";
    const QStringList lines = m_grid->toPlainText().split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        QString error;
        auto param = ml::parseSweepParam(lines[i], &error);
        if (!param) {
            if (why.isEmpty())
                why = tr("Grid line %1: %2").arg(i + 1).arg(error);
            continue;
        }
        p.grid.push_back(*param);
    }
    if (why.isEmpty() && p.grid.empty())
        why = tr("Type the grid: one parameter a line, e.g. lr=0.1,0.01");
    p.instanceType = m_instance->currentData().toString();
    p.hourlyPrice = Money::fromNanos(m_instance->currentData(Qt::UserRole + 1).toLongLong());
    p.minutesPerRun = m_minutes->value();
    const auto budget = Money::parse(QStringView(m_budget->text().trimmed()));
    if (budget)
        p.budget = *budget;
    else if (why.isEmpty())
        why = tr("The budget is not an amount: %1").arg(m_budget->text().left(40));
    p.commandTemplate = m_command->text();
    p.createdMs = QDateTime::currentMSecsSinceEpoch();
    if (why.isEmpty()) {
        const QString v = p.validate();
        // The experiment is found or made on save; what validate() says about it waits until then.
        if (!v.isEmpty())
            why = v;
    }
    if (problem)
        *problem = why;
    return p;
}

void SweepDialog::updateSummary()
{
    QString problem;
    const ml::SweepPlan p = plan(&problem);
    const bool gridOk = !p.grid.empty() && p.runCount() <= ml::kMaxSweepRuns;
    const QString currency = p.currency;
    m_runs->setText(gridOk ? QString::number(p.runCount()) : QStringLiteral("\u2014"));
    QStringList values;
    for (const ml::SweepParam &g : p.grid)
        values << g.name + u": " + g.values.join(QStringLiteral(", "));
    m_values->setText(values.join(u'\n'));
    m_perRun->setText(tr("%1 (%2 min at %3/h)")
                          .arg(p.costPerRun().toDisplay(currency, 3))
                          .arg(p.minutesPerRun)
                          .arg(p.hourlyPrice.toDisplay(currency, 3)));
    if (gridOk) {
        const bool over = p.overBudget();
        m_projected->setText(over ? tr("%1 \u2014 over the %2 budget by %3")
                                        .arg(p.projectedCost().toDisplay(currency), p.budget.toDisplay(currency),
                                             (p.projectedCost() - p.budget).toDisplay(currency))
                                  : tr("%1 of a %2 budget").arg(p.projectedCost().toDisplay(currency),
                                                                p.budget.toDisplay(currency)));
        m_projected->setProperty("overBudget", over);
        m_projected->setStyleSheet(over ? QStringLiteral("color: #c62828;") : QStringLiteral("color: #2e7d32;"));
    } else {
        m_projected->setText(QStringLiteral("\u2014"));
        m_projected->setProperty("overBudget", false);
        m_projected->setStyleSheet({});
    }
    m_problem->setText(problem.isEmpty() ? QString() : problem);
    m_problem->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #c62828;"));
    m_save->setEnabled(problem.isEmpty());
    m_copy->setEnabled(problem.isEmpty());
    m_script->setEnabled(problem.isEmpty());
}

void SweepDialog::save()
{
    QString problem;
    ml::SweepPlan p = plan(&problem);
    if (!problem.isEmpty())
        return;
    store::CostStore store;
    QString error;
    if (!store.open(m_workspace, &error)) {
        m_status->setText(tr("Cannot open the workspace: %1").arg(error));
        return;
    }
    ml::RunStore runs(store.db());
    ml::MlError e;
    if (auto exp = runs.experimentByName(p.experimentName, &e)) {
        p.experimentId = exp->experimentId;
    } else {
        auto id = runs.ensureDefaultExperiment(&e) ? runs.createExperiment(p.experimentName, {}, {}, &e)
                                                   : std::optional<QString>();
        if (!id) {
            m_status->setText(tr("Cannot create the experiment: %1").arg(e.message));
            return;
        }
        p.experimentId = *id;
        m_experiment->addItem(p.experimentName);
    }
    ml::SweepStore sweeps(store.db());
    const auto id = sweeps.save(p, &error);
    if (!id) {
        m_status->setText(tr("The sweep was not saved: %1").arg(error));
        return;
    }
    m_status->setText(tr("Saved as sweep %1. Its runs are watched while they log into the tracking endpoint.").arg(*id));
    refreshSweeps();
}

void SweepDialog::copyCommands()
{
    QString problem;
    const ml::SweepPlan p = plan(&problem);
    if (!problem.isEmpty())
        return;
    QApplication::clipboard()->setText(p.shellScript(uri()));
    m_status->setText(tr("Copied %n run(s) with their environment.", nullptr, static_cast<int>(p.runCount())));
}

void SweepDialog::saveScript()
{
    QString problem;
    const ml::SweepPlan p = plan(&problem);
    if (!problem.isEmpty())
        return;
    const QString file = m_chooseScript ? m_chooseScript()
                                        : QFileDialog::getSaveFileName(this, tr("Save the sweep as a script"),
                                                                       p.name + u".sh", tr("Shell scripts (*.sh)"));
    if (file.isEmpty())
        return;
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(p.shellScript(uri()).toUtf8()) < 0 || !out.commit()) {
        m_status->setText(tr("Cannot write %1: %2").arg(file, out.errorString()));
        return;
    }
    QFile::setPermissions(file, QFile::permissions(file) | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    m_status->setText(tr("Saved %1.").arg(file));
}

void SweepDialog::refreshSweeps()
{
    m_sweeps->clear();
    store::CostStore store;
    QString error;
    if (!store.open(m_workspace, &error)) {
        m_status->setText(tr("Cannot open the workspace: %1").arg(error));
        return;
    }
    ml::SweepStore sweeps(store.db());
    auto all = sweeps.list(&error);
    if (!all) {
        m_status->setText(tr("Cannot read the saved sweeps: %1").arg(error));
        return;
    }
    ml::RunStore runs(store.db());
    const auto catalog = catalogFor(m_workspace);
    ml::SweepMonitor monitor(store.db(), runs,
                             [catalog](const QString &provider, const QString &region, const QString &type) {
                                 return catalog->hourlyPrice(provider, region, type);
                             });
    for (const ml::SweepPlan &p : *all) {
        const auto progress = monitor.progress(p, &error);
        auto *item = new QTreeWidgetItem(m_sweeps);
        item->setText(0, QString::number(p.id));
        item->setText(1, p.name);
        item->setText(2, p.experimentName);
        item->setText(3, ml::SweepPlan::statusName(p.status));
        if (progress) {
            item->setText(4, tr("%1 of %2").arg(progress->runsStarted).arg(progress->runsPlanned));
            item->setText(5, (progress->estimate ? QStringLiteral("~") : QString()) + progress->spent.toDisplay(p.currency));
            item->setText(6, progress->projected.toDisplay(p.currency));
        }
        item->setText(7, p.budget.toDisplay(p.currency));
        item->setText(8, p.statusReason);
        item->setToolTip(8, p.statusReason);
        for (int c : {0, 4, 5, 6, 7})
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        if (p.status == ml::SweepPlan::Status::Stopped)
            for (int c = 0; c < m_sweeps->columnCount(); ++c)
                item->setForeground(c, QColor(0xc6, 0x28, 0x28));
    }
}

} // namespace costscope::views
