#include "views/recommendations/RecommendationsTab.h"

#include "model/Domain.h"
#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"
#include "model/store/RecommendationQuery.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/JobRunner.h"
#include "views/common/Logging.h"
#include "views/common/TableExport.h"

#include <QCheckBox>
#include <QDateTime>
#include <QTimeZone>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <map>

#include <memory>

namespace costscope::views {

using namespace costscope::analysis;

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QTableWidgetItem *textItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

QTableWidgetItem *moneyItem(Money m, const QString &currency)
{
    QTableWidgetItem *item = textItem(m.toDisplay(currency));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setData(ExportValueRole, m.toString(2));
    item->setData(ExportCurrencyRole, currency);
    return item;
}

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->setVisible(false);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

} // namespace

RecommendationsTab::RecommendationsTab(store::CostStore &store, JobRunner *jobs, std::function<QString()> workspacePath,
                                       QWidget *parent)
    : QWidget(parent), m_store(store), m_jobs(jobs), m_workspacePath(std::move(workspacePath))
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_summary = new QLabel(tr("Recommendations have not run yet."), this);
    m_summary->setObjectName(QStringLiteral("recommendationsSummary"));
    QFont f = m_summary->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setBold(true);
    m_summary->setFont(f);
    m_showDismissed = new QCheckBox(tr("Show dismissed"), this);
    m_showDismissed->setObjectName(QStringLiteral("showDismissed"));
    m_refresh = new QPushButton(tr("Run again"), this);
    m_refresh->setObjectName(QStringLiteral("runRecommendations"));
    top->addWidget(m_summary, 1);
    top->addWidget(m_showDismissed);
    top->addWidget(m_refresh);
    layout->addLayout(top);
    m_currencyNote = new QLabel(this);
    m_currencyNote->setObjectName(QStringLiteral("recommendationsCurrencyNote"));
    m_currencyNote->setWordWrap(true);
    m_currencyNote->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: 600;"));
    m_currencyNote->hide();
    layout->addWidget(m_currencyNote);

    m_pages = new QTabWidget(this);
    m_pages->setDocumentMode(true);
    layout->addWidget(m_pages, 1);

    // Current recommendations: modules | items, details and options.
    auto *current = new QSplitter(Qt::Horizontal, m_pages);
    m_modules = makeTable({tr("Module"), tr("Items"), tr("Saving / month")}, current);
    m_modules->setObjectName(QStringLiteral("recommendationModules"));
    installTableExport(m_modules, QStringLiteral("recommendation-modules"), false);
    m_modules->horizontalHeader()->setStretchLastSection(false);
    m_modules->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_modules->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_modules->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    current->addWidget(m_modules);

    auto *right = new QWidget(current);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_moduleDescription = new QLabel(right);
    m_moduleDescription->setWordWrap(true);
    m_moduleDescription->setObjectName(QStringLiteral("recommendationModuleDescription"));
    rightLayout->addWidget(m_moduleDescription);
    m_items = makeTable({tr("Resource"), tr("Provider"), tr("Account"), tr("Region"), tr("Flavour"),
                         tr("Saving / month"), tr("Finding")},
                        right);
    m_items->setObjectName(QStringLiteral("recommendationItems"));
    installTableExport(m_items, QStringLiteral("recommendations"));
    rightLayout->addWidget(m_items, 3);
    auto *buttons = new QHBoxLayout;
    m_dismiss = new QPushButton(tr("Dismiss"), right);
    m_dismiss->setObjectName(QStringLiteral("dismissRecommendation"));
    m_restore = new QPushButton(tr("Restore"), right);
    m_restore->setObjectName(QStringLiteral("restoreRecommendation"));
    buttons->addWidget(m_dismiss);
    buttons->addWidget(m_restore);
    buttons->addStretch(1);
    rightLayout->addLayout(buttons);
    m_details = new QLabel(right);
    m_details->setObjectName(QStringLiteral("recommendationDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMinimumHeight(90);
    rightLayout->addWidget(m_details, 1);

    auto *optionsGroup = new QGroupBox(tr("Options of this module"), right);
    auto *optionsLayout = new QVBoxLayout(optionsGroup);
    m_optionsBox = new QWidget(optionsGroup);
    m_optionsForm = new QFormLayout(m_optionsBox);
    m_optionsForm->setContentsMargins(0, 0, 0, 0);
    optionsLayout->addWidget(m_optionsBox);
    auto *optionButtons = new QHBoxLayout;
    m_applyOptions = new QPushButton(tr("Apply options"), optionsGroup);
    m_applyOptions->setObjectName(QStringLiteral("applyRecommendationOptions"));
    m_resetOptions = new QPushButton(tr("Defaults"), optionsGroup);
    m_resetOptions->setObjectName(QStringLiteral("resetRecommendationOptions"));
    optionButtons->addStretch(1);
    optionButtons->addWidget(m_resetOptions);
    optionButtons->addWidget(m_applyOptions);
    optionsLayout->addLayout(optionButtons);
    rightLayout->addWidget(optionsGroup);
    current->addWidget(right);
    current->setStretchFactor(0, 1);
    current->setStretchFactor(1, 3);
    m_pages->addTab(current, tr("Recommendations"));

    m_archive = makeTable({tr("Archived"), tr("Module"), tr("Resource"), tr("Saving / month"), tr("Why"),
                           tr("Finding")},
                          m_pages);
    m_archive->setObjectName(QStringLiteral("recommendationArchive"));
    installTableExport(m_archive, QStringLiteral("recommendation-archive"), false);
    m_pages->addTab(m_archive, tr("Archive"));

    connect(m_refresh, &QPushButton::clicked, this, &RecommendationsTab::runModules);
    connect(m_showDismissed, &QCheckBox::toggled, this, &RecommendationsTab::showModule);
    connect(m_modules, &QTableWidget::itemSelectionChanged, this, &RecommendationsTab::showModule);
    connect(m_items, &QTableWidget::itemSelectionChanged, this, &RecommendationsTab::showItem);
    connect(m_dismiss, &QPushButton::clicked, this, [this]() { setSelectedDismissed(true); });
    connect(m_restore, &QPushButton::clicked, this, [this]() { setSelectedDismissed(false); });
    connect(m_applyOptions, &QPushButton::clicked, this, &RecommendationsTab::applyOptions);
    connect(m_resetOptions, &QPushButton::clicked, this, &RecommendationsTab::resetOptions);
    if (m_jobs)
        connect(m_jobs, &JobRunner::finished, this, [this]() {
            if (m_pending && isVisible())
                QMetaObject::invokeMethod(this, &RecommendationsTab::runModules, Qt::QueuedConnection);
        });
    m_dismiss->setEnabled(false);
    m_restore->setEnabled(false);
}

void RecommendationsTab::reload()
{
    m_dirty = true;
    if (isVisible())
        runModules();
}

void RecommendationsTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        runModules();
}

