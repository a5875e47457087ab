#include "views/explorer/ExplorerTab.h"

#include "model/store/AllocationStore.h"
#include "views/common/ChartStyle.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/QueryRunner.h"
#include "views/common/TableExport.h"
#include "views/explorer/AllocationRulesDialog.h"
#include "views/explorer/CostTableModel.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace costscope::views {

namespace {

constexpr int kTagKeyRole = Qt::UserRole + 1;
constexpr int kNoFilter = -1;
constexpr size_t kMaxFilterValues = 500;

struct RangeAnswer
{
    QString error;
    store::DataRange range;
    QStringList tagKeys;
};

struct SeriesAnswer
{
    QString error;
    store::CostSeries series; // for the table
    store::CostSeries chart;  // for the chart: at most kChartGroups groups
    QString allocationNote;   // after allocation: what the rules moved
};

// A series summed over its buckets into one (the table's per-day answer is totals only).
store::CostSeries totalsOf(const store::CostSeries &s)
{
    store::CostSeries out = s;
    out.granularity = store::Granularity::Total;
    out.buckets = {s.buckets.empty() ? QDate() : s.buckets.front()};
    for (store::CostGroup &g : out.groups)
        g.nanos = {g.total};
    return out;
}

// The chart shows the largest groups and one "Other".
constexpr int kChartGroups = 10;

// One filter choice and its cost in the range: in the display currency, plus any part with no
// rate in its own currency (never taken at 1).
struct FilterValue
{
    QString key;
    QString label;
    int64_t nanos = 0;
    bool converted = false; // some of its cost is in nanos
    QStringList notConverted; // "40.00 USD" per currency with no rate
};

struct ValuesAnswer
{
    QString error;
    std::vector<FilterValue> values;
    QString currency;
};

QString dimensionTitle(store::Dimension d)
{
    switch (d) {
    case store::Dimension::Provider: return ExplorerTab::tr("Provider");
    case store::Dimension::Account: return ExplorerTab::tr("Account");
    case store::Dimension::Service: return ExplorerTab::tr("Service");
    case store::Dimension::Region: return ExplorerTab::tr("Region");
    case store::Dimension::Resource: return ExplorerTab::tr("Resource");
    case store::Dimension::Tag: return ExplorerTab::tr("Tag");
    }
    return {};
}

constexpr store::Dimension kDimensions[] = {store::Dimension::Provider, store::Dimension::Account,
                                             store::Dimension::Service,  store::Dimension::Region,
                                             store::Dimension::Resource, store::Dimension::Tag};

} // namespace

