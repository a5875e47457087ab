#include "views/resources/ResourcesTab.h"

#include "model/analysis/Budgets.h"
#include "model/report/Csv.h"
#include "model/store/CostStore.h"
#include "model/store/ResourceSettings.h"
#include "views/common/ChartStyle.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/Logging.h"
#include "views/common/TableExport.h"
#include "views/resources/AssignmentRulesDialog.h"
#include "views/resources/ResourceDetailsPane.h"
#include "views/resources/ResourceGroupModel.h"
#include "views/resources/ResourceTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace costscope::views {

namespace {

using analysis::ResourceColumn;

struct InventoryAnswer
{
    std::shared_ptr<analysis::Inventory> inventory;
    QHash<QString, QList<QPair<QString, QString>>> budgetViolations; // resource id -> (constraint, what)
    QString error;
};

// The Budgets tab's constraint violations (this month) by the resource ids they name; a label is
// "name (id)" or the id.
QHash<QString, QList<QPair<QString, QString>>> violationsByResource(const analysis::BudgetReport &report)
{
    QHash<QString, QList<QPair<QString, QString>>> out;
    for (const analysis::BudgetViolation &v : report.violations) {
        if (v.kind == analysis::ConstraintKind::Ttl)
            continue; // the inventory shows TTL itself
        QSet<QString> ids;
        if (!v.resourceId.isEmpty())
            ids.insert(v.resourceId);
        for (const QString &label : v.resources) {
            if (label.endsWith(u')')) {
                const qsizetype open = label.lastIndexOf(QStringLiteral(" ("));
                if (open >= 0) {
                    ids.insert(label.mid(open + 2, label.size() - open - 3));
                    continue;
                }
            }
            ids.insert(label);
        }
        const QString title = analysis::constraintKindTitle(v.kind)
                              + (v.pool.isEmpty() ? QString() : QStringLiteral(" (") + v.pool + u')');
        for (const QString &id : std::as_const(ids))
            out[id].append({title, v.message});
    }
    return out;
}

struct DetailsAnswer
{
    store::ResourceDetails details;
    QString error;
};

constexpr int kHistoryDays = 90;

} // namespace

ResourcesTab::ResourcesTab(const QueryRunner &queries, store::CostStore &store, std::function<QDate()> today,
                           QWidget *parent)
    : QWidget(parent), m_queries(queries), m_store(store), m_today(std::move(today))
{
    setObjectName(QStringLiteral("resourcesTab"));
    m_model = new ResourceTableModel(this);
    m_model->setPalette(palette());
    m_proxy = new ResourceFilterModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ResourceTableModel::SortRole);
    m_group = new ResourceGroupModel(m_model, m_proxy, this);
    m_group->setPalette(palette());

    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("resourcesSearch"));
    m_search->setPlaceholderText(tr("Filter: name, id, tag, owner\u2026"));
    m_search->setClearButtonEnabled(true);
    m_searchColumn = new QComboBox(this);
    m_searchColumn->setObjectName(QStringLiteral("resourcesSearchColumn"));
    m_searchColumn->addItem(tr("in all columns"), -1);
    m_showInactive = new QCheckBox(tr("Show inactive"), this);
    m_showInactive->setObjectName(QStringLiteral("resourcesShowInactive"));
    m_showInactive->setChecked(true);
    m_groupBy = new QComboBox(this);
    m_groupBy->setObjectName(QStringLiteral("resourcesGroupBy"));
    m_groupBy->addItem(tr("No grouping"), -1);
    for (ResourceColumn c : {ResourceColumn::Type, ResourceColumn::Account, ResourceColumn::Provider,
                             ResourceColumn::Region, ResourceColumn::Owner, ResourceColumn::Pool})
        m_groupBy->addItem(tr("Group by %1").arg(m_model->headerData(static_cast<int>(c), Qt::Horizontal).toString().toLower()),
                           static_cast<int>(c));
    auto *rules = new QPushButton(tr("Pools and rules\u2026"), this);
    rules->setObjectName(QStringLiteral("resourcesRules"));
    auto *exportButton = new QPushButton(tr("Export CSV\u2026"), this);
    exportButton->setObjectName(QStringLiteral("resourcesExport"));
    bar->addWidget(m_search, 2);
    bar->addWidget(m_searchColumn);
    bar->addWidget(m_showInactive);
    bar->addWidget(m_groupBy);
    bar->addStretch(1);
    bar->addWidget(rules);
    bar->addWidget(exportButton);
    layout->addLayout(bar);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("resourcesSummary"));
    layout->addWidget(m_summary);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("resourcesTable"));
    installTableExport(m_table, QStringLiteral("resources"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights and no content-based sizing: 100,000 rows are laid out in no time.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setDefaultSectionSize(110);
    m_table->sortByColumn(static_cast<int>(ResourceColumn::CostMonth), Qt::DescendingOrder);
    m_details = new ResourceDetailsPane(split);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({1000, 560}); // the table keeps most of the width
    layout->addWidget(split, 1);
    const int widths[] = {170, 150, 70, 170, 100, 80, 110, 110, 90, 90, 200, 90, 90, 100, 100, 80, 80, 110, 110};
    static_assert(sizeof(widths) / sizeof(widths[0]) == analysis::kResourceColumnCount);
    for (int c = 0; c < analysis::kResourceColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c]);

    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(150);
    connect(m_filterTimer, &QTimer::timeout, this, &ResourcesTab::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_searchColumn, &QComboBox::currentIndexChanged, this, &ResourcesTab::applyFilter);
    connect(m_showInactive, &QCheckBox::toggled, this, &ResourcesTab::applyFilter);
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, [this] { setGrouping(m_groupBy->currentData().toInt()); });
    connect(m_table, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) {
        if (m_table->model() == m_group && m_group->isGroupHeader(index.row()))
            m_group->toggleCollapsed(index.row());
    });
    connect(rules, &QPushButton::clicked, this, &ResourcesTab::editRules);
    connect(exportButton, &QPushButton::clicked, this, &ResourcesTab::chooseExportFile);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ResourcesTab::onCurrentChanged);
    connect(m_details, &ResourceDetailsPane::showCostsRequested, this, &ResourcesTab::showCostsRequested);
    connect(m_details, &ResourceDetailsPane::ttlChangeRequested, this, &ResourcesTab::changeTtl);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ResourcesTab::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ResourcesTab::updateSummary);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ResourcesTab::updateSummary);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ResourcesTab::updateSummary);
}