void RecommendationsTab::runModules()
{
    if (!m_jobs || !m_workspacePath)
        return;
    m_dirty = false;
    if (m_jobs->isRunning()) {
        m_pending = true;
        m_summary->setText(tr("Waiting for \u201c%1\u201d to finish\u2026").arg(m_jobs->title()));
        return;
    }
    m_pending = false;
    const QString path = m_workspacePath();
    auto result = std::make_shared<RecommendationRun>();
    m_summary->setText(tr("Looking for savings\u2026"));
    m_refresh->setEnabled(false);
    const bool started = m_jobs->start(
        tr("Finding recommendations"),
        [path, result, display = displayCurrencySetting()](const ProgressFn &progress, const CancelFn &cancelled,
                                                            QString *error) {
            // The worker has its own connection; it writes the run's items and the archive.
            store::CostStore local;
            if (!local.open(path, error))
                return false;
            if (!RecommendationEngine::run(local, result.get(), progress, cancelled, true,
                                           QDateTime::currentSecsSinceEpoch(), error))
                return false;
            // Stored in the currency the modules priced in; shown in the display currency.
            if (!display.isEmpty() && display != result->currency) {
                QString why;
                if (!convertRecommendationRun(result.get(), display, store::CurrencyRateStore(local).load(), &why))
                    result->conversionError = why;
            }
            return true;
        },
        this,
        [this, result](const JobRunner::Outcome &outcome) {
            m_refresh->setEnabled(true);
            if (outcome.cancelled) {
                m_summary->setText(tr("Cancelled. Press \u201cRun again\u201d to look again."));
                return;
            }
            if (!outcome.ok) {
                m_summary->setText(tr("The recommendations failed: %1").arg(outcome.error));
                Q_EMIT failed(tr("The recommendations failed: %1").arg(outcome.error));
                return;
            }
            applyRun(*result);
        });
    if (!started) {
        m_pending = true;
        m_refresh->setEnabled(true);
    }
}