ExplorerTab::ExplorerTab(const QueryRunner &queries, std::function<QDate()> today, QWidget *parent)
    : QWidget(parent), m_queries(queries), m_today(std::move(today))
{
    setObjectName(QStringLiteral("explorerTab"));
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(40); // coalesces a burst of control changes into one query
    connect(m_refreshTimer, &QTimer::timeout, this, &ExplorerTab::refresh);

    // Controls: the question.
    auto *controls = new QWidget(this);
    controls->setMaximumWidth(330);
    auto *controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);

    auto *rangeBox = new QGroupBox(tr("Dates"), controls);
    auto *rangeForm = new QFormLayout(rangeBox);
    m_preset = new QComboBox(rangeBox);
    m_preset->setObjectName(QStringLiteral("explorerPreset"));
    m_preset->addItem(tr("Last 30 days"), static_cast<int>(Preset::Last30Days));
    m_preset->addItem(tr("Last 90 days"), static_cast<int>(Preset::Last90Days));
    m_preset->addItem(tr("This month"), static_cast<int>(Preset::ThisMonth));
    m_preset->addItem(tr("Last month"), static_cast<int>(Preset::LastMonth));
    m_preset->addItem(tr("Last 12 months"), static_cast<int>(Preset::Last12Months));
    m_preset->addItem(tr("Custom"), static_cast<int>(Preset::Custom));
    m_preset->setCurrentIndex(1);
    m_from = new QDateEdit(rangeBox);
    m_from->setObjectName(QStringLiteral("explorerFrom"));
    m_to = new QDateEdit(rangeBox);
    m_to->setObjectName(QStringLiteral("explorerTo"));
    m_to->setToolTip(tr("The last day included"));
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    rangeForm->addRow(tr("Range"), m_preset);
    rangeForm->addRow(tr("From"), m_from);
    rangeForm->addRow(tr("To"), m_to);
    controlsLayout->addWidget(rangeBox);

    auto *groupBox = new QGroupBox(tr("Group"), controls);
    auto *groupForm = new QFormLayout(groupBox);
    m_groupBy = new QComboBox(groupBox);
    m_groupBy->setObjectName(QStringLiteral("explorerGroupBy"));
    for (store::Dimension d : kDimensions)
        m_groupBy->addItem(dimensionTitle(d), static_cast<int>(d));
    m_groupBy->setCurrentIndex(2); // Service
    m_tagKey = new QComboBox(groupBox);
    m_tagKey->setObjectName(QStringLiteral("explorerTagKey"));
    m_tagKey->setEnabled(false);
    m_granularity = new QComboBox(groupBox);
    m_granularity->setObjectName(QStringLiteral("explorerGranularity"));
    m_granularity->addItem(tr("Day"), static_cast<int>(store::Granularity::Day));
    m_granularity->addItem(tr("Month"), static_cast<int>(store::Granularity::Month));
    groupForm->addRow(tr("Group by"), m_groupBy);
    groupForm->addRow(tr("Tag key"), m_tagKey);
    groupForm->addRow(tr("Over time by"), m_granularity);
    controlsLayout->addWidget(groupBox);

    m_allocationBox = new QGroupBox(tr("Cost allocation"), controls);
    auto *allocationLayout = new QVBoxLayout(m_allocationBox);
    m_allocated = new QCheckBox(tr("After allocation (by team)"), m_allocationBox);
    m_allocated->setObjectName(QStringLiteral("explorerAllocated"));
    m_allocated->setToolTip(tr("Shared costs (untagged, shared services, Kubernetes idle) split to teams by the "
                               "allocation rules. The total stays the same."));
    auto *allocationRules = new QPushButton(tr("Allocation rules\u2026"), m_allocationBox);
    allocationRules->setObjectName(QStringLiteral("explorerAllocationRules"));
    allocationLayout->addWidget(m_allocated);
    allocationLayout->addWidget(allocationRules);
    controlsLayout->addWidget(m_allocationBox);
    m_allocationBox->hide();
    connect(m_allocated, &QCheckBox::toggled, this, &ExplorerTab::onAllocatedToggled);
    connect(allocationRules, &QPushButton::clicked, this, &ExplorerTab::editAllocationRules);

    auto *filterBox = new QGroupBox(tr("Filter"), controls);
    auto *filterLayout = new QVBoxLayout(filterBox);
    m_filterDim = new QComboBox(filterBox);
    m_filterDim->setObjectName(QStringLiteral("explorerFilterDim"));
    m_filterValues = new QListWidget(filterBox);
    m_filterValues->setObjectName(QStringLiteral("explorerFilterValues"));
    m_filterValues->setToolTip(tr("Only the checked values are included; none checked means all."));
    auto *clear = new QPushButton(tr("Clear filter"), filterBox);
    clear->setObjectName(QStringLiteral("explorerFilterClear"));
    filterLayout->addWidget(m_filterDim);
    filterLayout->addWidget(m_filterValues, 1);
    filterLayout->addWidget(clear);
    controlsLayout->addWidget(filterBox, 1);

    // Answer: chart above table.
    auto *answer = new QSplitter(Qt::Vertical, this);
    m_chart = new QChartView(answer);
    m_chart->setObjectName(QStringLiteral("explorerChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(220);
    auto *tablePane = new QWidget(answer);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    m_model = new CostTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CostTableModel::RawRole);
    m_table = new QTableView(tablePane);
    m_table->setObjectName(QStringLiteral("explorerTable"));
    installTableExport(m_table, QStringLiteral("cost-explorer"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CostTableModel::TotalColumn, Qt::DescendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_total = new QLabel(tablePane);
    m_total->setObjectName(QStringLiteral("explorerTotal"));
    m_total->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_total->font();
    bold.setBold(true);
    m_total->setFont(bold);
    m_note = new QLabel(tablePane);
    m_note->setObjectName(QStringLiteral("explorerNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_total);
    tableLayout->addWidget(m_note);
    answer->addWidget(m_chart);
    answer->addWidget(tablePane);
    answer->setStretchFactor(0, 3);
    answer->setStretchFactor(1, 2);
    answer->setSizes({600, 400}); // chart 60 %, table 40 %, whatever the table's size hint
    answer->setChildrenCollapsible(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(controls);
    layout->addWidget(answer, 1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &ExplorerTab::applyPreset);
    connect(m_from, &QDateEdit::dateChanged, this, &ExplorerTab::onDatesEdited);
    connect(m_to, &QDateEdit::dateChanged, this, &ExplorerTab::onDatesEdited);
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, &ExplorerTab::onGroupByChanged);
    connect(m_tagKey, &QComboBox::currentIndexChanged, this, &ExplorerTab::scheduleRefresh);
    connect(m_granularity, &QComboBox::currentIndexChanged, this, &ExplorerTab::scheduleRefresh);
    connect(m_filterDim, &QComboBox::currentIndexChanged, this, &ExplorerTab::onFilterDimensionChanged);
    connect(m_filterValues, &QListWidget::itemChanged, this, &ExplorerTab::scheduleRefresh);
    connect(clear, &QPushButton::clicked, this, &ExplorerTab::clearFilter);
}

const store::CostSeries &ExplorerTab::series() const { return m_model->series(); }

void ExplorerTab::reload()
{
    ++*m_rangeGeneration;
    m_queries.run<RangeAnswer>(
        this,
        [](store::CostQuery &q) {
            RangeAnswer a;
            a.range = q.dataRange();
            a.tagKeys = q.tagKeys();
            return a;
        },
        [this](const RangeAnswer &a) {
            if (!a.error.isEmpty()) {
                Q_EMIT failed(a.error);
                return;
            }
            const QDate today = m_today ? m_today() : QDateTime::currentDateTimeUtc().date();
            m_anchor = a.range.isEmpty() ? today : std::min(a.range.last, today);
            m_firstDataDay = a.range.first;
            m_reloading = true;
            const QString tagKey = m_tagKey->currentText();
            m_tagKey->clear();
            m_tagKey->addItems(a.tagKeys);
            m_tagKey->setCurrentIndex(std::max(0, static_cast<int>(a.tagKeys.indexOf(tagKey))));
            const QVariant filterDim = m_filterDim->currentData();
            const QString filterKey = m_filterDim->currentData(kTagKeyRole).toString();
            m_filterDim->clear();
            m_filterDim->addItem(tr("No filter"), kNoFilter);
            for (store::Dimension d : kDimensions) {
                if (d == store::Dimension::Tag)
                    continue;
                m_filterDim->addItem(tr("Only these %1 values").arg(dimensionTitle(d).toLower()), static_cast<int>(d));
            }
            for (const QString &k : a.tagKeys) {
                m_filterDim->addItem(tr("Only tag %1 =").arg(k), static_cast<int>(store::Dimension::Tag));
                m_filterDim->setItemData(m_filterDim->count() - 1, k, kTagKeyRole);
            }
            int keep = 0;
            for (int i = 0; i < m_filterDim->count(); ++i)
                if (m_filterDim->itemData(i) == filterDim && m_filterDim->itemData(i, kTagKeyRole).toString() == filterKey)
                    keep = i;
            m_filterDim->setCurrentIndex(keep);
            m_reloading = false;
            const int dimIndex = m_groupBy->currentIndex();
            m_tagKey->setEnabled(m_groupBy->itemData(dimIndex).toInt() == static_cast<int>(store::Dimension::Tag));
            applyPreset();
        },
        m_rangeGeneration);
}

void ExplorerTab::applyPreset()
{
    if (m_reloading || !m_anchor.isValid())
        return;
    const auto preset = static_cast<Preset>(m_preset->currentData().toInt());
    const QDate monthStart(m_anchor.year(), m_anchor.month(), 1);
    QDate from = m_from->date();
    QDate last = m_to->date();
    switch (preset) {
    case Preset::Last30Days: from = m_anchor.addDays(-29); last = m_anchor; break;
    case Preset::Last90Days: from = m_anchor.addDays(-89); last = m_anchor; break;
    case Preset::ThisMonth: from = monthStart; last = m_anchor; break;
    case Preset::LastMonth: from = monthStart.addMonths(-1); last = monthStart.addDays(-1); break;
    case Preset::Last12Months: from = monthStart.addMonths(-11); last = m_anchor; break;
    case Preset::Custom: break;
    }
    m_reloading = true;
    m_from->setDate(from);
    m_to->setDate(last);
    if (preset == Preset::Last12Months)
        m_granularity->setCurrentIndex(m_granularity->findData(static_cast<int>(store::Granularity::Month)));
    m_reloading = false;
    scheduleRefresh();
    reloadFilterValues(); // the values and their costs depend on the range
}

void ExplorerTab::onDatesEdited()
{
    if (m_reloading)
        return;
    m_reloading = true;
    m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(Preset::Custom)));
    m_reloading = false;
    scheduleRefresh();
    reloadFilterValues();
}

void ExplorerTab::onGroupByChanged()
{
    m_tagKey->setEnabled(m_groupBy->currentData().toInt() == static_cast<int>(store::Dimension::Tag));
    scheduleRefresh();
}

void ExplorerTab::onFilterDimensionChanged()
{
    if (m_reloading)
        return;
    m_filterValues->clear();
    reloadFilterValues();
    scheduleRefresh();
}

void ExplorerTab::clearFilter()
{
    m_filterDim->setCurrentIndex(0);
}

void ExplorerTab::reloadFilterValues()
{
    const int dimValue = m_filterDim->currentData().toInt();
    ++*m_valuesGeneration;
    if (dimValue == kNoFilter || m_filterDim->currentIndex() < 0) {
        m_filterValues->clear();
        m_filterValues->setEnabled(false);
        return;
    }
    m_filterValues->setEnabled(true);
    const auto dim = static_cast<store::Dimension>(dimValue);
    const QString tagKey = m_filterDim->currentData(kTagKeyRole).toString();
    const store::CostQuerySpec spec = currentSpec();
    m_queries.run<ValuesAnswer>(
        this,
        [dim, tagKey, spec](store::CostQuery &q) {
            // The choices' costs in the currency of the chart and table (display or main), each
            // month converted with its rate as there; a value billed only without a rate is still
            // a choice, its cost shown in its own currency.
            store::CostQuerySpec values;
            values.from = spec.from;
            values.to = spec.to;
            values.groupBy = dim;
            values.groupTagKey = tagKey;
            values.granularity = store::Granularity::Total;
            values.displayCurrency = spec.displayCurrency.isEmpty() ? q.mainCurrency() : spec.displayCurrency;
            ValuesAnswer a;
            const store::CostSeries series = q.aggregate(values, &a.error);
            a.currency = series.currency;
            QHash<QString, size_t> index;
            for (const store::CostGroup &g : series.groups) {
                auto it = index.constFind(g.key);
                if (it == index.constEnd()) {
                    if (a.values.size() >= kMaxFilterValues)
                        continue;
                    it = index.insert(g.key, a.values.size());
                    a.values.push_back({g.key, g.label, 0, false, {}});
                }
                FilterValue &v = a.values[*it];
                if (g.currency.isEmpty()) {
                    v.nanos += g.total;
                    v.converted = true;
                } else {
                    v.notConverted << moneyText(g.total, g.currency);
                }
            }
            // Largest converted cost first; values with no converted cost after them, by name.
            std::stable_sort(a.values.begin(), a.values.end(), [](const FilterValue &x, const FilterValue &y) {
                if (x.converted != y.converted)
                    return x.converted;
                return x.converted ? x.nanos > y.nanos : x.label.localeAwareCompare(y.label) < 0;
            });
            return a;
        },
        [this](const ValuesAnswer &a) {
            QSet<QString> checked;
            for (int i = 0; i < m_filterValues->count(); ++i)
                if (m_filterValues->item(i)->checkState() == Qt::Checked)
                    checked.insert(m_filterValues->item(i)->data(Qt::UserRole).toString());
            const QSignalBlocker block(m_filterValues);
            m_filterValues->clear();
            for (const FilterValue &v : a.values) {
                auto *item = new QListWidgetItem(v.label, m_filterValues);
                item->setData(Qt::UserRole, v.key);
                QString tip = v.converted ? moneyText(v.nanos, a.currency) : QString();
                if (!v.notConverted.isEmpty()) // named, not added: there is no rate
                    tip += (tip.isEmpty() ? QString() : QStringLiteral("; "))
                           + tr("%1 with no rate to %2").arg(v.notConverted.join(QStringLiteral(", ")), a.currency);
                item->setToolTip(tip);
                item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
                item->setCheckState(checked.contains(v.key) ? Qt::Checked : Qt::Unchecked);
                checked.remove(v.key);
            }
            // A checked value outside the listed ones (showOnly() of a small resource) stays.
            for (const QString &key : std::as_const(checked)) {
                auto *item = new QListWidgetItem(key, m_filterValues);
                item->setData(Qt::UserRole, key);
                item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
                item->setCheckState(Qt::Checked);
            }
        },
        m_valuesGeneration);
}

void ExplorerTab::showOnly(store::Dimension dimension, const QString &key, const QString &label)
{
    m_allocated->setChecked(false); // a question about one value is asked of the costs as billed
    int index = -1;
    for (int i = 0; i < m_filterDim->count(); ++i)
        if (m_filterDim->itemData(i).toInt() == static_cast<int>(dimension)
            && m_filterDim->itemData(i, kTagKeyRole).toString().isEmpty())
            index = i;
    if (index < 0)
        return;
    {
        const QSignalBlocker block(m_filterDim);
        m_filterDim->setCurrentIndex(index);
    }
    {
        const QSignalBlocker block(m_filterValues);
        m_filterValues->clear();
        auto *item = new QListWidgetItem(label.isEmpty() ? key : label, m_filterValues);
        item->setData(Qt::UserRole, key);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(Qt::Checked);
    }
    reloadFilterValues();
    scheduleRefresh();
}

store::CostQuerySpec ExplorerTab::currentSpec() const
{
    store::CostQuerySpec spec;
    spec.from = m_from->date();
    spec.to = m_to->date().addDays(1);
    spec.groupBy = static_cast<store::Dimension>(m_groupBy->currentData().toInt());
    if (spec.groupBy == store::Dimension::Tag)
        spec.groupTagKey = m_tagKey->currentText();
    spec.granularity = static_cast<store::Granularity>(m_granularity->currentData().toInt());
    const int dimValue = m_filterDim->currentData().toInt();
    if (m_filterDim->currentIndex() >= 0 && dimValue != kNoFilter) {
        store::DimensionFilter f;
        f.dimension = static_cast<store::Dimension>(dimValue);
        f.tagKey = m_filterDim->currentData(kTagKeyRole).toString();
        for (int i = 0; i < m_filterValues->count(); ++i)
            if (m_filterValues->item(i)->checkState() == Qt::Checked)
                f.values << m_filterValues->item(i)->data(Qt::UserRole).toString();
        if (!f.values.isEmpty())
            spec.filters << f;
    }
    spec.displayCurrency = displayCurrencySetting();
    return spec;
}

void ExplorerTab::scheduleRefresh()
{
    if (m_reloading || !m_anchor.isValid())
        return;
    // The question changed: an answer still on its way is outdated, drop it.
    ++*m_generation;
    m_refreshTimer->start();
}

void ExplorerTab::setAllocationStore(store::CostStore *store)
{
    m_allocationStore = store;
    m_allocationBox->setVisible(store != nullptr);
    if (!store)
        m_allocated->setChecked(false);
}

void ExplorerTab::setShowAllocated(bool allocated)
{
    m_allocated->setChecked(allocated && m_allocationStore);
}

bool ExplorerTab::showsAllocated() const
{
    return m_allocationStore && m_allocated->isChecked();
}

void ExplorerTab::onAllocatedToggled(bool allocated)
{
    // Allocation answers "by team" for the whole workspace: the group is the team tag, and
    // filters would cut a shared cost from the teams it is split to, so they wait.
    if (allocated && m_allocationStore) {
        const QString teamKey = store::AllocationStore(*m_allocationStore).settings().teamTagKey;
        m_reloading = true;
        m_groupBy->setCurrentIndex(m_groupBy->findData(static_cast<int>(store::Dimension::Tag)));
        if (m_tagKey->findText(teamKey) < 0)
            m_tagKey->addItem(teamKey);
        m_tagKey->setCurrentIndex(m_tagKey->findText(teamKey));
        m_reloading = false;
    }
    for (QWidget *w : {static_cast<QWidget *>(m_groupBy), static_cast<QWidget *>(m_tagKey),
                       static_cast<QWidget *>(m_filterDim), static_cast<QWidget *>(m_filterValues)})
        w->setEnabled(!allocated);
    if (!allocated)
        m_tagKey->setEnabled(m_groupBy->currentData().toInt() == static_cast<int>(store::Dimension::Tag));
    scheduleRefresh();
}

void ExplorerTab::editAllocationRules()
{
    if (!m_allocationStore)
        return;
    auto *dialog = new AllocationRulesDialog(store::AllocationStore(*m_allocationStore).settings(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString error;
        const analysis::AllocationSettings s = dialog->settings(&error);
        if (error.isEmpty() && store::AllocationStore(*m_allocationStore).setSettings(s, &error)) {
            if (showsAllocated())
                onAllocatedToggled(true); // the team tag may have changed
            return;
        }
        Q_EMIT failed(tr("The allocation rules could not be saved: %1").arg(error));
    });
    dialog->open();
}

QString ExplorerTab::groupTitle() const
{
    const auto dim = static_cast<store::Dimension>(m_groupBy->currentData().toInt());
    if (dim == store::Dimension::Tag && !m_tagKey->currentText().isEmpty())
        return tr("Tag %1").arg(m_tagKey->currentText());
    return dimensionTitle(dim);
}

void ExplorerTab::refresh()
{
    store::CostQuerySpec spec = currentSpec();
    if (showsAllocated())
        spec.filters.clear();
    if (spec.to <= spec.from) {
        m_note->setText(tr("The range is empty: pick a “To” date on or after the “From” date."));
        m_note->show();
        return;
    }
    ++*m_generation;
    const QString title = groupTitle();
    m_total->setText(tr("Loading\u2026"));
    const bool allocated = showsAllocated();
    m_queries.run<SeriesAnswer>(
        this,
        [spec = spec, allocated](store::CostQuery &q) mutable {
            SeriesAnswer a;
            if (spec.displayCurrency.isEmpty())
                spec.displayCurrency = q.mainCurrency();
            if (allocated) {
                // Converted to the display currency before the rules split it (AllocationStore::allocate).
                const analysis::AllocationResult r = store::AllocationStore(q.store()).allocate(
                    spec.from, spec.to, spec.granularity, spec.measure, spec.displayCurrency);
                a.chart = r.after.withoutUnconverted();
                a.series = spec.granularity == store::Granularity::Day ? totalsOf(r.after) : r.after;
                int64_t moved = 0;
                int64_t left = 0;
                for (const analysis::AllocationRuleOutcome &o : r.rules) {
                    moved += o.taken - o.unallocated;
                    left += o.unallocated;
                }
                a.allocationNote = !r.error.isEmpty()
                                       ? ExplorerTab::tr("The allocation rules are not applied: %1").arg(r.error)
                                       : ExplorerTab::tr("After allocation: %n rule(s) moved %1 of shared cost to teams; "
                                                         "total before %2, after %3.",
                                                         nullptr, static_cast<int>(r.rules.size()))
                                             .arg(moneyText(moved, r.after.currency), moneyText(r.before.total, r.before.currency),
                                                  moneyText(r.after.total, r.after.currency));
                if (r.error.isEmpty() && left != 0)
                    a.allocationNote += u' ' + ExplorerTab::tr("%1 found no team to go to and stays where it was.")
                                                   .arg(moneyText(left, r.after.currency));
                if (const QString missing = unconvertedNote(r.unconverted, r.after.currency); !missing.isEmpty())
                    a.allocationNote += u' ' + missing;
                return a;
            }
            if (spec.granularity == store::Granularity::Day) {
                // Per day, the table shows each group's total and only the chart needs days: one
                // answer per resource and day would be large and slow for no visible gain.
                store::CostQuerySpec totals = spec;
                totals.granularity = store::Granularity::Total;
                a.series = q.aggregate(totals, &a.error);
                store::CostQuerySpec chart = spec;
                chart.maxGroups = kChartGroups;
                if (a.error.isEmpty())
                    a.chart = q.aggregate(chart, &a.error);
            } else {
                a.series = q.aggregate(spec, &a.error);
                a.chart = a.series;
            }
            return a;
        },
        [this, title](const SeriesAnswer &a) {
            if (!a.error.isEmpty()) {
                m_note->setText(tr("The query failed: %1").arg(a.error));
                m_note->show();
                Q_EMIT failed(a.error);
                return;
            }
            m_model->setSeries(a.series, title);
            m_chartSeries = a.chart;
            m_total->setText(tr("Total: %1 in %n group(s)", nullptr, static_cast<int>(a.series.groups.size()))
                                 .arg(moneyText(a.series.total, a.series.currency)));
            if (!a.allocationNote.isEmpty()) {
                m_note->setText(a.allocationNote);
                m_note->show();
            } else if (const QString missing = unconvertedNote(a.series); !missing.isEmpty()) {
                m_note->setText(missing);
                m_note->show();
            } else if (a.series.otherCurrencies.isEmpty()) {
                m_note->hide();
            } else {
                m_note->setText(tr("Amounts in %1. Costs billed in %2 are not included.")
                                    .arg(a.series.currency, a.series.otherCurrencies.join(QStringLiteral(", "))));
                m_note->show();
            }
            // With month columns the labels keep their width and the months scroll; otherwise the
            // label column takes the spare room.
            m_table->horizontalHeader()->setSectionResizeMode(
                CostTableModel::GroupColumn, m_model->columnCount() > CostTableModel::FirstBucketColumn
                                                 ? QHeaderView::ResizeToContents
                                                 : QHeaderView::Stretch);
            renderChart();
            Q_EMIT loaded();
        },
        m_generation);
}

void ExplorerTab::renderChart()
{
    const store::CostSeries &s = m_chartSeries;
    // A chart stacks one currency: amounts with no rate are in the table and the note only.
    QChart *chart = makeStackedCostChart(s.withoutUnconverted().collapsed(kChartGroups, tr("Other")), palette());
    chart->setTitle(tr("%1 by %2, %3 to %4")
                        .arg(s.granularity == store::Granularity::Month ? tr("Monthly cost") : tr("Daily cost"),
                             groupTitle().toLower(), m_from->date().toString(Qt::ISODate),
                             m_to->date().toString(Qt::ISODate))
                    + (showsAllocated() ? tr(", after allocation") : QString()));
    QFont f = chart->titleFont();
    f.setBold(true);
    chart->setTitleFont(f);
    QChart *old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

void ExplorerTab::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_chartSeries.buckets.empty())
        renderChart();
}

void ExplorerTab::showQuestion(const store::CostQuerySpec &spec, const QString &label)
{
    m_allocated->setChecked(false);
    m_reloading = true;
    m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(Preset::Custom)));
    m_from->setDate(spec.from);
    m_to->setDate(spec.to.addDays(-1));
    if (spec.groupBy)
        m_groupBy->setCurrentIndex(m_groupBy->findData(static_cast<int>(*spec.groupBy)));
    if (spec.groupBy == store::Dimension::Tag)
        m_tagKey->setCurrentIndex(std::max(0, m_tagKey->findText(spec.groupTagKey)));
    m_tagKey->setEnabled(spec.groupBy == store::Dimension::Tag);
    m_granularity->setCurrentIndex(m_granularity->findData(static_cast<int>(spec.granularity)));
    int filterIndex = 0; // no filter
    const store::DimensionFilter filter = spec.filters.isEmpty() ? store::DimensionFilter{} : spec.filters.first();
    if (!spec.filters.isEmpty()) {
        for (int i = 0; i < m_filterDim->count(); ++i)
            if (m_filterDim->itemData(i).toInt() == static_cast<int>(filter.dimension)
                && m_filterDim->itemData(i, kTagKeyRole).toString() == filter.tagKey)
                filterIndex = i;
    }
    m_filterDim->setCurrentIndex(filterIndex);
    {
        const QSignalBlocker block(m_filterValues);
        m_filterValues->clear();
        if (filterIndex > 0) {
            for (const QString &key : filter.values) {
                auto *item = new QListWidgetItem(filter.values.size() == 1 && !label.isEmpty() ? label : key,
                                                 m_filterValues);
                item->setData(Qt::UserRole, key);
                item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
                item->setCheckState(Qt::Checked);
            }
        }
    }
    m_reloading = false;
    reloadFilterValues();
    scheduleRefresh();
}

} // namespace costscope::views