int64_t ResourcesTab::now() const
{
    // The end of "today" (UTC): statistics and TTLs are as of the injected date.
    const QDate today = m_today ? m_today() : QDateTime::currentDateTimeUtc().date();
    return QDateTime(today.addDays(1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch() - 1;
}

void ResourcesTab::reload()
{
    const int64_t at = now();
    const QString currency = displayCurrencySetting(); // empty: the main currency
    ++*m_generation;
    m_queries.run<InventoryAnswer>(
        this,
        [at, currency](store::CostQuery &q) {
            InventoryAnswer a;
            // Cost columns in the display currency (or the main one), every other converted, like the Dashboard.
            a.inventory = std::make_shared<analysis::Inventory>(
                analysis::loadInventory(q.store(), at, {}, currency.isEmpty() ? q.mainCurrency() : currency));
            a.error = a.inventory->error;
            const QDate today = QDateTime::fromSecsSinceEpoch(at, Qt::UTC).date();
            const analysis::BudgetReport budgets =
                analysis::computeBudgets(q.store(), QDate(today.year(), today.month(), 1), today, at);
            if (budgets.error.isEmpty())
                a.budgetViolations = violationsByResource(budgets);
            return a;
        },
        [this](const InventoryAnswer &a) {
            if (!a.error.isEmpty() || !a.inventory) {
                qCWarning(lcViews) << "resource inventory failed:" << a.error;
                Q_EMIT failed(tr("The resource list could not be read: %1").arg(a.error));
                return;
            }
            const QString keep = m_selectedId;
            m_budgetViolations = a.budgetViolations;
            m_model->setInventory(a.inventory);
            if (m_searchColumn->count() == 1) {
                for (int c = 0; c < analysis::kResourceColumnCount; ++c)
                    m_searchColumn->addItem(tr("in %1").arg(m_model->headerData(c, Qt::Horizontal).toString()), c);
            }
            updateSummary();
            // A reset drops the current row without a signal; the pane follows the row it finds.
            if (keep.isEmpty() || !selectResource(keep))
                onCurrentChanged();
            Q_EMIT loaded();
        },
        m_generation);
}

void ResourcesTab::applyFilter()
{
    m_filterTimer->stop();
    m_proxy->setShowInactive(m_showInactive->isChecked());
    m_proxy->setTextFilter(m_search->text(), m_searchColumn->currentData().toInt());
    updateSummary();
}

void ResourcesTab::updateSummary()
{
    const analysis::Inventory *inv = m_model->inventory();
    if (!inv) {
        m_summary->setText(tr("Reading resources\u2026"));
        return;
    }
    int inactive = 0;
    int billingOnly = 0;
    int expired = 0;
    int64_t month = 0;
    for (const analysis::InventoryRow &r : inv->rows) {
        inactive += !r.resource.active && !r.resource.billingOnly;
        billingOnly += r.resource.billingOnly;
        expired += r.ttl.expired;
        month += r.resource.costMonth;
    }
    const QLocale locale;
    QString text = tr("%1 of %2 resources shown \u2014 %3 inactive, %4 seen only in billing data, "
                      "%5 TTL violations \u2014 %6 this month")
                       .arg(locale.toString(m_proxy->rowCount()), locale.toString(static_cast<qlonglong>(inv->rows.size())),
                            locale.toString(inactive), locale.toString(billingOnly), locale.toString(expired),
                            moneyText(month, inv->currency));
    const QString note = unconvertedNote(inv->unconverted, inv->currency, false);
    if (!note.isEmpty())
        text += u' ' + note;
    if (m_table->model() == m_group)
        text += m_group->groupCount() == 1 ? tr(" \u2014 1 group")
                                           : tr(" \u2014 %1 groups").arg(locale.toString(m_group->groupCount()));
    m_summary->setText(text);
}

void ResourcesTab::onCurrentChanged()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (current.isValid() && m_table->model() == m_group && m_group->isGroupHeader(current.row()))
        return; // a group header: the pane keeps the resource it shows
    const analysis::InventoryRow *row = current.isValid() ? m_model->rowAt(resourceRowAt(current)) : nullptr;
    const QString currency = m_model->inventory() ? m_model->inventory()->currency : QString();
    m_details->showRow(row, currency);
    if (row)
        m_details->addViolations(m_budgetViolations.value(row->resource.resourceId));
    ++*m_detailsGeneration;
    if (!row) {
        m_selectedId.clear();
        return;
    }
    m_selectedId = row->resource.resourceId;
    const QString provider = row->resource.provider;
    const QString id = row->resource.resourceId;
    const QDate to = QDateTime::fromSecsSinceEpoch(now(), Qt::UTC).date().addDays(1);
    const QDate from = to.addDays(-kHistoryDays);
    m_queries.run<DetailsAnswer>(
        this,
        [provider, id, from, to, currency](store::CostQuery &q) {
            DetailsAnswer a;
            // In the inventory's currency (the display one), converted as its columns are.
            a.details = store::ResourceQuery(q.store()).details(provider, id, from, to, currency);
            a.error = a.details.error;
            return a;
        },
        [this](const DetailsAnswer &a) {
            if (!a.error.isEmpty()) {
                Q_EMIT failed(tr("The history of the resource could not be read: %1").arg(a.error));
                return;
            }
            m_details->setDetails(a.details);
            Q_EMIT detailsLoaded();
        },
        m_detailsGeneration);
}

bool ResourcesTab::selectResource(const QString &resourceId)
{
    const analysis::Inventory *inv = m_model->inventory();
    if (!inv)
        return false;
    for (size_t i = 0; i < inv->rows.size(); ++i) {
        if (inv->rows[i].resource.resourceId != resourceId)
            continue;
        QModelIndex viewIndex = viewIndexOf(static_cast<int>(i));
        if (!viewIndex.isValid()) {
            m_search->clear();
            m_showInactive->setChecked(true);
            applyFilter();
            viewIndex = viewIndexOf(static_cast<int>(i));
        }
        if (!viewIndex.isValid() && m_table->model() == m_group) {
            m_group->unfoldGroupOf(static_cast<int>(i)); // it is in a folded group
            viewIndex = viewIndexOf(static_cast<int>(i));
        }
        if (!viewIndex.isValid())
            return false;
        m_table->setCurrentIndex(viewIndex);
        m_table->scrollTo(viewIndex);
        return true;
    }
    return false;
}

int ResourcesTab::resourceRowAt(const QModelIndex &viewIndex) const
{
    if (!viewIndex.isValid())
        return -1;
    if (m_table->model() == m_group)
        return m_group->resourceRow(viewIndex.row());
    return m_proxy->mapToSource(viewIndex).row();
}

QModelIndex ResourcesTab::viewIndexOf(int resourceRow) const
{
    if (m_table->model() == m_group) {
        const int row = m_group->rowOfResource(resourceRow);
        return row < 0 ? QModelIndex() : m_group->index(row, 0);
    }
    return m_proxy->mapFromSource(m_model->index(resourceRow, 0));
}

void ResourcesTab::restoreSelection()
{
    const analysis::Inventory *inv = m_model->inventory();
    if (!inv || m_selectedId.isEmpty())
        return;
    for (size_t i = 0; i < inv->rows.size(); ++i) {
        if (inv->rows[i].resource.resourceId != m_selectedId)
            continue;
        const QModelIndex viewIndex = viewIndexOf(static_cast<int>(i));
        if (viewIndex.isValid()) {
            // The pane already shows it: no new details query for a regrouping.
            const QSignalBlocker quiet(m_table->selectionModel());
            m_table->selectionModel()->setCurrentIndex(viewIndex, QItemSelectionModel::ClearAndSelect
                                                                       | QItemSelectionModel::Rows);
            m_table->viewport()->update();
        }
        return;
    }
}

void ResourcesTab::onGroupsRebuilt()
{
    restoreSelection();
    updateSummary();
}

void ResourcesTab::setGrouping(int column)
{
    QAbstractItemModel *wanted = column >= 0 ? static_cast<QAbstractItemModel *>(m_group) : m_proxy;
    if (column >= 0 && m_groupBy->currentData().toInt() != column)
        m_groupBy->setCurrentIndex(m_groupBy->findData(column));
    m_group->setGroupColumn(column);
    if (column < 0)
        m_proxy->setGroupColumn(-1);
    if (m_table->model() != wanted) {
        // A new model resets the header: widths, order and the sort indicator are carried over.
        const QByteArray header = m_table->horizontalHeader()->saveState();
        QItemSelectionModel *old = m_table->selectionModel();
        m_table->setModel(wanted);
        delete old;
        m_table->horizontalHeader()->restoreState(header);
        connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ResourcesTab::onCurrentChanged);
        // After the view's own reset (connected by setModel), which clears the current row.
        disconnect(m_group, &QAbstractItemModel::modelReset, this, &ResourcesTab::onGroupsRebuilt);
        if (wanted == m_group)
            connect(m_group, &QAbstractItemModel::modelReset, this, &ResourcesTab::onGroupsRebuilt);
        restoreSelection();
    }
    updateSummary();
}