void RecommendationsTab::applyRun(const RecommendationRun &run)
{
    const QString selected = currentModule() ? currentModule()->id : QString();
    m_run = run;
    fillModules();
    int row = 0;
    for (int r = 0; r < m_modules->rowCount(); ++r)
        if (m_modules->item(r, 0)->data(kIdRole).toString() == selected)
            row = r;
    if (m_modules->rowCount() > 0) {
        const QSignalBlocker block(m_modules);
        m_modules->selectRow(row);
    }
    // Selecting the row that was already selected emits nothing: show the new items explicitly.
    showModule();
    fillArchive();
    updateSummary();
    Q_EMIT updated();
}

void RecommendationsTab::updateSummary()
{
    MoneySum total;
    int count = 0;
    for (const ModuleResult &m : m_run.modules) {
        total.add(m.saving);
        count += m.activeCount;
    }
    m_run.totalSaving = total.total();
    QString text = tr("%n recommendation(s), %1 a month", nullptr, count)
                       .arg(m_run.totalSaving.toDisplay(m_run.currency));
    if (m_run.endDay >= 0)
        text += tr(" \u2014 costs until %1").arg(QLocale().toString(dateFromDayNumber(m_run.endDay), QLocale::ShortFormat));
    if (!m_run.computedCurrency.isEmpty())
        text += tr(" (computed in %1 from costs and catalog prices, converted with the rate of %2)")
                    .arg(m_run.computedCurrency, dateFromDayNumber(m_run.endDay).toString(QStringLiteral("yyyy-MM")));
    else if (!m_run.conversionError.isEmpty())
        text += tr(". Savings are in %1: %2; add the rate in Edit \u25b8 Preferences \u25b8 Currencies.")
                    .arg(m_run.currency, m_run.conversionError);
    // Catalog (USD) savings with no rate to the run's currency: starred in the list, named here
    // in red (a warning, as on the Dashboard).
    const QString missing = unconvertedNote(m_run.unconverted, m_run.currency);
    m_currencyNote->setText(missing);
    m_currencyNote->setVisible(!missing.isEmpty());
    m_summary->setText(text);
}

void RecommendationsTab::fillModules()
{
    const QSignalBlocker block(m_modules);
    m_modules->setRowCount(static_cast<int>(m_run.modules.size()));
    for (int r = 0; r < static_cast<int>(m_run.modules.size()); ++r) {
        const ModuleResult &m = m_run.modules[static_cast<size_t>(r)];
        QTableWidgetItem *name = textItem(m.title);
        name->setData(kIdRole, m.id);
        name->setToolTip(m.description);
        m_modules->setItem(r, 0, name);
        QTableWidgetItem *count = textItem(QString::number(m.activeCount));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_modules->setItem(r, 1, count);
        if (m.risk) {
            QTableWidgetItem *risk = textItem(tr("security risk"));
            risk->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_modules->setItem(r, 2, risk);
        } else {
            QTableWidgetItem *saving = moneyItem(m.saving, m_run.currency);
            // Savings with no rate (catalog USD): added up in their own currency beside the
            // converted total, starred, never in it.
            std::map<QString, MoneySum> apart;
            for (const RecommendationItem &item : m.items)
                if (!item.dismissed && !item.currency.isEmpty() && item.currency != m_run.currency)
                    apart[item.currency].add(item.saving);
            QStringList parts;
            for (const auto &[code, sum] : apart)
                parts << sum.total().toDisplay(code);
            if (!parts.isEmpty()) {
                const QString own = parts.join(QStringLiteral(" + ")) + QStringLiteral(" *");
                saving->setText(m.saving.isZero() ? own : saving->text() + QStringLiteral(" + ") + own);
                saving->setToolTip(tr("%1 has no rate to %2: not in the totals")
                                       .arg(parts.join(QStringLiteral(" + ")), m_run.currency));
            }
            m_modules->setItem(r, 2, saving);
        }
    }
}

const ModuleResult *RecommendationsTab::currentModule() const
{
    const int row = m_modules->currentRow();
    if (row < 0 || row >= static_cast<int>(m_run.modules.size()))
        return nullptr;
    return &m_run.modules[static_cast<size_t>(row)];
}

ModuleResult *RecommendationsTab::currentModuleMutable()
{
    return const_cast<ModuleResult *>(currentModule());
}

void RecommendationsTab::showModule()
{
    const ModuleResult *m = currentModule();
    {
        const QSignalBlocker block(m_items);
        m_items->setRowCount(0);
    }
    // Options form.
    while (m_optionsForm->rowCount() > 0)
        m_optionsForm->removeRow(0);
    m_optionEdits.clear();
    if (!m) {
        m_moduleDescription->clear();
        m_details->clear();
        return;
    }
    // What the module could not judge (no data for an account, no price) follows its description.
    QString description = m->description;
    for (const QString &note : m->notes)
        description += QStringLiteral("\n\u26a0 ") + note;
    m_moduleDescription->setText(description);
    for (const OptionSpec &spec : m->optionSpecs) {
        auto *edit = new QLineEdit(m->options.value(spec.key), m_optionsBox);
        edit->setObjectName(QStringLiteral("option_") + spec.key);
        edit->setPlaceholderText(spec.defaultValue);
        edit->setToolTip(tr("Default: %1").arg(spec.defaultValue.isEmpty() ? tr("none") : spec.defaultValue));
        const QString label =
            spec.unit.isEmpty() ? spec.label : tr("%1 (%2)", "an option's label and its unit").arg(spec.label, spec.unit);
        m_optionsForm->addRow(label, edit);
        m_optionEdits.insert(spec.key, edit);
    }
    const QSignalBlocker block(m_items);
    const bool showDismissed = m_showDismissed->isChecked();
    int row = 0;
    for (size_t i = 0; i < m->items.size(); ++i) {
        const RecommendationItem &item = m->items[i];
        if (item.dismissed && !showDismissed)
            continue;
        m_items->insertRow(row);
        QTableWidgetItem *name = textItem(item.resource.name.isEmpty() ? item.resource.resourceId : item.resource.name);
        name->setData(kIdRole, static_cast<int>(i));
        name->setToolTip(item.resource.resourceId);
        m_items->setItem(row, 0, name);
        m_items->setItem(row, 1, textItem(item.resource.provider));
        m_items->setItem(row, 2, textItem(item.resource.accountId));
        m_items->setItem(row, 3, textItem(item.resource.region));
        m_items->setItem(row, 4, textItem(item.resource.flavor));
        const QString currency = item.currency.isEmpty() ? m_run.currency : item.currency;
        m_items->setItem(row, 5, m->risk ? textItem(tr("\u2014")) : moneyItem(item.saving, currency));
        if (!m->risk && currency != m_run.currency) {
            // No rate: its own currency, never relabelled, and outside the totals.
            m_items->item(row, 5)->setText(item.saving.toDisplay(currency) + QStringLiteral(" *"));
            m_items->item(row, 5)->setToolTip(
                tr("Computed in %1; there is no rate from %1 to %2 for %3, so it is not in the totals")
                    .arg(currency, m_run.currency, dateFromDayNumber(m_run.endDay).toString(QStringLiteral("yyyy-MM"))));
        } else if (!m->risk && !item.computedCurrency.isEmpty() && item.computedCurrency != currency) {
            m_items->item(row, 5)->setToolTip(tr("Computed as %1 a month, converted to %2")
                                                  .arg(item.computedSaving.toDisplay(item.computedCurrency), currency));
        }
        m_items->setItem(row, 6, textItem(item.finding));
        if (item.dismissed)
            for (int c = 0; c < m_items->columnCount(); ++c)
                m_items->item(row, c)->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        ++row;
    }
    m_items->resizeColumnsToContents();
    if (m_items->rowCount() > 0)
        m_items->selectRow(0);
    showItem();
}