bool ResourcesTab::setRulesAndPools(const std::vector<analysis::AssignmentRule> &rules,
                                    const std::vector<analysis::Pool> &pools, QString *error)
{
    store::ResourceSettings settings(m_store);
    if (!settings.setPools(pools, error) || !settings.setRules(rules, error))
        return false;
    m_model->applyRules(settings.rules(), settings.pools());
    updateSummary();
    onCurrentChanged();
    return true;
}

void ResourcesTab::editRules()
{
    const store::ResourceSettings settings(m_store);
    auto *dialog = new AssignmentRulesDialog(settings.rules(), settings.pools(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString error;
        if (!setRulesAndPools(dialog->rules(), dialog->pools(), &error))
            Q_EMIT failed(tr("The rules could not be saved: %1").arg(error));
    });
    dialog->open();
}

void ResourcesTab::changeTtl(const QString &provider, const QString &resourceId, qint64 expiresAt)
{
    QString error;
    if (!store::ResourceSettings(m_store).setResourceTtl(provider, resourceId, expiresAt, &error)) {
        Q_EMIT failed(tr("The TTL could not be saved: %1").arg(error));
        return;
    }
    reload();
}

bool ResourcesTab::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QStringList header;
    for (int c = 0; c < analysis::kResourceColumnCount; ++c)
        header << analysis::resourceColumnKey(static_cast<ResourceColumn>(c));
    header << QStringLiteral("lifecycle") << QStringLiteral("currency");
    const QString currency = m_model->inventory() ? m_model->inventory()->currency : QString();
    file.write(report::csvLine(header).toUtf8());
    // The filtered and sorted rows, without group headers.
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const analysis::InventoryRow *r = m_model->rowAt(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
        if (!r)
            continue;
        QStringList cells;
        for (int c = 0; c < analysis::kResourceColumnCount; ++c)
            cells << analysis::resourceCellText(*r, static_cast<ResourceColumn>(c));
        cells << analysis::lifecycleText(r->resource) << currency;
        file.write(report::csvLine(cells).toUtf8());
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void ResourcesTab::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export resources"), QStringLiteral("resources.csv"),
                                   tr("CSV files (*.csv)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        if (!exportCsv(path, &error))
            Q_EMIT failed(tr("The export to %1 failed: %2").arg(path, error));
    });
    dialog->open();
}

void ResourcesTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_model->setPalette(palette());
        m_group->setPalette(palette());
    }
}

} // namespace costscope::views