void RecommendationsTab::showItem()
{
    const ModuleResult *m = currentModule();
    const int row = m_items->currentRow();
    if (!m || row < 0 || !m_items->item(row, 0)) {
        m_details->setText(m && m->items.empty() ? tr("Nothing found with these options.") : QString());
        m_dismiss->setEnabled(false);
        m_restore->setEnabled(false);
        return;
    }
    const RecommendationItem &item = m->items[static_cast<size_t>(m_items->item(row, 0)->data(kIdRole).toInt())];
    m_details->setText(tr("<b>%1</b> (%2)<br><b>Found:</b> %3<br><b>Saving:</b> %4<br><b>What to do:</b> %5")
                           .arg(item.resource.name.toHtmlEscaped(), item.resource.resourceId.toHtmlEscaped(),
                                item.finding.toHtmlEscaped(), item.computation.toHtmlEscaped(),
                                item.action.toHtmlEscaped()));
    m_dismiss->setEnabled(!item.dismissed);
    m_restore->setEnabled(item.dismissed);
}

void RecommendationsTab::setSelectedDismissed(bool dismissed)
{
    ModuleResult *m = currentModuleMutable();
    const int row = m_items->currentRow();
    if (!m || row < 0 || !m_items->item(row, 0))
        return;
    RecommendationItem &item = m->items[static_cast<size_t>(m_items->item(row, 0)->data(kIdRole).toInt())];
    store::RecommendationQuery q(m_store);
    if (!q.setDismissed(m->id, item.resource.resourceId, dismissed, QDateTime::currentSecsSinceEpoch())) {
        Q_EMIT failed(tr("Could not save the dismissal: %1").arg(m_store.db().lastError()));
        return;
    }
    item.dismissed = dismissed;
    sumRecommendationRun(&m_run);
    const int moduleRow = m_modules->currentRow();
    fillModules();
    {
        const QSignalBlocker block(m_modules);
        m_modules->selectRow(moduleRow);
    }
    showModule();
    updateSummary();
}

void RecommendationsTab::applyOptions()
{
    const ModuleResult *m = currentModule();
    if (!m)
        return;
    store::RecommendationQuery q(m_store);
    for (auto it = m_optionEdits.constBegin(); it != m_optionEdits.constEnd(); ++it) {
        if (!q.setOption(m->id, it.key(), it.value()->text().trimmed())) {
            Q_EMIT failed(tr("Could not save the options: %1").arg(m_store.db().lastError()));
            return;
        }
    }
    runModules();
}

void RecommendationsTab::resetOptions()
{
    const ModuleResult *m = currentModule();
    if (!m)
        return;
    store::RecommendationQuery q(m_store);
    if (!q.clearOptions(m->id)) {
        Q_EMIT failed(tr("Could not reset the options: %1").arg(m_store.db().lastError()));
        return;
    }
    runModules();
}

void RecommendationsTab::fillArchive()
{
    store::RecommendationQuery q(m_store);
    const std::vector<store::RecommendationRecord> rows = q.archive(500);
    m_archive->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const store::RecommendationRecord &a = rows[static_cast<size_t>(r)];
        const RecommendationModule *module = RecommendationEngine::module(a.module);
        QString why = a.reason;
        if (a.reason == kReasonApplied)
            why = tr("applied");
        else if (a.reason == kReasonDeleted)
            why = tr("resource deleted");
        else if (a.reason == kReasonOptions)
            why = tr("options changed");
        m_archive->setItem(r, 0, textItem(QLocale().toString(QDateTime::fromSecsSinceEpoch(a.at).toLocalTime(),
                                                             QLocale::ShortFormat)));
        m_archive->item(r, 0)->setData(ExportValueRole, QDateTime::fromSecsSinceEpoch(a.at, QTimeZone::utc()));
        m_archive->setItem(r, 1, textItem(module ? module->title() : a.module));
        QTableWidgetItem *res = textItem(a.name.isEmpty() ? a.resourceId : a.name);
        res->setToolTip(a.resourceId);
        m_archive->setItem(r, 2, res);
        m_archive->setItem(r, 3, moneyItem(a.saving, a.currency));
        m_archive->setItem(r, 4, textItem(why));
        m_archive->setItem(r, 5, textItem(a.detail));
    }
    m_archive->resizeColumnsToContents();
    m_pages->setTabText(1, tr("Archive (%1)").arg(rows.size()));
}

} // namespace costscope::views
